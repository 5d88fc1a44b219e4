"""Writes at the front door: a sent request is received; the front door acknowledges it, asks
its sender for more information, and decides; the sender answers. Each write is one
transaction, one audit event and one chronology entry, and keeps a Prevent referral's
non-disclosure on everything it writes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.chronology.models import EntryKind, Significance
from righthelp.chronology.services import chronology_record
from righthelp.core.front_door import DecisionFacts, Stage, Step, after, problems_with_decision
from righthelp.core.pack_set import ServiceEntry
from righthelp.core.packs.schema import FrontDoorResponseRule, ReferralRoute
from righthelp.core.worklist import response_due
from righthelp.frontdoor.access import RECORD, works_at_front_door
from righthelp.frontdoor.models import Question, Receipt
from righthelp.partnerships.models import Partnership
from righthelp.partnerships.selectors import pack_set_for
from righthelp.referrals.models import Referral
from righthelp.versioned import StaleEdit, save_if_unchanged


class DecisionRefused(ValidationError):
    """What the decision still needs, by field, with the messages to show."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def response_rule(partnership: Partnership, route: str) -> FrontDoorResponseRule | None:
    """The partnership's front door rule for requests on ``route``, if it has one."""
    for rule in pack_set_for(partnership).rules():
        if isinstance(rule, FrontDoorResponseRule) and ReferralRoute(route) in rule.applies_to:
            return rule
    return None


def front_door_rule(partnership: Partnership) -> FrontDoorResponseRule | None:
    return response_rule(partnership, ReferralRoute.CHILDRENS_SOCIAL_CARE.value)


def front_door_service(partnership: Partnership) -> ServiceEntry | None:
    """The directory entry the front door rule names (its name, phone and hours), from the
    pack that holds the rule."""
    for pack in pack_set_for(partnership):
        for rule in pack.rules:
            if isinstance(rule, FrontDoorResponseRule):
                return pack_set_for(partnership).service(pack.id, rule.service)
    return None


def _audit(by: User | None, receipt: Receipt, action: Action, **detail: Any) -> None:
    audit(
        actor=by,
        action=action,
        record_type=RECORD,
        record_id=receipt.pk,
        family_id=receipt.referral.family_id,
        detail=detail,
    )


def _chronology(receipt: Receipt, by: User, what_happened: str) -> None:
    referral = receipt.referral
    chronology_record(
        family=referral.family,
        by=by,
        kind=EntryKind.REFERRAL,
        significance=Significance.HIGH,
        what_happened=what_happened,
        occurred_on=timezone.localdate(),
        never_disclosed=referral.never_disclosed,
        person=referral.person,
    )


def request_receive(*, referral: Referral, by: User) -> Receipt | None:
    """Called inside the transaction that sends ``referral``: it lands in the front door's
    queue when the partnership's pack has a front door rule for its route."""
    partnership = referral.family.partnership
    rule = response_rule(partnership, referral.route)
    if rule is None:
        return None
    now = referral.sent_at or timezone.now()
    receipt = Receipt.objects.create(
        referral=referral,
        partnership=partnership,
        rule_id=rule.id,
        received_at=now,
        stage_since=now,
        decision_due_on=response_due(timezone.localdate(now), rule.decision_within_working_days),
    )
    _audit(by, receipt, Action.CREATED, received=True, route=referral.route)
    return receipt


def _move(receipt: Receipt, step: Step, expected_version: int | None, **values: Any) -> Stage:
    """Move the request on, if nobody else has; the new stage."""
    try:
        then = after(step, Stage(receipt.stage))
    except ValueError as refused:
        raise ValidationError(str(refused)) from refused
    now = timezone.now()
    moved = save_if_unchanged(
        Receipt,
        receipt.pk,
        expected_version,
        where={"stage": receipt.stage},
        stage=then.value,
        stage_since=now,
        **values,
    )
    if not moved:
        raise StaleEdit(Receipt.objects.get(pk=receipt.pk))
    receipt.refresh_from_db()
    return then


def _front_door_only(by: User, receipt: Receipt) -> None:
    if not works_at_front_door(by) or by.partnership != receipt.partnership:
        raise PermissionDenied("Only the partnership's front door team works on this queue.")


@transaction.atomic
def request_acknowledge(
    *, receipt: Receipt, by: User, expected_version: int | None = None
) -> Receipt:
    _front_door_only(by, receipt)
    _move(
        receipt,
        Step.ACKNOWLEDGE,
        expected_version,
        acknowledged_at=timezone.now(),
        acknowledged_by=by,
    )
    _audit(by, receipt, Action.CHANGED, step=Step.ACKNOWLEDGE.value)
    _chronology(
        receipt, by, f"Request for service {receipt.reference} acknowledged by the front door."
    )
    return receipt


@transaction.atomic
def request_ask(
    *, receipt: Receipt, by: User, question: str, expected_version: int | None = None
) -> Question:
    _front_door_only(by, receipt)
    if not question.strip():
        raise ValidationError({"question": ["Write the question for the sender"]})
    values: dict[str, Any] = {}
    if receipt.acknowledged_at is None:  # asking is an acknowledgement too
        values = {"acknowledged_at": timezone.now(), "acknowledged_by": by}
    _move(receipt, Step.ASK, expected_version, **values)
    asked = Question.objects.create(receipt=receipt, question=question.strip(), asked_by=by)
    _audit(by, receipt, Action.CHANGED, step=Step.ASK.value, question=asked.pk)
    _chronology(
        receipt, by, f"The front door asked for more information on request {receipt.reference}."
    )
    return asked


@transaction.atomic
def request_answer(*, receipt: Receipt, by: User, answer: str) -> Question:
    """The sender's side answers (the caller has checked ``by`` may see the family)."""
    if not answer.strip():
        raise ValidationError({"answer": ["Write your answer to the front door's question"]})
    waiting = receipt.questions.filter(answered_at__isnull=True).order_by("-asked_at").first()
    if waiting is None:
        raise ValidationError("There is no question waiting for an answer")
    _move(receipt, Step.ANSWER, None)
    Question.objects.filter(pk=waiting.pk).update(
        answer=answer.strip(), answered_by=by, answered_at=timezone.now()
    )
    waiting.refresh_from_db()
    _audit(by, receipt, Action.CHANGED, step=Step.ANSWER.value, question=waiting.pk)
    _chronology(receipt, by, f"Answered the front door's question on request {receipt.reference}.")
    return waiting


@transaction.atomic
def request_decide(
    *,
    receipt: Receipt,
    by: User,
    decision: str,
    reason: str,
    lead_practitioner: User | None = None,
    expected_version: int | None = None,
) -> Receipt:
    _front_door_only(by, receipt)
    rule = response_rule(receipt.partnership, receipt.referral.route)
    decisions = {d.id: d for d in rule.decisions} if rule else {}
    chosen = decisions.get(decision)
    facts = DecisionFacts(
        decision=decision,
        reason=reason,
        allowed_decisions=frozenset(decisions),
        names_lead_practitioner=bool(chosen and chosen.names_lead_practitioner),
        lead_practitioner_named=lead_practitioner is not None,
    )
    problems: dict[str, list[str]] = {}
    for broken in problems_with_decision(facts):
        problems.setdefault(broken.field, []).append(broken.message())
    if lead_practitioner is not None and lead_practitioner.partnership != receipt.partnership:
        problems.setdefault("lead_practitioner", []).append(
            "Choose a lead practitioner from this partnership"
        )
    if problems or chosen is None:
        raise DecisionRefused(problems)
    _move(
        receipt,
        Step.DECIDE,
        expected_version,
        decision=chosen.id,
        decision_title=chosen.title,
        decision_reason=reason.strip(),
        decided_at=timezone.now(),
        decided_by=by,
        lead_practitioner=lead_practitioner,
        **(
            {"acknowledged_at": timezone.now(), "acknowledged_by": by}
            if receipt.acknowledged_at is None
            else {}
        ),
    )
    _audit(by, receipt, Action.CHANGED, step=Step.DECIDE.value, decision=chosen.id)
    lead = f" Lead practitioner: {lead_practitioner.display_name}." if lead_practitioner else ""
    _chronology(
        receipt,
        by,
        f"The front door decided on request {receipt.reference}: {chosen.title}.{lead}",
    )
    return receipt
