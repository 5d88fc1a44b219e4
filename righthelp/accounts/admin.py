"""The administrator's screens: accounts, and the partnership's agencies and teams.

Case records are deliberately not here: they are only reachable through the audited
pages, never through the admin.

Every screen is confined to the administrator's own partnership (``PartnershipScoped``):
lists, change pages reached by a typed address, the choices in every form, searches and
the admin's lookups all start from the records of that partnership. Only a superuser for
the whole installation, made on the server (``righthelp manage createsuperuser``), sees
every partnership. Every change made here is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from righthelp.accounts import services
from righthelp.accounts.models import User
from righthelp.accounts.two_factor import two_factor_reset
from righthelp.audit.models import Action
from righthelp.core.account_rules import RIGHTS_FIELDS, AccountChange, problems_with_change
from righthelp.partnerships.models import Agency, Partnership, Team

# Groups are not how Right Help gives rights (a role does), and the authenticator screen
# that came with django-otp shows each device's secret and its QR code: both are replaced.
for _model in (Group, TOTPDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


def _administrator(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


class PartnershipScoped(admin.ModelAdmin):  # type: ignore[type-arg]
    """An admin screen that shows and changes only the administrator's partnership's records.

    ``partnership_path`` is the lookup from the model to its partnership. Foreign keys in
    its forms offer only the same partnership's teams, agencies and people.
    """

    partnership_path: str = ""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        user = _administrator(request)
        if user.is_superuser:
            return queryset
        if user.partnership is None:
            return queryset.none()
        return queryset.filter(**{self.partnership_path: user.partnership.pk})

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:  # type: ignore[type-arg]
        kwargs.setdefault("queryset", scoped_choices(db_field.related_model, request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        if request.method == "POST" and ACTION_CHECKBOX_NAME in request.POST:
            # Ids too big for the database select nothing, rather than fail the query.
            posted = request.POST.copy()
            posted.setlist(
                ACTION_CHECKBOX_NAME,
                [
                    pk
                    for pk in posted.getlist(ACTION_CHECKBOX_NAME)
                    if pk.isascii() and pk.isdigit() and len(pk) <= 18
                ],
            )
            request.POST = posted  # type: ignore[assignment]
        return super().changelist_view(request, extra_context)

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        services.admin_change_record(by=_administrator(request), action=Action.CREATED, record=obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        services.admin_change_record(
            by=_administrator(request),
            action=Action.CHANGED,
            record=obj,
            fields=_changed_fields(message),
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        for obj in queryset:
            services.admin_change_record(
                by=_administrator(request), action=Action.DELETED, record=obj
            )
        return super().log_deletions(request, queryset)


def scoped_choices(model: type[Model], request: HttpRequest) -> QuerySet[Any]:
    """The records of ``model`` an administrator may pick in a form: their partnership's."""
    user = _administrator(request)
    queryset = model._default_manager.all()
    if user.is_superuser:
        return queryset
    partnership = user.partnership
    paths: dict[type[Model], str] = {
        Partnership: "pk",
        Team: "agency__partnership",
        Agency: "partnership",
        User: "team__agency__partnership",
    }
    path = paths.get(model)
    if path is None or partnership is None:
        return queryset.none()
    return queryset.filter(**{path: partnership.pk})


def _changed_fields(message: Any) -> list[str]:
    fields: list[str] = []
    for part in message if isinstance(message, list) else []:
        fields.extend(str(f) for f in part.get("changed", {}).get("fields", []))
    return fields


class AccountRulesForm(forms.ModelForm):  # type: ignore[type-arg]
    """Checks a change to an account against ``core.account_rules`` before it is saved."""

    administrator: User

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        by = self.administrator
        team = data.get("team", self.instance.team if self.instance.pk else None)
        change = AccountChange(
            by_id=by.pk,
            by_partnership_id=by.partnership.pk if by.partnership else None,
            by_is_superuser=by.is_superuser,
            account_id=self.instance.pk,
            account_partnership_id=team.agency.partnership_id if team else None,
            changed_fields=frozenset(self.changed_data),
            makes_superuser=bool(data.get("is_superuser")) and not self.instance.is_superuser,
        )
        problems = problems_with_change(change)
        if problems:
            if change.account_id == by.pk and any(p.code == "ACCOUNT01" for p in problems):
                services.own_rights_change_refused(
                    by=by, fields=sorted(change.changed_fields & RIGHTS_FIELDS)
                )
            raise forms.ValidationError([p.message() for p in problems])
        return data


@admin.register(User)
class UserAdmin(PartnershipScoped, DjangoUserAdmin):  # type: ignore[type-arg]
    partnership_path = "team__agency__partnership"
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username", "first_name", "last_name", "email")
    list_select_related = ("team__agency",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Work", {"fields": ("role", "team")}),
        ("Status", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "role",
                    "team",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    actions = ("reset_two_factor",)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(
            form.__name__, (AccountRulesForm, form), {"administrator": _administrator(request)}
        )

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        rights = sorted(set(form.changed_data) & RIGHTS_FIELDS)
        if rights or not change:
            services.rights_changed(account=obj, by=_administrator(request), fields=rights)

    @admin.action(
        description="Reset two-factor authentication (they set it up again)",
        permissions=["change"],
    )
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        by = _administrator(request)
        people = list(queryset)
        for person in people:
            two_factor_reset(user=person, by=by)
        self.message_user(
            request,
            f"Two-factor authentication reset for {len(people)} account(s). Each sets it up "
            "again at their next sign-in, and is told.",
            messages.SUCCESS,
        )


@admin.register(TOTPDevice)
class AuthenticatorAdmin(PartnershipScoped):
    """Who has an authenticator set up: never its secret, never its QR code. Lost or
    compromised? Reset it from here or from the account list."""

    partnership_path = "user__team__agency__partnership"
    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields
    actions = ("reset",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a reset (audited, the person told) is the way to remove one

    @admin.action(
        description="Reset these people's two-factor authentication", permissions=["change"]
    )
    def reset(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        by = _administrator(request)
        people = User.objects.filter(pk__in=queryset.values("user_id"))
        for person in people:
            two_factor_reset(user=person, by=by)
        self.message_user(
            request,
            f"Two-factor authentication reset for {len(people)} account(s).",
            messages.SUCCESS,
        )
