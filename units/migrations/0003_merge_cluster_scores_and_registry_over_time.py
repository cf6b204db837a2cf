from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0002_cluster_scores"),
        ("units", "0002_registry_over_time"),
    ]
    operations = []
