"""Whole documents: one certificate, a combined batch file, a PNG preview and a calibration page."""

import io
import zlib
from collections.abc import Callable, Iterable

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas

from ..placeholders import CertificateData
from .fonts import FONT_NAMES, register_fonts
from .page import PageRenderer, PageSpec


class RenderCancelled(Exception):
    """Raised by the cancel check of a long render; the partial output is discarded."""


def page_spec(template) -> PageSpec:
    background = template.background.path if getattr(template, "background", None) else None
    image = background if background and not background.lower().endswith(".pdf") else None
    return PageSpec(template.page_width_mm, template.page_height_mm, template.layout or {}, image,
                    key=f"t{template.pk or 0}")


def pdf_background(template) -> str | None:
    background = template.background.path if getattr(template, "background", None) else None
    return background if background and background.lower().endswith(".pdf") else None


def _new_canvas(target, title: str) -> Canvas:
    register_fonts()
    canvas = Canvas(target, pageCompression=1, invariant=1)
    canvas.setTitle(title)
    canvas.setCreator("Laurel")
    return canvas


def _compact_last_page(canvas) -> None:
    """Compress the page just finished now instead of at save: reportlab otherwise keeps every page's
    content as text until the end, which for a 10,000-page batch is most of the memory."""
    page = canvas._doc.Pages.pages[-1]  # reportlab internals, pinned by the tests of this module
    if page.Contents or not page.stream:
        return
    stream = page.stream.encode("utf8") if isinstance(page.stream, str) else page.stream
    dictionary = PDFDictionary({"Filter": PDFName("FlateDecode")})
    page.Contents = PDFStream(dictionary, zlib.compress(stream, 1), filters=[])
    page.stream = None


def render_certificates(
    target,
    items: Iterable[tuple[object, CertificateData]],
    *,
    overlay: bool = False,
    offset_mm: tuple[float, float] = (0, 0),
    title: str = "Certificates",
    progress: Callable[[int], None] | None = None,
    every: int = 200,
) -> int:
    """Render (template, data) pairs as consecutive pages of one PDF written to `target` (a path or a
    binary file). The frame of each template is a form XObject drawn once and reused on every page.
    `progress(done)` runs every `every` pages and may raise RenderCancelled. Returns the page count."""
    canvas = _new_canvas(target, title)
    renderers: dict[object, PageRenderer] = {}
    backgrounds: dict[object, str | None] = {}
    page_backgrounds: list[str | None] = []
    done = 0
    for template, data in items:
        key = template.pk
        renderer = renderers.get(key)
        if renderer is None:
            renderer = renderers[key] = PageRenderer(page_spec(template), overlay=overlay, offset_mm=offset_mm)
            backgrounds[key] = None if overlay else pdf_background(template)
        page_backgrounds.append(backgrounds[key])
        canvas.setPageSize(renderer.pagesize)
        renderer.draw(canvas, data)
        canvas.showPage()
        _compact_last_page(canvas)
        done += 1
        if progress is not None and done % every == 0:
            progress(done)
    if done == 0:
        canvas.setPageSize((210 * mm, 297 * mm))
        canvas.showPage()
    canvas.save()
    if any(page_backgrounds):
        _underlay_pdf(target, page_backgrounds)
    return done


def _underlay_pdf(target, page_backgrounds: list[str | None]) -> None:
    """Put the first page of each page's uploaded PDF background under it (full design only)."""
    from pypdf import PdfReader, PdfWriter

    if hasattr(target, "seek"):
        target.seek(0)
        source = io.BytesIO(target.read())
    else:
        with open(target, "rb") as handle:
            source = io.BytesIO(handle.read())
    loaded = {path: PdfReader(path).pages[0] for path in set(page_backgrounds) if path}
    writer = PdfWriter()
    for page, path in zip(PdfReader(source).pages, page_backgrounds, strict=True):
        blank = writer.add_blank_page(float(page.mediabox.width), float(page.mediabox.height))
        if path:
            blank.merge_page(loaded[path])
        blank.merge_page(page)
    if hasattr(target, "seek"):
        target.seek(0)
        target.truncate()
        writer.write(target)
    else:
        with open(target, "wb") as handle:
            writer.write(handle)


def render_pdf(template, data: CertificateData | list[CertificateData], *, overlay: bool = False,
               offset_mm: tuple[float, float] = (0, 0)) -> bytes:
    """One certificate (or a few) as PDF bytes."""
    items = data if isinstance(data, list) else [data]
    buffer = io.BytesIO()
    render_certificates(buffer, ((template, item) for item in items), overlay=overlay, offset_mm=offset_mm,
                        title=items[0].recipient_name if items else "Certificate")
    return buffer.getvalue()


def calibration_pdf(width_mm: float, height_mm: float, *, offset_mm: tuple[float, float] = (0, 0),
                    label: str = "") -> bytes:
    """A test page for a printer: rulers along the edges, crosshairs at known positions. Printed on a
    blank, the distance between a printed crosshair and the blank's mark is the offset to enter."""
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, "Calibration")
    width, height = width_mm * mm, height_mm * mm
    canvas.setPageSize((width, height))
    canvas.translate(offset_mm[0] * mm, -offset_mm[1] * mm)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setFillColorRGB(0, 0, 0)
    font = FONT_NAMES["regular"]
    for position in range(0, int(width_mm) + 1):
        tick = 6 if position % 10 == 0 else (4 if position % 5 == 0 else 2)
        canvas.setLineWidth(0.3 if position % 10 else 0.6)
        x = position * mm
        canvas.line(x, height, x, height - tick * mm)
        canvas.line(x, 0, x, tick * mm)
        if position % 10 == 0 and 0 < position < width_mm:
            canvas.setFont(font, 6)
            canvas.drawCentredString(x, height - 9 * mm, str(position))
    for position in range(0, int(height_mm) + 1):
        tick = 6 if position % 10 == 0 else (4 if position % 5 == 0 else 2)
        canvas.setLineWidth(0.3 if position % 10 else 0.6)
        y = height - position * mm
        canvas.line(0, y, tick * mm, y)
        canvas.line(width, y, width - tick * mm, y)
        if position % 10 == 0 and 0 < position < height_mm:
            canvas.setFont(font, 6)
            canvas.drawString(7 * mm, y - 2, str(position))
    marks = [(30, 30), (width_mm - 30, 30), (30, height_mm - 30), (width_mm - 30, height_mm - 30),
             (width_mm / 2, height_mm / 2)]
    canvas.setLineWidth(0.4)
    for mx, my in marks:
        x, y = mx * mm, height - my * mm
        canvas.line(x - 10 * mm, y, x + 10 * mm, y)
        canvas.line(x, y - 10 * mm, x, y + 10 * mm)
        canvas.circle(x, y, 3 * mm)
        canvas.setFont(font, 7)
        canvas.drawString(x + 2 * mm, y + 2 * mm, f"({mx:g}, {my:g}) mm")
    canvas.setFont(FONT_NAMES["bold"], 12)
    canvas.drawCentredString(width / 2, height / 2 + 20 * mm, label or "Trang hiệu chỉnh máy in")
    canvas.setFont(font, 9)
    canvas.drawCentredString(
        width / 2, height / 2 - 20 * mm,
        f"Khổ {width_mm:g} × {height_mm:g} mm · độ lệch đang dùng x = {offset_mm[0]:g} mm, y = {offset_mm[1]:g} mm",
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pdf_to_png(pdf: bytes, *, page: int = 0, width_px: int = 1400) -> bytes:
    """Rasterise one page (for the admin preview and the artefacts the tests look at)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        pdf_page = document[page]
        scale = width_px / pdf_page.get_width()
        image = pdf_page.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False)
        return out.getvalue()
    finally:
        document.close()
