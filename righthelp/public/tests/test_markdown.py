"""Pack guidance Markdown becomes GOV.UK-styled HTML, and never carries markup of its own."""

from __future__ import annotations

from righthelp.public.markdown import render_markdown


def test_govuk_classes() -> None:
    html = render_markdown("## Heading\n\nSome **bold** text.\n\n- one\n- two\n\n1. first\n")
    assert '<h2 class="govuk-heading-m">Heading</h2>' in html
    assert '<p class="govuk-body">Some <strong>bold</strong> text.</p>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html


def test_html_in_a_pack_is_shown_as_text() -> None:
    html = render_markdown('<script>alert(1)</script>\n\nText <img src=x onerror="alert(1)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_only_safe_links() -> None:
    html = render_markdown("[bad](javascript:alert(1)) [good](https://example.org)")
    assert 'href="javascript' not in html
    assert '<a href="https://example.org" class="govuk-link">good</a>' in html
