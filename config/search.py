"""Search that ignores diacritics and case: "nguyen hoai an" finds "Nguyễn Hoài An", "2/QD-UBND" finds
"2/QĐ-UBND".

`fold(text)` is the Python side; the database side is one SQL function of the same name, `laurel_fold`, on
both engines: on PostgreSQL a migration (units 0002) creates it as lower(unaccent(…)) — IMMUTABLE, so that
trigram indexes on `laurel_fold(column)` serve "contains" searches — and on SQLite it is this module's
`fold` registered on every connection. Querysets use the `fold` transform:

    Person.objects.filter(full_name__fold__contains=fold(query))

Vietnamese đ/Đ has no decomposition in Unicode (NFD leaves it whole): it is folded to d explicitly.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import CharField, TextField, Transform

SQL_FUNCTION = "laurel_fold"
_STROKES = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(value) -> str:
    """Lower case, without diacritics, đ as d; stripped. The same as the database's laurel_fold."""
    return (_sql_fold(value) or "").strip()


def _sql_fold(value):
    # The SQL function folds without stripping: a column's value keeps its spaces.
    if value is None:
        return None
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFD", text.translate(_STROKES))
        text = unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))
    return text.lower()


class Fold(Transform):
    lookup_name = "fold"
    function = SQL_FUNCTION

    @property
    def output_field(self):
        return TextField()


def _register_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQL_FUNCTION, 1, _sql_fold, deterministic=True)


def install():
    """Called once from units.apps: the transform for text fields and the SQLite function."""
    CharField.register_lookup(Fold)
    TextField.register_lookup(Fold)
    connection_created.connect(_register_sqlite_function, dispatch_uid="laurel_fold_sqlite")


def translate_table() -> tuple[str, str]:
    """(from, to) for SQL translate(): every precomposed Latin letter with its folded letter, for a
    PostgreSQL without the unaccent extension (the function then still folds Vietnamese)."""
    source, target = [], []
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        folded = _sql_fold(ch)
        if len(folded) == 1 and folded.isascii() and folded != ch.lower():
            source.append(ch)
            target.append(folded)
    return "".join(source), "".join(target)
