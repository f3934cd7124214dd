"""Every figure of the drafted documents, read back from the Word files and checked against a
recomputation from the record files themselves (YAML read here, not the Report): the dates,
the member counts known on each date, the results and self-assessments (and the months a
monthly form was met), the leaders who sign, the cells selected, recognised, awarded and
withdrawn, the year's ratings, and the numbers the records give (the register and the
decisions the cells cite); each programme's documents in its own words and at its address.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from docxtext import parts
from drafting import SAMPLE, Drafted, draft_project, sample_project

RATINGS = ("xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh")
LABELS = {
    "xuat-sac": "Hoàn thành xuất sắc nhiệm vụ",
    "tot": "Hoàn thành tốt nhiệm vụ",
    "hoan-thanh": "Hoàn thành nhiệm vụ",
    "khong-hoan-thanh": "Không hoàn thành nhiệm vụ",
}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records() -> tuple[dict, dict[str, dict]]:
    committee = load(SAMPLE / "dang-bo.yml")
    cells = {p.stem: load(p) for p in sorted((SAMPLE / "chi-bo").glob("*.yml"))}
    return committee, cells


@pytest.fixture(scope="module")
def programmes() -> dict[str, dict]:
    """Each programme's record, its criteria ids under ``criteria``."""
    found = {}
    for folder in sorted((SAMPLE / "chuong-trinh").iterdir()):
        record = load(folder / "chuong-trinh.yml")
        record["criteria"] = [c["id"] for c in load(folder / "tieu-chi.yml")["criteria"]]
        found[folder.name] = record
    return found


def programme_of(programmes: dict[str, dict], year: int) -> str:
    (found,) = [k for k, p in programmes.items() if p["period"]["start"] <= year <= p["period"]["end"]]
    return found


def looked_back(programme: dict) -> int:
    """How many years a registration report shows: those of the "many years rated good"
    condition of a programme's selection (3 unless it says), else the year before alone."""
    conditions = (programme.get("selection") or {}).get("conditions", [])
    return next((c.get("years", 3) for c in conditions if c["kind"] == "nhieu-nam-tot"), 1)


def office(programme: str) -> str:
    return f"van-phong/chuong-trinh/{programme}/van-ban"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Drafted:
    return draft_project(sample_project(tmp_path_factory.mktemp("figures")))


def long_date(day: dt.date) -> str:
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: dt.date) -> str:
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}-{month}-{day.year}"


def total(result: dict) -> int:
    return sum((result.get("members") or {}).values())


def known_count(cell: dict, day: dt.date, as_of: dt.date) -> tuple[int, str] | None:
    """The member count known on ``day``: the data date's, or the last year-end before ``day``."""
    if cell.get("members") is not None and as_of < day:
        return cell["members"], f"ngày {short_date(as_of)}"
    ends = [r for r in cell.get("results", []) if total(r) and dt.date(r["year"], 12, 31) < day]
    if not ends:
        return None
    last = max(ends, key=lambda r: r["year"])
    return total(last), f"cuối năm {last['year']}"


def leader_on(cell: dict, day: dt.date) -> dict | None:
    entries = [e for e in cell.get("leadership", []) if e["date"] <= day]
    return entries[-1] if entries else None


def has_committee(cell: dict, day: dt.date, members: int | None) -> bool:
    entry = leader_on(cell, day)
    if entry is not None and entry.get("committee") is not None:
        return entry["committee"]
    return members is not None and members >= 9


def test_registration_reports_state_the_figures_of_their_date(site: Drafted, records, programmes) -> None:
    committee, cells = records
    as_of = committee["as_of"]
    checked = 0
    for cell_id, cell in cells.items():
        days: dict[int, dt.date] = {}
        for event in cell.get("registration", []):
            if event["status"] in ("khao-sat", "dang-ky"):
                days[event["year"]] = event["date"]
        for year, day in days.items():
            pid = programme_of(programmes, year)
            report = parts(site / f"van-phong/chi-bo/{cell_id}/{pid}/dang-ky-{year}.docx")[0]
            assert report.tables[0][0][1].endswith(long_date(day)), (cell_id, year)
            known = known_count(cell, day, as_of)
            said = f"{known[0]} đồng chí (số liệu {known[1]})" if known else "… đồng chí"
            assert f"Tổng số đảng viên: {said}." in report.text, (cell_id, year)
            results = {r["year"]: r for r in cell.get("results", [])}
            expected = [
                [
                    str(y),
                    LABELS[results[y]["rating"]] if results[y].get("rating") else "Chưa xếp loại",
                    *(
                        [str(results[y]["members"].get(code, 0)) for code in RATINGS]
                        if results[y].get("members")
                        else ["–"] * 4
                    ),
                ]
                for y in range(year - looked_back(programmes[pid]), year)
                if y in results
            ]
            if expected:
                assert report.tables[1][2:] == expected, (cell_id, year)
            ids = programmes[pid]["criteria"] + [
                c["id"] for c in cell.get("extra_criteria", []) if c.get("programme") in (None, pid)
            ]
            marks = (results.get(year - 1) or {}).get("criteria") or {}
            criteria = next(t for t in report.tables if t[0] == ["TT", "Tiêu chí", "Tự đánh giá"])
            assert len(criteria) == 1 + len(ids), (cell_id, year)
            failed = [c for c in ids if marks.get(c) == "chua-dat"]
            assert [row[2] for row in criteria[1:]].count("Chưa đạt") == len(failed), (cell_id, year)
            entry = leader_on(cell, day)
            secretary = entry["secretary"] if entry else cell.get("secretary")
            sign = report.tables[-1][0][1].split("\n")
            chi_uy = has_committee(cell, day, known[0] if known else None)
            assert sign[0] == ("T/M CHI ỦY" if chi_uy else "T/M CHI BỘ"), (cell_id, year)
            assert sign[-1] == (secretary or ""), (cell_id, year)
            checked += 1
    assert checked == 14 + 24


def selected(cells: dict[str, dict], year: int) -> dict[str, dict]:
    return {
        cid: event
        for cid, cell in cells.items()
        for event in cell.get("registration", [])
        if event["status"] == "lua-chon" and event["year"] == year
    }


def decision_number(text: str) -> tuple[str, dt.date]:
    number = re.search(r"số ([0-9]+-QĐ/ĐU)", text).group(1)
    d, m, y = map(int, re.search(r"ngày ([0-9]+)-([0-9]+)-([0-9]{4})", text).groups())
    return number, dt.date(y, m, d)


def test_selection_decisions_hold_the_selected_cells(site: Drafted, records, programmes) -> None:
    committee, cells = records
    for year in (2022, 2023, 2024, 2025):
        chosen = selected(cells, year)
        decision, listing = parts(site / f"{office(programme_of(programmes, year))}/{year}/lua-chon-{year}.docx")
        numbers = {decision_number(e["decision"]) for e in chosen.values() if e.get("decision")}
        assert len(numbers) == 1
        ((number, day),) = numbers
        assert decision.tables[0][0][0].endswith(f"Số {number}") and decision.tables[0][0][1].endswith(long_date(day))
        assert f"Điều 1. Lựa chọn {len(chosen):02d} chi bộ" in decision.text
        table = listing.tables[0]
        assert {row[1] for row in table[1:]} == {cells[c]["name"] for c in chosen}, year
        for row in table[1:]:
            cell = next(c for c in cells.values() if c["name"] == row[1])
            known = known_count(cell, day, committee["as_of"])
            entry = leader_on(cell, day)
            assert row[3] == (entry["secretary"] if entry else cell.get("secretary"))
            assert row[4] == (str(known[0]) if known else "…")


def test_recognitions_hold_the_model_cells_of_the_records(site: Drafted, records, programmes) -> None:
    _, cells = records
    for year in (2022, 2023, 2024, 2025, 2026):
        pid = programme_of(programmes, year)
        model = {
            cid: r
            for cid, cell in cells.items()
            for r in cell.get("results", [])
            if r["year"] == year and r.get("model")
        }
        *_, decision, listing = parts(site / f"{office(pid)}/{year}/cong-nhan-{year}.docx")
        ((number, day),) = {decision_number(r["decision"]) for r in model.values()}
        assert decision.tables[0][0][0].endswith(f"Số {number}") and decision.tables[0][0][1].endswith(long_date(day))
        term = programmes[pid]["terms"]["model"]
        assert f"Điều 1. Công nhận {len(model):02d} chi bộ là {term} năm {year}" in decision.text
        rows = {row[1]: row for row in listing.tables[0][1:]}
        assert set(rows) == {cells[c]["name"] for c in model}
        for cid, result in model.items():
            row = rows[cells[cid]["name"]]
            assert row[3] == LABELS[result["rating"]]
            own = [c for c in cells[cid].get("extra_criteria", []) if c.get("programme") in (None, pid)]
            n = len(programmes[pid]["criteria"]) + len(own)
            assert row[4].startswith(f"Đạt {n:02d}/{n:02d} tiêu chí"), row
            assert ("phiếu tự đánh giá" in row[4]) == bool(result.get("monthly")), row


def months_met(result: dict, criterion: str, first: str | None) -> tuple[int, int]:
    """How many of the counted months a criterion was met in, of how many (from ``first`` in its year)."""
    start = int(first[5:]) if first and int(first[:4]) == result["year"] else 1
    counted = [f"{result['year']}-{m:02d}" for m in range(start, 13)]
    forms = {str(k): v for k, v in (result.get("monthly") or {}).items()}
    return sum((forms.get(m) or {}).get(criterion) == "dat" for m in counted), len(counted)


def test_self_assessments_state_the_months_each_criterion_was_met(site: Drafted, records, programmes) -> None:
    """A cell's self-assessment of a programme with monthly forms: each criterion, the months
    it was met of those counted, and the programme's rule, as the forms in its record give them."""
    _, cells = records
    checked = 0
    for pid, programme in programmes.items():
        rule = programme.get("monthly")
        if rule is None:
            continue
        for cid, cell in cells.items():
            for result in cell.get("results", []):
                path = site / f"van-phong/chi-bo/{cid}/{pid}/tu-danh-gia-{result['year']}.docx"
                if not result.get("monthly") or not path.exists():
                    continue
                table = parts(path)[0].tables[1]
                for criterion, row in zip(programme["criteria"], table[1:]):
                    met, counted = months_met(result, criterion, rule.get("first_month"))
                    every = criterion in rule.get("every_month", [])
                    need = counted if every else -(-rule["months"] * counted // 12)
                    said = f"phải đạt cả {counted} tháng" if every else f"ít nhất {need} tháng"
                    assert row[3] == f"đạt trong {met}/{counted} tháng; quy định: {said}", (cid, row)
                    assert row[2] == ("Đạt" if met >= need else "Chưa đạt"), (cid, row)
                checked += 1
    assert checked == 23


def test_yearly_reviews_count_the_ratings(site: Drafted, records) -> None:
    _, cells = records
    for year in (2022, 2023, 2024, 2025, 2026):
        results = [r for c in cells.values() for r in c.get("results", []) if r["year"] == year and r.get("rating")]
        rated = len(results)
        counts = [sum(r["rating"] == code for r in results) for code in RATINGS]
        good = counts[0] + counts[1]
        model = sum(bool(r.get("model")) for r in results)
        review = parts(site / f"van-phong/ket-qua/{year}/bao-cao-{year}.docx")[0]
        shares = [share(n, rated) for n in (*counts, good, model)]
        assert review.tables[1][1] == [str(year), str(rated), *shares]


def share(count: int, rated: int) -> str:
    """ "3 (12,5%)": one decimal, rounded half up."""
    value = (Decimal(100 * count) / Decimal(rated)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{count} ({str(value).replace('.', ',')}%)"


def test_awards_and_withdrawals_reach_the_documents_of_their_year(site: Drafted, records, programmes) -> None:
    _, cells = records
    for year in (2022, 2023, 2024, 2025, 2026):
        pid = programme_of(programmes, year)
        awards = {
            cells[cid]["name"]: r["award"]
            for cid, cell in cells.items()
            for r in cell.get("results", [])
            if r["year"] == year and r.get("award")
        }
        review = parts(site / f"van-phong/ket-qua/{year}/bao-cao-{year}.docx")[0]
        listing = parts(site / f"{office(pid)}/{year}/khen-thuong-{year}.docx")[1]
        for name, award in awards.items():
            assert f"{name} ({award})" in review.text
            assert [name, award] in [row[1:3] for row in listing.tables[0]]
        withdrawn = [
            (cell["name"], e["date"])
            for cell in cells.values()
            for e in cell.get("registration", [])
            if e["status"] == "rut" and e["year"] == year
        ]
        for name, day in withdrawn:
            assert [name, short_date(day)] in [row[1:3] for table in review.tables for row in table], (year, name)
            letter = parts(site / f"{office(pid)}/{year}/cong-nhan-{year}.docx")[0]
            building = programmes[pid]["terms"]["building"]
            assert f"{name} rút đăng ký {building} năm {year} ngày {short_date(day)}." in letter.lines


def test_the_register_numbers_its_documents(site: Drafted, records) -> None:
    committee, _ = records
    files = {
        "ban-chi-dao": f"{office('kieu-mau-2022-2025')}/2022/ban-chi-dao-2022.docx",
        "so-ket": f"{office('kieu-mau-2022-2025')}/so-ket-2022-2023.docx",
    }
    assert {e["document"] for e in committee["register"]} == set(files)
    for entry in committee["register"]:
        first = parts(site / files[entry["document"]])[0]
        assert first.tables[0][0][0].endswith(f"\n*\nSố {entry['number']}")
        assert first.tables[0][0][1].endswith(long_date(entry["date"]))
        assert first.lines[0] != "DỰ THẢO"
