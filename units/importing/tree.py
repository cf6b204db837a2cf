"""The units import: codes, parents anywhere in the file or already in the registry, no cycles, and
the materialised path/depth recomputed for every unit whose place in the tree changed."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import EmulationCluster, Unit
from .lookups import people_by_codes
from .report import ImportReport
from .upsert import BATCH
from .validation import ParsedRow


@dataclass
class UnitPlan:
    rows: list[ParsedRow] = field(default_factory=list)
    existing: dict[str, Unit] = field(default_factory=dict)
    heads: dict[str, int] = field(default_factory=dict)
    new_clusters: set[str] = field(default_factory=set)
    changed_codes: set[str] = field(default_factory=set)
    unit_ids: set[int] = field(default_factory=set)


def plan_units(rows: list[ParsedRow], report: ImportReport) -> UnitPlan:
    plan = UnitPlan()
    units = Unit.objects.only("pk", "code", "name", "kind", "parent", "cluster", "head")
    plan.existing = {unit.code: unit for unit in units}
    code_of = {unit.pk: code for code, unit in plan.existing.items()}
    plan.heads = people_by_codes(row.values["head_code"] for row in rows if row.values.get("head_code"))
    clusters = dict(EmulationCluster.objects.values_list("pk", "name"))

    # Rows with bad cells still count as named units (so that their children do not read "unknown
    # parent") and still have their parent and head checked; only good rows are planned.
    first_line: dict[str, int] = {}
    ok = True
    for row in rows:
        values = row.values
        code = values.get("code")
        if code in first_line:
            report.add_error(row.line, "code", _("Duplicate row in the file: the unit code %(code)s is already on "
                                                 "line %(line)d.") % {"code": code, "line": first_line[code]})
            ok = False
            continue
        if code:
            first_line[code] = row.line
        if row.ok:
            plan.rows.append(row)

    for row in rows:
        values = row.values
        parent = values.get("parent_code")
        if parent and parent == values.get("code"):
            report.add_error(row.line, "parent_code", _("A unit cannot be its own parent."))
            ok = False
        elif parent and parent not in first_line and parent not in plan.existing:
            report.add_error(row.line, "parent_code", _("Unknown unit code “%(code)s”.") % {"code": parent})
            ok = False
        head = values.get("head_code")
        if head and head not in plan.heads:
            report.add_error(row.line, "head_code", _("Unknown person code “%(code)s”.") % {"code": head})
            ok = False
    if not ok or report.errors:
        return plan
    if not _check_cycles(plan, code_of, report):
        return plan

    cluster_names = set(clusters.values())
    for row in plan.rows:
        values = row.values
        if values["cluster"] and values["cluster"] not in cluster_names:
            plan.new_clusters.add(values["cluster"])
        unit = plan.existing.get(values["code"])
        if unit is None:
            report.count("created")
            plan.changed_codes.add(values["code"])
            continue
        now = (unit.name, unit.kind, code_of.get(unit.parent_id), clusters.get(unit.cluster_id), unit.head_id)
        wanted = (values["name"], values["kind"], values["parent_code"], values["cluster"],
                  plan.heads.get(values["head_code"]))
        if now == wanted:
            report.count("unchanged")
        else:
            report.count("updated")
            plan.changed_codes.add(values["code"])
    return plan


def _check_cycles(plan: UnitPlan, code_of: dict[int, str], report: ImportReport) -> bool:
    parent_of = {code: code_of.get(unit.parent_id) for code, unit in plan.existing.items()}
    line_of = {}
    for row in plan.rows:
        parent_of[row.values["code"]] = row.values["parent_code"]
        line_of[row.values["code"]] = row.line
    done: set[str] = set()
    in_cycle: dict[str, list[str]] = {}
    for start in line_of:
        trail, position = [], {}
        node = start
        while node and node not in done:
            if node in position:
                cycle = trail[position[node]:]
                for member in cycle:
                    in_cycle[member] = cycle
                break
            position[node] = len(trail)
            trail.append(node)
            node = parent_of.get(node)
        done.update(trail)
    for code, cycle in in_cycle.items():
        if code in line_of:
            index = cycle.index(code)
            loop = cycle[index:] + cycle[:index] + [code]
            report.add_error(line_of[code], "parent_code",
                             _("The parents form a cycle: %(cycle)s.") % {"cycle": " → ".join(loop)})
    return not in_cycle


def write_units(plan: UnitPlan) -> None:
    if plan.new_clusters:
        EmulationCluster.objects.bulk_create([EmulationCluster(name=name) for name in sorted(plan.new_clusters)])
    cluster_ids = dict(EmulationCluster.objects.values_list("name", "pk"))
    rows = [row for row in plan.rows if row.values["code"] in plan.changed_codes]
    new = [Unit(code=row.values["code"], name=row.values["name"], kind=row.values["kind"])
           for row in rows if row.values["code"] not in plan.existing]
    Unit.objects.bulk_create(new, batch_size=BATCH)
    ids = {code: unit.pk for code, unit in plan.existing.items()}
    if new and new[0].pk is None:  # a backend that does not return ids from bulk inserts
        ids.update(Unit.objects.filter(code__in=[unit.code for unit in new]).values_list("code", "pk"))
    else:
        ids.update({unit.code: unit.pk for unit in new})
    changed = []
    for row in rows:
        values = row.values
        unit = plan.existing.get(values["code"]) or Unit(pk=ids[values["code"]], code=values["code"])
        unit.name, unit.kind = values["name"], values["kind"]
        unit.parent_id = ids[values["parent_code"]] if values["parent_code"] else None
        unit.cluster_id = cluster_ids[values["cluster"]] if values["cluster"] else None
        unit.head_id = plan.heads.get(values["head_code"])
        changed.append(unit)
        plan.unit_ids.add(unit.pk)
    Unit.objects.bulk_update(changed, ["name", "kind", "parent", "cluster", "head"], batch_size=BATCH // 2)
    recompute_paths()


def recompute_paths() -> int:
    """Set path/depth of every unit from the parent links (what Unit.save does one unit at a time)."""
    rows = list(Unit.objects.values_list("pk", "parent_id", "path", "depth"))
    parent_of = {pk: parent_id for pk, parent_id, _path, _depth in rows}
    paths: dict[int, str] = {}
    for pk in parent_of:
        trail = []
        node = pk
        while node is not None and node not in paths:
            trail.append(node)
            node = parent_of[node]
        prefix = paths[node] if node is not None else "/"
        for member in reversed(trail):
            prefix = f"{prefix}{member}/"
            paths[member] = prefix
    stale = [Unit(pk=pk, path=paths[pk], depth=paths[pk].count("/") - 2)
             for pk, _parent, path, depth in rows if path != paths[pk] or depth != paths[pk].count("/") - 2]
    Unit.objects.bulk_update(stale, ["path", "depth"], batch_size=BATCH // 2)
    return len(stale)
