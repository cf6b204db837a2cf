#!/usr/bin/env python
"""Compile every locale/*/LC_MESSAGES/django.po of the project into its .mo with polib, so that no
gettext binaries are needed. `--check` exits 1 when a .mo is missing or older than its .po content."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "var", "node_modules"}


def po_files():
    for po in ROOT.rglob("locale/*/LC_MESSAGES/django.po"):
        if not SKIP & set(po.relative_to(ROOT).parts):
            yield po


def entries(catalog):
    return {(e.msgctxt, e.msgid, e.msgid_plural): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in catalog.translated_entries()}


def main(check: bool) -> int:
    stale = []
    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        catalog = polib.pofile(str(po_path))
        if check:
            if not mo_path.exists() or entries(polib.mofile(str(mo_path))) != entries(catalog):
                stale.append(po_path)
        else:
            catalog.save_as_mofile(str(mo_path))
            print(f"compiled {po_path.relative_to(ROOT)} ({len(catalog.translated_entries())} messages)")
    for path in stale:
        print(f"stale or missing .mo for {path.relative_to(ROOT)}; run scripts/compile_messages.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
