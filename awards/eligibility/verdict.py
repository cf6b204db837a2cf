"""The result of an evaluation: a verdict and one explained result per criterion."""

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

PASSED, FAILED, UNKNOWN = "passed", "failed", "unknown"
ELIGIBLE, INELIGIBLE, NEEDS_REVIEW = "eligible", "ineligible", "needs_review"
PERSON, COLLECTIVE = "person", "collective"

STATUS_LABELS = {PASSED: _("passed"), FAILED: _("failed"), UNKNOWN: _("unknown")}
VERDICT_LABELS = {ELIGIBLE: _("Eligible"), INELIGIBLE: _("Not eligible"), NEEDS_REVIEW: _("Needs review")}


@dataclass
class Outcome:
    """What a criterion kind returns: status, a localised message and the evidence used."""

    status: str
    message: str
    evidence: dict = field(default_factory=dict)


@dataclass
class CriterionResult:
    code: str
    kind: str
    status: str
    message: str
    evidence: dict
    rule_set_id: int | None = None
    rule_set_name: str = ""
    optional: bool = False
    basis: dict = field(default_factory=dict)  # document, article, clause, source (law | province)
    basis_text: str = ""
    note: str = ""

    @property
    def basis_source_label(self) -> str:
        from ..enums import BasisSource

        source = self.basis.get("source")
        return str(BasisSource(source).label) if source in BasisSource.values else ""

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    @property
    def label(self) -> str:
        """What the criterion checks, in words (the kind's label), for tables where a code would be shown."""
        from ..criteria.base import REGISTRY

        kind = REGISTRY.get(self.kind)
        return str(kind.label) if kind is not None and kind.label else self.code

    @property
    def evidence_json(self) -> str:
        shown = {k: v for k, v in self.evidence.items() if k != "rule_set"}
        return json.dumps(shown, ensure_ascii=False, indent=1, default=str)

    def to_dict(self) -> dict:
        data = {"code": self.code, "status": self.status, "message": self.message, "evidence": self.evidence}
        if self.basis:
            data["basis"] = self.basis
        return data


def combine(statuses) -> str:
    """Any failed -> ineligible; else any unknown -> needs_review; else eligible."""
    statuses = list(statuses)
    if FAILED in statuses:
        return INELIGIBLE
    if UNKNOWN in statuses:
        return NEEDS_REVIEW
    return ELIGIBLE


@dataclass
class Verdict:
    subject: Any
    award: Any  # AwardType
    year: int
    campaign_kind: str
    rule_set: Any  # RuleSet or None
    verdict: str
    criteria: list[CriterionResult]
    advisory: list[CriterionResult] = field(default_factory=list)

    @property
    def award_code(self) -> str:
        return getattr(self.award, "code", self.award)

    @property
    def subject_code(self) -> str:
        return self.subject.code

    @property
    def subject_kind(self) -> str:
        from units.models import Person

        if isinstance(self.subject, Person):
            return PERSON
        return getattr(self.subject, "kind_of_subject", COLLECTIVE)

    @property
    def rule_set_name(self) -> str:
        return self.rule_set.name if self.rule_set else ""

    @property
    def verdict_label(self) -> str:
        return str(VERDICT_LABELS.get(self.verdict, self.verdict))

    @property
    def campaign_kind_label(self) -> str:
        from ..enums import CampaignKind

        return str(CampaignKind(self.campaign_kind).label) if self.campaign_kind in CampaignKind.values else ""

    @property
    def subject_name(self) -> str:
        return getattr(self.subject, "full_name", None) or getattr(self.subject, "name", "")

    @property
    def is_eligible(self) -> bool:
        return self.verdict == ELIGIBLE

    def to_dict(self) -> dict:
        """The JSON object of the `eligibility` command: verdict and criteria, and the rule set judged by."""
        rule_set = None
        if self.rule_set is not None:
            rule_set = {"name": self.rule_set.name, "effective_from": self.rule_set.effective_from.isoformat()}
        return {
            "award": self.award_code,
            "subject": self.subject_code,
            "year": self.year,
            "verdict": self.verdict,
            "rule_set": rule_set,
            "criteria": [c.to_dict() for c in self.criteria],
        }

