"""Fonts with full Vietnamese coverage, registered once per process.

The fontpkg-noto-serif package ships Noto Serif as variable fonts; reportlab needs static TrueType
files, so the first use cuts the Vietnamese/Latin subset and instances it at the weights we need with
fontTools, caching the result on disk (a few seconds once per machine, then instant).
"""

import logging
import os
import tempfile
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAMES = {"regular": "LaurelSerif", "bold": "LaurelSerif-Bold", "italic": "LaurelSerif-Italic"}
# (style key, source file, weight)
_INSTANCES = {
    "regular": ("NotoSerif[wdth,wght].ttf", 400),
    "bold": ("NotoSerif[wdth,wght].ttf", 700),
    "italic": ("NotoSerif-Italic[wdth,wght].ttf", 400),
}
_UNICODES = (
    list(range(0x20, 0x250))  # Latin, Latin-1, Extended-A and -B
    + list(range(0x300, 0x370))  # combining diacritics
    + list(range(0x1E00, 0x1F00))  # Latin Extended Additional: the precomposed Vietnamese letters
    + list(range(0x2000, 0x2070))  # punctuation: dashes, quotes, ellipsis
    + [0x20AB, 0x2116, 0x25CF]
)
_lock = threading.Lock()
_registered = False


def _source_dir() -> Path:
    import fontpkg_noto_serif

    return Path(fontpkg_noto_serif.ROOT) / "files"


def _cache_dir() -> Path:
    from importlib.metadata import version

    base = os.environ.get("LAUREL_FONT_CACHE") or os.path.join(tempfile.gettempdir(), "laurel-fonts")
    path = Path(base) / f"noto-serif-{version('fontpkg-noto-serif')}-v2"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _instance(style: str) -> Path:
    source, weight = _INSTANCES[style]
    target = _cache_dir() / f"{FONT_NAMES[style]}.ttf"
    if target.exists():
        return target
    from fontTools import subset
    from fontTools.ttLib import TTFont as FTFont
    from fontTools.varLib import instancer

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # its subsetter logs every glyph at INFO
    font = FTFont(_source_dir() / source)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_UNICODES)
    subsetter.subset(font)
    static = instancer.instantiateVariableFont(font, {"wght": weight, "wdth": 100})
    # reportlab keys embedded fonts by PostScript name: each instance needs its own.
    for record in list(static["name"].names):
        if record.nameID in (4, 6):
            static["name"].setName(FONT_NAMES[style], record.nameID, record.platformID, record.platEncID,
                                   record.langID)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    static.save(tmp)
    os.replace(tmp, target)  # atomic: a concurrent process never reads half a font
    return target


def register_fonts() -> dict[str, str]:
    """Register the certificate fonts once; returns style → reportlab font name."""
    global _registered
    if _registered:
        return FONT_NAMES
    with _lock:
        if not _registered:
            for style, name in FONT_NAMES.items():
                pdfmetrics.registerFont(TTFont(name, str(_instance(style))))
            pdfmetrics.registerFontFamily(
                FONT_NAMES["regular"], normal=FONT_NAMES["regular"], bold=FONT_NAMES["bold"],
                italic=FONT_NAMES["italic"], boldItalic=FONT_NAMES["bold"],
            )
            _registered = True
    return FONT_NAMES
