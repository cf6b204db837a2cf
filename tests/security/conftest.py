import pytest
from django.db import transaction
from django.test import Client, override_settings

from .helpers_world import build_world


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db, media):
    return build_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for a whole module, inside a transaction rolled back at its end (like a TestCase's
    setUpTestData). Tests using it must also ask for `db` (a savepoint each) and must not rely on
    changes to the Python objects."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            for role, user in world.users.items():  # signed in once for the module (sessions kept)
                world.clients[role] = Client()
                if user is not None:
                    world.clients[role].force_login(user)
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
