"""Attachments uploaded before names were corrected get the extension of their sniffed type
("Tờ trình.hta" holding a PDF becomes "Tờ trình.pdf"); the stored files already had it."""

import os

from django.db import migrations

EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "image/jpeg": ".jpg",
    "image/png": ".png",
}
ALIASES = {"image/jpeg": {".jpeg", ".jpe"}}


def correct_names(apps, schema_editor):
    Attachment = apps.get_model("nominations", "Attachment")
    for attachment in Attachment.objects.only("pk", "original_name", "content_type").iterator():
        wanted = EXTENSIONS.get(attachment.content_type)
        base, ext = os.path.splitext(attachment.original_name)
        if not wanted or not base or ext.lower() == wanted or ext.lower() in ALIASES.get(attachment.content_type, ()):
            continue
        Attachment.objects.filter(pk=attachment.pk).update(original_name=(base + wanted)[:255])


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0005_decision_number_per_issuer_year"),
    ]

    operations = [
        migrations.RunPython(correct_names, migrations.RunPython.noop),
    ]
