"""The partnership self-assessment has every question, numbered as printed."""

from __future__ import annotations

import pytest

from righthelp.core.packs.loader import load_pack
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import SHIPPED_PACKS_DIR
from righthelp.practice_packs.tests.source_text import SELF_ASSESSMENT, fragments, source


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(SHIPPED_PACKS_DIR / "partnership-self-assessment")


def test_four_areas_and_twenty_three_questions(pack: Pack) -> None:
    instrument = pack.instruments_by_id["cce-self-assessment"]
    assert [s.title for s in instrument.sections] == [
        "Service response/collaboration",
        "Information sharing",
        "Assessment of risk/child protection",
        "Recording",
    ]
    questions = [q for s in instrument.sections for q in s.questions]
    assert len(questions) == 23
    assert len({q.id for q in questions}) == 23


def test_numbers_are_kept_as_printed_even_when_printed_twice(pack: Pack) -> None:
    instrument = pack.instruments_by_id["cce-self-assessment"]
    numbers = [q.number for s in instrument.sections for q in s.questions]
    assert numbers == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "1.6",
        "1.7",
        "1.8",
        "1.8",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "4.1",
        "4.2",
        "4.3",
        "4.4",
        "4.5",
        "4.5",
    ]


def test_question_wording_is_the_sources(pack: Pack) -> None:
    text = source(SELF_ASSESSMENT)
    for section in pack.instruments_by_id["cce-self-assessment"].sections:
        for question in section.questions:
            pieces = fragments(question.text, text)
            assert pieces is not None, question.id
            if len(pieces) > 1:
                assert question.source_note, question.id


def test_the_scale_good_some_and_no_or_minimal_evidence(pack: Pack) -> None:
    scale = pack.instruments_by_id["cce-self-assessment"].scale
    assert [(o.id, o.group) for o in scale] == [
        ("good", None),
        ("some", None),
        ("minimal", "no-or-minimal"),
        ("none", "no-or-minimal"),
    ]
