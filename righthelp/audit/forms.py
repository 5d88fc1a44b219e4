from __future__ import annotations

from typing import Any

from django import forms

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.partnerships.models import Partnership
from righthelp.ui.forms import DateParts, GovukForm


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.username})"


class AuditSearchForm(GovukForm):
    """Filters in the address are ids, actions and dates only: never a name."""

    actor = PersonChoice(
        label="Who", queryset=User.objects.none(), required=False, empty_label="Anyone"
    )
    action = forms.ChoiceField(
        label="What they did", choices=[("", "Anything"), *Action.choices], required=False
    )
    since = DateParts(label="From", required=False, help_text="For example, 1 11 2026")
    until = DateParts(label="To", required=False)

    def __init__(self, *args: Any, partnership: Partnership | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = User.objects.order_by("username")
        if partnership is not None:
            people = people.filter(team__agency__partnership=partnership)
        self.fields["actor"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date must be on or after the start date")
        return data
