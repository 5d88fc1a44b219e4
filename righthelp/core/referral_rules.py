"""May this request for service be sent? What must be recorded first, and what after?

The partnership's packs say which consent requirements each route has (rule kind
``referral_consent``) and which routes are never disclosed to the family
(``non_disclosure``); this module applies them to what a referral has on record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from righthelp.core.packs.schema import (
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
    ConsentRequirement.SOCIAL_CARE_TOLD_CONSENT_WITHHELD: (
        "Record that Children's Social Care is told the parent withheld permission"
    ),
    ConsentRequirement.PARENT_TOLD_AFTER_REFERRAL: (
        "Record that the parent was told a referral has been made"
    ),
}


@dataclass(frozen=True)
class ConsentCheck:
    rule: ReferralConsentRule | None
    consent_route: ConsentRoute | None
    missing_before_sending: tuple[ConsentRequirement, ...]
    missing_after_sending: tuple[ConsentRequirement, ...]
    needs_consent_route: bool

    @property
    def may_send(self) -> bool:
        return not self.needs_consent_route and not self.missing_before_sending

    @property
    def needs_manager_approval(self) -> bool:
        return ConsentRequirement.MANAGER_APPROVAL in self.missing_before_sending


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
    return ConsentCheck(
        rule=rule,
        consent_route=consent_route,
        missing_before_sending=tuple(r for r in requirements.before_sending if r not in done),
        missing_after_sending=tuple(r for r in requirements.after_sending if r not in done),
        needs_consent_route=False,
    )


def never_disclosed(rules: Iterable[Rule], route: ReferralRoute) -> bool:
    """Referrals on this route are never shown in anything produced for the family."""
    return any(isinstance(r, NonDisclosureRule) and route in r.applies_to for r in rules)
