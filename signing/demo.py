"""The demo signer of `make demo`: a self-signed demo CA and a signer certificate it issued, made once under
var/signing/. Both names say DEMO, so that no page, PDF reader or person mistakes them for the province's."""

import datetime
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

# The marker every page looks for to label a signature as the demo's (signing.pdf.SignatureReport.demo).
DEMO_MARKER = "DEMO"
DEMO_SIGNER_NAME = "Laurel DEMO signer — not valid"
DEMO_CA_NAME = "Laurel DEMO CA — not valid"
# A demo key protects nothing: its password is public (README), the file is still kept private (mode 600).
DEMO_PASSWORD = "laurel-demo"
CA_FILE = "demo-ca.pem"
SIGNER_FILE = "demo-signer.p12"


DEMO_ORGANISATION = "Laurel DEMO (not a real authority)"


def subject_name(common_name: str, organisation: str = DEMO_ORGANISATION) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def make_certificate(subject: x509.Name, key, *, issuer: x509.Name | None = None, issuer_key=None, ca=False,
                     days: int = 3650, extended_usages=()) -> x509.Certificate:
    """A certificate for `key` signed by `issuer_key` (itself when None): a CA, or an end entity whose key may
    sign documents (digital signature and non-repudiation, as PAdES validators ask)."""
    now = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=5)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(issuer or subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.KeyUsage(
            digital_signature=not ca, content_commitment=not ca, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=ca, crl_sign=ca, encipher_only=False, decipher_only=False),
            critical=True)
    )
    if extended_usages:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(extended_usages)), critical=True)
    return builder.sign(issuer_key or key, hashes.SHA256())


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_signer_files(folder: Path, *, signer_name: str, ca_name: str, password: str,
                      organisation: str = DEMO_ORGANISATION, ca_file: str = CA_FILE,
                      signer_file: str = SIGNER_FILE) -> tuple[Path, Path]:
    """A CA (PEM certificate) and a signer issued by it (PKCS#12 with the CA in its chain) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, signer_key = new_key(), new_key()
    ca_cert = make_certificate(subject_name(ca_name, organisation), ca_key, ca=True)
    signer_cert = make_certificate(subject_name(signer_name, organisation), signer_key, issuer=ca_cert.subject,
                                   issuer_key=ca_key, days=1825)
    bundle = pkcs12.serialize_key_and_certificates(
        signer_name.encode(), signer_key, signer_cert, [ca_cert],
        serialization.BestAvailableEncryption(password.encode()),
    )
    ca_path, signer_path = folder / ca_file, folder / signer_file
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    tmp = signer_path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(bundle)
    os.replace(tmp, signer_path)  # the PKCS#12 appears whole or not at all: its presence means "made"
    return ca_path, signer_path


def demo_paths(folder: Path) -> tuple[Path, Path]:
    return folder / CA_FILE, folder / SIGNER_FILE


def ensure_demo_signer(folder: Path) -> tuple[Path, Path, bool]:
    """Make the demo CA and signer once (idempotent); returns their paths and whether they were made now."""
    ca_path, signer_path = demo_paths(folder)
    if ca_path.exists() and signer_path.exists():
        return ca_path, signer_path, False
    make_signer_files(folder, signer_name=DEMO_SIGNER_NAME, ca_name=DEMO_CA_NAME, password=DEMO_PASSWORD)
    return ca_path, signer_path, True
