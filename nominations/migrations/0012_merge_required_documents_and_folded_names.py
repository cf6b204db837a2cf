from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0010_folded_name_indexes"),
        ("nominations", "0011_seed_required_documents"),
    ]
    operations = []
