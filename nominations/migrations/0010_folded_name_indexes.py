"""Search without diacritics on PostgreSQL (config/search.py): trigram indexes on the folded names the
reviewer queue and the public registry search. The function itself comes from units 0002."""

import importlib

from django.db import migrations

INDEXES = {
    "nominee_name_fold_trgm": ("nominations_nominee", "subject_name"),
    "decisionline_name_fold_trgm": ("nominations_decisionline", "subject_name"),
    "decisionline_unit_fold_trgm": ("nominations_decisionline", "unit_name"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    units_0002 = importlib.import_module("units.migrations.0002_fold_function_and_name_indexes")
    with schema_editor.connection.cursor() as cursor:
        units_0002.create_fold_function(cursor)
        units_0002.create_trigram_indexes(cursor, INDEXES)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            for name in INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("nominations", "0009_merge_notification_failures"), ("units", "0002_fold_function_and_name_indexes")]
    operations = [migrations.RunPython(create, drop)]
