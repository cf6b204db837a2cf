"""`python manage.py restore DIR`: bring a backup made by `backup` back into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ops.backups import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = ("Restore a backup made by `manage.py backup` into an empty database (checksums are verified first). "
            "Run `manage.py migrate` afterwards when the backup is older than the code.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--force", action="store_true",
                            help="Replace the contents of a database that is not empty, and same-named media files.")
        parser.add_argument("--check", action="store_true", help="Only verify the backup's checksums.")

    def handle(self, directory, force=False, check=False, **options):
        try:
            if check:
                manifest = verify_backup(directory)
                self.stdout.write(_("The backup of %(date)s is complete and intact.")
                                  % {"date": manifest["created_at"]})
                return
            result = restore_backup(directory, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Restored %(tables)d tables, %(rows)d rows and %(media_files)d media files from %(path)s.")
                          % {**result, "path": directory})
