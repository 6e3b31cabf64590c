"""Line styles measured against the page (vanban.layout.measure / decide), on small pages."""

from __future__ import annotations

from vanban.layout import ALL_SIGNALS, LineGeom, decide, line_styles, measure, styles_for
from vanban.models.records import LineStyle

H = 10.0  # line height; body from x=50 to x=550, pitch 14


def _line(top: float, x0: float = 50.0, x1: float = 550.0, **kw: float) -> LineGeom:
    return LineGeom(x0, x1, top, top + H, kw.pop("height", H), **kw)  # type: ignore[arg-type]


def test_a_wider_pitch_starts_a_paragraph() -> None:
    tops = [0, 14, 28, 49, 63]  # a half line of extra space before the fourth line
    s = line_styles([_line(t) for t in tops])
    assert [x.paragraph_break for x in s] == [False, False, False, True, False]


def test_a_short_line_ends_its_paragraph_and_an_indent_opens_one() -> None:
    geoms = [_line(0), _line(14, x1=300), _line(28), _line(42), _line(56, x0=70), _line(70)]
    s = decide(measure(geoms), ALL_SIGNALS)
    assert [x.paragraph_break for x in s] == [False, False, True, False, True, False]
    # indent is off by default (no dev evidence yet), the short line still counts
    default = line_styles(geoms)
    assert [x.paragraph_break for x in default] == [False, False, True, False, False, False]


def test_centred_lines_and_lines_after_a_table_row_say_nothing() -> None:
    geoms = [_line(0, x0=200, x1=400), _line(14, x0=220, x1=380), _line(28), None, _line(56),
             _line(70)]
    s = line_styles(geoms)
    assert s[0].centred and s[1].centred
    assert not s[1].paragraph_break  # a centred title's second line
    assert not s[4].paragraph_break  # nothing measured above it
    assert s[3] == LineStyle()


def test_bold_font_and_heavy_strokes_and_large_type_emphasise() -> None:
    geoms = [_line(0, bold=1.0, stroke=2.0), _line(14, bold=0.0, stroke=2.0),
             _line(28, bold=0.2, stroke=3.0), _line(42, stroke=2.1),
             _line(56, height=16.0, stroke=2.0)]
    m = measure(geoms)
    assert m[2].stroke == 1.5 and m[4].height == 1.6
    s = decide(m)
    assert [x.emphasised for x in s] == [True, False, True, False, True]
    assert [x.emphasised for x in decide(m, frozenset({"bold"}))] == [True] + [False] * 4


def test_too_few_lines_are_not_measured() -> None:
    assert line_styles([_line(0), None]) == (LineStyle(), LineStyle())


def test_styles_only_describe_the_text_they_were_measured_on() -> None:
    styles = (LineStyle(emphasised=True), LineStyle())
    assert styles_for("a\nb", styles) == styles
    assert styles_for("a\nb\nc", styles) == ()
