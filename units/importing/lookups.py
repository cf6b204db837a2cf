"""Code -> id maps, each fetched in one query (or a few chunked ones) before any row is checked."""

from django.utils.translation import gettext as _

from awards.models import AwardType

from ..models import EmulationCluster, Person, Unit
from .upsert import IN_CHUNK


class RowProblem(Exception):
    """A row that parsed but names something that does not exist or does not fit."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


class Lookups:
    def __init__(self):
        self._people = None
        self._units = None
        self._awards = None
        self._clusters = None

    @property
    def people(self) -> dict[str, tuple[int, int]]:
        """person code -> (person id, unit id)."""
        if self._people is None:
            self._people = {code: (pk, unit_id) for code, pk, unit_id in
                            Person.objects.values_list("code", "pk", "unit_id").iterator(chunk_size=10000)}
        return self._people

    @property
    def units(self) -> dict[str, int]:
        if self._units is None:
            self._units = dict(Unit.objects.values_list("code", "pk"))
        return self._units

    @property
    def awards(self) -> dict[str, AwardType]:
        if self._awards is None:
            self._awards = {award.code: award for award in AwardType.objects.all()}
        return self._awards

    def unknown_references(self, values: dict) -> list[RowProblem]:
        """For a row with bad cells: the codes it names that do not exist, so that they too are reported."""
        problems = []
        for column, lookup in (("person_code", self.person), ("unit_code", self.unit), ("award_code", self.award)):
            if values.get(column):
                try:
                    lookup(values[column], column)
                except RowProblem as problem:
                    problems.append(problem)
        return problems

    def person(self, code: str, column: str = "person_code") -> tuple[int, int]:
        try:
            return self.people[code]
        except KeyError:
            raise RowProblem(column, _("Unknown person code “%(code)s”.") % {"code": code}) from None

    def unit(self, code: str, column: str = "unit_code") -> int:
        try:
            return self.units[code]
        except KeyError:
            raise RowProblem(column, _("Unknown unit code “%(code)s”.") % {"code": code}) from None

    def cluster(self, name: str, column: str = "cluster") -> int:
        if self._clusters is None:
            self._clusters = dict(EmulationCluster.objects.values_list("name", "pk"))
        try:
            return self._clusters[name]
        except KeyError:
            raise RowProblem(column, _("Unknown emulation cluster “%(name)s”.") % {"name": name}) from None

    def award(self, code: str, column: str = "award_code") -> AwardType:
        try:
            return self.awards[code]
        except KeyError:
            raise RowProblem(column, _("Unknown award code “%(code)s”.") % {"code": code}) from None


def people_by_codes(codes) -> dict[str, int]:
    """person code -> id for just these codes (for the few heads named in a units file)."""
    codes = list(set(codes))
    result = {}
    for start in range(0, len(codes), IN_CHUNK):
        result.update(Person.objects.filter(code__in=codes[start:start + IN_CHUNK]).values_list("code", "pk"))
    return result
