"""May this request for service be sent? What must be recorded first, and what after?

The partnership's packs say which consent requirements each route has (rule kind
``referral_consent``) and which routes are never disclosed to the family
(``non_disclosure``); this module applies them to what a referral has on record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from righthelp.core.packs.schema import (
    Approver,
    ConsentRequirement,
    ConsentRoute,
    NonDisclosureRule,
    ReferralConsentRule,
    ReferralRoute,
    Rule,
)

REQUIREMENT_LABELS = {
    ConsentRequirement.CONSENT_CONFIRMED: "Record that the parent or carer agreed to the referral",
    ConsentRequirement.REASON_NOT_SOUGHT: "Record why consent was not sought",
    ConsentRequirement.REASON_FOR_PROCEEDING: "Record the reason for going ahead without agreement",
    ConsentRequirement.MANAGER_APPROVAL: "Get a manager's approval",
    ConsentRequirement.APPROVAL: "Get approval",
    ConsentRequirement.CONSULTATION_OUTCOME: (
        "Record the outcome of the consultation and any further advice"
    ),
    ConsentRequirement.UNDUE_DELAY_REASON: (
        "Record why seeking approval first would cause undue delay"
    ),
    ConsentRequirement.APPROVER_TOLD_AFTERWARDS: (
        "Record who was told afterwards that it was sent without approval"
    ),
    ConsentRequirement.SOCIAL_CARE_TOLD_CONSENT_WITHHELD: (
        "Record that Children's Social Care is told the parent withheld permission"
    ),
    ConsentRequirement.PARENT_TOLD_AFTER_REFERRAL: (
        "Record that the parent was told a referral has been made"
    ),
}


APPROVER_LABELS = {
    Approver.MANAGER: "a manager",
    Approver.DESIGNATED_SENIOR_PERSON: "the Designated Senior Person",
    Approver.NAMED_PROFESSIONAL: "the Named Professional",
}
APPROVER_ROLE_NAMES = {
    Approver.MANAGER: "Manager",
    Approver.DESIGNATED_SENIOR_PERSON: "Designated Senior Person",
    Approver.NAMED_PROFESSIONAL: "Named Professional",
}


UNDUE_DELAY_AFTERWARDS_READING = (
    "The partnership's reading, not the source's words: the source says only that approval "
    "need not be sought first where that would cause undue delay. Telling the approver and "
    "recording the consultation afterwards is how this partnership keeps the record."
)
"""The label on what the undue-delay route asks for after sending, wherever it is shown."""


def either_of(approvers: Iterable[Approver]) -> str:
    """ "a manager, the Designated Senior Person or the Named Professional"."""
    names = [APPROVER_LABELS[a] for a in approvers]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


@dataclass(frozen=True)
class ConsentCheck:
    rule: ReferralConsentRule | None
    consent_route: ConsentRoute | None
    missing_before_sending: tuple[ConsentRequirement, ...]
    missing_after_sending: tuple[ConsentRequirement, ...]
    needs_consent_route: bool
    approvers: tuple[Approver, ...] = ()
    """Who may give the approval this route asks for (``APPROVAL``)."""
    undue_delay_allowed: bool = False
    """The route may go without approval where seeking it would cause undue delay."""
    undue_delay: bool = False
    """The undue-delay route is being taken: its reason is on record."""

    @property
    def may_send(self) -> bool:
        return not self.needs_consent_route and not self.missing_before_sending

    @property
    def needs_manager_approval(self) -> bool:
        return ConsentRequirement.MANAGER_APPROVAL in self.missing_before_sending

    @property
    def needs_approval(self) -> bool:
        """Someone must still approve it before it is sent (a manager, or any approver)."""
        return self.needs_manager_approval or (
            ConsentRequirement.APPROVAL in self.missing_before_sending
        )

    def label(self, requirement: ConsentRequirement) -> str:
        if requirement is ConsentRequirement.APPROVAL and self.approvers:
            return f"Get approval from {either_of(self.approvers)}"
        return REQUIREMENT_LABELS[requirement]

    def labels_before_sending(self) -> list[str]:
        return [self.label(r) for r in self.missing_before_sending]

    def labels_after_sending(self) -> list[str]:
        return [self.label(r) for r in self.missing_after_sending]


def consent_rule_for(rules: Iterable[Rule], route: ReferralRoute) -> ReferralConsentRule | None:
    return next(
        (r for r in rules if isinstance(r, ReferralConsentRule) and route in r.applies_to), None
    )


def check_consent(
    rules: Iterable[Rule],
    route: ReferralRoute,
    consent_route: ConsentRoute | None,
    recorded: Iterable[ConsentRequirement],
) -> ConsentCheck:
    """What the referral still needs, before it may be sent and after."""
    rule = consent_rule_for(rules, route)
    done = set(recorded)
    if rule is None:
        return ConsentCheck(None, consent_route, (), (), needs_consent_route=False)
    if consent_route is None or consent_route not in rule.routes:
        return ConsentCheck(rule, consent_route, (), (), needs_consent_route=True)
    requirements = rule.routes[consent_route]
    before = list(requirements.before_sending)
    after = list(requirements.after_sending)
    delay = requirements.undue_delay
    # The source: approval must be sought "unless to do so would cause undue delay". Once
    # the reason is recorded, what the pack says the delay waives moves out of the way and
    # what it asks for instead (telling the approver afterwards) is added.
    undue_delay = delay is not None and ConsentRequirement.UNDUE_DELAY_REASON in done
    if delay is not None and undue_delay:
        before = [r for r in before if r not in delay.waives] + list(delay.before_sending)
        after = after + list(delay.after_sending)
    return ConsentCheck(
        rule=rule,
        consent_route=consent_route,
        missing_before_sending=_unique(r for r in before if r not in done),
        missing_after_sending=_unique(r for r in after if r not in done),
        needs_consent_route=False,
        approvers=requirements.approvers,
        undue_delay_allowed=delay is not None,
        undue_delay=undue_delay,
    )


def _unique(requirements: Iterable[ConsentRequirement]) -> tuple[ConsentRequirement, ...]:
    return tuple(dict.fromkeys(requirements))


def never_disclosed(rules: Iterable[Rule], route: ReferralRoute) -> bool:
    """Referrals on this route are never shown in anything produced for the family."""
    return any(isinstance(r, NonDisclosureRule) and route in r.applies_to for r in rules)
