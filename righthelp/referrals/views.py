"""Requests for service, step by step under the partnership's consent rules."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from righthelp.accounts.requests import user_of
from righthelp.core.referral_rules import either_of
from righthelp.families.access import family_and_record, family_for
from righthelp.families.models import Family
from righthelp.partnerships.selectors import pack_set_for
from righthelp.referrals import services
from righthelp.referrals.forms import (
    ApprovalForm,
    ApproverToldForm,
    ConsentForm,
    ParentToldForm,
    ReferralForm,
)
from righthelp.referrals.models import Referral, ReferralStatus
from righthelp.versioned import StaleEdit

STALE = (
    "Someone else saved this referral after you opened the page. Check what is saved, "
    "then save again."
)


def _referral(request: HttpRequest, family_id: UUID, referral_id: UUID) -> tuple[Family, Referral]:
    return family_and_record(
        user_of(request),
        family_id,
        Referral.objects.select_related("created_by__team", "approved_by", "person"),
        referral_id,
        looking_at="referral",
    )


def listing(request: HttpRequest, family_id: UUID) -> HttpResponse:
    family = family_for(user_of(request), family_id, looking_at="referrals")
    referrals = list(Referral.objects.filter(family=family).select_related("person"))
    return render(request, "referrals/list.html", {"family": family, "referrals": referrals})


def new(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="referrals")
    packs = pack_set_for(family.partnership)
    if request.POST.get("action") == "find":
        # Find services without sending: keep everything typed, say nothing is wrong yet.
        form = ReferralForm(
            initial=request.POST.dict(), packs=packs, family=family, find=request.POST["find"]
        )
        return render(
            request, "referrals/new.html", {"family": family, "form": form, "found": True}
        )
    form = ReferralForm(request.POST or None, packs=packs, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_start(family=family, by=user, **form.referral_details())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("referrals:detail", family.pk, referral.pk)
    return render(request, "referrals/new.html", {"family": family, "form": form})


def detail(request: HttpRequest, family_id: UUID, referral_id: UUID) -> HttpResponse:
    family, referral = _referral(request, family_id, referral_id)
    user = user_of(request)
    consent_form = ConsentForm(
        request.POST if request.POST.get("form") == "consent" else None,
        initial={
            "consent_route": referral.consent_route,
            "consent_confirmed_on": referral.consent_confirmed_on,
            "reason_not_sought": referral.reason_not_sought,
            "reason_for_proceeding": referral.reason_for_proceeding,
            "social_care_told_on": referral.social_care_told_on,
            "consultation_outcome": referral.consultation_outcome,
            "undue_delay_reason": referral.undue_delay_reason,
            "version": referral.version,
        },
    )
    told_form = ParentToldForm(request.POST if request.POST.get("form") == "parent_told" else None)
    approvers = services.consent_check(referral).approvers
    approval_form = ApprovalForm(
        request.POST if request.POST.get("form") == "approval" else None,
        approvers=approvers,
        initial={"version": referral.version},
    )
    approver_told_form = ApproverToldForm(
        request.POST if request.POST.get("form") == "approver_told" else None,
        approvers=approvers,
    )
    forms_by_step = {
        "parent_told": told_form,
        "approval": approval_form,
        "approver_told": approver_told_form,
    }
    refusal: list[str] = []
    if request.method == "POST":
        step = request.POST.get("form")
        try:
            if step == "consent" and consent_form.is_valid():
                services.referral_record_consent(
                    referral=referral, by=user, **consent_form.consent_details()
                )
                messages.success(request, "Consent recorded.")
                return redirect("referrals:detail", family.pk, referral.pk)
            if step == "request_approval":
                services.referral_request_approval(referral=referral, by=user)
                messages.success(request, "A manager of your team has been asked to approve it.")
                return redirect("referrals:detail", family.pk, referral.pk)
            if step == "send":
                services.referral_send(referral=referral, by=user)
                messages.success(request, "Request for service sent.")
                return redirect("referrals:detail", family.pk, referral.pk)
            if step == "parent_told" and told_form.is_valid():
                services.referral_record_parent_told(
                    referral=referral, by=user, on=told_form.cleaned_data["parent_told_on"]
                )
                messages.success(request, "Recorded that the parent was told.")
                return redirect("referrals:detail", family.pk, referral.pk)
            if step == "approval" and approval_form.is_valid():
                services.referral_record_approval(
                    referral=referral, by=user, **approval_form.approval_details()
                )
                messages.success(request, "Approval recorded.")
                return redirect("referrals:detail", family.pk, referral.pk)
            if step == "approver_told" and approver_told_form.is_valid():
                services.referral_record_approver_told(
                    referral=referral, by=user, **approver_told_form.told_details()
                )
                messages.success(request, "Recorded who was told afterwards.")
                return redirect("referrals:detail", family.pk, referral.pk)
        except services.ReferralNotSent as refused:
            refusal = refused.missing
        except StaleEdit as stale:
            stale_form = approval_form if step == "approval" else consent_form
            stale_form.add_error(None, STALE)
            stale_form.set_posted_value("version", str(stale.current.version))
        except ValidationError as error:
            forms_by_step.get(step or "", consent_form).add_error(None, error)
    check = services.consent_check(referral)
    return render(
        request,
        "referrals/detail.html",
        {
            "family": family,
            "referral": referral,
            "check": check,
            "consent_form": consent_form,
            "told_form": told_form,
            "approval_form": approval_form,
            "approver_told_form": approver_told_form,
            "refusal": refusal,
            "missing_before": check.labels_before_sending(),
            "missing_after": check.labels_after_sending(),
            "rule": check.rule,
            "approval_needed": check.needs_approval,
            "manager_may_approve": services.manager_may_give_approval(check),
            "approval_may_be_recorded": services.approval_may_be_recorded(check),
            "approvers": either_of(check.approvers) if check.approvers else "",
            "refused_approvers": services.refused_route_approvers(check),
            "parent_told_needed": "parent_told_after_referral" in check.missing_after_sending,
            "approver_told_needed": "approver_told_afterwards" in check.missing_after_sending,
            "approval_credit": services.approval_credit(referral) if referral.approver_role else "",
            "service": pack_set_for(family.partnership).services_by_key.get(referral.service),
            "sent": referral.status == ReferralStatus.SENT,
        },
    )


def approve(request: HttpRequest, family_id: UUID, referral_id: UUID) -> HttpResponse:
    family, referral = _referral(request, family_id, referral_id)
    user = user_of(request)
    if not services.may_approve(referral, user):
        raise PermissionDenied("Only a manager of the referrer's team can approve this.")
    if request.method == "POST":
        try:
            services.referral_approve(referral=referral, by=user)
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            messages.success(request, "Referral approved.")
        return redirect("referrals:detail", family.pk, referral.pk)
    return render(
        request,
        "referrals/approve.html",
        {
            "family": family,
            "referral": referral,
            "approval_needed": services.manager_may_give_approval(services.consent_check(referral)),
        },
    )
