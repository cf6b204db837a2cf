"""The documents a dossier holds (domain brief, "Campaigns and dossiers"): the proposal letter, the minutes
of the unit's council with its vote, an achievement report per nominee (a short summary for ad-hoc)."""

from django.db import migrations

ROWS = {
    "annual": [("proposal_letter", False, False), ("council_minutes", False, False),
               ("achievement_report", True, False)],
    "thematic": [("proposal_letter", False, False), ("council_minutes", False, False),
                 ("achievement_report", True, False)],
    "long_service": [("proposal_letter", False, False), ("council_minutes", False, False),
                     ("achievement_report", True, False)],
    "adhoc": [("proposal_letter", False, False), ("council_minutes", False, False),
              ("achievement_report", True, True)],
}


def seed(apps, schema_editor):
    RequiredDocument = apps.get_model("nominations", "RequiredDocument")
    for campaign_kind, rows in ROWS.items():
        for position, (kind, per_nominee, summary_suffices) in enumerate(rows):
            RequiredDocument.objects.get_or_create(
                campaign_kind=campaign_kind, kind=kind,
                defaults={"per_nominee": per_nominee, "summary_suffices": summary_suffices, "position": position})


def unseed(apps, schema_editor):
    apps.get_model("nominations", "RequiredDocument").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("nominations", "0010_required_documents")]
    operations = [migrations.RunPython(seed, unseed)]
