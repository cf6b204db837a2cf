"""Benchmark: one print batch of 10,000 certificates with QR codes, end to end.

Builds a throwaway SQLite database, issues 10,000 certificates (numbers left for the batch to give),
then times `run_batch`: registry numbers in one transaction, rows streamed from the database, every page
rendered into one combined PDF written to disk. Peak memory is the process's maximum resident set.
Then the same batch again with a signer configured (a real RSA-2048 key in a PKCS#12 file made here): the
combined file gets one PAdES signature over the whole batch, and `per_second_signed` counts that run,
rendering and signing together (`sign_seconds` is the signature's own share; the registry numbers were given
by the first run, which the second does not repeat).
Last line: {"certificates": 10000, "per_second": …, "per_second_signed": …, "sign_seconds": …, "peak_mb": …}
"""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = tempfile.mkdtemp(prefix="laurel-cert-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORK}/media"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

COUNT = int(os.environ.get("BENCH_CERTIFICATES", "10000"))


def setup_data():
    from awards.models import AwardType
    from certificates.models import Certificate
    from certificates.services import _snapshot
    from units.models import Honour, Person, Unit

    call_command("migrate", verbosity=0)
    award = AwardType.objects.get(code="BK_TINH")
    unit = Unit.objects.create(code="SNV", name="Sở Nội vụ tỉnh Khánh Hòa", kind="agency")
    given = ["Nguyễn Thị Ngọc", "Trần Văn", "Lê Hoàng", "Phạm Thị Thu", "Võ Đức", "Huỳnh Minh"]
    family = ["Huyền", "Thắng", "Phương", "Hằng", "Dũng", "Khoa", "Trưng Diệp"]
    with transaction.atomic():
        people = Person.objects.bulk_create(
            [Person(code=f"B{i:06d}", full_name=f"{given[i % 6]} {family[i % 7]} {i}",
                    gender="female" if i % 2 else "male", unit=unit, position="Chuyên viên")
             for i in range(COUNT)],
            batch_size=2000,
        )
        honours = Honour.objects.bulk_create(
            [Honour(year=2024, person=p, award=award, decision_number="1234/QĐ-UBND",
                    decided_on=datetime.date(2025, 1, 15), source="decision") for p in people],
            batch_size=2000,
        )
    # The snapshot is what issue_certificates takes; built in bulk here to keep the setup quick.
    honour = Honour.objects.select_related("person__unit", "award").get(pk=honours[0].pk)
    snapshot = _snapshot(honour, issuer_code="UBND-TINH", issuer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
                         signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", signer_name="Nguyễn Văn Thắng",
                         place="Khánh Hòa", achievement="")
    with transaction.atomic():
        Certificate.objects.bulk_create(
            [Certificate(**{**snapshot, "honour_id": h.pk, "recipient_name": people[i].full_name,
                            "salutation": "Bà" if i % 2 else "Ông"}) for i, h in enumerate(honours)],
            batch_size=2000,
        )


def main():
    setup_data()
    from certificates.batches import run_batch
    from certificates.models import Certificate, PrintBatch

    batch = PrintBatch.objects.create(title="bench", total=COUNT)
    through = PrintBatch.certificates.through
    through.objects.bulk_create(
        [through(printbatch_id=batch.pk, certificate_id=pk) for pk in Certificate.objects.values_list("pk", flat=True)],
        batch_size=5000,
    )
    from certificates.rendering.fonts import register_fonts

    register_fonts()  # once per process; not part of the batch
    started = time.perf_counter()
    state = run_batch(batch.pk, progress_every=500)
    elapsed = time.perf_counter() - started
    batch.refresh_from_db()
    size = os.path.getsize(batch.combined_pdf.path)
    numbers = Certificate.objects.exclude(registry_number__isnull=True).count()
    print(f"state={state} pages={batch.done} numbered={numbers} pdf={size / 1e6:.1f} MB in {elapsed:.1f} s",
          file=sys.stderr)
    signed_elapsed, sign_seconds = signed_run(batch)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"certificates": COUNT, "per_second": round(COUNT / elapsed, 1),
                      "per_second_signed": round(COUNT / signed_elapsed, 1), "sign_seconds": round(sign_seconds, 2),
                      "peak_mb": round(peak_mb, 1)}))


def signed_run(unsigned_batch) -> tuple[float, float]:
    """The same certificates printed again with a signer configured; returns (whole run, signing alone) in s."""
    from django.conf import settings

    from certificates import batches
    from certificates.batches import run_batch
    from certificates.models import PrintBatch
    from signing.demo import make_signer_files
    from signing.pdf import verify_pdf

    _ca, bundle = make_signer_files(Path(WORK) / "signing", signer_name="Bench signer", ca_name="Bench CA",
                                    password="bench", organisation="Bench")
    settings.LAUREL_SIGNING_PKCS12, settings.LAUREL_SIGNING_PKCS12_PASSWORD = str(bundle), "bench"
    settings.LAUREL_SIGN_CERTIFICATES = True
    timed = []
    original = batches.sign_combined_file

    def timed_sign(path, batch):
        started = time.perf_counter()
        try:
            return original(path, batch)
        finally:
            timed.append(time.perf_counter() - started)

    batches.sign_combined_file = timed_sign
    batch = PrintBatch.objects.create(title="bench signed", total=COUNT)
    batch.certificates.set(unsigned_batch.certificates.all())
    started = time.perf_counter()
    state = run_batch(batch.pk, progress_every=500)
    elapsed = time.perf_counter() - started
    batch.refresh_from_db()
    with open(batch.combined_pdf.path, "rb") as handle:
        report = verify_pdf(handle.read())
    print(f"signed: state={state} pages={batch.done} signed by {batch.signed_by_name!r} valid={report.valid} "
          f"in {elapsed:.1f} s (signing {timed[0]:.2f} s)", file=sys.stderr)
    assert report.valid, report
    return elapsed, timed[0]


if __name__ == "__main__":
    main()
