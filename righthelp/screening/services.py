"""Writes for exploitation screenings, safety plans and intelligence for the police.

Keyword-only, one transaction and one audit event each. The bands come from the rules core
(``exploitation_bands.screen``) over the partnership's screening instrument; what follows
them (the safety plan, how serious it is) from ``core.exploitation_followup``; what must be
recorded before intelligence is sent from ``core.intelligence``. An edit carries the
version it started from; if someone saved since, it is refused and nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from righthelp.accounts.models import Role, User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.chronology.models import EntryKind, Significance
from righthelp.chronology.services import chronology_record
from righthelp.core.exploitation_bands import SeenCounts, screen
from righthelp.core.exploitation_followup import (
    any_serious,
    needs_safety_plan,
    plan_texts_known,
    safe_adult_section,
    safety_plan_of,
    screening_instrument,
)
from righthelp.core.intelligence import SubmissionFacts, problems_before_sending
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import Instrument, ScreenAgain
from righthelp.core.worklist import screen_again_by, screen_again_problems
from righthelp.families.models import Family, MemberKind, Person
from righthelp.packstore.selectors import pack_as_used
from righthelp.packstore.services import snapshot_pack
from righthelp.partnerships.selectors import pack_set_for
from righthelp.screening.models import (
    IntelligenceSource,
    IntelligenceSubmission,
    PlanStatus,
    SafetyPlan,
    Screening,
    SourceKnows,
)
from righthelp.versioned import StaleEdit, save_if_unchanged

INTELLIGENCE_FIELDS = ("victims", "perpetrators", "locations", "what_happened")


class NotEditable(Exception):
    pass


class PlanEmpty(ValidationError):
    pass


# --- screenings ------------------------------------------------------------------------


def pack_of(screening: Screening) -> Pack:
    return pack_as_used(screening.pack_id, screening.pack_hash)


def instrument_of(screening: Screening) -> Instrument:
    return pack_of(screening).instruments_by_id[screening.instrument_id]


def screen_again_setting_of(pack: Pack) -> ScreenAgain | None:
    """The partnership's setting for when a screening is due again, if its pack has one."""
    return pack.workflow.screen_again if pack.workflow else None


def screen_again_default(screening: Screening) -> dt.date | None:
    """The date the partnership's setting (as the screening's pack version had it) gives."""
    setting = screen_again_setting_of(pack_of(screening))
    return screen_again_by(screening.screened_on, setting.after_weeks) if setting else None


def _screening_description(
    instrument: Instrument,
    score: int,
    score_band: str,
    count_band: str,
    count_reading: str | None = None,
) -> str:
    names = {band.id: band.name for band in instrument.bands}
    text = f"Exploitation screening: score {score}, {names[score_band]}."
    if score_band != count_band:
        text += f" What was seen gives {names[count_band]}: the bands disagree."
        if count_reading:
            text += f" ({count_reading}.)"
    return text


@transaction.atomic
def screening_record(
    *,
    family: Family,
    by: User,
    person: Person,
    screened_on: dt.date,
    score: int,
    counts: SeenCounts,
    decision: str,
) -> Screening:
    """Record a screening of one young person with the bands the partnership's screening
    instrument gives, and put it on the chronology."""
    found = screening_instrument(pack_set_for(family.partnership))
    if found is None:
        raise ValidationError("This partnership's packs have no exploitation screening.")
    if person.family_id != family.pk or person.kind != MemberKind.CHILD:
        raise ValidationError(
            {"person": "Select a child or young person in this family"}, code="person"
        )
    if screened_on > timezone.localdate():
        raise ValidationError(
            {"screened_on": "The date of the screening must be today or in the past"}
        )
    decision = decision.strip()
    if not decision:
        raise ValidationError({"decision": "Enter your decision and the reasons for it"})
    pack, instrument = found.pack, found.instrument
    try:
        bands = screen(instrument, score, counts)
    except ValueError as error:
        raise ValidationError({"score": str(error).capitalize()}) from None
    snapshot_pack(pack)
    setting = screen_again_setting_of(pack)
    screening = Screening.objects.create(
        screen_again_by=screen_again_by(screened_on, setting.after_weeks) if setting else None,
        family=family,
        person=person,
        screened_on=screened_on,
        screened_by=by,
        score=score,
        vulnerabilities=counts.vulnerabilities,
        risk_indicators=counts.risk_indicators,
        significant_risk_indicators=counts.significant_risk_indicators,
        pack_id=pack.id,
        pack_version=pack.version,
        pack_hash=pack.content_hash,
        instrument_id=instrument.id,
        score_band=bands.score_band.id,
        count_band=bands.count_band.band.id,
        bands_disagree=bands.disagree,
        decision=decision,
    )
    audit(
        actor=by,
        action=Action.CREATED,
        record_type="screening",
        record_id=screening.pk,
        family_id=family.pk,
        detail={
            "pack": f"{pack.id} {pack.version}",
            "score_band": screening.score_band,
            "count_band": screening.count_band,
        },
    )
    serious = any_serious(instrument, screening.score_band, screening.count_band)
    chronology_record(
        family=family,
        by=by,
        kind=EntryKind.SCREENING,
        significance=Significance.HIGH if serious else Significance.MEDIUM,
        what_happened=_screening_description(
            instrument,
            score,
            screening.score_band,
            screening.count_band,
            bands.count_band.reading,
        ),
        occurred_on=screened_on,
        person=person,
    )
    return screening


@transaction.atomic
def screening_screen_again_set(
    *, screening: Screening, by: User, screen_again_on: dt.date, reason: str
) -> Screening:
    """The practitioner's date to screen the young person again. A date other than the
    partnership's setting needs a reason (``core.worklist.screen_again_problems``)."""
    reason = reason.strip()
    default = screen_again_default(screening)
    problems = screen_again_problems(
        screened_on=screening.screened_on,
        chosen=screen_again_on,
        setting=default,
        reason=reason,
    )
    if problems:
        raise ValidationError(problems)
    screening.screen_again_by = screen_again_on
    screening.screen_again_reason = "" if screen_again_on == default else reason
    screening.save(update_fields=["screen_again_by", "screen_again_reason"])
    audit(
        actor=by,
        action=Action.CHANGED,
        record_type="screening",
        record_id=screening.pk,
        family_id=screening.family_id,
        detail={
            "screen_again_by": screen_again_on.isoformat(),
            "setting": default.isoformat() if default else None,
        },
    )
    return screening


def screening_needs_plan(screening: Screening) -> bool:
    return needs_safety_plan(instrument_of(screening), screening.score_band, screening.count_band)


# --- safety plans ----------------------------------------------------------------------


@transaction.atomic
def safety_plan_save(
    *,
    screening: Screening,
    by: User,
    expected_version: int,
    sections: Mapping[str, str],
    safe_adult: str,
    complete: bool,
) -> SafetyPlan:
    """Save the plan as a draft, or as the plan (``complete``). ``expected_version`` is 0
    for a plan not yet started. A saved plan stays saved; each save of it is on the
    chronology, drafts are not."""
    instrument = instrument_of(screening)
    if not needs_safety_plan(instrument, screening.score_band, screening.count_band):
        raise ValidationError("This screening does not call for a safety plan.")
    plan = safety_plan_of(instrument)
    texts = plan_texts_known(plan, dict(sections))
    safe_adult = safe_adult.strip() if safe_adult_section(plan) is not None else ""
    if complete and not (any(texts.values()) or safe_adult):
        raise PlanEmpty("Write at least one part of the safety plan before you save it")
    now = timezone.now()
    values: dict[str, Any] = {
        "sections": texts,
        "safe_adult": safe_adult,
        "updated_by": by,
        "updated_at": now,
    }
    if expected_version == 0:
        if SafetyPlan.objects.filter(screening=screening).exists():
            raise StaleEdit(SafetyPlan.objects.get(screening=screening))
        try:
            with transaction.atomic():
                saved = SafetyPlan.objects.create(
                    screening=screening,
                    created_by=by,
                    created_at=now,
                    status=PlanStatus.COMPLETE if complete else PlanStatus.DRAFT,
                    completed_at=now if complete else None,
                    **values,
                )
        except IntegrityError:
            raise StaleEdit(SafetyPlan.objects.filter(screening=screening).first()) from None
        action, first_save = Action.CREATED, True
    else:
        current = SafetyPlan.objects.filter(screening=screening).first()
        if current is None or current.version != expected_version:
            raise StaleEdit(current)
        first_save = current.status == PlanStatus.DRAFT
        if complete or current.status == PlanStatus.COMPLETE:
            values["status"] = PlanStatus.COMPLETE
            values["completed_at"] = current.completed_at or now
        if not save_if_unchanged(SafetyPlan, current.pk, expected_version, **values):
            raise StaleEdit(SafetyPlan.objects.get(pk=current.pk))
        saved = SafetyPlan.objects.get(pk=current.pk)
        action = Action.CHANGED
    audit(
        actor=by,
        action=action,
        record_type="safety_plan",
        record_id=saved.pk,
        family_id=screening.family_id,
        detail={
            "status": saved.status,
            "sections_written": sorted(key for key, text in texts.items() if text),
        },
    )
    if saved.status == PlanStatus.COMPLETE:
        chronology_record(
            family=screening.family,
            by=by,
            kind=EntryKind.SAFETY_PLAN,
            significance=Significance.MEDIUM,
            what_happened=(
                f"Safety plan {'saved' if first_save else 'updated'} after the exploitation "
                f"screening of {screening.screened_on.day} {screening.screened_on:%B %Y}."
            ),
            occurred_on=timezone.localdate(now),
            person=screening.person,
        )
    return saved


# --- intelligence for the police -------------------------------------------------------


def safety_plan_document(*, screening: Screening, by: User, context: Mapping[str, Any]) -> bytes:
    """The young person's copy of their safety plan as a PDF; audited as an export. The
    template shows the plan's sections and safe adult only: no bands, scores or decision."""
    from righthelp.documents.pdf import render_pdf

    plan = SafetyPlan.objects.filter(screening=screening, status=PlanStatus.COMPLETE).first()
    if plan is None:
        raise ValidationError("Only a saved safety plan can be printed.")
    pdf = render_pdf("screening/safety_plan_document.html", dict(context))
    audit(
        actor=by,
        action=Action.EXPORTED,
        record_type="safety_plan",
        record_id=plan.pk,
        family_id=screening.family_id,
        detail={"format": "pdf", "screening": str(screening.pk)},
    )
    return pdf


def _intelligence_audit(
    by: User, submission: IntelligenceSubmission, action: Action, **detail: Any
) -> None:
    audit(
        actor=by,
        action=action,
        record_type="intelligence",
        record_id=submission.pk,
        family_id=submission.family_id,
        detail=detail,
    )


def _texts(changes: Mapping[str, str]) -> dict[str, str]:
    texts = {name: (changes.get(name) or "").strip() for name in INTELLIGENCE_FIELDS}
    if not texts["what_happened"]:
        raise ValidationError({"what_happened": "Enter what was seen or what happened"})
    return texts


@transaction.atomic
def intelligence_create(
    *, family: Family, by: User, texts: Mapping[str, str]
) -> IntelligenceSubmission:
    submission = IntelligenceSubmission.objects.create(
        family=family, created_by=by, **_texts(texts)
    )
    _intelligence_audit(by, submission, Action.CREATED)
    return submission


@transaction.atomic
def intelligence_update(
    *,
    submission: IntelligenceSubmission,
    by: User,
    expected_version: int,
    texts: Mapping[str, str],
) -> IntelligenceSubmission:
    """Change the body. Refused once it has been sent: the police have that version."""
    values = _texts(texts)
    updated = save_if_unchanged(
        IntelligenceSubmission,
        submission.pk,
        expected_version,
        where={"sent_on__isnull": True},
        **values,
        updated_at=timezone.now(),
    )
    if not updated:
        current = IntelligenceSubmission.objects.get(pk=submission.pk)
        if current.is_sent:
            raise NotEditable("This intelligence has been sent and cannot be changed.")
        raise StaleEdit(current)
    _intelligence_audit(by, submission, Action.CHANGED, fields=sorted(values))
    submission.refresh_from_db()
    return submission


def may_see_source(submission: IntelligenceSubmission, user: User) -> bool:
    """The person who recorded the intelligence, and managers (who reach it only through
    ``family_for``, so only managers with access to the family)."""
    return user.pk == submission.created_by_id or user.role == Role.MANAGER


def source_for(submission: IntelligenceSubmission, user: User) -> IntelligenceSource | None:
    """The source, for someone who may see it; the look is audited, and so is a refusal."""
    if not may_see_source(submission, user):
        audit(
            actor=user,
            action=Action.REFUSED,
            record_type="intelligence_source",
            record_id=submission.pk,
            family_id=submission.family_id,
        )
        raise PermissionDenied("Only the person who recorded it and managers see the source.")
    audit(
        actor=user,
        action=Action.VIEWED,
        record_type="intelligence_source",
        record_id=submission.pk,
        family_id=submission.family_id,
    )
    return IntelligenceSource.objects.filter(submission=submission).first()


def source_recorded(submission: IntelligenceSubmission) -> bool:
    return IntelligenceSource.objects.filter(submission=submission).exists()


@transaction.atomic
def intelligence_source_record(
    *,
    submission: IntelligenceSubmission,
    by: User,
    expected_version: int,
    who: str,
    how: str,
    knows_shared: SourceKnows,
) -> IntelligenceSource:
    """Record or change where the information came from. ``expected_version`` is 0 when
    no source has been recorded yet."""
    if not may_see_source(submission, by):
        raise PermissionDenied("Only the person who recorded it and managers see the source.")
    who, how = who.strip(), how.strip()
    problems = {}
    if not who:
        problems["who"] = "Enter who gave the information"
    if not how:
        problems["how"] = "Enter how the information was given or found out"
    if problems:
        raise ValidationError(problems)
    values: dict[str, Any] = {
        "who": who,
        "how": how,
        "knows_shared": knows_shared,
        "recorded_by": by,
    }
    if expected_version == 0:
        try:
            with transaction.atomic():
                source = IntelligenceSource.objects.create(submission=submission, **values)
        except IntegrityError:
            raise StaleEdit(IntelligenceSource.objects.get(submission=submission)) from None
        action = Action.CREATED
    else:
        # The source's primary key is its submission's.
        updated = save_if_unchanged(
            IntelligenceSource,
            submission.pk,
            expected_version,
            **values,
            recorded_at=timezone.now(),
        )
        if not updated:
            raise StaleEdit(IntelligenceSource.objects.filter(submission=submission).first())
        source = IntelligenceSource.objects.get(submission=submission)
        action = Action.CHANGED
    audit(
        actor=by,
        action=action,
        record_type="intelligence_source",
        record_id=submission.pk,
        family_id=submission.family_id,
    )
    return source


class SendingRefused(ValidationError):
    pass


@transaction.atomic
def intelligence_mark_sent(
    *,
    submission: IntelligenceSubmission,
    by: User,
    sent_on: dt.date,
    expected_version: int | None = None,
) -> IntelligenceSubmission:
    """The practitioner says they sent it to the police on ``sent_on``: refused (StaleEdit)
    if the submission was saved since ``expected_version``, so what was sent is what they
    read."""
    current = IntelligenceSubmission.objects.select_for_update().get(pk=submission.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit(current)  # changed, or marked sent, since the page was opened
    problems = problems_before_sending(
        SubmissionFacts(
            what_happened=current.what_happened,
            source_recorded=source_recorded(current),
            already_sent=current.is_sent,
        )
    )
    if problems:
        raise SendingRefused(list(problems))
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": "The date you sent it must be today or in the past"})
    if not save_if_unchanged(
        IntelligenceSubmission, current.pk, expected_version, sent_on=sent_on, sent_by=by
    ):
        raise StaleEdit(current)
    _intelligence_audit(by, current, Action.CHANGED, sent=True)
    chronology_record(
        family=current.family,
        by=by,
        kind=EntryKind.INTELLIGENCE,
        significance=Significance.MEDIUM,
        what_happened="Intelligence shared with the police (the source is recorded separately).",
        occurred_on=sent_on,
    )
    submission.refresh_from_db()
    return submission


def intelligence_document(
    *, submission: IntelligenceSubmission, by: User, context: Mapping[str, Any]
) -> bytes:
    """The shareable body as a PDF to attach to the police intelligence form; audited as an
    export. ``context`` is what the document template shows: never the source."""
    # Imported here: WeasyPrint takes over half a second to import and logs as it does, a
    # cost only the export should pay, not every process that loads the screening pages.
    from righthelp.documents.pdf import render_pdf

    pdf = render_pdf("screening/intelligence_document.html", dict(context))
    _intelligence_audit(by, submission, Action.EXPORTED, format="pdf")
    return pdf
