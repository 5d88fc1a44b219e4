from __future__ import annotations

from typing import Any

from django import forms

from righthelp.families.models import Family, Person
from righthelp.subject_access.models import Requester
from righthelp.ui.forms import DateParts, GovukForm


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class RequestForm(GovukForm):
    person = PersonChoice(
        label="Whose records are asked for?",
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select whose records are asked for"},
    )
    requester = forms.ChoiceField(
        label="Who made the request?",
        choices=Requester.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who made the request"},
    )
    received_on = DateParts(
        label="Date the request was received",
        not_future=True,
        help_text="For example, 27 3 2026. The answer is due one month from this date.",
        error_messages={"required": "Enter the date the request was received"},
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = family.members.all()  # type: ignore[attr-defined]


class WithholdingForm(GovukForm):
    """The manager's decision on one item never disclosed to the family."""

    decision = forms.ChoiceField(
        label="Is it withheld from the record?",
        choices=[
            ("withhold", "Withhold it: an exemption applies"),
            ("include", "Include it in the record"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is withheld"},
    )
    reason = forms.CharField(
        label="Your reason",
        help_text="For example, the exemption that applies, as your data protection officer "
        "advises.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give the reason for your decision"},
    )
