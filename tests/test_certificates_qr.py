"""The fast QR path builds exactly the symbol segno.make() builds, for every version a URL can need."""

import random
import re
import string

import pytest

from certificates.rendering.qr import _segno_matrix, qr_matrix, qr_operators


@pytest.mark.parametrize("length", [1, 10, 24, 40, 60, 90, 130, 200, 300])
def test_fast_symbol_equals_segno(length):
    rng = random.Random(length)
    for _ in range(15):
        token = "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(length))
        url = f"https://thiduakhenthuong.khanhhoa.gov.vn/certificates/verify/{token}/"
        assert qr_matrix(url) == _segno_matrix(url)


def test_operators_draw_every_dark_module_once():
    url = "http://127.0.0.1:8000/certificates/verify/abcdefghijklmnopqrstuvwx/"
    ops = qr_operators(url, 0, 100, 50)
    dark = sum(sum(row) for row in qr_matrix(url))
    widths = [float(width) - 0.02 for width in re.findall(r"\S+ -1\.01 (\S+) 1\.02 re", ops)]
    assert round(sum(widths)) == dark
    assert ops.startswith("q ") and ops.endswith(" Q")
