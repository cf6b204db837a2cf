"""The dated kinds: heads of units, assignments (a person's unit by date) and reorganisations. Each row is a
Target like the yearly records; CHECKS then look across the file and the database (overlapping periods, a
unit closed twice, a cycle of reorganisations) and AFTER_WRITE keeps the current picture in step (Unit.head,
Person.unit, closed units, people moved by a merge)."""

import datetime
from collections import defaultdict

from django.utils.translation import gettext as _

from .. import timeline
from ..enums import ReorganisationKind
from ..models import Assignment, Headship, Person, Reorganisation, Unit
from .lookups import Lookups, RowProblem
from .report import ImportReport
from .upsert import CHUNKED_LOAD_LIMIT, IN_CHUNK, Plan, Target
from .validation import ParsedRow

NEEDS_NEW = {ReorganisationKind.MERGE, ReorganisationKind.SPLIT, ReorganisationKind.RENAME}
ONE_DAY = datetime.timedelta(days=1)


def _period(values: dict) -> dict:
    if values.get("until") and values["until"] < values["from"]:
        raise RowProblem("until", _("“until” (%(until)s) is before “from” (%(start)s).")
                         % {"until": values["until"].isoformat(), "start": values["from"].isoformat()})
    return {"until": values["until"]} if "until" in values else {}


def heads(row: ParsedRow, lookups: Lookups) -> Target:
    values = row.values
    unit_id = lookups.unit(values["unit_code"])
    person_id, _home = lookups.person(values["person_code"])
    fields = _period(values)
    return Target(row.line, Headship, {"unit_id": unit_id, "person_id": person_id, "start_on": values["from"]},
                  fields, {unit_id}, values["from"].year, "from")


def assignments(row: ParsedRow, lookups: Lookups) -> Target:
    values = row.values
    person_id, home = lookups.person(values["person_code"])
    unit_id = lookups.unit(values["unit_code"])
    fields = _period(values)
    if "position" in values:
        fields["position"] = values["position"]
    return Target(row.line, Assignment, {"person_id": person_id, "unit_id": unit_id, "start_on": values["from"]},
                  fields, {unit_id, home}, values["from"].year, "from")


def reorganisations(row: ParsedRow, lookups: Lookups) -> Target:
    values = row.values
    kind, new_code = values["kind"], values.get("new_code")
    old_id = lookups.unit(values["old_code"], "old_code")
    if kind in NEEDS_NEW and not new_code:
        raise RowProblem("new_code", _("A %(kind)s needs the receiving unit's code.") % {"kind": kind})
    if kind == ReorganisationKind.ABOLISH and new_code:
        raise RowProblem("new_code", _("An abolished unit has no receiving unit; leave new_code blank."))
    new_id = lookups.unit(new_code, "new_code") if new_code else None
    if new_id == old_id:
        raise RowProblem("new_code", _("A unit cannot be reorganised into itself."))
    return Target(row.line, Reorganisation,
                  {"old_unit_id": old_id, "new_unit_id": new_id, "effective_on": values["effective_on"], "kind": kind},
                  {}, {old_id} | ({new_id} if new_id else set()), values["effective_on"].year, "old_code")


# -- checks across the file and the database ---------------------------------------------------------------


def _existing(model, owner: str, ids: set, fields: tuple) -> list[tuple]:
    queryset = model.objects.all()
    if len(ids) <= CHUNKED_LOAD_LIMIT:
        ids = list(ids)
        rows = []
        for start in range(0, len(ids), IN_CHUNK):
            rows += list(queryset.filter(**{f"{owner}__in": ids[start:start + IN_CHUNK]}).values_list(*fields))
        return rows
    return [row for row in queryset.values_list(*fields) if row[0] in ids]


def _check_overlaps(targets, report, owner: str, other: str, message):
    """No two periods of the same owner (a unit's heads, a person's assignments) may overlap."""
    owners = {t.key[owner] for t in targets}
    periods = defaultdict(dict)  # owner -> (other, start) -> (start, until, line)
    for own, oth, start, until in _existing(targets[0].model, owner, owners, (owner, other, "start_on", "until")):
        periods[own][(oth, start)] = (start, until, 0)
    for t in targets:
        key = (t.key[other], t.key["start_on"])
        until = t.fields["until"] if "until" in t.fields else periods[t.key[owner]].get(key, (None, None))[1]
        periods[t.key[owner]][key] = (t.key["start_on"], until, t.line)
    for entries in periods.values():
        ordered = sorted(entries.values(), key=lambda p: (p[0] or datetime.date.min))
        for before, after in zip(ordered, ordered[1:], strict=False):
            if before[1] is None or (after[0] or datetime.date.min) <= before[1]:
                line = max(before[2], after[2])
                if line:
                    report.add_error(line, "from", message % {
                        "start": (before[0] or "…"), "until": before[1] or "…"})


def check_heads(targets: list[Target], report: ImportReport) -> None:
    if targets:
        _check_overlaps(targets, report, "unit_id", "person_id",
                        _("Overlaps another head of the same unit (%(start)s – %(until)s); a unit has one head at "
                          "a time."))


def check_assignments(targets: list[Target], report: ImportReport) -> None:
    if targets:
        _check_overlaps(targets, report, "person_id", "unit_id",
                        _("Overlaps another assignment of the same person (%(start)s – %(until)s)."))


def check_reorganisations(targets: list[Target], report: ImportReport) -> None:
    existing = list(Reorganisation.objects.values_list("old_unit_id", "new_unit_id", "effective_on", "kind"))
    closing = {}
    for old, _new, on, kind in existing:
        closing.setdefault(old, (on, kind, 0))
    edges = defaultdict(set)
    for old, new, _on, _kind in existing:
        if new:
            edges[old].add(new)
    for t in targets:
        old, on, kind = t.key["old_unit_id"], t.key["effective_on"], t.key["kind"]
        seen = closing.setdefault(old, (on, kind, t.line))
        if (seen[0], seen[1]) != (on, kind):
            report.add_error(t.line, "old_code", _("This unit is already closed by a %(kind)s on %(date)s.")
                             % {"kind": seen[1], "date": seen[0].isoformat()})
        if t.key["new_unit_id"]:
            edges[old].add(t.key["new_unit_id"])
    for t in targets:
        start = t.key["new_unit_id"]
        if start is None:
            continue
        todo, seen = [start], set()
        while todo:
            node = todo.pop()
            if node == t.key["old_unit_id"]:
                report.add_error(t.line, "new_code", _("This reorganisation makes a cycle: the receiving unit "
                                                       "is itself reorganised back into the old unit."))
                break
            if node not in seen:
                seen.add(node)
                todo.extend(edges.get(node, ()))


CHECKS = {"heads": check_heads, "assignments": check_assignments, "reorganisations": check_reorganisations}


# -- after writing: the current picture ---------------------------------------------------------------------


def _current(periods, today):
    """The (other id) of the period running today, else of the latest one started by today."""
    running = [p for p in periods if (p[0] is None or p[0] <= today) and (p[1] is None or p[1] >= today)]
    started = running or [p for p in periods if p[0] is None or p[0] <= today]
    if not started:
        return None
    return max(started, key=lambda p: (p[0] or datetime.date.min))[2], bool(running)


def sync_heads(plan: Plan, targets: list[Target]) -> None:
    """Unit.head follows the headship running today (none running: nobody)."""
    today = datetime.date.today()
    unit_ids = {t.key["unit_id"] for t in targets}
    periods = defaultdict(list)
    for uid, pid, start, until in _existing(Headship, "unit_id", unit_ids, ("unit_id", "person_id", "start_on",
                                                                              "until")):
        periods[uid].append((start, until, pid))
    units = list(Unit.objects.filter(pk__in=list(unit_ids)))
    changed = []
    for unit in units:
        found = _current(periods[unit.pk], today)
        head = found[0] if found and found[1] else None
        if unit.head_id != head:
            unit.head_id = head
            changed.append(unit)
    Unit.objects.bulk_update(changed, ["head"], batch_size=500)


def sync_people(plan: Plan, targets: list[Target]) -> None:
    """Person.unit follows the assignment running today (else the latest one started): one UPDATE per
    receiving unit and chunk of people, no model instances."""
    today = datetime.date.today()
    person_ids = {t.key["person_id"] for t in targets}
    periods = defaultdict(list)
    for pid, uid, start, until in _existing(Assignment, "person_id", person_ids,
                                            ("person_id", "unit_id", "start_on", "until")):
        periods[pid].append((start, until, uid))
    homes = dict(_existing(Person, "id", person_ids, ("id", "unit_id")))
    moves = defaultdict(list)  # unit id -> people to move there
    for pid, entries in periods.items():
        found = _current(entries, today)
        if found and homes.get(pid) != found[0]:
            moves[found[0]].append(pid)
    for uid, pids in moves.items():
        for start in range(0, len(pids), IN_CHUNK):
            Person.objects.filter(pk__in=pids[start:start + IN_CHUNK]).update(unit_id=uid)


def apply_reorganisations(plan: Plan, targets: list[Target]) -> None:
    """For each new reorganisation: close the old unit on the date, end its headships, and on a merge move
    the people of the old unit to the receiving one (assignments written here)."""
    created = plan.creates.get(Reorganisation, [])
    for reorg in sorted(created, key=lambda r: r.effective_on):
        old = Unit.objects.get(pk=reorg.old_unit_id)
        on, eve = reorg.effective_on, reorg.effective_on - ONE_DAY
        if old.dissolved_on is None or old.dissolved_on > on:
            Unit.objects.filter(pk=old.pk).update(dissolved_on=on)
        Headship.objects.filter(unit=old).filter(timeline.overlap_q(on, on)).update(until=eve)
        if reorg.kind == ReorganisationKind.MERGE:
            move_people(old.pk, reorg.new_unit_id, on)


def move_people(old_id: int, new_id: int, on: datetime.date) -> int:
    eve = on - ONE_DAY
    running = list(Assignment.objects.filter(unit_id=old_id).filter(timeline.overlap_q(eve, eve)))
    with_assignments = set(Assignment.objects.filter(person__unit_id=old_id).values_list("person_id", flat=True))
    moved = {a.person_id for a in running}
    new_rows = []
    for a in running:
        a.until = eve
        new_rows.append(Assignment(person_id=a.person_id, unit_id=new_id, start_on=on, position=a.position))
    Assignment.objects.bulk_update(running, ["until"], batch_size=500)
    for pid, position in Person.objects.filter(unit_id=old_id).values_list("id", "position"):
        if pid in with_assignments:
            continue
        moved.add(pid)
        new_rows.append(Assignment(person_id=pid, unit_id=old_id, start_on=None, until=eve, position=position))
        new_rows.append(Assignment(person_id=pid, unit_id=new_id, start_on=on, position=position))
    Assignment.objects.bulk_create(new_rows, batch_size=1000)
    if on <= datetime.date.today():
        Person.objects.filter(pk__in=list(moved), unit_id=old_id).update(unit_id=new_id)
    return len(moved)


AFTER_WRITE = {"heads": sync_heads, "assignments": sync_people, "reorganisations": apply_reorganisations}
