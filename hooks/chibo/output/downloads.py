"""Downloads under ``/du-lieu/``: JSON, CSV and spreadsheets (``spreadsheets.py``) of the
same tables (``tables.py``), an iCalendar file, an Atom feed and the JSON Schema of the
records; the office's under ``/van-phong/du-lieu/``: the same tables with the true figures
and every note. All of it is a view of the Report: two builds of the same records give the
same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import icalendar

from ..formats import date_vi
from ..records.schema import schema_text
from ..report import CellReport, ProgrammeReport, Report, YearReport
from ..report.stats import TargetCheck
from ..vocab import EVENT_LABELS, RATING_LABELS, RATINGS
from . import tables
from .audience import Audience
from .render import Renderer
from .tables import Table

FILES = (
    ("chi-bo.json", "Danh sách chi bộ, trạng thái, xếp loại gần nhất, các năm được công nhận (JSON)"),
    ("chi-bo.csv", "Danh sách chi bộ, mở bằng Excel (CSV, UTF-8)"),
    ("chi-bo.xlsx", "Danh sách chi bộ và các sự kiện đăng ký, mỗi bảng một trang tính (Excel, LibreOffice)"),
    ("ket-qua.json", "Kết quả từng năm và chỉ tiêu (JSON)"),
    ("ket-qua.csv", "Kết quả của từng chi bộ theo năm, mở bằng Excel (CSV, UTF-8)"),
    (
        "ket-qua.xlsx",
        "Kết quả của từng chi bộ theo năm, tổng hợp theo năm và chỉ tiêu, mỗi bảng một trang tính (Excel, LibreOffice)",
    ),
    ("lich.ics", "Lịch các mốc thời gian và chu kỳ tháng 12, nhập vào Outlook, Google Calendar… (iCalendar)"),
    ("thay-doi.xml", "Tin thay đổi: đăng ký, lựa chọn, công nhận chi bộ, mới nhất trước (Atom)"),
    ("schema/chi-bo.schema.json", "Lược đồ hồ sơ chi bộ records/chi-bo/*.yml (JSON Schema)"),
    ("schema/dang-bo.schema.json", "Lược đồ hồ sơ Đảng bộ records/dang-bo.yml (JSON Schema)"),
    ("schema/chuong-trinh.schema.json", "Lược đồ chương trình records/chuong-trinh/*/chuong-trinh.yml (JSON Schema)"),
    ("schema/tieu-chi.schema.json", "Lược đồ khung tiêu chí records/chuong-trinh/*/tieu-chi.yml (JSON Schema)"),
)
# The office's (/van-phong/du-lieu/): the same tables, true figures and every note.
OFFICE_FILES = (
    ("ket-qua.csv", "Kết quả của từng chi bộ theo năm, với số đảng viên ở từng mức xếp loại và ghi chú (CSV, UTF-8)"),
    (
        "ket-qua.xlsx",
        "Kết quả của từng chi bộ theo năm, tổng hợp theo năm (cả số đảng viên) và chỉ tiêu, mỗi bảng một trang tính",
    ),
    ("ket-qua.json", "Kết quả từng năm (cả số đảng viên) và chỉ tiêu (JSON)"),
    ("chi-bo.csv", "Danh sách chi bộ, số đảng viên hiện nay (CSV, UTF-8)"),
    ("chi-bo.xlsx", "Danh sách chi bộ và các sự kiện đăng ký kèm ghi chú, mỗi bảng một trang tính"),
    ("chi-bo.json", "Danh sách chi bộ, trạng thái, xếp loại gần nhất, các năm được công nhận (JSON)"),
)
_NAMESPACE = uuid.UUID("5b0f8f0e-2f7c-4c1e-9a43-6d1a3b8f0c21")  # this site's UUIDv5 namespace
_TZ = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh, no daylight saving
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


class Blanks(NamedTuple):
    """A running programme's import templates for one year (``blanks.py``): their names under
    ``du-lieu/``, each kind as .xlsx then .csv."""

    programme: ProgrammeReport
    year: int
    names: tuple[str, ...]


def blanks(report: Report) -> tuple[Blanks, ...]:
    """The import templates the members' Data page offers: each programme under way on the
    data date, for the year of the data date (the results the office fills in next)."""
    found = []
    for programme in report.current:
        year = report.committee.as_of.year
        stems = ("ket-qua", "tu-danh-gia") if programme.programme.monthly else ("ket-qua",)
        names = tuple(f"mau/{programme.id}/{stem}-{year}.{ext}" for stem in stems for ext in ("xlsx", "csv"))
        found.append(Blanks(programme, year, names))
    return tuple(found)


def former_blanks(report: Report) -> tuple[str, ...]:
    """Where the import templates were before programmes (``mau/ket-qua-2026.xlsx``): the
    first running programme's templates are also written there."""
    found = blanks(report)
    return tuple(f"mau/{name.rsplit('/', 1)[-1]}" for name in found[0].names) if found else ()


def former_blank_files(report: Report) -> dict[str, bytes]:
    first = blanks(report)[0]
    return {f"mau/{name}": data for name, data in blank_files(first, report.committee.as_of).items()}


def blank_files(found: Blanks, as_of: dt.date) -> dict[str, bytes]:
    """A programme's import templates by file name (``ket-qua-2026.xlsx``…): from its own
    records and the data date, not from any cell's."""
    from .blanks import templates

    return {t.name: t.data for t in templates(found.programme.records, found.year, as_of)}


Made = Callable[[], "str | bytes"]


def downloads(report: Report, renderer: Renderer, audience: Audience) -> dict[str, Made]:
    """How to make each download of ``audience`` (text, or bytes for the spreadsheets), by name,
    each on its own: the preview makes them one at a time after its build, and a save then
    waits for one file at most, not for all of them. The import templates are ``blank_files``."""
    as_of = report.committee.as_of

    def cells_xlsx() -> bytes:
        from . import spreadsheets  # openpyxl: loaded only by a build that writes the downloads

        both = (tables.cell_table(report, audience), tables.event_table(report, audience))
        return spreadsheets.workbook(both, "Danh sách chi bộ", as_of)

    def results_xlsx() -> bytes:
        from . import spreadsheets

        results, years = tables.result_table(report, audience), tables.year_table(report, audience)
        return spreadsheets.workbook((results, years, tables.target_table(report)), "Kết quả xếp loại", as_of)

    made: dict[str, Made] = {
        "chi-bo.json": lambda: _json([cell_json(c, audience) for c in report.cells]),
        "chi-bo.csv": lambda: _csv(tables.cell_table(report, audience)),
        "chi-bo.xlsx": cells_xlsx,
        "ket-qua.json": lambda: _json(
            {
                "years": [year_json(y, audience) for y in report.years],
                "programmes": [programme_json(p) for p in report.programmes],
            }
        ),
        "ket-qua.csv": lambda: _csv(tables.result_table(report, audience)),
        "ket-qua.xlsx": results_xlsx,
    }
    if not audience.office:
        made["lich.ics"] = lambda: calendar(report)
        made["thay-doi.xml"] = lambda: feed(report, renderer, audience)
        schema = (name for name, _ in FILES if name.startswith("schema/"))
        made.update({name: partial(schema_text, name.removeprefix("schema/")) for name in schema})
    return {name: made[name] for name, _ in (OFFICE_FILES if audience.office else FILES)}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def cell_json(view: CellReport, audience: Audience) -> dict[str, object]:
    """A cell in chi-bo.json; ``members`` is ``null`` when not recorded or hidden (``members_hidden``)."""
    cell, latest = view.cell, view.latest
    members = audience.members(view)
    return {
        "id": cell.id,
        "name": cell.name,
        "type": cell.type,
        "type_name": view.type.name,
        "secretary": view.leaders.secretary,  # in force on the data date (report/history.py)
        "members": members.value if members else None,
        "members_hidden": bool(members and members.value is None),
        "status": view.status.code,
        "status_label": view.status.label,
        "latest_year": latest.year if latest else None,
        "latest_rating": latest.rating if latest else None,
        "latest_rating_label": RATING_LABELS[latest.rating] if latest and latest.rating else None,
        "model_years": list(view.model_years),
        "url": view.url,
    }


def year_json(year: YearReport, audience: Audience) -> dict[str, object]:
    """A year in ket-qua.json; ``members``: the Committee's members by rating and in all, as
    this audience sees them (``null``: hidden), or ``null`` when no cell recorded them."""
    s = year.stats
    counts = tables.member_counts(year, audience)
    members = (
        None
        if year.members is None
        else {key: value if isinstance(value, int) else None for key, value in zip((*RATINGS, "total"), counts)}
    )
    return {
        "year": s.year,
        "rated": s.rated,
        "unrated": s.unrated,
        "ratings": {code: share.count for code, share in s.ratings.items()},
        "good_or_better": s.good_or_better.count,
        "good_or_better_percent": s.good_or_better.percent,
        "model": s.model.count,
        "model_percent": s.model.percent,
        "members": members,
    }


def programme_json(programme: ProgrammeReport) -> dict[str, object]:
    """A programme in ket-qua.json: what it is, its state on the data date, its targets."""
    record = programme.programme
    return {
        "id": programme.id,
        "name": record.name,
        "plan": record.plan.number,
        "start": record.period.start,
        "end": record.period.end,
        "state": programme.state,
        "targets": [target_json(t) for t in programme.targets],
    }


def target_json(check: TargetCheck) -> dict[str, object]:
    t = check.target
    return {
        "id": t.id,
        "label": t.label,
        "measure": t.measure,
        "year": t.year,
        "comparison": t.comparison,
        "percent": t.percent,
        "rated": check.stats.rated if check.stats else None,
        "actual": check.actual,
        "actual_percent": check.actual_percent,
        "met": check.met,
        "needed": check.needed,
    }


# --- CSV for Excel ---------------------------------------------------------------------


def _cell(value: object) -> object:
    """A CSV cell Excel shows as text: nothing it would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.label for column in table.columns])
    writer.writerows([[_cell(v) for v in row] for row in table.rows])
    return "\ufeff" + out.getvalue()  # the BOM tells Excel the file is UTF-8


# --- iCalendar -------------------------------------------------------------------------


def calendar(report: Report) -> str:
    """RFC 5545: each programme's milestones as all-day events, its yearly cycle as a month."""
    committee = report.committee
    cal = icalendar.Calendar()
    cal.add("prodid", "-//chibo//lich//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Lịch xây dựng chi bộ, {report.naming.name}")
    stamp = dt.datetime.combine(committee.as_of, dt.time(), dt.UTC)
    for programme in report.programmes:
        record = programme.programme
        # The first programme's events keep the identifiers they had when the site knew one plan.
        prefix = "" if programme is report.programmes[0] else f"{programme.id}-"
        for view in programme.milestones:
            m = view.milestone
            details = [record.short_name, f"Tình trạng (đến ngày {date_vi(committee.as_of)}): {view.label}"]
            if m.done:
                details.append(f"Hoàn thành ngày {date_vi(m.done)}")
            if m.owner:
                details.append(f"Chủ trì: {m.owner}")
            if m.note:
                details.append(m.note)
            cal.add_component(
                _event(f"{prefix}moc-{m.id}", m.title, m.date, m.date + dt.timedelta(days=1), "\n".join(details), stamp)
            )
        month = record.workflow.cycle_month
        for year in range(record.period.start, record.period.end + 1):
            end = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
            cal.add_component(
                _event(
                    f"{prefix}thang-{month}-{year}",
                    f"Tự đánh giá, xét công nhận {record.terms.model} năm {year}",
                    dt.date(year, month, 1),
                    end,
                    f"{record.short_name}. Tháng {month} hằng năm: chi bộ tự đánh giá; Ban Thường vụ xem xét, "
                    f"công nhận {record.terms.model}" + (" và khen thưởng." if record.workflow.commendation else "."),
                    stamp,
                )
            )
    return cal.to_ical().decode("utf-8")


def _event(
    uid: str, summary: str, start: dt.date, end: dt.date, description: str, stamp: dt.datetime
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@chibo-kieu-mau")  # kept: calendars know the events by it
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


# --- Atom feed -------------------------------------------------------------------------


def feed(report: Report, renderer: Renderer, audience: Audience) -> str:
    """Registration events and recognitions, newest first (RFC 4287); notes as ``audience`` may read them."""
    committee = report.committee
    entries = []
    for view in report.cells:
        cell = view.cell
        for index, e in enumerate(cell.registration):
            entries.append(
                _entry(
                    view,
                    f"{EVENT_LABELS[e.status]} năm {e.year}",
                    e.date,
                    "; ".join(x for x in (e.decision, audience.note(e)) if x),
                    f"su-kien:{index}",
                )
            )
        for part in view.parts:
            for year in part.model_years:
                r = next(r for r in cell.results if r.year == year)
                entries.append(
                    _entry(
                        view,
                        f"Được công nhận {part.programme.programme.terms.model} năm {year}",
                        dt.date(year, 12, 31),
                        "; ".join(x for x in (r.decision, r.award) if x),
                        f"kieu-mau:{year}",  # the key it had when the site knew one plan
                    )
                )
    entries.sort(key=lambda e: (e["updated"], e["id"]), reverse=True)
    updated = entries[0]["updated"] if entries else _stamp(committee.as_of)
    return renderer.file(
        "atom.xml.j2",
        naming=report.naming,
        entries=entries,
        updated=updated,
        feed_id=f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'thay-doi')}",
    )


def _entry(view: CellReport, what: str, day: dt.date, summary: str, key: str) -> dict[str, str]:
    return {
        "id": f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{view.cell.id}:{key}')}",
        "title": f"{view.cell.name}: {what}",
        "updated": _stamp(day),
        "link": f"../{view.url}",
        "summary": summary or what,
    }


def _stamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), _TZ).isoformat()
