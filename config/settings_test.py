"""Settings for the test suite: the production settings with a fixed key, fast hashing, plain HTTP and
eager Celery (the service suite turns eager off and runs a real worker)."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "laurel-test-suite-key-" + "x" * 40)
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LAUREL_VAR_DIR", os.path.join(tempfile.gettempdir(), f"laurel-test-{os.getpid()}"))

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
AXES_ENABLED = os.environ.get("AXES_ENABLED", "1") == "1"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns about a missing root)
