"""The front door's queue and a request's page; the sender's answer to a question."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from righthelp.accounts.requests import user_of
from righthelp.frontdoor import selectors, services
from righthelp.frontdoor.access import (
    receipt_at_front_door,
    receipt_for_sender,
    require_front_door,
)
from righthelp.frontdoor.forms import AnswerForm, DecisionForm, QuestionForm
from righthelp.referrals.services import consent_check
from righthelp.versioned import StaleEdit

STALE = "Someone else moved this request on after you opened the page. Check it, then try again."


def queue(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require_front_door(user)
    show = request.GET.get("show", "open")
    sort = request.GET.get("sort", "oldest")
    rule = services.front_door_rule(user.partnership) if user.partnership else None
    today = timezone.localdate()
    receipts = list(selectors.queue_for(user, show=show, sort=sort))
    rows = [(r, *selectors.ageing(r, today)) for r in receipts]
    service = services.front_door_service(user.partnership) if user.partnership else None
    return render(
        request,
        "frontdoor/queue.html",
        {
            "rows": rows,
            "show": show if show in selectors.QUEUE_FILTERS else "open",
            "sort": sort if sort in selectors.QUEUE_SORTS else "oldest",
            "filters": [
                ("open", "Open"),
                ("to-do", "To do"),
                ("with-sender", "With the sender"),
                ("decided", "Decided"),
            ],
            "sorts": [("oldest", "Oldest first"), ("newest", "Newest first"), ("due", "Due first")],
            "rule": rule,
            "service": service,
            "nav": "front_door",
        },
    )


def detail(request: HttpRequest, receipt_id: int) -> HttpResponse:
    user = user_of(request)
    receipt = receipt_at_front_door(user, receipt_id, looking_at="front_door_request")
    rule = services.response_rule(receipt.partnership, receipt.referral.route)
    step = request.POST.get("step") if request.method == "POST" else None
    question_form = QuestionForm(request.POST if step == "ask" else None)
    decision_form = DecisionForm(
        request.POST if step == "decide" else None, rule=rule, partnership=receipt.partnership
    )
    if request.method == "POST":
        try:
            if step == "acknowledge":
                services.request_acknowledge(receipt=receipt, by=user)
                messages.success(request, f"Request {receipt.reference} acknowledged.")
                return redirect("frontdoor:detail", receipt.pk)
            if step == "ask" and question_form.is_valid():
                services.request_ask(
                    receipt=receipt, by=user, question=question_form.cleaned_data["question"]
                )
                messages.success(request, "Your question has been sent to the sender.")
                return redirect("frontdoor:detail", receipt.pk)
            if step == "decide" and decision_form.is_valid():
                services.request_decide(
                    receipt=receipt, by=user, **decision_form.decision_details()
                )
                messages.success(request, "Decision recorded. The sender can see it.")
                return redirect("frontdoor:detail", receipt.pk)
        except services.DecisionRefused as refused:
            for field, problems in refused.problems.items():
                for problem in problems:
                    decision_form.add_error(
                        field if field in decision_form.fields else None, problem
                    )
        except StaleEdit:
            messages.error(request, STALE)
            return redirect("frontdoor:detail", receipt.pk)
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
            return redirect("frontdoor:detail", receipt.pk)
    referral = receipt.referral
    days, overdue = selectors.ageing(receipt)
    return render(
        request,
        "frontdoor/detail.html",
        {
            "receipt": receipt,
            "referral": referral,
            "questions": list(receipt.questions.select_related("asked_by", "answered_by")),
            "check": consent_check(referral),
            "threshold": selectors.latest_threshold_decision(receipt),
            "days": days,
            "overdue": overdue,
            "rule": rule,
            "question_form": question_form,
            "decision_form": decision_form,
            "open": receipt.stage != "decided",
            "nav": "front_door",
        },
    )


def answer(request: HttpRequest, family_id: UUID, receipt_id: int) -> HttpResponse:
    user = user_of(request)
    receipt = receipt_for_sender(user, family_id, receipt_id)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_answer(receipt=receipt, by=user, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            form.add_error(None, error)
        except StaleEdit:
            form.add_error(None, STALE)
        else:
            messages.success(request, "Your answer has been sent to the front door.")
            return redirect("referrals:detail", family_id, receipt.referral_id)
    # What was typed stays in the box, with the message beside it.
    return render(
        request,
        "frontdoor/answer.html",
        {"receipt": receipt, "family": receipt.referral.family, "form": form},
        status=200,
    )
