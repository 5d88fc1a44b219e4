"""Reminder emails in the administrator's screens: what was sent to whom and when, what
failed and why (the kind of error). Read only: the worker sends and retries."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from righthelp.accounts.admin import PartnershipScoped
from righthelp.reminders.models import ReminderEmail


@admin.register(ReminderEmail)
class ReminderEmailAdmin(PartnershipScoped):
    # An administrator sees the emails of their own partnership's people only.
    partnership_path = "user__team__agency__partnership"
    list_display = ("user", "for_day", "status", "attempts", "last_error", "sent_at")
    list_filter = ("status", "for_day")
    search_fields = ("user__username",)
    list_select_related = ("user",)
    readonly_fields = (
        "user",
        "for_day",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
