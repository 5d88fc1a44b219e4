"""Screening and intelligence pages. Every view gets the family through
``access.family_for``; writes go through ``services``; templates get finished data from
``selectors``. The source of intelligence is read only by ``intelligence_source``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from righthelp.accounts.requests import user_of
from righthelp.core.exploitation_bands import SeenCounts
from righthelp.core.exploitation_followup import safety_plan_of, screening_instrument
from righthelp.core.intelligence import SubmissionFacts, problems_before_sending
from righthelp.families.access import family_and_record, family_for
from righthelp.families.models import Family, MemberKind
from righthelp.partnerships.selectors import pack_set_for
from righthelp.screening import selectors, services
from righthelp.screening.forms import (
    DecisionForm,
    IntelligenceForm,
    SafetyPlanForm,
    ScreenAgainForm,
    ScreeningDetailsForm,
    SentForm,
    SourceForm,
    section_field_name,
)
from righthelp.screening.models import IntelligenceSubmission, PlanStatus, Screening
from righthelp.ui.autosave import autosave, is_autosave
from righthelp.ui.forms import stale_comparison
from righthelp.versioned import StaleEdit

STALE_EDIT = (
    "Someone else saved this after you opened the page. What they saved is shown beside "
    "yours, which has not been saved: check both, then save again if yours is right."
)


# --- screenings ------------------------------------------------------------------------


def _screening(
    request: HttpRequest, family_id: UUID, screening_id: UUID, looking_at: str
) -> tuple[Family, Screening]:
    return family_and_record(
        user_of(request),
        family_id,
        Screening.objects.select_related("person", "screened_by", "safety_plan"),
        screening_id,
        looking_at=looking_at,
    )


def screening_list(request: HttpRequest, family_id: UUID) -> HttpResponse:
    family = family_for(user_of(request), family_id, looking_at="screenings")
    return render(
        request,
        "screening/list.html",
        {"family": family, "page": selectors.screenings_page(family)},
    )


def screening_new(request: HttpRequest, family_id: UUID) -> HttpResponse:
    """Two pages at one address: the details, then the bands they give and the decision.
    The details travel to the second page as hidden fields and are checked again there."""
    user = user_of(request)
    family = family_for(user, family_id, looking_at="screenings")
    found = screening_instrument(pack_set_for(family.partnership))
    if found is None:
        raise Http404("This partnership's packs have no exploitation screening.")
    instrument = found.instrument
    children = list(family.members.filter(kind=MemberKind.CHILD))
    wanted = request.GET.get("person", "")
    details = ScreeningDetailsForm(
        request.POST or None,
        children=children,
        instrument=instrument,
        initial={
            "screened_on": timezone.localdate(),
            **({"person": wanted} if wanted in {str(c.pk) for c in children} else {}),
        },
    )
    context: dict[str, Any] = {"family": family, "instrument": instrument, "form": details}
    if request.method != "POST" or "change" in request.POST or not details.is_valid():
        return render(request, "screening/new.html", context)

    data = details.cleaned_data
    counts = SeenCounts(
        *(
            data[name]
            for name in ("vulnerabilities", "risk_indicators", "significant_risk_indicators")
        )
    )
    reminder = instrument.safety_plan.closing if instrument.safety_plan else None
    deciding = request.POST.get("step") == "decision"
    decision = DecisionForm(request.POST if deciding else None, reminder=reminder)
    if deciding and decision.is_valid():
        try:
            screening = services.screening_record(
                family=family,
                by=user,
                person=data["person"],
                screened_on=data["screened_on"],
                score=data["score"],
                counts=counts,
                decision=decision.cleaned_data["decision"],
            )
        except ValidationError as error:
            fields = set(getattr(error, "error_dict", {}))
            if fields and fields <= set(details.fields):
                details.add_error(None, error)
                return render(request, "screening/new.html", context)
            decision.add_error(None, error)
        else:
            messages.success(request, "Screening recorded.")
            return redirect("screening:view", family.pk, screening.pk)
    return render(
        request,
        "screening/check.html",
        {
            **context,
            "decision_form": decision,
            "preview": selectors.preview(instrument, data["score"], counts),
            "person": data["person"],
            "answers": data,
            "hidden": details.hidden_values(),
        },
    )


def screening_view(request: HttpRequest, family_id: UUID, screening_id: UUID) -> HttpResponse:
    family, screening = _screening(request, family_id, screening_id, "screening")
    return render(
        request,
        "screening/view.html",
        {"family": family, "result": selectors.screening_result(screening)},
    )


def screen_again(request: HttpRequest, family_id: UUID, screening_id: UUID) -> HttpResponse:
    """Change when the young person is to be screened again (with a reason, unless it is the
    partnership's setting)."""
    family, screening = _screening(request, family_id, screening_id, "screen_again")
    result = selectors.screening_result(screening)
    form = ScreenAgainForm(
        request.POST or None,
        initial={
            "screen_again_by": screening.screen_again_by,
            "screen_again_reason": screening.screen_again_reason,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.screening_screen_again_set(
                screening=screening,
                by=user_of(request),
                screen_again_on=form.cleaned_data["screen_again_by"],
                reason=form.cleaned_data["screen_again_reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Date to screen again saved.")
            return redirect("screening:view", family.pk, screening.pk)
    return render(
        request,
        "screening/screen_again.html",
        {"family": family, "result": result, "form": form},
    )


def safety_plan_document(request: HttpRequest, family_id: UUID, screening_id: UUID) -> HttpResponse:
    """The young person's copy of their saved safety plan."""
    from righthelp.documents.pdf import pdf_response  # WeasyPrint loads only for an export

    _, screening = _screening(request, family_id, screening_id, "safety_plan_document")
    result = selectors.screening_result(screening)
    try:
        pdf = services.safety_plan_document(
            screening=screening,
            by=user_of(request),
            context={"person": screening.person, "result": result, "made_on": timezone.localdate()},
        )
    except ValidationError:
        raise Http404("This screening has no saved safety plan.") from None
    return pdf_response(pdf, f"safety-plan-{screening.screened_on:%Y-%m-%d}.pdf")


def _plan_comparison(form: SafetyPlanForm, current: Any) -> list[dict[str, Any]]:
    theirs_sections = current.sections if current is not None else {}
    rows = []
    for section in form.plan.sections:
        theirs = str(theirs_sections.get(section.id, ""))
        yours = form.cleaned_data.get(section_field_name(section.id)) or ""
        if theirs != yours:
            rows.append({"label": section.title, "theirs": theirs, "yours": yours})
        if section.asks_about_safe_adult:
            theirs = current.safe_adult if current is not None else ""
            yours = form.cleaned_data.get("safe_adult") or ""
            if theirs != yours:
                rows.append(
                    {"label": form.fields["safe_adult"].label, "theirs": theirs, "yours": yours}
                )
    return rows


def safety_plan(request: HttpRequest, family_id: UUID, screening_id: UUID) -> HttpResponse:
    user = user_of(request)
    family, screening = _screening(request, family_id, screening_id, "safety_plan")
    if not services.screening_needs_plan(screening):
        return redirect("screening:view", family.pk, screening.pk)
    plan = safety_plan_of(services.instrument_of(screening))
    saved = getattr(screening, "safety_plan", None)
    initial: dict[str, Any] = {"version": saved.version if saved else 0}
    if saved is not None:
        initial |= {section_field_name(k): v for k, v in saved.sections.items()}
        initial["safe_adult"] = saved.safe_adult
    form = SafetyPlanForm(request.POST or None, plan=plan, initial=initial)
    comparison: list[dict[str, Any]] = []
    is_saved = saved is not None and saved.status == PlanStatus.COMPLETE
    if is_autosave(request):
        if is_saved:  # each change of a saved plan is on the chronology: the button makes it
            return JsonResponse({"detail": "Press Save changes to change the plan."}, status=409)

        def save_draft(data: dict[str, Any]) -> int:
            return services.safety_plan_save(
                screening=screening,
                by=user,
                expected_version=data["version"] or 0,
                sections=form.section_texts(),
                safe_adult=data.get("safe_adult") or "",
                complete=False,
            ).version

        return autosave(form, save_draft)
    if request.method == "POST" and form.is_valid():
        draft = "save_draft" in request.POST
        try:
            services.safety_plan_save(
                screening=screening,
                by=user,
                expected_version=form.cleaned_data["version"] or 0,
                sections=form.section_texts(),
                safe_adult=form.cleaned_data.get("safe_adult") or "",
                complete=not draft,
            )
        except StaleEdit as stale:
            comparison = _plan_comparison(form, stale.current)
            form.set_posted_value("version", str(stale.current.version if stale.current else 0))
            form.add_error(None, STALE_EDIT)
        except services.PlanEmpty as empty:
            form.add_error(section_field_name(plan.sections[0].id), empty)
        else:
            if draft:
                messages.success(request, "Draft saved. You can come back to it at any time.")
                return redirect("screening:safety-plan", family.pk, screening.pk)
            messages.success(request, "Safety plan saved.")
            return redirect("screening:view", family.pk, screening.pk)
    return render(
        request,
        "screening/safety_plan.html",
        {
            "family": family,
            "screening": screening,
            "plan": plan,
            "form": form,
            "saved": saved,
            "is_saved": is_saved,
            "comparison": comparison,
        },
    )


# --- intelligence for the police -------------------------------------------------------


def _submission(
    request: HttpRequest, family_id: UUID, submission_id: UUID, looking_at: str
) -> tuple[Family, IntelligenceSubmission]:
    return family_and_record(
        user_of(request),
        family_id,
        IntelligenceSubmission.objects.select_related("created_by", "sent_by"),
        submission_id,
        looking_at=looking_at,
    )


def intelligence_list(request: HttpRequest, family_id: UUID) -> HttpResponse:
    family = family_for(user_of(request), family_id, looking_at="intelligence")
    return render(
        request,
        "screening/intelligence_list.html",
        {
            "family": family,
            "submissions": selectors.intelligence_for(family),
            "where": selectors.where_to_send_for(family),
        },
    )


def intelligence_new(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="intelligence")
    form = IntelligenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.intelligence_create(
                family=family, by=user, texts=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "Intelligence saved. Now record where the information came from: it is kept "
                "apart from what you share.",
            )
            return redirect("screening:intelligence-source", family.pk, submission.pk)
    return render(
        request,
        "screening/intelligence_form.html",
        {
            "family": family,
            "form": form,
            "submission": None,
            "where": selectors.where_to_send_for(family),
        },
    )


def _view_context(
    request: HttpRequest, family: Family, submission: IntelligenceSubmission
) -> dict[str, Any]:
    """The shareable body and what to do with it. Whether a source is recorded, never what
    it says."""
    return {
        "family": family,
        "submission": submission,
        "where": selectors.where_to_send_for(family),
        "may_see_source": services.may_see_source(submission, user_of(request)),
        "source_recorded": services.source_recorded(submission),
    }


def intelligence_view(request: HttpRequest, family_id: UUID, submission_id: UUID) -> HttpResponse:
    family, submission = _submission(request, family_id, submission_id, "intelligence")
    return render(
        request,
        "screening/intelligence_view.html",
        {
            **_view_context(request, family, submission),
            "sent_form": SentForm(
                initial={"sent_on": timezone.localdate(), "version": submission.version}
            ),
        },
    )


def intelligence_edit(request: HttpRequest, family_id: UUID, submission_id: UUID) -> HttpResponse:
    user = user_of(request)
    family, submission = _submission(request, family_id, submission_id, "intelligence")
    if submission.is_sent:
        return redirect("screening:intelligence-view", family.pk, submission.pk)
    initial = {name: getattr(submission, name) for name in services.INTELLIGENCE_FIELDS}
    form = IntelligenceForm(
        request.POST or None, initial={**initial, "version": submission.version}
    )
    comparison: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.intelligence_update(
                submission=submission,
                by=user,
                expected_version=form.cleaned_data["version"] or 0,
                texts=form.cleaned_data,
            )
        except StaleEdit as stale:
            comparison = stale_comparison(form, stale.current, services.INTELLIGENCE_FIELDS)
            form.set_posted_value("version", str(stale.current.version))
            form.add_error(None, STALE_EDIT)
        except services.NotEditable:
            return redirect("screening:intelligence-view", family.pk, submission.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Changes saved.")
            return redirect("screening:intelligence-view", family.pk, submission.pk)
    return render(
        request,
        "screening/intelligence_form.html",
        {
            "family": family,
            "form": form,
            "submission": submission,
            "comparison": comparison,
            "where": selectors.where_to_send_for(family),
        },
    )


def intelligence_source(request: HttpRequest, family_id: UUID, submission_id: UUID) -> HttpResponse:
    """The only page that shows where the information came from."""
    user = user_of(request)
    family, submission = _submission(request, family_id, submission_id, "intelligence_source")
    source = services.source_for(submission, user)
    initial: dict[str, Any] = {"version": source.version if source else 0}
    if source is not None:
        initial |= {"who": source.who, "how": source.how, "knows_shared": source.knows_shared}
    form = SourceForm(request.POST or None, initial=initial)
    comparison: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.intelligence_source_record(
                submission=submission,
                by=user,
                expected_version=data["version"] or 0,
                who=data["who"],
                how=data["how"],
                knows_shared=data["knows_shared"],
            )
        except StaleEdit as stale:
            comparison = stale_comparison(form, stale.current, ("who", "how", "knows_shared"))
            form.set_posted_value("version", str(stale.current.version if stale.current else 0))
            form.add_error(None, STALE_EDIT)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "Source saved. It is kept apart and is not in the document you send.",
            )
            return redirect("screening:intelligence-view", family.pk, submission.pk)
    return render(
        request,
        "screening/intelligence_source.html",
        {
            "family": family,
            "submission": submission,
            "form": form,
            "source": source,
            "comparison": comparison,
        },
    )


@require_POST
def intelligence_sent(request: HttpRequest, family_id: UUID, submission_id: UUID) -> HttpResponse:
    user = user_of(request)
    family, submission = _submission(request, family_id, submission_id, "intelligence")
    form = SentForm(request.POST)
    if form.is_valid():
        try:
            services.intelligence_mark_sent(
                submission=submission,
                by=user,
                sent_on=form.cleaned_data["sent_on"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            # Marked sent by someone else meanwhile: say so in the rules' own words.
            facts = SubmissionFacts(
                what_happened=stale.current.what_happened,
                source_recorded=True,
                already_sent=stale.current.is_sent,
            )
            form.add_error(None, list(problems_before_sending(facts)) or STALE_EDIT)
            form.set_posted_value("version", str(stale.current.version))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Marked as sent to the police.")
            return redirect("screening:intelligence-view", family.pk, submission.pk)
    return render(
        request,
        "screening/intelligence_view.html",
        {**_view_context(request, family, submission), "sent_form": form},
    )


def intelligence_document(
    request: HttpRequest, family_id: UUID, submission_id: UUID
) -> HttpResponse:
    """The shareable body as a PDF to attach to the police form. Never the source."""
    from righthelp.documents.pdf import pdf_response  # WeasyPrint loads only for an export

    user = user_of(request)
    family, submission = _submission(request, family_id, submission_id, "intelligence_document")
    pdf = services.intelligence_document(
        submission=submission,
        by=user,
        context={
            "submission": submission,
            "where": selectors.where_to_send_for(family),
            "made_at": timezone.localtime(),
            "made_by": user,
        },
    )
    return pdf_response(pdf, f"intelligence-for-the-police-{submission.created_at:%Y-%m-%d}.pdf")
