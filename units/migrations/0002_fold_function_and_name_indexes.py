"""Search without diacritics (config/search.py): on PostgreSQL the SQL function laurel_fold(text) —
lower(unaccent(…)), declared IMMUTABLE so that it can be indexed, or a translate() of the Latin letters
where the unaccent extension is not available — and trigram indexes on the folded names of people and
units. unaccent and pg_trgm are trusted extensions: the database owner may create them. SQLite gets the
function from config.search on every connection, and nothing here."""

from django.db import migrations

from config.search import SQL_FUNCTION, translate_table

INDEXES = {
    "units_person_name_fold_trgm": ("units_person", "full_name"),
    "units_unit_name_fold_trgm": ("units_unit", "name"),
}


def _available(cursor, name):
    cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = %s", [name])
    return cursor.fetchone() is not None


def create_fold_function(cursor):
    """Shared with later migrations of other apps (idempotent)."""
    if _available(cursor, "unaccent"):
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                       "WHERE e.extname = 'unaccent'")
        schema = cursor.fetchone()[0]
        body = f"SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, $1))"
    else:
        source, target = translate_table()
        body = f"SELECT lower(translate($1, '{source}', '{target}'))"
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {SQL_FUNCTION}(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fold$ {body} $fold$"
    )


def create_trigram_indexes(cursor, indexes):
    if not _available(cursor, "pg_trgm"):
        return
    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in indexes.items():
        cursor.execute(f'CREATE INDEX IF NOT EXISTS {name} ON {table} '
                       f'USING gin ({SQL_FUNCTION}("{column}") gin_trgm_ops)')


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        create_fold_function(cursor)
        create_trigram_indexes(cursor, INDEXES)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
