"""One set of rules per campaign: the rule set a campaign is judged by (its own, or the one in force for its
year), loaded once, answering everything the workflow asks — verdicts, the council's vote rule, cash
multiples and amounts (the base salary in force on a date), PAR classes.

    rules = CampaignRules.for_campaign(campaign)            # or CampaignRules.for_year(2025)
    rules.evaluate_many([(person, award), ...])             # explained verdicts
    rules.vote_rule(award)                                  # (threshold, quorum) as Fractions
    rules.cash_amount(award, "person", on=decided_on)       # VND, whole

Loading costs a fixed number of queries (the rule set, award types, rules and criteria); every answer
after that is pure Python, so a page may ask it once per nominee.
"""

import datetime
import gc
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils import timezone

from .eligibility.engine import Catalogue, Engine
from .eligibility.messages import message_cache
from .eligibility.records import Provincewide, Records, SubjectRef
from .eligibility.verdict import PERSON
from .enums import CampaignKind
from .models import BaseSalary
from .par import Ladders
from .rulesets import rule_set_in_force
from .shares import parse_fraction

SIMPLE_MAJORITY = Fraction(1, 2)
DEFAULT_QUORUM = Fraction(2, 3)


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused for one batch: a batch allocates millions of small objects and
    frees none of them before it ends, so the collector would walk them again and again for nothing (about a
    quarter of a 200,000-subject run). Reference counting still frees everything else as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class CampaignRules:
    def __init__(self, rule_set, year: int, campaign_kind: str = CampaignKind.ANNUAL,
                 on: datetime.date | None = None):
        self.rule_set, self.year, self.campaign_kind = rule_set, year, campaign_kind
        self.on = on or timezone.localdate()
        self.catalogue = Catalogue(rule_set)
        self._salaries = None
        self._ladders = None
        self._wide = None

    @classmethod
    def for_campaign(cls, campaign, on: datetime.date | None = None) -> "CampaignRules":
        rule_set = campaign.rule_set if campaign.rule_set_id else rule_set_in_force(campaign.year)
        return cls(rule_set, campaign.year, campaign.kind, on)

    @classmethod
    def for_year(cls, year: int, campaign_kind: str = CampaignKind.ANNUAL, rule_set=None,
                 on: datetime.date | None = None) -> "CampaignRules":
        return cls(rule_set if rule_set is not None else rule_set_in_force(year), year, campaign_kind, on)

    # -- verdicts -----------------------------------------------------------------------------------
    def engine(self, subjects, wide: Provincewide | None = None) -> Engine:
        records = Records.load(subjects, self.first_year, self.year,
                               quota_awards=self.catalogue.quota_awards(), ladders=self.ladders, wide=wide)
        # What had been published by the evaluation date (PAR results of year N appear in N+1) and what was
        # still open then (discipline under review) is read as of that date.
        records.on = records.as_of = self.on
        return Engine(self.catalogue, records, self.year, self.campaign_kind)

    @property
    def first_year(self) -> int:
        """The first year of the window the rules look back over."""
        return self.year - self.catalogue.span() + 1

    def provincewide(self) -> Provincewide:
        """The PAR and cluster ranks of the window, loaded once: a campaign-wide run's chunks share them."""
        if self._wide is None:
            self._wide = Provincewide.load(self.first_year, self.year, self.ladders)
        return self._wide

    def evaluate_many(self, pairs) -> list:
        """Verdicts for (subject, award) pairs, in order, in a constant number of queries."""
        pairs = list(pairs)
        if not pairs:
            return []
        with collector_paused():
            engine = self.engine([subject for subject, _award in pairs])
            with message_cache():
                return [engine.verdict(subject, getattr(award, "code", award)) for subject, award in pairs]

    def evaluate(self, subject, award):
        return self.evaluate_many([(subject, award)])[0]

    def candidate_awards(self, subject) -> list:
        kind = SubjectRef.of(subject).kind
        awards = sorted(self.catalogue.awards.values(), key=lambda a: (-a.rank, a.code))
        return [a for a in awards if a.is_active and (a.for_persons if kind == PERSON else a.for_collectives)
                and a.allows_campaign_kind(self.campaign_kind)]

    def suggest_highest(self, subject):
        """The verdict of the highest-ranked award (AwardType.rank) the subject is eligible for, or None."""
        awards = self.candidate_awards(subject)
        return next((v for v in self.evaluate_many([(subject, a) for a in awards]) if v.is_eligible), None)

    # -- council ------------------------------------------------------------------------------------
    def rule(self, award):
        return self.catalogue.rule(getattr(award, "code", award), self.campaign_kind)[0]

    def vote_threshold(self, award) -> Fraction | None:
        """The share of votes the rule set asks for, or None when it asks for no council vote."""
        rule = self.rule(award)
        return parse_fraction(rule.vote_threshold) if rule is not None and rule.vote_threshold else None

    def vote_rule(self, award) -> tuple[Fraction, Fraction]:
        """(threshold, quorum) as exact fractions of the council's members; no threshold: simple majority."""
        rule = self.rule(award)
        threshold = self.vote_threshold(award)
        quorum = parse_fraction(rule.quorum) if rule is not None and rule.quorum else DEFAULT_QUORUM
        return (threshold if threshold is not None else SIMPLE_MAJORITY), quorum

    # -- cash ---------------------------------------------------------------------------------------
    def cash_multiple(self, award, subject_kind: str) -> Decimal:
        """Multiple of the base salary for a person ("person") or a collective ("collective"): the rule's
        value when the rule set gives one (this campaign kind's rule first, then any of the award's rules),
        else the award type's default."""
        code = getattr(award, "code", award)
        field = "cash_multiple_person" if subject_kind == PERSON else "cash_multiple_collective"
        rules = [self.rule(code)] + [r for r, _c in self.catalogue.rules.get(code, ())]
        for rule in rules:
            if rule is not None and getattr(rule, field) is not None:
                return getattr(rule, field)
        award = self.catalogue.awards.get(code)
        return getattr(award, field) if award is not None else Decimal(0)

    def base_salary(self, on: datetime.date | None = None) -> Decimal:
        """The base salary in force on a date (default: the evaluation date); 0 when none is recorded."""
        if self._salaries is None:
            self._salaries = list(BaseSalary.objects.order_by("-effective_from").values_list("effective_from",
                                                                                              "amount"))
        on = on or self.on
        return next((amount for start, amount in self._salaries if start <= on), Decimal(0))

    def cash_amount(self, award, subject_kind: str, on: datetime.date | None = None,
                    base_salary: Decimal | int | None = None) -> int:
        base = Decimal(base_salary) if base_salary is not None else self.base_salary(on)
        return int((self.cash_multiple(award, subject_kind) * base).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    # -- PAR ----------------------------------------------------------------------------------------
    @property
    def ladders(self) -> Ladders:
        if self._ladders is None:
            self._ladders = Ladders.load()
        return self._ladders

    def par_class(self, score, group, year: int | None = None) -> str | None:
        return self.ladders.classify(score, group, year or self.year)

    def par_bands(self, group, year: int | None = None) -> list[tuple[str, float, float]]:
        """(class, lower bound inclusive, upper bound exclusive), best first; the best band's upper bound is
        101 so that 100 falls inside it."""
        found = self.ladders.ladder_for(group, year or self.year)
        out, upper = [], 101.0
        for lower_bound, par_class in (found[1] if found else ()):
            out.append((par_class, float(lower_bound), upper))
            upper = float(lower_bound)
        return out
