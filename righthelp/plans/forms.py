"""Forms for the family plan, their choices drawn from the partnership's packs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from righthelp.core.criterion_status import CriterionStatus
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.schema import Choice
from righthelp.families.models import Family, Person
from righthelp.partnerships.models import Agency
from righthelp.plans.models import ActionStatus, PlanAction, PlanCriterion
from righthelp.plans.selectors import CriterionView
from righthelp.ui.forms import DateParts, GovukForm, service_groups

SCORES = [("", "Not given")] + [(str(n), str(n)) for n in range(11)]


def criterion_choices(packs: PackSet) -> list[tuple[str, list[tuple[str, str]]]]:
    """Criteria grouped under their outcome, as the toolkits print them."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for entry in packs.criteria:
        group = entry.criterion.group.title
        groups.setdefault(group, []).append(
            (entry.criterion.id, f"{entry.criterion.id} {entry.criterion.criterion.need}")
        )
    return list(groups.items())


class CriterionForm(GovukForm):
    criterion = forms.ChoiceField(
        label="Which headline criterion does the family meet?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the criterion the family meets"},
    )
    person = forms.ModelChoiceField(
        label="Who does it apply to?",
        queryset=Person.objects.none(),
        required=False,
        empty_label="The whole family",
    )

    def __init__(self, *args: Any, packs: PackSet, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = criterion_choices(packs)  # type: ignore[attr-defined]
        self.fields["criterion"].legend_size = "m"  # type: ignore[attr-defined]
        self.fields["person"].queryset = family.members.all()  # type: ignore[attr-defined]


class InterventionsForm(GovukForm):
    interventions = forms.MultipleChoiceField(
        label="Interventions, tools and direct work",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other = forms.CharField(
        label="Other interventions (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, choices: Sequence[Choice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interventions"].choices = [(c.id, c.name) for c in choices]  # type: ignore[attr-defined]


class EvidenceForm(GovukForm):
    method = forms.ChoiceField(
        label="How is the outcome evidenced?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the outcome is evidenced"},
    )
    recorded_on = DateParts(
        label="Date of the evidence",
        not_future=True,
        error_messages={"required": "Enter the date of the evidence"},
    )
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, choices: Sequence[Choice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(c.id, c.name) for c in choices]  # type: ignore[attr-defined]


class MoveForm(GovukForm):
    to = forms.ChoiceField(
        label="Move the criterion to",
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the criterion has got to"},
    )
    on = DateParts(
        label="Date it moved",
        not_future=True,
        error_messages={"required": "Enter the date it moved"},
    )
    reason = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, view: CriterionView, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Sustained is recorded at a review, where the date is the meeting's.
        self.fields["to"].choices = [  # type: ignore[attr-defined]
            (value, label)
            for value, label in view.next_statuses
            if value != CriterionStatus.SUSTAINED
        ]


class ActionForm(GovukForm):
    what = forms.CharField(
        label="What will be done?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what will be done"},
    )
    owner_kind = forms.ChoiceField(
        label="Who will do it?",
        choices=[
            ("service", "A service in the directory"),
            ("agency", "An agency"),
            ("person", "A named person"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who will do it"},
    )
    # Each kind of owner asks only for its own detail (the GOV.UK conditional reveal).
    reveals = {
        "owner_kind": {
            "service": ("owner_service",),
            "agency": ("owner_agency",),
            "person": ("owner_name",),
        }
    }
    owner_service = forms.ChoiceField(label="Service", required=False)
    owner_agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), required=False
    )
    owner_name = forms.CharField(label="Person's name", required=False, max_length=200)
    due_on = DateParts(label="By when?", error_messages={"required": "Enter the date it is due"})
    criterion = forms.ModelChoiceField(
        label="Which criterion does it help with? (optional)",
        queryset=PlanCriterion.objects.none(),
        required=False,
        empty_label="Not one in particular",
    )

    def __init__(
        self, *args: Any, packs: PackSet, family: Family, plan: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_service"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a service"),
            *service_groups(packs.services),
        ]
        self.fields["owner_agency"].queryset = Agency.objects.filter(partnership=family.partnership)  # type: ignore[attr-defined]
        self.fields["criterion"].queryset = plan.criteria.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("owner_kind")
        needed = {
            "service": ("owner_service", "Choose the service"),
            "agency": ("owner_agency", "Choose the agency"),
            "person": ("owner_name", "Enter the person's name"),
        }
        if kind in needed:
            field, message = needed[kind]
            if not data.get(field):
                self.add_error(field, message)
            for other, _ in needed.values():
                if other != field:
                    data[other] = "" if other != "owner_agency" else None
        return data


class ActionStatusForm(GovukForm):
    status = forms.ChoiceField(
        label="Status", choices=ActionStatus.choices, widget=forms.RadioSelect
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class NotesForm(GovukForm):
    internal_notes = forms.CharField(
        label="Notes for practitioners only",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Never shown in the family's copy of the plan.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    held_on = DateParts(
        label="Date of the meeting",
        not_future=True,
        error_messages={"required": "Enter the date of the meeting"},
    )
    attendees = forms.CharField(
        label="Who attended?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter who attended"},
    )
    parent_scaling = forms.TypedChoiceField(
        label="Parent or carer's scaling score (0 to 10)",
        choices=SCORES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Where 10 means things are as good as they need to be.",
    )
    young_person_scaling = forms.TypedChoiceField(
        label="Young person's scaling score (0 to 10)",
        choices=SCORES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    next_review_on = DateParts(
        label="Date of the next review (optional)",
        required=False,
        help_text="Agreed at this meeting. After it, the review shows as overdue.",
    )
    summary = forms.CharField(
        label="What was agreed", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    internal_notes = forms.CharField(
        label="Notes for practitioners only",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Never shown in the family's copy of the plan.",
    )

    def __init__(
        self,
        *args: Any,
        actions: Sequence[PlanAction],
        criteria: Sequence[CriterionView],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.actions = list(actions)
        self.criteria = list(criteria)
        for action in self.actions:
            self.fields[f"progress-{action.pk}"] = forms.ChoiceField(
                label=f"Progress: {action.what}",
                choices=ActionStatus.choices,
                initial=action.status,
            )
            self.fields[f"progress-note-{action.pk}"] = forms.CharField(
                label="Note on progress (optional)", required=False
            )
        for view in self.criteria:
            self.fields[f"move-{view.record.pk}"] = forms.ChoiceField(
                label=f"{view.criterion.id} {view.criterion.criterion.need} ({view.for_whom})",
                choices=[("", f"No change: {view.status_label.lower()}")]
                + [(value, label) for value, label in view.next_statuses],
                required=False,
            )
        self._apply_govuk()

    def _apply_govuk(self) -> None:
        for name, field in self.fields.items():
            if name.startswith(("progress-", "move-")):
                field.template_name = "govuk/field.html"  # type: ignore[attr-defined]
                css = "govuk-select" if isinstance(field.widget, forms.Select) else "govuk-input"
                field.widget.attrs["class"] = css

    def progress(self) -> dict[Any, tuple[ActionStatus, str]]:
        return {
            action.pk: (
                ActionStatus(self.cleaned_data[f"progress-{action.pk}"]),
                self.cleaned_data.get(f"progress-note-{action.pk}", ""),
            )
            for action in self.actions
        }

    def moves(self) -> dict[Any, CriterionStatus]:
        return {
            view.record.pk: CriterionStatus(value)
            for view in self.criteria
            if (value := self.cleaned_data.get(f"move-{view.record.pk}"))
        }
