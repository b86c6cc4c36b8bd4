"""A timeline as a bar chart image (PNG), for Discord.

Drawn with matplotlib's Agg canvas on a Figure made and dropped per call (never pyplot's
global state), so charts can be drawn in worker threads, off the bot's event loop.
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.chat.replies import TimelineReply
from bot.render.wording import timeline_title

# 1000 x 500 pixels: wide enough for 45 years of labels, and Discord shows it whole.
WIDTH_INCHES, HEIGHT_INCHES, DPI = 10.0, 5.0, 100
_BAR_COLOUR = "#2b6cb0"
# Period labels are thinned to about this many, so they never overlap.
_MAX_LABELS = 24


def timeline_figure(reply: TimelineReply) -> Figure:
    """The chart: one bar a period, with a title, labelled axes and the caption."""
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    axes = figure.add_subplot()
    periods = [bucket.period for bucket in reply.buckets]
    positions = list(range(len(periods)))
    axes.bar(positions, [bucket.count for bucket in reply.buckets], color=_BAR_COLOUR)
    step = max(1, -(-len(periods) // _MAX_LABELS))
    axes.set_xticks(positions[::step], periods[::step], rotation=45, ha="right")
    axes.set_xlabel(reply.unit)
    axes.set_ylabel("cables")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(timeline_title(reply))
    figure.text(0.5, 0.01, textwrap.fill(reply.caption, 120), ha="center", va="bottom", fontsize=9)
    figure.subplots_adjust(bottom=0.25)
    return figure


def timeline_png(reply: TimelineReply) -> bytes:
    out = io.BytesIO()
    timeline_figure(reply).savefig(out, format="png", dpi=DPI)
    return out.getvalue()
