"""A verdict as a nominee stores it: the verdict and its criteria as JSON. The rules themselves come from
awards.campaign_rules.CampaignRules (one per campaign)."""

import json
from dataclasses import dataclass, field


@dataclass
class StoredVerdict:
    verdict: str
    criteria: list = field(default_factory=list)


def to_stored(result) -> StoredVerdict:
    data = result.to_dict()
    # JSON-safe (messages may be lazy strings, evidence may hold dates or decimals).
    criteria = json.loads(json.dumps(list(data.get("criteria") or []), default=str, ensure_ascii=False))
    return StoredVerdict(verdict=str(data.get("verdict") or result.verdict), criteria=criteria)


def judge(rules, pairs) -> list[StoredVerdict]:
    """Stored verdicts for (subject, award) pairs under a campaign's CampaignRules, in order."""
    return [to_stored(v) for v in rules.evaluate_many(pairs)]
