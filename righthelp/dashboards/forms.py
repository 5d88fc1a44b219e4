"""The period the movement figures cover: a GET form, so a chosen period is a link."""

from __future__ import annotations

from typing import Any

from righthelp.dashboards.selectors import Period
from righthelp.ui.forms import DateParts, GovukForm


class PeriodForm(GovukForm):
    start = DateParts(label="From", required=False, help_text="For example, 1 4 2025")
    end = DateParts(label="To", required=False, not_future=True, help_text="For example, 31 3 2026")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None) and not self.errors:
            missing = "end" if end is None else "start"
            self.add_error(missing, f"Enter the date the period {missing}s")
        elif start and end and end < start:
            self.add_error("end", "The end of the period must be on or after its start")
        return data

    def period(self, default: Period) -> Period:
        """The chosen period, or ``default`` when none (or a wrong one) was chosen."""
        if not self.is_bound or not self.is_valid():
            return default
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        return Period(start, end) if start and end else default
