"""Small numbers suppressed, formulas neutralised: in the pure functions and in the files."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from righthelp.exports.disclosure import (
    Audience,
    audience_note,
    for_audience,
    neutralised,
    suppressed,
)
from righthelp.exports.tables import Row, Table
from righthelp.exports.writers import write_csv, write_xlsx

DAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (6, 6), (120, 120)]
)
def test_counts_from_one_to_four_are_suppressed_and_zero_is_shown(
    count: int, shown: object
) -> None:
    assert suppressed(count, 5) == shown


def test_the_threshold_is_the_partnerships() -> None:
    assert suppressed(9, 10) == "<10"
    assert suppressed(2, 3) == "<3"
    assert suppressed(3, 3) == 3


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=50))
def test_a_suppressed_count_never_shows_a_number_below_the_threshold(
    count: int, threshold: int
) -> None:
    shown = suppressed(count, threshold)
    assert shown == 0 or shown == f"<{threshold}" or (isinstance(shown, int) and shown >= threshold)


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 1782", "'+44 1782"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Police", "Police"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_gets_a_quote(text: str, safe: str) -> None:
    assert neutralised(text) == safe


def _table() -> Table:
    return Table(
        key="families-by-level",
        title="Families by level of need",
        row_heading="Level of need",
        columns=("Families",),
        rows=(
            Row("1. Thriving", (0,)),
            Row("=cmd|' /C calc'!A0", (3,)),
            Row("3. Getting Help", (12,)),
        ),
    )


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_csv_for_sharing_outside_suppresses_and_says_so() -> None:
    table = for_audience(_table(), Audience.OUTSIDE, 5)
    rows = _csv_rows(write_csv(table, notes=[audience_note(Audience.OUTSIDE, 5)], made_on=DAY))
    assert rows[0] == ["Families by level of need"]
    assert rows[1] == [
        "For sharing outside the partnership: counts of families from 1 to 4 are shown as <5."
    ]
    assert rows[2] == ["Made on 01 March 2026"]
    assert rows[4] == ["Level of need", "Families"]
    assert rows[5:] == [
        ["1. Thriving", "0"],
        ["'=cmd|' /C calc'!A0", "<5"],
        ["3. Getting Help", "12"],
    ]


def test_a_csv_for_the_partnership_keeps_exact_counts_and_says_so() -> None:
    table = for_audience(_table(), Audience.PARTNERSHIP, 5)
    rows = _csv_rows(write_csv(table, notes=[audience_note(Audience.PARTNERSHIP, 5)], made_on=DAY))
    assert rows[1][0].startswith("Exact counts, for use within the partnership only.")
    assert rows[6] == ["'=cmd|' /C calc'!A0", "3"]


def test_counts_of_agencies_are_not_suppressed() -> None:
    table = Table(
        key="ratings",
        title="Ratings",
        row_heading="Area",
        columns=("Good evidence",),
        rows=(Row("Recording", (2,)),),
        counts_people=False,
    )
    assert for_audience(table, Audience.OUTSIDE, 5).rows[0].cells == (2,)


def test_an_xlsx_keeps_formula_text_as_text_and_numbers_as_numbers() -> None:
    table = for_audience(_table(), Audience.OUTSIDE, 5)
    data = write_xlsx(table, notes=[audience_note(Audience.OUTSIDE, 5)], made_on=DAY)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Families by level of need"
    assert values[4] == ["Level of need", "Families"]
    assert values[5:] == [["1. Thriving", 0], ["=cmd|' /C calc'!A0", "<5"], ["3. Getting Help", 12]]
    formula_cell = sheet.cell(row=7, column=1)
    assert formula_cell.data_type == "s"  # text, not a formula
    assert formula_cell.quotePrefix
    assert sheet.cell(row=8, column=2).data_type == "n"


def test_a_row_must_fill_every_column() -> None:
    with pytest.raises(ValueError, match="wrong number of cells"):
        Table(key="x", title="X", row_heading="R", columns=("a", "b"), rows=(Row("r", (1,)),))
