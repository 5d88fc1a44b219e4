"""Forms for families and people. Validation messages follow the GOV.UK style: say what is
wrong and how to put it right."""

from __future__ import annotations

from typing import Any

from django import forms
from localflavor.gb.forms import GBPostcodeField
from stdnum.gb import nhs

from righthelp.accounts.models import User
from righthelp.families.access import caseworkers_in
from righthelp.families.models import Gender, MemberKind, Person, RelationshipKind
from righthelp.partnerships.models import Agency, Partnership
from righthelp.ui.forms import DateParts, GovukForm


class CaseworkerField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A practitioner or manager, shown with their team so namesakes can be told apart."""

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name}, {obj.team}"


class FamilyForm(GovukForm):
    name = forms.CharField(
        label="Family name",
        max_length=200,
        help_text="How the family is known, for example 'Smith household'",
        error_messages={"required": "Enter the family name"},
    )
    address_line_1 = forms.CharField(label="Address line 1", max_length=200, required=False)
    address_line_2 = forms.CharField(
        label="Address line 2 (optional)", max_length=200, required=False
    )
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = GBPostcodeField(
        label="Postcode",
        required=False,
        error_messages={"invalid": "Enter a real postcode, like ST4 1HH"},
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies involved",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead_practitioner = CaseworkerField(
        label="Lead practitioner",
        queryset=User.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the lead practitioner"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.filter(partnership=partnership)  # type: ignore[attr-defined]
        self.fields["lead_practitioner"].queryset = caseworkers_in(partnership)  # type: ignore[attr-defined]
        self.fields["address_line_1"].widget.attrs["autocomplete"] = "off"
        widget = self.fields["postcode"].widget
        widget.attrs["class"] = f"{widget.attrs.get('class', 'govuk-input')} govuk-input--width-10"

    def family_details(self) -> dict[str, Any]:
        """What ``services.family_create`` takes, from the cleaned data."""
        data = self.cleaned_data
        address = ("address_line_1", "address_line_2", "town", "postcode")
        return {
            "name": data["name"],
            "lead_practitioner": data["lead_practitioner"],
            "agencies": data["agencies"],
            **{key: data[key] or "" for key in address},
        }


class NhsNumberField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return "".join(ch for ch in (super().to_python(value) or "") if not ch.isspace())

    def validate(self, value: str) -> None:
        super().validate(value)
        if not value:
            return
        if not value.isdigit() or len(value) != 10:
            raise forms.ValidationError("NHS number must be 10 numbers, like 943 476 5919")
        if not nhs.is_valid(value):
            raise forms.ValidationError(
                "Enter a real NHS number: the last number does not match the others"
            )


class PersonForm(GovukForm):
    kind = forms.ChoiceField(
        label="Is this person a child or an adult?",
        choices=MemberKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this person is a child or an adult"},
    )
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the last name"}
    )
    date_of_birth = DateParts(
        label="Date of birth",
        required=False,
        not_future=True,
        help_text="For example, 27 3 2015. Leave blank if not known.",
    )
    gender = forms.ChoiceField(
        label="Gender", choices=Gender.choices, widget=forms.RadioSelect, initial=Gender.NOT_KNOWN
    )
    school_or_setting = forms.CharField(
        label="School or setting (optional)", max_length=200, required=False
    )
    nhs_number = NhsNumberField(
        label="NHS number (optional)",
        required=False,
        max_length=14,
        help_text="10 numbers, for example 943 476 5919",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nhs_number"].widget.attrs.update(
            {
                "class": "govuk-input govuk-input--width-10",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        )
        for name in ("given_name", "family_name"):
            self.fields[name].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})


class RelationshipForm(GovukForm):
    person = forms.ModelChoiceField(
        label="Person",
        queryset=Person.objects.none(),
        empty_label=None,
    )
    kind = forms.ChoiceField(label="is the", choices=RelationshipKind.choices)
    relative = forms.ModelChoiceField(
        label="of",
        queryset=Person.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("person", "relative"):
            self.fields[name].queryset = members  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person") and data.get("person") == data.get("relative"):
            self.add_error(
                "relative", "Choose a different person: someone cannot be related to themselves"
            )
        return data


class SearchForm(GovukForm):
    query = forms.CharField(
        label="Search for a family",
        help_text="Name, date of birth (for example 27/3/2015), postcode or NHS number",
        max_length=100,
        error_messages={"required": "Enter a name, date of birth, postcode or NHS number"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["query"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})


class EmergencyAccessForm(GovukForm):
    reason = forms.CharField(
        label="Why do you need to see this family's records now?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your reason, your name and the time are recorded and shown to managers.",
        error_messages={"required": "Enter why you need to see this family's records now"},
    )


class WorkerForm(GovukForm):
    user = CaseworkerField(
        label="Practitioner",
        queryset=User.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose a practitioner"},
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = caseworkers_in(partnership)  # type: ignore[attr-defined]


class FamiliesListForm(GovukForm):
    """How *Your families* is sorted and filtered, from the page's address (no names in it)."""

    sort = forms.ChoiceField(label="Sort by", required=False)
    level = forms.TypedChoiceField(
        label="Level of need", required=False, coerce=int, empty_value=None
    )
    mine = forms.BooleanField(label="Only families I lead", required=False)

    def __init__(self, *args: Any, levels: Any, **kwargs: Any) -> None:
        from righthelp.families.selectors import HOME_SORTS

        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = [(key, label) for key, (label, _) in HOME_SORTS.items()]  # type: ignore[attr-defined]
        self.fields["level"].choices = [("", "Any level")] + [  # type: ignore[attr-defined]
            (str(number), f"{number}. {level.name}") for number, level in sorted(levels.items())
        ]
