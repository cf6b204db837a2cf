"""Certificate rendering: the only place that imports reportlab.

- `fonts`: Noto Serif (from the fontpkg-noto-serif package) instanced to static weights, registered once.
- `qr`: the verification QR code as vector rectangles (segno, fixed mask).
- `ornament`: the vector frame and emblem.
- `page`: a `PageRenderer` that draws one template's frame once and each certificate's variable text.
- `documents`: single PDFs, combined batch files, PNG previews and the printer calibration page.
"""

from reportlab import rl_config

# Binary (zlib) streams only: ASCII85 on top makes files 25% larger and costs more than drawing a page.
rl_config.useA85 = 0

from .documents import (  # noqa: E402, F401
    calibration_pdf,
    pdf_to_png,
    render_certificates,
    render_pdf,
)
