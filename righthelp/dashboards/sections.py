"""The dashboard's sections, in page order. Each is one figure: a selector that returns a
``Table`` and how to draw it. The page, the CSV and XLSX exports and the PDF report are
all built from this list, so a new figure is a selector plus one ``Section`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from righthelp.dashboards import selectors
from righthelp.dashboards.selectors import Figures
from righthelp.exports.tables import Table


class Chart(StrEnum):
    BAR = "bar"
    """One bar per row, from the table's first column."""
    TABLE_ONLY = "table"
    """A two-way table (from-level by to-level) reads best as the table itself."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    summary: str
    table: Callable[[Figures], Table]
    chart: Chart = Chart.BAR
    uses_period: bool = False


SECTIONS: tuple[Section, ...] = (
    Section(
        key="families-by-level",
        title="Families by current level of need",
        summary="How many families are at each level now, from their latest completed assessment.",
        table=selectors.families_by_level,
    ),
    Section(
        key="decisions-awaiting-sign-off",
        title="Decisions awaiting sign-off, by level",
        summary=(
            "Families whose threshold decision waits for a manager's sign-off, at the level "
            "decided, and the longest any has waited."
        ),
        table=selectors.decisions_awaiting_sign_off,
        chart=Chart.TABLE_ONLY,
    ),
    Section(
        key="families-by-outcome",
        title="Families by outcome area",
        summary=(
            "How many families have an indicator under each of the ten outcomes in their "
            "latest completed assessment."
        ),
        table=selectors.families_by_outcome,
    ),
    Section(
        key="level-movement",
        title="Movement between levels of need",
        summary=(
            "Each family's level at the start of the period against its level at the end: "
            "above the diagonal more help is needed, below it less."
        ),
        table=selectors.level_movement,
        chart=Chart.TABLE_ONLY,
        uses_period=True,
    ),
    Section(
        key="criteria-progress",
        title="Family plan criteria identified, achieved and sustained",
        summary="Every headline criterion in a family plan, by where it has got to.",
        table=selectors.criteria_progress,
        chart=Chart.TABLE_ONLY,
    ),
    Section(
        key="referrals-by-route",
        title="Requests for service by route and consent route",
        summary="Requests sent in the period: where they went, and whether the parent agreed.",
        table=selectors.referrals_by_route,
        chart=Chart.TABLE_ONLY,
        uses_period=True,
    ),
    Section(
        key="overdue-work",
        title="Overdue actions and reviews",
        summary="Plan actions past their due date and plans past their agreed review date.",
        table=selectors.overdue_work,
    ),
    Section(
        key="screenings-by-band",
        title="Exploitation screenings by band",
        summary="Screenings in the period by band, from the score and from what was seen.",
        table=selectors.screenings_by_band,
        chart=Chart.TABLE_ONLY,
        uses_period=True,
    ),
)

SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
