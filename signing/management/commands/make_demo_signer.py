"""Make the demo CA and signer under var/signing/ once (make demo runs this; running it again changes nothing)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from signing.demo import DEMO_SIGNER_NAME, ensure_demo_signer


class Command(BaseCommand):
    help = "Create the self-signed demo CA and the demo signer under var/signing/ (once)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Folder (default: LAUREL_SIGNING_DIR, var/signing/).")

    def handle(self, *args, **options):
        folder = Path(options["dir"] or settings.LAUREL_SIGNING_DIR)
        ca_path, signer_path, made = ensure_demo_signer(folder)
        verb = "Made" if made else "Kept"
        self.stdout.write(f"{verb} the demo signer “{DEMO_SIGNER_NAME}”: {signer_path} (CA {ca_path}). "
                          "It is a DEMO signer, not valid for any real document.")
