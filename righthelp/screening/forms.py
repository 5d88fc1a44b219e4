"""Forms for screenings, safety plans and intelligence. Messages follow the GOV.UK style:
say what is wrong and how to put it right. What was typed always comes back to the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import validators

from righthelp.core.exploitation_followup import higher_score_is_safer
from righthelp.core.packs.schema import Instrument, SafetyPlan, SafetyPlanSection
from righthelp.families.models import Person
from righthelp.screening.models import SourceKnows
from righthelp.ui.forms import DateParts, GovukForm

COUNTS = (
    ("vulnerabilities", "vulnerabilities"),
    ("risk_indicators", "risk indicators"),
    ("significant_risk_indicators", "significant risk indicators"),
)
MAX_COUNT = 99


def _numeric(width: int) -> forms.TextInput:
    return forms.TextInput(
        attrs={
            "inputmode": "numeric",
            "spellcheck": "false",
            "class": f"govuk-input--width-{width}",
        }
    )


def _count_field(words: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=f"Number of {words} seen",
        min_value=0,
        max_value=MAX_COUNT,
        widget=_numeric(3),
        error_messages={
            "required": f"Enter the number of {words} seen, or 0 if there were none",
            "invalid": f"The number of {words} must be a whole number, like 2",
            "min_value": f"The number of {words} cannot be less than 0",
            "max_value": f"The number of {words} must be {MAX_COUNT} or fewer",
        },
    )


class ScreeningDetailsForm(GovukForm):
    """Who, when, the tool's score and what was seen: the first page of a new screening."""

    person = forms.ChoiceField(
        label="Who is the screening about?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the young person the screening is about",
            "invalid_choice": "Select a child or young person in this family",
        },
    )
    screened_on = DateParts(
        label="Date of the screening",
        not_future=True,
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date of the screening"},
    )
    score = forms.IntegerField(widget=_numeric(3))
    vulnerabilities = _count_field("vulnerabilities")
    risk_indicators = _count_field("risk indicators")
    significant_risk_indicators = _count_field("significant risk indicators")

    def __init__(
        self,
        *args: Any,
        children: Sequence[Person],
        instrument: Instrument,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(child.pk): child for child in children}
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            (key, child.full_name) for key, child in self.children.items()
        ]
        self.fields["person"].legend_size = "m"  # type: ignore[attr-defined]
        score = instrument.score
        low, high = (score.min, score.max) if score else (0, 0)
        safer = "higher" if higher_score_is_safer(instrument) else "lower"
        field = self.fields["score"]
        field.label = score.label if score else "Score"
        field.label_class = "govuk-label--s"  # type: ignore[attr-defined]
        field.help_text = (
            f"A whole number from {low} to {high}, from the tool you completed. "
            f"In this tool a {safer} score means less risk."
        )
        field.validators = [
            validators.MinValueValidator(low),
            validators.MaxValueValidator(high),
        ]
        field.error_messages = {
            "required": f"Enter the score, from {low} to {high}",
            "invalid": f"The score must be a whole number from {low} to {high}, like 7",
            "min_value": f"The score must be from {low} to {high}",
            "max_value": f"The score must be from {low} to {high}",
        }

    def clean_person(self) -> Person:
        return self.children[self.cleaned_data["person"]]

    def hidden_values(self) -> list[tuple[str, str]]:
        """The cleaned answers as the fields post them, to carry to the next page."""
        data = self.cleaned_data
        on: dt.date = data["screened_on"]
        return [
            ("person", str(data["person"].pk)),
            ("screened_on_0", str(on.day)),
            ("screened_on_1", str(on.month)),
            ("screened_on_2", str(on.year)),
            ("score", str(data["score"])),
            *[(name, str(data[name])) for name, _ in COUNTS],
        ]


class DecisionForm(GovukForm):
    decision = forms.CharField(
        label="Your decision and the reasons for it",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your decision and the reasons for it"},
    )

    def __init__(self, *args: Any, reminder: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].label_class = "govuk-label--m"  # type: ignore[attr-defined]
        self.fields["decision"].help_text = "What you decided to do next, and why." + (
            f" {reminder}" if reminder else ""
        )


class ScreenAgainForm(GovukForm):
    """The practitioner's date to screen again; another date than the partnership's setting
    needs a reason (the rule is ``core.worklist.screen_again_problems``, via the service)."""

    screen_again_by = DateParts(
        label="Screen again by",
        help_text="For example, 12 1 2027",
        error_messages={"required": "Enter the date to screen again by"},
    )
    screen_again_reason = forms.CharField(
        label="Why this date?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the date differs from the partnership's setting.",
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )


# --- safety plan -------------------------------------------------------------------------


@dataclass
class PlanField:
    section: SafetyPlanSection
    field: forms.BoundField
    safe_adult: forms.BoundField | None


def section_field_name(section_id: str) -> str:
    return f"section-{section_id}"


class SafetyPlanForm(GovukForm):
    """One text area per section of the pack's plan, with its prompt; the safe adult in a
    field of its own within the section that asks about one."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: SafetyPlan, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)
        for section in plan.sections:
            field = forms.CharField(
                label=section.title,
                help_text=section.prompt[:1].upper() + section.prompt[1:],
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[section_field_name(section.id)] = field
            if section.asks_about_safe_adult:
                self.fields["safe_adult"] = forms.CharField(
                    label="Safe adult the young person can talk to",
                    help_text=(
                        "Who they are to the young person. Leave blank if there is no one yet."
                    ),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
        self._govuk_fields()

    def _govuk_fields(self) -> None:
        for name, field in self.fields.items():
            if name == "version":
                continue
            field.template_name = "govuk/field.html"  # type: ignore[attr-defined]
            field.widget.attrs["class"] = "govuk-textarea"
            field.label_class = (  # type: ignore[attr-defined]
                "govuk-label--s" if name == "safe_adult" else "govuk-label--m"
            )

    def plan_fields(self) -> Iterator[PlanField]:
        for section in self.plan.sections:
            yield PlanField(
                section=section,
                field=self[section_field_name(section.id)],
                safe_adult=self["safe_adult"] if section.asks_about_safe_adult else None,
            )

    def section_texts(self) -> dict[str, str]:
        return {
            section.id: self.cleaned_data.get(section_field_name(section.id)) or ""
            for section in self.plan.sections
        }


# --- intelligence ------------------------------------------------------------------------


class IntelligenceForm(GovukForm):
    victims = forms.CharField(
        label="Victims",
        required=False,
        help_text="Children or young people at risk: names, ages, descriptions, where they "
        "live, go to school or spend time.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    perpetrators = forms.CharField(
        label="Perpetrators",
        required=False,
        help_text="People who may be exploiting them: names or nicknames, descriptions, "
        "vehicles and registration numbers, phone numbers, social media.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    locations = forms.CharField(
        label="Locations",
        required=False,
        help_text="Addresses, places and venues, and when they are used.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    what_happened = forms.CharField(
        label="What was seen or what happened",
        help_text="Dates and times, vehicles, phone numbers and descriptions.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what was seen or what happened"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "version":
                field.label_class = "govuk-label--m"  # type: ignore[attr-defined]


class SourceForm(GovukForm):
    who = forms.CharField(
        label="Who gave the information",
        help_text="Their name and how they know the young person, or that you saw it yourself.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter who gave the information"},
    )
    how = forms.CharField(
        label="How the information was given or found out",
        help_text="For example, told to you in person, seen by you, a message shown to you.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter how the information was given or found out"},
    )
    knows_shared = forms.ChoiceField(
        label="Do they know it is being shared with the police?",
        choices=SourceKnows.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether they know the information is being shared with the police"
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("who", "how"):
            self.fields[name].label_class = "govuk-label--s"  # type: ignore[attr-defined]


class SentForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    sent_on = DateParts(
        label="Date you sent it",
        not_future=True,
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date you sent it"},
    )
