"""Where the signing key is: the province's PKCS#12 file, its USB token (PKCS#11), or the demo signer.

`current_source()` reads the settings (README, "Plugging in the province's signing certificate");
`open_signer(source)` yields a pyhanko signer for one signing session (a token's session is closed after);
`trust_roots()` are the certificates a signature must chain to for the pages to call it valid."""

from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from .demo import DEMO_PASSWORD, demo_paths


class SigningUnavailable(Exception):
    """No signer is configured, or the configured one cannot be opened (wrong password, token absent)."""


@dataclass(frozen=True)
class SignerSource:
    kind: str  # "pkcs11", "pkcs12" or "demo"
    path: str  # the PKCS#11 module or the PKCS#12 file
    secret: str = ""  # the token's PIN or the file's password
    token_label: str = ""
    key_label: str = ""
    ca_file: str = ""  # the demo CA (trusted only while the demo signer is the one configured)

    @property
    def is_demo(self) -> bool:
        return self.kind == "demo"


def demo_source(folder: Path | None = None) -> SignerSource:
    ca_path, signer_path = demo_paths(Path(folder or settings.LAUREL_SIGNING_DIR))
    return SignerSource("demo", str(signer_path), DEMO_PASSWORD, ca_file=str(ca_path))


def current_source() -> SignerSource | None:
    """The signer the settings name; the demo signer when allowed (DEBUG) and made; else None."""
    if settings.LAUREL_SIGNING_PKCS11_MODULE:
        return SignerSource("pkcs11", settings.LAUREL_SIGNING_PKCS11_MODULE, settings.LAUREL_SIGNING_PKCS11_PIN,
                            token_label=settings.LAUREL_SIGNING_PKCS11_TOKEN_LABEL,
                            key_label=settings.LAUREL_SIGNING_PKCS11_KEY_LABEL)
    if settings.LAUREL_SIGNING_PKCS12:
        return SignerSource("pkcs12", settings.LAUREL_SIGNING_PKCS12, settings.LAUREL_SIGNING_PKCS12_PASSWORD)
    if settings.LAUREL_SIGNING_DEMO:
        demo = demo_source()
        if Path(demo.path).exists():
            return demo
    return None


@lru_cache(maxsize=8)
def _load_pkcs12(path: str, password: str, mtime: float):
    from pyhanko.sign.signers import SimpleSigner

    signer = SimpleSigner.load_pkcs12(path, passphrase=password.encode() if password else None)
    if signer is None:  # pyhanko logs the reason and returns None
        raise SigningUnavailable(f"The PKCS#12 file {path} could not be opened (is the password right?).")
    return signer


def _pkcs12_signer(source: SignerSource):
    path = Path(source.path)
    if not path.is_file():
        raise SigningUnavailable(f"The PKCS#12 file {path} does not exist.")
    return _load_pkcs12(str(path), source.secret, path.stat().st_mtime)


@contextmanager
def open_signer(source: SignerSource | None = None):
    """A pyhanko signer for the source (default: the configured one), for the duration of the block."""
    source = source or current_source()
    if source is None:
        raise SigningUnavailable("No signing certificate is configured.")
    if source.kind != "pkcs11":
        yield _pkcs12_signer(source)
        return
    try:
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
    except ImportError as exc:  # python-pkcs11 is the optional extra "pkcs11"
        raise SigningUnavailable("PKCS#11 needs python-pkcs11: pip install 'laurel[pkcs11]'.") from exc
    if not source.key_label:
        raise SigningUnavailable("Set LAUREL_SIGNING_PKCS11_KEY_LABEL to the label of the key on the token.")
    try:
        session = open_pkcs11_session(
            source.path, token_criteria=TokenCriteria(label=source.token_label) if source.token_label else None,
            user_pin=source.secret or None,
        )
    except Exception as exc:  # noqa: BLE001 - the module's own errors vary (absent token, wrong PIN)
        raise SigningUnavailable(f"The PKCS#11 token could not be opened: {type(exc).__name__} {exc}".strip()) from exc
    try:
        yield PKCS11Signer(session, key_label=source.key_label, cert_label=source.key_label)
    finally:
        session.close()


def _load_certs(paths) -> list:
    from pyhanko.keys import load_certs_from_pemder

    return list(load_certs_from_pemder([str(p) for p in paths]))


def _self_signed(cert) -> bool:
    return cert.subject == cert.issuer


@lru_cache(maxsize=8)
def _roots(configured: tuple[str, ...], source: SignerSource | None) -> tuple:
    roots = _load_certs([p for p in configured if Path(p).is_file()])
    if source is not None and source.is_demo and Path(source.ca_file).exists():
        roots += _load_certs([source.ca_file])
    elif not configured and source is not None and source.kind == "pkcs12":
        # No roots named: trust the root of the province's own chain, as its PKCS#12 file carries it.
        try:
            signer = _pkcs12_signer(source)
        except SigningUnavailable:
            return tuple(roots)
        roots += [c for c in (signer.signing_cert, *signer.cert_registry) if _self_signed(c)]
    return tuple(roots)


def trust_roots() -> tuple:
    """The certificates a valid signature chains to: LAUREL_SIGNING_TRUST_ROOTS (PEM or DER files), else the
    self-signed root in the configured PKCS#12 file; plus the demo CA while the demo signer is configured."""
    return _roots(tuple(settings.LAUREL_SIGNING_TRUST_ROOTS), current_source())


def timestamper():
    """The TSA client when LAUREL_TSA_URL is set (RFC 3161 over HTTP), else None."""
    if not settings.LAUREL_TSA_URL:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(settings.LAUREL_TSA_URL, timeout=settings.LAUREL_TSA_TIMEOUT)
