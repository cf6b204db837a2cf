"""Words: one message id, one translation. Every entry of our catalogues must be what a Vietnamese reader
actually sees (no other catalogue, ours or Django's, shadows it), and no message id without a context may be
translated two ways in two of our catalogues: a word with two meanings gets a pgettext context."""

from collections import defaultdict
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)


def our_catalogues():
    return sorted(p for p in ROOT.rglob("locale/vi/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_one_translation_per_message_id_across_our_catalogues():
    seen = defaultdict(dict)
    for path in our_catalogues():
        for entry in polib.pofile(str(path)).translated_entries():
            if not entry.msgid_plural:
                seen[(entry.msgctxt, entry.msgid)][str(path.relative_to(ROOT))] = entry.msgstr
    clashes = {key: where for key, where in seen.items() if len(set(where.values())) > 1}
    assert not clashes, f"translated differently in different catalogues (add a pgettext context): {clashes}"


def same_words(shown, written):
    return shown == written or shown[:1].lower() + shown[1:] == written[:1].lower() + written[1:]


def test_what_the_reader_sees_is_what_our_catalogue_says():
    shadowed = []
    with translation.override("vi"):
        for path in our_catalogues():
            for entry in polib.pofile(str(path)).translated_entries():
                if entry.msgid_plural:
                    continue
                if entry.msgctxt:
                    shown = translation.pgettext(entry.msgctxt, entry.msgid)
                else:
                    shown = translation.gettext(entry.msgid)
                if not same_words(shown, entry.msgstr):
                    shadowed.append((entry.msgctxt, entry.msgid, entry.msgstr, shown))
    assert not shadowed, f"another catalogue wins over ours (use a context or the same words): {shadowed}"


def test_words_that_mean_different_things_keep_their_meanings(client):
    with translation.override("vi"):
        assert translation.pgettext("dossier", "History") == "Quá trình xử lý"
        assert translation.pgettext("initiative", "title") == "tên sáng kiến"
        assert translation.gettext("title") == "tiêu đề"
        assert translation.pgettext("import result", "Created") == "Thêm mới"
