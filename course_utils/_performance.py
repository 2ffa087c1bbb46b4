"""Speed for the training loop that never changes what it computes.

Two choices are made at run time, inside :func:`tuned`, which the training
loop (``training._gradient_descent``) enters once per call:

* **BLAS threads that fit the CPUs.** numpy's BLAS starts one thread per core
  of the machine, but a process may be allowed fewer (an affinity mask, a
  container's CPU quota), and on a busy machine (a classroom JupyterHub) two
  threads that each wait for the other can be several times slower than one.
  :func:`usable_cpus` reads what the process may really use; during training
  the loop times single iterations at each candidate thread count, keeps the
  fastest, and checks again as training goes on (see :class:`Tuner`). The
  limits are set with threadpoolctl inside a ``with`` block, so they are
  restored when training ends, also on an exception or ``KeyboardInterrupt``.
  A thread count the user chose (``OPENBLAS_NUM_THREADS``,
  ``OMP_NUM_THREADS``, ``MKL_NUM_THREADS``) always wins: the threads are then
  left alone.
* **The faster layout of the two products over X.** Layer 1's ``W1 @ X``
  (forward) and ``dZ1 @ X.T`` (backward, for ``dW1``) are nearly all of an
  iteration's arithmetic. BLAS can also run them as ``(X.T @ W1.T).T`` and
  ``(X @ dZ1.T).T``: the same sums, and which is faster depends on the
  machine, the dtype and the thread count. Each layout is timed once per
  ``(shape, dtype, thread count)`` and the choice is cached for the process
  (:func:`choose_layout`); a run too short to pay for the timing uses the
  cached choice or, failing that, the default layout.

On the machines measured, both layouts and both thread counts gave the same
bits on the shipped data, and at most one unit in the last place on small
inputs (float64, one thread); ``tests/test_performance.py`` holds trained
networks to 1e-12 across every forced choice.
"""

from __future__ import annotations

import math
import os
import statistics
import threading
import time
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np

__all__ = [
    "THREAD_ENV_VARS",
    "Layout",
    "default_layout",
    "user_thread_setting",
    "cgroup_cpu_limit",
    "usable_cpus",
    "choose_layout",
    "forced",
    "tuned",
    "Tuner",
]

#: Environment variables through which a user sets the BLAS threads; any one set wins.
THREAD_ENV_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

#: Runs with fewer iterations than this are not tuned at all (threads or layout).
MIN_ITERATIONS = 20
#: Layer 1's products must have at least this many multiply-adds (n[1] * n_x * m)
#: for threads or layout to matter: below it OpenBLAS runs one thread anyway
#: and a product takes microseconds.
MIN_LAYER1_WORK = 2_000_000
#: Timings per layout and product when a layout is chosen (the minimum is kept).
LAYOUT_REPEATS = 2
#: The other layout must be at least this much faster to replace the default.
LAYOUT_MARGIN = 0.03
#: Iterations between thread re-checks: the first interval, doubled each time
#: the re-check keeps the same count, up to the largest.
RECHECK_FIRST = 20
RECHECK_LARGEST = 320
#: A re-check comes early when iterations get this many times slower than
#: when the thread count was chosen (the machine became busy).
SLOWDOWN = 1.5
#: A challenger thread count must be this much faster to replace the incumbent.
THREAD_MARGIN = 0.05
#: A thread count chosen this recently (seconds) for the same shapes is where
#: the next call starts, without probing first.
RECENT_SECONDS = 30.0


class Layout(NamedTuple):
    """How layer 1's two products over ``X`` are run.

    ``forward_transposed``: ``Z1 = (X.T @ W1.T).T`` instead of ``W1 @ X``.
    ``backward_transposed``: ``dW1 = (X @ dZ1.T).T`` instead of ``dZ1 @ X.T``.
    """

    forward_transposed: bool
    backward_transposed: bool

    def describe(self):
        """The two products as written, e.g. ``"W1 @ X, (X @ dZ1.T).T"``."""
        forward = "(X.T @ W1.T).T" if self.forward_transposed else "W1 @ X"
        backward = "(X @ dZ1.T).T" if self.backward_transposed else "dZ1 @ X.T"
        return f"{forward}, {backward}"


def default_layout(dtype):
    """The layout used when none is chosen: ``W1 @ X``; ``dZ1 @ X.T`` transposed in float32.

    This is the rule course_utils followed before layouts were timed
    (measured on an Intel machine), kept so that untimed runs compute exactly
    what they always did.
    """
    return Layout(False, np.dtype(dtype) == np.float32)


# ---------------------------------------------------------------- the CPUs we may use

def user_thread_setting(environ=None):
    """The name of the thread-count variable the user set, or None.

    Parameters
    ----------
    environ : mapping, optional
        Defaults to ``os.environ``.

    Returns
    -------
    name : str or None
        The first of :data:`THREAD_ENV_VARS` set to a non-empty value.

    Examples
    --------
    >>> user_thread_setting({"OMP_NUM_THREADS": "1"})
    'OMP_NUM_THREADS'
    >>> user_thread_setting({}) is None
    True
    """
    environ = os.environ if environ is None else environ
    for name in THREAD_ENV_VARS:
        if str(environ.get(name, "")).strip():
            return name
    return None


def _read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except (OSError, UnicodeDecodeError):
        return None


def _ancestors(relative):
    """``"a/b/c"`` -> ``["a/b/c", "a/b", "a", ""]``: a cgroup and every cgroup above it."""
    parts = [p for p in relative.strip("/").split("/") if p]
    return ["/".join(parts[:k]) for k in range(len(parts), -1, -1)]


def _quota_v2(directory):
    text = _read(os.path.join(directory, "cpu.max"))
    if not text:
        return None
    fields = text.split()
    if fields[0] == "max":
        return None
    try:
        quota = int(fields[0])
        period = int(fields[1]) if len(fields) > 1 else 100_000
    except ValueError:
        return None
    return quota / period if quota > 0 and period > 0 else None


def _quota_v1(directory):
    quota, period = _read(os.path.join(directory, "cpu.cfs_quota_us")), \
        _read(os.path.join(directory, "cpu.cfs_period_us"))
    try:
        quota, period = int(quota), int(period)
    except (TypeError, ValueError):
        return None
    return quota / period if quota > 0 and period > 0 else None


def cgroup_cpu_limit(root="/sys/fs/cgroup", proc_self_cgroup="/proc/self/cgroup"):
    """The CPUs the cgroup CPU quota allows this process, or None if there is no quota.

    Reads cgroup v2's ``cpu.max`` (``"200000 100000"`` is 2 CPUs, ``"max ..."``
    no limit) and cgroup v1's ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``
    (a quota of -1 is no limit), in the process's own cgroup (named in
    ``/proc/self/cgroup``) and every cgroup above it, and in ``root`` itself,
    which is what a container sees. The smallest quota found wins.

    Parameters
    ----------
    root : str, default "/sys/fs/cgroup"
        Where the cgroup file system is mounted.
    proc_self_cgroup : str, default "/proc/self/cgroup"
        The file that names the process's cgroups.

    Returns
    -------
    cpus : float or None
        Quota divided by period (1.5 means one and a half CPUs' worth of time).
    """
    v2, v1 = [""], [""]
    for line in (_read(proc_self_cgroup) or "").splitlines():
        fields = line.split(":", 2)
        if len(fields) != 3:
            continue
        hierarchy, controllers, path = fields
        if hierarchy == "0" and controllers == "":
            v2 = _ancestors(path)
        elif "cpu" in controllers.split(","):
            v1 = [(controllers, p) for p in _ancestors(path)]
    limits = []
    for relative in v2:
        limits.append(_quota_v2(os.path.join(root, relative)))
    for entry in v1:
        controllers, relative = entry if entry else ("cpu", "")
        mounts = {controllers, "cpu", "cpu,cpuacct", "cpuacct,cpu"}
        for mount in mounts:
            limits.append(_quota_v1(os.path.join(root, mount, relative)))
    limits = [limit for limit in limits if limit is not None]
    return min(limits) if limits else None


def usable_cpus(affinity=None, root="/sys/fs/cgroup", proc_self_cgroup="/proc/self/cgroup"):
    """How many CPUs this process may really use: its affinity mask and its CPU quota.

    Parameters
    ----------
    affinity : collection of int, optional
        The CPUs the process may run on; defaults to ``os.sched_getaffinity(0)``
        where it exists, else ``os.cpu_count()`` CPUs.
    root, proc_self_cgroup : str
        Passed to :func:`cgroup_cpu_limit`.

    Returns
    -------
    n : int
        At least 1: the smaller of the affinity's size and the quota rounded up
        (a quota of 1.5 CPUs gives 2; the thread tuner then finds out whether
        the second thread helps).

    Examples
    --------
    >>> usable_cpus(affinity={0, 1, 2, 3}, root="/nonexistent")
    4
    """
    if affinity is None:
        try:
            affinity = os.sched_getaffinity(0)
        except AttributeError:  # not Linux
            affinity = range(os.cpu_count() or 1)
    n = max(1, len(affinity))
    quota = cgroup_cpu_limit(root, proc_self_cgroup)
    if quota is not None:
        n = min(n, max(1, math.ceil(quota - 1e-9)))
    return n


def _candidates(usable):
    """The thread counts worth trying: all usable, half of them, and one."""
    return sorted({usable, max(1, usable // 2), 1}, reverse=True)


# ---------------------------------------------------------------- threadpoolctl

_controller = None
_controller_lock = threading.Lock()


def _blas_controller():
    """A threadpoolctl controller of the loaded BLAS libraries, made once; None without threadpoolctl."""
    global _controller
    with _controller_lock:
        if _controller is None:
            try:
                from threadpoolctl import ThreadpoolController
            except ImportError:
                _controller = False
            else:
                controller = ThreadpoolController().select(user_api="blas")
                _controller = controller if controller.lib_controllers else False
        return _controller or None


def _blas_threads(controller):
    """The largest thread count among the BLAS libraries (what numpy's products use)."""
    return max(lib.num_threads for lib in controller.lib_controllers)


# ---------------------------------------------------------------- the layout

#: (X.shape, dtype name, threads) -> Layout, for the process.
_layout_cache = {}
#: (X.shape, dtype name) -> (threads, time.monotonic() of the choice), for the process.
_recent_threads = {}
#: The Tuner of the latest training call, for benchmarks to report what was chosen.
last_tuner = None


def _best_time(fn, repeats):
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _time_layouts(X, W1, dZ1, repeats=LAYOUT_REPEATS):
    """Seconds (best of ``repeats``) of each layout of each product, alternating."""
    XT = X.T
    runs = {
        ("forward", False): lambda: W1 @ X,
        ("forward", True): lambda: (XT @ W1.T).T,
        ("backward", False): lambda: dZ1 @ XT,
        ("backward", True): lambda: (X @ dZ1.T).T,
    }
    times = dict.fromkeys(runs, math.inf)
    for _ in range(repeats):
        for key, run in runs.items():
            times[key] = min(times[key], _best_time(run, 1))
    return times


def choose_layout(X, W1, threads, allow_timing=True):
    """The faster layout of layer 1's products for ``X``'s shape and dtype at ``threads`` threads.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    W1 : ndarray of shape (n[1], n_x)
        Only its shape and dtype matter: the products are timed on scratch data
        of ``W1``'s shape and on ``X`` itself.
    threads : int
        The BLAS thread count in force (part of the cache key).
    allow_timing : bool, default True
        If False and nothing is cached, return :func:`default_layout` without timing.

    Returns
    -------
    layout : Layout
        Cached for the process under ``(X.shape, dtype, threads)``. The default
        layout is kept unless the other one is at least ``LAYOUT_MARGIN``
        faster.
    """
    key = (X.shape, X.dtype.name, int(threads))
    if key in _layout_cache:
        return _layout_cache[key]
    default = default_layout(X.dtype)
    if not allow_timing:
        return default
    scratch_W = np.full(W1.shape, 0.5, dtype=X.dtype)
    scratch_dZ = np.full((W1.shape[0], X.shape[1]), 0.5, dtype=X.dtype)
    times = _time_layouts(X, scratch_W, scratch_dZ)
    choice = []
    for product, default_transposed in (("forward", default.forward_transposed),
                                        ("backward", default.backward_transposed)):
        mine, other = times[(product, default_transposed)], times[(product, not default_transposed)]
        choice.append(not default_transposed if other < (1 - LAYOUT_MARGIN) * mine else default_transposed)
    layout = _layout_cache[key] = Layout(*choice)
    return layout


# ---------------------------------------------------------------- forcing choices (tests, benchmarks)

_forced = threading.local()


@contextmanager
def forced(threads=None, layout=None, tune=False):
    """Within the block, training uses this thread count and layout instead of choosing.

    For tests and benchmarks. ``threads`` (an int) is set with threadpoolctl
    for each training call and restored after it; ``layout`` (a
    :class:`Layout`) replaces the timed choice. With ``tune=False`` and both
    left None, training runs as before issue 16: numpy's own thread count
    and :func:`default_layout`.

    Examples
    --------
    >>> with forced(layout=Layout(True, True)):
    ...     pass
    """
    if layout is not None and not isinstance(layout, Layout):
        raise TypeError(f"layout must be a Layout such as Layout(False, True), got {type(layout).__name__}.")
    if threads is not None and (not isinstance(threads, (int, np.integer)) or threads < 1):
        raise ValueError(f"threads must be a positive int such as 1, got {threads!r}.")
    previous = getattr(_forced, "value", None)
    _forced.value = (threads, layout, tune)
    try:
        yield
    finally:
        _forced.value = previous


# ---------------------------------------------------------------- the tuner

class Tuner:
    """Chooses the BLAS thread count as training goes, and the layout for it.

    The loop calls :meth:`begin` before its first iteration and :meth:`tick`
    after each one; ``tick`` returns the layout to use next. Thread choice
    (when enabled) works in single timed iterations:

    1. **Probe**: each other candidate thread count runs one iteration; the
       incumbent's figure is the median of its recent iterations (at the start,
       of its first two). The fastest wins if it beats the incumbent by
       ``THREAD_MARGIN``.
    2. **Keep** it for ``RECHECK_FIRST`` iterations, doubling after each
       probe that changes nothing (up to ``RECHECK_LARGEST``), and back to
       ``RECHECK_FIRST`` after one that does. If the median of the last four
       iterations is ``SLOWDOWN`` times the figure it was chosen with, the
       machine got busier: probe at once.

    A probe at a worse thread count costs one slow iteration, so on a machine
    where two threads are four times slower than one, a 200-iteration run
    spends about 8 % more than it would at one thread throughout: its first
    two iterations at two threads, then one probe iteration at iterations
    about 22, 63 and 144.
    """

    def __init__(self, X, W1, num_iterations, controller=None, candidates=(1,), start=1,
                 choose_layouts=False, probe_at_start=True):
        self.X, self.W1 = X, W1
        self.controller = controller
        self.candidates = list(candidates)
        self.threads = start
        self.choose_layouts = choose_layouts
        self.history = []  # (iteration, threads) each time the count changed, for reports
        self.iteration = 0
        self._times = []  # seconds of each iteration at the current count, since it was set
        self._reference = None
        self._interval = RECHECK_FIRST
        self._next_check = RECHECK_FIRST
        self._queue = []  # challengers still to probe
        self._probe_results = {}
        self._incumbent = start
        self._slowed = False
        self._last = None
        self.iterations_at = {}  # thread count -> iterations run at it, for reports
        if controller is not None and len(self.candidates) > 1 and probe_at_start:
            self._next_check = 2  # two iterations at the start count, then probe the others
        elif controller is None or len(self.candidates) < 2:
            self._next_check = math.inf
        self.layout = self._layout_for(self.threads)

    # -- layout ----------------------------------------------------------------
    def _layout_for(self, threads):
        forced_layout = _current_forced()[1]
        if forced_layout is not None:
            return forced_layout
        return choose_layout(self.X, self.W1, threads, allow_timing=self.choose_layouts)

    # -- threads ---------------------------------------------------------------
    def _set_threads(self, threads):
        if threads != self.threads:
            self.controller.limit(limits=threads, user_api="blas")
            self.threads = threads
            self.history.append((self.iteration, threads))
            self.layout = self._layout_for(threads)
        self._times = []

    def begin(self):
        """Start the clock: call right before the first iteration."""
        self._last = time.perf_counter()

    def tick(self):
        """Record one finished iteration; return the layout for the next one."""
        now = time.perf_counter()
        elapsed, self._last = now - self._last, now
        self.iteration += 1
        self.iterations_at[self.threads] = self.iterations_at.get(self.threads, 0) + 1
        if self.controller is None or self._next_check == math.inf:
            return self.layout
        if self._queue:  # this iteration was a probe of self.threads
            self._probe_results[self.threads] = elapsed
            self._queue.pop(0)
            self._probe_next()
        else:
            self._times.append(elapsed)
            recent = self._times[-4:]
            slowed = (self._reference is not None and len(recent) == 4
                      and statistics.median(recent) > SLOWDOWN * self._reference)
            if self.iteration >= self._next_check or slowed:
                self._start_probe(slowed)
        self._last = time.perf_counter()  # switching threads and choosing a layout are not iterations
        return self.layout

    def _start_probe(self, slowed):
        self._incumbent = self.threads
        self._probe_results = {self.threads: statistics.median(self._times[-4:])}
        self._queue = [t for t in self.candidates if t != self.threads]
        self._slowed = slowed
        self._probe_next()

    def _probe_next(self):
        if self._queue:
            self._set_threads(self._queue[0])
            return
        incumbent = self._incumbent
        best = min(self._probe_results, key=self._probe_results.get)
        if self._probe_results[best] >= (1 - THREAD_MARGIN) * self._probe_results[incumbent]:
            best = incumbent
        changed = best != incumbent
        self._interval = RECHECK_FIRST if changed or self._slowed else min(2 * self._interval, RECHECK_LARGEST)
        self._next_check = self.iteration + self._interval
        self._set_threads(best)
        self._reference = self._probe_results[best]
        _recent_threads[(self.X.shape, self.X.dtype.name)] = (best, time.monotonic())


def _remember(tuner):
    global last_tuner
    last_tuner = tuner
    return tuner


def _current_forced():
    return getattr(_forced, "value", None) or (None, None, True)


@contextmanager
def tuned(X, W1, num_iterations):
    """Enter for one training call: yields a :class:`Tuner`; restores BLAS threads on exit.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        The training inputs (already checked).
    W1 : ndarray of shape (n[1], n_x)
    num_iterations : int

    Yields
    ------
    tuner : Tuner
        Its ``layout`` is the one to start with.
    """
    threads, layout, tune = _current_forced()
    work = W1.shape[0] * X.shape[0] * X.shape[1]
    worth_it = tune and num_iterations >= MIN_ITERATIONS and work >= MIN_LAYER1_WORK
    if threads is not None:
        controller = _blas_controller()
        if controller is None:
            raise RuntimeError("Forcing a thread count needs threadpoolctl: pip install threadpoolctl.")
        with controller.limit(limits=threads, user_api="blas"):
            yield _remember(Tuner(X, W1, num_iterations, choose_layouts=worth_it, start=threads))
        return
    controller = None
    if worth_it and user_thread_setting() is None:
        controller = _blas_controller()
    if controller is None:
        # Nothing to tune: the user set the threads, threadpoolctl is missing,
        # or the run is too small. The layout may still be chosen.
        current = _blas_threads(_blas_controller()) if worth_it and _blas_controller() else 0
        yield _remember(Tuner(X, W1, num_iterations, choose_layouts=worth_it, start=current))
        return
    usable = usable_cpus()
    start = usable
    recent = _recent_threads.get((X.shape, X.dtype.name))
    probe_at_start = True
    if recent is not None and time.monotonic() - recent[1] < RECENT_SECONDS and recent[0] <= usable:
        start, probe_at_start = recent[0], False
    with controller.limit(limits=start, user_api="blas"):
        yield _remember(Tuner(X, W1, num_iterations, controller=controller, candidates=_candidates(usable),
                              start=start, choose_layouts=True, probe_at_start=probe_at_start))
