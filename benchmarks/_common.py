"""Shared helpers for the benchmark scripts: the header, optional peers, the data.

Every script in this folder prints its figures rather than asserting them, so a
slow machine never fails a test; the numbers are for reading and for the table
in ``benchmarks/README.md``.
"""

from __future__ import annotations

import importlib
import os
import platform
import statistics
import time

import numpy as np

import course_utils as cu

SEED = 1
INSTALL_HINT = {
    "torch": "PyTorch not installed: skipped; pip install torch==2.13.0",
    "sklearn": "scikit-learn not installed: skipped; pip install scikit-learn",
    "threadpoolctl": "threadpoolctl not installed: BLAS summary skipped; pip install threadpoolctl",
}


def n_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def optional(name):
    """Import ``name`` or return None after printing how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        print(INSTALL_HINT.get(name, f"{name} not installed: skipped"))
        return None


def print_header(title, peers=()):
    """Print what the figures depend on: cores, Python, numpy and each peer's version."""
    print(f"== {title}")
    print(f"cores: {n_cores()} (os.cpu_count() = {os.cpu_count()}), {platform.machine()}, "
          f"Python {platform.python_version()}")
    print(f"numpy {np.__version__}, course_utils {cu.__version__}")
    modules = {}
    for name in peers:
        module = optional(name)
        if module is not None:
            print(f"{name} {module.__version__}")
        modules[name] = module
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if var in os.environ:
            print(f"env {var}={os.environ[var]}")
    print()
    return modules


def blas_summary():
    """One line per BLAS that numpy loaded: internal_api, num_threads, architecture."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        print(INSTALL_HINT["threadpoolctl"])
        return
    for pool in threadpool_info():
        if pool.get("user_api") != "blas":
            continue
        owner = "numpy's" if "numpy" in pool.get("filepath", "") else "another library's"
        print(f"BLAS ({owner}): internal_api={pool.get('internal_api')}, num_threads={pool.get('num_threads')}, "
              f"architecture={pool.get('architecture')}, version={pool.get('version')}, "
              f"file={os.path.basename(pool.get('filepath', ''))}")


def cpu_model():
    """The CPU's model name from /proc/cpuinfo (``platform.processor()`` elsewhere)."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def numpy_blas_label():
    """numpy's BLAS as threadpoolctl sees it, e.g. ``"OpenBLAS 0.3.31 (SkylakeX kernels)"``."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return numpy_blas_name()
    for pool in threadpool_info():
        if pool.get("user_api") == "blas" and "numpy" in pool.get("filepath", ""):
            name = {"openblas": "OpenBLAS", "mkl": "MKL", "blis": "BLIS"}.get(pool.get("internal_api"),
                                                                             pool.get("internal_api"))
            version = (pool.get("version") or "").split(".")
            arch = f" ({pool['architecture']} kernels)" if pool.get("architecture") else ""
            return f"{name} {'.'.join(version[:3])}{arch}"
    return numpy_blas_name()


def machine_tag():
    """What every figure depends on, in one short line: CPU, usable CPUs, numpy's BLAS."""
    return f"[{cpu_model()}, {n_cores()} CPUs, numpy {np.__version__} + {numpy_blas_label()}]"


def load_average():
    """The 1-minute load average (runnable processes), or None where the OS has none."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def numpy_blas_name():
    """The BLAS numpy was built against, as numpy's build configuration names it."""
    try:
        return np.__config__.CONFIG["Build Dependencies"]["blas"]["name"]
    except (AttributeError, KeyError, TypeError):  # numpy older than 1.26
        return "numpy's BLAS"


def cpu_steal_seconds():
    """CPU seconds the hypervisor has taken from this machine since boot, or None.

    The ``steal`` column of Linux's /proc/stat: time a virtual CPU was ready
    to run but the host ran something else. A benchmark that saw much of it
    timed the host's load as well as its own code.
    """
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def best_of(fn, repeats=3):
    """Smallest wall-clock time of ``repeats`` calls of ``fn()``, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def median(values):
    return statistics.median(values)


def shipped_data(method="meanstd", dtype=np.float64):
    """The shipped training and test sets as ``(X_train, Y_train, X_test, Y_test)``.

    ``X`` is ``(3072, m)``, standardised with the training set's statistics,
    ``Y`` is ``(1, m)``; both in ``dtype``.
    """
    train_x_orig, train_y, test_x_orig, test_y, _ = cu.load_dataset()
    train_flat, test_flat = cu.flatten(train_x_orig), cu.flatten(test_x_orig)
    X_train = cu.standardize(train_flat, method)
    X_test = cu.standardize(test_flat, method, reference=train_flat) if method == "meanstd" \
        else cu.standardize(test_flat, method)
    return (np.ascontiguousarray(X_train, dtype=dtype), train_y.astype(dtype),
            np.ascontiguousarray(X_test, dtype=dtype), test_y.astype(dtype))
