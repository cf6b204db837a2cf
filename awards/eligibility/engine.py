"""The eligibility engine: a rule set's compiled rules + a records snapshot -> an explained verdict.

awards.campaign_rules.CampaignRules loads a campaign's rules once and builds engines; evaluate() and
evaluate_many() here are shorthands for it. A whole campaign is judged with the same constant number of
queries (award types, rules, criteria, band ladders, and the records snapshot), then pure Python.
"""

from collections import defaultdict
from dataclasses import dataclass

from ..criteria import REGISTRY
from ..enums import CampaignKind, WhenFailed
from ..models import AwardType
from ..shares import format_percent, parse_fraction
from .context import EvalContext
from .messages import cached, current_cache
from .messages import gettext as _
from .records import SubjectRef
from .verdict import (
    COLLECTIVE,
    FAILED,
    NEEDS_REVIEW,
    PASSED,
    PERSON,
    UNKNOWN,
    CriterionResult,
    Outcome,
    Verdict,
    combine,
)

MAX_DEPTH = 4


@dataclass
class Compiled:
    row: object  # Criterion
    spec: object | None  # CriterionKind
    params: dict | None
    error: str = ""


def _basis(basis) -> tuple[dict, str]:
    return (basis.to_dict(), basis.text) if basis else ({}, "")


class Catalogue:
    """Award types and the compiled rules of one rule set."""

    def __init__(self, rule_set):
        self.rule_set = rule_set
        self.awards = {a.code: a for a in AwardType.objects.all()}
        self.rules = defaultdict(list)
        self._rule_cache: dict = {}
        if rule_set is not None:
            for rule in rule_set.rules.select_related("rule_set").prefetch_related("criteria"):
                compiled = []
                for row in rule.criteria.all():
                    if not row.enabled:
                        continue
                    spec = REGISTRY.get(row.kind)
                    if spec is None:
                        compiled.append(Compiled(row, None, None, _("Unknown criterion kind “%(kind)s”.")
                                                 % {"kind": row.kind}))
                        continue
                    errors = spec.validate(row.params, self.awards)
                    if errors:
                        compiled.append(Compiled(row, spec, None, " ".join(errors)))
                    else:
                        compiled.append(Compiled(row, spec, spec.parse(spec.normalise(row.params, self.awards))))
                self.rules[rule.award_id].append((rule, compiled))

    def rule(self, code: str, campaign_kind: str):
        key = (code, campaign_kind)
        if key not in self._rule_cache:
            self._rule_cache[key] = self._find_rule(code, campaign_kind)
        return self._rule_cache[key]

    def _find_rule(self, code: str, campaign_kind: str):
        for rule, compiled in self.rules.get(code, ()):
            if campaign_kind in rule.campaign_kinds:
                return rule, compiled
        return None, []

    def _valid(self):
        for entries in self.rules.values():
            for _rule, compiled in entries:
                for c in compiled:
                    if c.params is not None:
                        yield c

    def span(self) -> int:
        return max([c.spec.span(c.params) for c in self._valid()] + [1])

    def quota_awards(self) -> set[str]:
        return set().union(*[c.spec.awards_quota(c.params) for c in self._valid()])


class Engine:
    def __init__(self, catalogue: Catalogue, records, year: int, campaign_kind: str):
        self.catalogue, self.records = catalogue, records
        self.year, self.campaign_kind = year, campaign_kind
        self._nested: dict = {}
        rs = catalogue.rule_set
        self._rs_id, self._rs_name = (rs.pk, rs.name) if rs is not None else (None, "")
        self._steps: dict = {}  # (award, campaign kind, subject kind, with advisory) -> the criteria to run

    @property
    def rule_set(self):
        return self.catalogue.rule_set

    def _result(self, code, kind, outcome: Outcome, optional=False, basis_of=None, note="") -> CriterionResult:
        """basis_of: (cache key, a function giving the Basis), so that each rule's basis is built and
        translated once per batch."""
        evidence = dict(outcome.evidence)
        if self._rs_id is not None:
            evidence["rule_set"] = self._rs_name
        basis, basis_text = cached(basis_of[0], lambda: _basis(basis_of[1]())) if basis_of else ({}, "")
        return CriterionResult(code, kind, outcome.status, str(outcome.message), evidence,
                               self._rs_id, self._rs_name, optional, basis, basis_text, note)

    def _criterion_result(self, row, outcome: Outcome, cache) -> CriterionResult:
        """_result for a criterion row, its basis built and translated once per batch (`cache`: the batch's
        message cache, or None outside a batch)."""
        key = ("basis", row.pk)
        if cache is None:
            basis, basis_text = _basis(row.basis)
        else:
            try:
                basis, basis_text = cache[key]
            except KeyError:
                cache[key] = (basis, basis_text) = _basis(row.basis)
        evidence = dict(outcome.evidence)
        if self._rs_id is not None:
            evidence["rule_set"] = self._rs_name
        message = outcome.message
        return CriterionResult(row.code, row.kind, outcome.status, message if type(message) is str else str(message),
                               evidence, self._rs_id, self._rs_name, row.optional, basis, basis_text, row.note)

    def _steps_for(self, compiled, award_code: str, campaign_kind: str, subject_kind: str, with_advisory: bool):
        """The criteria that run for a subject kind, in order: (compiled, advisory, review when failed)."""
        key = (award_code, campaign_kind, subject_kind, with_advisory)
        steps = self._steps.get(key)
        if steps is None:
            steps = []
            for c in compiled:
                if not c.row.applies_to_subject(subject_kind):
                    continue
                advisory = c.spec is not None and c.spec.advisory
                if c.params is not None and (advisory and not with_advisory or subject_kind not in c.spec.subjects):
                    continue
                steps.append((c, advisory, c.row.when_failed == WhenFailed.REVIEW))
            self._steps[key] = steps
        return steps

    def judge(self, ref: SubjectRef, award_code: str, year: int, campaign_kind: str, depth: int = 0,
              with_advisory: bool = True, reasons: list | None = None):
        """(verdict, criteria, advisory) for a subject. Without advisory only the verdict is wanted: no
        explanation is built, and `reasons`, when given, receives the codes of the criteria not passed (up to
        the first that fails, which settles it)."""
        award = self.catalogue.awards.get(award_code)
        fits = award is not None and (award.for_persons if ref.kind == PERSON else award.for_collectives)
        if award is None or not fits:
            who = _("a person") if ref.kind == PERSON else _("a collective")
            result = self._result("recipient", "recipient", Outcome(
                FAILED, _("%(award)s is not given to %(who)s.") % {"award": award_code, "who": who},
                {"recipient_kind": award.recipient_kind if award else None}))
            return combine([FAILED]), [result], []
        if not award.allows_campaign_kind(campaign_kind):
            result = self._result("campaign_kind", "campaign_kind", Outcome(
                FAILED, _("%(award)s is not given in %(kind)s campaigns.")
                % {"award": award_code, "kind": CampaignKind(campaign_kind).label if campaign_kind
                   in CampaignKind.values else campaign_kind},
                {"campaign_kind": campaign_kind, "allowed": list(award.campaign_kinds)}))
            return combine([FAILED]), [result], []
        if self.rule_set is None:
            result = self._result("rule_set", "rule_set", Outcome(
                UNKNOWN, _("No rule set is in force for %(year)s.") % {"year": year}, {"year": year}))
            return NEEDS_REVIEW, [result], []
        rule, compiled = self.catalogue.rule(award_code, campaign_kind)
        if rule is None:
            result = self._result("rule", "rule", Outcome(
                UNKNOWN, _("The rule set has no rule for %(award)s in %(kind)s campaigns.")
                % {"award": award_code, "kind": campaign_kind}, {"campaign_kind": campaign_kind}))
            return NEEDS_REVIEW, [result], []
        ctx = EvalContext(self, ref, year, depth, award_code)
        criteria, advisory, statuses = [], [], []  # statuses: a nested judgement's, without results
        cache = current_cache()
        for c, is_advisory, review in self._steps_for(compiled, award_code, campaign_kind, ref.kind, with_advisory):
            if c.params is None:
                outcome = Outcome(UNKNOWN, _("This criterion is misconfigured: %(error)s") % {"error": c.error},
                                  {"kind": c.row.kind})
            else:
                outcome = c.spec.evaluate(ctx, c.params)
                if not with_advisory:  # a nested judgement needs only the verdict
                    status = UNKNOWN if review and outcome.status == FAILED else outcome.status
                    if not c.row.optional:
                        statuses.append(status)
                        if reasons is not None and status != PASSED:
                            reasons.append(c.row.code)
                        if status == FAILED:
                            break  # one failure settles it
                    continue
                if review and outcome.status == FAILED:
                    remain = _("Other paths remain for the reviewers.")
                    outcome = Outcome(UNKNOWN, f"{outcome.message} {remain}",
                                      {**outcome.evidence, "when_failed": WhenFailed.REVIEW})
            result = self._criterion_result(c.row, outcome, cache)
            (advisory if is_advisory else criteria).append(result)
            if not with_advisory and result.status == FAILED and not result.optional:
                break  # a nested judgement needs only the verdict: one failure settles it
        if with_advisory and rule.vote_threshold:
            advisory.append(self._vote_result(rule))
        verdict = combine([r.status for r in criteria if not r.optional] + statuses)
        return verdict, criteria, advisory

    def _vote_result(self, rule) -> CriterionResult:
        return cached(("vote", rule.pk), lambda: self._make_vote_result(rule))

    def _make_vote_result(self, rule) -> CriterionResult:
        threshold, quorum = parse_fraction(rule.vote_threshold), parse_fraction(rule.quorum or "2/3")
        return self._result("council_vote", "council_vote", Outcome(
            UNKNOWN,
            _("Council vote: needs at least %(threshold)s of the members' votes, with at least %(quorum)s of the "
              "members voting.") % {"threshold": format_percent(threshold), "quorum": rule.quorum or "2/3"},
            {"threshold": str(threshold), "quorum": str(quorum)}), basis_of=(("vote_basis", rule.pk),
                                                                            lambda: rule.vote_basis))

    def nested_verdict(self, subject, award_code: str, year: int, depth: int) -> str:
        ref = SubjectRef.of(subject)
        key = (ref.kind, ref.id, award_code, year)
        if key not in self._nested:
            if depth > MAX_DEPTH:
                return NEEDS_REVIEW
            self._nested[key] = NEEDS_REVIEW  # guards a cycle while it is being evaluated
            self._nested[key] = self.judge(ref, award_code, year, CampaignKind.ANNUAL, depth, False)[0]
        return self._nested[key]

    def summary(self, ref: SubjectRef, award_code: str) -> tuple[str, list[str]]:
        """(verdict, codes of the criteria not passed) without the explanation: what a campaign-wide run
        stores. The verdict is the one `verdict` gives."""
        reasons: list[str] = []
        verdict, criteria, _advisory = self.judge(ref, award_code, self.year, self.campaign_kind,
                                                  with_advisory=False, reasons=reasons)
        reasons += [r.code for r in criteria if r.status != PASSED and not r.optional]
        if self.campaign_kind == CampaignKind.ANNUAL:
            self._nested.setdefault((ref.kind, ref.id, award_code, self.year), verdict)
        return verdict, reasons

    def verdict(self, subject, award_code: str) -> Verdict:
        ref = SubjectRef.of(subject)
        verdict, criteria, advisory = self.judge(ref, award_code, self.year, self.campaign_kind)
        if self.campaign_kind == CampaignKind.ANNUAL:
            self._nested.setdefault((ref.kind, ref.id, award_code, self.year), verdict)
        award = self.catalogue.awards.get(award_code, award_code)
        return Verdict(subject, award, self.year, self.campaign_kind, self.rule_set, verdict, criteria, advisory)


def evaluate_many(items, year: int, campaign_kind: str = CampaignKind.ANNUAL, rule_set=None) -> list[Verdict]:
    """items: (subject, award) pairs, subject a units.Person or units.Unit, award an AwardType or a code;
    judged by `rule_set` or the one in force for the year (see CampaignRules)."""
    from ..campaign_rules import CampaignRules

    return CampaignRules.for_year(year, campaign_kind, rule_set).evaluate_many(items)


def evaluate(subject, award, year: int, campaign_kind: str = CampaignKind.ANNUAL, rule_set=None) -> Verdict:
    return evaluate_many([(subject, award)], year, campaign_kind, rule_set)[0]


def suggest_highest(subject, year: int, campaign_kind: str = CampaignKind.ANNUAL, rule_set=None) -> Verdict | None:
    """The verdict of the highest-ranked award (AwardType.rank) the subject is eligible for, or None."""
    from ..campaign_rules import CampaignRules

    return CampaignRules.for_year(year, campaign_kind, rule_set).suggest_highest(subject)


__all__ = ["COLLECTIVE", "PERSON", "evaluate", "evaluate_many", "suggest_highest"]
