"""Chart geometry for inline SVG, drawn at build time (``templates/chart.svg.j2``).

No chart library runs in the browser. Each series has a fill pattern as well as a colour,
every bar carries its figure as text, and each chart sits beside a table with the same
numbers, so nothing is told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats import percent_vi, threshold_phrase, threshold_vi
from ..report.stats import TargetCheck, YearStats
from ..vocab import MEASURE_LABELS, RATING_LABELS, RATINGS

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 52, 20, 40
PLOT_H = HEIGHT - TOP - BOTTOM


@dataclass(frozen=True)
class Bar:
    """One rectangle; ``label`` is drawn inside (or above) it when there is room."""

    x: float
    y: float
    width: float
    height: float
    series: str
    title: str
    label: str = ""
    label_y: float = 0.0


@dataclass(frozen=True)
class Chart:
    """Everything the SVG template draws, already in pixels."""

    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_labels: tuple[tuple[float, str], ...]
    legend: tuple[tuple[str, str], ...]
    threshold: tuple[float, str, str] | None = None  # y, short label, legend text
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT


def _y(percent: float) -> float:
    return TOP + PLOT_H * (1 - percent / 100)


def _slots(count: int) -> list[tuple[float, float]]:
    """The left edge and width of each of ``count`` bars across the plot."""
    step = (WIDTH - LEFT - RIGHT) / max(count, 1)
    width = min(step * 0.6, 56)
    return [(LEFT + step * index + (step - width) / 2, width) for index in range(count)]


def _ticks() -> tuple[tuple[float, str], ...]:
    return tuple((_y(p), f"{p}%") for p in (0, 25, 50, 75, 100))


def rating_mix(stats: tuple[YearStats, ...]) -> Chart | None:
    """Stacked bars: the share of each rating among the cells rated each year."""
    years = [s for s in stats if s.rated]
    if not years:
        return None
    bars, x_labels = [], []
    for (x, width), s in zip(_slots(len(years)), years):
        bottom = 0.0
        for code in RATINGS:
            rating = s.ratings[code]
            if not rating.count:
                continue
            share = 100 * rating.count / s.rated
            top = _y(bottom + share)
            height = _y(bottom) - top
            bars.append(
                Bar(
                    x,
                    top,
                    width,
                    height,
                    code,
                    f"{s.year}: {RATING_LABELS[code]} {rating.count}/{s.rated} ({percent_vi(rating.percent)})",
                    str(rating.count) if height >= 14 else "",
                    top + height / 2 + 4,
                )
            )
            bottom += share
        x_labels.append((x + width / 2, str(s.year)))
    first, last = years[0].year, years[-1].year
    return Chart(
        id="xep-loai",
        title=f"Cơ cấu xếp loại chất lượng chi bộ, {first}–{last}",
        description="Cột chồng theo năm: tỷ lệ chi bộ ở từng mức xếp loại trên số chi bộ đã xếp loại; "
        "số ghi trong cột là số chi bộ. Số liệu đầy đủ ở bảng bên dưới.",
        bars=tuple(bars),
        y_ticks=_ticks(),
        x_labels=tuple(x_labels),
        legend=tuple((code, RATING_LABELS[code]) for code in RATINGS),
    )


def target_chart(checks: tuple[TargetCheck, ...]) -> Chart | None:
    """Bars of one target's measure per year, against its threshold line."""
    if not checks:
        return None
    target = checks[0].target
    bars, x_labels = [], []
    for (x, width), check in zip(_slots(len(checks)), checks):
        stats = check.stats
        assert stats is not None  # a trajectory has one check a year
        share = check.actual_percent or 0.0
        top = _y(share)
        verdict = "đạt" if check.met else "chưa đạt"
        bars.append(
            Bar(
                x,
                top,
                width,
                _y(0) - top,
                "dat" if check.met else "chua-dat",
                f"{stats.year}: {check.actual}/{stats.rated} ({percent_vi(share)}), {verdict}",
                percent_vi(share),
                top - 5,
            )
        )
        x_labels.append((x + width / 2, str(stats.year)))
    phrase = threshold_phrase(target.comparison, target.percent)
    return Chart(
        id=f"chi-tieu-{target.id}",
        title=f"Tỷ lệ chi bộ {MEASURE_LABELS[target.measure]} theo năm",
        description=f"Cột theo năm: tỷ lệ trên số chi bộ đã xếp loại; đường nét đứt là mức chỉ tiêu "
        f"({phrase}). Cột có sọc là năm chưa đạt mức này.",
        bars=tuple(bars),
        y_ticks=_ticks(),
        x_labels=tuple(x_labels),
        legend=(("dat", "Đạt mức chỉ tiêu"), ("chua-dat", "Chưa đạt mức chỉ tiêu")),
        threshold=(_y(target.percent), threshold_vi(target.percent), f"Chỉ tiêu năm {target.year}: {phrase}"),
    )
