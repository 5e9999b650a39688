"""Server-side bar charts as accessible SVG (with the numbers as a table beside them)."""

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 220
PLOT_WIDTH = 360


@dataclass
class Bar:
    label: str
    value: float
    text: str
    y: int
    width: int


def horizontal_bars(items: list[tuple[str, float | None, str]], maximum: float | None = None):
    """Geometry for a horizontal bar chart: (label, value, text shown) per bar."""
    values = [value for _, value, _ in items if value is not None and value == value]
    top = maximum or max(values, default=0) or 1
    bars = []
    for index, (label, value, text) in enumerate(items):
        usable = value if value is not None and value == value else 0
        bars.append(
            Bar(
                label=label,
                value=usable,
                text=text,
                y=index * (BAR_HEIGHT + GAP),
                width=round(PLOT_WIDTH * min(usable, top) / top),
            )
        )
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP)
    return {
        "bars": bars,
        "height": height,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "width": LABEL_WIDTH + PLOT_WIDTH + 80,
    }
