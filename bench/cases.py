"""The benchmarks: what the product does on a hot path, and its baseline."""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ruamel.yaml import YAML

from righthelp.core.exploitation_bands import SeenCounts, screen
from righthelp.core.need_level import level_of_need
from righthelp.core.openreferral import (
    PageRequest,
    export_pack_services,
    feed_documents,
    import_services,
    page_of,
)
from righthelp.core.openreferral_checks import read_document
from righthelp.core.openreferral_feed import feed_query, listing
from righthelp.core.packs.content_hash import content_hash
from righthelp.core.packs.loader import load_pack
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import SHIPPED_PACKS_DIR, PackRegistry
from righthelp.core.self_assessment import Rating, aggregate
from righthelp.core.tests.openreferral_records import rich_services

Pair = tuple[Callable[[], object], Callable[[], object]]


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    limit: float
    setup: Callable[[], Pair]
    quick_setup: Callable[[], Pair] | None = None
    """A smaller run of the same case for ``--quick`` (CI), where the full one is long."""


def _level_of_need() -> Pair:
    pack = PackRegistry().get("stoke-on-trent")
    ticked = random.Random(1).sample(sorted(pack.indicators_by_id), 20)
    levels = {i: placed.level for i, placed in pack.indicators_by_id.items()}

    def baseline() -> object:
        return max(levels[i] for i in ticked)

    return (lambda: level_of_need(pack, ticked)), baseline


def _load_stoke() -> Pair:
    folder = SHIPPED_PACKS_DIR / "stoke-on-trent"
    files = sorted(folder.glob("*.yaml"))

    def baseline() -> object:
        # Parsing the same YAML with no schema, no checks and no line numbers.
        yaml = YAML(typ="safe", pure=True)
        return [yaml.load(path.read_text()) for path in files]

    return (lambda: load_pack(folder)), baseline


def _content_hash() -> Pair:
    data = PackRegistry().get("stoke-on-trent").model_dump(mode="json")
    return (lambda: content_hash(data)), (lambda: json.dumps(data))


def _screening() -> Pair:
    instrument = PackRegistry().get("coventry").instruments_by_id["child-exploitation-screening"]
    counts = SeenCounts(3, 2, 0)
    bounds = [(band.min, band.max, band.id) for band in instrument.bands]

    def baseline() -> object:
        return next(band for low, high, band in bounds if low <= 7 <= high)

    return (lambda: screen(instrument, 7, counts)), baseline


def _self_assessment() -> Pair:
    instrument = (
        PackRegistry().get("partnership-self-assessment").instruments_by_id["cce-self-assessment"]
    )
    questions = [q.id for s in instrument.sections for q in s.questions]
    options = ["good", "some", "minimal", "none"]
    pick = random.Random(2)
    ratings = [Rating(f"agency-{a}", q, pick.choice(options)) for a in range(40) for q in questions]

    def baseline() -> object:
        return Counter((r.question_id, r.option_id) for r in ratings)

    return (lambda: aggregate(instrument, ratings)), baseline


def _openreferral_export() -> Pair:
    pack = PackRegistry().get("coventry")
    plain = [service.model_dump(mode="json") for service in pack.services]

    def baseline() -> object:
        # The same services dumped as they are, with no mapping to the standard.
        return json.dumps(plain)

    return (lambda: json.dumps(export_pack_services(pack))), baseline


def _openreferral_import() -> Pair:
    exported = export_pack_services(PackRegistry().get("coventry"))
    text = json.dumps(exported)

    def baseline() -> object:
        return json.loads(text)

    return (lambda: import_services(json.loads(text))), baseline


def _import_many(count: int) -> Callable[[], Pair]:
    def setup() -> Pair:
        raw = json.dumps(rich_services(count)).encode()

        def baseline() -> object:
            # Parsing the same bytes, with no checks and no mapping.
            return json.loads(raw)

        return (lambda: import_services(read_document(raw))), baseline

    return setup


def _page_feed(count: int) -> Callable[[], Pair]:
    def setup() -> Pair:
        services = import_services(rich_services(count)).services
        pack = Pack(
            id="bench", version="1", title="Bench directory", partnership="Bench", services=services
        )
        per_page = 100
        query = feed_query("services", {"per_page": str(per_page)})
        pages = math.ceil(count / per_page)
        feed_documents([pack])  # made once, as the first request of a running server does
        plain = [service.model_dump(mode="json") for service in services]

        def product() -> object:
            # Every page, as each request answers it: the services, filtered, one page, JSON.
            return [
                json.dumps(
                    page_of(
                        listing("services", feed_documents([pack]), query),
                        PageRequest(number, per_page),
                    )
                )
                for number in range(1, pages + 1)
            ]

        def baseline() -> object:
            # The same number of pages of the pack's own services, sliced and dumped.
            return [
                json.dumps(plain[start : start + per_page]) for start in range(0, count, per_page)
            ]

        return product, baseline

    return setup


def _manager_worklist() -> Pair:
    from bench.worklist import worklist_pair

    product, baseline = worklist_pair()
    return product, baseline  # type: ignore[return-value]


def _audited_write() -> Pair:
    from bench.audit import audited_write_pair

    product, baseline = audited_write_pair()
    return product, baseline  # type: ignore[return-value]


CASES = (
    Case(
        "level_of_need, 20 indicators",
        "level and its explanation in pack order vs the bare max() of the ticked levels "
        "(pack order precomputed: was ~15x, walking all 319 indicators)",
        6.0,
        _level_of_need,
    ),
    Case(
        "load_pack stoke-on-trent",
        "parse, validate, check with line numbers vs a schema-less YAML parse",
        4.0,
        _load_stoke,
    ),
    Case(
        "content_hash stoke-on-trent",
        "canonical sorted JSON and SHA-256 vs plain json.dumps",
        3.0,
        _content_hash,
    ),
    Case(
        "screen (score and counts)",
        "two bands and the disagreement flag vs one band lookup",
        30.0,
        _screening,
    ),
    Case(
        "aggregate 40 agencies x 23 questions",
        "validated per-question and per-area counts vs one bare Counter",
        10.0,
        _self_assessment,
    ),
    Case(
        "Open Referral export, 50 services",
        "mapping every service to HSDS 3.0 vs dumping the pack's own services",
        15.0,
        _openreferral_export,
    ),
    Case(
        "manager's worklist, 5,000 families",
        "every kind of work, counted and listed, vs the same manager's families list",
        3.0,
        _manager_worklist,
    ),
    Case(
        "audited write (chronology entry)",
        "an entry and its hash-chained, keyed audit event vs the same entry with no audit "
        "(measured 3.0x on PostgreSQL, 3.4-7.4x on SQLite in memory on a loaded machine; the "
        "limit catches a chain that scans the log, which costs 100x and more at scale)",
        10.0,
        _audited_write,
    ),
    Case(
        "Open Referral import, 50 services",
        "schema-checking each item and mapping it back vs a bare json.loads",
        150.0,
        _openreferral_import,
    ),
    Case(
        "Open Referral import, 10,000 services",
        "reading, checking, warning and mapping rich HSDS services vs a bare json.loads",
        50.0,
        _import_many(10_000),
        quick_setup=_import_many(1_000),
    ),
    Case(
        "Open Referral feed, every page",
        "all pages of /services for 10,000 services (100 a page) vs dumping plain slices",
        10.0,
        _page_feed(10_000),
        quick_setup=_page_feed(1_000),
    ),
)
