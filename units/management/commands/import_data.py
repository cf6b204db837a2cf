"""python manage.py import_data KIND FILE [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from units.importing import KINDS, run_import


class Command(BaseCommand):
    help = "Import units, people or yearly records from a CSV (UTF-8) or XLSX file. All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file", help="Path of the .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="Check and count without writing anything")

    def handle(self, *args, kind, file, dry_run, **options):
        try:
            report = run_import(kind, file, dry_run=dry_run)
        except OSError as exc:
            raise CommandError(f"Cannot open {file}: {exc}") from exc
        mode = " (dry run, nothing written)" if dry_run else ""
        self.stdout.write(
            f"{kind}: {report.rows} rows, {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged{mode}"
        )
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(f"{len(report.errors)} error(s) in the file; nothing was written.")
        self.stdout.write(self.style.SUCCESS("Checked: no errors." if dry_run else "Imported."))
