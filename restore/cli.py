"""`vanban restore [FILE|-] [-o OUT] [--show-changes] [--mode M]`, wired into cli.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vanban.restore.api import assess, restore_text


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="vanban restore",
        description="Give garbled (English-OCR) or accent-less Vietnamese its diacritics back.",
    )
    ap.add_argument("file", nargs="?", default="-", help="input text file, or - for stdin")
    ap.add_argument("-o", "--output", help="write the restored text here (default: stdout)")
    ap.add_argument(
        "--show-changes",
        action="store_true",
        help="list every changed token with its confidence on stderr",
    )
    ap.add_argument(
        "--mode",
        choices=("auto", "garbled", "noaccent", "correct"),
        default="auto",
        help="channel to assume; auto decides from the text's spelling",
    )
    args = ap.parse_args(argv)
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
    except OSError as exc:
        print(f"vanban restore: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    verdict = assess(text)
    mode = None if args.mode == "auto" else args.mode
    result = restore_text(text, mode=mode)
    if args.output:
        Path(args.output).write_text(result.text, "utf-8")
    else:
        sys.stdout.write(result.text)
    if args.show_changes:
        print(
            f"# {verdict.reason}; {result.n_changed} of {len(result.tokens)} tokens changed",
            file=sys.stderr,
        )
        for t in result.tokens:
            if t.changed:
                alts = ", ".join(f"{a} {p:.2f}" for a, p in t.alternatives)
                print(
                    f"{t.start}\t{t.original} -> {t.chosen}\t{t.confidence:.2f}\t{alts}",
                    file=sys.stderr,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
