from __future__ import annotations

import datetime as dt

from righthelp.ui.charts import bar_chart, level_chart, score_chart

LEVELS = [(1, "Thriving"), (2, "Getting Advice"), (3, "Getting Help"), (4, "More"), (5, "Risk")]


def test_no_history_no_chart() -> None:
    assert level_chart([], LEVELS) is None


def test_points_rise_with_the_level_and_move_right_with_time() -> None:
    chart = level_chart([(dt.date(2026, 1, 1), 2), (dt.date(2026, 6, 1), 4)], LEVELS)
    assert chart is not None
    first, last = chart.points
    assert first.x < last.x and last.y < first.y  # SVG y grows downwards
    assert chart.left <= first.x and last.x <= chart.plot_right
    assert first.label == "01 Jan 2026: 2 Getting Advice"
    assert [label.anchor for label in chart.x_labels] == ["start", "end"]


def test_a_single_assessment_sits_in_the_middle() -> None:
    chart = level_chart([(dt.date(2026, 1, 1), 1)], LEVELS)
    assert chart is not None
    (point,) = chart.points
    assert point.x == chart.left + (chart.plot_right - chart.left) / 2
    assert point.y == chart.plot_bottom


def test_no_rows_no_bar_chart() -> None:
    assert bar_chart([]) is None


def test_bars_are_as_long_as_their_counts_and_start_after_the_longest_label() -> None:
    chart = bar_chart([("1. Thriving", 2), ("5. Getting Risk Support", 4), ("Not assessed", 0)])
    assert chart is not None
    short, long, empty = chart.bars
    assert long.length == chart.width - chart.left - 48
    assert short.length == long.length / 2
    assert empty.length == 0 and empty.value_x == chart.left + 6
    assert chart.left >= len("5. Getting Risk Support") * 8
    assert short.y < long.y < empty.y
    assert chart.height == 8 + 3 * 32 + 8
    assert chart.description == "1. Thriving: 2; 5. Getting Risk Support: 4; Not assessed: 0"


def test_all_zero_counts_draw_no_bars_and_do_not_divide_by_zero() -> None:
    chart = bar_chart([("a", 0), ("b", 0)])
    assert chart is not None
    assert [bar.length for bar in chart.bars] == [0, 0]


def test_a_very_long_label_does_not_push_the_bars_off_the_chart() -> None:
    chart = bar_chart([("x" * 200, 3)])
    assert chart is not None
    assert chart.left == 500
    assert chart.bars[0].value_x < chart.width


# --- screening scores ----------------------------------------------------------------------

COVENTRY_BANDS = [(9, 10, "Universal"), (6, 8, "Low"), (3, 5, "Medium"), (0, 2, "High")]


def test_no_screenings_no_score_chart() -> None:
    assert score_chart([], low=0, high=10, higher_is_safer=True) is None


def test_a_higher_score_sits_higher_and_the_axis_says_which_way_is_safer() -> None:
    chart = score_chart(
        [(dt.date(2026, 3, 1), 2), (dt.date(2026, 1, 1), 4), (dt.date(2026, 6, 1), 7)],
        low=0,
        high=10,
        higher_is_safer=True,
        bands=COVENTRY_BANDS,
    )
    assert chart is not None
    assert chart.axis_title == "Score 0 to 10: higher is safer"
    # sorted by date whatever order they came in
    assert [p.label for p in chart.points] == [
        "01 Jan 2026: score 4",
        "01 Mar 2026: score 2",
        "01 Jun 2026: score 7",
    ]
    january, march, june = chart.points
    assert january.x < march.x < june.x
    assert june.y < january.y < march.y  # SVG y grows downwards
    assert chart.left <= january.x and june.x <= chart.plot_right
    assert chart.top <= june.y and march.y <= chart.plot_bottom
    assert [label.text for label in chart.y_labels] == [str(n) for n in range(11)]
    assert chart.y_labels[-1].position == chart.top  # 10 at the top
    assert chart.y_labels[0].position == chart.plot_bottom  # 0 at the bottom


def test_the_bands_are_stripes_that_cover_the_range_without_gaps() -> None:
    chart = score_chart(
        [(dt.date(2026, 1, 1), 5)], low=0, high=10, higher_is_safer=True, bands=COVENTRY_BANDS
    )
    assert chart is not None
    assert [s.label for s in chart.stripes] == ["Universal", "Low", "Medium", "High"]
    assert chart.stripes[0].top == chart.top
    for upper, lower in zip(chart.stripes, chart.stripes[1:], strict=False):
        assert abs(upper.top + upper.height - lower.top) < 1e-9
    bottom = chart.stripes[-1]
    assert abs(bottom.top + bottom.height - chart.plot_bottom) < 1e-9
    assert [s.shaded for s in chart.stripes] == [True, False, True, False]


def test_a_tool_where_lower_is_safer_says_so() -> None:
    chart = score_chart([(dt.date(2026, 1, 1), 1)], low=0, high=20, higher_is_safer=False)
    assert chart is not None
    assert chart.axis_title == "Score 0 to 20: lower is safer"
    assert [label.text for label in chart.y_labels] == ["0", "4", "8", "12", "16", "20"]
    (point,) = chart.points
    assert point.x == chart.left + (chart.plot_right - chart.left) / 2


def test_an_empty_score_range_draws_nothing() -> None:
    assert score_chart([(dt.date(2026, 1, 1), 1)], low=3, high=3, higher_is_safer=True) is None
