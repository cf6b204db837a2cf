"""Joins the law branch (issue 11: corrected 2024 set, the 2025-07-01 set) and the registry-over-time branch
(issue 12). The registry defaults are applied again to every rule set, now including those the law's seed
created or rewrote, and the 2025-07-01 set reads the newest PAR result published by the evaluation date
(the PAR Index of year N is published in the first half of N+1)."""

import datetime

from django.db import migrations

from awards.registry_defaults import apply_registry_defaults

TWO_TIER = datetime.date(2025, 7, 1)


D152 = "Nghị định 152/2025/NĐ-CP"
TERM_NOTE_2024 = ("Decree 152/2025 Art. 4 states that achievements count only from the end of a discipline term; "
                  "for years before 2025-07-01 the province applies the same reading as its own choice [to confirm].")
TERM_NOTE_2025 = "Achievements count only from the end of a discipline term; default terms by level [to confirm]."


def forwards(apps, schema_editor):
    apply_registry_defaults(apps)
    RuleSet = apps.get_model("awards", "RuleSet")
    Criterion = apps.get_model("awards", "Criterion")
    RuleSet.objects.filter(effective_from__gte=TWO_TIER).update(par_basis="latest_published")
    # Every criterion carries its legal basis (issue 11), the ones the registry defaults added included.
    terms = Criterion.objects.filter(kind="discipline_term", document="")
    terms.filter(rule__rule_set__effective_from__gte=TWO_TIER).update(
        document=D152, article="4", source="law", note=TERM_NOTE_2025)
    terms.filter(rule__rule_set__effective_from__lt=TWO_TIER).update(
        document=D152, article="4", source="province", note=TERM_NOTE_2024)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0006_merge_notes_and_registry_over_time"),
        ("awards", "0006_seed_law_2024_2025"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
