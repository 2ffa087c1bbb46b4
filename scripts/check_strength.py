"""Measure how strong each exercise check is, by mutation testing.

For every exercise of ``course_utils.checks.REGISTRY`` (week by week, in the
notebook's order) this script

1. takes the reference solution from that week's solved notebook
   (``notebooks/week<N>_*.ipynb``, the cell whose nbgrader ``grade_id`` is the
   exercise's name), so an exercise that two weeks share (``compute_cost``,
   ``predict``, ``update_parameters``) is measured once per week, each against
   ``checks.lookup(name, week)``;
2. builds it in a namespace like the notebook's: the import statements of the
   notebook's first cell, then the function definitions of the code cells that
   come before it (exercises call each other), then the other functions of its
   own cell;
3. makes mutants of the exercise's own function body with ``ast``, one change
   each (operator swaps, comparison swaps, constant changes, ``axis`` and
   ``keepdims`` changes, ``.T`` removed, ``np.dot(a, b)`` -> ``a * b``,
   numpy function swaps, unary minus removed or added, one statement deleted,
   two call arguments swapped, only the first element of a tuple returned, a
   call replaced by its argument, ...); the list is the same on every run, and
   each mutant has a stable identifier, ``"<mutation> | <line of the
   solution>"``, that does not depend on its position in the list;
4. runs each mutant through the check, stdout and stderr suppressed, with a
   per-mutant timeout. A mutant is *caught* if the check raises anything (or
   the mutant hangs, counted separately), *survived* if the check passes;
5. for each survivor, compares it with the reference on the inputs the check
   used, randomly redrawn (same shapes and kinds: labels stay 0/1,
   probabilities stay in (0, 1); a True/False switch such as ``print_cost``
   takes either value), with a relative tolerance of 1e-9, so a survivor that
   differs from the reference only by rounding agrees; what it prints must
   agree too, numbers aside. One that agrees on all of them is labelled
   "likely equivalent"; one that differs is labelled "GAP". The seed of the
   redraws comes from the mutant's identifier.

Survivors that the project accepts are listed, each with a reason, in
``tests/check_strength_equivalents.py``; the report counts them apart, and
``tests/test_check_strength.py`` requires every check to catch at least 97 % of
the mutants that are not listed there. Run it with::

    .venv/bin/python scripts/check_strength.py [--week N ...] [--only NAME ...] [--jobs N] [--timeout S]
                                              [--verbose] [--json FILE]
"""

from __future__ import annotations

import os

# One BLAS thread per worker: the workers already use the cores. Only when this script is the
# program: imported (by tests/test_check_strength.py), it must not change the environment that
# the rest of the test run (and the notebook kernels it starts) inherits.
if __name__ == "__main__":
    for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_var, "1")

import argparse
import ast
import contextlib
import copy
import importlib.util
import io
import json
import linecache
import multiprocessing
import re
import signal
import sys
import time
import warnings
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from course_utils import checks  # noqa: E402

NOTEBOOK_DIR = ROOT / "notebooks"
EQUIVALENTS_FILE = ROOT / "tests" / "check_strength_equivalents.py"
N_RANDOM = 25  # random redraws of the check's inputs used to label survivors
BAR = 0.97  # what tests/test_check_strength.py requires: caught / (mutants - listed) >= BAR
DEFAULT_TIMEOUT = 10  # seconds per mutant


# ================================================================ notebooks


def notebook_of(week):
    """The solved notebook of ``week`` (``notebooks/week<N>_*.ipynb``), or None."""
    found = sorted(NOTEBOOK_DIR.glob(f"week{week}_*.ipynb"))
    return found[0] if found else None


def _cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = cell["source"]
            yield ("".join(src) if isinstance(src, list) else src), cell.get("metadata", {})


def _top_defs(src):
    try:
        tree = ast.parse(src)
    except SyntaxError:  # IPython magics and the like: such a cell defines nothing we can use
        return []
    return [n for n in tree.body if isinstance(n, ast.FunctionDef)]


def load_week(week):
    """Exercise name -> exercise, from the solved notebook of ``week``, in notebook order.

    An exercise is a dict: week, name, label, source (its solution cell), the
    imports of the notebook's first cell, and ``before``: the source of the
    function definitions of the code cells before it, then of the other
    functions of its own cell. The first solution cell of a name wins.
    """
    path = notebook_of(week)
    found = {}
    if path is None:
        return found
    imports = []
    before = []  # top-level function defs of earlier code cells, as source
    for index, (src, meta) in enumerate(_cells(path)):
        if index == 0:
            try:
                first = ast.parse(src).body
            except SyntaxError:
                first = []
            imports = [ast.unparse(n) for n in first if isinstance(n, (ast.Import, ast.ImportFrom))]
        defs = _top_defs(src)
        nbg = meta.get("nbgrader", {})
        name = nbg.get("grade_id")
        if nbg.get("solution") and name not in found and any(n.name == name for n in defs):
            own_cell = [ast.get_source_segment(src, n) for n in defs if n.name != name]
            found[name] = {"week": week, "name": name, "label": f"{name} (week {week})", "source": src,
                           "before": before + own_cell, "imports": list(imports),
                           "notebook": path.name}
        before = before + [ast.get_source_segment(src, n) for n in defs]
    return found


def load_exercises(weeks=None, names=None):
    """The exercises of ``checks.REGISTRY`` (of ``weeks``, named in ``names``), in registry order.

    Returns (exercises, missing): ``missing`` lists the (week, name) of the
    registry that have no solution cell in their week's notebook.
    """
    exercises, missing = [], []
    for week, table in checks.REGISTRY.items():
        if weeks and week not in weeks:
            continue
        solved = load_week(week)
        for name in table:
            if names and name not in names:
                continue
            if name in solved:
                exercises.append(solved[name])
            else:
                missing.append((week, name))
    return exercises, missing


def base_namespace(ex):
    ns = {"__name__": "__notebook__"}
    for line in ex["imports"]:
        try:
            exec(line, ns)
        except Exception:  # an import this environment lacks; the solution may not need it
            pass
    for src in ex["before"]:
        try:
            exec(compile(src, f"<week {ex['week']} earlier cell>", "exec"), ns)
        except Exception:  # a definition that needs the notebook's state (a decorator, ...)
            pass
    return ns


def solution_start_line(src):
    """Line number (in the cell) of the first line after ``### BEGIN SOLUTION``."""
    for i, line in enumerate(src.splitlines(), 1):
        if "BEGIN SOLUTION" in line:
            return i + 1
    return 1


# ================================================================ mutation operators

BIN_SWAPS = {
    ast.Add: [(ast.Sub, "+ -> -")], ast.Sub: [(ast.Add, "- -> +")],
    ast.Mult: [(ast.Div, "* -> /")], ast.Div: [(ast.Mult, "/ -> *"), (ast.FloorDiv, "/ -> //")],
    ast.Pow: [(ast.Mult, "** -> *")], ast.FloorDiv: [(ast.Div, "// -> /"), (ast.Mult, "// -> *")],
    ast.Mod: [(ast.FloorDiv, "% -> //")], ast.MatMult: [(ast.Mult, "@ -> *")],
}
CMP_SWAPS = {
    ast.Gt: [(ast.GtE, "> -> >="), (ast.Lt, "> -> <")], ast.GtE: [(ast.Gt, ">= -> >"), (ast.LtE, ">= -> <=")],
    ast.Lt: [(ast.LtE, "< -> <="), (ast.Gt, "< -> >")], ast.LtE: [(ast.Lt, "<= -> <"), (ast.GtE, "<= -> >=")],
    ast.Eq: [(ast.NotEq, "== -> !=")], ast.NotEq: [(ast.Eq, "!= -> ==")],
}
# np.<name> -> np.<other>, and cu.<name> -> cu.<other>
FUNC_SWAPS = {
    "sum": ["mean"], "mean": ["sum"], "exp": ["log"], "log": ["exp"], "tanh": ["sigmoid"],
    "zeros": ["ones"], "ones": ["zeros"], "dot": ["multiply"], "divide": ["multiply"],
    "maximum": ["minimum"], "sigmoid": ["tanh", "relu"], "relu": ["sigmoid"],
    "sigmoid_backward": ["relu_backward"], "relu_backward": ["sigmoid_backward"],
    "sqrt": ["square"], "abs": ["square"], "power": ["multiply"],
}
STR_SWAPS = {"relu": "sigmoid", "sigmoid": "relu", "W": "b", "b": "W", "dW": "db", "db": "dW",
             "dw": "db", "dA": "dW", "W1": "W2", "W2": "W1", "b1": "b2", "b2": "b1",
             "Z1": "Z2", "Z2": "Z1", "A1": "A2", "A2": "A1", "w": "b"}
# f(x) -> x for these one-argument calls
UNWRAP_CALLS = {"float", "int", "reversed", "np.abs", "np.squeeze", "np.sqrt", "np.tanh", "np.exp", "np.log",
                "cu.sigmoid", "cu.relu", "sigmoid", "np.array", "list"}
UNWRAP_METHODS = {"astype", "reshape", "copy"}


_SOURCE = None  # the solution cell being mutated, while make_mutants runs


def _short(node, limit=40):
    """The node as written in the solution (its source text, whitespace squeezed), cut to ``limit``.

    The source text, not ``ast.unparse``: unparse's spelling (parentheses, quotes) changes
    between Python versions, and these texts are part of the mutants' identifiers.
    """
    text = ast.get_source_segment(_SOURCE, node) if _SOURCE is not None else None
    text = " ".join((text if text is not None else ast.unparse(node)).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _call_name(node):
    try:
        return ast.unparse(node.func)
    except Exception:  # pragma: no cover
        return ""


def _num_changes(value):
    out = []
    if isinstance(value, bool):
        return [(not value, f"{value} -> {not value}")]
    if isinstance(value, int):
        cands = [value + 1, value - 1, 0]
        if value == 1:
            cands = [2, 0, -1]
    else:
        cands = [value + 1, value * 2, value / 2, 0.0]
    seen = set()
    for c in cands:
        if c != value and c not in seen:
            seen.add(c)
            out.append((c, f"{value!r} -> {c!r}"))
    return out


def mutations_for(node, parent, field):
    """The mutations that apply at ``node``: a list of (description, new node or None for delete)."""
    out = []
    N = copy.deepcopy
    if isinstance(node, ast.BinOp):
        for op, desc in BIN_SWAPS.get(type(node.op), []):
            new = N(node)
            new.op = op()
            out.append((f"{desc} in {_short(node)}", new))
    elif isinstance(node, ast.AugAssign):
        for op, desc in BIN_SWAPS.get(type(node.op), []):
            new = N(node)
            new.op = op()
            out.append((f"{desc} in {_short(node)}", new))
    elif isinstance(node, ast.Compare) and len(node.ops) == 1:
        for op, desc in CMP_SWAPS.get(type(node.ops[0]), []):
            new = N(node)
            new.ops = [op()]
            out.append((f"{desc} in {_short(node)}", new))
    elif isinstance(node, ast.Constant):
        in_keyword = isinstance(parent, ast.keyword)
        if in_keyword and parent.arg == "axis" and isinstance(node.value, int):
            other = 0 if node.value else 1
            out.append((f"axis={node.value} -> axis={other}", ast.Constant(other)))
        elif in_keyword and parent.arg == "keepdims":
            pass  # handled at the keyword
        elif isinstance(node.value, (int, float)):
            for value, desc in _num_changes(node.value):
                new = ast.Constant(value)
                where = _short(parent, 60) if isinstance(parent, (ast.Subscript, ast.BinOp, ast.Compare)) else (
                    f"argument {_short(node)} of {_short(parent, 50)}" if isinstance(parent, ast.Call)
                    else _short(parent, 60))
                out.append((f"{desc} in {where} (col {node.col_offset})", new))
        elif isinstance(node.value, str) and node.value in STR_SWAPS:
            out.append((f"{node.value!r} -> {STR_SWAPS[node.value]!r}", ast.Constant(STR_SWAPS[node.value])))
    elif isinstance(node, ast.keyword) and node.arg is not None:
        if node.arg == "keepdims" and isinstance(node.value, ast.Constant):
            out.append(("keepdims=True -> keepdims=False", ast.keyword("keepdims", ast.Constant(not node.value.value))))
        out.append((f"{node.arg}=... removed", None))
    elif isinstance(node, ast.Attribute) and node.attr == "T" and isinstance(node.ctx, ast.Load):
        out.append((f".T removed in {_short(node)}", N(node.value)))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        out.append((f"unary minus removed in {_short(node)}", N(node.operand)))
    elif isinstance(node, ast.Call):
        name = _call_name(node)
        args = node.args
        if name in ("np.dot", "np.matmul") and len(args) == 2:
            out.append((f"{name}(a, b) -> a * b in {_short(node)}",
                        ast.BinOp(N(args[0]), ast.Mult(), N(args[1]))))
        if name == "np.maximum" and len(args) == 2:
            out.append((f"np.maximum(0, x) -> x in {_short(node)}", N(args[1])))
        if "." in name:
            mod, attr = name.rsplit(".", 1)
            if mod in ("np", "cu"):
                for other in FUNC_SWAPS.get(attr, []):
                    if other in ("sigmoid", "relu", "sigmoid_backward", "relu_backward"):
                        mod2 = "cu"
                    elif other == "tanh":
                        mod2 = "np"
                    else:
                        mod2 = mod
                    new = N(node)
                    new.func = ast.Attribute(ast.Name(mod2, ast.Load()), other, ast.Load())
                    out.append((f"{name} -> {mod2}.{other} in {_short(node)}", new))
        if name in UNWRAP_CALLS and len(args) == 1 and not node.keywords:
            out.append((f"{name}(x) -> x in {_short(node)}", N(args[0])))
        if isinstance(node.func, ast.Attribute) and node.func.attr in UNWRAP_METHODS:
            out.append((f".{node.func.attr}(...) removed in {_short(node)}", N(node.func.value)))
        if name == "range" and args:
            for delta, op in ((1, ast.Add()), (-1, ast.Sub())):
                new = N(node)
                new.args[-1] = ast.BinOp(N(args[-1]), op, ast.Constant(1))
                out.append((f"range(..., n) -> range(..., n {'+' if delta > 0 else '-'} 1) in {_short(node)}", new))
        positional = [a for a in args if not isinstance(a, ast.Starred)]
        if len(args) == 2 and len(positional) == 2 and ast.dump(args[0]) != ast.dump(args[1]):
            new = N(node)
            new.args = [N(args[1]), N(args[0])]
            out.append((f"arguments swapped in {_short(node)}", new))
    elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and node.value.elts:
        out.append((f"return only the first element: return {_short(node.value.elts[0])}",
                    ast.Return(N(node.value.elts[0]))))
    if isinstance(node, ast.Assign) and isinstance(node.value, (ast.BinOp, ast.Call)) and not (
            isinstance(node.value, ast.Call) and _call_name(node.value).startswith(("np.random", "rng", "linear_", "cu.", "range"))):
        new = N(node)
        new.value = ast.UnaryOp(ast.USub(), N(node.value))
        out.append((f"unary minus added: {_short(node.targets[0], 20)} = -({_short(node.value, 30)})", new))
    if isinstance(node, ast.stmt) and not isinstance(node, ast.Return) and isinstance(parent, ast.AST) and field in (
            "body", "orelse"):
        out.append((f"statement deleted: {_short(node, 50)}", None))
    return out


def _walk(tree):
    """(node, parent, field name) for every node below ``tree``, in a fixed order."""
    stack = [(tree, None, None)]
    while stack:
        node, parent, field = stack.pop(0)
        yield node, parent, field
        for name, value in ast.iter_fields(node):
            if isinstance(value, list):
                stack.extend((v, node, name) for v in value if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append((value, node, name))


def _replace(parent, field, old, new):
    value = getattr(parent, field)
    if isinstance(value, list):
        i = next(k for k, v in enumerate(value) if v is old)
        if new is None:
            del value[i]
            if not value and field == "body":
                value.append(ast.Pass())
        else:
            value[i] = new
    else:
        if new is None:  # a keyword removed is always in a list; nothing else is deleted
            raise ValueError("cannot delete")
        setattr(parent, field, new)


def make_mutants(ex):
    """The exercise's mutants: a list of dicts (id, line, text, desc, code of the mutated function).

    ``id`` is ``"<desc> | <text>"`` (the mutation and the stripped line of the
    solution it changes), with ``" #2"``, ``" #3"``, ... added when one line gets
    the same mutation at two places: it stays the same when other lines change.
    """
    global _SOURCE
    _SOURCE = ex["source"]
    try:
        return _make_mutants(ex)
    finally:
        _SOURCE = None


def _make_mutants(ex):
    src = ex["source"]
    tree = ast.parse(src)
    fdef = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == ex["name"])
    body = fdef.body
    skip = 1 if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) else 0
    start = solution_start_line(src)
    # Enumerate (statement index, node position) sites on the original; apply on a fresh copy each time.
    sites = []
    for si in range(skip, len(body)):
        for pos, (node, parent, field) in enumerate(_walk(ast.Module(body=[body[si]], type_ignores=[]))):
            if parent is None:
                continue
            for k, (desc, _new) in enumerate(mutations_for(node, parent, field)):
                sites.append((si, pos, k, getattr(node, "lineno", None) or getattr(parent, "lineno", 0), desc))
    mutants, seen, ids = [], set(), {}
    original = ast.unparse(fdef)
    for si, pos, k, lineno, desc in sites:
        tree2 = ast.parse(src)
        fdef2 = next(n for n in tree2.body if isinstance(n, ast.FunctionDef) and n.name == ex["name"])
        wrapper = ast.Module(body=[fdef2.body[si]], type_ignores=[])
        walker = list(_walk(wrapper))
        node, parent, field = walker[pos]
        if parent is wrapper:  # a statement of the function body itself
            parent = fdef2
        muts = mutations_for(node, parent, field)
        _, new = muts[k]
        _replace(parent, field, node, new)
        ast.fix_missing_locations(fdef2)
        try:
            code = ast.unparse(fdef2)
            compile(code, "<mutant>", "exec")
        except Exception:
            continue  # does not compile
        if code == original or code in seen:
            continue
        seen.add(code)
        text = src.splitlines()[lineno - 1].strip()
        ident = f"{desc} | {text}"
        ids[ident] = ids.get(ident, 0) + 1
        if ids[ident] > 1:
            ident = f"{ident} #{ids[ident]}"
        mutants.append({"id": ident, "line": lineno - start + 1, "text": text, "desc": desc, "code": code})
    return mutants


# ================================================================ running


class _Timeout(BaseException):
    pass


def _on_alarm(signum, frame):
    raise _Timeout()


@contextlib.contextmanager
def _deadline(seconds):
    """Raise _Timeout in the main thread after ``seconds`` (no limit where SIGALRM is missing)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def build_function(ex, code, tag):
    ns = base_namespace(ex)
    filename = f"<mutant {ex['label']} {tag}>"
    linecache.cache[filename] = (len(code), None, [line + "\n" for line in code.splitlines()], filename)
    exec(compile(code, filename, "exec"), ns)
    return ns[ex["name"]]


@contextlib.contextmanager
def _quiet():
    """Silence stdout (yielding what was printed), stderr, warnings and numpy's floating-point errors."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()), \
            warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield out


def run_check(ex, fn, timeout):
    """('caught', exception type), ('hang', 'timeout') or ('survived', '').

    The check is looked up when it runs, ``checks.lookup(name, week)``, so a
    check patched into ``checks.REGISTRY`` is the one measured.
    """
    check = checks.lookup(ex["name"], ex["week"])
    try:
        with _deadline(timeout), _quiet():
            check(fn)
        return "survived", ""
    except _Timeout:
        return "hang", "timeout"
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001 - anything the check raises catches the mutant
        return "caught", type(error).__name__


# ---------------------------------------------------------------- labelling survivors


def record_inputs(ex, timeout):
    """The check's verdict on the reference, and the argument lists it passed it (deep copies)."""
    calls = []
    ref = build_function(ex, ast.unparse(_fdef(ex)), "reference")

    def recorder(*args, **kwargs):
        calls.append((copy.deepcopy(args), copy.deepcopy(kwargs)))
        return ref(*args, **kwargs)

    recorder.__name__ = ex["name"]
    status, detail = run_check(ex, recorder, timeout)
    return (status, detail), calls


def _fdef(ex):
    tree = ast.parse(ex["source"])
    return next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == ex["name"])


def _redraw(value, rng):
    if isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.size:
        if np.all(np.isin(value, (0.0, 1.0))):
            return rng.integers(0, 2, value.shape).astype(value.dtype)
        if np.all((value > 0) & (value < 1)):
            return rng.uniform(0.02, 0.98, value.shape)
        return rng.standard_normal(value.shape) * (np.abs(value).max() or 1.0)
    if isinstance(value, np.ndarray) and value.dtype.kind in "iu" and value.size and np.all(np.isin(value, (0, 1))):
        return rng.integers(0, 2, value.shape).astype(value.dtype)
    if isinstance(value, bool):  # a switch such as print_cost: both of its settings
        return bool(rng.integers(0, 2))
    if isinstance(value, float):
        return float(rng.uniform(0.5, 1.5) * value) if value else float(rng.standard_normal())
    if isinstance(value, dict):
        return {k: _redraw(v, rng) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and not all(isinstance(v, int) for v in value):
        return type(value)(_redraw(v, rng) for v in value)
    return copy.deepcopy(value)


def _same(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, (np.ndarray, np.generic, float, int)) and isinstance(b, (np.ndarray, np.generic, float, int)):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype.kind != b.dtype.kind:
            return False
        if a.dtype.kind in "fc":
            return bool(np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True))
        return bool(np.array_equal(a, b))
    try:
        return bool(a == b)
    except Exception:
        return False


def classify(ex, fn, ref, calls, seed):
    """'likely equivalent' if fn agrees with ref on the check's inputs redrawn N_RANDOM times, else 'GAP'.

    Agreement is ``np.allclose`` with rtol 1e-9: a mutant that differs only by
    rounding agrees, on any machine.
    """
    rng = np.random.default_rng(seed)
    for trial in range(N_RANDOM):
        args, kwargs = calls[trial % len(calls)]
        args2, kwargs2 = _redraw(args, rng), _redraw(kwargs, rng)
        try:
            with _quiet() as printed:
                want = ref(*copy.deepcopy(args2), **copy.deepcopy(kwargs2))
            want_printed = _words(printed.getvalue())
        except Exception:
            continue
        try:
            with _quiet() as printed:
                got = fn(*copy.deepcopy(args2), **copy.deepcopy(kwargs2))
        except Exception as error:
            return "GAP", f"raises {type(error).__name__} on a redrawn input"
        if not _same(want, got):
            return "GAP", "differs from the reference on a redrawn input"
        if _words(printed.getvalue()) != want_printed:
            return "GAP", "prints other lines than the reference on a redrawn input"
    return "likely equivalent", f"agrees with the reference on {N_RANDOM} redrawn inputs"


def _words(text):
    """What a function printed, with every number replaced by '#' (digits can differ by rounding)."""
    return re.sub(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", "#", text)


def _seed(ident):
    return zlib.crc32(ident.encode("utf-8"))


# ---------------------------------------------------------------- workers

_EXERCISES = []  # set in the parent before the pool forks
_TIMEOUT = DEFAULT_TIMEOUT
CHUNK = 4  # mutants per task sent to a worker


def _work(task):
    ei, mi = task
    ex = _EXERCISES[ei]
    mutant = ex["mutants"][mi]
    try:
        fn = build_function(ex, mutant["code"], f"#{mi}")
    except Exception as error:  # a mutant that fails while defined: caught at definition
        return ei, mi, "caught", type(error).__name__, None
    status, detail = run_check(ex, fn, _TIMEOUT)
    label = None
    if status == "survived":
        ref = build_function(ex, ast.unparse(_fdef(ex)), "reference")
        try:
            with _deadline(_TIMEOUT):
                label = classify(ex, fn, ref, ex["calls"], seed=_seed(mutant["id"])) if ex["calls"] else (
                    "unlabelled", "no inputs")
        except _Timeout:
            label = ("unlabelled", "labelling timed out")
    return ei, mi, status, detail, label


def _work_chunk(tasks):
    return [_work(task) for task in tasks]


def _can_fork():
    return "fork" in multiprocessing.get_all_start_methods()


def measure(exercises, jobs=2, timeout=DEFAULT_TIMEOUT):
    """Mutate each exercise and run every mutant through its check.

    Fills in, on each exercise dict: ``reference`` (the check's verdict on the
    reference solution: ('survived', '') when it passes), ``calls`` and
    ``mutants``, each mutant with ``status`` ('caught', 'hang', 'survived'),
    ``detail`` (what caught it) and ``label`` (for a survivor: the redraw
    classification, a pair). With ``jobs`` > 1 and ``fork`` available the
    mutants run in a pool of forked workers; otherwise here, one by one.
    Returns ``exercises``.
    """
    global _EXERCISES, _TIMEOUT
    for ex in exercises:
        ex["reference"], ex["calls"] = record_inputs(ex, timeout)
        ex["mutants"] = make_mutants(ex) if ex["reference"][0] == "survived" else []
    _EXERCISES, _TIMEOUT = exercises, timeout
    tasks = [(ei, mi) for ei, ex in enumerate(exercises) for mi in range(len(ex["mutants"]))]
    try:
        if jobs > 1 and _can_fork() and len(tasks) > 1:
            with warnings.catch_warnings():
                # Python 3.12+ warns about fork() in a process with threads (pytest's, say):
                # the workers only run numpy and the checks, which hold no lock across a fork.
                warnings.simplefilter("ignore", DeprecationWarning)
                with multiprocessing.get_context("fork").Pool(jobs) as pool:
                    chunks = [tasks[i:i + CHUNK] for i in range(0, len(tasks), CHUNK)]
                    results = pool.imap_unordered(_work_chunk, chunks)
                    # A guard against a worker that never answers (a lock some thread of the
                    # parent held across the fork): each chunk gets its mutants' timeouts, twice
                    # (a survivor is labelled too), and a minute.
                    outcomes = [o for _ in chunks for o in results.next(timeout=2 * CHUNK * timeout + 60)]
        else:
            outcomes = [_work(task) for task in tasks]
    finally:
        _EXERCISES = []
    for ei, mi, status, detail, label in outcomes:
        exercises[ei]["mutants"][mi].update(status=status, detail=detail, label=label)
    return exercises


# ---------------------------------------------------------------- the table of accepted survivors


def load_equivalents(path=EQUIVALENTS_FILE):
    """The entries of ``EQUIVALENTS`` in ``path`` (tests/check_strength_equivalents.py), or []."""
    path = Path(path)
    if not path.exists():
        return []
    spec = importlib.util.spec_from_file_location("_check_strength_equivalents", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.EQUIVALENTS)


def evaluate(ex, equivalents):
    """Score one measured exercise against the table of accepted survivors.

    Returns a dict: ``mutants``, ``caught`` (hangs included), ``hung``,
    ``listed`` (survivors accepted by an entry of the table), ``rate``
    (caught / (mutants - listed); None if nothing is left), ``unlisted`` (the
    surviving mutants that no entry accepts), and the table's problems for this
    exercise: ``stale`` (entries whose mutant is no longer produced),
    ``now_caught`` (entries whose mutant the check now catches) and
    ``misjudged`` (entries of kind "equivalent" whose mutant the redraws show
    to differ from the reference).
    """
    mine = [e for e in equivalents if (e.week, e.exercise) == (ex["week"], ex["name"])]
    by_id = {m["id"]: m for m in ex["mutants"]}
    listed_ids = {e.mutant for e in mine}
    caught = sum(m["status"] in ("caught", "hang") for m in ex["mutants"])
    survivors = [m for m in ex["mutants"] if m["status"] == "survived"]
    listed = [m for m in survivors if m["id"] in listed_ids]
    unlisted = [m for m in survivors if m["id"] not in listed_ids]
    stale = [e for e in mine if e.mutant not in by_id]
    now_caught = [(e, by_id[e.mutant]) for e in mine if e.mutant in by_id and by_id[e.mutant]["status"] != "survived"]
    misjudged = [(e, by_id[e.mutant]) for e in mine
                 if e.kind == "equivalent" and e.mutant in by_id and by_id[e.mutant]["status"] == "survived"
                 and (by_id[e.mutant]["label"] or ("",))[0] == "GAP"]
    n = len(ex["mutants"])
    left = n - len(listed)
    return {"mutants": n, "caught": caught, "hung": sum(m["status"] == "hang" for m in ex["mutants"]),
            "listed": len(listed), "rate": caught / left if left else None, "unlisted": unlisted,
            "stale": stale, "now_caught": now_caught, "misjudged": misjudged}


def describe_survivor(m):
    """One line for a surviving mutant: its line in the solution, the mutation, the redraw label."""
    label = f" [{m['label'][0]}: {m['label'][1]}]" if m.get("label") else ""
    return f"line {m['line']} of the solution: {m['id']}{label}"


# ---------------------------------------------------------------- the command line


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT,
                        help=f"seconds per mutant (default {DEFAULT_TIMEOUT})")
    parser.add_argument("--week", type=int, action="append", help="a week to measure (repeatable; default: all)")
    parser.add_argument("--only", nargs="*", help="exercise names to measure (default: all)")
    parser.add_argument("--verbose", action="store_true", help="also list every caught mutant")
    parser.add_argument("--json", metavar="FILE", help="also write the figures and every mutant's result to FILE")
    opts = parser.parse_args(argv)
    t0 = time.time()

    exercises, missing = load_exercises(opts.week, opts.only)
    known = {name for week, table in checks.REGISTRY.items() if not opts.week or week in opts.week for name in table}
    for name in opts.only or []:
        if name not in known:
            print(f"!! {name}: no such exercise in checks.REGISTRY" + (f" (weeks {opts.week})" if opts.week else ""))
    equivalents = load_equivalents()
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}")
    print("Line numbers count from the first line after ### BEGIN SOLUTION in the notebook cell.")
    for week, name in missing:
        print(f"!! {name} (week {week}): no solution cell in {notebook_of(week) or f'a week{week}_*.ipynb notebook'}")
    measure(exercises, opts.jobs, opts.timeout)
    n_tasks = sum(len(ex["mutants"]) for ex in exercises)

    rows = []
    for ex in exercises:
        print()
        print("=" * 78)
        if ex["reference"][0] != "survived":
            print(f"{ex['label']}: the reference solution does NOT pass its check "
                  f"({ex['reference'][0]}: {ex['reference'][1]}); skipped")
            rows.append((ex["label"], None))
            continue
        score = evaluate(ex, equivalents)
        n, c, h = score["mutants"], score["caught"], score["hung"]
        surv = [m for m in ex["mutants"] if m["status"] == "survived"]
        likely = sum((m["label"] or ("",))[0] == "likely equivalent" for m in surv)
        rate = f"{100 * score['rate']:.1f}%" if score["rate"] is not None else "n/a"
        print(f"{ex['label']}: {n} mutants, {c} caught ({h} by timeout), {len(surv)} survived "
              f"({score['listed']} listed as accepted, {likely} likely equivalent by redraw); "
              f"catch rate {rate} of the mutants not listed")
        kinds = {}
        for m in ex["mutants"]:
            if m["status"] != "survived":
                kinds[m["detail"]] = kinds.get(m["detail"], 0) + 1
        print("  caught by: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))))
        if opts.verbose:
            for m in ex["mutants"]:
                if m["status"] != "survived":
                    print(f"  {m['status']:<8}  line {m['line']}: {m['desc']}  -> {m['detail']}")
        listed_ids = {e.mutant for e in equivalents if (e.week, e.exercise) == (ex["week"], ex["name"])}
        for m in surv:
            tag = f"[{m['label'][0]}: {m['label'][1]}]" if m["label"] else ""
            mark = "listed  " if m["id"] in listed_ids else "survived"
            print(f"  {mark}  line {m['line']}: {m['desc']}    | {m['text']}")
            print(f"            {tag}")
        for e in score["stale"]:
            print(f"  !! listed but no longer produced: {e.mutant}")
        for e, m in score["now_caught"]:
            print(f"  !! listed but now caught ({m['status']}, {m['detail']}): {e.mutant}")
        for e, m in score["misjudged"]:
            print(f"  !! listed as equivalent but differs on a redrawn input: {e.mutant}")
        rows.append((ex["label"], score))

    print()
    print("=" * 78)
    print("Summary")
    head = f"{'exercise':<36}{'mutants':>8}{'caught':>8}{'hung':>6}{'surv.':>7}{'listed':>8}{'rate':>9}{'bar':>6}"
    print(head)
    print("-" * len(head))
    tot = [0, 0, 0, 0, 0]
    for label, s in rows:
        if s is None:
            print(f"{label:<36}{'reference fails its check':>44}{'NO':>6}")
            continue
        surv = s["mutants"] - s["caught"]
        ok = "ok" if s["rate"] is None or s["rate"] >= BAR else "NO"
        rate = f"{100 * s['rate']:8.1f}%" if s["rate"] is not None else "     n/a "
        print(f"{label:<36}{s['mutants']:>8}{s['caught']:>8}{s['hung']:>6}{surv:>7}{s['listed']:>8}{rate}{ok:>6}")
        for i, v in enumerate((s["mutants"], s["caught"], s["hung"], surv, s["listed"])):
            tot[i] += v
    n, c, h, s_, e = tot
    print("-" * len(head))
    if n - e:
        print(f"{'overall':<36}{n:>8}{c:>8}{h:>6}{s_:>7}{e:>8}{100.0 * c / (n - e):8.1f}%")
    print()
    print("caught includes hung (timed out). listed = survivors accepted in tests/check_strength_equivalents.py,")
    print(f"each with its reason. rate = caught / (mutants - listed); the bar is {100 * BAR:.0f} %.")
    print(f"'likely equivalent' = agrees with the reference on {N_RANDOM} random redraws of the check's inputs")
    print("(rtol 1e-9), which keep the shapes and settings the check uses: a person should still judge each.")
    print(f"numpy {np.__version__}; {n_tasks} mutants in {time.time() - t0:.0f} s with {opts.jobs} worker{'s' if opts.jobs != 1 else ''}")

    if opts.json:
        out = []
        for ex, (_, s) in zip(exercises, rows):
            out.append({"week": ex["week"], "exercise": ex["name"], "reference": list(ex["reference"]),
                        "score": None if s is None else {k: s[k] for k in ("mutants", "caught", "hung", "listed", "rate")},
                        "mutants": [{k: m.get(k) for k in ("id", "line", "status", "detail", "label")}
                                    for m in ex["mutants"]]})
        Path(opts.json).write_text(json.dumps({"missing": missing, "exercises": out}, indent=1))


if __name__ == "__main__":
    main()
