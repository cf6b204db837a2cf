"""run_import: read a file, check it whole, and write it in one transaction only when every row is good."""

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from ..signals import records_imported
from . import dated, records, tree
from .lookups import Lookups, RowProblem
from .readers import ReadError, read_table
from .report import ImportReport
from .schemas import SCHEMAS
from .upsert import drop_duplicates, plan_upsert, write
from .validation import check_header, parse_rows

KINDS = tuple(SCHEMAS)


class _Rollback(Exception):
    pass


# The key of PostgreSQL's advisory lock that lets one import write at a time ("LAUR").
IMPORT_LOCK_KEY = 0x4C415552


def _one_import_at_a_time():
    """Imports that write run one after the other, so that the same file sent twice at once is imported
    once and then found unchanged, instead of the second failing on the first one's new rows. SQLite's
    immediate transactions already take the database's write lock at BEGIN; PostgreSQL takes an advisory
    lock held until the transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def run_import(kind: str, source, *, dry_run: bool = False, filename: str | None = None) -> ImportReport:
    """Import `source` (a path or a binary file object, CSV or XLSX) as records of `kind`.

    All or nothing: when any row is bad nothing is written and the report lists every problem.
    Re-importing the same file changes nothing. A dry run checks and counts without writing."""
    if kind not in SCHEMAS:
        raise ValueError(f"Unknown import kind {kind!r}; expected one of {', '.join(KINDS)}")
    schema = SCHEMAS[kind]
    report = ImportReport(kind=kind, dry_run=dry_run)
    try:
        table = read_table(source, filename)
    except ReadError as exc:
        report.add_error(exc.line, exc.column, exc.message)
        return report
    if not check_header(schema, table.headers, report):
        return report
    rows = parse_rows(schema, table, report)
    if not report.rows:
        report.add_error(0, "", _("The file has no data rows."))
        return report
    try:
        with transaction.atomic():
            if not dry_run:
                _one_import_at_a_time()
            years, unit_ids = _apply(kind, rows, report)
            if not report.ok or dry_run:
                raise _Rollback
            transaction.on_commit(
                lambda: records_imported.send(sender=ImportReport, kind=kind, years=years, unit_ids=unit_ids)
            )
    except _Rollback:
        if not report.ok:  # nothing was written, so nothing was created or updated either
            report.created = report.updated = report.unchanged = 0
    except IntegrityError as exc:  # a concurrent writer got there between our checks and our writes
        report.created = report.updated = report.unchanged = 0
        report.add_error(0, "", _("The records changed while the file was being imported (%(error)s); "
                                  "nothing was written. Please try again.") % {"error": exc})
    report.errors.sort(key=lambda error: error.line)
    return report


def _apply(kind: str, rows, report: ImportReport) -> tuple[set[int], set[int]]:
    """Check the rows against the database, count the outcomes, and write unless there are errors or
    this is a dry run. Returns the years and unit ids touched."""
    if kind == "units":
        plan = tree.plan_units(rows, report)
        if report.ok and not report.dry_run:
            tree.write_units(plan)
        return set(), plan.unit_ids

    lookups = Lookups()
    build = records.BUILDERS[kind]
    targets = []
    for row in rows:
        if not row.ok:
            for problem in lookups.unknown_references(row.values):
                report.add_error(row.line, problem.column, problem.message)
            continue
        try:
            targets.append(build(row, lookups))
        except RowProblem as exc:
            report.add_error(row.line, exc.column, exc.message)
    targets = drop_duplicates(targets, report)
    if report.ok and kind in dated.CHECKS:
        dated.CHECKS[kind](targets, report)
    if not report.ok:
        return set(), set()
    plan = plan_upsert(targets, report, guard=records.GUARDS.get(kind))
    if report.ok and not report.dry_run:
        write(plan)
        if kind in dated.AFTER_WRITE:
            dated.AFTER_WRITE[kind](plan, targets)
    return plan.years, plan.unit_ids
