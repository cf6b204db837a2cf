"""The OpenAPI schema is valid, and schemathesis, run in-process over it against the WSGI app, finds no
server error (5xx) on any operation."""

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from api.models import ApiToken

from .factories import ParResultFactory
from .factories_reports import build_registry


def test_schema_is_valid_openapi(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)  # raises on an invalid OpenAPI 3 document
    paths = set(schema["paths"])
    assert {"/api/units/", "/api/par-results/", "/api/campaigns/", "/api/decisions/", "/api/awards/",
            "/api/imports/ratings/", "/api/imports/par-results/"} <= paths
    assert "tokenAuth" in schema["components"]["securitySchemes"]


@pytest.fixture
def wsgi_app(settings):
    """The real WSGI app, kept from closing the test's database connection between requests (as Django's
    test client does)."""
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]  # schemathesis calls the app as localhost
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token(province, administrator):
    registry = build_registry(province)
    ParResultFactory(unit=registry["a"], year=2024)
    return ApiToken.issue(administrator)[1]


def test_no_server_error(wsgi_app, token):
    """Every operation of the schema, a dozen generated cases each (schemathesis strategies driven by
    hypothesis here rather than by schemathesis' pytest plugin)."""
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    seen = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=12, deadline=None, derandomize=True, database=None,
                             suppress_health_check=list(HealthCheck))
        def call(case):
            response = case.call(headers={"Authorization": f"Token {token}"})
            seen.append(response.status_code)
            assert response.status_code < 500, (case.method, case.formatted_path, case.body, case.query,
                                                response.text[:500])

        call()
    assert 200 in seen and any(400 <= status < 500 for status in seen)
