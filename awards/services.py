"""Re-evaluation after an import: judge every registered consumer's open items again, in one batch per
(year, campaign kind), and record the verdicts that changed."""

from collections import defaultdict

from django.db import transaction

from .consumers import consumers
from .eligibility import evaluate_many
from .models import EvaluationChange


def reevaluate(kind: str, years: set[int], unit_ids: set[int]) -> int:
    changed = 0
    for consumer in consumers():
        batches = defaultdict(list)
        for item in consumer.open_items(kind, years, unit_ids):
            batches[(item.year, item.campaign_kind, getattr(item.rule_set, "pk", None))].append(item)
        for (year, campaign_kind, _rule_set_id), items in batches.items():
            verdicts = evaluate_many([(i.subject, i.award) for i in items], year, campaign_kind, items[0].rule_set)
            with transaction.atomic():
                for item, verdict in zip(items, verdicts, strict=True):
                    if verdict.verdict == item.verdict:
                        continue
                    EvaluationChange.objects.create(
                        consumer=consumer.name, item_key=item.key, subject=verdict.subject_code,
                        award_id=item.award, year=year, old_verdict=item.verdict, new_verdict=verdict.verdict,
                        rule_set=verdict.rule_set, trigger=kind,
                    )
                    consumer.on_change(item, verdict)
                    changed += 1
    return changed
