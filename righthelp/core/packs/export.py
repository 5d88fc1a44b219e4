"""A pack as plain JSON-ready data, for `righthelp pack export`, the API and analysts.

Criteria are flattened (each carries its page's who-can-help, interventions and
evidence) and services gain their first phone, email and website as plain fields, so a
consumer need not know how the YAML is grouped. Empty parts are left out.
"""

from __future__ import annotations

from typing import Any

from righthelp.core.exploitation_bands import reading_of
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import (
    ConsentRequirement,
    ContactKind,
    Instrument,
    ReferralConsentRule,
    Rule,
    Service,
)
from righthelp.core.referral_rules import (
    REQUIREMENT_LABELS,
    UNDUE_DELAY_AFTERWARDS_READING,
    either_of,
)


def _first(service: Service, kind: ContactKind) -> str | None:
    return next((c.value for c in service.contacts if c.kind is kind), None)


def _service(service: Service) -> dict[str, Any]:
    data = service.model_dump(mode="json", exclude_none=True)
    data["phone"] = _first(service, ContactKind.PHONE)
    data["email"] = _first(service, ContactKind.EMAIL)
    data["website"] = _first(service, ContactKind.WEBSITE)
    return data


def _instrument(instrument: Instrument) -> dict[str, Any]:
    """An instrument as data; a count rule that is the partnership's reading says so."""
    data = instrument.model_dump(mode="json", exclude_none=True)
    for out, rule in zip(data.get("count_rules", []), instrument.count_rules, strict=True):
        reading = reading_of(rule)
        if reading:
            out["reading"] = reading
    return data


def _said(requirements: tuple[ConsentRequirement, ...]) -> str:
    """Requirements in words, as the pages say them."""
    return "; ".join(REQUIREMENT_LABELS[r].lower() for r in requirements) or "nothing"


def _rule(rule: Rule) -> dict[str, Any]:
    """A rule as data; a consent rule's routes also say in words who may approve each and
    what the undue-delay route asks for instead."""
    data = rule.model_dump(mode="json", exclude_none=True)
    if isinstance(rule, ReferralConsentRule):
        for route, needs in rule.routes.items():
            out = data["routes"][route.value]
            if ConsentRequirement.MANAGER_APPROVAL in needs.before_sending:
                out["who_may_approve"] = "their manager"
            elif needs.approvers:
                out["who_may_approve"] = either_of(needs.approvers)
            if needs.undue_delay is not None:
                delay = needs.undue_delay
                out["undue_delay"]["means"] = (
                    "Where seeking approval first would cause undue delay, it may be sent "
                    f"without these first: {_said(delay.waives)}. Before sending: "
                    f"{_said(delay.before_sending)}. After sending: "
                    f"{_said(delay.after_sending)}."
                )
                if delay.after_sending:
                    out["undue_delay"]["reading"] = UNDUE_DELAY_AFTERWARDS_READING
    return data


def export_pack(pack: Pack) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": pack.id,
        "version": pack.version,
        "content_hash": pack.content_hash,
        "title": pack.title,
        "partnership": pack.partnership,
        "description": pack.description,
        "workflow": pack.workflow.model_dump(mode="json", exclude_none=True)
        if pack.workflow
        else None,
        "sources": [source.model_dump(mode="json", exclude_none=True) for source in pack.sources],
        "levels": [level.model_dump(mode="json", exclude_none=True) for level in pack.levels],
        "outcomes": [o.model_dump(mode="json", exclude_none=True) for o in pack.outcomes],
        "criteria": [
            {
                "id": c.id,
                "outcome": c.outcome,
                "group": c.group.id,
                "need": c.criterion.need,
                "achieved_when": c.criterion.achieved_when,
                "who_can_help": list(c.who_can_help),
                "interventions": [
                    i.model_dump(mode="json", exclude_none=True) for i in c.interventions
                ],
                "evidence": [e.model_dump(mode="json", exclude_none=True) for e in c.evidence],
            }
            for c in pack.criteria
        ],
        "instruments": [_instrument(i) for i in pack.instruments],
        "services": [_service(service) for service in pack.services],
        "guidance": [page.model_dump(mode="json", exclude_none=True) for page in pack.guidance],
        "rules": [_rule(rule) for rule in pack.rules],
    }
    return {key: value for key, value in data.items() if value not in (None, [], {})}
