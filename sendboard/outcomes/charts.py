"""Server-rendered, accessible SVG line charts (no JavaScript library). The chart is an image with a title
and a description; the table beneath it on the page holds the same numbers, which is how a screen reader
user or anyone who cannot tell the lines apart reads it. Lines differ by dash pattern and marker as well as
colour. A suppressed value is never plotted: the presenters hand the chart None for it, and the line breaks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

WIDTH, HEIGHT = 680, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 16, 84
STYLES = [  # colour (GOV.UK palette, at least 3:1 against white), dash pattern, marker
    ("#1d70b8", "", "circle"),
    ("#0b0c0c", "8 5", "square"),
    ("#00703c", "2 4", "diamond"),
]


@dataclass
class Line:
    label: str
    values: list[Decimal | None]  # one per period; None for missing or suppressed


def _nice_top(maximum: float) -> float:
    """The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is at least ``maximum``."""
    if maximum <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(maximum))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if step * magnitude >= maximum)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        return (
            f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} L{x - 5:.1f} {y:.1f} Z" '
            f'fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    periods: list[str],
    lines: list[Line],
    unit_label: str,
    percent: bool = False,
) -> Markup:
    values = [float(v) for line in lines for v in line.values if v is not None]
    top = 100.0 if percent and values and max(values) > 50 else _nice_top(max(values) if values else 1.0)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(periods) - 1, 1)

    def x(index: int) -> float:
        return LEFT + (index * step if len(periods) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h - (value / top) * plot_h

    parts = [
        f'<svg class="sendboard-chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 '
        f'{WIDTH} {HEIGHT}" '
        f'width="100%" font-family="arial, sans-serif" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for tick in range(5):
        value = top * tick / 4
        label = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#b1b4b6" '
            'stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="13" '
            f'fill="#0b0c0c">{label}</text>'
        )
    parts.append(
        f'<text x="14" y="{TOP + plot_h / 2:.1f}" font-size="13" fill="#0b0c0c" text-anchor="middle" '
        f'transform="rotate(-90 14 {TOP + plot_h / 2:.1f})">{escape(unit_label)}</text>'
    )
    for index, period in enumerate(periods):
        parts.append(
            f'<text x="{x(index):.1f}" y="{TOP + plot_h + 20}" text-anchor="middle" font-size="13" fill="#0b0c0c">'
            f"{escape(period)}</text>"
        )
    # A series with no value to plot has no line, so it has no place in the legend either; each keeps its own style.
    drawn = [(number, line) for number, line in enumerate(lines) if any(v is not None for v in line.values)]
    for place, (number, line) in enumerate(drawn):
        colour, dash, marker = STYLES[number % len(STYLES)]
        segment: list[str] = []
        segments = []
        for index, value in enumerate(line.values):
            if value is None:
                segments.append(segment)
                segment = []
                continue
            segment.append(f"{x(index):.1f},{y(float(value)):.1f}")
            parts.append(_marker(marker, x(index), y(float(value)), colour))
        segments.append(segment)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="3"{dash_attr}/>'
                )
        legend_x = LEFT + place * (plot_w / max(len(drawn), 1))
        legend_y = HEIGHT - 24
        parts.append(
            f'<line x1="{legend_x:.1f}" x2="{legend_x + 30:.1f}" y1="{legend_y}" y2="{legend_y}" stroke="{colour}" '
            f'stroke-width="3"{dash_attr}/>'
        )
        parts.append(_marker(marker, legend_x + 15, legend_y, colour))
        parts.append(
            f'<text x="{legend_x + 38:.1f}" y="{legend_y + 5}" font-size="14" '
            f'fill="#0b0c0c">{escape(line.label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
