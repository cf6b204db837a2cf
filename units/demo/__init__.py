"""A believable demo province (Khánh Hòa style) for the registry: units, people, three years of records,
PAR results, imported honours and one login per role, then (unless `units_only`) the workflow demo of
nominations.demo: campaigns whose dossiers, votes, decisions and certificates are made by the real
services. The years follow the calendar (rounds.open_round_year): the records end in the year whose annual
round is open today. Entry points: `seed_demo`, `reset_demo`, `demo_exists`; the `seed_demo` management
command wraps them."""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from units import models as m

from . import builder, clusters, dated, honours, logins, par, records, rounds
from .tree import CLUSTERS, DEFAULT_PASSWORD, ROOT_CODE

__all__ = ["DEFAULT_PASSWORD", "ROOT_CODE", "SeedResult", "demo_exists", "reset_demo", "seed_demo"]


@dataclass
class SeedResult:
    created: bool
    years: list[int]
    counts: dict[str, int]
    logins: list  # of logins.LoginRow
    today: datetime.date
    open_year: int  # the year whose annual round is open today (rounds.open_round_year)
    workflow: object = None  # nominations.demo.WorkflowResult, or None when not attempted


def demo_exists() -> bool:
    return m.Unit.objects.filter(code=ROOT_CODE).exists()


def _counts() -> dict[str, int]:
    root = m.Unit.objects.filter(code=ROOT_CODE).first()
    if root is None:
        return {}
    units = m.Unit.objects.filter(path__startswith=root.path)
    people = m.Person.objects.filter(unit__in=units)
    return {
        "units": units.count(),
        "people": people.count(),
        "person ratings": m.PersonRating.objects.filter(person__in=people).count(),
        "unit ratings": m.UnitRating.objects.filter(unit__in=units).count(),
        "PAR results": m.ParResult.objects.filter(unit__in=units).count(),
        "initiatives": m.Initiative.objects.filter(person__in=people).count(),
        "discipline records": m.DisciplineRecord.objects.filter(person__in=people).count(),
        "honours": (m.Honour.objects.filter(person__in=people).count()
                    + m.Honour.objects.filter(unit__in=units).count()),
    }


def seed_demo(*, seed: int = 2026, people: int = 2200, units_only: bool = False,
              password: str = DEFAULT_PASSWORD, today: datetime.date | None = None,
              workflow: bool = True) -> SeedResult:
    """Build the demo province unless it exists; always (re)create the demo logins with `password`.
    The demo is seeded as of `today` (default: the local date): its records cover the three years ending in
    the year whose annual round is open then, that year's ratings being finalised. With `workflow` (and
    people), also build the demo campaigns unless they exist. Raises ValueError, before building anything,
    for a day before rounds.EARLIEST_TODAY or one whose campaigns cannot be built (nominations.demo.why_not)."""
    today = today or rounds.local_today()
    rounds.check_today(today)
    open_year = rounds.open_round_year(today)
    years = [open_year - 2, open_year - 1, open_year]
    flow_wanted = workflow and not units_only
    if flow_wanted:
        from nominations.demo import why_not, workflow_exists

        refusal = None if workflow_exists() else why_not(open_year)
        if refusal:
            raise ValueError(refusal)
    created = False
    with transaction.atomic():
        if not demo_exists():
            created = True
            rng = random.Random(seed)
            infos = builder.build_units()
            par_class = par.build_par(rng, infos, years)
            clusters.build_cluster_scores(random.Random(seed + 1), infos, years)  # own stream: rng unchanged
            decisions = honours.Decisions(rng, today)
            if units_only:
                recs, staff, held = records.Records(years=years, today=today), [], None
            else:
                staff = builder.build_people(rng, infos, people, reference_year=open_year + 1)
                recs = records.build_ratings(rng, staff, years, par_class, today)
                records.build_initiatives(rng, staff, recs)
                held = honours.build_person_honours(rng, staff, recs, decisions)
            honours.build_unit_records(rng, infos, staff, recs, par_class, held, decisions)
            if staff:
                dated.build(open_year, today)
        rows = logins.ensure_demo_users(password)
    flow = None
    if flow_wanted and m.Person.objects.filter(unit__code__startswith=ROOT_CODE).exists():
        from nominations.demo import seed_workflow

        flow = seed_workflow(open_year=open_year, password=password, today=today)
    return SeedResult(created=created, years=years, counts=_counts(), logins=rows, today=today,
                      open_year=open_year, workflow=flow)


def reset_demo() -> None:
    """Delete the demo province (units, people, their records and honours), its clusters and logins.
    The demo campaigns go first (nominations.demo.reset_workflow). Raises django.db.models.ProtectedError
    when other records (e.g. dossiers filed by hand in other campaigns) still point at them."""
    from nominations.demo import reset_workflow

    with transaction.atomic():
        reset_workflow()
        logins.delete_demo_users()
        root = m.Unit.objects.filter(code=ROOT_CODE).first()
        if root is not None:
            units = m.Unit.objects.filter(path__startswith=root.path)
            units.update(head=None)
            m.Reorganisation.objects.filter(Q(old_unit__in=units) | Q(new_unit__in=units)).delete()
            m.Person.objects.filter(unit__in=units).delete()
            for depth in sorted(set(units.values_list("depth", flat=True)), reverse=True):
                m.Unit.objects.filter(path__startswith=root.path, depth=depth).delete()
        m.EmulationCluster.objects.filter(name__in=CLUSTERS, units__isnull=True).delete()
