"""Information shared about a family: what the record of it must hold.

The lawful bases are the six of UK GDPR Article 6(1). Sharing without consent must say
why (the thresholds: "Where a decision to share information without consent is made, a
record of what has been shared should be kept").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LawfulBasis(StrEnum):
    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"


LAWFUL_BASIS_LABELS = {
    LawfulBasis.CONSENT: "Consent",
    LawfulBasis.CONTRACT: "Contract",
    LawfulBasis.LEGAL_OBLIGATION: "Legal obligation",
    LawfulBasis.VITAL_INTERESTS: "Vital interests",
    LawfulBasis.PUBLIC_TASK: "Public task",
    LawfulBasis.LEGITIMATE_INTERESTS: "Legitimate interests",
}


@dataclass(frozen=True)
class SharingProblem:
    field: str
    message: str


def sharing_problems(
    *, with_consent: bool, lawful_basis: LawfulBasis | None, reason: str
) -> tuple[SharingProblem, ...]:
    problems: list[SharingProblem] = []
    if lawful_basis is None:
        problems.append(SharingProblem("lawful_basis", "Select the lawful basis for sharing"))
    elif lawful_basis == LawfulBasis.CONSENT and not with_consent:
        problems.append(
            SharingProblem(
                "lawful_basis",
                "Consent cannot be the lawful basis for sharing without consent: choose "
                "another basis",
            )
        )
    if not with_consent and not reason.strip():
        problems.append(
            SharingProblem("reason", "Enter why the information was shared without consent")
        )
    return tuple(problems)
