"""The content hash identifies what a pack says, not how its YAML is laid out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from righthelp.core.packs.loader import load_pack

Edit = Callable[[str, str, str], None]


def test_key_order_quoting_and_layout_do_not_change_the_hash(tiny_pack: Path) -> None:
    before = load_pack(tiny_pack).content_hash
    (tiny_pack / "services.yaml").write_text(
        "# reordered, re-quoted, flow style\n"
        "services:\n"
        "- {name: 'Family Hubs', id: family-hubs,\n"
        "   contacts: [{hours: Mon-Fri 9am-5pm, value: '01234 567890', kind: phone}]}\n"
        '- name: "Youth club"\n'
        "  id: youth-club\n"
    )
    assert load_pack(tiny_pack).content_hash == before


def test_a_change_of_wording_changes_the_hash(tiny_pack: Path, edit: Edit) -> None:
    before = load_pack(tiny_pack).content_hash
    edit("outcomes.yaml", "Attendance below 90%.", "Attendance below 85%.")
    assert load_pack(tiny_pack).content_hash != before


def test_the_order_of_indicators_is_content(tiny_pack: Path, edit: Edit) -> None:
    before = load_pack(tiny_pack).content_hash
    edit("outcomes.yaml", "  - id: education", "  - id: education-")
    edit("outcomes.yaml", "  - id: education-", "  - id: education")
    assert load_pack(tiny_pack).content_hash == before
    path = tiny_pack / "outcomes.yaml"
    text = path.read_text()
    first = (
        "      - id: house-01\n        level: 2\n        text: Recent change in circumstances.\n"
    )
    second = "      - id: house-02\n        level: 3\n        text: Frequent housing moves.\n"
    path.write_text(text.replace(first + second, second + first))
    assert load_pack(tiny_pack).content_hash != before


def test_the_hash_has_a_stable_form(tiny_pack: Path) -> None:
    digest = load_pack(tiny_pack).content_hash
    assert digest.startswith("sha256:") and len(digest) == len("sha256:") + 64
