"""Render one certificate, or a sample of an award's template, to a PDF file."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from awards.models import AwardType
from certificates.models import Certificate, CertificateTemplate, PrinterProfile
from certificates.placeholders import sample_data
from certificates.rendering import render_pdf
from certificates.templates_lookup import template_for
from signing.demo import ensure_demo_signer
from signing.pdf import sign_pdf
from signing.signers import SigningUnavailable, current_source, demo_source


class Command(BaseCommand):
    help = "Render a certificate (by registry number and issuer) or a sample of an award's template to PDF."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--registry-number", type=int, help="The registry number (Số sổ vàng).")
        source.add_argument("--sample", metavar="AWARD_CODE", help="Render the award's template with sample data.")
        parser.add_argument("--issuer", help="Issuer code (with --registry-number).")
        parser.add_argument("--year", type=int, help="Registry year (with --registry-number; default: latest).")
        parser.add_argument("--out", required=True, help="Output PDF file.")
        parser.add_argument("--overlay", action="store_true", help="Only the variable text, for pre-printed blanks.")
        parser.add_argument("--printer", help="Printer profile name whose offset applies to the overlay.")
        parser.add_argument("--sign", action="store_true",
                            help="Sign the PDF with the configured signer (else the demo signer, made if missing).")

    def handle(self, *args, **options):
        if options["sample"]:
            award = AwardType.objects.filter(code=options["sample"]).first()
            if award is None:
                raise CommandError(f"Unknown award code {options['sample']!r}.")
            template = CertificateTemplate.objects.for_award(award.code)
            if template is None:
                raise CommandError(f"No certificate template for {award.code}.")
            data = sample_data(award)
        else:
            if not options["issuer"]:
                raise CommandError("--registry-number needs --issuer.")
            qs = Certificate.objects.filter(issuer_code=options["issuer"], registry_number=options["registry_number"])
            if options["year"]:
                qs = qs.filter(year=options["year"])
            certificate = qs.select_related("honour").order_by("-year", "-edition").first()
            if certificate is None:
                raise CommandError("No such certificate.")
            template = template_for(certificate)
            if template is None:
                raise CommandError("No certificate template for this award.")
            data = certificate.data()
        offset = (0, 0)
        if options["printer"]:
            printer = PrinterProfile.objects.filter(name=options["printer"]).first()
            if printer is None:
                raise CommandError(f"Unknown printer {options['printer']!r}.")
            offset = (printer.offset_x_mm, printer.offset_y_mm)
        pdf = render_pdf(template, data, overlay=options["overlay"], offset_mm=offset)
        signed_by = ""
        if options["sign"]:
            pdf, signed_by = self._sign(pdf, data)
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"Wrote {out} ({len(pdf)} bytes){signed_by}."))

    def _sign(self, pdf: bytes, data) -> tuple[bytes, str]:
        source = current_source()
        if source is None:  # nothing configured: the demo signer, labelled as such
            ensure_demo_signer(Path(settings.LAUREL_SIGNING_DIR))
            source = demo_source()
        try:
            signed = sign_pdf(pdf, signer_source=source, location=data.place,
                              reason=f"{data.heading} số {data.registry_number or '—'}/{data.year}")
        except SigningUnavailable as exc:
            raise CommandError(f"Could not sign: {exc}") from exc
        label = "the DEMO signer (not valid for real certificates)" if source.is_demo else f"the {source.kind} signer"
        return signed, f", signed by {label}"
