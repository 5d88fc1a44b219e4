"""A table of figures, as a dashboard shows it and every export writes it.

A selector returns a ``Table``; the page draws it (and a chart of it), and the CSV, XLSX
and PDF writers write it. Cells are counts (``int``) or text; ``counts_people`` says
whether the counts are of families or people, which is what small-number suppression
protects (counts of agencies are not suppressed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Cell = int | str


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]

    def count(self, index: int = 0) -> int:
        cell = self.cells[index]
        return cell if isinstance(cell, int) else 0


@dataclass(frozen=True)
class Table:
    key: str
    """Stable and safe in a file name and an address: ``families-by-level``."""
    title: str
    row_heading: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    counts_people: bool = True
    note: str = ""

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row.cells) != len(self.columns):
                raise ValueError(f"{self.key}: row {row.label!r} has the wrong number of cells")

    @property
    def header(self) -> tuple[str, ...]:
        return (self.row_heading, *self.columns)

    def cell(self, row_label: str, column: str) -> Cell:
        row = next(r for r in self.rows if r.label == row_label)
        return row.cells[self.columns.index(column)]

    def as_dict(self) -> dict[str, dict[str, Cell]]:
        """``{row label: {column: cell}}``: what tests with known answers compare."""
        return {row.label: dict(zip(self.columns, row.cells, strict=True)) for row in self.rows}


def one_column(
    *,
    key: str,
    title: str,
    row_heading: str,
    column: str,
    counts: Sequence[tuple[str, int]],
    note: str = "",
) -> Table:
    return Table(
        key=key,
        title=title,
        row_heading=row_heading,
        columns=(column,),
        rows=tuple(Row(label, (count,)) for label, count in counts),
        note=note,
    )
