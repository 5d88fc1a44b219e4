from __future__ import annotations

from django import forms

from righthelp.ui.forms import GovukForm


class ReminderChoiceForm(GovukForm):
    by_email = forms.TypedChoiceField(
        label="How do you want to hear about work waiting for you?",
        choices=[
            ("yes", "A daily email: what kinds of work are waiting, how many, and a link"),
            ("no", "No email: I will look at my worklist"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you want to hear about your work"},
    )
