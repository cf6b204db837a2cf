"""Uploaded documents: type judged by content (never by the name or the browser's claim), size limited,
names sanitised, stored under a random name."""

import io
import os
import re
import secrets
import unicodedata
import zipfile

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from ..enums import EDITABLE_STATES, Move
from ..models import Attachment
from .common import lock_dossier, record, refuse_stale, require
from .errors import MoveRefused

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JPEG = "image/jpeg"
PNG = "image/png"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", JPEG: ".jpg", PNG: ".png"}
# Other spellings of the same type that an uploader's name may keep.
ALIASES = {JPEG: {".jpeg", ".jpe"}}


def sniff(head: bytes, fileobj=None) -> str | None:
    """The content type by magic bytes; DOCX/XLSX are ZIPs holding [Content_Types].xml and word/ or xl/."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04") and fileobj is not None:
        try:
            fileobj.seek(0)
            names = zipfile.ZipFile(fileobj).namelist()
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            fileobj.seek(0)
        if "[Content_Types].xml" not in names:
            return None
        if any(n.startswith("word/") for n in names):
            return DOCX
        if any(n.startswith("xl/") for n in names):
            return XLSX
    return None


def sanitise_name(name: str) -> str:
    """A display name without any directory part, control characters or shell-hostile characters."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*;$`]', "_", name).strip(" .")
    name = re.sub(r"\.{2,}", ".", name)
    return name[:200] or "file"


def name_for_type(name: str, content_type: str) -> str:
    """The name with the extension of the type found by content: "Tờ trình.hta" holding a PDF is
    "Tờ trình.pdf". An extension that already names the type is kept (only its case is lowered)."""
    wanted = EXTENSIONS.get(content_type, "")
    base, ext = os.path.splitext(name)
    if not wanted or not base:
        return name
    if ext.lower() == wanted or ext.lower() in ALIASES.get(content_type, ()):
        return base + ext.lower()
    return base + wanted


def max_bytes() -> int:
    return settings.LAUREL_MAX_UPLOAD_MB * 1024 * 1024


def validate_upload(upload) -> str:
    """Return the sniffed content type, or raise MoveRefused with the reason."""
    if upload.size > max_bytes():
        raise MoveRefused(_("The file is larger than %(mb)s MB.") % {"mb": settings.LAUREL_MAX_UPLOAD_MB})
    if upload.size == 0:
        raise MoveRefused(_("The file is empty."))
    upload.seek(0)
    head = upload.read(16)
    raw = getattr(upload, "file", upload)
    content_type = sniff(head, raw if hasattr(raw, "seek") else io.BytesIO(upload.read()))
    upload.seek(0)
    if content_type is None:
        raise MoveRefused(_("Only PDF, DOCX, XLSX, JPEG and PNG files are accepted (checked by content)."))
    return content_type


def add_attachment(dossier, by, upload, kind, nominee=None) -> Attachment:
    require(by, "nominations.edit_dossier", dossier)
    if nominee is not None and nominee.dossier_id != dossier.pk:
        raise MoveRefused(_("That nominee is not in this dossier."))
    content_type = validate_upload(upload)
    original = name_for_type(sanitise_name(upload.name), content_type)
    stored_name = secrets.token_hex(16) + EXTENSIONS[content_type]
    attachment = Attachment(dossier=dossier, nominee=nominee, kind=kind, original_name=original,
                            content_type=content_type, size=upload.size, uploaded_by=by)
    with transaction.atomic():
        refuse_stale(lock_dossier(dossier), EDITABLE_STATES, _("upload a file"))
        attachment.file.save(stored_name, File(upload, name=stored_name), save=False)
        attachment.save()
        record(dossier, Move.ATTACH, by, comment=original, nominee=nominee)
    return attachment


def remove_attachment(attachment, by) -> None:
    require(by, "nominations.edit_dossier", attachment.dossier)
    storage, name = attachment.file.storage, attachment.file.name
    with transaction.atomic():
        refuse_stale(lock_dossier(attachment.dossier_id), EDITABLE_STATES, _("remove a file"))
        record(attachment.dossier_id, Move.DETACH, by, comment=attachment.original_name,
               nominee=attachment.nominee)
        attachment.delete()
        if name:
            transaction.on_commit(lambda: storage.exists(name) and storage.delete(name))


def download_name(attachment) -> str:
    """The name a download is offered under: the extension always that of the sniffed type, also for
    files uploaded before names were corrected at upload."""
    return name_for_type(sanitise_name(attachment.original_name), attachment.content_type)
