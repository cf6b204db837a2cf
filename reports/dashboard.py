"""What the dashboards show. Every function runs a fixed number of aggregate queries whatever the size of
the data; lists are cut to a few rows with the total beside them."""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scoping import units_visible_to
from awards.models import AwardType
from awards.par import PAR_FIELDS, Ladders, build_par_infos
from awards.rounds import current_round_year
from nominations.enums import REVIEW_STATES, DossierState, NomineeState
from nominations.models import Campaign, Dossier
from nominations.queries import dossiers_visible_to, nominees_visible_to
from units.enums import ParClass, UnitKind
from units.models import ParResult

from .queries import honours_visible_to

LIST_LIMIT = 10
YEARS_SHOWN = 5
# Units that send dossiers of their own (agencies and communes; districts in older years).
NOMINATING_KINDS = (UnitKind.AGENCY, UnitKind.COMMUNE, UnitKind.DISTRICT)
NO_PAR = "none"


def _in_campaign(queryset, campaign):
    """The campaign picked on the dashboard, when one is (every card obeys the same picker)."""
    return queryset.filter(campaign=campaign) if campaign is not None else queryset


def state_counts(user, campaign=None) -> list[dict]:
    counts = dict(_in_campaign(dossiers_visible_to(user), campaign).order_by().values_list("state")
                  .annotate(n=Count("pk")))
    return [{"state": state, "label": state.label, "count": counts.get(state.value, 0)} for state in DossierState]


def overdue(user, campaign=None) -> tuple[list, int]:
    queryset = _in_campaign(dossiers_visible_to(user), campaign).filter(state__in=REVIEW_STATES,
                                                                        due_on__lt=timezone.localdate())
    rows = list(queryset.select_related("unit__parent", "campaign").order_by("due_on", "pk")[:LIST_LIMIT])
    return rows, queryset.count()


def pick_campaign(campaign_id) -> Campaign | None:
    queryset = Campaign.objects.order_by("-year", "-opens_on", "-pk")
    if campaign_id:
        found = queryset.filter(pk=campaign_id).first()
        if found:
            return found
    return queryset.first()


def campaign_progress(user, campaign) -> dict | None:
    """Dossiers and nominees of one campaign by state (scoped to the user)."""
    if campaign is None:
        return None
    dossiers = dict(dossiers_visible_to(user).filter(campaign=campaign).order_by()
                    .values_list("state").annotate(n=Count("pk")))
    nominees = dict(nominees_visible_to(user).filter(campaign=campaign).order_by()
                    .values_list("state").annotate(n=Count("pk")))
    total = sum(nominees.values())
    settled = nominees.get(NomineeState.AWARDED, 0) + nominees.get(NomineeState.REJECTED, 0)
    return {
        "campaign": campaign,
        "dossiers": [{"label": s.label, "count": dossiers.get(s.value, 0)} for s in DossierState],
        "nominees": [{"label": s.label, "count": nominees.get(s.value, 0)} for s in NomineeState],
        "nominee_total": total,
        "percent_settled": round(100 * settled / total) if total else 0,
    }


def officer_dossiers(user) -> list:
    """The unit officer's open dossiers with their deadlines (the campaign window, the Board's due date)."""
    return list(
        dossiers_visible_to(user).exclude(state=DossierState.DECIDED)
        .select_related("unit", "campaign").annotate(nominee_count=Count("nominees"))
        .order_by("campaign__closes_on", "pk")[:LIST_LIMIT]
    )


def open_campaigns() -> list:
    today = timezone.localdate()
    return list(Campaign.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on")[:LIST_LIMIT])


# ---- chart data: each is {"columns": [...], "rows": [(label, [values...]), ...]} -----------------------


def awards_by_form_and_year(user, last_year: int | None = None) -> dict:
    last_year = last_year or timezone.localdate().year
    years = list(range(last_year - YEARS_SHOWN + 1, last_year + 1))
    counts = (honours_visible_to(user).filter(year__in=years).order_by()
              .values_list("award_id", "year").annotate(n=Count("pk")))
    table = defaultdict(dict)
    for award_id, year, n in counts:
        table[award_id][year] = n
    awards = [a for a in AwardType.objects.order_by("-rank", "code") if a.code in table]
    rows = [(award.name, [table[award.code].get(year, 0) for year in years]) for award in awards]
    return {"columns": [str(year) for year in years], "rows": rows, "title": _("Awards by form and year")}


def _class_along_path(path: str, class_of: dict) -> str:
    """The PAR class of the nearest unit on the path (itself first, then its ancestors) that has one: the
    PAR Index scores agencies and communes, and their sub-units share their result."""
    for unit_id in reversed([int(part) for part in path.strip("/").split("/") if part]):
        if unit_id in class_of:
            return class_of[unit_id]
    return NO_PAR


def awards_by_par_class(user, year: int | None = None) -> dict:
    """For each PAR class of the year: how many scored units hold it, and how many awards of the year went
    to them (to the collective, its sub-units or their people). Awards outside any scored unit are counted
    apart."""
    year = year or current_round_year()
    par_rows = list(ParResult.objects.filter(year=year).values(*PAR_FIELDS))
    infos = build_par_infos(par_rows, Ladders.load())
    class_of = {unit_id: info.par_class or NO_PAR for (unit_id, _y), info in infos.items()}
    honours = (honours_visible_to(user).filter(year=year).order_by()
               .values_list("person__unit__path", "unit__path").annotate(n=Count("pk")))
    awards = defaultdict(int)
    for person_path, unit_path, n in honours:
        awards[_class_along_path(person_path or unit_path, class_of)] += n
    visible = set(units_visible_to(user).filter(pk__in=list(class_of)).values_list("pk", flat=True))
    units = defaultdict(int)
    for unit_id, par_class in class_of.items():
        if unit_id in visible:
            units[par_class] += 1
    keys = [c.value for c in ParClass] + [NO_PAR]
    labels = {**{c.value: c.label for c in ParClass}, NO_PAR: _("No PAR result")}
    rows = [(labels[key], [units.get(key, 0), awards.get(key, 0)]) for key in keys]
    return {"columns": [_("Units"), _("Awards")], "rows": rows, "year": year,
            "title": _("Awards against the unit's PAR class, %(year)s") % {"year": year}}


def units_without_nomination(user, campaign) -> dict:
    """Nominating units (agencies, communes) with and without a dossier in the campaign, by kind, and the
    first few names of those without."""
    units = units_visible_to(user).filter(kind__in=NOMINATING_KINDS, dissolved_on__isnull=True)
    dossiers = Dossier.objects.filter(unit=OuterRef("pk"))
    if campaign is not None:
        dossiers = dossiers.filter(campaign=campaign)
    units = units.annotate(nominated=Exists(dossiers))
    counts = defaultdict(lambda: [0, 0])
    for kind, nominated, n in units.order_by().values_list("kind", "nominated").annotate(n=Count("pk")):
        counts[kind][0 if nominated else 1] += n
    rows = [(UnitKind(kind).label, counts[kind]) for kind in NOMINATING_KINDS if kind in counts]
    names = [f"{name} — {parent}" if grandparent else name for name, parent, grandparent in
             units.filter(nominated=False).order_by("name", "parent__name")
             .values_list("name", "parent__name", "parent__parent_id")[:LIST_LIMIT]]
    missing = sum(value[1] for value in counts.values())
    return {"columns": [_("With a dossier"), _("Without a dossier")], "rows": rows, "names": names,
            "missing": missing, "title": _("Units without any nomination")}


CHART_NAMES = ("awards-by-form", "awards-by-par", "units-without")


def chart_data(name: str, user, *, year: int | None = None, campaign=None) -> dict:
    if name == "awards-by-form":
        return awards_by_form_and_year(user, year)
    if name == "awards-by-par":
        return awards_by_par_class(user, year)
    if name == "units-without":
        return units_without_nomination(user, campaign)
    raise KeyError(name)


def campaign_choices() -> list:
    return list(Campaign.objects.order_by("-year", "-opens_on", "-pk").values("pk", "title", "year")[:30])
