"""Server-side bar charts as accessible SVG (with the numbers as a table beside them).

Labels are never cut short: a long label wraps onto as many lines as it needs (at most
``LABEL_CHARACTERS`` a line, which fit ``LABEL_WIDTH`` at the chart's font size) and its
bar gets the room. The text uses the page's sans-serif font (SVG text otherwise falls back
to the browser's serif default); the viewBox scales the whole chart down on a phone.
"""

import textwrap
from dataclasses import dataclass

#: The same stack as the page ($govuk-font-family in site/static/scss/app.scss).
FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
BAR_HEIGHT = 22
LINE_HEIGHT = 18
GAP = 10
LABEL_WIDTH = 240
LABEL_CHARACTERS = 28
PLOT_WIDTH = 340
VALUE_ROOM = 110


@dataclass
class Bar:
    label: str
    value: float
    text: str
    y: int
    width: int
    lines: list[str]
    height: int  # the row's height: the bar, or the label's lines if taller

    @property
    def bar_y(self) -> int:
        """The bar sits in the middle of its row."""
        return self.y + (self.height - BAR_HEIGHT) // 2

    @property
    def text_y(self) -> int:
        return self.bar_y + 16

    @property
    def line_ys(self) -> list[tuple[int, str]]:
        """(baseline, text) for each line of the label, centred on the bar."""
        first = self.y + (self.height - LINE_HEIGHT * len(self.lines)) // 2 + 14
        return [(first + index * LINE_HEIGHT, line) for index, line in enumerate(self.lines)]


def wrap_label(label: str) -> list[str]:
    """Every word of the label, on lines of at most ``LABEL_CHARACTERS``."""
    return textwrap.wrap(
        str(label), LABEL_CHARACTERS, break_long_words=True, break_on_hyphens=False
    ) or [""]


def horizontal_bars(items: list[tuple[str, float | None, str]], maximum: float | None = None):
    """Geometry for a horizontal bar chart: (label, value, text shown) per bar."""
    values = [value for _, value, _ in items if value is not None and value == value]
    top = maximum or max(values, default=0) or 1
    bars = []
    y = 0
    for label, value, text in items:
        usable = value if value is not None and value == value else 0
        lines = wrap_label(label)
        height = max(BAR_HEIGHT, LINE_HEIGHT * len(lines) + 4)
        bars.append(
            Bar(
                label=label,
                value=usable,
                text=text,
                y=y,
                width=round(PLOT_WIDTH * min(usable, top) / top),
                lines=lines,
                height=height,
            )
        )
        y += height + GAP
    return {
        "bars": bars,
        "height": max(y, BAR_HEIGHT + GAP),
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "width": LABEL_WIDTH + PLOT_WIDTH + VALUE_ROOM,
        "font_family": FONT_FAMILY,
    }
