from __future__ import annotations

from django.contrib import admin

from righthelp.accounts.admin import PartnershipScoped
from righthelp.partnerships.models import Agency, Partnership, PartnershipPack, Team


class PartnershipPackInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PartnershipPack
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(PartnershipScoped):
    """Partnerships themselves: only the installation's superuser (administrators have no
    permission here), and even then through the scoped base."""

    partnership_path = "pk"
    list_display = ("name", "slug", "small_number_threshold")
    inlines = [PartnershipPackInline]


@admin.register(Agency)
class AgencyAdmin(PartnershipScoped):
    partnership_path = "partnership"
    list_display = ("name",)


@admin.register(Team)
class TeamAdmin(PartnershipScoped):
    partnership_path = "agency__partnership"
    list_display = ("name", "agency", "front_door")
    list_filter = (("agency", admin.RelatedOnlyFieldListFilter),)  # its own agencies only
