from __future__ import annotations

from django import forms

from righthelp.ui.forms import GovukForm


class Choices(GovukForm):
    many = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_checkboxes_render_as_checkboxes_not_radios() -> None:
    # CheckboxSelectMultiple subclasses RadioSelect, so the order of the checks matters.
    form = Choices(initial={"many": ["a", "b"]})
    many, one = str(form["many"]), str(form["one"])
    assert 'class="govuk-checkboxes' in many and 'type="checkbox"' in many
    assert many.count(" checked") == 2
    assert 'class="govuk-radios' in one and 'type="radio"' in one
