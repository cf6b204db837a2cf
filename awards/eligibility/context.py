"""What a criterion kind sees while evaluating one subject."""

from .messages import cached
from .verdict import ELIGIBLE, FAILED, INELIGIBLE, PASSED, UNKNOWN

STATUS_OF_VERDICT = {ELIGIBLE: PASSED, INELIGIBLE: FAILED}


class EvalContext:
    __slots__ = ("engine", "subject", "year", "depth", "award_code")

    def __init__(self, engine, subject, year: int, depth: int = 0, award_code: str = ""):
        self.engine, self.subject, self.year, self.depth = engine, subject, year, depth
        self.award_code = award_code

    @property
    def records(self):
        return self.engine.records

    def award_name(self, code: str) -> str:
        award = self.engine.catalogue.awards.get(code)
        return cached(("award", code), lambda: f"{award.name} ({code})") if award else code

    def nested_status(self, subject, award_code: str, year: int) -> str:
        """passed / failed / unknown: is `subject` eligible for `award_code` in `year` (annual path)?"""
        verdict = self.engine.nested_verdict(subject, award_code, year, self.depth + 1)
        return STATUS_OF_VERDICT.get(verdict, UNKNOWN)
