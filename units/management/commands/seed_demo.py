"""`python manage.py seed_demo`: build the demo province and print one login per role."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError

from units import demo
from units.demo.logins import format_table


class Command(BaseCommand):
    help = "Build a demo province (units, people, three years of records, PAR results, honours) and demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--people", type=int, default=2200, help="About how many people (default 2200).")
        parser.add_argument("--units-only", action="store_true",
                            help="Units, PAR results and logins; no people and no campaigns.")
        parser.add_argument("--no-workflow", action="store_true", help="The registry only; no demo campaigns.")
        parser.add_argument("--password", default=demo.DEFAULT_PASSWORD, help="The shared demo password.")
        parser.add_argument("--last-year", type=int, help="Last year of records (default: last full year).")
        parser.add_argument("--reset", action="store_true", help="Delete the demo data first.")

    def handle(self, *args, **options):
        if options["reset"]:
            try:
                demo.reset_demo()
            except ProtectedError as error:
                raise CommandError(f"Cannot reset: other records still use the demo data ({error}).") from error
            self.stdout.write("Deleted the demo campaigns, the demo province and its logins.")
        elif demo.demo_exists():
            self.stdout.write(f"The demo province ({demo.ROOT_CODE}) already exists; nothing added.")
        result = demo.seed_demo(
            seed=options["seed"], people=options["people"], units_only=options["units_only"],
            password=options["password"], last_year=options["last_year"], workflow=not options["no_workflow"],
        )
        if result.created:
            years = f"{result.years[0]}–{result.years[-1]}"
            counts = ", ".join(f"{count} {label}" for label, count in result.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Built the demo province for {years}: {counts}."))
        flow = result.workflow
        if flow is not None:
            for line in flow.lines:
                self.stdout.write(self.style.SUCCESS(line) if flow.created else line)
            if flow.officers:
                self.stdout.write("Unit officers who filed the other dossiers (same password): "
                                  + ", ".join(flow.officers) + ".")
        self.stdout.write("")
        self.stdout.write(format_table(result.logins))
