"""Intelligence for the police: where it goes, and what must be on the record before it is sent.

The product always keeps the source of intelligence apart from the body that is shared
(``DESIGN.md``); a partnership's pack says why in its own words (a rule of kind
``intelligence_source_separate``) and says where to send it (its intelligence guidance
pages and the services whose form address and email those pages give).
"""

from __future__ import annotations

from dataclasses import dataclass

from righthelp.core.directory import services_mentioned
from righthelp.core.pack_set import PackSet, ServiceEntry
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import GuidancePage, IntelligenceSourceRule

INTELLIGENCE_TOPIC = "intelligence"


@dataclass(frozen=True)
class WhereToSend:
    pack: Pack
    rules: tuple[IntelligenceSourceRule, ...]
    """Why the source is kept apart, in the partnership's words."""
    guidance: tuple[GuidancePage, ...]
    services: tuple[ServiceEntry, ...]
    """The services whose contacts the guidance gives: the form to attach to, where to send it."""


def _rules(pack: Pack) -> tuple[IntelligenceSourceRule, ...]:
    return tuple(rule for rule in pack.rules if isinstance(rule, IntelligenceSourceRule))


def where_to_send(pack_set: PackSet) -> WhereToSend | None:
    """The first of the partnership's packs with a rule keeping the source apart, else the
    first with intelligence guidance; None when no pack says anything about intelligence."""
    pack = next((p for p in pack_set if _rules(p)), None) or next(
        (p for p in pack_set if any(INTELLIGENCE_TOPIC in g.topics for g in p.guidance)), None
    )
    if pack is None:
        return None
    guidance = tuple(page for page in pack.guidance if INTELLIGENCE_TOPIC in page.topics)
    text = "\n\n".join(page.body for page in guidance)
    return WhereToSend(
        pack=pack,
        rules=_rules(pack),
        guidance=guidance,
        services=services_mentioned(pack_set, pack.id, text),
    )


@dataclass(frozen=True)
class SubmissionFacts:
    what_happened: str
    source_recorded: bool
    already_sent: bool


def problems_before_sending(facts: SubmissionFacts) -> tuple[str, ...]:
    """What stops a submission being marked as sent, as messages for the practitioner."""
    problems: list[str] = []
    if facts.already_sent:
        problems.append("This intelligence is already marked as sent")
    if not facts.what_happened.strip():
        problems.append("Enter what was seen or what happened before you send it")
    if not facts.source_recorded:
        problems.append(
            "Record where the information came from before you mark it as sent: the police "
            "form has a separate section for the source"
        )
    return tuple(problems)
