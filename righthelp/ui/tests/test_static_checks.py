"""A release whose CSS names a file that is not there is stopped by `check`, before
`collectstatic` fails on it (or a server answers 500 on every page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from righthelp.ui.checks import static_manifest_complete, static_references_resolve

ONLY_THESE = ["django.contrib.staticfiles.finders.FileSystemFinder"]
MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_the_shipped_static_files_are_whole() -> None:
    assert static_references_resolve(None) == []


@pytest.fixture
def static_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "static"
    (folder / "kit" / "assets").mkdir(parents=True)
    (folder / "kit" / "assets" / "font.woff2").write_bytes(b"font")
    (folder / "kit" / "kit.css").write_text(
        "@font-face{src:url(assets/font.woff2)}a{background:url(data:image/png;base64,AA)}\n"
        "b{background:url(https://example.invalid/x.png)}\n"
        "/*# sourceMappingURL=kit.css.map */\n"
    )
    return folder


def test_a_source_map_named_but_not_shipped_is_an_error(static_dir: Path) -> None:
    with override_settings(STATICFILES_DIRS=[static_dir], STATICFILES_FINDERS=ONLY_THESE):
        errors = static_references_resolve(None)
    assert [(e.id, e.msg) for e in errors] == [
        (
            "righthelp.E002",
            "Static file kit/kit.css refers to 'kit.css.map', which is not among the static files.",
        )
    ]
    (static_dir / "kit" / "kit.css.map").write_text("{}")
    with override_settings(STATICFILES_DIRS=[static_dir], STATICFILES_FINDERS=ONLY_THESE):
        assert static_references_resolve(None) == []


def test_a_missing_font_in_a_subfolder_is_an_error(static_dir: Path) -> None:
    (static_dir / "kit" / "kit.css.map").write_text("{}")
    (static_dir / "kit" / "assets" / "font.woff2").unlink()
    with override_settings(STATICFILES_DIRS=[static_dir], STATICFILES_FINDERS=ONLY_THESE):
        errors = static_references_resolve(None)
    assert ["'assets/font.woff2'" in e.msg for e in errors] == [True]


def test_deploy_check_wants_a_manifest_listing_every_static_file(
    static_dir: Path, tmp_path: Path
) -> None:
    (static_dir / "kit" / "kit.css.map").write_text("{}")
    root = tmp_path / "collected"
    with override_settings(
        STATICFILES_DIRS=[static_dir],
        STATICFILES_FINDERS=ONLY_THESE,
        STATIC_ROOT=root,
        STORAGES=MANIFEST,
    ):
        assert [e.id for e in static_manifest_complete(None)] == ["righthelp.E003"]
        call_command("collectstatic", interactive=False, verbosity=0)
        assert static_manifest_complete(None) == []
        (static_dir / "kit" / "new.js").write_text("let a = 1;\n")
        [error] = static_manifest_complete(None)
    assert error.id == "righthelp.E003"
    assert "kit/new.js" in error.msg
