"""Checks that need the whole pack: duplicate ids, references, levels, band partitions.

Each check yields ``Finding``s that point at a file and a location inside it; the loader
turns the location into a line number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from righthelp.core.packs.pack import Pack
from righthelp.core.packs.problems import field_path
from righthelp.core.packs.schema import (
    Band,
    ConsentRequirement,
    ConsentRouteRequirements,
    FrontDoorResponseRule,
    Instrument,
    InstrumentKind,
    ReferralConsentRule,
)
from righthelp.core.packs.yaml_source import Loc


@dataclass(frozen=True)
class Finding:
    file: str
    loc: Loc
    message: str


def check_pack(pack: Pack) -> list[Finding]:
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(pack))
    return findings


def _duplicates(file: str, items: Iterable[tuple[Loc, str]], kind: str) -> Iterator[Finding]:
    seen: dict[str, Loc] = {}
    for loc, value in items:
        if value in seen:
            first = field_path(seen[value])
            yield Finding(file, loc, f"duplicate {kind} {value!r} (first used at {first})")
        else:
            seen[value] = loc


def check_levels(pack: Pack) -> Iterator[Finding]:
    yield from _duplicates(
        "levels.yaml",
        ((("levels", i, "number"), str(level.number)) for i, level in enumerate(pack.levels)),
        "level number",
    )
    numbers = sorted({level.number for level in pack.levels})
    if numbers != list(range(1, len(numbers) + 1)):
        yield Finding(
            "levels.yaml",
            ("levels",),
            f"levels must be numbered 1 to {len(numbers)}, got {numbers}",
        )
    for i, level in enumerate(pack.levels):
        for j, support in enumerate(level.support_services):
            if support.service is not None and support.service not in pack.services_by_id:
                yield Finding(
                    "levels.yaml",
                    ("levels", i, "support_services", j, "service"),
                    f"no service with id {support.service!r} in services.yaml",
                )


def check_outcomes(pack: Pack) -> Iterator[Finding]:
    outcomes = pack.outcomes
    yield from _duplicates(
        "outcomes.yaml",
        ((("outcomes", i, "id"), o.id) for i, o in enumerate(outcomes)),
        "outcome id",
    )
    yield from _duplicates(
        "outcomes.yaml",
        ((("outcomes", i, "number"), str(o.number)) for i, o in enumerate(outcomes)),
        "outcome number",
    )
    yield from _duplicates(
        "outcomes.yaml",
        (
            (("outcomes", i, "indicators", j, "id"), indicator.id)
            for i, outcome in enumerate(outcomes)
            for j, indicator in enumerate(outcome.indicators)
        ),
        "indicator id",
    )
    if outcomes and not pack.levels:
        yield Finding("outcomes.yaml", ("outcomes",), "the pack has outcomes but no levels.yaml")
        return
    valid = sorted(pack.levels_by_number)
    for i, outcome in enumerate(outcomes):
        for j, indicator in enumerate(outcome.indicators):
            if indicator.level not in pack.levels_by_number:
                yield Finding(
                    "outcomes.yaml",
                    ("outcomes", i, "indicators", j, "level"),
                    f"level {indicator.level} is not one of the pack's levels {valid}",
                )


def check_criteria(pack: Pack) -> Iterator[Finding]:
    groups = pack.criteria_groups
    yield from _duplicates(
        "criteria.yaml",
        ((("criteria_groups", i, "id"), g.id) for i, g in enumerate(groups)),
        "criteria group id",
    )
    yield from _duplicates(
        "criteria.yaml",
        (
            (("criteria_groups", i, "criteria", j, "id"), criterion.id)
            for i, group in enumerate(groups)
            for j, criterion in enumerate(group.criteria)
        ),
        "criterion id",
    )
    for i, group in enumerate(groups):
        for j, criterion in enumerate(group.criteria):
            headline = criterion.id.split(".")[0]
            if headline != str(group.outcome):
                yield Finding(
                    "criteria.yaml",
                    ("criteria_groups", i, "criteria", j, "id"),
                    f"criterion {criterion.id} belongs to outcome {headline}, "
                    f"but its group is outcome {group.outcome}",
                )
        for j, service_id in enumerate(group.who_can_help):
            if service_id not in pack.services_by_id:
                yield Finding(
                    "criteria.yaml",
                    ("criteria_groups", i, "who_can_help", j),
                    f"no service with id {service_id!r} in services.yaml",
                )
        for field in ("interventions", "evidence"):
            choices = getattr(group, field)
            yield from _duplicates(
                "criteria.yaml",
                ((("criteria_groups", i, field, j, "id"), c.id) for j, c in enumerate(choices)),
                f"{field} id",
            )


def check_services(pack: Pack) -> Iterator[Finding]:
    yield from _duplicates(
        "services.yaml",
        ((("services", i, "id"), s.id) for i, s in enumerate(pack.services)),
        "service id",
    )
    for i, service in enumerate(pack.services):
        ages = service.ages
        if ages and ages.min is not None and ages.max is not None and ages.min > ages.max:
            yield Finding(
                "services.yaml",
                ("services", i, "ages"),
                f"ages run from {ages.min} to {ages.max}: the minimum is above the maximum",
            )


def check_guidance(pack: Pack) -> Iterator[Finding]:
    yield from _duplicates(
        "guidance.yaml",
        ((("guidance", i, "id"), page.id) for i, page in enumerate(pack.guidance)),
        "guidance page id",
    )


def check_rules(pack: Pack) -> Iterator[Finding]:
    yield from _duplicates(
        "rules.yaml",
        ((("rules", i, "id"), rule.id) for i, rule in enumerate(pack.rules)),
        "rule id",
    )
    for i, rule in enumerate(pack.rules):
        if isinstance(rule, ReferralConsentRule):
            for route, needs in rule.routes.items():
                yield from _check_consent_route(needs, ("rules", i, "routes", route.value))
        elif isinstance(rule, FrontDoorResponseRule):
            yield from _check_front_door(pack, rule, ("rules", i))


def _check_front_door(pack: Pack, rule: FrontDoorResponseRule, loc: Loc) -> Iterator[Finding]:
    if rule.service not in pack.services_by_id:
        yield Finding("rules.yaml", (*loc, "service"), f"no service with id {rule.service!r}")
    yield from _duplicates(
        "rules.yaml",
        (((*loc, "decisions", j, "id"), decision.id) for j, decision in enumerate(rule.decisions)),
        "decision id",
    )


def _check_consent_route(needs: ConsentRouteRequirements, loc: Loc) -> Iterator[Finding]:
    file = "rules.yaml"
    asks_approval = ConsentRequirement.APPROVAL in needs.before_sending
    if asks_approval and not needs.approvers:
        yield Finding(file, (*loc, "approvers"), "say who may give the approval (approvers)")
    if needs.approvers and not asks_approval:
        yield Finding(file, (*loc, "approvers"), "approvers are given but approval is not required")
    if needs.undue_delay is not None:
        for j, waived in enumerate(needs.undue_delay.waives):
            if waived not in needs.before_sending:
                yield Finding(
                    file,
                    (*loc, "undue_delay", "waives", j),
                    f"{waived.value} is not required before sending on this route",
                )


def check_instruments(pack: Pack) -> Iterator[Finding]:
    yield from _duplicates(
        "instruments.yaml",
        ((("instruments", i, "id"), inst.id) for i, inst in enumerate(pack.instruments)),
        "instrument id",
    )
    for i, instrument in enumerate(pack.instruments):
        loc: Loc = ("instruments", i)
        if instrument.kind is InstrumentKind.BANDED_SCORE:
            yield from _check_banded_score(instrument, loc)
        else:
            yield from _check_rated_questions(instrument, loc)


def _check_banded_score(instrument: Instrument, loc: Loc) -> Iterator[Finding]:
    file = "instruments.yaml"
    if instrument.score is None:
        yield Finding(file, (*loc, "score"), "a banded_score instrument needs a score range")
        return
    if not instrument.bands:
        yield Finding(file, (*loc, "bands"), "a banded_score instrument needs bands")
        return
    for field in ("scale", "sections"):
        if getattr(instrument, field):
            yield Finding(file, (*loc, field), f"a banded_score instrument has no {field}")
    yield from _duplicates(
        file,
        (((*loc, "bands", j, "id"), band.id) for j, band in enumerate(instrument.bands)),
        "band id",
    )
    yield from _check_partition(instrument.bands, instrument.score.min, instrument.score.max, loc)
    band_ids = {band.id for band in instrument.bands}
    rules = instrument.count_rules
    for j, rule in enumerate(rules):
        rule_loc = (*loc, "count_rules", j)
        if rule.band not in band_ids:
            yield Finding(file, (*rule_loc, "band"), f"no band with id {rule.band!r}")
        catch_all = (
            rule.significant_risk_indicators_min is None
            and rule.risk_indicators_min is None
            and rule.vulnerabilities_min is None
        )
        is_last = j == len(rules) - 1
        if catch_all and not is_last:
            yield Finding(file, rule_loc, "only the last count rule may have no minimums")
        if is_last and not catch_all:
            yield Finding(
                file,
                rule_loc,
                "the last count rule must have no minimums, so every count has a band",
            )
    if instrument.safety_plan is not None:
        for j, band_id in enumerate(instrument.safety_plan.applies_to_bands):
            if band_id not in band_ids:
                yield Finding(
                    file,
                    (*loc, "safety_plan", "applies_to_bands", j),
                    f"no band with id {band_id!r}",
                )
        yield from _duplicates(
            file,
            (
                ((*loc, "safety_plan", "sections", j, "id"), s.id)
                for j, s in enumerate(instrument.safety_plan.sections)
            ),
            "safety plan section id",
        )


def _check_partition(bands: tuple[Band, ...], low: int, high: int, loc: Loc) -> Iterator[Finding]:
    """The bands must cover every score from ``low`` to ``high`` exactly once."""
    file = "instruments.yaml"
    if low > high:
        yield Finding(file, (*loc, "score"), f"score range {low}-{high} is empty")
        return
    for j, band in enumerate(bands):
        if band.min > band.max:
            yield Finding(
                file,
                (*loc, "bands", j),
                f"band {band.id!r} runs from {band.min} down to {band.max}",
            )
        elif band.min < low or band.max > high:
            yield Finding(
                file,
                (*loc, "bands", j),
                f"band {band.id!r} ({band.min}-{band.max}) lies outside "
                f"the score range {low}-{high}",
            )
    ordered = sorted(
        ((band.min, band.max, j, band.id) for j, band in enumerate(bands) if band.min <= band.max)
    )
    expected = low
    previous: str | None = None
    for band_min, band_max, j, band_id in ordered:
        if band_min > expected:
            yield Finding(
                file,
                (*loc, "bands", j),
                f"gap: no band covers {_span(expected, band_min - 1)}",
            )
        elif band_min < expected and previous is not None:
            yield Finding(
                file,
                (*loc, "bands", j),
                f"overlap: band {band_id!r} and band {previous!r} both cover "
                f"{_span(band_min, min(band_max, expected - 1))}",
            )
        expected = max(expected, band_max + 1)
        previous = band_id
    if expected <= high:
        yield Finding(file, (*loc, "bands"), f"gap: no band covers {_span(expected, high)}")


def _span(start: int, end: int) -> str:
    return f"score {start}" if start == end else f"scores {start}-{end}"


def _check_rated_questions(instrument: Instrument, loc: Loc) -> Iterator[Finding]:
    file = "instruments.yaml"
    if not instrument.scale:
        yield Finding(file, (*loc, "scale"), "a rated_questions instrument needs a scale")
    if not instrument.sections:
        yield Finding(file, (*loc, "sections"), "a rated_questions instrument needs sections")
    for field in ("score", "bands", "count_rules", "safety_plan"):
        if getattr(instrument, field):
            yield Finding(file, (*loc, field), f"a rated_questions instrument has no {field}")
    yield from _duplicates(
        file,
        (((*loc, "scale", j, "id"), o.id) for j, o in enumerate(instrument.scale)),
        "scale option id",
    )
    yield from _duplicates(
        file,
        (((*loc, "sections", j, "id"), s.id) for j, s in enumerate(instrument.sections)),
        "section id",
    )
    yield from _duplicates(
        file,
        (
            ((*loc, "sections", j, "questions", k, "id"), q.id)
            for j, section in enumerate(instrument.sections)
            for k, q in enumerate(section.questions)
        ),
        "question id",
    )


def check_workflow(pack: Pack) -> Iterator[Finding]:
    if pack.workflow is None:
        return
    numbers = {level.number for level in pack.levels}
    for j, number in enumerate(pack.workflow.manager_signoff_levels):
        if number not in numbers:
            yield Finding(
                "pack.yaml",
                ("workflow", "manager_signoff_levels", j),
                f"no level {number} in this pack's levels",
            )
    prompt = pack.workflow.several_needs_prompt
    if prompt is not None:
        for field in ("at_level", "prompt_level"):
            if getattr(prompt, field) not in numbers:
                yield Finding(
                    "pack.yaml",
                    ("workflow", "several_needs_prompt", field),
                    f"no level {getattr(prompt, field)} in this pack's levels",
                )


CHECKS: tuple[Callable[[Pack], Iterable[Finding]], ...] = (
    check_levels,
    check_workflow,
    check_outcomes,
    check_criteria,
    check_instruments,
    check_services,
    check_guidance,
    check_rules,
)
