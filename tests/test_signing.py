"""PAdES signing with pyhanko (issue 15 item 1): a real key signs, pyhanko's validator finds the signature
intact and trusted, and a flipped byte or content added afterwards makes it fail; the demo signer; the TSA."""

import asyncio
import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates.rendering.documents import calibration_pdf
from signing.demo import DEMO_SIGNER_NAME
from signing.pdf import sign_pdf, verify_pdf
from signing.signers import SigningUnavailable, current_source

from .factories_signing import ORGANISATION, SIGNER_NAME, make_ca_with_tsa, make_province_signer


def a_pdf() -> bytes:
    return calibration_pdf(210, 297, label="Tài liệu ký thử")


def pyhanko_status(data: bytes, ca_path):
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    context = ValidationContext(trust_roots=list(load_certs_from_pemder([str(ca_path)])), allow_fetching=False)
    return validate_pdf_signature(reader.embedded_signatures[0], context)


def test_signed_pdf_validates_and_a_flipped_byte_fails(province_signer):
    original = a_pdf()
    signed = sign_pdf(original, reason="Thử ký", location="Khánh Hòa")
    assert signed.startswith(original)  # an incremental update: the signed document is the original, untouched
    status = pyhanko_status(signed, province_signer.ca)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    report = verify_pdf(signed)
    assert report.status == "valid" and report.valid and not report.changed_since
    assert report.signer == SIGNER_NAME and report.organisation == ORGANISATION and not report.demo
    assert report.reason == "Thử ký"
    assert report.signed_at is not None and not report.timestamped

    tampered = bytearray(signed)
    tampered[original.index(b"stream") + 20] ^= 0x01  # inside a page's content: in the signed byte range
    status = pyhanko_status(bytes(tampered), province_signer.ca)
    assert not status.intact and not status.bottom_line
    report = verify_pdf(bytes(tampered))
    assert report.status == "changed" and not report.valid and report.changed_since


def test_content_appended_after_signing_is_reported_as_changed(province_signer):
    signed = sign_pdf(a_pdf())
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    writer.root["/Lang"] = generic.TextStringObject("en")  # an edit saved after the signature
    writer.update_root()
    edited = io.BytesIO()
    writer.write(edited)
    report = verify_pdf(edited.getvalue())
    assert report.intact and report.changed_since and not report.valid and report.status == "changed"


def test_a_signer_outside_the_trust_roots_is_not_called_valid(province_signer, settings, tmp_path):
    signed = sign_pdf(a_pdf())
    stranger = make_province_signer(tmp_path / "other", name="Someone else", ca_name="Another CA")
    settings.LAUREL_SIGNING_TRUST_ROOTS = [str(stranger.ca)]
    report = verify_pdf(signed)
    assert report.intact and not report.trusted and not report.valid and report.status == "untrusted"


def test_without_trust_roots_the_pkcs12_chain_root_is_trusted(province_signer, settings):
    settings.LAUREL_SIGNING_TRUST_ROOTS = []
    assert verify_pdf(sign_pdf(a_pdf())).valid


def test_a_wrong_password_or_missing_file_is_refused_clearly(province_signer, settings):
    settings.LAUREL_SIGNING_PKCS12_PASSWORD = "wrong"
    with pytest.raises(SigningUnavailable, match="password"):
        sign_pdf(a_pdf())
    settings.LAUREL_SIGNING_PKCS12 = "/nonexistent/signer.p12"
    with pytest.raises(SigningUnavailable, match="does not exist"):
        sign_pdf(a_pdf())


def test_an_unsigned_or_damaged_pdf_is_reported_not_raised():
    assert verify_pdf(a_pdf()).status == "unsigned"
    assert verify_pdf(b"").status == "unsigned"
    assert verify_pdf(b"%PDF-1.4 not really").status in {"broken", "unsigned"}


def test_demo_signer_is_made_once_labelled_demo_and_used_only_when_allowed(settings, tmp_path):
    settings.LAUREL_SIGNING_DIR = tmp_path / "signing"
    settings.LAUREL_SIGNING_PKCS12 = settings.LAUREL_SIGNING_PKCS11_MODULE = ""
    settings.LAUREL_SIGNING_TRUST_ROOTS = []
    settings.LAUREL_SIGNING_DEMO = True
    assert current_source() is None  # not made yet
    call_command("make_demo_signer")
    first = (tmp_path / "signing" / "demo-signer.p12").read_bytes()
    call_command("make_demo_signer")
    assert (tmp_path / "signing" / "demo-signer.p12").read_bytes() == first  # once
    assert current_source().is_demo
    report = verify_pdf(sign_pdf(a_pdf()))
    assert report.valid and report.demo and report.signer == DEMO_SIGNER_NAME and "DEMO" in report.signer
    settings.LAUREL_SIGNING_DEMO = False  # production: the demo signer is never used
    assert current_source() is None


class _TSAHandler(BaseHTTPRequestHandler):
    stamper = None

    def do_POST(self):  # noqa: N802 - http.server's name
        from asn1crypto import tsp

        request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
        response = asyncio.run(self.stamper.async_request_tsa_response(request))
        body = response.dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def tsa_server(tmp_path):
    """An RFC 3161 timestamp authority over HTTP on 127.0.0.1 (pyhanko's DummyTimeStamper behind it)."""
    from pyhanko.sign.timestamps import DummyTimeStamper

    ca, p12, tsa_cert, tsa_key = make_ca_with_tsa(tmp_path / "tsa")
    handler = type("Handler", (_TSAHandler,), {"stamper": DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=tsa_key)})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", ca, p12
    server.shutdown()
    server.server_close()


def test_signature_carries_a_timestamp_when_a_tsa_is_configured(tsa_server, settings):
    url, ca, p12 = tsa_server
    settings.LAUREL_SIGNING_PKCS11_MODULE = ""
    settings.LAUREL_SIGNING_PKCS12, settings.LAUREL_SIGNING_PKCS12_PASSWORD = str(p12), "s3cret-pkcs12"
    settings.LAUREL_SIGNING_TRUST_ROOTS = [str(ca)]
    settings.LAUREL_TSA_URL = url
    report = verify_pdf(sign_pdf(a_pdf()))
    assert report.valid and report.timestamped and report.signed_at is not None
    settings.LAUREL_TSA_URL = ""
    assert not verify_pdf(sign_pdf(a_pdf())).timestamped


def test_an_unreachable_tsa_is_a_clear_refusal(province_signer, settings):
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.LAUREL_TSA_URL, settings.LAUREL_TSA_TIMEOUT = f"http://127.0.0.1:{port}/", 2
    with pytest.raises(SigningUnavailable, match="could not be made"):
        sign_pdf(a_pdf())
