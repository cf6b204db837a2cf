"""The production settings for the browser story against gunicorn, with one concession: the test users'
passwords were hashed by the test suite's fast MD5 hasher, so production also accepts (and upgrades) those."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
