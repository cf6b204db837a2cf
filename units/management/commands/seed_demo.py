"""`python manage.py seed_demo`: build the demo province and print one login per role."""

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError

from units import demo
from units.demo.logins import format_table


def iso_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"a date as YYYY-MM-DD, not “{value}”") from error


class Command(BaseCommand):
    help = ("Build a demo province (units, people, three years of records, PAR results, honours), demo logins and "
            "the demo campaigns, as of today: the open annual round is this year's from November, else last year's.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--people", type=int, default=2200, help="About how many people (default 2200).")
        parser.add_argument("--units-only", action="store_true",
                            help="Units, PAR results and logins; no people and no campaigns.")
        parser.add_argument("--no-workflow", action="store_true", help="The registry only; no demo campaigns.")
        parser.add_argument("--password", default=demo.DEFAULT_PASSWORD, help="The shared demo password.")
        parser.add_argument("--today", type=iso_day,
                            help="Seed the demo as of this day, YYYY-MM-DD (default: the local date); for tests and "
                                 "demos of other dates. The app's own clock stays the real one.")
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
        try:
            result = demo.seed_demo(
                seed=options["seed"], people=options["people"], units_only=options["units_only"],
                password=options["password"], today=options["today"], workflow=not options["no_workflow"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
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
        self.stdout.write(self._rounds(result))

    def _rounds(self, result) -> str:
        """The closing summary: the day, the open annual round and the finished one."""
        from nominations.demo import annual_rounds

        line = f"As of {result.today:%d/%m/%Y} the open annual round is {result.open_year}'s"
        open_campaign, finished = annual_rounds()
        if open_campaign is None:
            return line + " (no demo campaigns built)."
        line += (f": “{open_campaign.title}” (year {open_campaign.year}, open "
                 f"{open_campaign.opens_on:%d/%m/%Y}–{open_campaign.closes_on:%d/%m/%Y})")
        if finished is not None:
            line += f"; “{finished.title}” (year {finished.year}) is decided and published"
        if open_campaign.year != result.open_year:
            line += (f" — but the demo campaigns are of {open_campaign.year}: they were built as of another day; "
                     "run with --reset to follow the calendar")
        return line + "."
