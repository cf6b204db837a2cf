"""The ONE adapter between the nomination workflow and the eligibility engine (awards.eligibility).

Everything the workflow needs from the awards app goes through here, so that only this module changes if
the engine's names differ. Agreed interface: evaluate, evaluate_many, rule_set_in_force, vote_rule,
cash_multiple. While the engine is absent, verdicts are "needs_review" (never a silent pass), vote rules
and cash multiples fall back to the domain defaults.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

_engine_cache = []


def _load_engine():
    """awards.eligibility if it offers the agreed interface, else None (looked up once per process)."""
    if not _engine_cache:
        try:
            from awards import eligibility as module
        except ImportError:  # pragma: no cover - depends on the awards app having landed
            module = None
        _engine_cache.append(module if module is not None and hasattr(module, "evaluate") else None)
    return _engine_cache[0]

# Domain defaults ([default] marks in the field notes) used only while the engine is missing.
DEFAULT_THRESHOLDS = {"CSTD_TINH": Fraction(9, 10), "BK_TINH": Fraction(4, 5)}
DEFAULT_QUORUM = Fraction(2, 3)
DEFAULT_BASE_SALARY = 2_340_000
DEFAULT_PAR_BANDS = [("excellent", 90, 101), ("good", 80, 90), ("fair", 70, 80), ("average", 50, 70), ("weak", 0, 50)]


@dataclass
class StoredVerdict:
    verdict: str
    criteria: list = field(default_factory=list)


def _to_stored(result) -> StoredVerdict:
    data = result.to_dict() if hasattr(result, "to_dict") else dict(result)
    # JSON-safe (messages may be lazy strings, evidence may hold dates or decimals).
    criteria = json.loads(json.dumps(list(data.get("criteria") or []), default=str, ensure_ascii=False))
    return StoredVerdict(verdict=str(data.get("verdict") or result.verdict), criteria=criteria)


def _unavailable() -> StoredVerdict:
    return StoredVerdict(
        "needs_review",
        [{"code": "engine", "status": "needs_review", "message": _("The eligibility engine is not available."),
          "evidence": {}}],
    )


def _rule_set_in_force(year):
    finder = getattr(_load_engine(), "rule_set_in_force", None)
    if finder is None:
        from awards.rulesets import rule_set_in_force as finder
    return finder(year)


def rule_set_for(campaign):
    """The campaign's rule set: the one it names, else the one in force for its year (None if no engine)."""
    if _load_engine() is None:
        return None
    if campaign.rule_set_id:
        return campaign.rule_set
    try:
        return _rule_set_in_force(campaign.year)
    except Exception:  # noqa: BLE001 - no rule set for the year yet
        return None


def evaluate_full(subject, award, campaign):
    """The engine's own Verdict object (for its explaining template), or None without an engine."""
    engine = _load_engine()
    if engine is None:
        return None
    return engine.evaluate(subject, award, campaign.year, campaign_kind=campaign.kind,
                           rule_set=rule_set_for(campaign))


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


def _evaluate_stored(subject, award, campaign) -> StoredVerdict:
    result = evaluate_full(subject, award, campaign)
    return _unavailable() if result is None else _to_stored(result)


def evaluate(subject, award, campaign) -> StoredVerdict:
    return _with_messages([_evaluate_stored(subject, award, campaign)],
                          lambda: [_evaluate_stored(subject, award, campaign)])[0]


def evaluate_many(pairs, campaign) -> list[StoredVerdict]:
    """Verdicts for (subject, award) pairs, in order, with a constant number of queries (per language)."""
    return _with_messages(_evaluate_many(pairs, campaign), lambda: _evaluate_many(pairs, campaign))


def _evaluate_many(pairs, campaign) -> list[StoredVerdict]:
    engine = _load_engine()
    if engine is None:
        return [_unavailable() for _pair in pairs]
    if not pairs:
        return []
    results = engine.evaluate_many(list(pairs), campaign.year, campaign.kind, rule_set=rule_set_for(campaign))
    if isinstance(results, dict):
        results = [results[(s, a)] if (s, a) in results else results[(s.pk, a.pk)] for s, a in pairs]
    return [_to_stored(r) for r in results]


def vote_rule(award, campaign) -> tuple[Fraction, Fraction]:
    """(threshold, quorum) as exact fractions of the council's members (no threshold: simple majority)."""
    engine = _load_engine()
    if engine is not None and hasattr(engine, "vote_rule"):
        threshold, quorum = engine.vote_rule(award, campaign.year, campaign.kind)
        return (Fraction(threshold) if threshold is not None else Fraction(1, 2),
                Fraction(quorum) if quorum is not None else DEFAULT_QUORUM)
    return DEFAULT_THRESHOLDS.get(award.pk, Fraction(1, 2)), DEFAULT_QUORUM


def cash_multiple(award, subject_kind: str, campaign) -> Decimal:
    """subject_kind: "person" or "collective"."""
    engine = _load_engine()
    if engine is not None and hasattr(engine, "cash_multiple"):
        return Decimal(str(engine.cash_multiple(award, subject_kind, rule_set_for(campaign), campaign.kind)))
    return award.cash_multiple_person if subject_kind == "person" else award.cash_multiple_collective


def base_salary(campaign) -> int:
    rule_set = rule_set_for(campaign)
    amount = getattr(rule_set, "base_salary", None)
    return int(amount or getattr(settings, "LAUREL_BASE_SALARY_VND", DEFAULT_BASE_SALARY))


def par_bands(year) -> list[tuple[str, float, float]]:
    """PAR classification bands (class, min inclusive, max exclusive) for the year."""
    engine = _load_engine()
    if engine is not None and hasattr(engine, "par_bands"):
        try:
            return list(engine.par_bands(year))
        except Exception:  # noqa: BLE001
            pass
    return DEFAULT_PAR_BANDS


VERDICT_INCLUDE = "awards/includes/verdict.html"


def register_reevaluation_consumer():
    """Let awards re-judge open nominees when registry records are re-imported (awards.consumers)."""
    try:
        from awards.consumers import EvaluationConsumer, OpenItem, register_consumer
    except ImportError:  # pragma: no cover
        return
    from django.db.models import Q
    from django.utils import timezone

    from .enums import NomineeState
    from .models import Nominee

    def open_items(kind, years, unit_ids):
        qs = Nominee.objects.filter(state=NomineeState.PROPOSED, campaign__year__in=years).select_related(
            "campaign", "person", "unit")
        if unit_ids:
            qs = qs.filter(Q(person__unit_id__in=unit_ids) | Q(unit_id__in=unit_ids))
        for n in qs:
            yield OpenItem(key=f"nomination:{n.pk}", subject=n.subject, award=n.award_id, year=n.campaign.year,
                           campaign_kind=n.campaign.kind, verdict=n.verdict)

    def on_change(item, verdict):
        stored = _to_stored(verdict)  # the consumer's language only: the display falls back to "message"
        pk = int(item.key.split(":")[1])
        Nominee.objects.filter(pk=pk).update(verdict=stored.verdict, criteria=stored.criteria,
                                             evaluated_at=timezone.now(),
                                             flagged=stored.verdict == "ineligible")

    register_consumer(EvaluationConsumer(name="nominations", open_items=open_items, on_change=on_change))
