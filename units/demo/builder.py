"""Build the demo province's units and people with bulk inserts.

bulk_create skips Unit.save(), so the tree is inserted one level at a time and each level's `path` and
`depth` are filled in right after its primary keys are known."""

import datetime
import random
from dataclasses import dataclass

from units.enums import Gender, StaffKind, UnitKind
from units.models import EmulationCluster, Person, Unit

from . import names
from .tree import CLUSTERS, DEMO_LOGINS, TEMPLATES, TREE, Node, Template

WORKER_POSITIONS = {"Nhân viên lái xe", "Công nhân", "Nhân viên"}


@dataclass
class UnitInfo:
    unit: Unit
    node: Node
    org: Unit  # the top-level unit (agency, commune, district, enterprise) it belongs to; root for itself
    template: Template


@dataclass
class PersonInfo:
    person: Person
    info: UnitInfo
    role: str  # "head", "deputy" or "staff"


def active_years(unit: Unit, years: list[int]) -> list[int]:
    """The years a unit existed for in full (a unit dissolved during a year has no record for it)."""
    return [y for y in years if unit.dissolved_on is None or unit.dissolved_on > datetime.date(y, 12, 31)]


def build_units() -> list[UnitInfo]:
    """Insert the clusters and the whole tree; return the units in tree order (parents first)."""
    clusters = {}
    for name in CLUSTERS:
        clusters[name], _ = EmulationCluster.objects.get_or_create(name=name)
    infos: list[UnitInfo] = []
    level: list[tuple[Node, Unit | None, Unit | None]] = [(TREE, None, None)]  # node, parent, org
    while level:
        units = [
            Unit(code=node.code, name=node.name, kind=node.kind, parent=parent,
                 cluster=clusters.get(node.cluster), dissolved_on=node.dissolved_on)
            for node, parent, _org in level
        ]
        Unit.objects.bulk_create(units)
        for unit in units:
            parent_path = unit.parent.path if unit.parent_id else "/"
            unit.path = f"{parent_path}{unit.pk}/"
            unit.depth = unit.path.count("/") - 2
        Unit.objects.bulk_update(units, ["path", "depth"])
        next_level = []
        for (node, _parent, org), unit in zip(level, units, strict=True):
            org = org or unit
            infos.append(UnitInfo(unit, node, org, TEMPLATES[node.template]))
            child_org = None if node.kind == UnitKind.PROVINCE else org
            next_level.extend((child, unit, child_org) for child in node.children)
        level = next_level
    return infos


def _allocate(infos: list[UnitInfo], total: int) -> dict[int, tuple[int, int]]:
    """Split `total` people over the units: every unit gets its head, then deputies (top of the tree
    first) while the budget lasts, then staff in proportion to each template's weight (largest
    remainder). Returns {unit pk: (deputies, staff)}."""
    budget = max(total - len(infos), 0)
    deputies = {}
    for info in sorted(infos, key=lambda i: i.unit.depth):
        count = min(info.template.deputies, budget)
        deputies[info.unit.pk] = count
        budget -= count
    staffed = [i for i in infos if i.template.weight and i.template.staff and i.unit.dissolved_on is None]
    weight_sum = sum(i.template.weight for i in staffed) or 1
    shares = {i.unit.pk: budget * i.template.weight / weight_sum for i in staffed}
    staff = {pk: int(share) for pk, share in shares.items()}
    leftover = budget - sum(staff.values())
    for pk in sorted(shares, key=lambda pk: (shares[pk] - staff[pk], -pk), reverse=True)[:leftover]:
        staff[pk] += 1
    return {i.unit.pk: (deputies[i.unit.pk], staff.get(i.unit.pk, 0)) for i in infos}


def _birth_date(rng: random.Random, reference_year: int, low: int, high: int) -> datetime.date:
    return datetime.date(reference_year - rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))


def build_people(rng: random.Random, infos: list[UnitInfo], total: int, reference_year: int) -> list[PersonInfo]:
    """Insert about `total` people (at least one head per unit) and set every unit's head."""
    chair_name = next(login.full_name for login in DEMO_LOGINS if login.username == "chair")
    plan = _allocate(infos, total)
    people: list[PersonInfo] = []
    for info in infos:
        template = info.template
        n_deputies, n_staff = plan[info.unit.pk]
        leaders_kind = StaffKind.OTHER if info.unit.kind == UnitKind.ENTERPRISE else template.staff_kind
        slots = [("head", template.head, 42, 58, 0.25, leaders_kind)]
        slots += [("deputy", template.deputy, 36, 57, 0.35, leaders_kind)] * n_deputies
        for _ in range(n_staff):
            position = rng.choice(template.staff)
            kind = StaffKind.WORKER if position in WORKER_POSITIONS else template.staff_kind
            slots.append(("staff", position, 23, 59, template.female_share, kind))
        for role, position, age_low, age_high, female_share, staff_kind in slots:
            gender = Gender.FEMALE if rng.random() < female_share else Gender.MALE
            full_name = names.full_name(rng, gender)
            if info.unit.kind == UnitKind.PROVINCE and role == "head":
                gender, full_name = Gender.MALE, chair_name
            code = f"P{len(people) + 1:05d}"
            person = Person(
                code=code, full_name=full_name, gender=gender, unit=info.unit, position=position,
                staff_kind=staff_kind, birth_date=_birth_date(rng, reference_year, age_low, age_high),
            )
            people.append(PersonInfo(person, info, role))
    Person.objects.bulk_create([p.person for p in people], batch_size=500)
    heads = []
    for p in people:
        if p.role == "head":
            p.info.unit.head = p.person
            heads.append(p.info.unit)
    Unit.objects.bulk_update(heads, ["head"], batch_size=500)
    return people
