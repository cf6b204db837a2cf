"""A province that signs with a USB token: the key lives on a PKCS#11 token (SoftHSM here, a software token
with the same interface), Laurel signs through the module and pyhanko's validator accepts the signature."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from signing.pdf import sign_pdf, verify_pdf

from .factories_signing import PASSWORD, SIGNER_NAME, make_province_signer
from .test_signing import a_pdf

MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
TOOLS = ("softhsm2-util", "pkcs11-tool")


def require_softhsm():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None] + ([str(MODULE)] if not MODULE.exists() else [])
    if not missing:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{missing} missing on CI: install Debian's softhsm2 and opensc packages (.ci/run does).")
    pytest.skip(f"{missing} not installed (apt-get install softhsm2 opensc); the PKCS#11 test is skipped.")


def run(*args, env):
    subprocess.run(args, env=env, check=True, capture_output=True, timeout=60)


@pytest.fixture
def usb_token(tmp_path, monkeypatch, settings):
    """A SoftHSM token labelled "laurel" holding the province signer's key and certificate (label "signer")."""
    require_softhsm()
    pytest.importorskip("pkcs11")  # python-pkcs11: the "pkcs11" extra, installed with dev
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    run("softhsm2-util", "--init-token", "--free", "--label", "laurel", "--so-pin", "12345678", "--pin", "5678",
        env=env)
    signer = make_province_signer(tmp_path / "keys")
    key, cert, _chain = pkcs12.load_key_and_certificates(signer.pkcs12.read_bytes(), PASSWORD.encode())
    key_der, cert_der = tmp_path / "key.der", tmp_path / "cert.der"
    key_der.write_bytes(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    cert_der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    for path, kind in ((key_der, "privkey"), (cert_der, "cert")):
        run("pkcs11-tool", "--module", str(MODULE), "--token-label", "laurel", "--login", "--pin", "5678",
            "--write-object", str(path), "--type", kind, "--id", "01", "--label", "signer", env=env)
    key_der.unlink()
    settings.LAUREL_SIGNING_PKCS12 = ""
    settings.LAUREL_SIGNING_PKCS11_MODULE = str(MODULE)
    settings.LAUREL_SIGNING_PKCS11_TOKEN_LABEL = "laurel"
    settings.LAUREL_SIGNING_PKCS11_KEY_LABEL = "signer"
    settings.LAUREL_SIGNING_PKCS11_PIN = "5678"
    settings.LAUREL_SIGNING_TRUST_ROOTS = [str(signer.ca)]
    settings.LAUREL_TSA_URL = ""
    return signer


def test_signs_with_a_key_on_a_pkcs11_token(usb_token):
    signed = sign_pdf(a_pdf(), reason="Ký bằng thiết bị USB")
    report = verify_pdf(signed)
    assert report.valid and report.signer == SIGNER_NAME and report.reason == "Ký bằng thiết bị USB"
    tampered = bytearray(signed)
    tampered[signed.index(b"stream") + 20] ^= 0x01
    assert verify_pdf(bytes(tampered)).status == "changed"


def test_a_wrong_pin_is_a_clear_refusal(usb_token, settings):
    from signing.signers import SigningUnavailable

    settings.LAUREL_SIGNING_PKCS11_PIN = "0000"
    with pytest.raises(SigningUnavailable, match="token could not be opened.*(PIN|Pin)"):
        sign_pdf(a_pdf())
