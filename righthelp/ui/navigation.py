"""The service navigation: which sections a signed-in person is offered.

Each entry asks the section's own access rule, so the menu never offers a page
that would refuse the person, and never hides one they may use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from righthelp.accounts.models import User
from righthelp.audit.access import may_search_log
from righthelp.core.worklist import Kind
from righthelp.dashboards.scope import may_see_dashboards
from righthelp.families.access import does_casework
from righthelp.frontdoor.access import works_at_front_door
from righthelp.frontdoor.selectors import queue_count
from righthelp.self_assessment.access import may_use_self_assessment
from righthelp.worklist.selectors import WORK_COUNTS, to_do_count


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str
    url: str


def _counted(label: str, count: Callable[[], int], shown: bool) -> str:
    """A label with its count of work waiting, counted only for whom the entry is shown."""
    return f"{label} ({count()})" if shown else label


def menu_for(user: User, counts: Mapping[Kind, int] | None = None) -> list[MenuItem]:
    """The menu; ``counts``: the person's work counts, when the page already has them."""
    if not user.is_authenticated:
        return []
    has_work = does_casework(user) or works_at_front_door(user)
    at_front_door = works_at_front_door(user)
    offered = [
        (
            "work",
            _counted("Your work", lambda: to_do_count(user, counts), has_work),
            "worklist:your-work",
            has_work,
        ),
        ("families", "Your families", "families:home", does_casework(user)),
        (
            "front_door",
            _counted(
                "Front door",
                lambda: (
                    queue_count(user) if counts is None else counts.get(Kind.FRONT_DOOR_REQUEST, 0)
                ),
                at_front_door,
            ),
            "frontdoor:queue",
            at_front_door,
        ),
        ("dashboards", "Dashboards", "dashboards:index", may_see_dashboards(user)),
        (
            "self_assessment",
            "Self-assessment",
            "self_assessment:index",
            may_use_self_assessment(user),
        ),
        ("admin", "Accounts and teams", "admin:index", user.is_active and user.is_staff),
        ("audit", "Audit log", "audit:search", may_search_log(user)),
    ]
    return [MenuItem(key, label, reverse(name)) for key, label, name, shown in offered if shown]


def _menu_of(request: HttpRequest) -> list[MenuItem]:
    user = getattr(request, "user", None)
    return menu_for(user, getattr(request, WORK_COUNTS, None)) if isinstance(user, User) else []


def service_menu(request: HttpRequest) -> dict[str, object]:
    """Context processor: the menu for whoever made the request.

    Lazy, so a public page, which never draws it, never reads the session (reading it
    would make the page vary by cookie and stop caches sharing it).
    """
    return {"service_menu": SimpleLazyObject(lambda: _menu_of(request))}
