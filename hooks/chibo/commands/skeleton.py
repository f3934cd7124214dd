"""Record skeletons: a programme (``chibo new programme``, ``chibo init``) and a committee
(``chibo init``), rendered from the ``new-*.j2`` templates beside this module.

A skeleton is valid as written (``chibo validate`` passes on it) and says, in its comments
and with ``[ĐIỀN: …]`` in its values, what the office must fill; its ``placeholder: true``
lets the home page say so too. Nothing of one committee or plan is in the templates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..records.paths import (
    BOOK_FILE,
    COMMITTEE_FILE,
    PLAN_FILE,
    PROGRAMME_FILE,
    RECORDS,
    plan_path,
    programme_dir,
)
from ..records.schema import MODELINES

FOLDER = Path(__file__).parent
# The plan's sections a skeleton cites, in the plan's order (after "I. Mục đích, yêu cầu"):
# name in ``sections``, anchor, title. Numbered II, III… in that order.
SECTIONS = (
    ("criteria", "tieu-chi", "Tiêu chí"),
    ("registration", "dang-ky", "Đăng ký thực hiện"),
    ("self_check", "tu-danh-gia", "Tự đánh giá hằng tháng"),
    ("recognition", "cong-nhan", "Xem xét, công nhận"),
    ("targets", "chi-tieu", "Chỉ tiêu"),
    ("roadmap", "lo-trinh", "Lộ trình"),
    ("organisation", "to-chuc-thuc-hien", "Tổ chức thực hiện"),
)
ROMAN = ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX")


@dataclass(frozen=True)
class SectionLine:
    """A section of the skeleton's plan: its name in ``sections``, number, anchor and title."""

    name: str
    number: str
    anchor: str
    title: str


@dataclass(frozen=True)
class ProgrammeSpec:
    """What ``chibo new programme`` is told: id, kind, period, name; monthly forms or not."""

    id: str
    kind: str
    start: int
    end: int
    name: str
    short_name: str
    monthly: bool
    plan_date: dt.date


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(FOLDER),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = lambda text: json.dumps(" ".join(str(text).split()), ensure_ascii=False)
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    return env


def render(template: str, **values: Any) -> str:
    return environment().get_template(template).render(**values)


def programme_files(spec: ProgrammeSpec) -> dict[str, str]:
    """Path relative to the project → text, for the programme's three files."""
    used = [s for s in SECTIONS if spec.monthly or s[0] != "self_check"]
    sections = [SectionLine(key, number, anchor, title) for (key, anchor, title), number in zip(used, ROMAN)]
    folder = programme_dir(spec.id)
    return {
        f"{folder}/{PROGRAMME_FILE}": render(
            "new-programme.yml.j2",
            modeline=MODELINES[PROGRAMME_FILE],
            id=spec.id,
            kind=spec.kind,
            name=spec.name,
            short_name=spec.short_name,
            start=spec.start,
            end=spec.end,
            plan_date=spec.plan_date.isoformat(),
            plan_title=f"xây dựng chi bộ giai đoạn {spec.start}-{spec.end}",
            term="chi bộ đạt chuẩn",
            building="xây dựng chi bộ",
            framework="Khung tiêu chí",
            monthly=spec.monthly,
            sections=sections,
        ),
        f"{folder}/{BOOK_FILE}": render("new-criteria.yml.j2", modeline=MODELINES[BOOK_FILE], id=spec.id),
        f"{folder}/{PLAN_FILE}": render("new-plan.md.j2", path=plan_path(spec.id), sections=sections),
    }


def committee_file(name: str, as_of: dt.date) -> dict[str, str]:
    """``records/dang-bo.yml`` of a new committee: its name; superior body and place to fill."""
    own = name.removeprefix("Đảng bộ ").strip()
    return {
        f"{RECORDS}/{COMMITTEE_FILE}": render(
            "new-committee.yml.j2",
            modeline=MODELINES[COMMITTEE_FILE],
            name=name,
            committee=f"Đảng ủy {own}" if own != name else f"Cấp ủy {name}",
            short_name="Đảng ủy",
            since=dt.date(as_of.year, 1, 1).isoformat(),
            as_of=as_of.isoformat(),
        )
    }


def site_config(config: str, name: str) -> str:
    """This project's ``mkdocs.yml`` with the new committee's name in the site's title,
    description and footer (the rest, nav included, is the code's and stays as it is)."""
    lines = {
        "site_name": name,
        "site_description": f"Các chương trình xây dựng chi bộ của {name} và kết quả của từng chi bộ",
        "copyright": f"Văn phòng Đảng ủy · {name} · Trang nội bộ",
    }
    for key, value in lines.items():
        config = re.sub(rf"^{key}:.*$", f"{key}: {json.dumps(value, ensure_ascii=False)}", config, count=1, flags=re.M)
    return config
