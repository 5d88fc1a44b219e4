"""Self-assessment pages. Agencies: a task list of areas, one page per area, check your
answers and submit. Analysts: open and close rounds, the partnership view (heatmap, areas,
gaps, action plan), the comparison of two rounds, and exports. Records come from
``access``; writes go through ``services``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from righthelp.accounts.models import User
from righthelp.accounts.requests import user_of
from righthelp.core.packs.schema import Instrument, Section
from righthelp.core.round_comparison import Change, QuestionChange
from righthelp.core.self_assessment_rules import Answer, answer_problems
from righthelp.exports.disclosure import Audience
from righthelp.exports.services import Format, export_table
from righthelp.self_assessment import access, services
from righthelp.self_assessment.forms import ActionForm, AreaForm, CompareForm, RoundForm, SubmitForm
from righthelp.self_assessment.models import (
    ActionStatus,
    AgencyResponse,
    ResponseStatus,
    Round,
)
from righthelp.self_assessment.selectors import (
    SELF_ASSESSMENT_TABLES,
    compare,
    mean_text,
    percent,
    round_view,
)
from righthelp.ui.autosave import autosave, is_autosave
from righthelp.ui.forms import SummaryError
from righthelp.versioned import StaleEdit

STALE_AREA = (
    "Someone else saved this self-assessment after you opened this page. What is saved now "
    "is shown beside each question; your answers are below it, not yet saved. Check both, "
    "then save again."
)
STALE_ACTION = (
    "Someone else changed this action after you opened this page. What is saved now is shown "
    "above; your changes are in the form. Check both, then save again."
)


def _posted(request: HttpRequest) -> Any:
    """The posted data, even when empty, so an empty form is checked rather than shown new."""
    return request.POST if request.method == "POST" else None


def index(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not access.may_use_self_assessment(user):
        raise PermissionDenied("The self-assessment is for agencies and partnership analysts.")
    return render(
        request,
        "self_assessment/index.html",
        {
            "analyst": access.is_analyst(user),
            "rounds": list(access.rounds_for(user).select_related("opened_by")),
            "responses": list(
                access.responses_for(user)
                .select_related("round", "agency")
                .order_by("-round__opened_on", "-round__pk")
            ),
            "nav": "self_assessment",
        },
    )


def round_new(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not access.is_analyst(user) or user.partnership is None:
        raise PermissionDenied("Only the partnership's analysts open a round.")
    partnership = user.partnership
    today = timezone.localdate()
    form = RoundForm(
        _posted(request),
        partnership=partnership,
        initial={
            "opened_on": today,
            "agencies": list(partnership.agencies.values_list("pk", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_open(
                partnership=partnership,
                by=user,
                title=data["title"],
                opened_on=data["opened_on"],
                closes_on=data["closes_on"],
                agencies=data["agencies"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{round_.title} is open for agencies to complete.")
            return redirect("self_assessment:round", round_.pk)
    return render(
        request, "self_assessment/round_form.html", {"form": form, "nav": "self_assessment"}
    )


def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.round_for_analyst(user_of(request), round_id)
    view = round_view(round_)
    others = list(Round.objects.filter(partnership=round_.partnership).exclude(pk=round_.pk))
    return render(
        request,
        "self_assessment/round.html",
        {
            "view": view,
            "round": round_,
            "compare_form": CompareForm(rounds=others) if others else None,
            "percent": percent,
            "most_often": [
                (
                    summary,
                    percent(summary.ratings.share_no_or_minimal),
                    view.actions_for(summary.question.id),
                )
                for summary in view.most_often_no_or_minimal
            ],
            "areas": [
                (summary, percent(summary.ratings.share_no_or_minimal))
                for summary in view.aggregation.sections
            ],
            "exports": _exports(round_),
            "nav": "self_assessment",
        },
    )


def _exports(round_: Round) -> list[dict[str, str]]:
    titles = {
        "self-assessment-heatmap": "Ratings by question and agency",
        "self-assessment-areas": "Ratings by area",
        "self-assessment-action-plan": "Action plan",
    }
    return [
        {
            "title": titles[key],
            "csv": reverse("self_assessment:export", args=[round_.pk, key, "csv"]),
            "xlsx": reverse("self_assessment:export", args=[round_.pk, key, "xlsx"]),
        }
        for key in SELF_ASSESSMENT_TABLES
    ]


@require_POST
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    user = user_of(request)
    round_ = access.round_for_analyst(user, round_id)
    try:
        services.round_close(round_=round_, by=user)
    except services.NotEditable:
        pass
    else:
        messages.success(request, f"{round_.title} is closed. Agencies can no longer change it.")
    return redirect("self_assessment:round", round_.pk)


def round_export(request: HttpRequest, round_id: int, key: str, file_format: str) -> HttpResponse:
    user = user_of(request)
    round_ = access.round_for_analyst(user, round_id)
    table_of = SELF_ASSESSMENT_TABLES.get(key)
    try:
        chosen = Format(file_format)
    except ValueError:
        raise Http404("No such format") from None
    if table_of is None:
        raise Http404("No such table")
    exported = export_table(
        by=user,
        table=table_of(round_view(round_)),
        file_format=chosen,
        # Counts of agencies, not of families: nothing here is suppressed either way.
        audience=Audience.PARTNERSHIP,
        threshold=round_.partnership.small_number_threshold,
        notes=[f"Round: {round_.title}, {round_.get_status_display().lower()}."],
        record_type="self_assessment_export",
        detail={"round": round_.pk},
    )
    return exported.response()


@dataclass(frozen=True)
class ComparisonRow:
    change: QuestionChange
    share_before: str
    share_after: str
    mean_before: str
    mean_after: str


def _comparison_row(change: QuestionChange) -> ComparisonRow:
    return ComparisonRow(
        change=change,
        share_before=percent(change.before_share),
        share_after=percent(change.after_share),
        mean_before=mean_text(change.before_mean),
        mean_after=mean_text(change.after_mean),
    )


def round_compare(request: HttpRequest, round_id: int) -> HttpResponse:
    user = user_of(request)
    later = access.round_for_analyst(user, round_id)
    others = list(Round.objects.filter(partnership=later.partnership).exclude(pk=later.pk))
    form = CompareForm(request.GET or None, rounds=others)
    if not others:
        raise Http404("There is no other round to compare with")
    earlier = form.cleaned_data["earlier"] if form.is_valid() else others[0]
    every_answer = request.GET.get("agencies") == "all"
    result = compare(earlier, later, like_with_like=not every_answer)
    rows = [_comparison_row(change) for change in result.comparison.questions]
    counts = result.comparison.counts()
    return render(
        request,
        "self_assessment/compare.html",
        {
            "round": later,
            "earlier": earlier,
            "result": result,
            "form": CompareForm(initial={"earlier": earlier.pk}, rounds=others),
            "rows": rows,
            "counts": [(change, counts[change]) for change in Change],
            "improved": [r for r in rows if r.change.change is Change.IMPROVED],
            "fell_back": [r for r in rows if r.change.change is Change.FELL_BACK],
            "nav": "self_assessment",
        },
    )


def _action_form_page(request: HttpRequest, round_id: int, action_id: int | None) -> HttpResponse:
    user = user_of(request)
    round_ = access.round_for_analyst(user, round_id)
    instrument = services.instrument_of(round_)
    action = access.action_for(user, round_, action_id) if action_id is not None else None
    initial: dict[str, Any] = {"status": ActionStatus.NOT_STARTED}
    if action is not None:
        initial = {
            "text": action.text,
            "owner": action.owner_id,
            "due_on": action.due_on,
            "status": action.status,
            "questions": list(action.questions.values_list("question_id", flat=True)),
            "version": action.version,
        }
    elif request.GET.get("question"):
        initial["questions"] = request.GET.getlist("question")
    form = ActionForm(
        _posted(request),
        partnership=round_.partnership,
        instrument=instrument,
        initial=initial,
    )
    theirs = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "text": data["text"],
            "owner": data["owner"],
            "due_on": data["due_on"],
            "status": ActionStatus(data["status"]),
            "question_ids": data["questions"],
        }
        try:
            if action is None:
                services.action_add(round_=round_, by=user, **fields)
            else:
                services.action_update(
                    action=action, by=user, expected_version=data["version"] or 0, **fields
                )
        except StaleEdit as stale:
            theirs = stale.current
            form.set_posted_value("version", str(theirs.version))
            form.add_error(None, STALE_ACTION)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Action saved in the action plan.")
            return redirect(reverse("self_assessment:round", args=[round_.pk]) + "#action-plan")
    return render(
        request,
        "self_assessment/action_form.html",
        {
            "round": round_,
            "form": form,
            "action": action,
            "theirs": theirs,
            "theirs_questions": list(theirs.questions.values_list("question_id", flat=True))
            if theirs
            else [],
            "nav": "self_assessment",
        },
    )


def action_new(request: HttpRequest, round_id: int) -> HttpResponse:
    return _action_form_page(request, round_id, None)


def action_edit(request: HttpRequest, round_id: int, action_id: int) -> HttpResponse:
    return _action_form_page(request, round_id, action_id)


# --- an agency's response -----------------------------------------------------------------


def _editable(user: User, response: AgencyResponse) -> bool:
    return (
        access.may_complete(user, response)
        and response.round.is_open
        and response.status != ResponseStatus.SUBMITTED
    )


def _section(instrument: Instrument, section_id: str) -> Section:
    section = next((s for s in instrument.sections if s.id == section_id), None)
    if section is None:
        raise Http404("No such area")
    return section


def response_tasks(request: HttpRequest, round_id: int, response_id: int) -> HttpResponse:
    user = user_of(request)
    response = access.response_for(user, round_id, response_id)
    if not _editable(user, response):
        return redirect("self_assessment:response-check", round_id, response_id)
    instrument = services.instrument_of(response.round)
    answers = services.answers_of(response)
    areas = [
        {
            "section": section,
            "rated": sum(1 for q in section.questions if answers.get(q.id, Answer("", "")).rating),
            "saved": section.id in response.sections_saved,
        }
        for section in instrument.sections
    ]
    return render(
        request,
        "self_assessment/tasks.html",
        {
            "response": response,
            "instrument": instrument,
            "areas": areas,
            "rated": sum(a["rated"] for a in areas),
            "questions": sum(len(s.questions) for s in instrument.sections),
            "nav": "self_assessment",
        },
    )


def response_area(
    request: HttpRequest, round_id: int, response_id: int, section_id: str
) -> HttpResponse:
    user = user_of(request)
    response = access.response_for(user, round_id, response_id)
    if not _editable(user, response):
        return redirect("self_assessment:response-check", round_id, response_id)
    instrument = services.instrument_of(response.round)
    section = _section(instrument, section_id)
    saved_answers = services.answers_of(response)
    form = AreaForm(
        _posted(request),
        instrument=instrument,
        section=section,
        initial=AreaForm.initial_for(saved_answers, response.version),
    )
    stale = False
    if is_autosave(request):

        def save(data: dict[str, Any]) -> int:
            return services.response_save_area(
                response=response,
                by=user,
                expected_version=data["version"],
                section_id=section.id,
                answers=form.answers(),
            ).version

        return autosave(form, save, refusals=(services.NotEditable,))
    if request.method == "POST" and form.is_valid():
        try:
            services.response_save_area(
                response=response,
                by=user,
                expected_version=form.cleaned_data["version"],
                section_id=section.id,
                answers=form.answers(),
            )
        except StaleEdit as error:
            stale = True
            saved_answers = services.answers_of(error.current)
            form.set_posted_value("version", str(error.current.version))
            form.add_error(None, STALE_AREA)
        except services.NotEditable:
            return redirect("self_assessment:response-check", round_id, response_id)
        else:
            ids = [s.id for s in instrument.sections]
            later = ids[ids.index(section.id) + 1 :]
            if "to_task_list" in request.POST or not later:
                target = (
                    "self_assessment:response-tasks" if later else "self_assessment:response-check"
                )
                return redirect(target, round_id, response_id)
            return redirect("self_assessment:response-area", round_id, response_id, later[0])
    labels = {option.id: option.label for option in instrument.scale}
    questions = [
        {
            "question": question,
            "rating": rating,
            "evidence": evidence,
            "saved": saved_answers.get(question.id),
            "saved_label": labels.get(saved_answers[question.id].rating, "Not rated")
            if question.id in saved_answers
            else "Not rated",
        }
        for question, (rating, evidence) in zip(
            section.questions, form.question_fields(), strict=True
        )
    ]
    position = [s.id for s in instrument.sections].index(section.id) + 1
    return render(
        request,
        "self_assessment/area.html",
        {
            "response": response,
            "section": section,
            "form": form,
            "questions": questions,
            "stale": stale,
            "position": position,
            "area_count": len(instrument.sections),
            "nav": "self_assessment",
        },
    )


def response_check(request: HttpRequest, round_id: int, response_id: int) -> HttpResponse:
    user = user_of(request)
    response = access.response_for(user, round_id, response_id)
    instrument = services.instrument_of(response.round)
    editable = _editable(user, response)
    form = SubmitForm(_posted(request), initial={"version": response.version})
    answers = services.answers_of(response)
    problems = answer_problems(instrument, answers) if editable else ()
    if request.method == "POST" and editable and form.is_valid():
        try:
            services.response_submit(
                response=response, by=user, expected_version=form.cleaned_data["version"]
            )
        except services.SubmissionRefused:
            pass  # the problems are listed on the page, as computed above
        except StaleEdit:
            form.add_error(
                None,
                "Someone else saved this self-assessment after you opened this page. Check "
                "the answers below, then submit again.",
            )
            response.refresh_from_db()
            form.set_posted_value("version", str(response.version))
        except services.NotEditable:
            return redirect("self_assessment:response-check", round_id, response_id)
        else:
            messages.success(request, f"{response.agency.name}'s self-assessment is submitted.")
            return redirect("self_assessment:response-check", round_id, response_id)
    labels = {option.id: option.label for option in instrument.scale}
    problem_by_question = {p.question.id: p.message for p in problems}
    areas = [
        {
            "section": section,
            "url": reverse(
                "self_assessment:response-area", args=[round_id, response_id, section.id]
            ),
            "questions": [
                {
                    "question": q,
                    "rating": labels.get(answers.get(q.id, Answer("", "")).rating, "Not rated"),
                    "evidence": answers.get(q.id, Answer("", "")).evidence,
                    "problem": problem_by_question.get(q.id, ""),
                }
                for q in section.questions
            ],
        }
        for section in instrument.sections
    ]
    summary_errors = (
        [
            SummaryError(
                p.message,
                reverse("self_assessment:response-area", args=[round_id, response_id, p.section.id])
                + f"#id_rating-{p.question.id}_0",
            )
            for p in problems
        ]
        if request.method == "POST"
        else []
    )
    return render(
        request,
        "self_assessment/check.html",
        {
            "response": response,
            "instrument": instrument,
            "areas": areas,
            "form": form,
            "editable": editable,
            "analyst_view": access.is_analyst(user),
            "problems": problems,
            "summary_errors": summary_errors,
            "nav": "self_assessment",
        },
    )
