"""Every operation of the OpenAPI document, called with requests generated from the
document itself (schemathesis, on Hypothesis): whatever is sent, the API answers with a
status the document lists and a body that matches it, and never with a server error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, positive_data_acceptance

from righthelp.api.tokens import token_issue
from righthelp.conftest import Cast

pytestmark = pytest.mark.django_db

# Reading the document needs no database: it is generated from the operations.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_s_connection() -> Iterator[None]:
    """Django's WSGI handler closes the database connection after each request, which on
    PostgreSQL would end the test's transaction; its test client does the same as this."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(cast: Cast) -> str:
    """Bob's: a manager sees families, their records and the dashboards."""
    return token_issue(user=cast.bob, name="Fuzzing", by=None).secret


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_request_as_its_document_says(case: Any, token: str) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        additional_checks=[not_a_server_error],
        # A request the document allows may still break a rule the document cannot say (an
        # agency that does not exist, a date in the future): that is a 422, not a fault.
        excluded_checks=[positive_data_acceptance],
    )
