"""Forms for the front door and for the sender's answer."""

from __future__ import annotations

from typing import Any

from django import forms

from righthelp.accounts.models import User
from righthelp.core.packs.schema import FrontDoorResponseRule
from righthelp.families.access import caseworkers_in
from righthelp.partnerships.models import Partnership
from righthelp.ui.forms import GovukForm


class QuestionForm(GovukForm):
    question = forms.CharField(
        label="What more do you need to know from the sender?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the question for the sender"},
    )


class AnswerForm(GovukForm):
    answer = forms.CharField(
        label="Your answer to the front door",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write your answer to the front door's question"},
    )


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="What is the decision?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose one of the partnership's decisions",
            "invalid_choice": "Choose one of the partnership's decisions",
        },
    )
    reason = forms.CharField(
        label="Why? (the sender sees this)",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Give the reason for the decision"},
    )
    lead_practitioner = forms.ModelChoiceField(
        label="Lead practitioner (only when services are to be provided)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Nobody named",
    )

    def __init__(
        self,
        *args: Any,
        rule: FrontDoorResponseRule | None,
        partnership: Partnership,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [  # type: ignore[attr-defined]
            (d.id, d.title) for d in (rule.decisions if rule else ())
        ]
        self.fields["decision"].legend_size = "m"  # type: ignore[attr-defined]
        self.fields["lead_practitioner"].queryset = caseworkers_in(partnership)  # type: ignore[attr-defined]

    def decision_details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "decision": data["decision"],
            "reason": data["reason"],
            "lead_practitioner": data["lead_practitioner"],
        }
