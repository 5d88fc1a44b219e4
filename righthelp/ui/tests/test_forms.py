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


def test_a_hint_is_read_with_its_input_and_with_its_error() -> None:
    from django import forms

    from righthelp.ui.forms import GovukForm

    class Find(GovukForm):
        words = forms.CharField(label="Words", help_text="Like DV or CSE")

    blank = Find()
    html = str(blank["words"])
    assert 'aria-describedby="id_words-hint"' in html
    assert 'id="id_words-hint"' in blank["words"].as_field_group()
    wrong = Find({"words": ""})
    assert not wrong.is_valid()
    assert 'aria-describedby="id_words-hint id_words-error"' in str(wrong["words"])
