"""A dossier, or a decision with all its dossiers, as one ZIP for archiving and for the central level: the
dossier PDF (pdf.py), its attachments and a manifest with checksums (archive.py), read through record.py."""

from .archive import decision_bundle_zip, dossier_bundle_zip, export_decision, export_dossier
from .pdf import SECTIONS, dossier_bundle_pdf

__all__ = ["SECTIONS", "decision_bundle_zip", "dossier_bundle_pdf", "dossier_bundle_zip", "export_decision",
           "export_dossier"]
