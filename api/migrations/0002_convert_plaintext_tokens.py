"""Move the tokens of DRF's authtoken table (keys kept in plain text and shown in the admin) into hashed
ApiToken rows, then drop that table. The keys keep working until they expire (LAUREL_API_TOKEN_DAYS from
this migration); they can no longer be displayed by anyone. A lost key is replaced by a new token."""

import hashlib
from datetime import UTC, timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

LEGACY_TABLE = "authtoken_token"


def convert(apps, schema_editor):
    connection = schema_editor.connection
    ApiToken = apps.get_model("api", "ApiToken")
    if LEGACY_TABLE in connection.introspection.table_names():
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {quote('key')}, {quote('user_id')}, {quote('created')} FROM {quote(LEGACY_TABLE)}")
            rows = cursor.fetchall()
        now = timezone.now()
        expires = now + timedelta(days=settings.LAUREL_API_TOKEN_DAYS)
        for key, user_id, created in rows:
            created = parse_datetime(created) if isinstance(created, str) else created
            if created is not None and timezone.is_naive(created):  # stored in UTC
                created = timezone.make_aware(created, UTC)
            ApiToken.objects.create(
                user_id=user_id, name="converted from the plain-text token table", prefix=key[:8], key_hash=hashlib.sha256(key.encode()).hexdigest(),
                created_at=created or now, expires_at=expires,
            )
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {quote(LEGACY_TABLE)}")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="authtoken").delete()  # and its permissions


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_api_token"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]
    operations = [migrations.RunPython(convert, migrations.RunPython.noop)]
