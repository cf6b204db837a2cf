"""Issue 15 item 4 in the browser: the unit's officer downloads the dossier's bundle from the dossier page,
the clerk and the chair download the decision's bundle from the decision page; each ZIP is opened and
checked (the PDFs, every attachment byte for byte, the manifest's checksums)."""

import hashlib
import json
import zipfile

import pytest

from accounts.roles import Role
from nominations.models import BundleExport

from ..test_dossier_bundle import decided, filed, media  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def download(page, shots, url: str, step: str, tmp_path) -> zipfile.ZipFile:
    page.goto(url)
    shots(page, step)
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải trọn bộ hồ sơ (ZIP)").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return zipfile.ZipFile(path)


def check_manifest(archive: zipfile.ZipFile, uploads: dict) -> dict:
    assert archive.testzip() is None
    manifest = json.loads(archive.read("manifest.json"))
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    paths = {f["attachment"]: f["path"] for f in manifest["files"] if f["source"] == "attachment"}
    for pk, content in uploads.items():
        assert archive.read(paths[pk]) == content
    return manifest


def test_the_officer_downloads_the_dossier_bundle(browse, shots, decided, tmp_path):  # noqa: F811
    decision, dossier, other, uploads = decided
    page = browse(dossier.created_by)
    archive = download(page, shots, f"/nominations/dossiers/{dossier.pk}/", "dossier-page", tmp_path)
    assert f"{dossier.code}-ho-so.pdf" in archive.namelist()
    manifest = check_manifest(archive, uploads)
    assert manifest["dossier"] == dossier.code and manifest["language"] == "vi"
    assert BundleExport.objects.get().by == dossier.created_by


@pytest.mark.parametrize("role", [Role.CLERK, Role.CHAIR])
def test_the_clerk_and_the_chair_download_the_decision_bundle(browse, shots, decided, make_user, tmp_path,  # noqa: F811
                                                             role):
    decision, dossier, other, uploads = decided
    page = browse(make_user(role))
    archive = download(page, shots, f"/nominations/decisions/{decision.pk}/", "decision-page", tmp_path)
    names = archive.namelist()
    assert archive.filename.endswith("quyet-dinh-7-QĐ-UBND-2025-ho-so.zip")
    assert "quyet-dinh-7-QĐ-UBND-2025.pdf" in names
    assert {f"{d.code}/{d.code}-ho-so.pdf" for d in (dossier, other)} <= set(names)
    check_manifest(archive, uploads)
