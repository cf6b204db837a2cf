"""Seeds which unit kinds the PAR Index scores and the group each ranks in (issue 12): agencies, districts and
communes rank apart; every other kind (province, public service units, enterprises, internal offices, other)
has no row and so is not scored. Editable in the admin; a row with a later effective year overrides."""

from django.db import migrations

FROM_YEAR = 2000
SEED = {"agency": "agencies", "district": "districts", "commune": "communes"}
NOTE = ("PAR Index (Chỉ số cải cách hành chính): provincial agencies, districts and communes are scored and ranked "
        "each within their own group.")


def seed(apps, schema_editor):
    ParGroupKind = apps.get_model("awards", "ParGroupKind")
    for kind, group in SEED.items():
        ParGroupKind.objects.get_or_create(unit_kind=kind, effective_from_year=FROM_YEAR,
                                           defaults={"group": group, "notes": NOTE})


def unseed(apps, schema_editor):
    apps.get_model("awards", "ParGroupKind").objects.filter(effective_from_year=FROM_YEAR,
                                                            unit_kind__in=list(SEED)).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0008_par_group_kind")]
    operations = [migrations.RunPython(seed, unseed)]
