"""The verification QR code, drawn as vector rectangles: one rectangle per horizontal run of dark modules
(runs are cut every 8 modules, with a hair of overlap so no seam shows).

Encoding: segno with a fixed mask (M error correction, mask 0). segno places the codeword bits and
applies the mask module by module in Python; since both depend only on the version, this module asks
segno once per version where each bit lands (placing numbered "bits" with segno's own placement routine)
and then builds every code with one C-level gather: the message bits XOR the mask, scattered into a
base symbol that holds the function patterns and format information. `tests/test_certificates_qr.py`
checks the result equals segno.make() module for module; if segno's internals ever change, the plain
segno.make() path is used."""

import re
from functools import lru_cache
from operator import itemgetter

import segno

QUIET_MODULES = 2
ERROR = "m"
MASK = 0
_DARK_RUN = re.compile(rb"\x01+")
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _segno_matrix(data: str) -> list[bytes]:
    return [bytes(row) for row in segno.make(data, error=ERROR, mask=MASK, micro=False, boost_error=False).matrix]


def _message_bits(data: str) -> tuple[int, bytes]:
    """segno's own steps up to the final message (data and error correction codewords), as 0/1 bytes."""
    from segno import consts, encoder

    error = consts.ERROR_LEVEL_M
    segments = encoder.prepare_data(data, None, None)
    version = encoder.find_version(segments, error, eci=False, micro=False)
    buff = encoder.Buffer()
    for segment in segments:
        encoder.write_segment(buff, segment, None, encoder.version_range(version), False)
    capacity = consts.SYMBOL_CAPACITY[version][error]
    encoder.write_terminator(buff, capacity, None, len(buff))
    encoder.write_padding_bits(buff, version, len(buff))
    encoder.write_pad_codewords(buff, version, capacity, len(buff))
    return version, bytes(encoder.make_final_message(version, error, buff).getbits())


@lru_cache(maxsize=8)
def _layout(version: int, bit_count: int):
    """For a version: (size, padded width, gather function). The gather takes message bits + the base
    symbol + a zero and returns the whole symbol row by row, each row padded to a multiple of 8."""
    from segno import encoder

    size = encoder.calc_matrix_size(version)
    matrix = [list(row) for row in encoder.make_matrix(size, size)]
    encoder.add_finder_patterns(matrix, size, size)
    encoder.add_alignment_patterns(matrix, size, size)
    offset = 10  # numbered placeholders, clear of segno's 0/1/2 markers
    encoder.add_codewords(matrix, list(range(offset, offset + bit_count)), version)
    mask = encoder.get_data_mask_functions(False)[MASK]
    # A base symbol of this version (function patterns, format and version information, masked data).
    base = segno.make("0", error=ERROR, mask=MASK, micro=False, boost_error=False, version=version, mode="byte")
    base_flat = b"".join(bytes(row) for row in base.matrix)
    width = (size + 7) // 8 * 8
    mask_bits = bytearray(bit_count)
    indices = []
    zero = bit_count + len(base_flat)
    for i, row in enumerate(matrix):
        for j in range(width):
            value = row[j] if j < size else None
            if value is None:
                indices.append(zero)
            elif value >= offset:
                k = value - offset
                mask_bits[k] = 1 if mask(i, j) else 0
                indices.append(k)
            else:
                indices.append(bit_count + i * size + j)
    return size, width, itemgetter(*indices), base_flat, int.from_bytes(bytes(mask_bits), "big")


def packed_rows(data: str) -> tuple[int, int, bytes]:
    """(size, bytes per row, rows packed 8 modules a byte, most significant bit leftmost)."""
    try:
        version, bits = _message_bits(data)
        size, width, gather, base_flat, mask_int = _layout(version, len(bits))
        masked = (int.from_bytes(bits, "big") ^ mask_int).to_bytes(len(bits), "big")
        flat = bytes(gather(masked + base_flat + b"\x00"))
    except (ImportError, AttributeError, KeyError, TypeError, ValueError):  # segno internals changed
        rows = _segno_matrix(data)
        size = len(rows)
        width = (size + 7) // 8 * 8
        flat = b"".join(row + b"\x00" * (width - size) for row in rows)
    packed = int(flat.translate(_TO_DIGITS), 2).to_bytes(len(flat) // 8, "big")
    return size, width // 8, packed


def qr_matrix(data: str) -> list[bytes]:
    """The symbol as rows of 0/1 bytes (without quiet zone)."""
    size, per_row, packed = packed_rows(data)
    rows = []
    for r in range(size):
        bits = bin(int.from_bytes(packed[r * per_row:(r + 1) * per_row], "big"))[2:].zfill(per_row * 8)
        rows.append(bytes(int(b) for b in bits[:size]))
    return rows


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
    count, per_row, packed = packed_rows(data)
    tables = [_chunk_table(k) for k in range(per_row)]
    rows = []
    for r in range(count):
        chunk_values = packed[r * per_row:(r + 1) * per_row]
        ops = " ".join(filter(None, (tables[k][value] for k, value in enumerate(chunk_values))))
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
