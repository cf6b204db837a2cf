"""Pages of a table of up to millions of rows whose cost does not grow with the table (issue 14).

`LargeTablePaginator` is a django-tables2 paginator (RequestConfig(paginate={"paginator_class": …})):

- The count is exact up to EXACT_UP_TO rows (a count that stops reading there). Above that, on PostgreSQL,
  it is the planner's estimate of the rows (EXPLAIN, no rows read) and `is_estimate` is set, so that the page
  says "about". An exact count of a million rows reads them all; the estimate costs a plan. SQLite always
  counts.
- A page is fetched in one query but in two steps: the primary keys of its rows first (the filters and the
  ORDER BY … OFFSET … LIMIT over the table alone, which an index-only scan in the sort order serves), then
  the rows themselves with their joins and annotations, only those 50. Deep pages therefore skip index
  entries, not joined and annotated rows. The order always ends with the primary key, so that a page holds
  the same rows however the database breaks ties.
- A list the planner expects short (FEW rows, a name searched for instance) has all its keys read in one
  query, which gives the page and the count; a short last page gives the count too.
"""

import json
import math

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections
from django.utils.functional import cached_property
from django_tables2.rows import BoundRows

EXACT_UP_TO = 5_000  # 100 pages of 50: past them nobody needs the exact figure
FEW = 1_000  # rows the planner expects at most for the page to fetch all their keys at once
MAX_PER_PAGE = 200  # ?per_page= comes from the address bar


def planner_rows(queryset) -> int | None:
    """PostgreSQL's estimate of the rows `queryset` returns (its plan, not its rows); None elsewhere."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def with_tiebreak(ordering: list) -> list:
    """The ordering ending with the primary key (descending after a descending key, so that one index
    scanned backwards serves both)."""
    if any(isinstance(o, str) and o.lstrip("-") in ("pk", "id") for o in ordering):
        return ordering
    descending = bool(ordering) and isinstance(ordering[0], str) and ordering[0].startswith("-")
    return [*ordering, "-pk" if descending else "pk"]


class LargeTablePaginator(Paginator):
    """`rows(keys)`: the queryset of full rows (select_related, annotations) for a subquery of primary keys;
    `estimate`: an equivalent queryset whose row estimate is better than the shown one's (see QueueFilter)."""

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, rows=None,
                 estimate=None, exact_up_to=EXACT_UP_TO, few=FEW):
        super().__init__(object_list, max(1, min(int(per_page), MAX_PER_PAGE)), orphans, allow_empty_first_page)
        self.rows = rows
        self.estimate_queryset = estimate
        self.exact_up_to = exact_up_to
        self.few = few
        self.is_estimate = False

    @property
    def queryset(self):
        # django-tables2 hands over its BoundRows; under them, the table's data, under it the ordered queryset.
        return self.object_list.data.data

    @cached_property
    def estimate(self) -> int | None:
        """The planner's estimate of the rows (PostgreSQL), None elsewhere."""
        return planner_rows(self.estimate_queryset if self.estimate_queryset is not None else self.queryset)

    @cached_property
    def count(self):
        queryset = self.queryset.order_by()
        if self.estimate is None:
            return queryset.count()
        # Bounded: a count that stops reading settles whether the list is short, so that a stale estimate
        # (statistics from before a bulk delete, say) never shows "about 2,800" for 130 rows. Where the plan
        # expects more than the exact range, reading FEW keys is enough to catch that and costs a fifth.
        bound = self.exact_up_to if self.estimate <= self.exact_up_to else min(self.exact_up_to, self.few)
        exact = queryset[: bound + 1].count()
        if exact > bound:
            self.is_estimate = True
            return max(self.estimate, exact)
        return exact

    @property
    def shown_count(self) -> int:
        """The count as shown: an estimate rounded to two significant digits."""
        if not self.is_estimate or self.count < 100:
            return self.count
        magnitude = 10 ** (int(math.log10(self.count)) - 1)
        return round(self.count / magnitude) * magnitude

    def validate_number(self, number):
        """Only a whole number from 1: whether the page lies past the end is known once it is fetched (a
        short page tells the count without counting)."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ordering = with_tiebreak(list(self.queryset.query.order_by or self.queryset.model._meta.ordering))
        ordered = self.queryset.order_by(*ordering).values_list("pk", flat=True)
        every_key = self._every_key(ordered)
        if every_key is not None:
            keys = every_key[bottom: bottom + self.per_page]
        else:
            keys = ordered[bottom: bottom + self.per_page]
        full = self.rows(keys) if self.rows is not None else self.queryset.model._default_manager.filter(pk__in=keys)
        records = list(full.order_by(*ordering)) if every_key is None or keys else []
        if len(records) < self.per_page and (records or number == 1):
            self._settle("count", bottom + len(records))  # the last page: the count without counting
        elif not records:
            self._settle("count", len(every_key) if every_key is not None else self.queryset.order_by().count())
            raise EmptyPage(self.error_messages["no_results"])  # django-tables2 then shows the last page
        elif self.count < bottom + len(records):  # an estimate short of the rows: this page at least exists
            self.__dict__["count"] = bottom + len(records)
            self.__dict__.pop("num_pages", None)
        return self._get_page(BoundRows(records, table=self.object_list.table), number, self)

    def _every_key(self, ordered) -> list | None:
        """A few rows (by the estimate, a search by name for instance): all their keys in one query, which
        gives the count too, instead of a count and a page that both run the search."""
        if self.estimate is None or self.estimate > self.few:
            return None
        if "_few_keys" not in self.__dict__:  # django-tables2 asks again for the last page past the end
            keys = list(ordered[: self.few + 1])
            self.__dict__["_few_keys"] = keys if len(keys) <= self.few else None
        keys = self.__dict__["_few_keys"]
        if keys is not None:
            self._settle("count", len(keys))
        return keys

    def _settle(self, name, value):
        self.__dict__[name] = value
        self.__dict__.pop("num_pages", None)
        self.is_estimate = False
