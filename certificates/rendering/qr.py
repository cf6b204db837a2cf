"""The verification QR code, drawn as vector rectangles: one rectangle per horizontal run of dark modules
(runs are cut every 8 modules, with a hair of overlap so no seam shows).

segno with a fixed mask skips the mask evaluation that dominates encoding time. The rectangles are
written in module units under one transformation matrix, and each row is assembled from precomputed
operator strings for its 8-module chunks, so a code costs well under a millisecond to draw."""

import re
from functools import lru_cache

import segno

QUIET_MODULES = 2
_DARK_RUN = re.compile(rb"\x01+")
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _matrix(data: str):
    return segno.make(data, error="m", mask=0, micro=False, boost_error=False).matrix


def qr_runs(data: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The module count and the dark runs (row, first column, length) of the QR code for `data`."""
    matrix = _matrix(data)
    stride = len(matrix) + 1
    flat = b"\x00".join(bytes(row) for row in matrix)
    runs = []
    for match in _DARK_RUN.finditer(flat):
        row, col = divmod(match.start(), stride)
        runs.append((row, col, match.end() - match.start()))
    return len(matrix), runs


@lru_cache(maxsize=32)
def _chunk_table(chunk: int) -> tuple[str, ...]:
    """For the chunk at columns 8*chunk … 8*chunk+7: the `re` operators of each of the 256 bit patterns
    (most significant bit = leftmost module), in the row's own coordinates (y from -1 to 0)."""
    table = []
    for value in range(256):
        bits = bytes((value >> (7 - i)) & 1 for i in range(8))
        ops = [
            f"{8 * chunk + m.start()} -1.01 {m.end() - m.start() + 0.02:g} 1.02 re"
            for m in _DARK_RUN.finditer(bits)
        ]
        table.append(" ".join(ops))
    return tuple(table)


def qr_operators(data: str, x: float, top: float, size: float, colour=(0, 0, 0)) -> str:
    """PDF content operators drawing the code in a square of `size` points whose top-left corner is
    (x, top), with a white quiet zone."""
    matrix = _matrix(data)
    count = len(matrix)
    chunks = (count + 7) // 8
    pad = b"\x00" * (chunks * 8 - count)
    tables = [_chunk_table(k) for k in range(chunks)]
    rows = []
    for row in matrix:
        packed = int((bytes(row) + pad).translate(_TO_DIGITS), 2).to_bytes(chunks, "big")
        ops = " ".join(filter(None, (tables[k][value] for k, value in enumerate(packed))))
        # Each row is its own path; then the origin moves one module down.
        rows.append(f"{ops} f 1 0 0 1 0 -1 cm" if ops else "1 0 0 1 0 -1 cm")
    module = size / (count + 2 * QUIET_MODULES)
    ox = x + QUIET_MODULES * module
    oy = top - QUIET_MODULES * module
    r, g, b = colour
    return (
        f"q 1 1 1 rg {x:.2f} {top - size:.2f} {size:.2f} {size:.2f} re f "
        f"{r:.3f} {g:.3f} {b:.3f} rg {module:.4f} 0 0 {module:.4f} {ox:.2f} {oy:.2f} cm {' '.join(rows)} Q"
    )


def draw_qr(canvas, data: str, x: float, top: float, size: float, colour=(0, 0, 0)) -> None:
    canvas.addLiteral(qr_operators(data, x, top, size, colour))
