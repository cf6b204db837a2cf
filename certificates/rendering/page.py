"""One template's page: the static frame drawn once as a form XObject, then each certificate's text.

Layout coordinates are millimetres from the top-left corner; reportlab's are points from the
bottom-left, so every box is converted once when the renderer is built."""

from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..layout import in_overlay, is_constant
from ..placeholders import CertificateData, nfc, render_placeholder
from .fonts import register_fonts
from .ornament import draw_border, draw_emblem, hex_rgb
from .qr import draw_qr

CAP_HEIGHT = 0.714  # Noto Serif cap height in em


@dataclass
class PageSpec:
    """What the renderer needs from a template, independent of the database model."""

    width_mm: float
    height_mm: float
    layout: dict
    background_image: str | None = None
    key: str = "tpl"


@dataclass
class TextBox:
    placeholder: str | None
    text: str | None
    x: float
    top: float
    width: float
    height: float | None
    font: str
    size: float
    min_size: float
    colour: tuple
    align: str
    max_lines: int
    leading: float
    letter_spacing: float
    positions: list = field(default_factory=list)


def _text_box(box: dict, page_height: float, fonts: dict) -> TextBox:
    size = float(box["size"])
    return TextBox(
        placeholder=box.get("placeholder"), text=nfc(box["text"]) if "text" in box else None,
        x=box["x"] * mm, top=page_height - box["y"] * mm, width=box["width"] * mm,
        height=box["height"] * mm if "height" in box else None, font=fonts[box.get("font", "regular")],
        size=size, min_size=float(box.get("min_size", size * 0.6)), colour=hex_rgb(box.get("color")),
        align=box.get("align", "center"), max_lines=int(box.get("max_lines", 1)),
        leading=float(box.get("leading", 1.3)), letter_spacing=float(box.get("letter_spacing", 0)),
    )


def _wrap(words: list[str], font: str, size: float, width: float) -> list[str]:
    lines, current = [], ""
    space = stringWidth(" ", font, size)
    current_width = 0.0
    for word in words:
        word_width = stringWidth(word, font, size)
        if current and current_width + space + word_width > width:
            lines.append(current)
            current, current_width = word, word_width
        else:
            current = f"{current} {word}" if current else word
            current_width += (space if current != word else 0) + word_width
    if current:
        lines.append(current)
    return lines


def fit_text(box: TextBox, text: str) -> tuple[float, list[str], float]:
    """The font size, lines and horizontal scale (100 = none) that fit `text` into the box: shrink to
    `min_size`, wrap up to `max_lines`, and only then squeeze horizontally."""
    paragraphs = text.split("\n")
    spacing = box.letter_spacing / box.size
    if box.max_lines <= len(paragraphs):
        # One line per paragraph: width scales linearly with size, so the fitting size is exact.
        unit_widths = [stringWidth(p, box.font, 1) + spacing * max(len(p) - 1, 0) for p in paragraphs]
        widest = max(unit_widths) or 1
        size = min(box.size, box.width / widest)
        if box.height:
            size = min(size, box.height / (len(paragraphs) * box.leading))
        scale = 100.0
        if size < box.min_size:
            scale = max(50.0, 100.0 * size / box.min_size)
            size = box.min_size
        return size, paragraphs, scale
    size = box.size
    while True:
        lines = []
        for paragraph in paragraphs:
            lines.extend(_wrap(paragraph.split(), box.font, size, box.width) or [""])
        tall_enough = not box.height or len(lines) * size * box.leading <= box.height
        if (len(lines) <= box.max_lines and tall_enough) or size <= box.min_size:
            break
        size = max(box.min_size, size - 0.5)
    if len(lines) > box.max_lines:
        lines = lines[: box.max_lines]
        lines[-1] = lines[-1].rstrip(" ,.;") + "…"
    return size, lines, 100.0


def draw_text_box(canvas, box: TextBox, text: str) -> None:
    if not text:
        return
    size, lines, scale = fit_text(box, text)
    line_height = size * box.leading
    block = line_height * len(lines)
    block_top = box.top - (max(0.0, (box.height - block) / 2) if box.height else 0.0)
    spacing = box.letter_spacing * size / box.size
    canvas.setFont(box.font, size)
    canvas.setFillColorRGB(*box.colour)
    for index, line in enumerate(lines):
        baseline = block_top - index * line_height - (line_height + size * CAP_HEIGHT) / 2
        line_width = (stringWidth(line, box.font, size) + spacing * max(len(line) - 1, 0)) * scale / 100
        if box.align == "left":
            x = box.x
        elif box.align == "right":
            x = box.x + box.width - line_width
        else:
            x = box.x + (box.width - line_width) / 2
        if scale < 100:
            text_object = canvas.beginText(x, baseline)
            text_object.setHorizScale(scale)
            text_object.setCharSpace(spacing)
            text_object.textOut(line)
            canvas.drawText(text_object)
        else:
            canvas.drawString(x, baseline, line, charSpace=spacing)


class PageRenderer:
    """Draws certificates of one template, in full design or as an overlay for pre-printed blanks."""

    def __init__(self, spec: PageSpec, *, overlay: bool = False, offset_mm: tuple[float, float] = (0, 0)):
        self.fonts = register_fonts()
        self.spec = spec
        self.overlay = overlay
        self.offset = (offset_mm[0] * mm, -offset_mm[1] * mm)
        self.width = spec.width_mm * mm
        self.height = spec.height_mm * mm
        boxes = spec.layout.get("boxes", [])
        if overlay:
            self.frame_boxes = []
            self.page_boxes = [b for b in boxes if in_overlay(b)]
        else:
            self.frame_boxes = [b for b in boxes if is_constant(b)]
            self.page_boxes = [b for b in boxes if not is_constant(b)]
        self._page_text = [_text_box(b, self.height, self.fonts) for b in self.page_boxes if b["kind"] == "text"]
        self._qr = next((b for b in self.page_boxes if b["kind"] == "qr"), None)
        self.form_name = f"frame_{spec.key}"
        self._forms_defined: set[int] = set()

    @property
    def pagesize(self) -> tuple[float, float]:
        return self.width, self.height

    def _draw_frame(self, canvas) -> None:
        if self.spec.background_image:
            canvas.drawImage(self.spec.background_image, 0, 0, self.width, self.height,
                             preserveAspectRatio=False, mask="auto")
        draw_border(canvas, self.width, self.height, self.spec.layout.get("border", {"style": "none"}))
        for box in self.frame_boxes:
            kind = box["kind"]
            if kind == "text":
                tb = _text_box(box, self.height, self.fonts)
                draw_text_box(canvas, tb, tb.text if tb.text is not None else render_placeholder(tb.placeholder, None))
            elif kind == "line":
                canvas.setStrokeColorRGB(*hex_rgb(box.get("color")))
                canvas.setLineWidth(box.get("width", 0.5))
                canvas.line(box["x1"] * mm, self.height - box["y1"] * mm, box["x2"] * mm, self.height - box["y2"] * mm)
            elif kind == "emblem":
                draw_emblem(canvas, box["x"] * mm, self.height - box["y"] * mm, box["size"] * mm,
                            hex_rgb(box.get("color"), (0.75, 0.1, 0.1)), hex_rgb(box.get("accent"), (0.95, 0.8, 0.2)))

    def _ensure_frame(self, canvas) -> None:
        if id(canvas) in self._forms_defined:
            return
        canvas.beginForm(self.form_name, 0, 0, self.width, self.height)
        self._draw_frame(canvas)
        canvas.endForm()
        self._forms_defined.add(id(canvas))

    def draw(self, canvas, data: CertificateData) -> None:
        """Draw one certificate on the current page (the caller calls showPage)."""
        if not self.overlay:
            self._ensure_frame(canvas)
            canvas.doForm(self.form_name)
        moved = self.offset != (0, 0)
        if moved:
            canvas.saveState()
            canvas.translate(*self.offset)
        for text_box in self._page_text:
            text = text_box.text if text_box.text is not None else render_placeholder(text_box.placeholder, data)
            draw_text_box(canvas, text_box, text)
        if self._qr is not None and data.verify_url:
            size = self._qr["size"] * mm
            draw_qr(canvas, data.verify_url, self._qr["x"] * mm, self.height - self._qr["y"] * mm, size,
                    hex_rgb(self._qr.get("color")))
        if moved:
            canvas.restoreState()
