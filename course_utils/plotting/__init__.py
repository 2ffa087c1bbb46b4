"""Plots for the notebooks, drawn with matplotlib.

The general plots (costs, decision boundaries, images, a network's layers)
are in :mod:`._core`; the figures only one notebook draws are in
:mod:`.week1` to :mod:`.week4`. All of them are available here, as
``course_utils.plotting.<name>``.
"""

from ._core import *  # noqa: F401,F403
from ._core import __all__ as _core_all
from .week1 import *  # noqa: F401,F403
from .week1 import __all__ as _week1_all
from .week2 import *  # noqa: F401,F403
from .week2 import __all__ as _week2_all
from .week3 import *  # noqa: F401,F403
from .week3 import __all__ as _week3_all
from .week4 import *  # noqa: F401,F403
from .week4 import __all__ as _week4_all

__all__ = [*_core_all, *_week1_all, *_week2_all, *_week3_all, *_week4_all]
