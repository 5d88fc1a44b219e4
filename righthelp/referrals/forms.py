"""Forms for requests for service."""

from __future__ import annotations

from typing import Any

from django import forms

from righthelp.core.directory import DirectoryQuery, search_directory
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.schema import Approver, ConsentRoute, ReferralRoute
from righthelp.core.referral_rules import APPROVER_ROLE_NAMES
from righthelp.families.models import Family, Person
from righthelp.referrals.models import CONSENT_CHOICES, ROUTE_CHOICES
from righthelp.ui.forms import DateParts, GovukForm


def service_choices(packs: PackSet, find: str = "") -> list[tuple[str, Any]]:
    """The directory as a select: A to Z; with words to find, the services the directory
    search finds for them first (in its order), as their own group."""
    everything = [
        (entry.key, entry.service.name)
        for entry in sorted(packs.services, key=lambda e: e.service.name.casefold())
    ]
    choices: list[tuple[str, Any]] = [("", "Choose a service")]
    if find.strip():
        found = search_directory(packs, DirectoryQuery(text=find))
        matching = [(entry.key, entry.service.name) for entry in found.entries]
        label = f"Found for “{find.strip()}” ({len(matching)})"
        if matching:
            choices.append((label, matching))
        choices.append(("All services, A to Z", everything))
        return choices
    return choices + everything


class ReferralForm(GovukForm):
    route = forms.ChoiceField(
        label="Where is the request for service going?",
        choices=ROUTE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the request is going"},
    )
    find = forms.CharField(
        label="Find a service by what the family needs",
        help_text="Words, a service's name or an abbreviation, like DV, CSE or CAMHS",
        required=False,
        max_length=200,
    )
    service = forms.ChoiceField(
        label="Which service? (if it is a service in the directory)", required=False
    )
    person = forms.ModelChoiceField(
        label="Who is it about?",
        queryset=Person.objects.none(),
        required=False,
        empty_label="The whole family",
    )
    what_is_needed = forms.CharField(
        label="What help is needed, and why?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what help is needed and why"},
    )

    def __init__(
        self, *args: Any, packs: PackSet, family: Family, find: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["route"].legend_size = "m"  # type: ignore[attr-defined]
        self.fields["service"].choices = service_choices(packs, find)  # type: ignore[attr-defined]
        self.fields["person"].queryset = family.members.all()  # type: ignore[attr-defined]

    def referral_details(self) -> dict[str, Any]:
        """What ``services.referral_start`` takes, from the cleaned data."""
        data = self.cleaned_data
        return {
            "route": ReferralRoute(data["route"]),
            "what_is_needed": data["what_is_needed"],
            "person": data["person"],
            "service": data["service"],
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("route") == ReferralRoute.DIRECTORY_SERVICE.value and not data.get("service"):
            self.add_error("service", "Choose the service from the directory")
        return data


class ConsentForm(GovukForm):
    consent_route = forms.ChoiceField(
        label="Did the parent or carer agree to the referral?",
        choices=CONSENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the parent or carer agreed to the referral"},
    )
    consent_confirmed_on = DateParts(label="Date they agreed", required=False, not_future=True)
    reason_not_sought = forms.CharField(
        label="Why was consent not sought?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason_for_proceeding = forms.CharField(
        label="Why is the referral going ahead without their agreement?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    social_care_told_on = DateParts(
        label="Date Children's Social Care was told the parent withheld permission",
        required=False,
        not_future=True,
    )
    consultation_outcome = forms.CharField(
        label="The outcome of the consultation and any further advice",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    undue_delay_reason = forms.CharField(
        label="If seeking approval first would cause undue delay, say why",
        help_text="Only where waiting for approval would cause undue delay. You then tell "
        "the approver afterwards.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def consent_details(self) -> dict[str, Any]:
        """What ``services.referral_record_consent`` takes, from the cleaned data."""
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "consent_route": ConsentRoute(data["consent_route"]),
            "consent_confirmed_on": data["consent_confirmed_on"],
            "reason_not_sought": data["reason_not_sought"],
            "reason_for_proceeding": data["reason_for_proceeding"],
            "social_care_told_on": data["social_care_told_on"],
            "consultation_outcome": data["consultation_outcome"],
            "undue_delay_reason": data["undue_delay_reason"],
        }


class ParentToldForm(GovukForm):
    parent_told_on = DateParts(
        label="Date the parent was told a referral has been made",
        not_future=True,
        error_messages={"required": "Enter the date the parent was told"},
    )


def _approver_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Their role",
        choices=[(a.value, APPROVER_ROLE_NAMES[a]) for a in Approver],
        widget=forms.RadioSelect,
        error_messages={"required": "Select their role"},
    )


def _only(form: forms.Form, approvers: tuple[Approver, ...]) -> None:
    """Offer only the route's approvers."""
    if approvers:
        form.fields["approver_role"].choices = [  # type: ignore[attr-defined]
            (a.value, APPROVER_ROLE_NAMES[a]) for a in approvers
        ]
    form.fields["approver_role"].legend_size = "s"  # type: ignore[attr-defined]


class ApprovalForm(GovukForm):
    """An approval given by one of the route's approvers, recorded by the practitioner."""

    approver_role = _approver_field()
    approver_name = forms.CharField(
        label="Name of the person who approved it",
        max_length=200,
        error_messages={"required": "Enter the name of the person who approved it"},
    )
    consultation_outcome = forms.CharField(
        label="The outcome of the consultation and any further advice",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the outcome of the consultation and any further advice"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, approvers: tuple[Approver, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _only(self, approvers)

    def approval_details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "approver_role": Approver(data["approver_role"]),
            "approver_name": data["approver_name"],
            "consultation_outcome": data["consultation_outcome"],
        }


class ApproverToldForm(GovukForm):
    """After a referral sent on the undue-delay route: who was told, and when."""

    approver_role = _approver_field()
    approver_name = forms.CharField(
        label="Name of the person told",
        max_length=200,
        error_messages={"required": "Enter the name of the person who was told"},
    )
    approver_told_on = DateParts(
        label="Date they were told",
        not_future=True,
        error_messages={"required": "Enter the date they were told"},
    )
    consultation_outcome = forms.CharField(
        label="The outcome of the consultation and any further advice",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the outcome of the consultation and any further advice"},
    )

    def __init__(self, *args: Any, approvers: tuple[Approver, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _only(self, approvers)

    def told_details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "on": data["approver_told_on"],
            "approver_role": Approver(data["approver_role"]),
            "approver_name": data["approver_name"],
            "consultation_outcome": data["consultation_outcome"],
        }
