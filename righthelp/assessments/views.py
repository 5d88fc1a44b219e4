"""Threshold assessment pages: a task list, one page per outcome, the conversation, check
your answers with the level and the action, and the manager's sign-off."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from righthelp.accounts.requests import user_of
from righthelp.assessments import services
from righthelp.assessments.forms import (
    ConversationForm,
    DecisionForm,
    OutcomeFindingsForm,
    SignOffForm,
    WhatWasSeenForm,
)
from righthelp.assessments.models import Assessment, Status
from righthelp.assessments.selectors import (
    assessment_summary,
    findings_by_indicator,
    next_steps_after,
    points_to,
    with_plan_open,
)
from righthelp.core.need_level import LEVEL_SHOWN
from righthelp.families.access import family_and_record, family_for
from righthelp.families.models import Family
from righthelp.packstore.suggestions import has_indicators, suggest
from righthelp.partnerships.selectors import pack_rows, pack_set_for
from righthelp.suggest.ranking import DEFAULT_TOP, NOTICE, OutcomeSuggestions
from righthelp.ui.autosave import autosave, is_autosave
from righthelp.versioned import StaleEdit

STALE_CONVERSATION = (
    "Someone else saved this assessment after you opened this page. What is saved now is "
    "shown above yours; check both, then save again."
)
STALE_SUBMISSION = (
    "Someone else saved this assessment after you opened this page. Check the answers "
    "below, then submit again."
)
STALE_SEEN = (
    "Someone else saved this assessment after you opened this page. What is saved now is "
    "shown below the box; check it, then save yours again."
)
AWAITING_SIGNOFF = (
    "Assessment submitted. A manager must sign off a Getting Risk Support decision before "
    "it is final."
)


def _assessment(
    request: HttpRequest, family_id: UUID, assessment_id: UUID, *, plan_open: bool = False
) -> tuple[Family, Assessment]:
    """The family (``family_for``) and its assessment. The assessment's ``family`` is that
    same family, read once, not joined again; ``plan_open`` adds whether the family has an
    open plan (``with_plan_open``) to the same query."""
    records = Assessment.objects.select_related("submitted_by", "signed_off_by")
    family, assessment = family_and_record(
        user_of(request),
        family_id,
        with_plan_open(records) if plan_open else records,
        assessment_id,
        looking_at="assessment",
        annotate={"pack_rows": pack_rows()},
    )
    assessment.family = family
    return family, assessment


def _draft_or_view(family: Family, assessment: Assessment) -> HttpResponse | None:
    if assessment.status != Status.DRAFT:
        return redirect("assessments:view", family.pk, assessment.pk)
    return None


@require_POST
def start(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="assessment")
    open_draft = family.assessments.exclude(status=Status.COMPLETED).first()
    if open_draft is not None:
        return redirect("assessments:task-list", family.pk, open_draft.pk)
    if pack_set_for(family.partnership).thresholds is None:
        messages.error(request, "This partnership has no thresholds pack to assess against.")
        return redirect("families:overview", family.pk)
    assessment = services.assessment_start(family=family, by=user)
    return redirect("assessments:task-list", family.pk, assessment.pk)


def task_list(request: HttpRequest, family_id: UUID, assessment_id: UUID) -> HttpResponse:
    family, assessment = _assessment(request, family_id, assessment_id)
    if (done := _draft_or_view(family, assessment)) is not None:
        return done
    pack = services.pack_of(assessment)
    counts: dict[int, int] = {}
    for finding in assessment.findings.values("outcome_number", "indicator_id").distinct():
        counts[finding["outcome_number"]] = counts.get(finding["outcome_number"], 0) + 1
    conversation_started = any(getattr(assessment, name) for name in services.CONVERSATION_FIELDS)
    return render(
        request,
        "assessments/task_list.html",
        {
            "family": family,
            "assessment": assessment,
            "outcomes": [
                {
                    "outcome": outcome,
                    "ticked": counts.get(outcome.number, 0),
                    "reviewed": outcome.number in assessment.outcomes_reviewed,
                }
                for outcome in pack.outcomes
            ],
            "reviewed_count": len(assessment.outcomes_reviewed),
            "conversation_started": conversation_started,
            "pack": pack,
        },
    )


def _next_outcome_url(
    family: Family, assessment: Assessment, number: int, numbers: list[int]
) -> str:
    later = [n for n in numbers if n > number]
    if later:
        return reverse("assessments:outcome", args=[family.pk, assessment.pk, later[0]])
    return reverse("assessments:conversation", args=[family.pk, assessment.pk])


def outcome(
    request: HttpRequest, family_id: UUID, assessment_id: UUID, number: int
) -> HttpResponse:
    family, assessment = _assessment(request, family_id, assessment_id)
    if (done := _draft_or_view(family, assessment)) is not None:
        return done
    pack = services.pack_of(assessment)
    the_outcome = next((o for o in pack.outcomes if o.number == number), None)
    if the_outcome is None:
        return redirect("assessments:task-list", family.pk, assessment.pk)
    members = list(family.members.all())
    stale: Assessment | None = None
    if request.method == "POST":
        form = OutcomeFindingsForm(
            outcome=the_outcome, levels=pack.levels, members=members, data=request.POST
        )
        if form.is_valid():
            try:
                services.assessment_record_findings(
                    assessment=assessment,
                    by=user_of(request),
                    expected_version=_posted_version(request),
                    outcome_number=number,
                    findings=form.cleaned,
                )
            except StaleEdit as error:
                stale = error.current
            except services.AssessmentNotEditable:
                return redirect("assessments:view", family.pk, assessment.pk)
            else:
                if "to_task_list" in request.POST:
                    return redirect("assessments:task-list", family.pk, assessment.pk)
                return redirect(
                    _next_outcome_url(family, assessment, number, [o.number for o in pack.outcomes])
                )
    else:
        form = OutcomeFindingsForm(
            outcome=the_outcome,
            levels=pack.levels,
            members=members,
            initial=findings_by_indicator(assessment),
        )
    theirs: list[Any] = []
    if stale is not None:
        saved = findings_by_indicator(stale)
        theirs = [i for i in the_outcome.indicators if i.id in saved]
    on_page = {c.indicator.id for group in form.groups for c in group.choices if c.checked}
    return render(
        request,
        "assessments/outcome.html",
        {
            "family": family,
            "assessment": stale or assessment,
            "outcome": the_outcome,
            # The source's note on its lists as a whole (an older pack put it on outcome 1).
            "indicators_note": pack.indicators_note or the_outcome.note,
            "form": form,
            "stale": stale is not None,
            "theirs": theirs,
            "position": [o.number for o in pack.outcomes].index(number) + 1,
            "outcome_count": len(pack.outcomes),
            "suggested": _suggested_here(assessment, number),
            "notice": NOTICE,
            "points_to": points_to(assessment, number, on_page),
            "levels_by_number": pack.levels_by_number,
            "level_shown": LEVEL_SHOWN,
        },
    )


def outcome_points_to(
    request: HttpRequest, family_id: UUID, assessment_id: UUID, number: int
) -> HttpResponse:
    """The outcome page's "what the indicators point to", for the ticks on the page
    (indicator ids only), fetched as boxes are ticked. Nothing is saved."""
    _, assessment = _assessment(request, family_id, assessment_id)
    pack = services.pack_of(assessment)
    if assessment.status != Status.DRAFT or number not in {o.number for o in pack.outcomes}:
        return HttpResponse(status=404)
    return render(
        request,
        "assessments/_points_to.html",
        {
            "points_to": points_to(assessment, number, set(request.GET.getlist("indicators"))),
            "levels_by_number": pack.levels_by_number,
            "level_shown": LEVEL_SHOWN,
        },
    )


def _suggestions(assessment: Assessment) -> list[OutcomeSuggestions] | None:
    """Suggestions from what was seen, grouped by outcome; None when nothing was written."""
    pack = services.pack_of(assessment)
    if not assessment.what_was_seen.strip() or not has_indicators(pack):
        return None
    return suggest(pack, assessment.what_was_seen).grouped(DEFAULT_TOP)


def _suggested_here(assessment: Assessment, number: int) -> OutcomeSuggestions | bool | None:
    """This outcome's share of the suggestions: False when the others have them all."""
    groups = _suggestions(assessment)
    if groups is None:
        return None
    return next((g for g in groups if g.outcome == number), False)


@sensitive_post_parameters("what_was_seen")  # a case note: never in an error report
def what_was_seen(request: HttpRequest, family_id: UUID, assessment_id: UUID) -> HttpResponse:
    """Write or paste what was seen; suggested indicators appear here and beside each outcome."""
    family, assessment = _assessment(request, family_id, assessment_id)
    if (done := _draft_or_view(family, assessment)) is not None:
        return done
    form = WhatWasSeenForm(
        request.POST or None,
        initial={"what_was_seen": assessment.what_was_seen, "version": assessment.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record_what_was_seen(
                assessment=assessment,
                by=user_of(request),
                expected_version=form.cleaned_data["version"],
                text=form.cleaned_data["what_was_seen"],
            )
        except StaleEdit as error:
            form.set_posted_value("version", str(error.current.version))
            form.add_error(None, STALE_SEEN)
        except services.AssessmentNotEditable:
            return redirect("assessments:view", family.pk, assessment.pk)
        else:
            url = reverse("assessments:what-was-seen", args=[family.pk, assessment.pk])
            return redirect(f"{url}#suggestions")
    return render(
        request,
        "assessments/what_was_seen.html",
        {
            "family": family,
            "assessment": assessment,
            "form": form,
            "groups": _suggestions(assessment),
            "notice": NOTICE,
        },
    )


def conversation(request: HttpRequest, family_id: UUID, assessment_id: UUID) -> HttpResponse:
    family, assessment = _assessment(request, family_id, assessment_id)
    if (done := _draft_or_view(family, assessment)) is not None:
        return done
    initial = {name: getattr(assessment, name) for name in services.CONVERSATION_FIELDS}
    form = ConversationForm(
        request.POST or None, initial={**initial, "version": assessment.version}
    )
    stale = None
    if is_autosave(request):

        def save(data: dict[str, Any]) -> int:
            services.assessment_record_conversation(
                assessment=assessment,
                by=user_of(request),
                expected_version=data["version"],
                texts=data,
            )
            return assessment.version

        return autosave(form, save, refusals=(services.AssessmentNotEditable,))
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record_conversation(
                assessment=assessment,
                by=user_of(request),
                expected_version=form.cleaned_data["version"],
                texts=form.cleaned_data,
            )
        except StaleEdit as error:
            stale = error.current
            form.set_posted_value("version", str(stale.version))
            form.add_error(
                None,
                STALE_CONVERSATION,
            )
        else:
            if "to_task_list" in request.POST:
                return redirect("assessments:task-list", family.pk, assessment.pk)
            return redirect("assessments:check", family.pk, assessment.pk)
    return render(
        request,
        "assessments/conversation.html",
        {
            "family": family,
            "assessment": assessment,
            "form": form,
            "stale": stale,
            "fields": services.CONVERSATION_FIELDS,
        },
    )


def check(request: HttpRequest, family_id: UUID, assessment_id: UUID) -> HttpResponse:
    family, assessment = _assessment(request, family_id, assessment_id)
    if (done := _draft_or_view(family, assessment)) is not None:
        return done
    summary = assessment_summary(assessment)
    form = DecisionForm(
        request.POST or None,
        levels=summary.levels,
        indicator_level=summary.result.number,
        initial={"level": summary.result.number, "version": assessment.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_submit(
                assessment=assessment,
                by=user_of(request),
                expected_version=form.cleaned_data["version"],
                chosen_level=form.cleaned_data["level"],
                override_reason=form.cleaned_data["override_reason"],
            )
        except services.SubmissionRefused as refused:
            for problem in refused.problems:
                if problem.field in form.fields:
                    form.add_error(problem.field, problem.message)
                else:
                    where = reverse("assessments:conversation", args=[family.pk, assessment.pk])
                    form.add_error_elsewhere(problem.message, f"{where}#id_{problem.field}")
        except StaleEdit:
            form.add_error(
                None,
                STALE_SUBMISSION,
            )
            assessment.refresh_from_db()
            form.set_posted_value("version", str(assessment.version))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            assessment.refresh_from_db()
            if assessment.status == Status.AWAITING_SIGNOFF:
                messages.success(
                    request,
                    AWAITING_SIGNOFF,
                )
            else:
                messages.success(request, "Assessment completed.")
            return redirect("assessments:view", family.pk, assessment.pk)
    return render(
        request,
        "assessments/check.html",
        {"family": family, "assessment": assessment, "summary": summary, "form": form},
    )


def view(request: HttpRequest, family_id: UUID, assessment_id: UUID) -> HttpResponse:
    # A hot page: the assessment comes with whether the family's plan is open, and the
    # partnership's packs are read once, with the family, for the summary, the workflow and
    # the next steps.
    family, assessment = _assessment(request, family_id, assessment_id, plan_open=True)
    if assessment.status == Status.DRAFT:
        return redirect("assessments:task-list", family.pk, assessment.pk)
    packs = pack_set_for(family.partnership, getattr(family, "pack_rows", None))
    summary = assessment_summary(assessment, packs)
    return render(
        request,
        "assessments/view.html",
        {
            "family": family,
            "assessment": assessment,
            "summary": summary,
            "next_steps": next_steps_after(assessment, user_of(request), packs),
        },
    )


def sign_off(request: HttpRequest, family_id: UUID, assessment_id: UUID) -> HttpResponse:
    family, assessment = _assessment(request, family_id, assessment_id)
    if assessment.status != Status.AWAITING_SIGNOFF:
        return redirect("assessments:view", family.pk, assessment.pk)
    user = user_of(request)
    if not services.may_sign_off(assessment, user):
        raise PermissionDenied("Only a manager of the practitioner's team can sign this off.")
    form = SignOffForm(request.POST or None, levels=services.pack_of(assessment).levels)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        if decision in ("sign_off", "different"):
            services.assessment_sign_off(
                assessment=assessment,
                by=user,
                comment=form.cleaned_data["comment"],
                level=form.cleaned_data["level"] if decision == "different" else None,
            )
            messages.success(request, "Decision signed off. The family's level of need is updated.")
        else:
            services.assessment_return(
                assessment=assessment, by=user, comment=form.cleaned_data["comment"]
            )
            messages.success(request, "Assessment returned to the practitioner.")
        return redirect("assessments:view", family.pk, assessment.pk)
    return render(
        request,
        "assessments/sign_off.html",
        {
            "family": family,
            "assessment": assessment,
            "summary": assessment_summary(assessment),
            "form": form,
        },
    )


def _posted_version(request: HttpRequest) -> int:
    """The version the page was read at; anything but a number counts as out of date (the
    stale-edit page then shows what was typed beside what is saved)."""
    raw = request.POST.get("version", "0")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else -1
