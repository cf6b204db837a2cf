from decimal import Decimal

from django.db import migrations

# The eight provincial-level award codes of the domain notes. Cash multiples: firm values from the
# Decree, defaults where the notes mark them so (BK_TINH, GK, CO_TINH); administrators can edit them.
AWARD_TYPES = [
    # code, name_vi, name_en, recipient, issuer, campaign kinds, certificate, person x, collective x, rank
    ("CO_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh", "Provincial Emulation Flag", "collective",
     "provincial_chair", ["annual"], "flag", "0", "8.0", 90),
    ("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", "Provincial Emulation Fighter", "person",
     "provincial_chair", ["annual"], "bang_khen", "3.0", "0", 85),
    ("TTLDXS", "Tập thể lao động xuất sắc", "Excellent Labour Collective", "collective",
     "provincial_chair", ["annual"], "bang_khen", "0", "1.5", 80),
    ("BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Provincial Certificate of Merit", "both",
     "provincial_chair", ["annual", "thematic", "adhoc", "long_service"], "bang_khen", "1.0", "2.0", 70),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "Grassroots Emulation Fighter", "person",
     "unit_head", ["annual"], "giay_khen", "1.0", "0", 50),
    ("TTLDTT", "Tập thể lao động tiên tiến", "Advanced Labour Collective", "collective",
     "unit_head", ["annual"], "giay_khen", "0", "0.8", 40),
    ("GK", "Giấy khen", "Certificate of Commendation", "both",
     "unit_head", ["annual", "thematic", "adhoc"], "giay_khen", "0.3", "0.6", 30),
    ("LDTT", "Lao động tiên tiến", "Advanced Worker", "person",
     "unit_head", ["annual"], "none", "0.3", "0", 10),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    for code, vi, en, recipient, issuer, kinds, cert, per, coll, rank in AWARD_TYPES:
        AwardType.objects.update_or_create(
            code=code,
            defaults=dict(
                name_vi=vi, name_en=en, recipient_kind=recipient, issuing_level=issuer,
                campaign_kinds=kinds, certificate_kind=cert, cash_multiple_person=Decimal(per),
                cash_multiple_collective=Decimal(coll), rank=rank,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
