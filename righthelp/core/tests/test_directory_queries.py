"""Does the directory find what a practitioner means? A fixed set of practitioner queries,
each with the services a practitioner would expect among the first ten results, searched
in each demo partnership's own packs. The recall (expected services found in the first
ten, over all expected) is printed and must stay at 0.9 or above.

The expectations were written by reading each service's entry in the packs: a query only
expects a service whose own words, or the criteria and levels that name it, carry the
meaning. Where a pack holds nothing for a need (Stoke-on-Trent's thresholds list no
domestic abuse service), the query is not in that partnership's set.
"""

from __future__ import annotations

import pytest

from righthelp.core.directory import DirectoryQuery, search_directory
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.registry import PackRegistry

TOP = 10

COVENTRY_QUERIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("domestic abuse", ("idva", "coventry-haven-womens-aid", "aafda")),
    ("DV", ("idva", "coventry-haven-womens-aid")),
    ("DA support", ("coventry-haven-womens-aid",)),
    ("domestic violence advisor", ("idva", "lgbtq-idva")),
    ("CSE", ("horizon", "project-apollo-artimus")),
    ("child sexual exploitation", ("horizon", "project-apollo-artimus")),
    ("CCE", ("positive-youth-foundation", "guiding-young-minds")),
    ("county lines", ("positive-youth-foundation", "guiding-young-minds")),
    ("knife crime", ("guiding-young-minds", "violence-reduction-unit")),
    ("gangs", ("guiding-young-minds", "violence-reduction-unit")),
    ("rape", ("crasac", "isva", "safeline")),
    ("sexual violence", ("crasac", "isva", "safeline")),
    ("ISVA", ("isva", "crasac")),
    ("IDVA", ("idva", "lgbtq-idva")),
    ("stalking", ("west-midlands-stalking-support-service",)),
    ("perpetrator", ("choose-2-change",)),
    ("FGM", ("coventry-haven-womens-aid",)),
    ("food bank", ("coventry-social-supermarkets-and-food-banks",)),
    ("LGBT", ("lgbtq-idva",)),
    ("womens aid", ("coventry-haven-womens-aid",)),
    ("mens advice", ("mens-advice-line",)),
    ("MASH", ("mash",)),
    ("social care referral", ("mash",)),
    ("out of hours social worker", ("social-worker-out-of-hours",)),
    ("police intelligence", ("police-intelligence",)),
    ("report to police", ("police",)),
    ("radicalisation", ("prevent",)),
    ("early help", ("supporting-families-early-help", "family-hub")),
    ("family hub", ("family-hub",)),
    ("mentoring", ("youth-work-mentoring-sports-coaching", "positive-youth-foundation")),
    ("music", ("mac-project",)),
    ("missing from home", ("horizon", "police")),
    ("drugs", ("positive-choices",)),
    ("asylum", ("migrant-centre",)),
    ("therapy for young people in gangs", ("guiding-young-minds",)),
)

STOKE_QUERIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("CAMHS", ("camhs", "combined-wellbeing")),
    ("mental health", ("camhs", "combined-wellbeing", "crisis-care-centre")),
    ("mental health crisis", ("crisis-care-centre",)),
    ("self harm", ("crisis-care-centre",)),
    ("front door", ("integrated-front-door",)),
    ("MASH", ("integrated-front-door",)),
    ("social care referral", ("integrated-front-door",)),
    ("emergency duty team", ("emergency-duty-team",)),
    ("police", ("staffordshire-police",)),
    ("101", ("staffordshire-police",)),
    ("radicalisation", ("prevent-and-channel",)),
    ("health visitor", ("integrated-0-19-service",)),
    ("school nurse", ("integrated-0-19-service",)),
    ("SEND", ("send-local-offer",)),
    ("special educational needs", ("send-local-offer",)),
    ("young carers", ("young-carer-referral",)),
    ("family hub", ("family-hubs", "digital-family-hub")),
    ("early help", ("family-hubs", "supporting-families-service")),
    ("voluntary sector", ("stoke-community-directory",)),
    ("online courses", ("inourplace",)),
    ("family coordinator", ("family-co-ordinator-service",)),
)


def _recall(
    packs: PackSet, pack_id: str, queries: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[int, int, list[str]]:
    found = expected = 0
    misses: list[str] = []
    for text, services in queries:
        top = [hit.entry.key for hit in search_directory(packs, DirectoryQuery(text=text)).hits]
        top = top[:TOP]
        for service in services:
            expected += 1
            if f"{pack_id}/{service}" in top:
                found += 1
            else:
                misses.append(f"{text!r} missed {service} (got {', '.join(top[:5]) or 'nothing'})")
    return found, expected, misses


@pytest.fixture(scope="module")
def registry() -> PackRegistry:
    return PackRegistry()


def test_the_practitioner_queries_find_the_expected_services(
    registry: PackRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    coventry = PackSet((registry.get("coventry"),))
    stoke = PackSet((registry.get("stoke-on-trent"),))
    cov_found, cov_expected, cov_misses = _recall(coventry, "coventry", COVENTRY_QUERIES)
    st_found, st_expected, st_misses = _recall(stoke, "stoke-on-trent", STOKE_QUERIES)
    found, expected = cov_found + st_found, cov_expected + st_expected
    recall = found / expected
    with capsys.disabled():
        print(
            f"\ndirectory recall@{TOP}: {recall:.3f} ({found}/{expected} expected services, "
            f"{len(COVENTRY_QUERIES) + len(STOKE_QUERIES)} queries; Coventry "
            f"{cov_found}/{cov_expected}, Stoke-on-Trent {st_found}/{st_expected})"
        )
        for miss in cov_misses + st_misses:
            print("  " + miss)
    assert len(COVENTRY_QUERIES) + len(STOKE_QUERIES) >= 30
    assert recall >= 0.9, "\n".join(cov_misses + st_misses)


def test_without_synonyms_the_same_queries_find_far_less(registry: PackRegistry) -> None:
    """The measure can fail: searching only the words typed misses most abbreviations."""
    coventry = PackSet((registry.get("coventry"),))
    plain = [
        (text, services)
        for text, services in COVENTRY_QUERIES
        if text in ("DV", "CSE", "CCE", "MASH", "LGBT", "gangs", "asylum")
    ]
    found, expected, _ = _recall(coventry, "coventry", tuple(plain))
    assert found == expected  # with the synonyms
    for text, _services in plain:
        result = search_directory(coventry, DirectoryQuery(text=text))
        assert any(concept.sources for concept in result.concepts), text
