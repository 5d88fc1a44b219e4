"""Writes for the self-assessment: open and close a round, save an area of an agency's
response, submit it, and keep the action plan. One transaction and one audit event each.

Edits carry the version they started from; if someone saved since, the edit is refused
(``StaleEdit``) and nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import Instrument, InstrumentKind
from righthelp.core.self_assessment_rules import Answer, AnswerProblem, answer_problems
from righthelp.packstore.selectors import pack_as_used
from righthelp.packstore.services import snapshot_pack
from righthelp.partnerships.models import Agency, Partnership
from righthelp.partnerships.selectors import pack_set_for
from righthelp.self_assessment.access import is_analyst, may_complete
from righthelp.self_assessment.models import (
    ActionQuestion,
    ActionStatus,
    AgencyResponse,
    PlanAction,
    QuestionRating,
    ResponseStatus,
    Round,
    RoundStatus,
)
from righthelp.versioned import StaleEdit, save_if_unchanged


class NotEditable(Exception):
    pass


class SubmissionRefused(Exception):
    def __init__(self, problems: tuple[AnswerProblem, ...]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


def _audit(by: User, action: Action, record_type: str, record_id: object, **detail: Any) -> None:
    audit(actor=by, action=action, record_type=record_type, record_id=record_id, detail=detail)


def instrument_in_use(partnership: Partnership) -> tuple[Pack, Instrument]:
    """The partnership's self-assessment: the first rated-questions instrument of its packs."""
    for pack in pack_set_for(partnership):
        for instrument in pack.instruments:
            if instrument.kind is InstrumentKind.RATED_QUESTIONS:
                return pack, instrument
    raise ValidationError("This partnership's packs have no self-assessment instrument.")


def instrument_of(round_: Round) -> Instrument:
    """The instrument exactly as the round used it."""
    return pack_as_used(round_.pack_id, round_.pack_hash).instruments_by_id[round_.instrument_id]


def _require_analyst(by: User, partnership: Partnership) -> None:
    if not is_analyst(by) or by.partnership != partnership:
        raise PermissionDenied("Only the partnership's analysts run self-assessment rounds.")


@transaction.atomic
def round_open(
    *,
    partnership: Partnership,
    by: User,
    title: str,
    opened_on: dt.date,
    closes_on: dt.date,
    agencies: Iterable[Agency],
) -> Round:
    _require_analyst(by, partnership)
    if closes_on < opened_on:
        raise ValidationError("The round must close on or after the day it opens.")
    chosen = list(agencies)
    if not chosen:
        raise ValidationError("Choose at least one agency to take part.")
    if any(agency.partnership_id != partnership.pk for agency in chosen):
        raise ValidationError("Choose agencies of this partnership.")
    pack, instrument = instrument_in_use(partnership)
    snapshot_pack(pack)
    round_ = Round.objects.create(
        partnership=partnership,
        title=title.strip(),
        opened_on=opened_on,
        closes_on=closes_on,
        pack_id=pack.id,
        pack_version=pack.version,
        pack_hash=pack.content_hash,
        instrument_id=instrument.id,
        opened_by=by,
    )
    AgencyResponse.objects.bulk_create(
        AgencyResponse(round=round_, agency=agency) for agency in chosen
    )
    _audit(
        by,
        Action.CREATED,
        "self_assessment_round",
        round_.pk,
        pack=f"{pack.id} {pack.version}",
        agencies=len(chosen),
    )
    return round_


@transaction.atomic
def round_close(*, round_: Round, by: User) -> Round:
    _require_analyst(by, round_.partnership)
    updated = Round.objects.filter(pk=round_.pk, status=RoundStatus.OPEN).update(
        status=RoundStatus.CLOSED, closed_at=timezone.now()
    )
    if not updated:
        raise NotEditable("This round is already closed.")
    round_.refresh_from_db()
    _audit(by, Action.CHANGED, "self_assessment_round", round_.pk, closed=True)
    return round_


def _bump_response(response: AgencyResponse, expected_version: int, **changes: Any) -> None:
    updated = save_if_unchanged(
        AgencyResponse,
        response.pk,
        expected_version,
        where={
            "round__status": RoundStatus.OPEN,
            "status__in": [ResponseStatus.NOT_STARTED, ResponseStatus.IN_PROGRESS],
        },
        **changes,
        updated_at=timezone.now(),
    )
    if not updated:
        current = AgencyResponse.objects.select_related("round").get(pk=response.pk)
        if current.status == ResponseStatus.SUBMITTED or not current.round.is_open:
            raise NotEditable("This self-assessment has been submitted or its round has closed.")
        raise StaleEdit(current)
    response.refresh_from_db()


def _require_agency(by: User, response: AgencyResponse) -> None:
    if not may_complete(by, response):
        raise PermissionDenied("Only people of this agency complete its self-assessment.")


@transaction.atomic
def response_save_area(
    *,
    response: AgencyResponse,
    by: User,
    expected_version: int,
    section_id: str,
    answers: Mapping[str, Answer],
) -> AgencyResponse:
    """Save one area's ratings and evidence, as far as they go: unrated questions stay
    unrated until the agency comes back to them."""
    _require_agency(by, response)
    instrument = instrument_of(response.round)
    section = next((s for s in instrument.sections if s.id == section_id), None)
    if section is None:
        raise ValidationError(f"There is no area {section_id} in this self-assessment.")
    options = {option.id for option in instrument.scale}
    question_ids = [q.id for q in section.questions]
    for question_id, answer in answers.items():
        if question_id not in question_ids:
            raise ValidationError(f"Question {question_id} is not in this area.")
        if answer.rating and answer.rating not in options:
            raise ValidationError(f"{answer.rating} is not a rating of this self-assessment.")
    saved = sorted({*response.sections_saved, section_id})
    _bump_response(
        response, expected_version, sections_saved=saved, status=ResponseStatus.IN_PROGRESS
    )
    QuestionRating.objects.filter(response=response, question_id__in=question_ids).delete()
    now = timezone.now()
    QuestionRating.objects.bulk_create(
        QuestionRating(
            response=response,
            question_id=question_id,
            rating=answers[question_id].rating,
            evidence=answers[question_id].evidence.strip(),
            updated_by=by,
            updated_at=now,
        )
        for question_id in question_ids
        if question_id in answers
        and (answers[question_id].rating or answers[question_id].evidence.strip())
    )
    _audit(
        by,
        Action.CHANGED,
        "self_assessment_response",
        response.pk,
        area=section_id,
        rated=sum(1 for q in question_ids if q in answers and answers[q].rating),
    )
    return response


def answers_of(response: AgencyResponse) -> dict[str, Answer]:
    return {
        question_id: Answer(rating, evidence)
        for question_id, rating, evidence in response.ratings.values_list(
            "question_id", "rating", "evidence"
        )
    }


@transaction.atomic
def response_submit(*, response: AgencyResponse, by: User, expected_version: int) -> AgencyResponse:
    _require_agency(by, response)
    problems = answer_problems(instrument_of(response.round), answers_of(response))
    if problems:
        raise SubmissionRefused(problems)
    _bump_response(
        response,
        expected_version,
        status=ResponseStatus.SUBMITTED,
        submitted_by=by,
        submitted_at=timezone.now(),
    )
    _audit(by, Action.CHANGED, "self_assessment_response", response.pk, submitted=True)
    return response


def _check_action(round_: Round, owner: Agency, question_ids: Iterable[str]) -> list[str]:
    if owner.partnership_id != round_.partnership_id:
        raise ValidationError("The owner must be an agency of this partnership.")
    known = {q.id for section in instrument_of(round_).sections for q in section.questions}
    chosen = list(dict.fromkeys(question_ids))
    unknown = set(chosen) - known
    if unknown:
        raise ValidationError(f"Unknown questions: {', '.join(sorted(unknown))}")
    return chosen


@transaction.atomic
def action_add(
    *,
    round_: Round,
    by: User,
    text: str,
    owner: Agency,
    due_on: dt.date,
    status: ActionStatus = ActionStatus.NOT_STARTED,
    question_ids: Iterable[str] = (),
) -> PlanAction:
    _require_analyst(by, round_.partnership)
    chosen = _check_action(round_, owner, question_ids)
    action = PlanAction.objects.create(
        round=round_, text=text.strip(), owner=owner, due_on=due_on, status=status, created_by=by
    )
    ActionQuestion.objects.bulk_create(ActionQuestion(action=action, question_id=q) for q in chosen)
    _audit(by, Action.CREATED, "self_assessment_action", action.pk, questions=chosen)
    return action


@transaction.atomic
def action_update(
    *,
    action: PlanAction,
    by: User,
    expected_version: int,
    text: str,
    owner: Agency,
    due_on: dt.date,
    status: ActionStatus,
    question_ids: Iterable[str],
) -> PlanAction:
    _require_analyst(by, action.round.partnership)
    chosen = _check_action(action.round, owner, question_ids)
    updated = save_if_unchanged(
        PlanAction,
        action.pk,
        expected_version,
        text=text.strip(),
        owner=owner,
        due_on=due_on,
        status=status,
    )
    if not updated:
        raise StaleEdit(PlanAction.objects.select_related("owner").get(pk=action.pk))
    ActionQuestion.objects.filter(action=action).exclude(question_id__in=chosen).delete()
    existing = set(
        ActionQuestion.objects.filter(action=action).values_list("question_id", flat=True)
    )
    ActionQuestion.objects.bulk_create(
        ActionQuestion(action=action, question_id=q) for q in chosen if q not in existing
    )
    action.refresh_from_db()
    _audit(by, Action.CHANGED, "self_assessment_action", action.pk, status=status, questions=chosen)
    return action
