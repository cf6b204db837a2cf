"""Sign a PDF (PAdES baseline: one incremental update with a CMS signature, a timestamp when a TSA is
configured) and report on a signed PDF: valid or not, by whom, when, and whether it changed since."""

import datetime
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

from .demo import DEMO_MARKER
from .signers import SignerSource, SigningUnavailable, open_signer, timestamper, trust_roots

FIELD_NAME = "LaurelSignature"


def _signature_metadata(reason: str, location: str):
    from pyhanko.sign import fields, signers

    return signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=reason or None, location=location or None, md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )


def _sign_stream(source, output, *, reason: str, location: str, signer_source: SignerSource | None) -> str:
    """Sign `source` into `output`; returns the signer's common name."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    with open_signer(signer_source) as signer:
        pdf_signer = signers.PdfSigner(_signature_metadata(reason, location), signer=signer,
                                       timestamper=timestamper())
        writer = IncrementalPdfFileWriter(source, strict=False)
        try:
            pdf_signer.sign_pdf(writer, output=output)
        except Exception as exc:  # noqa: BLE001 - the TSA, the token or the file failed: say so, never a 500
            raise SigningUnavailable(f"The signature could not be made: {exc}") from exc
        return _name_part(signer.signing_cert, "common_name")


def sign_pdf(data: bytes, *, reason: str = "", location: str = "", signer_source: SignerSource | None = None) -> bytes:
    """The PDF with the configured signer's signature appended (raises SigningUnavailable without one)."""
    output = io.BytesIO()
    _sign_stream(io.BytesIO(data), output, reason=reason, location=location, signer_source=signer_source)
    return output.getvalue()


def sign_pdf_file(path: Path, *, reason: str = "", location: str = "",
                  signer_source: SignerSource | None = None) -> str:
    """Sign a PDF file in place, through a temporary file beside it: readers see the unsigned file or the
    whole signed one. The original bytes are copied, not re-rendered: a large batch costs a copy and a hash.
    Returns the signer's common name."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.signing.tmp")
    try:
        with open(path, "rb") as source, open(tmp, "wb") as output:
            signer = _sign_stream(source, output, reason=reason, location=location, signer_source=signer_source)
        shutil.copystat(path, tmp)
        tmp.replace(path)
        return signer
    finally:
        tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class SignatureReport:
    """What the pages say about a document's signature."""

    signed: bool
    valid: bool = False  # intact, mathematically sound, chained to a trust root, and unchanged since
    intact: bool = False  # the signed bytes are those signed
    trusted: bool = False  # the signer's certificate chains to a trust root
    changed_since: bool = False  # bytes were altered, or content added after the signature
    signer: str = ""  # the certificate's common name
    organisation: str = ""
    signed_at: datetime.datetime | None = None  # the timestamp's time when there is one, else the signer's
    timestamped: bool = False
    demo: bool = False
    reason: str = ""
    error: str = ""  # the document could not be read as a signed PDF

    @property
    def status(self) -> str:
        """One word for the templates: valid, untrusted, changed, broken or unsigned."""
        if not self.signed:
            return "unsigned"
        if self.error:
            return "broken"
        if self.changed_since:
            return "changed"
        return "valid" if self.valid else "untrusted"


def _name_part(cert, key: str) -> str:
    value = cert.subject.native.get(key, "")
    return value[0] if isinstance(value, list) else str(value or "")


def verify_pdf(data: bytes) -> SignatureReport:
    """Validate the last signature of a PDF with pyhanko's validator against `signers.trust_roots()`; never
    fetches anything over the network (revocation is soft-fail without fetched data)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not data:
        return SignatureReport(signed=False)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 - any damage to the file is reported, never raised
        return SignatureReport(signed=True, changed_since=True, error=str(exc)[:300])
    if not signatures:
        return SignatureReport(signed=False)
    embedded = signatures[-1]
    try:
        context = ValidationContext(trust_roots=list(trust_roots()), allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
    except Exception as exc:  # noqa: BLE001
        return SignatureReport(signed=True, changed_since=True, error=str(exc)[:300])
    cert = status.signing_cert
    timestamp = status.timestamp_validity
    unchanged = bool(status.intact and status.coverage == SignatureCoverageLevel.ENTIRE_FILE)
    signer = _name_part(cert, "common_name")
    reason = embedded.sig_object.get("/Reason")
    return SignatureReport(
        signed=True, intact=bool(status.intact), trusted=bool(status.trusted), changed_since=not unchanged,
        valid=bool(status.intact and status.valid and status.trusted and unchanged),
        signer=signer, organisation=_name_part(cert, "organization_name"),
        signed_at=timestamp.timestamp if timestamp is not None else status.signer_reported_dt,
        timestamped=timestamp is not None, demo=DEMO_MARKER in signer, reason=str(reason) if reason else "",
    )


def verify_stored(field_file) -> SignatureReport | None:
    """The report on a stored signed PDF (a FileField's file); None when nothing was signed. A stored file
    that has gone missing is reported as broken, not hidden."""
    if not field_file:
        return None
    try:
        with field_file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return SignatureReport(signed=True, changed_since=True, error="The signed file is missing.")
    return verify_pdf(data)
