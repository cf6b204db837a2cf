"""Evaluation consumers: other apps (nominations) register here to have their open items re-judged when
records are imported. A consumer gives the open items touched by an import and is told of each verdict
that changed; awards.tasks records the change. With no consumer registered, re-evaluation does nothing."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class OpenItem:
    key: str  # the consumer's id of the item, e.g. "nomination:42"
    subject: object  # units.Person or units.Unit
    award: str  # award code
    year: int
    campaign_kind: str
    verdict: str  # the verdict recorded so far ("" if none)
    rule_set: object = None  # the campaign's own rule set; None = the one in force for the year


@dataclass(frozen=True)
class EvaluationConsumer:
    name: str
    # (kind, years, unit_ids) -> the open items whose verdict may have changed
    open_items: Callable[[str, set, set], Iterable[OpenItem]]
    # (item, new Verdict) -> None: store the new verdict on the item
    on_change: Callable[[OpenItem, object], None]


_CONSUMERS: dict[str, EvaluationConsumer] = {}


def register_consumer(consumer: EvaluationConsumer) -> None:
    _CONSUMERS[consumer.name] = consumer


def unregister_consumer(name: str) -> None:
    _CONSUMERS.pop(name, None)


def consumers() -> list[EvaluationConsumer]:
    return list(_CONSUMERS.values())
