"""The packs this installation serves, loaded once per process.

Packs change only with a deployment, so caching them for the life of the process is
safe; tests that change the pack roots call ``installed_packs.cache_clear()``.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings

from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import PackRegistry, registry_with


@cache
def installed_packs() -> PackRegistry:
    registry = registry_with(settings.RIGHTHELP_PACK_ROOTS)
    registry.packs  # noqa: B018 -- load now, so a broken pack fails here and not mid-request
    return registry


def get_pack(pack_id: str) -> Pack:
    return installed_packs().get(pack_id)
