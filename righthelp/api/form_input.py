"""The API checks what it is sent with the web pages' own forms, so a rule on a field (a
real postcode, an NHS number's check digit) is written once and gives the same message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from ninja.errors import HttpError


class InvalidInput(HttpError):
    """Answered as 422 with each field's messages."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        super().__init__(422, "Some of what was sent is not right: see errors.")
        self.errors = dict(errors)


def as_form_data(payload: Mapping[str, Any], date_fields: tuple[str, ...] = ()) -> dict[str, Any]:
    """JSON values as a browser would post them: dates as day, month and year parts."""
    data: dict[str, Any] = {}
    for name, value in payload.items():
        if name in date_fields:
            if isinstance(value, dt.date):
                data |= {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}
        elif value is not None:
            data[name] = value
    return data


def checked(form: forms.Form) -> dict[str, Any]:
    """The form's cleaned data, or a 422 with its messages by field."""
    if not form.is_valid():
        raise InvalidInput(
            {field: [str(m) for m in messages] for field, messages in form.errors.items()}
        )
    return form.cleaned_data
