"""Charts drawn on the server as SVG, so they print and need no JavaScript.

Functions here compute geometry only; templates draw it, and every chart has the table
of its data beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 240
LEFT = 170  # room for level names
RIGHT = 20
TOP = 20
BOTTOM = 40


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class AxisLabel:
    position: float
    text: str
    anchor: str = "middle"


def _polyline(points: Sequence[ChartPoint]) -> str:
    """The points as an SVG polyline's ``points`` attribute."""
    return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)


@dataclass(frozen=True)
class _TimeAxis:
    """Dates placed left to right across a plot, labelled at both ends; a single date
    sits in the middle."""

    first: dt.date
    last: dt.date
    left: float
    width: float

    def x(self, day: dt.date) -> float:
        if self.first == self.last:
            return self.left + self.width / 2
        days = max((self.last - self.first).days, 1)
        return self.left + self.width * (day - self.first).days / days

    def labels(self) -> tuple[AxisLabel, ...]:
        ends = sorted({self.first, self.last})
        return tuple(
            AxisLabel(
                self.x(day),
                f"{day:%b %Y}",
                "middle" if len(ends) == 1 else ("start" if day == self.first else "end"),
            )
            for day in ends
        )


@dataclass(frozen=True)
class LineChart:
    """One line of points over time, in a plot with margins on each side."""

    width: int
    height: int
    points: tuple[ChartPoint, ...]
    y_labels: tuple[AxisLabel, ...]
    x_labels: tuple[AxisLabel, ...]
    left: int
    right: int
    top: int
    bottom: int

    @property
    def polyline(self) -> str:
        return _polyline(self.points)

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom


@dataclass(frozen=True)
class LevelChart(LineChart):
    """Level of need over time."""


def level_chart(
    history: Sequence[tuple[dt.date, int]], levels: Sequence[tuple[int, str]]
) -> LevelChart | None:
    """Level of need over time: one point per completed assessment. None without history."""
    if not history or not levels:
        return None
    numbers = [number for number, _ in levels]
    low, high = min(numbers), max(numbers)
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT

    def y_of(level: int) -> float:
        span = max(high - low, 1)
        return TOP + plot_height * (high - level) / span

    time = _TimeAxis(history[0][0], history[-1][0], LEFT, plot_width)
    names = dict(levels)
    points = tuple(
        ChartPoint(time.x(day), y_of(level), f"{day:%d %b %Y}: {level} {names.get(level, '')}")
        for day, level in history
    )
    return LevelChart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        y_labels=tuple(AxisLabel(y_of(n), f"{n} {name}") for n, name in levels),
        x_labels=time.labels(),
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
    )


@dataclass(frozen=True)
class Series:
    name: str
    css: str
    points: tuple[ChartPoint, ...]

    @property
    def polyline(self) -> str:
        return _polyline(self.points)


@dataclass(frozen=True)
class ScalingChart:
    width: int
    height: int
    series: tuple[Series, ...]
    y_labels: tuple[AxisLabel, ...]
    x_labels: tuple[AxisLabel, ...]
    left: int
    top: int
    plot_right: int
    plot_bottom: int


def scaling_chart(
    reviews: Sequence[tuple[dt.date, int | None, int | None]],
) -> ScalingChart | None:
    """Scaling scores (0-10) from the parent or carer and from the young person at each
    review. None when no review has a score."""
    scored = [r for r in reviews if r[1] is not None or r[2] is not None]
    if not scored:
        return None
    left, right, top, bottom = 50, 20, 20, 40
    plot_width, plot_height = WIDTH - left - right, HEIGHT - top - bottom
    time = _TimeAxis(scored[0][0], scored[-1][0], left, plot_width)

    def y_of(score: int) -> float:
        return top + plot_height * (10 - score) / 10

    def series(name: str, css: str, index: int) -> Series:
        return Series(
            name,
            css,
            tuple(
                ChartPoint(time.x(day), y_of(score), f"{day:%d %b %Y}: {name} {score} out of 10")
                for day, *scores in scored
                if (score := scores[index]) is not None
            ),
        )

    return ScalingChart(
        width=WIDTH,
        height=HEIGHT,
        series=(
            series("Parent or carer", "rh-chart__series--1", 0),
            series("Young person", "rh-chart__series--2", 1),
        ),
        y_labels=tuple(AxisLabel(y_of(n), str(n)) for n in (0, 5, 10)),
        x_labels=time.labels(),
        left=left,
        top=top,
        plot_right=WIDTH - right,
        plot_bottom=HEIGHT - bottom,
    )


BAR_CHART_WIDTH = 800
BAR_ROW = 32
BAR_THICKNESS = 20
BAR_TOP = 8
BAR_BOTTOM = 8
BAR_VALUE_ROOM = 48  # room after the longest bar for its number
CHARACTER_WIDTH = 8.4  # of the 16px label font, generously
BAR_LABEL_GAP = 10
MAX_LEFT = 500  # the longest outcome title, "4. Promoting recovery ...", fits


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: float
    """Top of the bar."""
    length: float
    middle: float
    """Where the label and the number sit vertically."""
    value_x: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    """Where every bar starts; labels end just before it."""
    bars: tuple[Bar, ...]
    thickness: int

    @property
    def label_x(self) -> int:
        return self.left - BAR_LABEL_GAP

    @property
    def description(self) -> str:
        return "; ".join(f"{bar.label}: {bar.value}" for bar in self.bars)


def bar_chart(rows: Sequence[tuple[str, int]]) -> BarChart | None:
    """Horizontal bars, one per row, longest for the largest count. None without rows.

    Labels sit to the left of the bars, so the left margin grows with the longest label;
    a count of 0 has no bar, only its number.
    """
    if not rows:
        return None
    longest_label = max(len(label) for label, _ in rows)
    left = int(min(max(longest_label * CHARACTER_WIDTH + BAR_LABEL_GAP * 2, 120), MAX_LEFT))
    plot = BAR_CHART_WIDTH - left - BAR_VALUE_ROOM
    largest = max((value for _, value in rows), default=0)
    bars = []
    for index, (label, value) in enumerate(rows):
        length = plot * value / largest if largest else 0.0
        y = BAR_TOP + index * BAR_ROW + (BAR_ROW - BAR_THICKNESS) / 2
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                length=length,
                middle=y + BAR_THICKNESS / 2,
                value_x=left + length + 6,
            )
        )
    return BarChart(
        width=BAR_CHART_WIDTH,
        height=BAR_TOP + len(rows) * BAR_ROW + BAR_BOTTOM,
        left=left,
        bars=tuple(bars),
        thickness=BAR_THICKNESS,
    )


# --- exploitation screening scores over time -------------------------------------------

SCORE_LEFT = 56  # room for the score numbers
SCORE_RIGHT = 150  # room for the band names
SCORE_TOP = 44  # room for the axis title
SCORE_HEIGHT = 300  # a row for every score of a 0-10 tool


@dataclass(frozen=True)
class BandStripe:
    """A band of the score range, drawn as a shaded stripe with its name beside it."""

    top: float
    height: float
    label: str
    label_y: float
    shaded: bool


@dataclass(frozen=True)
class ScoreChart(LineChart):
    """Screening scores over time, with the instrument's bands as stripes."""

    stripes: tuple[BandStripe, ...]
    axis_title: str

    @property
    def plot_width(self) -> int:
        return self.plot_right - self.left

    @property
    def band_label_x(self) -> int:
        return self.plot_right + 8


def score_chart(
    history: Sequence[tuple[dt.date, int]],
    *,
    low: int,
    high: int,
    higher_is_safer: bool,
    bands: Sequence[tuple[int, int, str]] = (),
) -> ScoreChart | None:
    """Screening scores over time, the top of the range at the top, the bands as stripes.

    ``bands`` are (min, max, name). The axis title says which way is safer, because in some
    tools (Coventry's) a higher score means less risk. None without history.
    """
    if not history or high <= low:
        return None
    plot_height = SCORE_HEIGHT - SCORE_TOP - BOTTOM
    plot_width = WIDTH - SCORE_LEFT - SCORE_RIGHT

    def y_of(score: float) -> float:
        return SCORE_TOP + plot_height * (high - score) / (high - low)

    ordered = sorted(history)
    time = _TimeAxis(ordered[0][0], ordered[-1][0], SCORE_LEFT, plot_width)
    points = tuple(
        ChartPoint(time.x(day), y_of(score), f"{day:%d %b %Y}: score {score}")
        for day, score in ordered
    )
    step = 1 if high - low <= 10 else max((high - low) // 5, 1)
    ticks = range(low, high + 1, step) if step > 1 else range(low, high + 1)
    stripes = []
    for index, (band_min, band_max, name) in enumerate(sorted(bands, key=lambda b: -b[1])):
        top = y_of(min(band_max + 0.5, high))
        bottom = y_of(max(band_min - 0.5, low))
        stripes.append(BandStripe(top, bottom - top, name, (top + bottom) / 2, index % 2 == 0))
    safer = "higher" if higher_is_safer else "lower"
    return ScoreChart(
        width=WIDTH,
        height=SCORE_HEIGHT,
        points=points,
        y_labels=tuple(AxisLabel(y_of(n), str(n)) for n in ticks),
        x_labels=time.labels(),
        stripes=tuple(stripes),
        axis_title=f"Score {low} to {high}: {safer} is safer",
        left=SCORE_LEFT,
        right=SCORE_RIGHT,
        top=SCORE_TOP,
        bottom=BOTTOM,
    )
