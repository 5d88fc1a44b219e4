"""Search forms of the public pages: GET only, nothing saved, no CSRF token needed."""

from __future__ import annotations

from typing import Any

from django import forms

from righthelp.core.directory import InvalidAgeError, parse_age
from righthelp.core.pack_set import PackSet


class DirectoryForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, strip=True)
    outcome = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose an outcome from the list"},
    )
    criterion = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose a criterion from the list"}
    )
    age = forms.CharField(required=False, max_length=10)

    def __init__(self, *args: Any, pack_set: PackSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        thresholds = pack_set.thresholds
        outcomes = thresholds.outcomes if thresholds else ()
        self.fields["outcome"].choices = [("", "Any outcome")] + [  # type: ignore[attr-defined]
            (str(o.number), f"{o.number}. {o.title}") for o in outcomes
        ]
        self.fields["criterion"].choices = [("", "Any criterion")] + [  # type: ignore[attr-defined]
            (c.criterion.id, f"{c.criterion.id} {c.criterion.criterion.need}")
            for c in pack_set.criteria
        ]

    def clean_age(self) -> int | None:
        try:
            return parse_age(self.cleaned_data.get("age"))
        except InvalidAgeError as error:
            raise forms.ValidationError(str(error)) from None


class CompareVersionsForm(forms.Form):
    old = forms.ChoiceField(
        label="From version",
        required=False,
        error_messages={"invalid_choice": "Choose a version from the list"},
    )
    new = forms.ChoiceField(
        label="To version",
        required=False,
        error_messages={"invalid_choice": "Choose a version from the list"},
    )

    def __init__(self, *args: Any, versions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("old", "new"):
            self.fields[name].choices = [(v, v) for v in versions]  # type: ignore[attr-defined]
        self.default_old, self.default_new = versions[-2], versions[-1]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["old"] = data.get("old") or self.default_old
        data["new"] = data.get("new") or self.default_new
        if data["old"] == data["new"] and not self.errors:
            raise forms.ValidationError("Choose two different versions to compare")
        return data


class SuggestForm(forms.Form):
    """What the person is seeing, in their words: posted, used for one answer, never kept."""

    text = forms.CharField(
        max_length=5000,
        strip=True,
        error_messages={
            "required": "Enter what you are seeing",
            "max_length": "What you are seeing must be 5,000 characters or fewer",
        },
    )
