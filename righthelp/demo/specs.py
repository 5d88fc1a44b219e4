"""What a demo partnership is made of, as data: its accounts and its families.

The builder reads these for each demo partnership (Stoke-on-Trent, Coventry) and makes
every record through the same services the web pages use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from righthelp.accounts.models import Role
from righthelp.chronology.models import Significance
from righthelp.families.models import Gender, MemberKind, RelationshipKind


@dataclass(frozen=True)
class Account:
    username: str
    first_name: str
    last_name: str
    role: Role
    agency: str
    team: str
    key: str = ""
    """What the builder calls this account ("practitioner", "manager"...); the username
    when empty. Coventry's `cov-practitioner` is its partnership's "practitioner"."""

    @property
    def ref(self) -> str:
        return self.key or self.username


@dataclass(frozen=True)
class Member:
    kind: MemberKind
    given: str
    family: str
    born: dt.date | None
    gender: Gender
    school: str = ""


@dataclass(frozen=True)
class PastAssessment:
    days_ago: int
    findings: dict[str, Sequence[int | None]]
    """indicator id -> member indexes it applies to (None: the whole family)."""
    worried_about: str
    child_wishes: str = "Spoke with the children at school; their words are recorded in the notes."
    level: int | None = None
    override_reason: str = ""
    signed_off: bool = True


@dataclass(frozen=True)
class Note:
    days_ago: int
    text: str
    significance: Significance
    agency: str | None = None
    member: int | None = None


@dataclass(frozen=True)
class FamilySpec:
    name: str
    address: tuple[str, str, str]
    members: tuple[Member, ...]
    relationships: tuple[tuple[int, RelationshipKind, int], ...] = ()
    assessments: tuple[PastAssessment, ...] = ()
    notes: tuple[Note, ...] = ()
    extra_workers: tuple[str, ...] = ()
    lead: str = "practitioner"
    draft: dict[str, Sequence[int | None]] = field(default_factory=dict)
    seen: str = ""  # what the practitioner saw, for the draft's suggestions


C, A = MemberKind.CHILD, MemberKind.ADULT
F, M = Gender.FEMALE, Gender.MALE
P = RelationshipKind.PARENT


def _d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)
