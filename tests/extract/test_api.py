"""The five seeds against their hand-made gold (tests/golden/extract): issue 4's targets."""

import json
from pathlib import Path

import pytest

from tools.evaluate.gold import SEEDS, is_test_document, prf, run_set
from vanban.extract import extract_document
from vanban.models.records import PageText

GOLD = sorted(SEEDS.glob("*.json"))


@pytest.mark.skipif(not GOLD, reason="seed gold annotations not present")
def test_seeds_meet_issue_targets() -> None:
    tallies, meta, _, n = run_set(GOLD)
    blind = [p for p in GOLD if is_test_document(p, json.loads(p.read_text(encoding="utf-8")))]
    assert n == len(GOLD) - len(blind) and len(blind) == 1  # seed 003 is the blind test seed
    sch, dirs = tallies["schedule"], tallies["directive"]
    assert prf(sch.matched, sch.pred, sch.gold)[2] >= 0.97
    for f in ("date", "session", "text", "owner", "leaders"):
        assert prf(sch.field_ok[f], sch.pred, sch.gold)[2] >= 0.95, f
    assert prf(dirs.matched, dirs.pred, dirs.gold)[2] >= 0.9
    for f in ("owner", "deadline"):
        assert dirs.field_ok[f] / dirs.matched >= 0.95, f
    assert all(meta.field_ok[f] == meta.matched for f in meta.field_ok)


def test_dev_documents_from_text_meet_issue_11_text_targets() -> None:
    """Issue 11's targets from clean text, held on every dev gold (own, heldout, new dev;
    run_set skips the blind test documents): schedule F1 >= 0.99, directive F1 >= 0.97,
    owner >= 0.96, deadline >= 0.98. The gold follows the issue's conventions (joint subjects,
    one task per deadline, titles without the period line)."""
    from tools.evaluate.gold import HELDOUT, NEW, OWN

    paths = [p for d in (OWN, HELDOUT, NEW) for p in sorted(d.glob("*.json"))]
    tallies, meta, _, n = run_set(paths)
    assert n >= 40
    sch, dirs = tallies["schedule"], tallies["directive"]
    assert prf(sch.matched, sch.pred, sch.gold)[2] >= 0.99
    assert prf(dirs.matched, dirs.pred, dirs.gold)[2] >= 0.97
    assert dirs.field_ok["owner"] / dirs.matched >= 0.96
    assert dirs.field_ok["deadline"] / dirs.matched >= 0.98
    for f in meta.field_ok:
        assert meta.field_ok[f] / meta.matched >= 0.95, f


def test_schedule_document_gives_only_schedule_rows(tmp_path: Path) -> None:
    text = ("Hà Tĩnh, ngày 02 tháng 12 năm 2019\n\nCHƯƠNG TRÌNH CÔNG TÁC THÁNG 12 NĂM 2019\n\n"
            "1. Các công việc cần tập trung cao:\n\n- Kiểm tra các xã;\n\n"
            "NGÀY/ THỨ\tNỘI DUNG CÔNG VIỆC\tCHỦ TRÌ CHUẨN BỊ\tLÃNH ĐẠO\n"
            "02 Thứ 2\tBuổi sáng\t\t\n\tGiao ban\tPhòng HCTHTT\tĐ/c Oánh\n")
    ex = extract_document([PageText(1, "plain_text", text)])
    assert [t.kind for t in ex.tasks] == ["schedule"]
    assert ex.meta.doc_type == "chuong_trinh_cong_tac"
    assert ex.meta.doc_type_name == "CHƯƠNG TRÌNH CÔNG TÁC"


def test_directive_year_from_title_when_no_issue_date() -> None:
    text = ("KẾ HOẠCH\n\nXây dựng hồ sơ năm 2020\n\nI. NỘI DUNG\n\n"
            "- UBND các xã gửi văn bản góp ý (trước ngày 26/10)\n")
    ex = extract_document([PageText(1, "plain_text", text)])
    assert len(ex.tasks) == 1
    t = ex.tasks[0]
    assert t.owner == "UBND các xã"
    assert t.deadline is not None and t.deadline.isoformat() == "2020-10-26"


def test_empty_input() -> None:
    ex = extract_document([])
    assert ex.tasks == () and ex.meta.doc_type is None


def test_plan_with_task_table_gives_each_row_once() -> None:
    text = "\n".join([
        "KẾ HOẠCH", "Triển khai OCOP năm 2022", "", "III. NHIỆM VỤ", "",
        "TT\tNỘI DUNG CÔNG VIỆC\tĐƠN VỊ CHỦ TRÌ\tTHỜI GIAN",
        "1\tRà soát ý tưởng sản phẩm\tPhòng Nông nghiệp và PTNT\tTháng 5/2022",
        "", "IV. TỔ CHỨC THỰC HIỆN", "",
        "1. Phòng Tài chính - Kế hoạch cân đối kinh phí trước ngày 10/5.", "",
    ])
    ex = extract_document([PageText(1, "plain_text", text)])
    assert [(t.kind, t.section, t.owner) for t in ex.tasks] == [
        ("directive", "III.1", "Phòng Nông nghiệp và PTNT"),
        ("directive", "IV.1", "Phòng Tài chính - Kế hoạch"),
    ]
