"""What a partnership changed between two versions of its pack."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from righthelp.core.packs.diff import diff_packs
from righthelp.core.packs.loader import load_pack

Edit = Callable[[str, str, str], None]


def test_identical_packs_have_no_changes(tiny_pack: Path) -> None:
    assert diff_packs(load_pack(tiny_pack), load_pack(tiny_pack)).is_empty


def test_added_removed_reworded_and_moved_indicators(tiny_pack: Path, edit: Edit) -> None:
    old = load_pack(tiny_pack)
    edit("outcomes.yaml", "Attendance below 95%.", "Attendance has dropped below 95%.")
    edit(
        "outcomes.yaml",
        "      - id: house-02\n        level: 3",
        "      - id: house-02\n        level: 2",
    )
    edit(
        "outcomes.yaml",
        "      - id: house-01\n        level: 2\n        text: Recent change in circumstances.\n",
        "",
    )
    edit(
        "outcomes.yaml",
        "        text: Frequent housing moves.\n",
        "        text: Frequent housing moves.\n"
        "      - id: house-03\n        level: 3\n        text: Family at risk of eviction.\n",
    )
    diff = diff_packs(old, load_pack(tiny_pack))

    assert [(c.id, c.new_level, c.new_text) for c in diff.indicators_added] == [
        ("house-03", 3, "Family at risk of eviction.")
    ]
    assert [(c.id, c.old_text) for c in diff.indicators_removed] == [
        ("house-01", "Recent change in circumstances.")
    ]
    assert [(c.id, c.old_text, c.new_text) for c in diff.indicators_reworded] == [
        ("edu-02", "Attendance below 95%.", "Attendance has dropped below 95%.")
    ]
    assert [(c.id, c.old_level, c.new_level) for c in diff.indicators_moved] == [("house-02", 3, 2)]
    assert not diff.is_empty


def test_an_indicator_moved_to_another_outcome(tiny_pack: Path, edit: Edit) -> None:
    old = load_pack(tiny_pack)
    edit(
        "outcomes.yaml",
        "      - id: edu-03\n        level: 3\n        text: Attendance below 90%.\n",
        "",
    )
    edit(
        "outcomes.yaml",
        "        text: Frequent housing moves.\n",
        "        text: Frequent housing moves.\n"
        "      - id: edu-03\n        level: 3\n        text: Attendance below 90%.\n",
    )
    (moved,) = diff_packs(old, load_pack(tiny_pack)).indicators_moved
    assert (moved.id, moved.old_outcome, moved.outcome) == (
        "edu-03",
        "Getting a good education",
        "Secure housing",
    )


def test_other_items_are_compared_by_id(tiny_pack: Path, tmp_path: Path, edit: Edit) -> None:
    old_folder = tmp_path / "old"
    shutil.copytree(tiny_pack, old_folder)
    edit("services.yaml", "    name: Youth club", "    name: Youth centre")
    edit(
        "levels.yaml",
        "action: Advice and signposting.",
        "action: Advice, guidance and signposting.",
    )
    diff = diff_packs(load_pack(old_folder), load_pack(tiny_pack))
    assert diff.other["services"].changed == ("youth-club",)
    assert diff.other["levels"].changed == ("2",)
    assert not diff.other["criteria"]
