"""The one place that cleans text coming in from people and files (imports, forms, the API) and text going
out on one line (e-mail subjects and headers, error reports).

- clean_text: NFC, no bidi controls or zero-width characters, no control characters (newlines and tabs
  kept for multi-line text, CR LF made LF), stripped.
- clean_name: clean_text on one line with runs of spaces collapsed: names of people, units, campaigns…
- single_line: any text as one line (CR, LF and other controls become spaces), for headers.
- excerpt: single_line cut to about 80 characters, so an error report never echoes a whole cell."""

import re
import unicodedata

# Bidi embeddings/overrides/isolates and marks, and zero-width characters: invisible, they reorder or hide
# what a reader sees (e.g. "\u202egnp.exe" shows as "exe.png").
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060"
_INVISIBLE = dict.fromkeys(map(ord, BIDI_CONTROLS + ZERO_WIDTH))
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_ANY_BREAK_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]+")
_SPACES_RE = re.compile(r"[^\S\n]+")


def clean_text(value, *, multiline: bool = True) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.isascii() and text.isprintable():  # the common case (codes, numbers): nothing to clean
        return text.strip()
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if multiline:
        text = _CONTROL_RE.sub("", text)  # keeps \t and \n
    else:
        text = _ANY_BREAK_RE.sub(" ", text)
    return text.strip()


def clean_name(value) -> str:
    text = clean_text(value, multiline=False)
    return _SPACES_RE.sub(" ", text) if "  " in text or not text.isascii() else text


def single_line(value) -> str:
    """The text on one line: every CR, LF or other control character becomes a space (header injection)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    return " ".join(_ANY_BREAK_RE.sub(" ", text).split())


def excerpt(value, limit: int = 80) -> str:
    text = single_line(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def markup(value, *, multiline: bool = False) -> str:
    """Text made safe for reportlab's Paragraph mini-markup (decision, reports…): cleaned as above, then
    &, < and > escaped, so a name can never open a tag (<a href>, <img src>, <font>…); newlines of
    multi-line text become <br/>. Every text that reaches a Paragraph goes through here."""
    text = clean_text(value, multiline=True) if multiline else clean_name(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\n", "<br/>")
