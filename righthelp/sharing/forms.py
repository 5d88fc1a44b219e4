from __future__ import annotations

from typing import Any

from django import forms

from righthelp.core.information_sharing import LawfulBasis, sharing_problems
from righthelp.families.models import Family, Person
from righthelp.sharing.models import BASIS_CHOICES
from righthelp.ui.forms import DateParts, GovukForm


class ShareForm(GovukForm):
    what = forms.CharField(
        label="What was shared?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was shared"},
    )
    shared_with = forms.CharField(
        label="Who was it shared with?",
        max_length=300,
        help_text="The person, their role and organisation",
        error_messages={"required": "Enter who it was shared with"},
    )
    shared_on = DateParts(
        label="Date shared", not_future=True, error_messages={"required": "Enter the date shared"}
    )
    person = forms.ModelChoiceField(
        label="Who was it about?",
        queryset=Person.objects.none(),
        required=False,
        empty_label="The whole family",
    )
    with_consent = forms.TypedChoiceField(
        label="Was it shared with consent?",
        choices=[("yes", "Yes"), ("no", "No, without consent")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it was shared with consent"},
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis for sharing",
        choices=BASIS_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the lawful basis for sharing"},
    )
    reason = forms.CharField(
        label="Why was it shared?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when it was shared without consent.",
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = family.members.all()  # type: ignore[attr-defined]

    def share_details(self) -> dict[str, Any]:
        """What ``services.share_record`` takes, from the cleaned data."""
        data = self.cleaned_data
        return {
            "what": data["what"],
            "shared_with": data["shared_with"],
            "shared_on": data["shared_on"],
            "lawful_basis": LawfulBasis(data["lawful_basis"]),
            "with_consent": data["with_consent"],
            "reason": data["reason"],
            "person": data["person"],
        }

    def clean(self) -> dict[str, Any]:
        """The partnership's rule, asked here too, so every problem shows at once."""
        data = super().clean() or {}
        if "with_consent" in data:
            basis = data.get("lawful_basis")
            for problem in sharing_problems(
                with_consent=data["with_consent"],
                lawful_basis=LawfulBasis(basis) if basis else None,
                reason=data.get("reason", ""),
            ):
                if problem.field not in self.errors:
                    self.add_error(problem.field, problem.message)
        return data
