"""Searching pack text: forgiving of case, accents and punctuation; every word must match."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.text_search import index_terms, normalise, query_terms, rank, score


def fields(name: str, body: str = "") -> list[tuple[str, int]]:
    return [(name, 4), (body, 1)]


def test_case_accents_and_apostrophes_do_not_matter() -> None:
    assert normalise("Women’s AID Café") == "womens aid cafe"
    assert score(fields("Coventry Haven Women's Aid"), query_terms("WOMENS aid")) > 0


def test_hyphenated_words_are_found_whole_and_in_parts() -> None:
    terms = index_terms("Family Co-Ordinator service")
    assert {"co", "ordinator", "coordinator"} <= terms
    assert score(fields("Family Co-Ordinator service"), query_terms("coordinator")) > 0
    assert score(fields("Family Co-Ordinator service"), query_terms("co-ordinator")) > 0


def test_punctuation_around_a_word_does_not_hide_it() -> None:
    assert score(fields("Coventry Rape and Sexual Abuse Centre (CRASAC)"), ("crasac",)) > 0


def test_common_words_are_not_required() -> None:
    assert query_terms("help for the family") == ("help", "family")
    assert query_terms("the and") == ()


def test_every_word_must_match_somewhere() -> None:
    assert score(fields("Horizon Team", "sexual exploitation"), ("horizon", "exploitation")) > 0
    assert score(fields("Horizon Team", "sexual exploitation"), ("horizon", "housing")) == 0


def test_a_whole_word_outranks_the_start_of_a_word_and_a_name_outranks_a_body() -> None:
    whole = score(fields("Police"), ("police",))
    start = score(fields("Policies"), ("police",))
    in_body = score(fields("Intelligence", "let the police know"), ("police",))
    assert whole > in_body and start == 0
    assert score(fields("Policing"), ("polic",)) == 4


def test_rank_puts_the_best_first_and_keeps_order_for_ties() -> None:
    items = ["a youth club", "Youth Workers", "older people", "youth mentoring"]
    found = rank(items, "youth", lambda item: [(item, 1)])
    assert found == ["a youth club", "Youth Workers", "youth mentoring"]


def test_a_blank_query_keeps_everything_in_order() -> None:
    items = ["b", "a", "c"]
    assert rank(items, "   ", lambda item: [(item, 1)]) == items


@given(st.text(max_size=60))
def test_any_query_is_safe(query: str) -> None:
    found = rank(["Horizon Team", "CRASAC"], query, lambda item: [(item, 1)])
    assert set(found) <= {"Horizon Team", "CRASAC"}


@given(st.text(alphabet=st.characters(categories=["L", "Nd"]), min_size=1, max_size=20))
def test_a_word_always_finds_a_text_containing_it(word: str) -> None:
    terms = query_terms(word)
    if terms:
        assert score([(f"before {word} after", 1)], terms) > 0
