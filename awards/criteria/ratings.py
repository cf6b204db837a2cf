"""Annual ratings of the subject (person or collective)."""

from django.utils.translation import gettext_lazy

from units.enums import RATING_RANK, RatingLevel

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import FAILED, PASSED, UNKNOWN, Outcome
from .base import CriterionKind, Param, register
from .common import RATING_CHOICES, join_years, label, window, year_span


@register
class RatingAtLeast(CriterionKind):
    name = "rating_at_least"
    label = gettext_lazy("Rating at least X in the year, or in each of N consecutive years ending in it")
    params = (
        Param("level", "choice", "good", choices=RATING_CHOICES),
        Param("years", "int", 1, minimum=1, maximum=10),
    )

    def span(self, p):
        return p["years"]

    def evaluate(self, ctx, p):
        years = window(ctx.year, p["years"])
        need = RATING_RANK[p["level"]]
        ratings = {y: ctx.records.rating(ctx.subject, y) for y in years}
        missing = [y for y, r in ratings.items() if r is None]
        low = [y for y, r in ratings.items() if r is not None and RATING_RANK[r] < need]
        evidence = {"ratings": {str(y): r for y, r in ratings.items()}, "required": p["level"], "years": years}
        shown = "; ".join(f"{y}: {label(RatingLevel, r)}" for y, r in ratings.items())
        level = label(RatingLevel, p["level"])
        if low:
            status = FAILED
        elif missing:
            return Outcome(
                UNKNOWN,
                _("No rating recorded for %(missing)s; needs %(level)s or better in %(span)s.")
                % {"missing": join_years(missing), "level": level, "span": year_span(years)},
                evidence,
            )
        else:
            status = PASSED
        return Outcome(
            status,
            _("Rating %(shown)s; needs %(level)s or better in %(span)s.")
            % {"shown": shown, "level": level, "span": year_span(years)},
            evidence,
        )
