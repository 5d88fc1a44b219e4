"""Family pages. Every view that shows a family gets it through ``access.family_for``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from righthelp.accounts.models import Role
from righthelp.accounts.requests import user_of
from righthelp.audit.access import may_read_family_log
from righthelp.families import services
from righthelp.families.access import (
    CASEWORK_ROLES,
    FamilyAccessRefused,
    casework_partnership,
    does_casework_in,
    family_and_record,
    family_for,
)
from righthelp.families.forms import (
    EmergencyAccessForm,
    FamiliesListForm,
    FamilyForm,
    PersonForm,
    RelationshipForm,
    SearchForm,
    WorkerForm,
)
from righthelp.families.models import Family, Person
from righthelp.families.open_work import open_work, open_work_columns
from righthelp.families.search import search_families
from righthelp.families.selectors import (
    HOME_SORTS,
    HomeRow,
    PossibleMatch,
    families_home_page,
    family_overview,
    overview_columns,
    possibly_known,
)
from righthelp.families.waiting import waiting_for
from righthelp.partnerships.selectors import pack_rows, pack_set_for
from righthelp.ui.charts import level_chart
from righthelp.ui.forms import stale_comparison
from righthelp.versioned import StaleEdit

STALE_EDIT = (
    "Someone else changed these details after you opened this page. Check both versions "
    "below, then save yours again if it is right."
)


FAMILIES_PER_PAGE = 50


def page_numbers(current: int, last: int) -> list[int | None]:
    """The page links GOV.UK pagination shows: the first, the last, the current and its
    neighbours; ``None`` for a gap (an ellipsis)."""
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def _query_without_page(request: HttpRequest) -> str:
    """The list's sort and filters, for the page links to keep ("sort=level&"), or ""."""
    query = request.GET.copy()
    query.pop("page", None)
    return f"{query.urlencode()}&" if query else ""


_NO_FAMILY = UUID(int=0)


def _with_overview_links(rows: Iterable[HomeRow]) -> list[tuple[HomeRow, str]]:
    """Each row with the address of its family's overview, reversed once for the page
    rather than once a row."""
    address = reverse("families:overview", args=[_NO_FAMILY])
    return [(row, address.replace(str(_NO_FAMILY), str(row.id))) for row in rows]


def home(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if user.role == Role.ANALYST:
        return redirect("dashboards:index")  # analysts see figures, not families
    if user.role not in CASEWORK_ROLES:
        return render(request, "families/no_casework.html", status=200)
    thresholds = pack_set_for(user.partnership).thresholds if user.partnership else None
    levels = thresholds.levels_by_number if thresholds else {}
    list_form = FamiliesListForm(request.GET or None, levels=levels)
    chosen = list_form.cleaned_data if list_form.is_valid() else {}
    sort = chosen.get("sort") or "name"
    page = families_home_page(
        user,
        request.GET.get("page", 1),
        FAMILIES_PER_PAGE,
        sort=sort,
        level=chosen.get("level"),
        mine=bool(chosen.get("mine")),
    )
    return render(
        request,
        "families/home.html",
        {
            "families": _with_overview_links(page.object_list),
            "page": page,
            "page_numbers": page_numbers(page.number, page.paginator.num_pages),
            "page_query": _query_without_page(request),
            "sort_label": HOME_SORTS.get(sort, HOME_SORTS["name"])[0],
            "levels": levels,
            "list_form": list_form,
            "filtered": bool(chosen.get("level") or chosen.get("mine")),
            "search_form": SearchForm(),
            "waiting": waiting_for(user),
            "today": timezone.localdate(),
            "nav": "families",
        },
    )


@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """Posted, so the name or date of birth searched for never appears in an address.
    Opened again by its address (a reload, a bookmark), it offers the search box."""
    user = user_of(request)
    casework_partnership(user)
    if request.method == "GET":
        return render(
            request, "families/search_results.html", {"search_form": SearchForm(), "hits": None}
        )
    form = SearchForm(request.POST)
    hits = search_families(user, form.cleaned_data["query"]) if form.is_valid() else None
    return render(request, "families/search_results.html", {"search_form": form, "hits": hits})


def family_new(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    partnership = casework_partnership(user)
    form = FamilyForm(
        request.POST or None, partnership=partnership, initial={"lead_practitioner": user}
    )
    if request.method == "POST" and form.is_valid():
        family = services.family_create(
            partnership=partnership, created_by=user, **form.family_details()
        )
        messages.success(request, "Family added. Now add the people in it.")
        return redirect("families:person-new", family_id=family.pk)
    return render(request, "families/family_form.html", {"form": form, "family": None})


def overview(request: HttpRequest, family_id: UUID) -> HttpResponse:
    # A hot page: what the family has open, its relationships and agencies and its
    # partnership's packs come with the family itself, in the one query that checks access.
    family = family_for(
        user_of(request),
        family_id,
        looking_at="family_overview",
        annotate={**open_work_columns(), **overview_columns(), "pack_rows": pack_rows()},
    )
    summary = family_overview(family)
    thresholds = pack_set_for(family.partnership, getattr(family, "pack_rows", None)).thresholds
    levels = thresholds.levels if thresholds else ()
    return render(
        request,
        "families/overview.html",
        {
            "family": family,
            "overview": summary,
            "may_read_access_log": may_read_family_log(user_of(request)),
            "has_thresholds": thresholds is not None,
            "open_work": open_work(family),
            "levels": {level.number: level for level in levels},
            "local_practice_note": (
                thresholds.workflow.local_practice_note
                if thresholds is not None and thresholds.workflow is not None
                else ""
            ),
            "chart": level_chart(
                [(point.on, point.level) for point in summary.level_history],
                [(level.number, level.name) for level in levels],
            ),
        },
    )


def _refuse_stale_edit(
    form: FamilyForm | PersonForm, current: Family | Person, fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Keep what was typed, say someone else saved first, and show both versions."""
    form.set_posted_value("version", str(current.version))
    form.add_error(None, STALE_EDIT)
    return stale_comparison(form, current, fields)


def family_edit(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="family_details")
    initial = {
        **{name: getattr(family, name) for name in services.FAMILY_FIELDS},
        "agencies": family.agencies.all(),
        "lead_practitioner": family.lead_practitioner,
        "version": family.version,
    }
    form = FamilyForm(request.POST or None, partnership=family.partnership, initial=initial)
    comparison: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.family_update(
                family=family,
                by=user,
                expected_version=data["version"] or 0,
                changes={name: data[name] or "" for name in services.FAMILY_FIELDS},
                agencies=data["agencies"],
                lead_practitioner=data["lead_practitioner"],
            )
        except StaleEdit as stale:
            comparison = _refuse_stale_edit(form, stale.current, services.FAMILY_FIELDS)
        else:
            messages.success(request, "Family details saved.")
            return redirect("families:overview", family_id=family.pk)
    return render(
        request,
        "families/family_form.html",
        {"form": form, "family": family, "comparison": comparison},
    )


def person_new(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="family_members")
    form = PersonForm(request.POST or None)
    matches: tuple[PossibleMatch, ...] = ()
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "version"}
        if "add_anyway" not in request.POST:
            matches = possibly_known(
                user=user,
                family=family,
                nhs_number=data.get("nhs_number") or "",
                given_name=data.get("given_name") or "",
                family_name=data.get("family_name") or "",
                date_of_birth=data.get("date_of_birth"),
            )
    if request.method == "POST" and form.is_valid() and not matches:
        data = {key: value for key, value in form.cleaned_data.items() if key != "version"}
        services.person_add(family=family, by=user, **data)
        messages.success(request, f"{data['given_name']} {data['family_name']} added.")
        if "add_another" in request.POST:
            return redirect("families:person-new", family_id=family.pk)
        return redirect("families:overview", family_id=family.pk)
    return render(
        request,
        "families/person_form.html",
        {"form": form, "family": family, "person": None, "matches": matches},
    )


def person_edit(request: HttpRequest, family_id: UUID, person_id: UUID) -> HttpResponse:
    user = user_of(request)
    family, person = family_and_record(
        user, family_id, Person.objects.all(), person_id, looking_at="family_members"
    )
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    initial["version"] = person.version
    form = PersonForm(request.POST or None, initial=initial)
    comparison: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_update(
                person=person,
                by=user,
                expected_version=data["version"] or 0,
                changes={
                    name: data[name] if data[name] is not None else None
                    for name in services.PERSON_FIELDS
                },
            )
        except StaleEdit as stale:
            comparison = _refuse_stale_edit(form, stale.current, services.PERSON_FIELDS)
        else:
            messages.success(request, "Details saved.")
            return redirect("families:overview", family_id=family.pk)
    return render(
        request,
        "families/person_form.html",
        {"form": form, "family": family, "person": person, "comparison": comparison},
    )


def relationship_new(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="family_members")
    form = RelationshipForm(request.POST or None, members=family.members.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.relationship_set(
                family=family,
                by=user,
                person=data["person"],
                relative=data["relative"],
                kind=data["kind"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Relationship saved.")
            return redirect("families:overview", family_id=family.pk)
    return render(request, "families/relationship_form.html", {"form": form, "family": family})


def worker_new(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="family_workers")
    form = WorkerForm(request.POST or None, partnership=family.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.worker_add(family=family, by=user, user=form.cleaned_data["user"])
        except ValidationError as error:
            form.add_error("user", error)
        else:
            messages.success(request, "Practitioner added.")
            return redirect("families:overview", family_id=family.pk)
    return render(request, "families/worker_form.html", {"form": form, "family": family})


@require_POST
def emergency_access(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = get_object_or_404(Family, pk=family_id)
    form = EmergencyAccessForm(request.POST)
    if form.is_valid():
        try:
            services.emergency_access_grant(
                family=family, user=user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            return HttpResponseRedirect(reverse("families:overview", args=[family.pk]))
    return render(
        request, "families/access_refused.html", {"family": family, "form": form}, status=403
    )


def access_refused(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 page, in the signed-in layout for a signed-in person: for a family record,
    who may open it and the recorded way in for an emergency; elsewhere, why not."""
    signed_in = request.user.is_authenticated
    context: dict[str, Any] = {"layout": "signed_in.html" if signed_in else "base.html"}
    if isinstance(exception, FamilyAccessRefused):
        context["about_a_family"] = True
        user = exception.user
        if does_casework_in(user, exception.family.partnership):
            context.update(family=exception.family, form=EmergencyAccessForm())
    elif exception is not None and exception.args and isinstance(exception.args[0], str):
        context["reason"] = exception.args[0]
    return render(request, "families/access_refused.html", context, status=403)
