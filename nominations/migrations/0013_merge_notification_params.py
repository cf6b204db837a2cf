from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0010_notification_params"),
        ("nominations", "0012_merge_required_documents_and_folded_names"),
    ]
    operations = []
