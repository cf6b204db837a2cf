from django.db import migrations

RED = "#b3141b"
BLACK = "#1a1a1a"


def _text(placeholder=None, text=None, **kwargs):
    box = {"kind": "text", **kwargs}
    if placeholder:
        box["placeholder"] = placeholder
    else:
        box["text"] = text
    return box


# On a pre-printed blank the frame, the motto, "TẶNG" and the heading are already on the paper
# (preprinted); the overlay prints the rest at the same positions.

# Bằng khen, A3 landscape (420 × 297 mm). The bottom right keeps 35 mm between the signer's title and
# name for the signature and seal.
BANG_KHEN = {
    "border": {"style": "ornate", "color": "#9e1b1f", "accent": "#c9a23a", "margin": 8, "band": 12},
    "boxes": [
        {"kind": "emblem", "x": 210, "y": 27, "size": 27, "color": "#c8161d", "accent": "#f2c230"},
        _text("motto_line1", x=60, y=57, width=300, height=9, font="bold", size=16, color=BLACK),
        _text("motto_line2", x=60, y=66, width=300, height=8, font="bold", size=15, color=BLACK),
        {"kind": "line", "x1": 180, "y1": 75, "x2": 240, "y2": 75, "width": 0.8, "color": BLACK},
        _text("issuer_line", x=40, y=81, width=340, height=10, font="bold", size=18, min_size=12, color=RED),
        _text(text="TẶNG", x=160, y=95, width=100, height=9, font="bold", size=16, color=BLACK),
        _text("title_line", x=60, y=105, width=300, height=26, font="bold", size=60, min_size=36, color=RED,
              letter_spacing=8, preprinted=True),
        _text("recipient", x=40, y=135, width=340, height=15, font="bold", size=30, min_size=16,
              color="#0d2a5c"),
        _text("position_line", x=45, y=152, width=330, height=9, font="italic", size=16, min_size=10,
              color=BLACK),
        _text("achievement", x=55, y=164, width=310, height=30, font="regular", size=16, min_size=11,
              max_lines=3, leading=1.35, color=BLACK),
        {"kind": "qr", "x": 35, "y": 218, "size": 30},
        _text("decision_line", x=68, y=220, width=130, height=7, font="regular", size=12, min_size=8,
              align="left", color=BLACK),
        _text("registry_line", x=68, y=228, width=130, height=7, font="bold", size=12, min_size=8,
              align="left", color=BLACK),
        _text("verification_code", x=68, y=236, width=130, height=6, font="regular", size=10, min_size=7,
              align="left", color="#444444"),
        _text("edition_line", x=68, y=243, width=130, height=6, font="italic", size=10, min_size=7,
              align="left", color="#444444"),
        _text("place_date_line", x=245, y=200, width=150, height=8, font="italic", size=14, min_size=9,
              color=BLACK),
        _text("signer_title", x=245, y=209, width=150, height=14, font="bold", size=14, min_size=9,
              max_lines=2, leading=1.25, color=BLACK),
        _text("signer_name", x=245, y=258, width=150, height=9, font="bold", size=16, min_size=10,
              color=BLACK),
    ],
}

# Giấy khen, A4 landscape (297 × 210 mm).
GIAY_KHEN = {
    "border": {"style": "ornate", "color": "#1f4e8c", "accent": "#c9a23a", "margin": 6, "band": 8},
    "boxes": [
        _text("motto_line1", x=40, y=22, width=217, height=7, font="bold", size=12.5, color=BLACK),
        _text("motto_line2", x=40, y=29, width=217, height=6, font="bold", size=12, color=BLACK),
        {"kind": "line", "x1": 127, "y1": 36, "x2": 170, "y2": 36, "width": 0.6, "color": BLACK},
        _text("issuer_line", x=28, y=41, width=241, height=8, font="bold", size=13.5, min_size=9, color=RED),
        _text(text="TẶNG", x=110, y=51, width=77, height=7, font="bold", size=12, color=BLACK),
        _text("title_line", x=40, y=58, width=217, height=19, font="bold", size=42, min_size=26, color=RED,
              letter_spacing=5, preprinted=True),
        _text("recipient", x=28, y=80, width=241, height=11, font="bold", size=21, min_size=12,
              color="#0d2a5c"),
        _text("position_line", x=30, y=92, width=237, height=7, font="italic", size=12, min_size=8,
              color=BLACK),
        _text("achievement", x=36, y=101, width=225, height=22, font="regular", size=12, min_size=8.5,
              max_lines=3, leading=1.35, color=BLACK),
        {"kind": "qr", "x": 24, "y": 146, "size": 24},
        _text("decision_line", x=50, y=148, width=95, height=5, font="regular", size=9, min_size=6.5,
              align="left", color=BLACK),
        _text("registry_line", x=50, y=154, width=95, height=5, font="bold", size=9, min_size=6.5,
              align="left", color=BLACK),
        _text("verification_code", x=50, y=160, width=95, height=5, font="regular", size=8, min_size=6,
              align="left", color="#444444"),
        _text("edition_line", x=50, y=166, width=95, height=5, font="italic", size=8, min_size=6,
              align="left", color="#444444"),
        _text("place_date_line", x=170, y=127, width=105, height=6, font="italic", size=11, min_size=7,
              color=BLACK),
        _text("signer_title", x=170, y=133, width=105, height=11, font="bold", size=11, min_size=7,
              max_lines=2, leading=1.25, color=BLACK),
        _text("signer_name", x=170, y=179, width=105, height=7, font="bold", size=12, min_size=8,
              color=BLACK),
    ],
}

TEMPLATES = [
    ("Bằng khen – A3 ngang", 420, 297, BANG_KHEN, ["BK_TINH", "CSTD_TINH", "TTLDXS"]),
    ("Giấy khen – A4 ngang", 297, 210, GIAY_KHEN, ["GK", "CSTDCS", "TTLDTT"]),
]


def seed(apps, schema_editor):
    Template = apps.get_model("certificates", "CertificateTemplate")
    AwardType = apps.get_model("awards", "AwardType")
    for name, width, height, layout, codes in TEMPLATES:
        template, _ = Template.objects.update_or_create(
            name=name, defaults={"page_width_mm": width, "page_height_mm": height, "layout": layout}
        )
        template.awards.set(AwardType.objects.filter(code__in=codes))


def unseed(apps, schema_editor):
    apps.get_model("certificates", "CertificateTemplate").objects.filter(
        name__in=[t[0] for t in TEMPLATES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial"), ("awards", "0002_seed_award_types")]
    operations = [migrations.RunPython(seed, unseed)]
