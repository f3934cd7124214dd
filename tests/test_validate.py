"""Every validation rule of DESIGN.md §3: the exact line a person reads."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from chibo.records import RecordsError, load_records
from conftest import DATA

GOOD = """\
id: khoa-duoc
name: Chi bộ Khoa Dược
type: giang-day
"""
F = "records/chi-bo/khoa-duoc.yml"
PROGRAMME = "records/chuong-trinh/kieu-mau-2022-2025/chuong-trinh.yml"
BOOK = "records/chuong-trinh/kieu-mau-2022-2025/tieu-chi.yml"
PLAN = "records/chuong-trinh/kieu-mau-2022-2025/ke-hoach.md"


def problems_for(project: Path, files: dict[str, str | bytes]) -> list[str]:
    for name, content in files.items():
        path = project / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    with pytest.raises(RecordsError) as caught:
        load_records(project)
    return str(caught.value).splitlines()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(DATA / "mini" / "records", tmp_path / "records")
    return tmp_path


def test_mini_records_are_valid(project: Path) -> None:
    records = load_records(project)
    assert [c.id for c in records.cells] == ["khoa-duoc"]
    assert [p.id for p in records.programmes] == ["kieu-mau-2022-2025"]
    assert records.file_count == 5  # dang-bo.yml, the programme's three files, the cell


CASES = {
    "unknown key, with a suggestion": (
        GOOD + "secretry: Trần Thị Hoa\n",
        [f"{F}:4:1: lỗi: secretry: khóa 'secretry' không được dùng ở đây; có phải là 'secretary'?"],
    ),
    "duplicate key": (
        GOOD + "name: Chi bộ Dược\n",
        [f"{F}:4:1: lỗi: name: khóa 'name' bị lặp (đã có ở dòng 2)"],
    ),
    "missing required field": (
        "id: khoa-duoc\ntype: giang-day\n",
        [f"{F}:1:1: lỗi: name: thiếu trường bắt buộc"],
    ),
    "missing field in a list item points at the item": (
        GOOD + "results:\n  - rating: tot\n",
        [f"{F}:5:5: lỗi: results[0].year: thiếu trường bắt buộc"],
    ),
    "wrong type: text for a number": (
        GOOD + "members: mười tám\n",
        [f"{F}:4:10: lỗi: members: 'mười tám' phải là số nguyên"],
    ),
    "wrong type: YAML 1.1 octal is not a number": (
        GOOD + "members: 010\n",
        [f"{F}:4:10: lỗi: members: '010' phải là số nguyên, viết không có số 0 ở đầu: 10"],
    ),
    "wrong type: a number where text is expected": (
        GOOD + "secretary: 2022\n",
        [f"{F}:4:12: lỗi: secretary: phải là văn bản; nếu đúng là '2022', hãy đặt trong dấu nháy: \"2022\""],
    ),
    "'no' stays the author's text": (
        GOOD + "secretary: no\n",
        [],
    ),
    "unknown rating code": (
        GOOD + "results:\n  - year: 2022\n    rating: tot-lam\n",
        [
            f"{F}:6:13: lỗi: results[0].rating: 'tot-lam' không hợp lệ; chọn một trong: "
            "xuat-sac, tot, hoan-thanh, khong-hoan-thanh"
        ],
    ),
    "unknown cell type": (
        "id: khoa-duoc\nname: Chi bộ Khoa Dược\ntype: benh-vien\n",
        [f"{F}:3:7: lỗi: type: 'benh-vien' không hợp lệ; chọn một trong: giang-day, sinh-vien"],
    ),
    "unknown criterion id": (
        GOOD + "results:\n  - year: 2022\n    criteria: {tc1: dat, tc9: dat}\n",
        [f"{F}:6:26: lỗi: results[0].criteria.tc9: tiêu chí 'tc9' không có; chọn một trong: tc1, tc2"],
    ),
    "unknown criterion result": (
        GOOD + "results:\n  - year: 2022\n    criteria: {tc1: tot}\n",
        [f"{F}:6:21: lỗi: results[0].criteria.tc1: 'tot' không hợp lệ; chọn một trong: dat, chua-dat"],
    ),
    "malformed id": (
        "id: Khoa Dược\nname: Chi bộ Khoa Dược\ntype: giang-day\n",
        [
            f"{F}:1:5: lỗi: id: 'Khoa Dược' không phải mã hợp lệ (có chữ hoa 'K'): chỉ gồm chữ thường không dấu, "
            "chữ số và dấu gạch nối, ví dụ 'khoa-duoc'"
        ],
    ),
    "id differs from the file name": (
        "id: khoa-y\nname: Chi bộ Khoa Dược\ntype: giang-day\n",
        [f"{F}:1:5: lỗi: id: mã chi bộ 'khoa-y' phải trùng tên tệp 'khoa-duoc.yml'"],
    ),
    "duplicate result years": (
        GOOD + "results:\n  - year: 2022\n  - year: 2022\n",
        [f"{F}:6:11: lỗi: results[1].year: năm '2022' bị trùng với mục [0]"],
    ),
    "negative count": (
        GOOD + "results:\n  - year: 2022\n    members: {xuat-sac: -1}\n",
        [f"{F}:6:25: lỗi: results[0].members.xuat-sac: '-1' không hợp lệ: số không được âm"],
    ),
    "impossible date": (
        GOOD + "registration:\n  - date: 2022-02-30\n    status: dang-ky\n    year: 2022\n",
        [f"{F}:5:11: lỗi: registration[0].date: ngày '2022-02-30' không tồn tại"],
    ),
    "events out of order": (
        GOOD + "registration:\n  - {date: 2022-06-11, status: dang-ky, year: 2022}\n"
        "  - {date: 2022-06-01, status: khao-sat, year: 2022}\n",
        [
            f"{F}:6:12: lỗi: registration[1].date: sự kiện ngày 01-6-2022 đứng sau sự kiện ngày "
            "11-6-2022; hãy xếp theo thứ tự ngày"
        ],
    ),
    "selected without registering": (
        GOOD + "registration:\n  - {date: 2022-06-20, status: lua-chon, year: 2022}\n",
        [f"{F}:5:32: lỗi: registration[0].status: 'lua-chon' cho năm 2022 cần một sự kiện 'dang-ky' năm 2022 trước đó"],
    ),
    "model with a rating below tot": (
        GOOD + "results:\n  - year: 2022\n    rating: hoan-thanh\n    model: true\n",
        [f"{F}:7:12: lỗi: results[0].model: 'model: true' cần xếp loại 'xuat-sac' hoặc 'tot' trong cùng năm"],
    ),
    "model with a criterion not met": (
        GOOD + "results:\n  - year: 2022\n    rating: tot\n    criteria: {tc1: dat, tc2: chua-dat}\n    model: true\n",
        [f"{F}:8:12: lỗi: results[0].model: 'model: true' nhưng tiêu chí tc2 'chua-dat'"],
    ),
}


@pytest.mark.parametrize("content, expected", CASES.values(), ids=CASES.keys())
def test_rule(project: Path, content: str, expected: list[str]) -> None:
    path = project / F
    path.write_text(content, encoding="utf-8")
    if not expected:
        load_records(project)
        return
    assert problems_for(project, {}) == expected


SAFETY = {
    "syntax error": (
        b"id: [khoa-duoc\n",
        [f"{F}:2:1: lỗi: cú pháp YAML không hợp lệ: thiếu dấu ',' hoặc ']' trong danh sách"],
    ),
    "tab indentation": (
        b"id: khoa-duoc\nresults:\n\t- year: 2022\n",
        [f"{F}:3:1: lỗi: cú pháp YAML không hợp lệ: có ký tự Tab; YAML chỉ thụt lề bằng dấu cách"],
    ),
    # "Chi bộ Khoa Dược" as Windows-1258 writes it (base letters with combining tones).
    "non-UTF-8 bytes": (
        b"id: khoa-duoc\nname: Chi b\xf4\xf2 Khoa D\xfd\xf5\xf2c\n",
        [
            f"{F}:2:12: lỗi: tệp không phải UTF-8 (byte 0xF4; có thể lưu bằng Windows-1258 hoặc "
            "mã cũ khác); hãy lưu lại với mã UTF-8"
        ],
    ),
    "anchor": (b"id: &a khoa-duoc\n", [f"{F}:1:5: lỗi: không dùng neo YAML ('&a'); hãy viết đầy đủ giá trị"]),
    "alias": (b"a: x\nid: *a\n", [f"{F}:2:5: lỗi: không dùng bí danh YAML ('*a'); hãy viết đầy đủ giá trị"]),
    "merge key": (
        b"<<: {id: khoa-duoc}\n",
        [f"{F}:1:1: lỗi: không dùng khóa gộp YAML ('<<'); hãy viết đầy đủ các khóa"],
    ),
    "custom tag": (
        b"id: !cell khoa-duoc\n",
        [f"{F}:1:5: lỗi: không dùng thẻ YAML ('!cell'); hãy bỏ thẻ, đặt giá trị trong dấu nháy nếu là văn bản"],
    ),
    "several documents": (
        GOOD.encode() + b"---\nid: x\n",
        [f"{F}:4:1: lỗi: tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thứ hai)"],
    ),
    "not a mapping": (b"- khoa-duoc\n", [f"{F}:1:1: lỗi: nội dung tệp phải là các cặp 'khóa: giá trị'"]),
    "too large": (
        GOOD.encode() + b"note: " + b"x" * (300 * 1024) + b"\n",
        [f"{F}:1:1: lỗi: tệp quá lớn (300 KiB; tối đa 256 KiB)"],
    ),
    "empty": (b"\n", [f"{F}:1:1: lỗi: tệp rỗng"]),
}


@pytest.mark.parametrize("content, expected", SAFETY.values(), ids=SAFETY.keys())
def test_unsafe_input_is_refused(project: Path, content: bytes, expected: list[str]) -> None:
    assert problems_for(project, {F: content}) == expected


def test_every_problem_in_every_file_at_once(project: Path) -> None:
    lines = problems_for(
        project,
        {
            F: GOOD + "members: -3\nresults:\n  - year: 2022\n    rating: tot-lam\n",
            "records/chi-bo/phong-dao-tao.yml": "id: phong-dao-tao\ntype: hanh-chinh\n",
            BOOK: (DATA / "mini" / BOOK).read_text() + "  - id: tc1\n"
            "    group: chi-bo\n    title: Lặp\n    indicators: [x]\n",
        },
    )
    assert lines == [
        f"{F}:4:10: lỗi: members: '-3' không hợp lệ: số không được âm",
        f"{F}:7:13: lỗi: results[0].rating: 'tot-lam' không hợp lệ; chọn một trong: "
        "xuat-sac, tot, hoan-thanh, khong-hoan-thanh",
        "records/chi-bo/phong-dao-tao.yml:1:1: lỗi: name: thiếu trường bắt buộc",
        "records/chi-bo/phong-dao-tao.yml:2:7: lỗi: type: 'hanh-chinh' không hợp lệ; chọn một trong: giang-day, "
        "sinh-vien",
        f"{BOOK}:16:9: lỗi: criteria[2].id: mã tiêu chí 'tc1' bị trùng với mục [0]",
    ]


def test_rules_across_fields_run_even_when_a_value_has_the_wrong_type(project: Path) -> None:
    lines = problems_for(
        project,
        {
            F: "id: khoa-y\nname: Chi bộ\ntype: benh-vien\nregistration:\n"
            "  - {date: 2022-06-11, status: dang-ky, year: 2022}\n"
            "  - {date: 2022-06-01, status: khao-sat, year: 2022}\n"
            "results:\n  - {year: 2022, rating: tot-lam, model: true}\n"
        },
    )
    assert lines == [
        f"{F}:1:5: lỗi: id: mã chi bộ 'khoa-y' phải trùng tên tệp 'khoa-duoc.yml'",
        f"{F}:3:7: lỗi: type: 'benh-vien' không hợp lệ; chọn một trong: giang-day, sinh-vien",
        f"{F}:6:12: lỗi: registration[1].date: sự kiện ngày 01-6-2022 đứng sau sự kiện ngày 11-6-2022; "
        "hãy xếp theo thứ tự ngày",
        f"{F}:8:26: lỗi: results[0].rating: 'tot-lam' không hợp lệ; chọn một trong: xuat-sac, tot, hoan-thanh, "
        "khong-hoan-thanh",
        f"{F}:8:42: lỗi: results[0].model: 'model: true' cần xếp loại 'xuat-sac' hoặc 'tot' trong cùng năm",
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "    percent: 20\n",
            "    percent: 100\n",
            f"{PROGRAMME}:49:14: lỗi: targets[1].percent: chỉ tiêu 'trên 100%' không thể đạt; dùng comparison: "
            '">=" với percent: 100',
        ),
        (
            "\ntargets:",
            "\nmilestones:\n  - {id: m, date: 2025-06-30, title: M, done: 2026-01-05}\ntargets:",
            f"{PROGRAMME}:39:47: lỗi: milestones[0].done: ngày hoàn thành 05-01-2026 sau ngày số liệu as_of "
            "(31-12-2025) của records/dang-bo.yml; hãy cập nhật as_of",
        ),
    ],
)
def test_programme_rules(project: Path, old: str, new: str, expected: str) -> None:
    base = (DATA / "mini" / PROGRAMME).read_text(encoding="utf-8")
    assert old in base
    assert problems_for(project, {PROGRAMME: base.replace(old, new)}) == [expected]


def test_rating_rule_ranges_may_not_overlap(project: Path) -> None:
    base = (DATA / "mini/records/dang-bo.yml").read_text(encoding="utf-8")
    text = base.replace(
        "rules:\n  - from: 2022\n    to: 2024\n    documents: [qd-132]\n",
        "rules:\n  - {from: 2019, to: 2022, documents: [qd-132]}\n  - {from: 2022, to: 2024, documents: [qd-132]}\n",
    )
    assert text != base
    assert problems_for(project, {"records/dang-bo.yml": text}) == [
        "records/dang-bo.yml:30:12: lỗi: rules[1].from: năm 2022 đã thuộc căn cứ rules[0]; "
        "các khoảng năm không được chồng nhau"
    ]


def test_committee_references_are_checked(project: Path) -> None:
    text = (DATA / "mini/records/dang-bo.yml").read_text().replace("documents: [qd-132]", "documents: [qd-999]")
    assert problems_for(project, {"records/dang-bo.yml": text}) == [
        "records/dang-bo.yml:31:17: lỗi: rules[0].documents[0]: văn bản 'qd-999' không có trong 'documents'",
    ]


def test_missing_records_are_named(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    with pytest.raises(RecordsError) as caught:
        load_records(tmp_path)
    assert str(caught.value).splitlines() == [
        "records/chi-bo:1:1: lỗi: thiếu thư mục hồ sơ chi bộ",
        "records/dang-bo.yml:1:1: lỗi: thiếu tệp hồ sơ này",
    ]


# --- every rule said in words ---------------------------------------------------------------

HOSTILE = (None, True, 0, -1, 0.5, 100.5, 10**9, "x", "", '"12"', '"false"', "[1]", "{a: 1}", "2022-01-01", "08")


def _messages() -> dict[str, set[str]]:
    """Each field of each record model given each hostile value: every message, by error kind."""
    import inspect

    import yaml
    from chibo.records import committee, models, programme
    from chibo.records.loader import read_document
    from chibo.records.validate import check
    from pydantic import BaseModel, ValidationError

    found: dict[str, set[str]] = {}
    for module in (models, committee, programme):
        for _, model in inspect.getmembers(module, inspect.isclass):
            if not (issubclass(model, BaseModel) and model.__module__ == module.__name__):
                continue
            for name, info in model.model_fields.items():
                for value in HOSTILE:
                    key = info.alias or name
                    text = f"{key}: {value if isinstance(value, str) else yaml.safe_dump(value).split(chr(10))[0]}\n"
                    doc, _ = read_document(Path("x.yml"), "records/x.yml", text)
                    try:
                        model.model_validate(doc.data)
                    except ValidationError as error:
                        kinds = {e["type"] for e in error.errors() if e["loc"][:1] == (key,)}
                        messages = {p.message for p in check(doc, model)[1] if p.path.split(".")[0].startswith(key)}
                        for kind in kinds:
                            found.setdefault(kind, set()).update(messages)
    return found


def test_every_rule_a_model_checks_is_said_in_words() -> None:
    found = _messages()
    assert {"greater_than", "less_than_equal", "int_type", "bool_type", "model_type", "literal_error"} <= set(found)
    for kind, messages in found.items():
        for message in messages:
            assert kind not in message and "loại lỗi" not in message, message
            assert "không hợp lệ ở đây" not in message, (kind, message)  # the words for an unknown kind
            assert "None" not in message and "{'" not in message, message  # no Python value
            assert not re.search(r"[0-9]\.0(?![0-9])", message), message  # no "100.0": numbers as people write them


# --- programmes (records/chuong-trinh/<id>/) -------------------------------------------------


def mini_programme() -> str:
    return (DATA / "mini" / PROGRAMME).read_text(encoding="utf-8")


def without_selection(extra: str = "") -> str:
    """The mini programme without its ``selection:`` block (``extra`` in its place)."""
    text = mini_programme()
    return text[: text.index("selection:\n")] + extra + text[text.index("recognition:\n") :]


def edited(old: str, new: str) -> str:
    text = mini_programme()
    assert old in text
    return text.replace(old, new, 1)


P = PROGRAMME
PROGRAMME_CASES = {
    "a selection step without its conditions": (
        without_selection(),
        [
            f"{P}:2:1: lỗi: workflow.selection: có bước lựa chọn nhưng thiếu mục 'selection' (điều kiện lựa chọn); "
            "hoặc ghi workflow.selection: false"
        ],
    ),
    "recognising the selected without a selection step": (
        without_selection("workflow: {selection: false}\n"),
        [
            "records/chi-bo/khoa-duoc.yml:12:11: lỗi: registration[1].year: chương trình kieu-mau-2022-2025 "
            "(2022–2025) của năm 2022 không có bước lựa chọn",
            f"{P}:27:13: lỗi: recognition.conditions[0].kind: 'duoc-lua-chon' cần bước lựa chọn "
            "(workflow.selection: true)",
        ],
    ),
    "conditions of selection without a selection step": (
        edited("recognition:\n", "workflow: {selection: false}\nrecognition:\n"),
        [
            "records/chi-bo/khoa-duoc.yml:12:11: lỗi: registration[1].year: chương trình kieu-mau-2022-2025 "
            "(2022–2025) của năm 2022 không có bước lựa chọn",
            f"{P}:25:3: lỗi: selection: có mục 'selection' nhưng workflow.selection là false; bỏ mục này hoặc đặt "
            "workflow.selection: true",
            f"{P}:36:13: lỗi: recognition.conditions[0].kind: 'duoc-lua-chon' cần bước lựa chọn "
            "(workflow.selection: true)",
        ],
    ),
    "a condition of a kind the code does not know": (
        edited("    - kind: lanh-dao\n", "    - kind: lanh-dao-tot\n"),
        [
            f"{P}:31:13: lỗi: selection.conditions[4].kind: 'lanh-dao-tot' không hợp lệ; chọn một trong: "
            "nhieu-nam-tot, tieu-chi-chi-bo, tieu-chi-dang-vien, dang-vien-hoan-thanh, lanh-dao"
        ],
    ),
    "a condition said twice": (
        edited("    - kind: lanh-dao\n", "    - kind: lanh-dao\n    - kind: lanh-dao\n"),
        [f"{P}:32:13: lỗi: selection.conditions[5].kind: điều kiện 'lanh-dao' bị lặp"],
    ),
    "a placeholder the wording does not know": (
        edited("    - kind: lanh-dao\n", "    - kind: lanh-dao\n      text: Chi bộ lãnh đạo tốt năm {nam_sau}\n"),
        [
            f"{P}:32:13: lỗi: selection.conditions[4].text: không có chỗ điền {{nam_sau}}; dùng: {{den_nam}}, "
            "{lanh_dao}, {nam}, {nam_truoc}, {so_nam}, {so_tieu_chi}, {tu_nam}"
        ],
    ),
    "a target outside the period": (
        edited("    year: 2025\n", "    year: 2026\n"),
        [f"{P}:44:11: lỗi: targets[0].year: năm 2026 nằm ngoài giai đoạn 2022–2025"],
    ),
    "first year's min above its max": (
        edited("first_year: {min: 1, max: 2}", "first_year: {min: 3, max: 2}"),
        [f"{P}:32:29: lỗi: selection.first_year.max: 2 nhỏ hơn min (3)"],
    ),
    "a plan implementing a document the committee does not list": (
        edited("[de-an-02]", "[de-an-03]"),
        [f"{P}:9:16: lỗi: plan.implements[0]: văn bản 'de-an-03' không có trong 'documents' của records/dang-bo.yml"],
    ),
    # one error, where it is: the cells and targets are not blamed for it
    "a period that ends before it starts": (
        edited("{start: 2022, end: 2025}", "{start: 2025, end: 2022}"),
        [f"{P}:12:28: lỗi: period.end: năm kết thúc trước năm bắt đầu"],
    ),
    "monthly roll-up naming a criterion the set lacks, from a month before the period": (
        edited("targets:\n", 'monthly: {months: 10, every_month: [tc3], first_month: "2021-02"}\ntargets:\n'),
        [
            f"{P}:38:37: lỗi: monthly.every_month[0]: tiêu chí 'tc3' không có; chọn một trong: tc1, tc2",
            f"{P}:38:56: lỗi: monthly.first_month: tháng 2021-02 nằm ngoài giai đoạn 2022–2025",
        ],
    ),
    "a month that is no month": (
        edited("targets:\n", 'monthly: {months: 10, first_month: "2022-13"}\ntargets:\n'),
        [
            f"{P}:38:36: lỗi: monthly.first_month: '2022-13' không phải một tháng: viết \"NĂM-THÁNG\", tháng từ 01 "
            'đến 12, ví dụ "2025-03"'
        ],
    ),
}


@pytest.mark.parametrize("text, expected", PROGRAMME_CASES.values(), ids=PROGRAMME_CASES.keys())
def test_programme_checks(project: Path, text: str, expected: list[str]) -> None:
    assert problems_for(project, {PROGRAMME: text}) == expected


def test_criteria_set_checks(project: Path) -> None:
    text = (DATA / "mini" / BOOK).read_text(encoding="utf-8")
    text = text.replace(
        "criteria:\n",
        "criteria:\n  - id: tc1\n    group: chi-bo\n    title: Lặp\n    by_type:\n"
        "      giang-day: {title: x, indicators: [y]}\n",
    )
    assert problems_for(project, {BOOK: text}) == [
        f"{BOOK}:6:7: lỗi: criteria[0].by_type: thiếu nội dung cho loại hình: sinh-vien",
        f"{BOOK}:7:9: lỗi: criteria[1].id: mã tiêu chí 'tc1' bị trùng với mục [0]",
    ]


def test_a_programme_folder_needs_its_three_files(project: Path) -> None:
    folder = project / "records/chuong-trinh/kieu-mau-2022-2025"
    (folder / "tieu-chi.yml").unlink()
    (folder / "ke-hoach.md").unlink()
    with pytest.raises(RecordsError) as caught:
        load_records(project)
    assert str(caught.value).splitlines() == [
        f"{PLAN}:1:1: lỗi: thiếu tệp toàn văn kế hoạch (Markdown) của chương trình",
        f"{BOOK}:1:1: lỗi: thiếu tệp hồ sơ này",
    ]
