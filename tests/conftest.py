import pytest
from django.core.cache import cache

from accounts.roles import Role

from .factories import UnitFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters (API throttling, the verify page) live in the process's cache: each test starts
    with none, as a test's database starts empty."""
    cache.clear()
    yield


@pytest.fixture
def province(db):
    return UnitFactory(code="TINH", name="Tỉnh Khánh Hòa", kind="province")


@pytest.fixture
def make_user(db):
    def make(*roles, unit=None, **kwargs):
        return UserFactory(roles=roles, unit=unit, **kwargs)

    return make


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.REVIEWER)


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def province_signer(settings, tmp_path):
    """A real signing key and certificate, issued by a test CA and plugged in through the settings a
    province sets (PKCS#12 file, its password, the CA as trust root)."""
    from .factories_signing import make_province_signer

    signer = make_province_signer(tmp_path / "signing")
    signer.plug_in(settings)
    return signer
