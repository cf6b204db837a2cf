"""A report as data: titled sections of headed rows. The page, the XLSX export and the PDF all render the
same sections, so the numbers can never differ between them."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from units.models import Honour

from . import queries


@dataclass
class Section:
    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    money_columns: tuple[int, ...] = ()


def award_sections(filters: queries.Filters) -> list[Section]:
    honours = queries.filtered(Honour.objects.all(), filters)
    sections = []
    for key, dimension in queries.DIMENSIONS.items():
        rows = queries.honour_stats(honours, key)
        section = Section(
            key=f"awards-{key}",
            title=str(_("Awards by %(dimension)s") % {"dimension": str(dimension.label).lower()}),
            headers=[str(dimension.label), str(_("Persons")), str(_("Collectives")), str(_("Total"))],
            rows=[[row["label"], row["persons"], row["collectives"], row["total"]] for row in rows],
        )
        if rows:
            section.rows.append([str(_("Total")), sum(r["persons"] for r in rows),
                                 sum(r["collectives"] for r in rows), sum(r["total"] for r in rows)])
        sections.append(section)
    return sections


def cash_sections(filters: queries.Filters) -> list[Section]:
    by_decision = queries.cash_by_decision(filters)
    by_year = queries.cash_by_year(filters)
    decisions = Section(
        key="cash-decision", title=str(_("Cash rewards by decision")),
        headers=[str(_("Decision")), str(_("Date")), str(_("Awardees")), str(_("Cash total (VND)"))],
        rows=[[r["number"], r["decided_on"], r["awardees"], r["total"]] for r in by_decision],
        money_columns=(3,),
    )
    years = Section(
        key="cash-year", title=str(_("Cash rewards by year")),
        headers=[str(_("Year")), str(_("Number of decisions")), str(_("Awardees")), str(_("Cash total (VND)"))],
        rows=[[r["year"], r["decisions"], r["awardees"], r["total"]] for r in by_year],
        money_columns=(3,),
    )
    for section, count_columns in ((decisions, (2, 3)), (years, (1, 2, 3))):
        if section.rows:
            total_row = [str(_("Total"))] + [""] * (len(section.headers) - 1)
            for column in count_columns:
                total_row[column] = sum(row[column] for row in section.rows)
            section.rows.append(total_row)
    return [decisions, years]


def build_report(filters: queries.Filters) -> list[Section]:
    return award_sections(filters) + cash_sections(filters)
