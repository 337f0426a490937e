"""Geometry for the capacity page's bar charts: pure arithmetic, drawn as SVG by the theme."""

from __future__ import annotations

from dataclasses import dataclass

from mentordir.site.capacity import Tally

ROW_HEIGHT = 28
BAR_HEIGHT = 18
LABEL_WIDTH = 200
PLOT_WIDTH = 280
VALUE_WIDTH = 120


@dataclass(frozen=True)
class Bar:
    """One group's stacked bar: taking mentees, then full."""

    tally: Tally
    """The figures the bar shows."""
    y: int
    """Top of the row, in SVG units."""
    taking_width: float
    """Width of the "taking mentees" part."""
    full_width: float
    """Width of the "at full capacity" part, drawn after the taking part."""


@dataclass(frozen=True)
class BarChart:
    """A horizontal stacked bar chart, one row per group, to a common scale."""

    bars: tuple[Bar, ...]
    """The rows, top to bottom."""
    width: int
    """The SVG's width (its viewBox)."""
    height: int
    """The SVG's height (its viewBox)."""
    label_width: int
    """Where the bars start: the labels sit to their left."""
    bar_height: int
    """The height of each bar."""


def bar_chart(tallies: tuple[Tally, ...]) -> BarChart:
    """Stacked bars scaled so the largest group fills the plot width."""
    largest = max((tally.total for tally in tallies), default=0) or 1
    unit = PLOT_WIDTH / largest
    bars = tuple(Bar(tally=tally, y=index * ROW_HEIGHT, taking_width=round(tally.taking * unit, 1),
                     full_width=round(tally.full * unit, 1)) for index, tally in enumerate(tallies))
    return BarChart(bars=bars, width=LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, height=max(len(bars), 1) * ROW_HEIGHT,
                    label_width=LABEL_WIDTH, bar_height=BAR_HEIGHT)
