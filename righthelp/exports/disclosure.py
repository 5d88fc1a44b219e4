"""Keeping exports safe: small numbers suppressed, formulas neutralised. Pure functions.

Small numbers. A count of families from 1 to ``threshold - 1`` in a file meant to leave
the partnership could single a family out (one family at Getting Risk Support in a small
team is somebody everyone can name), so it is written as ``<threshold`` (``<5``).
Zero is written as 0, not suppressed: a count of nobody describes no family, and hiding
it would make ``<5`` mean "0 to 4" and hide that, for example, no family is waiting at
the highest level. Exports meant for the partnership itself keep exact counts and say so.

Formulas. A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
in some, a tab or carriage return) as a formula; text that people typed (an action, an
agency's name) must never run. Such text gets a leading single quote in CSV, and in
XLSX is written as text with Excel's own quote prefix.
"""

from __future__ import annotations

from enum import StrEnum

from righthelp.exports.tables import Cell, Row, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Audience(StrEnum):
    PARTNERSHIP = "partnership"
    OUTSIDE = "outside"


AUDIENCE_NOTES = {
    Audience.PARTNERSHIP: (
        "Exact counts, for use within the partnership only. Do not share outside the "
        "partnership: use the export for sharing outside the partnership instead."
    ),
    Audience.OUTSIDE: (
        "For sharing outside the partnership: counts of families from 1 to {below} are "
        "shown as <{threshold}."
    ),
}


def audience_note(audience: Audience, threshold: int) -> str:
    return AUDIENCE_NOTES[audience].format(below=threshold - 1, threshold=threshold)


def suppressed(count: int, threshold: int) -> Cell:
    """``count``, or ``<threshold`` when it is from 1 to ``threshold - 1``."""
    if count < 0:
        raise ValueError("counts are never negative")
    if 0 < count < threshold:
        return f"<{threshold}"
    return count


def suppress_table(table: Table, threshold: int) -> Table:
    """The table with every count of families or people suppressed; text untouched."""
    if not table.counts_people:
        return table
    return Table(
        key=table.key,
        title=table.title,
        row_heading=table.row_heading,
        columns=table.columns,
        rows=tuple(
            Row(
                row.label,
                tuple(
                    suppressed(cell, threshold) if isinstance(cell, int) else cell
                    for cell in row.cells
                ),
            )
            for row in table.rows
        ),
        counts_people=table.counts_people,
        note=table.note,
    )


def for_audience(table: Table, audience: Audience, threshold: int) -> Table:
    return suppress_table(table, threshold) if audience is Audience.OUTSIDE else table


def runs_as_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralised(text: str) -> str:
    """Text a spreadsheet will show, never run."""
    return "'" + text if runs_as_formula(text) else text
