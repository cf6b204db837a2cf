"""Real signing keys made by the tests: a province CA and a signer it issued (PKCS#12), a TSA certificate,
and the settings that plug them in, as a province would (README, "Plugging in the province's signing
certificate")."""

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID

from signing.demo import make_certificate, make_signer_files, new_key, subject_name

SIGNER_NAME = "Chủ tịch UBND tỉnh Khánh Hòa (test)"
CA_NAME = "Khánh Hòa test CA"
PASSWORD = "s3cret-pkcs12"
ORGANISATION = "UBND tỉnh Khánh Hòa"


@dataclass
class ProvinceSigner:
    folder: Path
    ca: Path
    pkcs12: Path
    password: str = PASSWORD
    name: str = SIGNER_NAME

    def plug_in(self, settings) -> None:
        """The environment a province sets, as Django settings (pytest-django restores them after the test)."""
        settings.LAUREL_SIGNING_PKCS12 = str(self.pkcs12)
        settings.LAUREL_SIGNING_PKCS12_PASSWORD = self.password
        settings.LAUREL_SIGNING_PKCS11_MODULE = ""
        settings.LAUREL_SIGNING_TRUST_ROOTS = [str(self.ca)]
        settings.LAUREL_TSA_URL = ""


def make_province_signer(folder: Path, *, name: str = SIGNER_NAME, ca_name: str = CA_NAME) -> ProvinceSigner:
    ca, bundle = make_signer_files(folder, signer_name=name, ca_name=ca_name, password=PASSWORD,
                                   organisation=ORGANISATION,
                                   ca_file="province-ca.pem", signer_file="province-signer.p12")
    return ProvinceSigner(folder, ca, bundle, name=name)


def make_ca_with_tsa(folder: Path):
    """A CA with a signer (PKCS#12) and a timestamp authority it issued: (ca_pem, signer_p12, tsa_cert, tsa_key)
    with the TSA as asn1crypto objects for pyhanko's DummyTimeStamper."""
    from asn1crypto import keys, x509

    folder.mkdir(parents=True, exist_ok=True)
    ca_key, signer_key, tsa_key = new_key(), new_key(), new_key()
    ca_cert = make_certificate(subject_name("TSA test CA", ORGANISATION), ca_key, ca=True)
    signer_cert = make_certificate(subject_name(SIGNER_NAME, ORGANISATION), signer_key, issuer=ca_cert.subject,
                                   issuer_key=ca_key)
    tsa_cert = make_certificate(subject_name("Laurel test TSA", ORGANISATION), tsa_key, issuer=ca_cert.subject,
                                issuer_key=ca_key, extended_usages=[ExtendedKeyUsageOID.TIME_STAMPING])
    ca_path, p12_path = folder / "tsa-ca.pem", folder / "tsa-signer.p12"
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    p12_path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", signer_key, signer_cert, [ca_cert], serialization.BestAvailableEncryption(PASSWORD.encode())))
    der_key = tsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    return (ca_path, p12_path, x509.Certificate.load(tsa_cert.public_bytes(serialization.Encoding.DER)),
            keys.PrivateKeyInfo.load(der_key))
