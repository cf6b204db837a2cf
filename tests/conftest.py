import pytest

from accounts.roles import Role

from .factories import UnitFactory, UserFactory


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
