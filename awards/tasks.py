"""Celery tasks of the awards app."""

from celery import shared_task

from .services import reevaluate


@shared_task(name="awards.reevaluate_after_import")
def reevaluate_after_import(kind: str, years: list[int], unit_ids: list[int]) -> int:
    """Re-judge the open items (nominations) touched by an import; returns how many verdicts changed."""
    return reevaluate(kind, set(years), set(unit_ids))
