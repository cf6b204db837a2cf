"""`python manage.py backup DIR`: a consistent backup of the database and the media files into a new directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ops.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a consistent backup (database dump, media files, manifest with SHA-256) into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="A directory that does not exist yet, or is empty.")

    def handle(self, directory, **options):
        try:
            manifest = create_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["database"]["tables"]
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(_("Backup written to %(path)s: %(tables)d tables, %(rows)d rows, %(files)d media files.")
                          % {"path": directory, "tables": len(tables), "rows": sum(tables.values()), "files": media})
