from __future__ import annotations

from typing import Any

from django import forms

from righthelp.families.models import Family
from righthelp.partnerships.models import Agency
from righthelp.ui.forms import DateParts, GovukForm


class RaiseForm(GovukForm):
    agencies = forms.ModelMultipleChoiceField(
        label="Which agencies disagree?",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the agencies that disagree: at least two"},
    )
    about = forms.CharField(
        label="What is the disagreement about?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the disagreement is about"},
    )
    raised_on = DateParts(
        label="Date raised", not_future=True, error_messages={"required": "Enter the date raised"}
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.filter(partnership=family.partnership)  # type: ignore[attr-defined]


class EscalateForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = DateParts(
        label="Date escalated",
        not_future=True,
        error_messages={"required": "Enter the date escalated"},
    )
    escalated_to = forms.CharField(
        label="Escalated to",
        max_length=300,
        help_text="Who took it up: their role and agency",
        error_messages={"required": "Enter who it was escalated to"},
    )
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResolveForm(GovukForm):
    on = DateParts(
        label="Date resolved",
        not_future=True,
        error_messages={"required": "Enter the date resolved"},
    )
    outcome = forms.CharField(
        label="Outcome",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the outcome"},
    )
