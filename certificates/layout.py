"""The schema of a certificate layout (JSON, millimetres from the top-left corner) and its validator.

    {"border": {"style": "ornate", "color": "#9c1c1c", "accent": "#c8a03c", "margin": 8, "band": 14},
     "boxes": [
        {"kind": "text", "placeholder": "recipient", "x": 40, "y": 120, "width": 340, "height": 14,
         "font": "bold", "size": 26, "min_size": 14, "color": "#000000", "align": "center",
         "max_lines": 1, "leading": 1.25, "preprinted": false},
        {"kind": "text", "text": "TẶNG", ...},
        {"kind": "qr", "x": 30, "y": 250, "size": 24},
        {"kind": "line", "x1": 160, "y1": 30, "x2": 260, "y2": 30, "width": 0.4},
        {"kind": "emblem", "x": 210, "y": 22, "size": 26}
     ]}

`validate_layout` returns a list of readable errors (empty when the layout is fine).
"""

import re

from django.utils.translation import gettext as _

from .placeholders import PLACEHOLDERS

FONTS = ("regular", "bold", "italic")
ALIGNS = ("left", "center", "right")
BORDER_STYLES = ("ornate", "double", "none")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

TEXT_KEYS = {"kind", "placeholder", "text", "x", "y", "width", "height", "font", "size", "min_size", "color",
             "align", "max_lines", "leading", "preprinted", "letter_spacing"}
QR_KEYS = {"kind", "x", "y", "size", "color"}
EMBLEM_KEYS = {"kind", "x", "y", "size", "color", "accent"}
LINE_KEYS = {"kind", "x1", "y1", "x2", "y2", "width", "color"}
BORDER_KEYS = {"style", "color", "accent", "margin", "band"}


def _number(box, key, errors, where, *, required=True, low=0.0, high=2000.0):
    if key not in box:
        if required:
            errors.append(_("%(where)s: “%(key)s” is required.") % {"where": where, "key": key})
        return
    value = box[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.append(_("%(where)s: “%(key)s” must be a number.") % {"where": where, "key": key})
    elif not low <= value <= high:
        errors.append(
            _("%(where)s: “%(key)s” must be between %(low)s and %(high)s.")
            % {"where": where, "key": key, "low": low, "high": high}
        )


def _choice(box, key, allowed, errors, where):
    if key in box and box[key] not in allowed:
        errors.append(
            _("%(where)s: “%(key)s” must be one of %(allowed)s.")
            % {"where": where, "key": key, "allowed": ", ".join(allowed)}
        )


def _colour(box, key, errors, where):
    if key in box and not (isinstance(box[key], str) and COLOUR.match(box[key])):
        errors.append(_("%(where)s: “%(key)s” must be a colour like #9c1c1c.") % {"where": where, "key": key})


def _unknown(box, allowed, errors, where):
    extra = sorted(set(box) - allowed)
    if extra:
        errors.append(_("%(where)s: unknown keys %(keys)s.") % {"where": where, "keys": ", ".join(extra)})


def _text_box(box, errors, where, page):
    _unknown(box, TEXT_KEYS, errors, where)
    has_placeholder, has_text = "placeholder" in box, "text" in box
    if has_placeholder == has_text:
        errors.append(_("%(where)s: give either “placeholder” or “text”.") % {"where": where})
    if has_placeholder and box["placeholder"] not in PLACEHOLDERS:
        errors.append(
            _("%(where)s: unknown placeholder “%(name)s”; known: %(known)s.")
            % {"where": where, "name": box["placeholder"], "known": ", ".join(PLACEHOLDERS)}
        )
    if has_text and not isinstance(box["text"], str):
        errors.append(_("%(where)s: “text” must be a string.") % {"where": where})
    _number(box, "x", errors, where, high=page[0])
    _number(box, "y", errors, where, high=page[1])
    _number(box, "width", errors, where, low=1, high=page[0])
    _number(box, "height", errors, where, required=False, low=1, high=page[1])
    _number(box, "size", errors, where, low=4, high=200)
    _number(box, "min_size", errors, where, required=False, low=4, high=200)
    _number(box, "max_lines", errors, where, required=False, low=1, high=20)
    _number(box, "leading", errors, where, required=False, low=0.8, high=3)
    _number(box, "letter_spacing", errors, where, required=False, low=0, high=20)
    _choice(box, "font", FONTS, errors, where)
    _choice(box, "align", ALIGNS, errors, where)
    _colour(box, "color", errors, where)
    if "preprinted" in box and not isinstance(box["preprinted"], bool):
        errors.append(_("%(where)s: “preprinted” must be true or false.") % {"where": where})
    fits = all(isinstance(box.get(k), int | float) for k in ("x", "width"))
    if fits and box["x"] + box["width"] > page[0] + 0.01:
        errors.append(_("%(where)s: the box runs off the right edge of the page.") % {"where": where})


def _qr_box(box, errors, where, page):
    _unknown(box, QR_KEYS, errors, where)
    _number(box, "x", errors, where, high=page[0])
    _number(box, "y", errors, where, high=page[1])
    _number(box, "size", errors, where, low=10, high=200)
    _colour(box, "color", errors, where)
    fits = all(isinstance(box.get(k), int | float) for k in ("x", "y", "size"))
    if fits and (box["x"] + box["size"] > page[0] or box["y"] + box["size"] > page[1]):
        errors.append(_("%(where)s: the QR code runs off the page.") % {"where": where})


def _line_box(box, errors, where, page):
    _unknown(box, LINE_KEYS, errors, where)
    for key, high in (("x1", page[0]), ("x2", page[0]), ("y1", page[1]), ("y2", page[1])):
        _number(box, key, errors, where, high=high)
    _number(box, "width", errors, where, required=False, low=0.05, high=5)
    _colour(box, "color", errors, where)


def _emblem_box(box, errors, where, page):
    _unknown(box, EMBLEM_KEYS, errors, where)
    _number(box, "x", errors, where, high=page[0])
    _number(box, "y", errors, where, high=page[1])
    _number(box, "size", errors, where, low=5, high=200)
    _colour(box, "color", errors, where)
    _colour(box, "accent", errors, where)


BOX_CHECKS = {"text": _text_box, "qr": _qr_box, "line": _line_box, "emblem": _emblem_box}


def validate_layout(layout, page_width_mm: float, page_height_mm: float) -> list[str]:
    """All problems with a layout, as sentences an administrator can act on."""
    page = (float(page_width_mm or 0), float(page_height_mm or 0))
    if not isinstance(layout, dict):
        return [_("The layout must be a JSON object with “border” and “boxes”.")]
    errors: list[str] = []
    extra = sorted(set(layout) - {"border", "boxes"})
    if extra:
        errors.append(_("Unknown top-level keys: %(keys)s.") % {"keys": ", ".join(extra)})
    border = layout.get("border", {"style": "none"})
    if not isinstance(border, dict):
        errors.append(_("“border” must be an object."))
    else:
        where = _("border")
        _unknown(border, BORDER_KEYS, errors, where)
        _choice(border, "style", BORDER_STYLES, errors, where)
        _colour(border, "color", errors, where)
        _colour(border, "accent", errors, where)
        _number(border, "margin", errors, where, required=False, high=100)
        _number(border, "band", errors, where, required=False, high=60)
    boxes = layout.get("boxes")
    if not isinstance(boxes, list) or not boxes:
        errors.append(_("“boxes” must be a non-empty list."))
        return errors
    qr_count = 0
    for index, box in enumerate(boxes, start=1):
        where = _("box %(n)s") % {"n": index}
        if not isinstance(box, dict):
            errors.append(_("%(where)s must be an object.") % {"where": where})
            continue
        check = BOX_CHECKS.get(box.get("kind"))
        if check is None:
            errors.append(
                _("%(where)s: “kind” must be one of %(kinds)s.") % {"where": where, "kinds": ", ".join(BOX_CHECKS)}
            )
            continue
        qr_count += box["kind"] == "qr"
        check(box, errors, where, page)
    if qr_count > 1:
        errors.append(_("A layout may hold at most one QR code."))
    return errors


def is_constant(box: dict) -> bool:
    """Whether a box prints the same on every certificate (frame lines, literal text, the motto)."""
    if box["kind"] in ("line", "emblem"):
        return True
    if box["kind"] != "text":
        return False
    return "text" in box or PLACEHOLDERS[box["placeholder"]].static


def in_overlay(box: dict) -> bool:
    """Whether the overlay for pre-printed blanks prints this box: by default what varies per certificate."""
    if box["kind"] in ("line", "emblem"):
        return False
    return not box.get("preprinted", is_constant(box))
