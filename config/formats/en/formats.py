"""English pages keep the Vietnamese formats (see config/formats/vi/formats.py)."""

from config.formats.vi.formats import *  # noqa: F403
