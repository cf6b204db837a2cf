"""Vector ornaments: the certificate frame, a bronze-drum rosette watermark and a star emblem.

Everything is drawn in points with the origin at the bottom-left corner, once per document (the page
frame is a reusable form XObject)."""

import math

from reportlab.lib.units import mm


def hex_rgb(value: str, default=(0, 0, 0)) -> tuple[float, float, float]:
    if not value:
        return default
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _mix(colour, other, t):
    return tuple(a + (b - a) * t for a, b in zip(colour, other, strict=True))


WHITE = (1, 1, 1)


def _star_path(canvas, cx, cy, outer, inner, points=5, rotation=90):
    path = canvas.beginPath()
    for i in range(points * 2):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(rotation + i * 180 / points)
        px, py = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        if i == 0:
            path.moveTo(px, py)
        else:
            path.lineTo(px, py)
    path.close()
    return path


def _lozenge(canvas, cx, cy, rx, ry):
    path = canvas.beginPath()
    path.moveTo(cx - rx, cy)
    path.lineTo(cx, cy + ry)
    path.lineTo(cx + rx, cy)
    path.lineTo(cx, cy - ry)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _band_motifs(canvas, x0, y0, x1, y1, horizontal, step):
    """Lozenges and dots along the middle of a band segment."""
    if horizontal:
        length, cy = x1 - x0, (y0 + y1) / 2
        count = max(1, int(length // step))
        gap = length / count
        thickness = y1 - y0
        for i in range(count):
            cx = x0 + gap * (i + 0.5)
            _lozenge(canvas, cx, cy, gap * 0.32, thickness * 0.3)
            canvas.circle(x0 + gap * i, cy, thickness * 0.07, stroke=0, fill=1)
    else:
        length, cx = y1 - y0, (x0 + x1) / 2
        count = max(1, int(length // step))
        gap = length / count
        thickness = x1 - x0
        for i in range(count):
            cy = y0 + gap * (i + 0.5)
            _lozenge(canvas, cx, cy, thickness * 0.3, gap * 0.32)
            canvas.circle(cx, y0 + gap * i, thickness * 0.07, stroke=0, fill=1)


def _rosette(canvas, cx, cy, radius, colour, accent):
    canvas.setFillColorRGB(*accent)
    canvas.circle(cx, cy, radius, stroke=0, fill=1)
    canvas.setFillColorRGB(*colour)
    canvas.circle(cx, cy, radius * 0.78, stroke=0, fill=1)
    canvas.setFillColorRGB(*accent)
    for i in range(8):
        angle = math.radians(i * 45)
        px, py = cx + radius * 0.45 * math.cos(angle), cy + radius * 0.45 * math.sin(angle)
        canvas.circle(px, py, radius * 0.17, stroke=0, fill=1)
    canvas.circle(cx, cy, radius * 0.22, stroke=0, fill=1)


def _corner_flourish(canvas, x, y, sx, sy, size, colour):
    """Concentric quarter arcs and a leaf in an inner corner; sx, sy = +1/-1 point into the page."""
    canvas.setStrokeColorRGB(*colour)
    canvas.setFillColorRGB(*colour)
    for fraction, width in ((1.0, 1.2), (0.78, 0.6), (0.56, 0.6)):
        r = size * fraction
        path = canvas.beginPath()
        path.moveTo(x + sx * r, y)
        k = 0.5523 * r
        path.curveTo(x + sx * r, y + sy * k, x + sx * k, y + sy * r, x, y + sy * r)
        canvas.setLineWidth(width)
        canvas.drawPath(path, stroke=1, fill=0)
    leaf = canvas.beginPath()
    d = size * 0.42
    leaf.moveTo(x, y)
    leaf.curveTo(x + sx * d * 0.9, y + sy * d * 0.1, x + sx * d, y + sy * d * 0.6, x + sx * d, y + sy * d)
    leaf.curveTo(x + sx * d * 0.6, y + sy * d, x + sx * d * 0.1, y + sy * d * 0.9, x, y)
    canvas.drawPath(leaf, stroke=0, fill=1)


def draw_watermark(canvas, cx, cy, radius, colour):
    """A faint bronze-drum rosette: a star, rings and rays, as on Vietnamese official certificates."""
    canvas.saveState()
    canvas.setStrokeColorRGB(*colour)
    canvas.setFillColorRGB(*colour)
    canvas.drawPath(_star_path(canvas, cx, cy, radius * 0.22, radius * 0.09, points=14), stroke=0, fill=1)
    for fraction, width in ((0.3, 1.6), (0.42, 0.7), (0.6, 0.7), (0.78, 1.6), (0.98, 0.7), (1.0, 0.7)):
        canvas.setLineWidth(width)
        canvas.circle(cx, cy, radius * fraction, stroke=1, fill=0)
    for i in range(36):
        angle = math.radians(i * 10)
        r0, r1 = radius * 0.62, radius * 0.76
        canvas.setLineWidth(0.6)
        canvas.line(cx + r0 * math.cos(angle), cy + r0 * math.sin(angle),
                    cx + r1 * math.cos(angle), cy + r1 * math.sin(angle))
    for i in range(18):
        angle = math.radians(i * 20 + 10)
        r = radius * 0.88
        canvas.circle(cx + r * math.cos(angle), cy + r * math.sin(angle), radius * 0.035, stroke=0, fill=1)
    canvas.restoreState()


def draw_emblem(canvas, cx, top, size, colour, accent):
    """A round emblem: a gold ring with rays around a red disc bearing a gold star."""
    radius = size / 2
    cy = top - radius
    canvas.saveState()
    canvas.setFillColorRGB(*accent)
    canvas.drawPath(_star_path(canvas, cx, cy, radius, radius * 0.86, points=24), stroke=0, fill=1)
    canvas.setFillColorRGB(*colour)
    canvas.circle(cx, cy, radius * 0.76, stroke=0, fill=1)
    canvas.setFillColorRGB(*accent)
    canvas.drawPath(_star_path(canvas, cx, cy, radius * 0.55, radius * 0.22), stroke=0, fill=1)
    canvas.restoreState()


def draw_border(canvas, width, height, border: dict) -> None:
    style = border.get("style", "ornate")
    if style == "none":
        return
    colour = hex_rgb(border.get("color"), (0.62, 0.08, 0.1))
    accent = hex_rgb(border.get("accent"), (0.78, 0.63, 0.24))
    margin = border.get("margin", 8) * mm
    band = border.get("band", 12) * mm
    canvas.saveState()
    x0, y0, x1, y1 = margin, margin, width - margin, height - margin
    if style == "double":
        canvas.setStrokeColorRGB(*colour)
        canvas.setLineWidth(2.4)
        canvas.rect(x0, y0, x1 - x0, y1 - y0)
        canvas.setLineWidth(0.8)
        canvas.rect(x0 + 2.2 * mm, y0 + 2.2 * mm, x1 - x0 - 4.4 * mm, y1 - y0 - 4.4 * mm)
        canvas.restoreState()
        return
    # Cream paper inside the frame.
    canvas.setFillColorRGB(*_mix(accent, WHITE, 0.93))
    canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
    # The band: a coloured ribbon with gold motifs, rosettes in the corners.
    canvas.setFillColorRGB(*colour)
    path = canvas.beginPath()
    path.rect(x0, y0, x1 - x0, y1 - y0)
    path.rect(x0 + band, y0 + band, x1 - x0 - 2 * band, y1 - y0 - 2 * band)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=0)
    canvas.setFillColorRGB(*accent)
    step = band * 1.6
    _band_motifs(canvas, x0 + band, y0, x1 - band, y0 + band, True, step)
    _band_motifs(canvas, x0 + band, y1 - band, x1 - band, y1, True, step)
    _band_motifs(canvas, x0, y0 + band, x0 + band, y1 - band, False, step)
    _band_motifs(canvas, x1 - band, y0 + band, x1, y1 - band, False, step)
    for cx, cy in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        sx = 1 if cx == x0 else -1
        sy = 1 if cy == y0 else -1
        canvas.setFillColorRGB(*accent)
        canvas.rect(cx if sx > 0 else cx - band, cy if sy > 0 else cy - band, band, band, stroke=0, fill=1)
        _rosette(canvas, cx + sx * band / 2, cy + sy * band / 2, band * 0.42, colour, accent)
    # Gold rules on both edges of the band, then a fine inner double rule.
    canvas.setStrokeColorRGB(*accent)
    canvas.setLineWidth(2.0)
    canvas.rect(x0, y0, x1 - x0, y1 - y0)
    canvas.setLineWidth(1.2)
    canvas.rect(x0 + band, y0 + band, x1 - x0 - 2 * band, y1 - y0 - 2 * band)
    inner = band + 2.5 * mm
    canvas.setLineWidth(0.9)
    canvas.setStrokeColorRGB(*colour)
    canvas.rect(x0 + inner, y0 + inner, x1 - x0 - 2 * inner, y1 - y0 - 2 * inner)
    canvas.setLineWidth(0.4)
    canvas.rect(x0 + inner + 1.2 * mm, y0 + inner + 1.2 * mm, x1 - x0 - 2 * inner - 2.4 * mm,
                y1 - y0 - 2 * inner - 2.4 * mm)
    flourish = min(width, height) * 0.07
    for cx, cy, sx, sy in ((x0 + inner, y0 + inner, 1, 1), (x1 - inner, y0 + inner, -1, 1),
                           (x0 + inner, y1 - inner, 1, -1), (x1 - inner, y1 - inner, -1, -1)):
        _corner_flourish(canvas, cx, cy, sx, sy, flourish, accent)
    draw_watermark(canvas, width / 2, height / 2 - height * 0.04, min(width, height) * 0.3,
                   _mix(accent, WHITE, 0.8))
    canvas.restoreState()
