"""The bundles as ZIPs, streamed: a dossier (its PDF, its documents in a folder per nominee and one for the
dossier's own, a manifest) and a decision (the decision's PDF, then each dossier as above in a folder of its
own, one manifest for all). Nothing is held whole in memory: the ZIP is written in chunks as the response
is sent (a PDF at a time, a file in 64 KiB pieces), so the first bytes leave at once even for a decision of
many dossiers. manifest.json and SHA256SUMS give every file's SHA-256 (checked with `sha256sum -c SHA256SUMS`);
a document whose file is missing from storage is listed under "missing" rather than failing the download."""

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ...models import BundleExport
from ..common import require
from ..decision_pdf import decision_pdf
from .pdf import render
from .record import DossierRecord, load, safe_part

CHUNK = 64 * 1024
FORMAT = "laurel-bundle/1"


@dataclass
class Entry:
    """One file of the ZIP: its path and how to open it (a generated PDF is made only when it is its turn)."""

    path: str
    open: Callable[[], io.IOBase]
    about: dict  # what the manifest says of it besides path, size and checksum
    when: object = None  # the file's time in the ZIP (an upload's time); now if None
    size: int = 0  # as recorded, when known: a member over 1 GiB is written with ZIP64 sizes


@dataclass
class Bundle:
    filename: str  # of the ZIP, for the download
    kind: str
    label: str
    entries: Iterable[Entry]  # a decision's are read a dossier at a time, as the ZIP is written
    files: int  # how many files the ZIP is to hold (the audit's count), the manifest and checksums aside
    head: dict = field(default_factory=dict)  # the manifest's description of the bundle

    def chunks(self) -> Iterator[bytes]:
        return stream_zip(self.entries, {"format": FORMAT, "kind": self.kind, **self.head})


class _Sink(io.RawIOBase):
    """A write-only, unseekable file collecting what zipfile writes until it is taken (zipfile then writes
    each member with a data descriptor, as it must for a stream)."""

    def __init__(self):
        super().__init__()
        self._parts: list[bytes] = []
        self.pending = 0

    def write(self, data):
        self._parts.append(bytes(data))
        self.pending += len(data)
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        self.pending = 0
        return data


def _zip_time(moment) -> tuple:
    local = timezone.localtime(moment or timezone.now())
    return max(local.timetuple()[:6], (1980, 1, 1, 0, 0, 0))


def stream_zip(entries: Iterable[Entry], head: dict) -> Iterator[bytes]:
    sink = _Sink()
    files, missing = [], []
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for entry in entries:
            try:
                source = entry.open()
            except OSError:  # the record says a file is there, the storage has none: say so, go on
                missing.append({"path": entry.path, **entry.about})
                continue
            info = zipfile.ZipInfo(entry.path, date_time=_zip_time(entry.when))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            digest, size = hashlib.sha256(), 0
            with source, archive.open(info, "w", force_zip64=entry.size > 1 << 30) as target:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    target.write(chunk)
                    if sink.pending >= CHUNK:
                        yield sink.take()
            files.append({"path": entry.path, "size": size, "sha256": digest.hexdigest(), **entry.about})
            if sink.pending:
                yield sink.take()
        manifest = {**head, "created_at": timezone.localtime().isoformat(timespec="seconds"), "files": files,
                    "missing": missing}
        archive.writestr(_info("manifest.json"), json.dumps(manifest, ensure_ascii=False, indent=1))
        archive.writestr(_info("SHA256SUMS"), "".join(f"{f['sha256']}  {f['path']}\n" for f in files))
    yield sink.take()


def _info(name) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_zip_time(None))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _dossier_entries(record: DossierRecord, language: str, prefix: str = "") -> list[Entry]:
    code = record.dossier.code
    entries = [Entry(prefix + record.pdf_name, lambda: io.BytesIO(render(record, language)),
                     {"source": "generated", "dossier": code})]
    for doc in record.all_documents:
        attachment = doc.attachment
        entries.append(Entry(prefix + doc.path, lambda a=attachment: a.file.open("rb"), {
            "source": "attachment", "dossier": code, "attachment": attachment.pk, "kind": attachment.kind,
            "original_name": attachment.original_name,
            "nominee": attachment.nominee.subject_code if attachment.nominee_id else None,
        }, when=attachment.uploaded_at, size=attachment.size))
    return entries


def _describe(dossier) -> dict:
    return {"dossier": dossier.code, "title": dossier.title, "unit": dossier.unit.name,
            "campaign": dossier.campaign.title, "state": dossier.state}


def dossier_bundle_zip(dossier, language: str = "vi") -> Bundle:
    """The dossier's bundle: <code>-ho-so.pdf, its documents and the manifest, as a streamed ZIP."""
    record = load(dossier)
    entries = _dossier_entries(record, language)
    return Bundle(filename=f"{record.dossier.code}-ho-so.zip", kind=BundleExport.Kind.DOSSIER,
                  label=record.dossier.code, entries=entries, files=len(entries),
                  head={**_describe(record.dossier), "language": language})


def decision_dossiers(decision):
    """The dossiers whose nominees the decision awards, in the order they were filed."""
    from ...models import Dossier

    return Dossier.objects.filter(nominees__decision_line__decision=decision).distinct().order_by("pk")


def decision_bundle_zip(decision, language: str = "vi") -> Bundle:
    """The decision's PDF (the official Vietnamese text), then each of its dossiers in a folder of its own.
    A dossier is read only when its turn comes: the first bytes leave at once however many there are."""
    from ...models import Attachment

    safe = safe_part(decision.number.replace("/", "-"))
    lines = list(decision.lines.select_related("award", "nominee"))
    dossiers = list(decision_dossiers(decision).select_related("unit", "campaign"))

    def entries():
        if decision.signed_pdf:  # once signed, the signed file is the decision (the central level checks it)
            yield Entry(f"quyet-dinh-{safe}-{decision.year}-da-ky-so.pdf", lambda: decision.signed_pdf.open("rb"),
                        {"source": "signed", "decision": decision.number})
        else:
            yield Entry(f"quyet-dinh-{safe}-{decision.year}.pdf", lambda: io.BytesIO(decision_pdf(decision, lines)),
                        {"source": "generated", "decision": decision.number})
        for dossier in dossiers:
            yield from _dossier_entries(load(dossier), language, prefix=f"{dossier.code}/")

    files = 1 + len(dossiers) + Attachment.objects.filter(dossier__in=dossiers).count()
    return Bundle(filename=f"quyet-dinh-{safe}-{decision.year}-ho-so.zip", kind=BundleExport.Kind.DECISION,
                  label=f"{decision.number} ({decision.year})", entries=entries(), files=files,
                  head={"decision": decision.number, "year": decision.year, "language": language,
                        "decided_on": decision.decided_on.isoformat(), "campaign": decision.campaign.title,
                        "dossiers": [_describe(dossier) for dossier in dossiers]})


def export_dossier(dossier, by, language: str) -> Bundle:
    """The dossier's bundle for `by` (who may see the dossier: the view fetched it through
    dossiers_visible_to), with the export written to the audit (BundleExport) before the first byte."""
    bundle = dossier_bundle_zip(dossier, language)
    _audit(bundle, by, language, dossier=dossier)
    return bundle


def export_decision(decision, by, language: str) -> Bundle:
    require(by, "nominations.view_decisions")
    bundle = decision_bundle_zip(decision, language)
    _audit(bundle, by, language, decision=decision)
    return bundle


def _audit(bundle: Bundle, by, language: str, **subject):
    with transaction.atomic():
        BundleExport.objects.create(kind=bundle.kind, label=bundle.label, files=bundle.files,
                                    language=language, by=by, **subject)
