"""Bulk add of nominees from an XLSX or CSV list: kind, code, award, achievement, justification.
Each row is added through add_nominee; the result reports per row what happened."""

from django.conf import settings
from django.utils.translation import gettext as _

from awards.models import AwardType
from config.text import excerpt
from units.importing.limits import bulk_limits
from units.importing.readers import ReadError, read_records
from units.models import Person, Unit

from .attachments import XLSX, max_bytes, validate_upload
from .dossiers import add_nominee
from .errors import MoveRefused

PERSON_WORDS = {"person", "ca nhan", "cá nhân", "p"}
COLLECTIVE_WORDS = {"collective", "tap the", "tập thể", "c", "unit"}


def read_rows(upload) -> list[list[str]]:
    """The rows of the list (header dropped), bounded like every spreadsheet read (units.importing.limits:
    LAUREL_BULK_MAX_ROWS rows, columns, characters per cell, unpacked size) before it is parsed whole."""
    if upload.size > max_bytes():
        raise MoveRefused(_("The file is larger than %(mb)s MB.") % {"mb": settings.LAUREL_MAX_UPLOAD_MB})
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(b"PK") and validate_upload(upload) != XLSX:
        raise MoveRefused(_("The list must be an XLSX or CSV file."))
    try:
        records, _format = read_records(upload, getattr(upload, "name", "") or "list.csv", bulk_limits())
    except ReadError as exc:
        if exc.line:
            raise MoveRefused(_("Line %(line)d: %(problem)s") % {"line": exc.line, "problem": exc.message}) from None
        raise MoveRefused(exc.message) from None
    rows = [["" if cell is None else str(cell) for cell in cells] for _index, cells in records]
    rows = [r for r in rows if any(r)]
    if rows and rows[0] and rows[0][0].lower() in {"kind", "loai", "loại"}:
        rows = rows[1:]
    return rows


def bulk_add(dossier, by, upload) -> list[dict]:
    results = []
    for number, row in enumerate(read_rows(upload), start=1):
        row = (row + [""] * 5)[:5]
        kind, code, award_code, achievement, justification = row
        entry = {"row": number, "code": excerpt(code), "award": excerpt(award_code), "ok": False, "message": ""}
        try:
            award = AwardType.objects.filter(pk=award_code.upper()).first()
            if award is None:
                raise MoveRefused(_("Unknown award %(code)s.") % {"code": excerpt(award_code)})
            if kind.lower() in PERSON_WORDS:
                subject = Person.objects.filter(code=code).select_related("unit").first()
                kwargs = {"person": subject}
            elif kind.lower() in COLLECTIVE_WORDS:
                subject = Unit.objects.filter(code=code).first()
                kwargs = {"unit": subject}
            else:
                raise MoveRefused(_("Kind must be person or collective."))
            if subject is None:
                raise MoveRefused(_("No one with code %(code)s.") % {"code": excerpt(code)})
            nominee = add_nominee(dossier, by, award=award, achievement=achievement,
                                  justification=justification, **kwargs)
            entry.update(ok=True, message=_("Added (%(verdict)s).") % {"verdict": nominee.get_verdict_display()})
        except MoveRefused as exc:
            entry["message"] = exc.message
        results.append(entry)
    return results
