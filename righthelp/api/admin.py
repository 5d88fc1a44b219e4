"""API tokens in the administrator's screens: who holds one, for what, until when, last
used when; and revoking them. Tokens are issued on the server (`righthelp token issue`),
where the secret is shown once, so there is no 'add' here."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from righthelp.accounts.admin import PartnershipScoped
from righthelp.api.models import ApiToken
from righthelp.api.tokens import token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(PartnershipScoped):
    partnership_path = "user__team__agency__partnership"
    list_display = (
        "prefix",
        "user",
        "name",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "user__username", "name")
    list_select_related = ("user",)
    readonly_fields = (
        "prefix",
        "user",
        "name",
        "created_at",
        "created_by",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    exclude = ("digest",)
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # a revoked token stays on record, as its audit events refer to it

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            token_revoke(token=token, by=request.user)  # type: ignore[arg-type]
        self.message_user(request, f"{len(tokens)} token(s) revoked.", messages.SUCCESS)
