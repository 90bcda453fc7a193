"""The embedded font every peerdesk PDF uses (reportlab would otherwise fall back to a
non-embedded Helvetica). DejaVu Sans covers accents, Welsh letters and curly quotes."""

from __future__ import annotations

from importlib import resources

REGULAR = "PeerdeskSans"
BOLD = "PeerdeskSans-Bold"
_registered = False


def register_fonts() -> tuple[str, str]:
    """Register the fonts once and make the regular one reportlab's base font."""
    global _registered
    if not _registered:
        from reportlab import rl_config
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        fonts = resources.files("peerdesk").joinpath("assets/fonts")
        with resources.as_file(fonts.joinpath("DejaVuSans.ttf")) as regular, \
                resources.as_file(fonts.joinpath("DejaVuSans-Bold.ttf")) as bold:
            pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
            pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        rl_config.canvas_basefontname = REGULAR
        _registered = True
    return REGULAR, BOLD
