"""Choosing the demo's nominees with the eligibility engine, so that a nominee shown as eligible really
is eligible under the campaign's rule set, and an ineligible one fails for a reason the engine explains."""

from awards.campaign_rules import CampaignRules
from units.models import Honour, Person, Unit

from ..eligibility import to_stored
from ..models import Nominee

POOL = 400  # candidates judged per call inside one unit: enough to find someone, small enough to be fast


def org_suffix(unit: Unit, orgs: dict) -> str | None:
    """The code suffix ("SYT") of the top-level unit a unit belongs to."""
    parts = unit.path.strip("/").split("/")
    return orgs.get(int(parts[1])) if len(parts) > 1 else None


class Picker:
    """Picks subjects for one campaign: never the same subject twice in the campaign, never one who
    already holds the award for the campaign's year, and never a unit's head."""

    def __init__(self, campaign):
        self.campaign = campaign
        self.rules = CampaignRules.for_campaign(campaign)
        self.awards = {a.code: a for a in campaign.award_types.all()}
        self.used_people = set(Nominee.objects.filter(campaign=campaign, person__isnull=False)
                               .values_list("person_id", flat=True))
        self.used_units = set(Nominee.objects.filter(campaign=campaign, unit__isnull=False)
                              .values_list("unit_id", flat=True))
        self.found: dict[str, dict[tuple[str, bool], list]] = {}  # org suffix -> (award, collective) -> subjects

    def _holders(self, award_code: str, collective: bool) -> set[int]:
        field = "unit" if collective else "person"
        return set(Honour.objects.filter(year=self.campaign.year, award_id=award_code, **{f"{field}__isnull": False})
                   .values_list(f"{field}_id", flat=True))

    def _people(self, root: Unit):
        return (Person.objects.filter(unit__path__startswith=root.path, unit__dissolved_on__isnull=True,
                                      headed_units__isnull=True).select_related("unit").order_by("code"))

    def _units(self, root: Unit):
        return Unit.objects.filter(path__startswith=root.path, dissolved_on__isnull=True, depth__gte=1).order_by(
            "depth", "code")

    def scan(self, root: Unit, wanted: list[tuple[str, bool]]) -> None:
        """Judge the whole province once for each (award, collective) in `wanted`; remember the eligible
        subjects by organisation."""
        orgs = {u.pk: u.code.split("-", 1)[1] for u in Unit.objects.filter(parent=root)}
        people, units = list(self._people(root)), list(self._units(root))
        for code, collective in wanted:
            award = self.awards.get(code)
            if award is None:
                continue
            pool = units if collective else people
            held = self._holders(code, collective)
            pool = [s for s in pool if s.pk not in held]
            for subject, stored in zip(pool, self._verdicts([(s, award) for s in pool]), strict=True):
                if stored.verdict == "eligible":
                    org = org_suffix(subject if collective else subject.unit, orgs)
                    self.found.setdefault(org, {}).setdefault((code, collective), []).append(subject)

    def ranked_orgs(self, exclude=()) -> list[str]:
        """Organisations by how many eligible subjects they have (most first), then by code."""
        counts = {org: sum(len(v) for v in found.values()) for org, found in self.found.items()
                  if org and org not in exclude}
        return sorted(counts, key=lambda org: (-counts[org], org))

    def take(self, org: str, code: str, collective: bool = False):
        """The next unused eligible subject of the organisation found by `scan`, or None."""
        used = self.used_units if collective else self.used_people
        for subject in self.found.get(org, {}).get((code, collective), []):
            if subject.pk not in used:
                used.add(subject.pk)
                return subject
        return None

    def person(self, unit: Unit, award_code: str, verdicts=("eligible",)) -> Person | None:
        """The first person of `unit`'s subtree (by code) whose verdict for the award is one of `verdicts`."""
        held = self._holders(award_code, False)
        pool = [p for p in self._people(unit)[:POOL * 2] if p.pk not in self.used_people and p.pk not in held]
        return self._first(pool[:POOL], award_code, verdicts, self.used_people)

    def collective(self, unit: Unit, award_code: str, verdicts=("eligible",)) -> Unit | None:
        held = self._holders(award_code, True)
        pool = [u for u in Unit.objects.filter(path__startswith=unit.path, dissolved_on__isnull=True)
                .order_by("depth", "code") if u.pk not in self.used_units and u.pk not in held]
        return self._first(pool[:POOL], award_code, verdicts, self.used_units)

    def _verdicts(self, pairs):
        # Only the verdict picks a subject (in the language at hand); the nominee filed later stores its
        # reasons in every language.
        return [to_stored(v) for v in self.rules.evaluate_many(pairs)]

    def _first(self, pool, award_code, verdicts, used):
        award = self.awards.get(award_code)
        if award is None or not pool:
            return None
        stored = self._verdicts([(subject, award) for subject in pool])
        chosen = next((subject for subject, v in zip(pool, stored, strict=True) if v.verdict in verdicts), None)
        if chosen is not None:
            used.add(chosen.pk)
        return chosen
