from __future__ import annotations

from django.contrib import admin

from righthelp.partnerships.models import Agency, Partnership, PartnershipPack, Team


class PartnershipPackInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PartnershipPack
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "slug", "small_number_threshold")
    inlines = [PartnershipPackInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "partnership")
    list_filter = ("partnership",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "agency", "front_door")
    list_filter = ("agency__partnership",)
