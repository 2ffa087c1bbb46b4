"""When a progress bar may be shown: ``TQDM_DISABLE`` is honoured everywhere.

tqdm reads ``TQDM_DISABLE`` itself, but only as a default: its Jupyter bar
(``tqdm.notebook``, which ``tqdm.auto`` picks in a kernel where ipywidgets is
installed) passes ``disable=False`` explicitly, and that overrides the
environment. So a bar created there appears even under ``TQDM_DISABLE=1``,
and would land in a notebook's stored outputs. The package therefore decides
for itself, before a bar is made.
"""

from __future__ import annotations

import os

__all__ = ["progress_disabled"]


def progress_disabled() -> bool:
    """Whether ``TQDM_DISABLE`` turns progress bars off, read at call time.

    Any non-empty value counts, as it does for tqdm itself (which converts the
    string with ``bool``, so even ``TQDM_DISABLE=0`` disables its bars).

    Examples
    --------
    >>> import os
    >>> progress_disabled() == bool(os.environ.get("TQDM_DISABLE"))
    True
    """
    return bool(os.environ.get("TQDM_DISABLE"))
