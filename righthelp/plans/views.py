"""Family plan pages and documents. The family comes from ``family_for`` every time."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from righthelp.accounts.requests import user_of
from righthelp.assessments.models import Assessment, Status
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.core.criterion_status import CriterionStatus
from righthelp.documents.pdf import pdf_response, render_pdf
from righthelp.families.access import family_and_record, family_for
from righthelp.families.models import Family
from righthelp.partnerships.selectors import pack_set_for
from righthelp.plans import services
from righthelp.plans.documents import family_copy
from righthelp.plans.forms import (
    ActionForm,
    ActionStatusForm,
    CriterionForm,
    EvidenceForm,
    InterventionsForm,
    MoveForm,
    NotesForm,
    ReviewForm,
)
from righthelp.plans.models import ActionStatus, FamilyPlan, PlanAction, PlanCriterion
from righthelp.plans.selectors import current_plan, plan_view
from righthelp.versioned import StaleEdit

STALE = (
    "Someone else saved this after you opened the page. The page now shows what is saved; "
    "check it, then make your change again."
)


def _plan(
    request: HttpRequest, family_id: UUID, plan_id: UUID, looking_at: str = "family_plan"
) -> tuple[Family, FamilyPlan]:
    return family_and_record(
        user_of(request),
        family_id,
        FamilyPlan.objects.select_related("family__partnership"),
        plan_id,
        looking_at=looking_at,
    )


def _criterion_view(plan: FamilyPlan, criterion_id: UUID) -> Any:
    view = plan_view(plan)
    match = next((c for c in view.criteria if c.record.pk == criterion_id), None)
    if match is None:
        from django.http import Http404

        raise Http404("No such criterion in this plan")
    return view, match


def home(request: HttpRequest, family_id: UUID) -> HttpResponse:
    family = family_for(user_of(request), family_id, looking_at="family_plan")
    plan = current_plan(family)
    if plan is not None:
        return redirect("plans:view", family.pk, plan.pk)
    latest = family.assessments.filter(status=Status.COMPLETED).order_by("-completed_at").first()
    return render(request, "plans/start.html", {"family": family, "assessment": latest})


@require_POST
def start(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="family_plan")
    if (plan := current_plan(family)) is None:
        chosen = _uuid_or_none(request.POST.get("assessment", ""))
        assessment = (
            Assessment.objects.filter(family=family, status=Status.COMPLETED, pk=chosen).first()
            if chosen is not None
            else None
        )
        plan = services.plan_start(family=family, by=user, assessment=assessment)
    return redirect("plans:criterion-new", family.pk, plan.pk)


def view(request: HttpRequest, family_id: UUID, plan_id: UUID) -> HttpResponse:
    family, plan = _plan(request, family_id, plan_id)
    return render(
        request, "plans/plan.html", {"family": family, "plan": plan, "view": plan_view(plan)}
    )


def criterion_new(request: HttpRequest, family_id: UUID, plan_id: UUID) -> HttpResponse:
    family, plan = _plan(request, family_id, plan_id)
    form = CriterionForm(
        request.POST or None, packs=pack_set_for(family.partnership), family=family
    )
    if request.method == "POST" and form.is_valid():
        try:
            criterion = services.plan_criterion_add(
                plan=plan,
                by=user_of(request),
                criterion_id=form.cleaned_data["criterion"],
                person=form.cleaned_data["person"],
            )
        except ValidationError as error:
            form.add_error("criterion", error)
        else:
            return redirect("plans:criterion", family.pk, plan.pk, criterion.pk)
    return render(
        request, "plans/criterion_new.html", {"family": family, "plan": plan, "form": form}
    )


def criterion(
    request: HttpRequest, family_id: UUID, plan_id: UUID, criterion_id: UUID
) -> HttpResponse:
    family, plan = _plan(request, family_id, plan_id)
    _, current = _criterion_view(plan, criterion_id)
    record: PlanCriterion = current.record
    user = user_of(request)
    submitted = request.POST.get("form") if request.method == "POST" else None
    interventions = InterventionsForm(
        request.POST if submitted == "interventions" else None,
        choices=current.criterion.interventions,
        initial={
            "interventions": [c.id for c in current.interventions],
            "other": record.custom_interventions,
            "version": record.version,
        },
    )
    evidence = EvidenceForm(
        request.POST if submitted == "evidence" else None, choices=current.criterion.evidence
    )
    move = MoveForm(
        request.POST if submitted == "move" else None,
        view=current,
        initial={"version": record.version, "on": timezone.localdate()},
    )
    try:
        if submitted == "interventions" and interventions.is_valid():
            services.plan_interventions_set(
                criterion=record,
                by=user,
                intervention_ids=interventions.cleaned_data["interventions"],
                other=interventions.cleaned_data["other"],
                expected_version=interventions.cleaned_data["version"],
            )
            messages.success(request, "Interventions saved.")
            return redirect("plans:criterion", family.pk, plan.pk, record.pk)
        if submitted == "evidence" and evidence.is_valid():
            services.evidence_add(
                criterion=record,
                by=user,
                method_id=evidence.cleaned_data["method"],
                recorded_on=evidence.cleaned_data["recorded_on"],
                note=evidence.cleaned_data["note"],
            )
            messages.success(request, "Evidence recorded.")
            return redirect("plans:criterion", family.pk, plan.pk, record.pk)
        if submitted == "move" and move.is_valid():
            services.plan_criterion_move(
                criterion=record,
                by=user,
                to=CriterionStatus(move.cleaned_data["to"]),
                on=move.cleaned_data["on"],
                expected_version=move.cleaned_data["version"],
                reason=move.cleaned_data["reason"],
            )
            messages.success(request, "Status updated.")
            return redirect("plans:criterion", family.pk, plan.pk, record.pk)
    except StaleEdit as stale:
        saved: PlanCriterion = stale.current
        stale_form: InterventionsForm | MoveForm = (
            interventions if submitted == "interventions" else move
        )
        message = STALE if stale_form is move else _interventions_now(current, saved)
        stale_form.add_error(None, message)
        stale_form.set_posted_value("version", str(saved.version))
    except ValidationError as error:
        target = {"interventions": interventions, "evidence": evidence, "move": move}[
            submitted or "move"
        ]
        target.add_error(None, error)
    return render(
        request,
        "plans/criterion.html",
        {
            "family": family,
            "plan": plan,
            "view": current,
            "interventions_form": interventions,
            "evidence_form": evidence,
            "move_form": move,
        },
    )


def _interventions_now(view: Any, saved: PlanCriterion) -> str:
    """The stale-edit message for interventions: what is saved now, beside what was ticked
    (the form keeps the ticks). Saving again replaces the saved choice with the ticked one."""
    names = {choice.id: choice.name for choice in view.criterion.interventions}
    chosen = [
        names.get(i, i) for i in saved.interventions.values_list("intervention_id", flat=True)
    ]
    now = "; ".join(chosen) or "none"
    other = f" Other: {saved.custom_interventions}." if saved.custom_interventions else ""
    return (
        "Someone else saved the interventions after you opened the page. Saved now: "
        f"{now}.{other} Your ticks are kept below: save again to replace what is saved "
        "with them."
    )


def action_new(request: HttpRequest, family_id: UUID, plan_id: UUID) -> HttpResponse:
    family, plan = _plan(request, family_id, plan_id)
    form = ActionForm(
        request.POST or None, packs=pack_set_for(family.partnership), family=family, plan=plan
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_action_add(
                plan=plan,
                by=user_of(request),
                what=data["what"],
                due_on=data["due_on"],
                owner_service=data.get("owner_service") or "",
                owner_agency=data.get("owner_agency"),
                owner_name=data.get("owner_name") or "",
                criterion=data.get("criterion"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Action added.")
            return redirect("plans:view", family.pk, plan.pk)
    return render(request, "plans/action_form.html", {"family": family, "plan": plan, "form": form})


def action_status(
    request: HttpRequest, family_id: UUID, plan_id: UUID, action_id: UUID
) -> HttpResponse:
    family, plan = _plan(request, family_id, plan_id)
    action = get_object_or_404(PlanAction, pk=action_id, plan=plan)
    form = ActionStatusForm(
        request.POST or None, initial={"status": action.status, "version": action.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_action_set_status(
                action=action,
                by=user_of(request),
                status=ActionStatus(form.cleaned_data["status"]),
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            form.add_error(None, STALE)
            form.set_posted_value("version", str(stale.current.version))
        else:
            return redirect("plans:view", family.pk, plan.pk)
    return render(
        request,
        "plans/action_status.html",
        {"family": family, "plan": plan, "action": action, "form": form},
    )


def review_new(request: HttpRequest, family_id: UUID, plan_id: UUID) -> HttpResponse:
    family, plan = _plan(request, family_id, plan_id)
    current = plan_view(plan)
    form = ReviewForm(
        request.POST or None,
        actions=[a.action for a in current.actions],
        criteria=current.criteria,
        initial={"version": plan.version},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.review_record(
                plan=plan,
                by=user_of(request),
                held_on=data["held_on"],
                attendees=data["attendees"],
                summary=data["summary"],
                internal_notes=data["internal_notes"],
                parent_scaling=data["parent_scaling"],
                young_person_scaling=data["young_person_scaling"],
                progress=form.progress(),
                moves=form.moves(),
                next_review_on=data["next_review_on"],
                expected_version=data["version"],
            )
        except StaleEdit as stale:
            form.add_error(None, STALE)
            form.set_posted_value("version", str(stale.current.version))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Review recorded.")
            return redirect("plans:view", family.pk, plan.pk)
    return render(
        request,
        "plans/review_form.html",
        {"family": family, "plan": plan, "form": form, "view": current},
    )


def notes(request: HttpRequest, family_id: UUID, plan_id: UUID) -> HttpResponse:
    family, plan = _plan(request, family_id, plan_id)
    form = NotesForm(
        request.POST or None,
        initial={"internal_notes": plan.internal_notes, "version": plan.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update_notes(
                plan=plan,
                by=user_of(request),
                internal_notes=form.cleaned_data["internal_notes"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            form.add_error(None, STALE)
            form.set_posted_value("version", str(stale.current.version))
        else:
            return redirect("plans:view", family.pk, plan.pk)
    return render(request, "plans/notes_form.html", {"family": family, "plan": plan, "form": form})


def printable(request: HttpRequest, family_id: UUID, plan_id: UUID) -> HttpResponse:
    family, plan = _plan(request, family_id, plan_id, looking_at="family_plan_print")
    return render(
        request, "plans/print.html", {"family": family, "plan": plan, "view": plan_view(plan)}
    )


def pdf(request: HttpRequest, family_id: UUID, plan_id: UUID) -> HttpResponse:
    family, plan = _plan(request, family_id, plan_id, looking_at="family_plan_document")
    document = render_pdf(
        "plans/document.html", {"family": family, "view": plan_view(plan), "for_family": False}
    )
    audit(
        actor=user_of(request),
        action=Action.EXPORTED,
        record_type="family_plan",
        record_id=plan.pk,
        family_id=family.pk,
        detail={"format": "pdf", "copy": "practitioners"},
    )
    return pdf_response(document, f"family-plan-{timezone.localdate():%Y-%m-%d}.pdf")


def family_pdf(request: HttpRequest, family_id: UUID, plan_id: UUID) -> HttpResponse:
    family, plan = _plan(request, family_id, plan_id, looking_at="family_plan_document")
    document = render_pdf(
        "plans/family_copy.html", {"family": family, "copy": family_copy(plan_view(plan))}
    )
    audit(
        actor=user_of(request),
        action=Action.EXPORTED,
        record_type="family_plan",
        record_id=plan.pk,
        family_id=family.pk,
        detail={"format": "pdf", "copy": "family"},
    )
    return pdf_response(document, f"our-family-plan-{timezone.localdate():%Y-%m-%d}.pdf")


def _uuid_or_none(text: str) -> UUID | None:
    """A posted id, or None for anything that is not one (never a server error)."""
    try:
        return UUID(text)
    except ValueError:
        return None
