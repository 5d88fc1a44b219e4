"""What a practitioner should know about consent before a referral.

Taken from the partnership's packs, never written here: the referral consent rules (what
must be recorded for each way consent was or was not given, quoted from the source), the
rule on information shared without consent, and the guidance pages about consent.
"""

from __future__ import annotations

from dataclasses import dataclass

from righthelp.core.pack_set import GuidanceEntry, PackSet
from righthelp.core.packs.schema import ReferralConsentRule, SharingWithoutConsentRule

CONSENT_TOPIC = "consent"


@dataclass(frozen=True)
class ConsentGuidance:
    referral_rules: tuple[ReferralConsentRule, ...]
    sharing_without_consent: tuple[SharingWithoutConsentRule, ...]
    pages: tuple[GuidanceEntry, ...]
    """Guidance pages on the topic of consent, in pack order."""

    def __bool__(self) -> bool:
        return bool(self.referral_rules or self.sharing_without_consent or self.pages)


def consent_before_referral(pack_set: PackSet) -> ConsentGuidance:
    rules = pack_set.rules()
    return ConsentGuidance(
        referral_rules=tuple(rule for rule in rules if isinstance(rule, ReferralConsentRule)),
        sharing_without_consent=tuple(
            rule for rule in rules if isinstance(rule, SharingWithoutConsentRule)
        ),
        pages=tuple(entry for entry in pack_set.guidance if CONSENT_TOPIC in entry.page.topics),
    )
