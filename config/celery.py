import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("laurel")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

import ops.celery_signals  # noqa: E402,F401  (request ids in task headers; worker logs through Django's LOGGING)
