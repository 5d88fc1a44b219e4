"""System checks: a deployment whose packs do not load must not start quietly."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from righthelp.core.packs.problems import PackLoadError
from righthelp.packstore.registry import installed_packs


@register()
def packs_load(app_configs: Any, **kwargs: Any) -> list[Error]:
    installed_packs.cache_clear()
    try:
        installed_packs()
    except PackLoadError as error:
        return [
            Error(
                f"Practice pack {error.directory} does not load.",
                hint="\n".join(str(problem) for problem in error.problems),
                id="righthelp.E001",
            )
        ]
    return []
