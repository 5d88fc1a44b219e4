"""Django forms that render as GOV.UK Design System components.

``GovukForm`` gives each field the GOV.UK template and classes, marks fields in error
(class and aria-describedby), and lists errors for the error summary in field order.
``DateParts`` is the GOV.UK date input: day, month and year boxes with the Design
System's error messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone

FIELDSET_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@dataclass(frozen=True)
class SummaryError:
    message: str
    anchor: str
    """An element id on this page, or the address of the page where it is put right."""

    @property
    def href(self) -> str:
        return self.anchor if "/" in self.anchor else f"#{self.anchor}"


class DateWidget(forms.MultiWidget):
    template_name = "govuk/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        parts = [
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                }
            ),
        ]
        super().__init__(parts, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return [str(v or "").strip() for v in super().value_from_datadict(data, files, name)]


class DateParts(forms.Field):
    """A date typed as day, month and year, with GOV.UK's messages for what is wrong."""

    widget = DateWidget

    def __init__(self, *, past: bool = False, not_future: bool = False, **kwargs: Any) -> None:
        self.past = past
        self.not_future = not_future
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        label = str(self.label or "Date")
        if isinstance(value, dt.date):
            return value
        day, month, year = [*list(value), "", "", ""][:3] if value else ("", "", "")
        if not (day or month or year):
            return None
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and a '.join(missing)}")
        if not all(part.isascii() and part.isdigit() for part in (day, month, year)):
            raise forms.ValidationError(f"{label} must be a real date, written in numbers")
        if len(year) != 4:
            raise forms.ValidationError("The year must include 4 numbers, for example 2015")
        try:
            return dt.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # 31 February, or a day of 99999999999999999999
            raise forms.ValidationError(f"{label} must be a real date") from None

    def validate(self, value: dt.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        label = str(self.label or "Date")
        if self.past and value >= today:
            raise forms.ValidationError(f"{label} must be in the past")
        if self.not_future and value > today:
            raise forms.ValidationError(f"{label} must be today or in the past")


def _refuse_keys_out_of_range(field: forms.ModelChoiceField) -> None:  # type: ignore[type-arg]
    """A choice posted as a number too big for the database is not one of the choices: say
    so, as for any other wrong choice, rather than let the database query fail."""
    original = field.clean

    def clean(value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            text = str(item or "").strip()
            if text.isascii() and text.lstrip("-").isdigit() and len(text) > 18:
                raise forms.ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:20]},
                )
        return original(value)

    field.clean = clean  # type: ignore[method-assign]


class GovukFormMixin(forms.BaseForm):
    """Renders a form the GOV.UK way; see ``GovukForm`` and ``GovukModelForm``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            # CheckboxSelectMultiple is a subclass of RadioSelect: test it first.
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.template_name = "govuk/widgets/checkboxes.html"
            elif isinstance(widget, forms.RadioSelect):
                widget.template_name = "govuk/widgets/radios.html"
            if isinstance(widget, FIELDSET_WIDGETS) or isinstance(field, DateParts):
                field.template_name = "govuk/fieldset_field.html"  # type: ignore[attr-defined]
            else:
                field.template_name = "govuk/field.html"  # type: ignore[attr-defined]
            css = _widget_class(widget)
            if css:
                widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
            if isinstance(field, forms.ModelChoiceField):
                _refuse_keys_out_of_range(field)

    def __getitem__(self, name: str) -> forms.BoundField:
        # Described when rendered, so a hint a subclass sets after __init__ counts too.
        bound = super().__getitem__(name)
        errors = getattr(self, "_errors", None)
        self._describe(name, error=bool(errors and name in errors))
        return bound

    def _field_id(self, name: str) -> str:
        auto_id = self.auto_id
        if auto_id and "%s" in str(auto_id):
            return str(auto_id) % self.add_prefix(name)
        return f"id_{self.add_prefix(name)}"

    def _describe(self, name: str, *, error: bool) -> None:
        """Point the input at its hint (``<id>-hint``, as the GOV.UK templates name it, not
        Django's ``<id>_helptext``) and its error message, so screen readers read both.
        Radios and checkboxes are described on their fieldset instead."""
        field = self.fields[name]
        widget = field.widget
        field_id = self._field_id(name)
        ids = []
        if field.help_text and not isinstance(widget, FIELDSET_WIDGETS):
            ids.append(f"{field_id}-hint")
        if error:
            ids.append(f"{field_id}-error")
        if ids:
            widget.attrs["aria-describedby"] = " ".join(ids)
        else:
            widget.attrs.pop("aria-describedby", None)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            field = self.fields[name]
            widget = field.widget
            self._describe(name, error=True)
            if isinstance(widget, DateWidget):
                for part in widget.widgets:
                    part.attrs["class"] += " govuk-input--error"
            elif not isinstance(widget, FIELDSET_WIDGETS):
                error_class = _error_class(widget)
                if error_class:
                    widget.attrs["class"] += f" {error_class}"

    def add_error_elsewhere(self, message: str, href: str) -> None:
        """An error put right on another page (e.g. check-your-answers pointing back)."""
        self.add_error(None, message)
        links: dict[str, str] = self.__dict__.setdefault("_error_links", {})
        links[message] = href

    def set_posted_value(self, name: str, value: str) -> None:
        """Change one posted value when re-showing the form (e.g. the version after a
        stale edit), keeping everything else the practitioner typed."""
        data = self.data.copy()  # type: ignore[attr-defined]
        data[name] = value
        self.data = data

    def summary_errors(self) -> Iterator[SummaryError]:
        """Every error in field order, with the id of the input to jump to."""
        links: dict[str, str] = self.__dict__.get("_error_links", {})
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS or name not in self.fields:
                for message in errors:
                    yield SummaryError(str(message), links.get(str(message), "main-content"))
                continue
            anchor = self[name].auto_id or ""
            field = self.fields[name]
            if isinstance(field, DateParts) or isinstance(field.widget, FIELDSET_WIDGETS):
                anchor += "_0"
            for message in errors:
                yield SummaryError(message=str(message), anchor=anchor)


def _widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.Textarea):
        return "govuk-textarea"
    if isinstance(widget, forms.Select) and not isinstance(widget, FIELDSET_WIDGETS):
        return "govuk-select"
    if isinstance(
        widget,
        (
            forms.TextInput,
            forms.NumberInput,
            forms.EmailInput,
            forms.PasswordInput,
            forms.DateInput,
        ),
    ):
        return "govuk-input"
    return ""


def _error_class(widget: forms.Widget) -> str:
    return {
        "govuk-textarea": "govuk-textarea--error",
        "govuk-select": "govuk-select--error",
        "govuk-input": "govuk-input--error",
    }.get(_widget_class(widget), "")


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass


def stale_comparison(
    form: forms.BaseForm, current: Any, fields: Iterable[str]
) -> list[dict[str, Any]]:
    """After a refused stale edit: each field where what someone else saved (``current``,
    None when it is gone) differs from what was typed, for the page to show side by side.

    A choice is shown, and compared, by its label on both sides.
    """
    rows = []
    for name in fields:
        if name not in form.fields:
            continue
        theirs = getattr(current, name, "") if current is not None else ""
        yours = form.cleaned_data.get(name) or ""
        if hasattr(current, f"get_{name}_display"):
            theirs = getattr(current, f"get_{name}_display")()
            yours = dict(form.fields[name].choices).get(yours, yours)  # type: ignore[attr-defined]
        if str(theirs or "") != str(yours or ""):
            rows.append({"label": form.fields[name].label, "theirs": theirs, "yours": yours})
    return rows
