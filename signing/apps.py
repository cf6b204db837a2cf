from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    """Digital signatures (PAdES) on decisions and certificates: the signer, signing, verifying."""

    name = "signing"
    verbose_name = _("Digital signatures")
