"""``chibo demo``: a deterministic synthetic project of N cells, for benchmarks and tests.

The committee and its two programmes are the demo's own (``demo_records``): one finished
(2022–2025, with a selection step), one from 2026 (monthly self-assessment, no selection).
The cells are generated from a seed: names, types, results 2019–2026 (ratings, member
ratings, the year's self-assessment; monthly forms in 2026), registrations and recognitions
that obey every validation rule and raise no warning (selections meet the first programme's
conditions, recognitions follow a selection; in 2026 they follow a registration and a
roll-up met). Cell ``k`` is the same for every N, so a cell page can be compared across sizes.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

from ..records import CELLS_DIR, RECORDS
from ..records.paths import BOOK_FILE, COMMITTEE_FILE, PLAN_FILE, PROGRAMME_FILE, programme_dir
from ..vocab import GOOD_OR_BETTER
from . import demo_records as demo
from .skeleton import site_config

PROJECT_FILES = ("mkdocs.yml", "docs", "hooks")
YEARS = range(2019, 2026)  # the years of the first programme, and the three before it
CRITERIA_FROM = 2021  # the year before the first programme: its selection reads that year's criteria
MONTHLY_YEAR = 2026  # the second programme's first year
MONTHS = tuple(f"{MONTHLY_YEAR}-{m:02d}" for m in range(int(demo.FIRST_MONTH[5:]), 13))
MONTHS_NEEDED = 10  # of the 11 months from February (10 of 12, scaled and rounded up)
TYPES = ("giang-day", "benh-vien", "hanh-chinh", "sinh-vien")
UNITS = {
    "giang-day": ("Khoa", "Bộ môn"),
    "benh-vien": ("Khoa", "Phòng khám"),
    "hanh-chinh": ("Phòng", "Ban"),
    "sinh-vien": ("Sinh viên",),
}
SUBJECTS = (
    "Dược",
    "Nội",
    "Ngoại",
    "Sản",
    "Nhi",
    "Y học cổ truyền",
    "Điều dưỡng",
    "Xét nghiệm",
    "Giải phẫu",
    "Sinh lý",
    "Hóa sinh",
    "Vi sinh",
    "Dược lý",
    "Y tế công cộng",
    "Tài chính",
    "Đào tạo",
    "Khảo thí",
    "Hành chính",
    "Quản trị",
    "Răng hàm mặt",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Thanh", "Ngọc")
GIVEN = ("An", "Bình", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Tâm", "Thảo", "Yến")
RATING_WEIGHTS = (("tot", 60), ("hoan-thanh", 32), ("khong-hoan-thanh", 8))


def project_root() -> Path:
    """The checkout this package lives in (``hooks/chibo/commands`` → the project)."""
    root = Path(__file__).resolve().parents[3]
    if not (root / "mkdocs.yml").exists():
        raise FileNotFoundError("chibo demo cần chạy từ bản sao dự án (cài bằng pip install -e .)")
    return root


def write_demo(out: Path, cells: int, seed: int = 1) -> Path:
    """Write a buildable project with ``cells`` generated cells into ``out``."""
    source = project_root()
    out.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        target = out / name
        if (source / name).is_dir():
            shutil.copytree(source / name, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source / name, target)
    committee = demo.committee()
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")  # the demo committee's name on every page
    (out / "mkdocs.yml").write_text(site_config(config, committee["names"][0]["name"]), encoding="utf-8")
    records = out / RECORDS
    (records / CELLS_DIR).mkdir(parents=True, exist_ok=True)
    _dump(records / COMMITTEE_FILE, committee)
    for pid, programme, criteria in (
        (demo.FIRST, demo.first_programme(), demo.first_criteria()),
        (demo.SECOND, demo.second_programme(), demo.second_criteria()),
    ):
        folder = out / programme_dir(pid)
        folder.mkdir(parents=True, exist_ok=True)
        _dump(folder / PROGRAMME_FILE, programme)
        _dump(folder / BOOK_FILE, criteria)
        period = programme["period"]
        (folder / PLAN_FILE).write_text(demo.plan_text(period["start"], period["end"]), encoding="utf-8")
    for index in range(1, cells + 1):
        cell = make_cell(index, seed)
        text = yaml.dump(cell, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1000)
        (records / CELLS_DIR / f"{cell['id']}.yml").write_text(text, encoding="utf-8")
    return out


def _dump(path: Path, data: dict) -> None:
    text = yaml.dump(_dated(data), Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")


def _dated(value: object) -> object:
    """The demo's records write dates as text; YAML wants them as dates."""
    if isinstance(value, dict):
        return {k: _dated(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dated(v) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-" and value[:4].isdigit():
        return dt.date.fromisoformat(value)
    return value


def make_cell(index: int, seed: int) -> dict:
    """Cell number ``index``: the same for a given seed whatever the number of cells."""
    rnd = random.Random(f"{seed}:{index}")
    kind = TYPES[index % len(TYPES)]
    unit = rnd.choice(UNITS[kind])
    members = rnd.randint(8, 30)
    results = [_result(rnd, year, members, _rating(rnd, index, year)) for year in YEARS]
    cell = {
        "id": f"chi-bo-{index:05d}",
        "name": f"Chi bộ {unit} {rnd.choice(SUBJECTS)} {index}",
        "type": kind,
        "secretary": f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}",
        "members": members,
    }
    registration = _registration(rnd, results)  # may make the years before a selection eligible
    selected = next((e["year"] for e in registration if e["status"] == "lua-chon"), None)
    for result in results:  # recognised only once selected (rounds.shortfall)
        if result["model"] and (selected is None or result["year"] < selected):
            result["model"] = False
            del result["decision"]
    registration += _second_programme(rnd, index, cell, results)
    if registration:
        cell["registration"] = registration
    cell["results"] = results
    return cell


def _second_programme(rnd: random.Random, index: int, cell: dict, results: list[dict]) -> list[dict]:
    """The cell's 2026: a rating, monthly forms from February, and (for about two cells in
    three) a registration; recognised when registered, rated good or better, every criterion
    met in enough months, and drawn so."""
    year = MONTHLY_YEAR
    rating = _rating(rnd, index, year)
    result = _result(rnd, year, cell["members"], rating)
    del result["criteria"]  # the year's criteria are rolled up from the months
    result["model"] = False
    result.pop("decision", None)
    criteria = ("bt1", "bt2", "bt3", "bt4")
    result["monthly"] = {
        month: {c: ("dat" if rnd.random() < 0.95 else "chua-dat") for c in criteria} for month in MONTHS
    }
    registered = rnd.random() < 0.65
    met = all(sum(result["monthly"][m][c] == "dat" for m in MONTHS) >= MONTHS_NEEDED for c in criteria)
    if registered and met and rating in GOOD_OR_BETTER and rnd.random() < 0.6:
        result["model"] = True
        result["decision"] = f"Quyết định số {index % 90 + 10}-QĐ/ĐU ngày 22-12-{year} của Ban Thường vụ Đảng ủy"
    results.append(result)
    if not registered:
        return []
    return [{"date": dt.date(year, 3, 1) + dt.timedelta(days=rnd.randint(0, 25)), "status": "dang-ky", "year": year}]


def _rating(rnd: random.Random, index: int, year: int) -> str:
    """Cell ``index``'s rating in ``year``, within the 20 % cap for every number of cells.

    Of each ten consecutive cells, one (from the tenth cell on) is "xuat-sac" and six are
    "tot"; the other three are drawn. So the first N cells never have more "xuat-sac" than
    a fifth of their "tot", whatever N, and cell ``index`` is the same for every N.
    """
    slot = (index - year) % 10
    if slot == 0:
        return "xuat-sac" if index >= 10 else "tot"
    if slot <= 6:
        return "tot"
    return rnd.choices([code for code, _ in RATING_WEIGHTS], [weight for _, weight in RATING_WEIGHTS])[0]


def _make_eligible(results: dict[int, dict], year: int) -> None:
    """Make the years before ``year`` meet the first programme's selection conditions (its
    three years): good or better three years running, every criterion met and no
    member failing the year before. Only "tot" is added, so the 20 % cap still holds."""
    for k in (1, 2, 3):
        result = results[year - k]
        if result["rating"] not in GOOD_OR_BETTER:
            result["rating"] = "tot"
    before = results[year - 1]
    before["criteria"] = dict.fromkeys(before["criteria"], "dat")
    members = before["members"]
    members["hoan-thanh"] += members["khong-hoan-thanh"]
    members["khong-hoan-thanh"] = 0


def _result(rnd: random.Random, year: int, members: int, rating: str) -> dict:
    failing = 1 if rating == "khong-hoan-thanh" else 0
    fair = rnd.randint(0, 2)
    # At most a fifth of the "tot" members are "xuat-sac": excellent ≤ (members − fair − failing) / 6.
    excellent = rnd.randint(0, max(members - fair - failing, 0) // 6)
    good = max(members - excellent - fair - failing, 0)
    criteria = {f"tc{n}": ("dat" if rnd.random() < 0.85 else "chua-dat") for n in range(1, 6)}
    if year < CRITERIA_FROM:  # no programme's criteria yet
        criteria = {}
    result = {
        "year": year,
        "rating": rating,
        "members": {"xuat-sac": excellent, "tot": good, "hoan-thanh": fair, "khong-hoan-thanh": failing},
        "criteria": criteria,
        "model": rating in GOOD_OR_BETTER
        and bool(criteria)
        and all(v == "dat" for v in criteria.values())
        and rnd.random() < 0.5,
    }
    if not criteria:
        del result["criteria"]
    if result["model"]:
        result["decision"] = f"Quyết định số {year - 2000}-QĐ/ĐU ngày 20-12-{year} của Ban Thường vụ Đảng ủy"
    return result


def _registration(rnd: random.Random, results: list[dict]) -> list[dict]:
    """Registered in one year of 2022–2025 for about a third of the cells, then a decision:
    never a selection the first programme's conditions (its three years) rule out."""
    if rnd.random() > 0.35:
        return []
    year = rnd.choice(range(2022, 2026))
    day = dt.date(year, 1, 10) + dt.timedelta(days=rnd.randint(0, 40))
    outcome = rnd.choices(("lua-chon", "khong-lua-chon", "rut"), (70, 20, 10))[0]
    if outcome == "lua-chon":
        _make_eligible({r["year"]: r for r in results}, year)
    return [
        {"date": day, "status": "dang-ky", "year": year},
        {"date": day + dt.timedelta(days=rnd.randint(5, 30)), "status": outcome, "year": year},
    ]
