"""``needs``: the first line of a notebook cell that uses the learner's functions.

In the workbook, a cell that trains with ``propagate`` cannot run before
``propagate`` is written. Without a guard it ends in a long traceback, and the
cells after it in ``NameError``s about names it never defined. Each such cell
starts with ``checks.needs(propagate)``, which runs the exercise's check
quietly and, when the function is not written yet or does not pass, stops the
cell with one line (``skipped: needs propagate, which is not implemented
yet``). When everything passes it prints nothing and the cell runs as usual.

The checks look at shapes too, so a guard also stops a long run that would
start from a wrong shape: an ``initialize_with_zeros`` that returns a rank-1
``w`` makes week 2's training cell stop at once, in one line, instead of
broadcasting its way to a (n_x, n_x) matrix and running for many minutes.

A cell that trains for many iterations with the learner's functions can show
a progress bar with :func:`progress_bar`, which counts the calls of one of
them (``propagate`` for week 2's ``optimize``, one call per iteration).
"""

from __future__ import annotations

import contextlib
import dis
import functools
import io
import types

from ._progress import progress_disabled

# checks.py offers needs and Skipped from its last line, so this module reads checks only
# when needs() runs: importing either module first then works.

__all__ = ["needs", "Skipped", "progress_bar"]


class Skipped(AssertionError):
    """This cell needs an exercise that is not implemented yet, or does not pass its check.

    IPython asks an exception for ``_render_traceback_()`` before building a
    traceback, so Jupyter shows only the message, one line that starts with
    ``skipped:``. The cell still ends in an error, as a failed check does.
    """

    def _render_traceback_(self):
        return [str(self)]


def _checks():
    from . import checks

    return checks


def _one_line(text) -> str:
    return " ".join(str(text).split())


def _globals_read(fn) -> list[str]:
    """The global names that ``fn``'s code reads, nested code included, in order of first use."""
    names: list[str] = []
    codes = [fn.__code__]
    while codes:
        code = codes.pop(0)
        for instruction in dis.get_instructions(code):
            if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME") and isinstance(instruction.argval, str):
                names.append(instruction.argval)
        codes.extend(const for const in code.co_consts if isinstance(const, types.CodeType))
    return list(dict.fromkeys(names))


def _exercises_called(fn) -> list:
    """The exercise functions of ``fn``'s week, written beside it, that ``fn`` calls by their global name.

    ``optimize`` calls ``propagate``, which calls ``sigmoid``; week 4's
    ``L_model_forward`` calls ``linear_activation_forward``. Only functions
    defined in the same module as ``fn`` count (in a notebook, the
    notebook's own), never the package's.
    """
    if not isinstance(fn, types.FunctionType):
        return []
    from .classroom import ASSIGNMENTS

    # Exercises of fn's own week only: week 4's learner may well write a helper called
    # sigmoid that returns (A, cache), as the original course's does, which is not week 2's.
    same_week = {name for exercises in ASSIGNMENTS.values() if fn.__name__ in exercises for name in exercises}
    called = []
    for name in _globals_read(fn):
        other = fn.__globals__.get(name)
        if (name in same_week and name != fn.__name__ and isinstance(other, types.FunctionType)
                and other.__name__ == name and other.__module__ == fn.__module__):
            called.append(other)
    return called


def _in_check_order(functions) -> list:
    """``functions`` with, before each, the exercises it calls (recursively), each once."""
    ordered, seen = [], set()

    def visit(fn, path=()):
        if id(fn) in seen or id(fn) in path:
            return
        for other in _exercises_called(fn):
            visit(other, path + (id(fn),))
        seen.add(id(fn))
        ordered.append(fn)

    for fn in functions:
        visit(fn)
    return ordered


def needs(*functions, week: int | None = None) -> None:
    """Stop the cell in one line unless every function passes its exercise's check.

    Each function is checked with its exercise's check (``checks.CHECKS``), its
    output swallowed. Before a function, the exercise functions it calls by
    name are checked, so that the message names the one to fix first:
    ``needs(optimize)`` with a ``propagate`` that is still a stub says
    ``skipped: needs propagate, which is not implemented yet``.

    Parameters
    ----------
    *functions : callables
        The learner's functions the cell uses, each named as its exercise
        (``propagate``, ``L_model_forward``, ...).
    week : int, optional
        The week whose exercises they are; needed only where two weeks use one
        name (week 3's ``predict(parameters, X)`` is not week 2's).

    Returns
    -------
    None
        It prints nothing.

    Raises
    ------
    Skipped
        Naming the first function that is not implemented yet or fails its
        check, with the check's own message, on one line.
    TypeError
        If an argument is not a function named as an exercise; nothing is
        checked then.

    Examples
    --------
    >>> def sigmoid(z):
    ...     raise NotImplementedError()
    >>> needs(sigmoid)
    Traceback (most recent call last):
    ...
    course_utils.needs.Skipped: skipped: needs sigmoid, which is not implemented yet
    """
    __tracebackhide__ = True
    checks = _checks()
    for fn in functions:
        name = getattr(fn, "__name__", None)
        table = checks.CHECKS if week is None else checks.REGISTRY.get(week, {})
        if not callable(fn) or name not in table:
            raise TypeError(
                f"needs() takes the exercise functions a cell uses, such as needs(propagate); "
                f"got {fn!r}. The exercises are: {', '.join(table)}."
            )
    for fn in _in_check_order(functions):
        name = fn.__name__
        try:
            # A check prints "all checks passed", and the learner's code may print: stay quiet.
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                checks.lookup(name, week if name in checks.REGISTRY.get(week, {}) else None)(fn)
        except checks.NotImplementedYet as error:
            detail = _one_line(error).split(": ", 1)[-1]
            if detail == "not implemented yet":
                raise Skipped(f"skipped: needs {name}, which is not implemented yet") from None
            raise Skipped(f"skipped: needs {name}, but {detail}") from None
        except checks.CheckFailed as error:
            raise Skipped(f"skipped: needs {name}, which does not pass its check yet: {_one_line(error)}") from None
        except NotImplementedError:  # raised somewhere the check's own handling does not see
            raise Skipped(f"skipped: needs {name}, which is not implemented yet") from None
        except Exception as error:  # the learner's code raised: the check cell shows where
            raise Skipped(
                f"skipped: needs {name}, which raises {type(error).__name__}: {_one_line(error).rstrip('.')}; "
                f"run its check cell to see where"
            ) from None


@contextlib.contextmanager
def progress_bar(fn, total: int, desc: str | None = None, **tqdm_options):
    """Show a progress bar that advances by one at every call of the learner's ``fn``.

    The loop of a long training run is the learner's own (week 2's
    ``optimize``), so the bar cannot sit in it. Instead, inside the ``with``
    block, the global name of ``fn`` in the namespace it was defined in (the
    notebook's) refers to a wrapper that calls ``fn`` and then advances the
    bar. The wrapper returns what ``fn`` returns and raises what it raises,
    so results do not change. On leaving the block, normally or by an
    exception (``KeyboardInterrupt`` included), the name refers to ``fn``
    again and the bar is closed.

    With ``TQDM_DISABLE`` set (as the tests set it), the bar is not drawn;
    the calls still go through the wrapper.

    Parameters
    ----------
    fn : function
        A function that the code in the block calls by its global name, once
        per iteration, such as ``propagate``.
    total : int
        The number of calls expected.
    desc : str, optional
        The bar's label.
    **tqdm_options
        Passed on to ``tqdm.auto.tqdm`` (``file=...``, for instance).

    Yields
    ------
    bar : tqdm.tqdm
        The bar; ``bar.n`` is the number of calls so far, when it is drawn.

    Raises
    ------
    TypeError
        If ``fn`` is not a plain function.
    ValueError
        If ``fn``'s global name in its namespace no longer refers to ``fn``,
        so that code calling that name would not be counted.
    """
    if not isinstance(fn, types.FunctionType):
        raise TypeError(f"progress_bar() counts the calls of a function defined with def; got {fn!r}")
    namespace, name = fn.__globals__, fn.__name__
    if namespace.get(name) is not fn:
        raise ValueError(f"{name} in its module is no longer this function, so its calls cannot be counted")
    from tqdm.auto import tqdm

    options = {"leave": False, "unit": "call", **tqdm_options}
    # tqdm's Jupyter bar ignores TQDM_DISABLE (see _progress.py), so it is passed explicitly.
    bar = tqdm(total=total, desc=desc or name, disable=progress_disabled(), **options)

    @functools.wraps(fn)
    def counted(*args, **kwargs):
        result = fn(*args, **kwargs)
        bar.update(1)
        return result

    namespace[name] = counted
    try:
        yield bar
    finally:
        if namespace.get(name) is counted:  # a redefinition made inside the block stays
            namespace[name] = fn
        bar.close()
