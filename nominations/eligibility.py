"""A verdict as a nominee stores it: the verdict and its criteria as JSON, each criterion's message kept in
every language of the site so that it is shown in the reader's. The rules themselves come from
awards.campaign_rules.CampaignRules (one per campaign)."""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation


@dataclass
class StoredVerdict:
    verdict: str
    criteria: list = field(default_factory=list)


def to_stored(result) -> StoredVerdict:
    data = result.to_dict()
    # JSON-safe (messages may be lazy strings, evidence may hold dates or decimals).
    criteria = json.loads(json.dumps(list(data.get("criteria") or []), default=str, ensure_ascii=False))
    for stored, criterion in zip(criteria, getattr(result, "criteria", ()), strict=False):
        if getattr(criterion, "basis_text", ""):  # the legal basis as one line, for the dossier's explanation
            stored["basis_text"] = str(criterion.basis_text)
    return StoredVerdict(verdict=str(data.get("verdict") or result.verdict), criteria=criteria)


def judge(rules, pairs) -> list[StoredVerdict]:
    """Stored verdicts for (subject, award) pairs under a campaign's CampaignRules, in order, with each
    criterion's message in every language of the site."""
    pairs = list(pairs)

    def compute():
        return [to_stored(v) for v in rules.evaluate_many(pairs)]

    return _with_messages(compute(), compute)


def _other_languages():
    current = translation.get_language() or settings.LANGUAGE_CODE
    return [code for code, _name in settings.LANGUAGES if code != current]


def _with_messages(stored: list[StoredVerdict], compute) -> list[StoredVerdict]:
    """Keep each criterion's message in every language of the site ({"messages": {"en": …, "vi": …}}), so
    that a stored verdict is shown in the reader's language. compute() re-runs the evaluation."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    for verdict in stored:
        for criterion in verdict.criteria:
            criterion["messages"] = {current: criterion.get("message", "")}
    for language in _other_languages():
        with translation.override(language):
            others = compute()
        for verdict, other in zip(stored, others, strict=True):
            for criterion, translated in zip(verdict.criteria, other.criteria, strict=False):
                criterion["messages"][language] = translated.get("message", "")
    return stored


def shown_criteria(criteria) -> list[dict]:
    """Stored criteria with "message" in the active language (the reader's) when it was kept."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return [{**c, "message": (c.get("messages") or {}).get(language) or c.get("message", "")}
            for c in criteria or []]
