"""Imports of the organisation registry from CSV or XLSX: units, people and yearly records."""

from .report import ImportReport, RowError
from .schemas import SCHEMAS
from .service import KINDS, run_import

__all__ = ["KINDS", "SCHEMAS", "ImportReport", "RowError", "run_import"]
