"""Geometry for the capacity page's bar charts: pure arithmetic, drawn by the theme.

Each bar is its own small SVG stretched to the width of its row, so the labels and figures
beside it are ordinary HTML text: they wrap on a phone instead of being cut, and stay the
page's text size instead of shrinking with the drawing. Widths are percentages of the row.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentordir.site.capacity import Tally

PLOT_WIDTH = 100
"""The bars' scale: the largest group's bar is this wide (the SVG's viewBox is 0-100)."""


@dataclass(frozen=True)
class Bar:
    """One group's stacked bar: taking mentees, then full, then away."""

    tally: Tally
    """The figures the bar shows."""
    taking_width: float
    """Width of the "taking mentees" part, from 0 to PLOT_WIDTH."""
    full_width: float
    """Width of the "full" part, drawn after the taking part."""
    away_width: float
    """Width of the "away" part, drawn after the full part."""

    @property
    def full_x(self) -> float:
        """Where the full part starts."""
        return self.taking_width

    @property
    def away_x(self) -> float:
        """Where the away part starts."""
        return round(self.taking_width + self.full_width, 1)


@dataclass(frozen=True)
class BarChart:
    """Horizontal stacked bars, one row per group, to a common scale."""

    bars: tuple[Bar, ...]
    """The rows, top to bottom."""
    width: int
    """The bars' scale (PLOT_WIDTH): each bar's SVG viewBox is this wide."""
    any_away: bool
    """Whether any group has a mentor away, so the legend names the away part only when it is drawn."""


def bar_chart(tallies: tuple[Tally, ...]) -> BarChart:
    """Stacked bars scaled so the largest group fills the plot width."""
    largest = max((tally.total for tally in tallies), default=0) or 1
    unit = PLOT_WIDTH / largest
    bars = tuple(Bar(tally=tally, taking_width=round(tally.taking * unit, 1), full_width=round(tally.full * unit, 1),
                     away_width=round(tally.away * unit, 1)) for tally in tallies)
    return BarChart(bars=bars, width=PLOT_WIDTH, any_away=any(tally.away for tally in tallies))
