from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from righthelp.chronology.models import EntryKind, Significance
from righthelp.core.time_of_day import TimeOfDayError, future_time, parse_time_of_day
from righthelp.families.models import Family, Person
from righthelp.partnerships.models import Agency
from righthelp.ui.forms import DateParts, GovukForm


class EntryForm(GovukForm):
    occurred_on = DateParts(
        label="Date it happened",
        not_future=True,
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date it happened"},
    )
    occurred_at = forms.CharField(
        label="Time it happened (optional)",
        help_text="For example, 7:32pm or 19:32. Left empty, an entry for today takes the "
        "time now and an entry for an earlier day has no time.",
        required=False,
        max_length=20,
    )
    what_happened = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what happened"},
    )
    significance = forms.ChoiceField(
        label="How significant is it?",
        choices=Significance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how significant it is"},
    )
    agency = forms.ModelChoiceField(
        label="Agency (optional)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Not recorded",
    )
    person = forms.ModelChoiceField(
        label="Who it concerns (optional)",
        queryset=Person.objects.none(),
        required=False,
        empty_label="The whole family",
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(partnership=family.partnership)  # type: ignore[attr-defined]
        self.fields["person"].queryset = family.members.all()  # type: ignore[attr-defined]
        self.fields["occurred_at"].widget.attrs.update(
            {"class": "govuk-input--width-5", "autocomplete": "off", "spellcheck": "false"}
        )

    def clean_occurred_at(self) -> dt.time | None:
        typed = self.cleaned_data["occurred_at"].strip()
        if not typed:
            return None
        try:
            return parse_time_of_day(typed)
        except TimeOfDayError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, at = data.get("occurred_on"), data.get("occurred_at")
        if on and future_time(occurred_on=on, at=at, now=timezone.localtime()):
            self.add_error("occurred_at", "The time must be now or earlier today")
        return data


class FilterForm(GovukForm):
    significance = forms.MultipleChoiceField(
        label="Significance",
        choices=Significance.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.MultipleChoiceField(
        label="Type of entry",
        choices=EntryKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    person = forms.ModelChoiceField(
        label="Who it concerns",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Anyone",
    )
    since = DateParts(label="From", required=False)
    until = DateParts(label="To", required=False)

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = family.members.all()  # type: ignore[attr-defined]
        for name in ("significance", "kind"):
            self.fields[name].widget.attrs["small"] = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The 'to' date must be the same as or after the 'from' date")
        return data
