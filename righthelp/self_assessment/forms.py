"""Forms for the self-assessment: opening a round, one area of an agency's answers, the
action plan, and choosing a round to compare with. What was typed is always sent back to
the page when something needs correcting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from righthelp.core.packs.schema import Instrument, Section
from righthelp.core.self_assessment_rules import Answer, evidence_required, question_name
from righthelp.partnerships.models import Agency, Partnership
from righthelp.self_assessment.models import ActionStatus, Round
from righthelp.ui.forms import DateParts, GovukForm


class RoundForm(GovukForm):
    title = forms.CharField(
        label="Name of the round",
        max_length=200,
        help_text="For example, 'Child criminal exploitation self-assessment 2026'",
        error_messages={"required": "Enter a name for the round"},
    )
    opened_on = DateParts(label="Opens on", error_messages={"required": "Enter the day it opens"})
    closes_on = DateParts(
        label="Closes on",
        help_text="The day agencies should have submitted by",
        error_messages={"required": "Enter the day it closes"},
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Which agencies take part?",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the agencies that take part"},
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.filter(partnership=partnership)  # type: ignore[attr-defined]
        self.fields["title"].widget.attrs["class"] += " govuk-!-width-full"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opened, closes = data.get("opened_on"), data.get("closes_on")
        if opened and closes and closes < opened:
            self.add_error("closes_on", "The round must close on or after the day it opens")
        return data


def rating_field(question_id: str) -> str:
    return f"rating-{question_id}"


def evidence_field(question_id: str) -> str:
    return f"evidence-{question_id}"


class AreaForm(GovukForm):
    """One area (section) of the instrument: a rating and the evidence for each question.

    Nothing here is required: an agency saves as it goes and comes back. What must be
    complete before submitting is checked on the check-your-answers page.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, instrument: Instrument, section: Section, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        self.instrument = instrument
        choices = [(option.id, option.label) for option in instrument.scale]
        fields: dict[str, forms.Field] = {}
        for question in section.questions:
            rating = forms.ChoiceField(
                label=f"{question.number} {question.text}",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                help_text="For no or minimal evidence, choose which.",
            )
            rating.legend_size = "s"  # type: ignore[attr-defined]
            fields[rating_field(question.id)] = rating
            fields[evidence_field(question.id)] = forms.CharField(
                label=f"Evidence for {question.number}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="What shows this: needed for good or some evidence.",
            )
        version = self.fields.pop("version")
        self.fields.update(fields)
        self.fields["version"] = version
        for name, field in fields.items():
            if isinstance(field.widget, forms.RadioSelect):
                field.template_name = "govuk/fieldset_field.html"  # type: ignore[attr-defined]
                field.widget.template_name = "govuk/widgets/radios.html"
            else:
                field.template_name = "govuk/field.html"  # type: ignore[attr-defined]
                field.widget.attrs["class"] = "govuk-textarea"
            del name

    def question_fields(self) -> list[tuple[Any, Any]]:
        return [
            (self[rating_field(q.id)], self[evidence_field(q.id)]) for q in self.section.questions
        ]

    def answers(self) -> dict[str, Answer]:
        return {
            q.id: Answer(
                self.cleaned_data.get(rating_field(q.id)) or "",
                self.cleaned_data.get(evidence_field(q.id)) or "",
            )
            for q in self.section.questions
        }

    @staticmethod
    def initial_for(answers: dict[str, Answer], version: int) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": version}
        for question_id, answer in answers.items():
            initial[rating_field(question_id)] = answer.rating
            initial[evidence_field(question_id)] = answer.evidence
        return initial

    def evidence_needed(self) -> list[str]:
        return [
            q.id
            for q in self.section.questions
            if evidence_required(self.instrument, self.answers()[q.id].rating)
        ]


class SubmitForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionForm(GovukForm):
    text = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the action"},
    )
    owner = forms.ModelChoiceField(
        label="Owner agency",
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": "Select the agency that owns the action"},
    )
    due_on = DateParts(
        label="Due date",
        help_text="For example, 30 9 2026",
        error_messages={"required": "Enter the due date"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        initial=ActionStatus.NOT_STARTED,
        error_messages={"required": "Select the status"},
    )
    questions = forms.MultipleChoiceField(
        label="Which questions does it answer?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The gaps the action is meant to close.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, partnership: Partnership, instrument: Instrument, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Agency.objects.filter(partnership=partnership)  # type: ignore[attr-defined]
        self.fields["questions"].choices = [  # type: ignore[attr-defined]
            (q.id, question_name(q, words=14))
            for section in instrument.sections
            for q in section.questions
        ]
        self.fields["questions"].widget.attrs["small"] = True


class CompareForm(forms.Form):
    earlier = forms.ModelChoiceField(
        label="Compare with", queryset=Round.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, rounds: Sequence[Round], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["earlier"]
        field.queryset = Round.objects.filter(pk__in=[r.pk for r in rounds])  # type: ignore[attr-defined]
        field.widget.attrs["class"] = "govuk-select"
