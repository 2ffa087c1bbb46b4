"""Training beside other busy processes: course_utils' thread choice against fixed thread counts.

A classroom JupyterHub or a laptop with a browser open is a busy machine, and
numpy's BLAS, which starts one thread per core, can then be several times
slower than with one thread. course_utils chooses its BLAS thread count as
training goes (issue 16, ``course_utils/_performance.py``). This script trains
week 4's ``[n_x, 20, 7, 5, 1]`` (ReLU) on the whole shipped training set
(m = 4000, float64) for N_ITER iterations

* with course_utils' own choice ("auto"), and
* with each fixed thread count (1 up to the usable CPUs; the layout still
  chosen per thread count, so only the threads differ),

first with BUSY CPU-bound processes running beside it (``while True`` loops
started by this script and stopped by it at the end, also on Ctrl-C or an
error; each also stops by itself if this script dies), then on the machine as
it is ("idle"). Each setting is timed in ROUNDS interleaved rounds, and the
figures are medians.

Targets (issue 16): busy, auto at most 1.2x the best fixed thread count;
idle, at most 1.05x (the idle target of issue 16 is against the time before
issue 16, which ``throughput.py`` measures; here idle is a check that the
probing costs little).

Run from the repository root:  python benchmarks/contention.py [rounds] [iterations]
"""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np

import course_utils as cu
from course_utils import _performance as perf
from _common import (SEED, cpu_steal_seconds, load_average, machine_tag, median, n_cores, print_header,
                     shipped_data)

LAYER_DIMS = [3072, 20, 7, 5, 1]
LEARNING_RATE = 0.0075
N_ITER = 100
ROUNDS = 5
BUSY = 2  # CPU-bound processes beside the training
IDLE = 0.5  # seconds of pause before each run
TARGET_BUSY = 1.2
TARGET_IDLE = 1.05

# A CPU-bound loop that stops when its parent (this script) is gone.
HOG = "import os\nparent = os.getppid()\nwhile os.getppid() == parent:\n    for _ in range(200000):\n        pass\n"


def start_hogs(n):
    return [subprocess.Popen([sys.executable, "-c", HOG], stdin=subprocess.DEVNULL) for _ in range(n)]


def stop_hogs(hogs):
    for hog in hogs:
        if hog.poll() is None:
            hog.terminate()
    for hog in hogs:
        try:
            hog.wait(timeout=5)
        except subprocess.TimeoutExpired:
            hog.kill()
            hog.wait()


def train(X, Y, initial, threads):
    """Seconds per iteration, and the tuner's iterations per thread count."""
    context = perf.forced(threads=threads, tune=True) if threads else perf.forced(tune=True)
    start = time.perf_counter()
    with context:
        cu.L_layer_model(X, Y, LAYER_DIMS, learning_rate=LEARNING_RATE, num_iterations=N_ITER,
                         initial_parameters=initial, record_every=N_ITER)
    return (time.perf_counter() - start) / N_ITER, dict(perf.last_tuner.iterations_at)


def measure(X, Y, initial, settings, label):
    seconds = {s: [] for s in settings}
    threads_used = {}
    for _ in range(ROUNDS):
        for setting in settings:
            time.sleep(IDLE)
            # A recent choice would let "auto" start where the last auto run ended: forget it,
            # so that every auto run finds its thread count from scratch.
            perf._recent_threads.clear()
            t, counts = train(X, Y, initial, setting)
            seconds[setting].append(t)
            if setting is None:
                for k, n in counts.items():
                    threads_used[k] = threads_used.get(k, 0) + n
    per_iter = {s: median(v) for s, v in seconds.items()}
    return per_iter, seconds, threads_used


def report(label, per_iter, seconds, threads_used, target, tag):
    fixed = {s: t for s, t in per_iter.items() if s is not None}
    best = min(fixed, key=fixed.get)
    print(f"{label}: ms per iteration, median of {ROUNDS} rounds (each round's figure in brackets)   {tag}")
    for setting, t in per_iter.items():
        name = "auto (course_utils)" if setting is None else f"fixed {setting} thread{'s' if setting != 1 else ''}"
        rounds = ", ".join(f"{s * 1e3:.1f}" for s in seconds[setting])
        print(f"  {name:22} {t * 1e3:8.2f}  [{rounds}]")
    used = ", ".join(f"{k} thread{'s' if k != 1 else ''}: {n}" for k, n in sorted(threads_used.items()))
    print(f"  auto ran its iterations at: {used}")
    ratio = per_iter[None] / fixed[best]
    verdict = "MET" if ratio <= target else "NOT MET"
    print(f"Target, {label}: auto <= {target}x the best fixed thread count ({best}): {ratio:.2f}x -> {verdict}   {tag}")
    print()
    return ratio


def main():
    global ROUNDS, N_ITER
    if len(sys.argv) > 1:
        ROUNDS = int(sys.argv[1])
    if len(sys.argv) > 2:
        N_ITER = int(sys.argv[2])
    print_header("contention: training beside CPU-bound processes, auto vs fixed BLAS threads",
                 peers=("threadpoolctl",))
    if perf.user_thread_setting() is not None:
        print(f"{perf.user_thread_setting()} is set: course_utils leaves the threads alone. Unset it to run this.")
        return
    if perf._blas_controller() is None:
        print("threadpoolctl not installed (or no BLAS found): nothing to compare; pip install threadpoolctl")
        return
    usable = perf.usable_cpus()
    settings = [None] + list(range(1, usable + 1))
    tag = machine_tag()
    X, Y, _, _ = shipped_data("meanstd", np.float64)
    initial = cu.initialize_parameters_deep(LAYER_DIMS, seed=SEED, init="xavier")
    print(f"network {LAYER_DIMS}, relu, m = {X.shape[1]}, float64, {N_ITER} iterations per run, "
          f"{ROUNDS} interleaved rounds, {BUSY} CPU-bound processes beside it when busy; usable CPUs: {usable}")
    for setting in settings:  # warm-up: layouts timed and cached for each thread count
        train(X, Y, initial, setting)
    print()

    hogs = []
    try:
        hogs = start_hogs(BUSY)
        time.sleep(1.0)
        load, steal = load_average(), cpu_steal_seconds()
        busy = measure(X, Y, initial, settings, "busy")
        print(f"busy: load average {load:.2f} at the start, {load_average():.2f} at the end"
              + (f"; host steal {cpu_steal_seconds() - steal:.1f} s" if steal is not None else ""))
    finally:
        stop_hogs(hogs)
    time.sleep(2.0)
    load = load_average()
    idle = measure(X, Y, initial, settings, "idle")
    print(f"idle: load average {load:.2f} at the start, {load_average():.2f} at the end (above "
          f"{n_cores()}, other processes were running)")
    print()
    report(f"busy ({BUSY} CPU-bound processes beside it)", *busy, TARGET_BUSY, tag)
    report("idle", *idle, TARGET_IDLE, tag)


if __name__ == "__main__":
    main()
