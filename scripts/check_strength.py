"""Measure how strong each exercise check is, by mutation testing.

For every exercise in ``course_utils.checks.CHECKS`` (in order) this script

1. takes the reference solution from the solved notebook (``compute_cost`` is
   taken twice, from week 3 and from week 4);
2. builds it in a namespace like the notebook's: the notebook's imports of
   ``numpy as np``, ``math`` and ``course_utils as cu``, then the solution
   functions of the cells that come before it (exercises call each other);
3. makes mutants of the exercise's own function body with ``ast``, one change
   each (operator swaps, comparison swaps, constant changes, ``axis`` and
   ``keepdims`` changes, ``.T`` removed, ``np.dot(a, b)`` -> ``a * b``,
   numpy function swaps, unary minus removed or added, one statement deleted,
   two call arguments swapped, only the first element of a tuple returned, a
   call replaced by its argument, ...); the list is the same on every run;
4. runs each mutant through the check, stdout and stderr suppressed, with a
   per-mutant timeout. A mutant is *caught* if the check raises anything (or
   the mutant hangs, counted separately), *survived* if the check passes;
5. for each survivor, compares it with the reference on the inputs the check
   used, randomly redrawn (same shapes and kinds: labels stay 0/1,
   probabilities stay in (0, 1)). A survivor that agrees with the reference on
   all of them is labelled "likely equivalent"; one that differs is labelled
   "GAP". This is a hint for the reader, not a verdict: every survivor is
   printed.

It asserts nothing; it prints the figures. Run it with::

    .venv/bin/python scripts/check_strength.py [--jobs N] [--timeout S] [--only NAME ...]
"""

from __future__ import annotations

import os

# One BLAS thread per worker: the workers already use the cores.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import ast
import contextlib
import copy
import io
import json
import linecache
import multiprocessing
import signal
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_utils import checks  # noqa: E402

NOTEBOOKS = [
    ("week 2", ROOT / "notebooks" / "week2_logistic_regression.ipynb"),
    ("week 3", ROOT / "notebooks" / "week3_shallow_network.ipynb"),
    ("week 4", ROOT / "notebooks" / "week4_deep_network.ipynb"),
]
IMPORT_MODULES = {"numpy", "math", "course_utils"}  # what the solutions use from the first cell
N_RANDOM = 25  # random redraws of the check's inputs used to label survivors


# ================================================================ notebooks


def _cells(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = cell["source"]
            yield ("".join(src) if isinstance(src, list) else src), cell.get("metadata", {})


def load_exercises():
    """name -> list of exercises found in the notebooks, in notebook order.

    An exercise is a dict: label, week, name, source (the solution cell), the
    source of the function defs of the solution cells before it, and the imports.
    """
    found = {}
    for week, path in NOTEBOOKS:
        imports = []
        before = []  # function defs of earlier solution cells, as source
        for index, (src, meta) in enumerate(_cells(path)):
            if index == 0:
                for node in ast.parse(src).body:
                    if isinstance(node, ast.Import) and any(a.name.split(".")[0] in IMPORT_MODULES for a in node.names):
                        imports.append(ast.unparse(node))
                    elif isinstance(node, ast.ImportFrom) and node.module == "course_utils" and all(
                            a.name == "checks" for a in node.names):
                        imports.append(ast.unparse(node))
            nbg = meta.get("nbgrader", {})
            if not nbg.get("solution"):
                continue
            name = nbg.get("grade_id")
            tree = ast.parse(src)
            defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
            own = [n for n in defs if n.name == name]
            if own:
                found.setdefault(name, []).append({
                    "week": week, "name": name, "source": src, "before": list(before),
                    "imports": list(imports),
                })
            before.extend(ast.get_source_segment(src, n) for n in defs)
    return found


def base_namespace(ex):
    ns = {"__name__": "__notebook__"}
    exec("\n".join(ex["imports"]), ns)
    for src in ex["before"]:
        exec(compile(src, f"<{ex['week']} earlier cell>", "exec"), ns)
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


def _short(node, limit=40):
    text = " ".join(ast.unparse(node).split())
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
    """The exercise's mutants: a list of dicts (line, desc, source of the mutated cell's function)."""
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
    mutants, seen = [], set()
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
        mutants.append({"line": lineno - start + 1, "text": src.splitlines()[lineno - 1].strip(), "desc": desc,
                        "code": code})
    return mutants


# ================================================================ running


class _Timeout(BaseException):
    pass


def _on_alarm(signum, frame):
    raise _Timeout()


def build_function(ex, code, tag):
    ns = base_namespace(ex)
    filename = f"<mutant {ex['label']} {tag}>"
    linecache.cache[filename] = (len(code), None, [line + "\n" for line in code.splitlines()], filename)
    exec(compile(code, filename, "exec"), ns)
    return ns[ex["name"]]


@contextlib.contextmanager
def _quiet():
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def run_check(ex, fn, timeout):
    """'caught' (with the exception type), 'hang' or 'survived'."""
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(timeout)
    try:
        with _quiet():
            checks.CHECKS[ex["name"]](fn)
        return "survived", ""
    except _Timeout:
        return "hang", "timeout"
    except BaseException as error:  # noqa: BLE001 - anything the check raises catches the mutant
        if isinstance(error, KeyboardInterrupt):
            raise
        return "caught", type(error).__name__
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# ---------------------------------------------------------------- labelling survivors


def record_inputs(ex, timeout):
    """The argument lists the check passes to the reference (deep copies)."""
    calls = []
    ref = build_function(ex, ast.unparse(_fdef(ex)), "reference")

    def recorder(*args, **kwargs):
        calls.append((copy.deepcopy(args), copy.deepcopy(kwargs)))
        return ref(*args, **kwargs)

    recorder.__name__ = ex["name"]
    status, _ = run_check(ex, recorder, timeout)
    return status, calls


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
    if isinstance(value, float) and not isinstance(value, bool):
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
    """'likely equivalent' if fn agrees with ref on the check's inputs redrawn N_RANDOM times, else 'GAP'."""
    rng = np.random.default_rng(seed)
    for trial in range(N_RANDOM):
        args, kwargs = calls[trial % len(calls)]
        args2, kwargs2 = _redraw(args, rng), _redraw(kwargs, rng)
        try:
            with _quiet():
                want = ref(*copy.deepcopy(args2), **copy.deepcopy(kwargs2))
        except Exception:
            continue
        try:
            with _quiet():
                got = fn(*copy.deepcopy(args2), **copy.deepcopy(kwargs2))
        except Exception as error:
            return "GAP", f"raises {type(error).__name__} on a redrawn input"
        if not _same(want, got):
            return "GAP", "differs from the reference on a redrawn input"
    return "likely equivalent", f"agrees with the reference on {N_RANDOM} redrawn inputs"


# ---------------------------------------------------------------- workers

_EXERCISES = []  # filled in the parent before the pool forks
_TIMEOUT = 10


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
        old = signal.signal(signal.SIGALRM, _on_alarm)
        signal.alarm(_TIMEOUT)
        try:
            label = classify(ex, fn, ref, ex["calls"], seed=1000 + mi) if ex["calls"] else ("unlabelled", "no inputs")
        except _Timeout:
            label = ("unlabelled", "labelling timed out")
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
    return ei, mi, status, detail, label


def main(argv=None):
    global _TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--timeout", type=int, default=10, help="seconds per mutant (default 10)")
    parser.add_argument("--only", nargs="*", help="exercise names to measure (default: all)")
    parser.add_argument("--verbose", action="store_true", help="also list every caught mutant")
    opts = parser.parse_args(argv)
    _TIMEOUT = opts.timeout
    t0 = time.time()

    found = load_exercises()
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}")
    print("Line numbers count from the first line after ### BEGIN SOLUTION in the notebook cell.")
    for name in checks.CHECKS:
        if opts.only and name not in opts.only:
            continue
        versions = found.get(name, [])
        if not versions:
            print(f"!! {name}: no solution cell found in the notebooks")
        for ex in versions:
            ex["label"] = f"{name} ({ex['week']})" if len(versions) > 1 else name
            status, ex["calls"] = record_inputs(ex, _TIMEOUT)
            ex["reference_status"] = status
            ex["mutants"] = make_mutants(ex) if status == "survived" else []
            _EXERCISES.append(ex)

    tasks = [(ei, mi) for ei, ex in enumerate(_EXERCISES) for mi in range(len(ex["mutants"]))]
    results = {}
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(opts.jobs) as pool:
        for ei, mi, status, detail, label in pool.imap_unordered(_work, tasks, chunksize=4):
            results[ei, mi] = (status, detail, label)

    rows = []
    for ei, ex in enumerate(_EXERCISES):
        print()
        print("=" * 78)
        if ex["reference_status"] != "survived":
            print(f"{ex['label']}: the reference solution does NOT pass its check ({ex['reference_status']}); skipped")
            rows.append((ex["label"], 0, 0, 0, 0, 0, None))
            continue
        n = len(ex["mutants"])
        res = [results[ei, mi] for mi in range(n)]
        caught = sum(r[0] == "caught" for r in res)
        hangs = sum(r[0] == "hang" for r in res)
        surv = [(mi, r) for mi, r in enumerate(res) if r[0] == "survived"]
        equiv = sum(r[2] is not None and r[2][0] == "likely equivalent" for _, r in surv)
        rate = 100.0 * (caught + hangs) / n if n else float("nan")
        rate_ne = 100.0 * (caught + hangs) / (n - equiv) if n - equiv else float("nan")
        print(f"{ex['label']}: {n} mutants, {caught + hangs} caught ({hangs} by timeout), {len(surv)} survived; "
              f"catch rate {rate:.1f}% ({rate_ne:.1f}% leaving out {equiv} likely equivalent)")
        kinds = {}
        for r in res:
            if r[0] != "survived":
                kinds[r[1]] = kinds.get(r[1], 0) + 1
        print("  caught by: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))))
        if opts.verbose:
            for mi, r in enumerate(res):
                if r[0] != "survived":
                    m = ex["mutants"][mi]
                    print(f"  {r[0]:<8}  line {m['line']}: {m['desc']}  -> {r[1]}")
        for mi, (_, _, label) in surv:
            m = ex["mutants"][mi]
            tag = f"[{label[0]}: {label[1]}]" if label else ""
            print(f"  survived  line {m['line']}: {m['desc']}    | {m['text']}")
            print(f"            {tag}")
        rows.append((ex["label"], n, caught + hangs, hangs, len(surv), equiv, rate))

    print()
    print("=" * 78)
    print("Summary")
    head = f"{'check':<36}{'mutants':>8}{'caught':>8}{'hung':>6}{'surv.':>7}{'equiv?':>8}{'rate':>9}{'rate*':>9}"
    print(head)
    print("-" * len(head))
    tot = [0, 0, 0, 0, 0]
    for label, n, c, h, s, e, rate in rows:
        rate_s = f"{rate:8.1f}%" if rate is not None else "     n/a "
        rate2 = f"{100.0 * c / (n - e):8.1f}%" if n - e else "     n/a "
        print(f"{label:<36}{n:>8}{c:>8}{h:>6}{s:>7}{e:>8}{rate_s}{rate2}")
        for i, v in enumerate((n, c, h, s, e)):
            tot[i] += v
    n, c, h, s, e = tot
    print("-" * len(head))
    print(f"{'overall':<36}{n:>8}{c:>8}{h:>6}{s:>7}{e:>8}{100.0 * c / n:8.1f}%{100.0 * c / (n - e):8.1f}%")
    print()
    print("caught includes hung (timed out). equiv? = survivors that agree with the reference on")
    print(f"{N_RANDOM} random redraws of the check's inputs (likely equivalent mutants, still listed above).")
    print("The redraws keep the shapes and settings the check uses, so 'likely equivalent' means equivalent")
    print("on those shapes only (e.g. n_y = 1): a person should still judge each survivor.")
    print("rate = caught / mutants; rate* = caught / (mutants - likely equivalent).")
    print(f"numpy {np.__version__}; {len(tasks)} mutants in {time.time() - t0:.0f} s with {opts.jobs} workers")


if __name__ == "__main__":
    main()
