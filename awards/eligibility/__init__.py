"""The explainable eligibility engine. Public API (imported lazily so that the criterion kinds can use the
leaf module `verdict` without a cycle):

    evaluate(subject, award, year, campaign_kind="annual", rule_set=None) -> Verdict
    evaluate_many([(subject, award), ...], year, campaign_kind="annual", rule_set=None) -> list[Verdict]
    suggest_highest(subject, year, campaign_kind="annual", rule_set=None) -> Verdict | None

The workflow asks awards.campaign_rules.CampaignRules, which loads a campaign's rule set once.
"""

import importlib

_EXPORTS = {
    "evaluate": ".engine", "evaluate_many": ".engine", "suggest_highest": ".engine",
    "rule_set_in_force": "..rulesets", "clone_rule_set": "..rulesets",
    "par_bands": "..par", "par_info": "..par",
    "Verdict": ".verdict", "CriterionResult": ".verdict", "ELIGIBLE": ".verdict", "INELIGIBLE": ".verdict",
    "NEEDS_REVIEW": ".verdict", "PASSED": ".verdict", "FAILED": ".verdict", "UNKNOWN": ".verdict",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(name)
    return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
