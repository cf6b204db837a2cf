"""On PostgreSQL, a trigram index serves the queue's "name contains" search (Django's icontains is
UPPER(col::text) LIKE UPPER('%…%')). pg_trgm is a trusted extension: the database owner may create it.
Other databases (SQLite in development) get nothing."""

from django.db import migrations

INDEX = "nominee_name_trgm"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON nominations_nominee '
            'USING gin (UPPER("subject_name"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("nominations", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
