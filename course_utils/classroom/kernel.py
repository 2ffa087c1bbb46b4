"""The grader's code that runs inside the learner's kernel (imported there from course_utils), not in the grader."""

from __future__ import annotations

import contextlib
import io
import json
from typing import Callable

_SNAPSHOTS: dict[str, Callable] = {}


def _written_in_notebook(obj) -> bool:
    # Functions defined in a notebook cell belong to __main__; course_utils' own do not.
    return callable(obj) and getattr(obj, "__module__", None) == "__main__"


def _kernel_snapshot(namespace: dict, exercise: str) -> None:
    """Keep the function the exercise's cell has just defined, in case a later cell rebinds the name."""
    obj = namespace.get(exercise)
    if _written_in_notebook(obj):
        _SNAPSHOTS[exercise] = obj


def _kernel_grade(namespace: dict, exercise: str, token: str, week: int | None = None) -> None:
    """Check the learner's function for ``exercise`` and print one line: token + JSON."""
    from .. import checks

    fn = _SNAPSHOTS.get(exercise)
    status, message = None, ""
    if fn is None:
        obj = namespace.get(exercise)
        if obj is None:
            status = "missing"
            message = f"no function called {exercise} is defined: was its cell deleted, or did it not run?"
        elif not _written_in_notebook(obj):
            status = "missing"
            where = f"{getattr(obj, '__module__', None)}.{getattr(obj, '__qualname__', type(obj).__name__)}"
            message = f"{exercise} is {where}, not a function written in the notebook"
        else:
            fn = obj
    if fn is not None:
        # The learner's prints (and the check's "all checks passed") are not results.
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                checks.check(exercise, fn, week=week)
            except checks.NotImplementedYet as error:
                status, message = "not implemented", str(error)
            except checks.CheckFailed as error:
                status, message = "failed", str(error)
            except NotImplementedError:
                status, message = "not implemented", f"{exercise}: not implemented yet"
            except KeyboardInterrupt:
                status, message = "timed out", f"the check of {exercise} ran too long and was interrupted"
            except BaseException as error:  # anything the learner's code raises is a grade, not a crash
                status, message = "error", f"{type(error).__name__}: {error}"
            else:
                status = "passed"
    if len(message) > 2000:
        message = message[:1997] + "..."
    # The kernel speaks plain JSON: the grader turns the text back into a Status.
    print(token + json.dumps({"exercise": exercise, "status": status, "message": message}), flush=True)
