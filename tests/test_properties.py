"""Property tests: whatever a record holds, validation answers with our lines or not at all.

1. Arbitrary YAML-shaped values, and arbitrary text, as a cell record or a programme's
   record (``chuong-trinh.yml``) either validate or raise ``RecordsError``, never anything
   else.
2. Any valid records a generator can make load and summarise, and build into a site whose
   pages show them.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import string
import tempfile
import unicodedata
from pathlib import Path

import yaml
from chibo.records import RecordsError, committee, load_records, models, programme
from chibo.records.fields import WINDOWS_DEVICE_NAMES
from chibo.records.loader import hidden_character
from chibo.report import summarize
from chibo.vocab import RATINGS
from conftest import DATA, build_site, copy_project
from htmltext import page
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

# Words of PyYAML's and pydantic's English messages that must not reach a reader.
ENGLISH = re.compile(r"\b(expected|found|while|should|input|cannot|not allowed|invalid|error)\b", re.I)
# A library's error code ("greater_than", "int_parsing"): a word with an underscore that is
# none of the record's own field names ("extra_criteria", "as_of"…).
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
FIELD_NAMES = frozenset(
    name
    for model in (*vars(models).values(), *vars(committee).values(), *vars(programme).values())
    if isinstance(model, type) and issubclass(model, BaseModel)
    for field, info in model.model_fields.items()
    for name in (field, info.alias)
    if name
)
# A Python value in a message ("'{'INPUT': None}' phải là số nguyên"): a reader sees YAML, not Python.
PYTHON_VALUE = re.compile(r"\{'|\['|\bNone\b|\bTrue\b|\bFalse\b|datetime\.")
FIELDS = [
    "id",
    "name",
    "type",
    "secretary",
    "members",
    "extra_criteria",
    "registration",
    "results",
    "year",
    "rating",
    "criteria",
    "model",
    "date",
    "status",
    "decision",
    "note",
    "xuat-sac",
    "tc1",
    "programme",
    "monthly",
    "2025-01",
]
# The keys of a programme's record, for records of that shape.
PROGRAMME_FIELDS = [
    "kind",
    "name",
    "short_name",
    "plan",
    "period",
    "start",
    "end",
    "terms",
    "model",
    "sections",
    "anchor",
    "workflow",
    "selection",
    "conditions",
    "first_year",
    "recognition",
    "monthly",
    "months",
    "every_month",
    "first_month",
    "targets",
    "milestones",
    "documents",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 1, 1)),
    st.sampled_from(["tot", "dat", "giang-day", "khoa-duoc", "2022-02-30", "no", "on", "010", "1e3"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=25,
)
records = st.dictionaries(st.sampled_from(FIELDS), values, max_size=8)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _project() -> Path:
    root = Path(tempfile.mkdtemp(prefix="chibo-prop-"))
    shutil.copytree(DATA / "mini" / "records", root / "records")
    return root


def ours(message: str, record: str) -> str:
    """``message`` without the record's own text it quotes ("khóa '([' không được dùng ở
    đây"): what is left is what we wrote."""
    return re.sub(r"'([^']*)'", lambda m: "''" if m.group(1) and m.group(1) in record else m.group(0), message)


def english(message: str, record: str) -> list[str]:
    """English words of ``message`` that are ours: a message may quote the record's own text
    ("khóa 'INPUT' không được dùng ở đây"), and a word the record holds is the record's."""
    message = ours(message, record)
    typed = {word.casefold() for word in re.findall(r"\w+", record)}
    words = [m.group() for m in ENGLISH.finditer(message)]
    words += [m.group() for m in CODE.finditer(message) if m.group() not in FIELD_NAMES]
    return [word for word in words if word.casefold() not in typed]


PROGRAMME_FILE = "records/chuong-trinh/kieu-mau-2022-2025/chuong-trinh.yml"


def _outcome(root: Path, content: bytes, file: str = "records/chi-bo/thu.yml") -> None:
    (root / file).write_bytes(content)
    try:
        load_records(root)
    except RecordsError as error:
        record = content.decode("utf-8", errors="replace")
        for problem in error.problems:
            assert problem.file.startswith("records/") and problem.line >= 1 and problem.column >= 1
            assert problem.message
            assert not english(problem.message, record), f"untranslated: {problem.message}"
            assert not PYTHON_VALUE.findall(ours(problem.message, record)), f"a Python value: {problem.message}"


def test_quoted_record_text_is_not_read_as_ours() -> None:
    assert PYTHON_VALUE.findall(ours("khóa '0[' không được dùng ở đây", "- 0[: null")) == []
    assert PYTHON_VALUE.findall(ours("'{'INPUT': None}' phải là số nguyên", "INPUT: null")) == ["{'", "None"]


def test_quoted_record_text_is_not_read_as_english() -> None:
    assert english("khóa 'INPUT' không được dùng ở đây", "INPUT: 1") == []
    assert english("'{x}' expected an integer", "x: 1") == ["expected"]
    assert english("giá trị '0' không hợp lệ (loại lỗi: greater_than)", "percent: 0") == ["greater_than"]
    assert english("khóa 'x' không được dùng ở đây; có phải là 'extra_criteria'?", "x: 1") == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
@example({"members": {"INPUT": None}})  # found on a fresh clone: the message quoted the key, read as English
@example({"extra_criteria": [{"0[": None}]})  # a quoted key ending in "[" is not a Python list
@example({"extra_criteria": [{"\x1f[": None}]})  # found: a control in a quoted key was printed as typed
@example({"members": {"xuat-sac": [1], "tot": {"a": 1}}, "results": [{"year": 2024, "score": "90"}]})
def test_any_yaml_shaped_record_validates_or_gives_our_lines(record: dict) -> None:
    root = _project()
    try:
        _outcome(root, yaml.dump(record, Dumper=_NoAliases, allow_unicode=True).encode("utf-8"))
    finally:
        shutil.rmtree(root)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.text(alphabet=string.printable + "ộưđ:-[]{}&*!|>'\"#\t\x00", max_size=200).map(lambda t: t.encode("utf-8")),
    )
)
@example(b"([:")  # a quoted key ending in "[" is not a Python list
def test_any_bytes_validate_or_give_our_lines(content: bytes) -> None:
    root = _project()
    try:
        _outcome(root, content)
    finally:
        shutil.rmtree(root)


programme_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(PROGRAMME_FIELDS + FIELDS), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(PROGRAMME_FIELDS), programme_values, max_size=10))
@example({"period": {"start": 2025, "end": 2022}, "monthly": {"months": 10, "first_month": "2022-13"}})
@example({"selection": {"conditions": [{"kind": "nhieu-nam-tot", "text": "{"}]}})
def test_any_yaml_shaped_programme_validates_or_gives_our_lines(record: dict) -> None:
    root = _project()
    try:
        text = yaml.dump(record, Dumper=_NoAliases, allow_unicode=True).encode("utf-8")
        _outcome(root, text, PROGRAMME_FILE)
    finally:
        shutil.rmtree(root)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.one_of(st.from_regex(r"20[0-9]{2}-[0-9]{2}", fullmatch=True), st.text(max_size=8)),
        st.one_of(
            st.dictionaries(
                st.sampled_from(["tc1", "tc2", "tc9", "TC1", ""]), st.sampled_from(["dat", "chua-dat", "x"])
            ),
            values,
        ),
        max_size=14,
    )
)
@example({"2025-13": {"tc1": "dat"}, "2024-05": {"tc1": "dat"}})
@example({"2025-00": {"tc1": "dat"}})
def test_any_monthly_forms_validate_or_give_our_lines(forms: dict) -> None:
    root = _project()
    try:
        # the mini's programme with monthly self-assessment, so the forms are read
        path = root / PROGRAMME_FILE
        path.write_text(path.read_text(encoding="utf-8") + "monthly: {months: 10}\n", encoding="utf-8")
        cell = {"id": "thu", "name": "Chi bộ Thử", "type": "giang-day", "results": [{"year": 2025, "monthly": forms}]}
        _outcome(root, yaml.dump(cell, Dumper=_NoAliases, allow_unicode=True).encode("utf-8"))
    finally:
        shutil.rmtree(root)


# --- valid records always build --------------------------------------------------------

# Cell ids: no Windows device name (con, nul, com1…), which the records refuse as file names.
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True).filter(
    lambda s: s not in WINDOWS_DEVICE_NAMES
)
# Text: no control, format (invisible, bidirectional) or line separator characters, nor any
# other character that displays as nothing (a Hangul filler, a lone variation selector…):
# the records refuse them (records/loader.py, hidden_character).
texts = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp")), min_size=1, max_size=40)
    .filter(str.strip)
    .filter(lambda t: hidden_character(t) is None)
)


def shown(text: str) -> str:
    """Record text as a page shows it: one Unicode form (NFC), spaces folded."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@st.composite
def cells(draw: st.DrawFn, cell_id: str) -> dict:
    years = draw(st.lists(st.integers(2019, 2025), unique=True, max_size=5))  # to the mini's data date
    results = []
    for year in sorted(years):
        rating = draw(st.one_of(st.none(), st.sampled_from(RATINGS)))
        criteria = draw(
            st.one_of(
                st.none(),
                st.fixed_dictionaries(
                    {"tc1": st.sampled_from(["dat", "chua-dat"]), "tc2": st.sampled_from(["dat", "chua-dat"])}
                ),
            )
        )
        if year < 2021:  # no programme's criteria set before the year before kieu-mau-2022-2025
            criteria = None
        model = (
            year >= 2022  # recognised in the programme's period only
            and rating in ("xuat-sac", "tot")
            and all(v == "dat" for v in (criteria or {}).values())
            and draw(st.booleans())
        )
        result = {"year": year, "model": model, "note": draw(texts)}
        if rating:
            result["rating"] = rating
        if criteria:
            result["criteria"] = criteria
        results.append(result)
    start = draw(st.dates(dt.date(2022, 1, 1), dt.date(2025, 1, 1)))
    registration = []
    if draw(st.booleans()):
        registration = [
            {"date": start, "status": "dang-ky", "year": start.year},
            {
                "date": start + dt.timedelta(days=draw(st.integers(0, 60))),
                "status": draw(st.sampled_from(["lua-chon", "khong-lua-chon", "rut"])),
                "year": start.year,
            },
        ]
    return {
        "id": cell_id,
        "name": f"{draw(texts)} {cell_id}",  # two cells may not share a name
        "type": draw(st.sampled_from(["giang-day", "sinh-vien"])),
        "secretary": draw(texts),
        "members": draw(st.integers(0, 60)),
        "registration": registration,
        "results": results,
    }


generated_cells = st.lists(slugs, min_size=1, max_size=4, unique=True).flatmap(
    lambda ids: st.tuples(*(cells(i) for i in ids))
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_cells)
def test_generated_valid_records_always_load_and_summarise(generated: tuple[dict, ...]) -> None:
    root = _project()
    try:
        (root / "records/chi-bo/khoa-duoc.yml").unlink()
        for cell in generated:
            text = yaml.dump(cell, Dumper=_NoAliases, allow_unicode=True)
            (root / f"records/chi-bo/{cell['id']}.yml").write_text(text, encoding="utf-8")
        report = summarize(load_records(root))
        assert sorted(c.cell.id for c in report.cells) == sorted(c["id"] for c in generated)
        recognised = {(c["id"], r["year"]) for c in generated for r in c["results"] if r["model"]}
        part = {(c.cell.id, y) for c in report.cells for p in c.parts for y in p.model_years}
        assert part == recognised  # every recognition belongs to the programme of its year
    finally:
        shutil.rmtree(root)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_cells)
def test_generated_valid_records_always_build(generated: tuple[dict, ...]) -> None:
    root = Path(tempfile.mkdtemp(prefix="chibo-build-"))
    try:
        project = copy_project(root, DATA / "mini" / "records")
        (project / "records/chi-bo/khoa-duoc.yml").unlink()
        for cell in generated:
            text = yaml.dump(cell, Dumper=_NoAliases, allow_unicode=True)
            (project / f"records/chi-bo/{cell['id']}.yml").write_text(text, encoding="utf-8")
        site = build_site(project, strict=False)  # valid records may still carry warnings (a selection…)
        listing = page(site, "chi-bo/")
        for cell in generated:
            assert (f"{cell['id']}/", shown(cell["name"])) in listing.links
            assert shown(cell["name"]) in page(site, f"chi-bo/{cell['id']}/").text
    finally:
        shutil.rmtree(root)
