"""The reviewer queue at a million nominees (issue 14): indexes in the queue's sort orders.

On PostgreSQL, covering b-tree indexes (INCLUDE) let a page walk the nominees in the sort order with an
index-only scan, testing the filters on the index entry itself (the dossier conditions are one hashed
subplan on dossier_id, see QueueFilter): by name within a campaign, nominee state and eligibility (the
Board's usual view), and by name with any of the nominee's own filters. SQLite (small databases) gets
neither: its pages stay cheap without them. Both get partial indexes for the "refused before" flag."""

from django.db import migrations, models

COVERING = {
    "nominee_queue_by_name": "(campaign_id, state, verdict, subject_name, id) INCLUDE (dossier_id)",
    "nominee_by_name": "(subject_name, id) INCLUDE (campaign_id, state, verdict, award_id, dossier_id)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, columns in COVERING.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON nominations_nominee {columns}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in COVERING:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0009_seed_par_group_kinds"),
        ("nominations", "0017_decision_signature"),
        ("units", "0005_queue_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="nominee",
            index=models.Index(condition=models.Q(("state", "rejected")), fields=["campaign", "award", "person"],
                               name="nominee_refused_person"),
        ),
        migrations.AddIndex(
            model_name="nominee",
            index=models.Index(condition=models.Q(("state", "rejected")), fields=["campaign", "award", "unit"],
                               name="nominee_refused_unit"),
        ),
        migrations.RunPython(create, drop),
    ]
