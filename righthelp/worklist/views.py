"""Your work: one page for what is waiting, sorted and filtered.

Showing everything, the page lists the most urgent few of each kind with the count of all
of that kind and a link to see them; showing one kind, it pages through all of that kind
(ADR 0050). The counts are counted once and the navigation reuses them."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from righthelp.accounts.requests import user_of
from righthelp.core.worklist import KIND_LABELS, Kind
from righthelp.families.access import does_casework
from righthelp.frontdoor.access import works_at_front_door
from righthelp.worklist.selectors import (
    PAGE_SIZE,
    SHOWN_PER_KIND,
    WORK_COUNTS,
    WorkItem,
    counts_for,
    items_of,
    worklist_for,
)

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


def _page_number(raw: str | None, pages: int) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), pages)


def your_work(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not may_have_work(user):
        raise PermissionDenied("Your work lists casework and the front door's requests.")
    counts = counts_for(user)
    setattr(request, WORK_COUNTS, counts)
    sort = request.GET.get("sort", "priority")
    sort = sort if sort in SORTS else "priority"
    only_overdue = request.GET.get("overdue") == "1"
    show = request.GET.get("kind", "")
    kind = Kind(show) if show in Kind._value2member_map_ else None
    page = pages = 1
    if kind is not None:
        pages = max(-(-counts.get(kind, 0) // PAGE_SIZE), 1)
        page = _page_number(request.GET.get("page"), pages)
        shown = items_of(user, kind, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    else:
        shown = worklist_for(user, per_kind=SHOWN_PER_KIND, counts=counts)
    items = [i for i in shown if not only_overdue or i.overdue]
    present = sorted(counts, key=list(Kind).index)
    listed = {item.kind for item in shown}
    more = [
        (k.value, KIND_LABELS[k][1].lower(), counts[k])
        for k in present
        if kind is None and counts[k] > SHOWN_PER_KIND and k in listed
    ]
    keep = {"kind": show, "sort": sort} | ({"overdue": "1"} if only_overdue else {})
    return render(
        request,
        "worklist/your_work.html",
        {
            "items": _sorted(items, sort),
            "total": sum(counts.values()),
            "of_kind": counts.get(kind, 0) if kind is not None else None,
            "kinds": [(k.value, KIND_LABELS[k][1]) for k in present],
            "more": more,
            "shown_per_kind": SHOWN_PER_KIND,
            "show": show,
            "sort": sort,
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
            "only_overdue": only_overdue,
            "page": page,
            "pages": pages,
            "previous": urlencode(keep | {"page": page - 1}) if page > 1 else "",
            "next": urlencode(keep | {"page": page + 1}) if page < pages else "",
            "nav": "work",
        },
    )
