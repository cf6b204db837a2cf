from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0013_council_conflicts"),
        ("nominations", "0013_merge_notification_params"),
    ]
    operations = []
