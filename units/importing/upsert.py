"""Bulk upsert by natural key: load the existing rows for all keys in a few queries, compare in Python,
then bulk_create the new rows and bulk_update the changed ones. No query per row."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from .report import ImportReport

IN_CHUNK = 500  # values per IN (...) list, well under SQLite's parameter limit
CHUNKED_LOAD_LIMIT = 5000  # more distinct key values than this: load the year (or table) at once
BATCH = 1000


@dataclass
class Target:
    """What one row asks for: the row of `model` with natural key `key` (attname -> value) to hold
    `fields` (attname -> value; only the columns the file has)."""

    line: int
    model: type[models.Model]
    key: dict[str, Any]
    fields: dict[str, Any]
    unit_ids: set = field(default_factory=set)
    year: int | None = None
    key_column: str = ""


@dataclass
class Plan:
    creates: dict = field(default_factory=lambda: defaultdict(list))  # model -> [instances]
    updates: dict = field(default_factory=lambda: defaultdict(list))  # model -> [instances]
    update_fields: dict = field(default_factory=lambda: defaultdict(set))
    unit_ids: set = field(default_factory=set)
    years: set = field(default_factory=set)


Guard = Callable[[models.Model, Target], str | None]


def drop_duplicates(targets: list[Target], report: ImportReport) -> list[Target]:
    seen: dict[tuple, int] = {}
    kept = []
    for target in targets:
        identity = (target.model, tuple(sorted(target.key.items())))
        if identity in seen:
            report.add_error(
                target.line, target.key_column,
                _("Duplicate row in the file: the same record is already on line %(line)d.") % {"line": seen[identity]},
            )
        else:
            seen[identity] = target.line
            kept.append(target)
    return kept


def _load_existing(model, key_names: tuple[str, ...], targets: list[Target]) -> dict[tuple, models.Model]:
    queryset = model._default_manager.all()
    if "year" in key_names:
        queryset = queryset.filter(year__in={t.key["year"] for t in targets})
    lead = next(name for name in key_names if name != "year")
    queryset = queryset.filter(**{f"{lead}__isnull": False})
    values = list({t.key[lead] for t in targets})
    if len(values) > CHUNKED_LOAD_LIMIT:
        chunks = [queryset]
    else:
        chunks = [queryset.filter(**{f"{lead}__in": values[i:i + IN_CHUNK]}) for i in range(0, len(values), IN_CHUNK)]
    existing = {}
    for chunk in chunks:
        for obj in chunk:
            existing[tuple(getattr(obj, name) for name in key_names)] = obj
    return existing


def plan_upsert(targets: list[Target], report: ImportReport, guard: Guard | None = None,
                defaults: dict | None = None) -> Plan:
    """Count every target as created, updated or unchanged, and prepare the instances to write."""
    plan = Plan()
    groups: dict[tuple, list[Target]] = defaultdict(list)
    for target in targets:
        groups[(target.model, tuple(target.key))].append(target)
    for (model, key_names), group in groups.items():
        existing = _load_existing(model, key_names, group)
        for target in group:
            obj = existing.get(tuple(target.key[name] for name in key_names))
            if obj is None:
                plan.creates[model].append(model(**(defaults or {}), **target.key, **target.fields))
                outcome = "created"
            else:
                changed = [name for name, value in target.fields.items() if getattr(obj, name) != value]
                if not changed:
                    report.count("unchanged")
                    continue
                if guard and (problem := guard(obj, target)):
                    report.add_error(target.line, "", problem)
                    continue
                old_unit = getattr(obj, "unit_id", None)
                if old_unit is not None and "unit_id" in changed:
                    plan.unit_ids.add(old_unit)
                for name in changed:
                    setattr(obj, name, target.fields[name])
                plan.updates[model].append(obj)
                plan.update_fields[model].update(changed)
                outcome = "updated"
            report.count(outcome)
            plan.unit_ids.update(target.unit_ids)
            if target.year is not None:
                plan.years.add(target.year)
    return plan


def write(plan: Plan) -> None:
    for model, objs in plan.creates.items():
        model._default_manager.bulk_create(objs, batch_size=BATCH)
    for model, objs in plan.updates.items():
        update(model, objs, sorted(plan.update_fields[model]))


def update(model, objs: list[models.Model], attnames: list[str]) -> None:
    """Save `attnames` of `objs`. When many rows get the same values (ratings, classifications) one
    UPDATE ... WHERE pk IN (...) per set of values is far cheaper than bulk_update's CASE per row."""
    groups: dict[tuple, list] = defaultdict(list)
    for obj in objs:
        groups[tuple(getattr(obj, name) for name in attnames)].append(obj.pk)
    manager = model._default_manager
    if len(groups) * 10 <= len(objs):
        for values, pks in groups.items():
            for start in range(0, len(pks), IN_CHUNK):
                manager.filter(pk__in=pks[start:start + IN_CHUNK]).update(**dict(zip(attnames, values, strict=True)))
    else:
        fields = [model._meta.get_field(name).name for name in attnames]
        manager.bulk_update(objs, fields, batch_size=BATCH // 5)
