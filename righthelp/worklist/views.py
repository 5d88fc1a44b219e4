"""Your work: one page for what is waiting, sorted and filtered."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from righthelp.accounts.requests import user_of
from righthelp.core.worklist import KIND_LABELS, Kind
from righthelp.families.access import does_casework
from righthelp.frontdoor.access import works_at_front_door
from righthelp.worklist.selectors import WorkItem, worklist_for

SORTS = {
    "priority": ("Overdue first", None),
    "due": ("Soonest due", lambda item: (item.due is None, item.due, -item.waiting_days)),
    "waiting": ("Longest waiting", lambda item: -item.waiting_days),
    "family": ("Family", lambda item: item.family_name),
}


def may_have_work(user: object) -> bool:
    return does_casework(user) or works_at_front_door(user)  # type: ignore[arg-type]


def _sorted(items: list[WorkItem], sort: str) -> list[WorkItem]:
    key = SORTS.get(sort, SORTS["priority"])[1]
    return sorted(items, key=key) if key else items


def your_work(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not may_have_work(user):
        raise PermissionDenied("Your work lists casework and the front door's requests.")
    every = worklist_for(user)
    show = request.GET.get("kind", "")
    sort = request.GET.get("sort", "priority")
    only_overdue = request.GET.get("overdue") == "1"
    items = [i for i in every if (not show or i.kind == show) and (not only_overdue or i.overdue)]
    present = sorted({item.kind for item in every}, key=list(Kind).index)
    return render(
        request,
        "worklist/your_work.html",
        {
            "items": _sorted(items, sort),
            "total": len(every),
            "kinds": [(kind.value, KIND_LABELS[kind][1]) for kind in present],
            "show": show,
            "sort": sort if sort in SORTS else "priority",
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
            "only_overdue": only_overdue,
            "nav": "work",
        },
    )
