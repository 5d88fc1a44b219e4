"""System checks on the static files: a deployment whose CSS or JavaScript names a file
that is not there must not get as far as `collectstatic` failing (or, worse, serving 500s).

- ``righthelp.E002`` (every run): each static CSS or JavaScript file's references (``url()``,
  ``@import``, ``sourceMappingURL``) resolve to a static file, read the way production's
  manifest storage reads them.
- ``righthelp.E003`` (``check --deploy``): with a manifest storage and ``STATIC_ROOT``, the
  manifest that ``collectstatic`` writes exists and lists every static file.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import HashedFilesMixin, ManifestFilesMixin
from django.core.checks import Error, Tags, register
from django.core.files.storage import storages
from django.utils._os import safe_join

_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    extension: [
        re.compile(pattern[0] if isinstance(pattern, tuple | list) else pattern, re.IGNORECASE)
        for pattern in patterns
    ]
    for extension, patterns in HashedFilesMixin.patterns
}


def static_files() -> dict[str, tuple[Any, str]]:
    """Every static file the finders see: its name (forward slashes) -> (storage, path)."""
    found: dict[str, tuple[Any, str]] = {}
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            prefix = getattr(storage, "prefix", None)
            name = posixpath.join(prefix, path) if prefix else path
            found.setdefault(name.replace("\\", "/"), (storage, path))
    return found


def _target(source: str, url: str) -> str | None:
    """The static file name ``url`` in ``source`` points at; None when it is not one (the
    same rules as Django's manifest storage: data: and absolute URLs are left alone)."""
    if re.match(r"^[a-z]+:", url) or url.startswith("//"):
        return None
    if url.startswith("/") and not url.startswith(settings.STATIC_URL):
        return None
    path, _fragment = urldefrag(url)
    if not path:
        return None
    if path.startswith("/"):
        name = path.removeprefix(settings.STATIC_URL)
    else:
        name = posixpath.join(posixpath.dirname(source), path)
    return posixpath.normpath(unquote(urlsplit(name).path))


def missing_references(found: dict[str, tuple[Any, str]]) -> Iterator[tuple[str, str]]:
    """(file, reference) for each reference that names no static file."""
    for name, (storage, path) in sorted(found.items()):
        extension = posixpath.splitext(name)[1]
        patterns = _PATTERNS.get(f"*{extension}")
        if not patterns:
            continue
        with storage.open(path) as handle:
            text = handle.read().decode("utf-8", errors="replace")
        for pattern in patterns:
            for match in pattern.finditer(text):
                url = match.group("url").strip()
                target = _target(name, url)
                if target is not None and target not in found:
                    yield name, url


@register(Tags.staticfiles)
def static_references_resolve(app_configs: Any, **kwargs: Any) -> list[Error]:
    return [
        Error(
            f"Static file {name} refers to {url!r}, which is not among the static files.",
            hint=(
                "collectstatic will fail on it. For govuk-frontend, run "
                "scripts/vendor-govuk-frontend.sh and commit every file it copies."
            ),
            id="righthelp.E002",
        )
        for name, url in missing_references(static_files())
    ]


@register(Tags.staticfiles, deploy=True)
def static_manifest_complete(app_configs: Any, **kwargs: Any) -> list[Error]:
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin) or not settings.STATIC_ROOT:
        return []
    try:
        manifest_path = safe_join(str(settings.STATIC_ROOT), storage.manifest_name)
        with open(manifest_path, encoding="utf-8") as handle:
            paths = set(json.load(handle).get("paths", {}))
    except (OSError, ValueError):
        return [
            Error(
                f"No static files manifest in STATIC_ROOT ({settings.STATIC_ROOT}).",
                hint="Run `righthelp manage collectstatic --noinput` before serving.",
                id="righthelp.E003",
            )
        ]
    absent = sorted(set(static_files()) - paths)
    if absent:
        return [
            Error(
                f"The static files manifest lacks {len(absent)} file(s), e.g. {absent[0]}.",
                hint="Run `righthelp manage collectstatic --noinput` again for this release.",
                id="righthelp.E003",
            )
        ]
    return []
