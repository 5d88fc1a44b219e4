from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from righthelp.documents.pdf import ForbiddenFetch, StaticFilesOnly, render_pdf


def test_a_template_becomes_a_pdf_that_reads_back() -> None:
    pdf = render_pdf("documents/example.html", {"title": "Team Around the Family plan"})
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Team Around the Family plan" in text
    assert "CONFIDENTIAL" in text.upper()


@pytest.mark.parametrize("url", ["https://example.org/x.css", "file:///etc/passwd"])
def test_documents_never_fetch_from_outside(url: str) -> None:
    with pytest.raises(ForbiddenFetch):
        StaticFilesOnly().fetch(url)
