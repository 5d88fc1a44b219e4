"""Forms for the threshold assessment.

The outcome page is built from the pack: one checkbox per indicator, grouped by level,
each revealing who it applies to. What was typed or ticked is always sent back to the
page when something needs correcting.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django import forms
from django.http import QueryDict

from righthelp.core.packs.schema import Indicator, Level, Outcome
from righthelp.families.models import Person
from righthelp.ui.forms import GovukForm, SummaryError

WHOLE_FAMILY = "family"


@dataclass
class PersonChoice:
    value: str
    label: str
    checked: bool


@dataclass
class IndicatorChoice:
    indicator: Indicator
    checked: bool
    people: list[PersonChoice]
    error: str = ""

    @property
    def input_id(self) -> str:
        return f"indicator-{self.indicator.id}"

    @property
    def people_name(self) -> str:
        return f"people-{self.indicator.id}"


@dataclass
class LevelGroup:
    level: Level
    choices: list[IndicatorChoice] = field(default_factory=list)


class OutcomeFindingsForm:
    """The indicators of one outcome, ticked for the people they apply to."""

    def __init__(
        self,
        *,
        outcome: Outcome,
        levels: Sequence[Level],
        members: Sequence[Person],
        data: QueryDict | None = None,
        initial: Mapping[str, set[UUID | None]] | None = None,
    ) -> None:
        self.outcome = outcome
        self.data = data
        self.cleaned: dict[str, set[UUID | None]] = {}
        chosen = (
            self._chosen_from(data)
            if data is not None
            else self._chosen_from_initial(initial or {})
        )
        self.groups = [
            LevelGroup(
                level=level,
                choices=[
                    IndicatorChoice(
                        indicator=indicator,
                        checked=indicator.id in chosen,
                        people=[
                            PersonChoice(
                                str(member.pk),
                                member.full_name,
                                str(member.pk) in chosen.get(indicator.id, set()),
                            )
                            for member in members
                        ]
                        + [
                            PersonChoice(
                                WHOLE_FAMILY,
                                "The whole family",
                                WHOLE_FAMILY in chosen.get(indicator.id, set()),
                            )
                        ],
                    )
                    for indicator in outcome.indicators
                    if indicator.level == level.number
                ],
            )
            for level in levels
        ]
        self.groups = [group for group in self.groups if group.choices]

    @staticmethod
    def _chosen_from(data: QueryDict) -> dict[str, set[str]]:
        return {
            indicator_id: set(data.getlist(f"people-{indicator_id}"))
            for indicator_id in data.getlist("indicators")
        }

    @staticmethod
    def _chosen_from_initial(initial: Mapping[str, set[UUID | None]]) -> dict[str, set[str]]:
        return {
            indicator_id: {str(person) if person else WHOLE_FAMILY for person in people}
            for indicator_id, people in initial.items()
        }

    def choices(self) -> Iterator[IndicatorChoice]:
        for group in self.groups:
            yield from group.choices

    def is_valid(self) -> bool:
        valid_people = {c.value for choice in self.choices() for c in choice.people}
        self.cleaned = {}
        for choice in self.choices():
            if not choice.checked:
                continue
            picked = {c.value for c in choice.people if c.checked} & valid_people
            if not picked:
                choice.error = f"Select who this applies to: {choice.indicator.text}"
                continue
            self.cleaned[choice.indicator.id] = {
                None if value == WHOLE_FAMILY else UUID(value) for value in picked
            }
        known = {choice.indicator.id for choice in self.choices()}
        posted = set(self.data.getlist("indicators")) if self.data is not None else set()
        self.unknown = posted - known
        return not self.unknown and not any(choice.error for choice in self.choices())

    @property
    def has_errors(self) -> bool:
        return any(True for _ in self.summary_errors())

    def summary_errors(self) -> Iterator[SummaryError]:
        if getattr(self, "unknown", None):
            yield SummaryError(
                "The page was out of date: check the indicators again", "main-content"
            )
        for choice in self.choices():
            if choice.error:
                yield SummaryError(choice.error, f"people-{choice.indicator.id}-0")


class VersionForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConversationForm(GovukForm):
    working_well = forms.CharField(
        label="What is working well?", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    worried_about = forms.CharField(
        label="What are we worried about?", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    needs_to_happen = forms.CharField(
        label="What needs to happen?", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    child_wishes = forms.CharField(
        label="The child's wishes and feelings",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In their words where you can. If you could not find out, say why.",
    )
    parents_view = forms.CharField(
        label="The parents' or carers' view",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field_ in self.fields.values():
            field_.label_class = "govuk-label--s"  # type: ignore[attr-defined]


class DecisionForm(GovukForm):
    level = forms.TypedChoiceField(
        label="What level of need do you judge this family to be at?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level of need"},
    )
    override_reason = forms.CharField(
        label="If you chose a different level from the indicators, why?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, levels: Sequence[Level], indicator_level: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [  # type: ignore[attr-defined]
            (
                level.number,
                f"{level.number}. {level.name}"
                + (" (what the indicators give)" if level.number == indicator_level else ""),
            )
            for level in levels
        ]
        self.fields["level"].legend_size = "m"  # type: ignore[attr-defined]


class SignOffForm(GovukForm):
    decision = forms.ChoiceField(
        label="Do you agree with this decision?",
        choices=[
            ("sign_off", "Yes, sign it off"),
            ("different", "Yes, but at a different level"),
            ("return", "No, return it to the practitioner"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree with the decision"},
    )
    level = forms.TypedChoiceField(
        label="The level you agree (if different)", coerce=int, required=False, empty_value=None
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Saved with your decision and shown in the chronology. Required if you agree "
        "at a different level (your reason) or return the assessment.",
    )

    def __init__(self, *args: Any, levels: Sequence[Level] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", "Choose a level")] + [  # type: ignore[attr-defined]
            (level.number, f"{level.number}. {level.name}") for level in levels
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        comment = (data.get("comment") or "").strip()
        if data.get("decision") == "return" and not comment:
            self.add_error("comment", "Say why you are returning the assessment")
        if data.get("decision") == "different":
            if not data.get("level"):
                self.add_error("level", "Choose the level you agree")
            if not comment:
                self.add_error("comment", "Give the reason for agreeing at a different level")
        return data


class WhatWasSeenForm(GovukForm):
    what_was_seen = forms.CharField(
        label="What have you seen or heard?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "In your own words, or pasted from your notes. Right Help suggests indicators that "
            "may describe it; you decide which to tick on each outcome's page."
        ),
        error_messages={"max_length": "What you have seen must be 5,000 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
