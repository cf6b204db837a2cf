"""Benchmark: import 100,000 person ratings (50,000 people x 2 years) from one CSV into a throwaway
SQLite database, then 100,000 assignments (50,000 people x 2 dated periods, with the overlap checks and
Person.unit kept in step; target ≤ 20 s). Prints one JSON object on the last line:
{"rows": 100000, "seconds": ..., "rows_assignments": 100000, "seconds_assignments": ...}.

Run from the repository root: .venv/bin/python bench/import_bench.py"""

import csv
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="laurel-import-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from units.enums import RatingLevel  # noqa: E402
from units.importing import run_import  # noqa: E402
from units.models import Assignment, Person, PersonRating, Unit  # noqa: E402

PEOPLE = 50_000
YEARS = (2023, 2024)


def write_csv(path: Path, seed: int) -> Path:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["year", "person_code", "unit_code", "rating", "score"])
        for year in YEARS:
            for n in range(PEOPLE):
                score = rng.randint(30, 100)
                rating = (RatingLevel.EXCELLENT if score >= 90 else RatingLevel.GOOD if score >= 70
                          else RatingLevel.COMPLETED if score >= 50 else RatingLevel.NOT_COMPLETED)
                writer.writerow([year, f"CB{n:06d}", "", rating.value, score])
    return path


def setup_data() -> Path:
    call_command("migrate", verbosity=0)
    units = [Unit(code=f"B{n:03d}", name=f"Đơn vị {n}", kind="agency", path=f"/{n + 1}/") for n in range(100)]
    Unit.objects.bulk_create(units)
    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    Person.objects.bulk_create(
        [Person(code=f"CB{n:06d}", full_name=f"Nguyễn Thị Hồng {n}", gender="female", unit_id=unit_ids[n % 100])
         for n in range(PEOPLE)],
        batch_size=2000,
    )
    return write_csv(Path(WORKDIR) / "ratings.csv", seed=2024)


def write_assignments(path: Path) -> Path:
    """Each person: at one unit until 30 June 2024, at the next from 1 July 2024 (still there)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person_code", "unit_code", "from", "until", "position"])
        for n in range(PEOPLE):
            writer.writerow([f"CB{n:06d}", f"B{n % 100:03d}", "2019-01-01", "2024-06-30", "Chuyên viên"])
            writer.writerow([f"CB{n:06d}", f"B{(n + 1) % 100:03d}", "2024-07-01", "", "Chuyên viên chính"])
    return path


def timed(path: Path, dry_run: bool = False, kind: str = "ratings"):
    started = time.perf_counter()
    report = run_import(kind, path, dry_run=dry_run)
    return report, time.perf_counter() - started


def main():
    path = setup_data()
    report, seconds = timed(path)
    assert report.ok, report.errors[:5]
    assert report.created == len(YEARS) * PEOPLE, report
    assert PersonRating.objects.count() == len(YEARS) * PEOPLE
    again, again_seconds = timed(path)
    assert again.unchanged == len(YEARS) * PEOPLE, again
    changed, changed_seconds = timed(write_csv(Path(WORKDIR) / "ratings-changed.csv", seed=2025))
    assert changed.ok and changed.updated > 0.9 * len(YEARS) * PEOPLE, changed
    print(f"first import (all created): {seconds:.2f} s", file=sys.stderr)
    print(f"re-import (all unchanged): {again_seconds:.2f} s", file=sys.stderr)
    print(f"import with new scores ({changed.updated} updated): {changed_seconds:.2f} s", file=sys.stderr)
    assignments_path = write_assignments(Path(WORKDIR) / "assignments.csv")
    moved, moved_seconds = timed(assignments_path, kind="assignments")
    assert moved.ok and moved.created == 2 * PEOPLE, (moved.errors[:5], moved)
    assert Assignment.objects.count() == 2 * PEOPLE
    assert Person.objects.get(code="CB000007").unit.code == "B008"  # Person.unit follows today's assignment
    same, same_seconds = timed(assignments_path, kind="assignments")
    assert same.unchanged == 2 * PEOPLE, same
    print(f"assignments (all created): {moved_seconds:.2f} s; re-import: {same_seconds:.2f} s", file=sys.stderr)
    sys.stderr.flush()
    print(json.dumps({"rows": report.rows, "seconds": round(seconds, 2), "rows_assignments": moved.rows,
                      "seconds_assignments": round(moved_seconds, 2)}))


if __name__ == "__main__":
    main()
