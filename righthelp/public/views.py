"""Pages open to everyone: thresholds, exploitation screening, guidance, directory, changes.

Every view here reads and never writes; none reads ``request.user`` or the session, so
no response varies by person and ``public_page`` lets a shared proxy cache it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from righthelp.core.directory import (
    DirectoryQuery,
    search_directory,
    services_mentioned,
)
from righthelp.core.guidance import find_guidance
from righthelp.core.next_steps import next_steps
from righthelp.core.synonyms import PRODUCT
from righthelp.core.tick_set import parse_ticks
from righthelp.packstore.registry import installed_packs
from righthelp.packstore.suggestions import has_indicators, suggest
from righthelp.public import selectors
from righthelp.public.caching import never_stored_when_posted, public_page
from righthelp.public.forms import CompareVersionsForm, DirectoryForm, SuggestForm
from righthelp.public.selectors import PartnershipContent
from righthelp.suggest.ranking import DEFAULT_TOP, NOTICE

MAX_SEARCH = 200

SECTIONS = {
    "explore": "Check the level of need",
    "screening": "Child exploitation screening",
    "guidance": "Guidance",
    "directory": "Directory of services",
    "changes": "What changed",
}


def not_found(request: HttpRequest, message: str, **context: Any) -> HttpResponse:
    return render(request, "public/not_found.html", {"message": message, **context}, status=404)


class NotFoundError(Exception):
    """An id in the address that the partnership's packs do not have."""


def with_partnership(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve the partnership slug in the address, or answer with a page that says so."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        partnership = selectors.partnership_for(slug)
        if partnership is None:
            return not_found(request, "There is no partnership at this address.")
        content = PartnershipContent.of(partnership)
        try:
            return view(request, content, *args, **kwargs)
        except NotFoundError as error:
            return not_found(request, str(error), partnership=partnership)

    return wrapped


@public_page
def start(request: HttpRequest) -> HttpResponse:
    packs = sorted(installed_packs(), key=lambda pack: pack.title)
    return render(
        request,
        "public/start.html",
        {"packs": packs, "partnerships": selectors.public_partnerships()},
    )


@public_page
def choose_partnership(request: HttpRequest, section: str) -> HttpResponse:
    return render(
        request,
        "public/choose_partnership.html",
        {
            "section": section,
            "section_title": SECTIONS[section],
            "partnerships": selectors.public_partnerships(),
        },
    )


# --- the threshold explorer ------------------------------------------------------------


def _explorer_context(request: HttpRequest, content: PartnershipContent) -> dict[str, Any]:
    thresholds = content.pack_set.thresholds
    if thresholds is None:
        raise NotFoundError("This partnership's packs have no levels of need.")
    ticks = parse_ticks(thresholds, request.GET.getlist("i"))
    return {
        "section": "explore",
        "partnership": content.partnership,
        "thresholds": thresholds,
        "ticks": ticks,
        "ticked": frozenset(ticks.ids),
        "steps": next_steps(content.pack_set, ticks.ids) if ticks.ids else None,
        "query": urlencode([("i", indicator_id) for indicator_id in ticks.ids]),
    }


@public_page
@with_partnership
def explore(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    if content.pack_set.thresholds is None:
        # Coventry's pack has criteria, screening and services but no levels of need.
        return render(
            request,
            "public/explorer/no_thresholds.html",
            {
                "section": "explore",
                "partnership": content.partnership,
                "has_screening": content.pack_set.screening is not None,
            },
        )
    context = _explorer_context(request, content)
    context["outcomes"] = selectors.outcome_choices(context["thresholds"], context["ticked"])
    return render(request, "public/explorer/explore.html", context)


@public_page
@with_partnership
def explore_result(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    """The result part of the explorer, for its script to swap in as boxes are ticked."""
    return render(
        request, "public/explorer/result_fragment.html", _explorer_context(request, content)
    )


@public_page
@with_partnership
def explore_summary(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    return render(request, "public/explorer/summary.html", _explorer_context(request, content))


# The text is posted, never put in an address; used for this one answer, then dropped: it is
# never logged (and hidden from error reports), stored, or cached (the answer is no-store).
# No CSRF token: the page changes nothing and reads no session, and a token would set a
# cookie, which would stop the page being the same, cacheable page for everyone.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_post_parameters("text")
@never_stored_when_posted
@with_partnership
def explore_suggest(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    thresholds = content.pack_set.thresholds
    if thresholds is None or not has_indicators(thresholds):
        raise NotFoundError("This partnership's packs have no indicators to suggest.")
    form = SuggestForm(request.POST if request.method == "POST" else None)
    groups = None
    if form.is_valid():
        groups = suggest(thresholds, form.cleaned_data["text"]).grouped(DEFAULT_TOP)
    return render(
        request,
        "public/explorer/suggest.html",
        {
            "section": "explore",
            "partnership": content.partnership,
            "thresholds": thresholds,
            "form": form,
            "groups": groups,
            "notice": NOTICE,
        },
    )


# --- exploitation screening ------------------------------------------------------------


def _screening(content: PartnershipContent) -> selectors.Screening:
    screening = selectors.screening_for(content)
    if screening is None:
        raise NotFoundError("This partnership's packs have no exploitation screening.")
    return screening


@public_page
@with_partnership
def screening(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    return render(
        request,
        "public/screening/overview.html",
        {
            "section": "screening",
            "partnership": content.partnership,
            "screening": _screening(content),
        },
    )


@public_page
@with_partnership
def screening_band(request: HttpRequest, content: PartnershipContent, band_id: str) -> HttpResponse:
    found = _screening(content)
    band = found.band(band_id)
    if band is None:
        raise NotFoundError("The screening has no band at this address.")
    previous, following = found.neighbours(band)
    return render(
        request,
        "public/screening/band.html",
        {
            "section": "screening",
            "partnership": content.partnership,
            "screening": found,
            "band": band,
            "because": found.because(band),
            "safety_plan": found.instrument.safety_plan if found.has_safety_plan(band) else None,
            "previous": previous,
            "following": following,
        },
    )


@public_page
@with_partnership
def screening_intelligence(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    found = _screening(content)
    text = "\n\n".join(entry.page.body for entry in found.intelligence_pages)
    return render(
        request,
        "public/screening/intelligence.html",
        {
            "section": "screening",
            "partnership": content.partnership,
            "screening": found,
            "contacts": services_mentioned(content.pack_set, found.pack.id, text),
        },
    )


# --- guidance ----------------------------------------------------------------------------


@public_page
@with_partnership
def guidance(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    text = request.GET.get("q", "")[:MAX_SEARCH].strip()
    entries = find_guidance(content.pack_set.guidance, text)
    return render(
        request,
        "public/guidance/list.html",
        {
            "section": "guidance",
            "partnership": content.partnership,
            "text": text,
            "items": selectors.guidance_items(content, entries),
        },
    )


@public_page
@with_partnership
def guidance_page(
    request: HttpRequest, content: PartnershipContent, pack_id: str, page_id: str
) -> HttpResponse:
    pack = content.pack(pack_id)
    page = pack.guidance_by_id.get(page_id) if pack else None
    if pack is None or page is None:
        raise NotFoundError("This partnership's guidance has no page at this address.")
    return render(
        request,
        "public/guidance/page.html",
        {
            "section": "guidance",
            "partnership": content.partnership,
            "pack": pack,
            "page": page,
            "contacts": services_mentioned(content.pack_set, pack.id, page.body),
        },
    )


# --- the directory -------------------------------------------------------------------------


@public_page
@with_partnership
def directory(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    form = DirectoryForm(request.GET, pack_set=content.pack_set)
    searched = any(request.GET.get(name) for name in form.fields)
    query = DirectoryQuery()
    if form.is_valid():
        query = DirectoryQuery(
            text=form.cleaned_data["q"],
            outcome=form.cleaned_data["outcome"],
            criterion=form.cleaned_data["criterion"] or None,
            age=form.cleaned_data["age"],
        )
    search = search_directory(content.pack_set, query)
    return render(
        request,
        "public/directory/search.html",
        {
            "section": "directory",
            "partnership": content.partnership,
            "form": form,
            "searched": searched and form.is_valid(),
            "query": query,
            "search": search,
            "also_searched": [
                (
                    concept.typed,
                    concept.synonyms,
                    [
                        "the product's list of common words"
                        if source == PRODUCT
                        else f"{content.packs_by_id[source].title}"
                        for source in concept.sources
                        if source == PRODUCT or source in content.packs_by_id
                    ],
                )
                for concept in search.expanded
            ],
            "directories": selectors.local_directories(content.pack_set),
            "items": selectors.service_items(content, search.entries, age=query.age),
        },
    )


@public_page
@with_partnership
def directory_service(
    request: HttpRequest, content: PartnershipContent, pack_id: str, service_id: str
) -> HttpResponse:
    entry = content.pack_set.service(pack_id, service_id)
    if entry is None:
        raise NotFoundError("This partnership's directory has no service at this address.")
    (item,) = selectors.service_items(content, [entry])
    return render(
        request,
        "public/directory/service.html",
        {"section": "directory", "partnership": content.partnership, "item": item},
    )


# --- what changed ---------------------------------------------------------------------------


@public_page
@with_partnership
def changes(request: HttpRequest, content: PartnershipContent) -> HttpResponse:
    packs = [(pack, selectors.versions_of(pack.id)) for pack in content.pack_set]
    return render(
        request,
        "public/changes/index.html",
        {"section": "changes", "partnership": content.partnership, "packs": packs},
    )


@public_page
@with_partnership
def changes_pack(request: HttpRequest, content: PartnershipContent, pack_id: str) -> HttpResponse:
    pack = content.pack(pack_id)
    if pack is None:
        raise NotFoundError("This partnership does not use a pack at this address.")
    versions = selectors.versions_of(pack_id)
    context: dict[str, Any] = {
        "section": "changes",
        "partnership": content.partnership,
        "pack": pack,
        "versions": versions,
    }
    if len(versions) > 1:
        form = CompareVersionsForm(request.GET, versions=[v.version for v in versions])
        context["form"] = form
        if form.is_valid():
            by_version = {v.version: v for v in versions}
            old, new = by_version[form.cleaned_data["old"]], by_version[form.cleaned_data["new"]]
            context["changes"] = selectors.changes_between(old, new)
    return render(request, "public/changes/pack.html", context)
