"""Criterion kinds, one module per family. Importing this package registers them all."""

from . import advisory, collective, discipline, honours, initiatives, par, ratings, review  # noqa: F401
from .base import REGISTRY, REQUIRED, CriterionKind, Param, get_kind, register, validate_criterion

__all__ = ["REGISTRY", "REQUIRED", "CriterionKind", "Param", "get_kind", "register", "validate_criterion"]
