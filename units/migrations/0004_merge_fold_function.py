from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0002_fold_function_and_name_indexes"),
        ("units", "0003_merge_cluster_scores_and_registry_over_time"),
    ]
    operations = []
