"""IPython start-up file for tests/test_course_files.py: record what every figure shows.

Each figure a cell renders (inline, through ``print_figure``) appends one JSON
line to ``$NNDL_FIGURE_LOG``: every text in it (titles, labels, annotations,
legend entries), and for each axes its legend entries with whether the line
behind each entry has any finite point, and its horizontal lines with their y
value and label. The test then checks titles, baselines and legends against the
data the notebook was given.
"""

import json
import os

import numpy as np
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.lines import Line2D
from matplotlib.text import Text

_LOG = os.environ["NNDL_FIGURE_LOG"]
_print_figure = FigureCanvasBase.print_figure


def _describe(figure):
    axes = []
    for ax in figure.axes:
        handles, labels = ax.get_legend_handles_labels()
        legend = [{"label": label,
                   "finite": bool(np.isfinite(np.asarray(h.get_ydata(), dtype=float)).any())
                   if isinstance(h, Line2D) else True}
                  for h, label in zip(handles, labels)]
        horizontal = []
        for line in ax.get_lines():
            x, y = np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)
            if y.size == 2 and y[0] == y[1] and line.get_transform() is not ax.transData:
                horizontal.append({"y": float(y[0]), "label": line.get_label()})
        axes.append({"title": ax.get_title(), "legend": legend, "horizontal": horizontal})
    texts = [t.get_text() for t in figure.findobj(Text) if t.get_text()]
    return {"texts": texts, "axes": axes}


def _recording_print_figure(self, *args, **kwargs):
    with open(_LOG, "a") as log:
        log.write(json.dumps(_describe(self.figure)) + "\n")
    return _print_figure(self, *args, **kwargs)


FigureCanvasBase.print_figure = _recording_print_figure
