"""Issue 16: BLAS threads that fit the CPUs and the faster layout of layer 1's products.

None of these tests times anything against a threshold (the machine is noisy):
the timing-based choices are driven here by fake clocks and fake controllers,
and the figures are for benchmarks/throughput.py and benchmarks/contention.py.
"""

import itertools

import numpy as np
import pytest

import course_utils as cu
from course_utils import _performance as perf
from course_utils import training

threadpoolctl = pytest.importorskip("threadpoolctl")


# A problem big enough to be tuned (n[1] * n_x * m >= MIN_LAYER1_WORK), small enough to be quick.
N_X, M = 600, 300
DIMS = [N_X, 20, 7, 1]


def problem(dtype=np.float64, seed=0, n_x=N_X, m=M):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m)).astype(dtype)
    Y = (rng.random((1, m)) < 0.5).astype(dtype)
    return X, Y


@pytest.fixture(autouse=True)
def fresh_caches(monkeypatch):
    """Each test starts with empty process caches (and leaves the real ones alone)."""
    monkeypatch.setattr(perf, "_layout_cache", {})
    monkeypatch.setattr(perf, "_recent_threads", {})
    for name in perf.THREAD_ENV_VARS:
        monkeypatch.delenv(name, raising=False)


def blas_threads():
    return max(pool["num_threads"] for pool in threadpoolctl.threadpool_info() if pool["user_api"] == "blas")


def can_set_two_threads():
    with threadpoolctl.threadpool_limits(2, user_api="blas"):
        return blas_threads() == 2


def test_problem_is_big_enough_to_be_tuned():
    # Otherwise the tests below would pass without tuning anything.
    assert DIMS[1] * N_X * M >= perf.MIN_LAYER1_WORK


# ---------------------------------------------------------------- same results whatever is chosen

@pytest.mark.parametrize("bold_driver", [False, True])
def test_every_layout_and_thread_count_trains_to_the_same_float64_network(bold_driver):
    X, Y = problem()
    with perf.forced():  # as before issue 16: numpy's threads, the default layout
        reference, reference_costs = cu.L_layer_model(X, Y, DIMS, 0.05, 60, record_every=5,
                                                      bold_driver=bold_driver)
    for threads, layout in itertools.product((1, 2), itertools.product((False, True), repeat=2)):
        with perf.forced(threads=threads, layout=perf.Layout(*layout)):
            parameters, costs = cu.L_layer_model(X, Y, DIMS, 0.05, 60, record_every=5,
                                                 bold_driver=bold_driver)
        np.testing.assert_allclose(costs, reference_costs, rtol=1e-12, err_msg=f"{threads}, {layout}")
        for key in reference:
            np.testing.assert_allclose(parameters[key], reference[key], rtol=1e-12,
                                       atol=1e-12 * np.abs(reference[key]).max(), err_msg=key)


def test_float32_layouts_agree_at_a_fixed_thread_count():
    # The layouts hold the same sums; at one thread count they agree to float32's rounding
    # (bit for bit with OpenBLAS 0.3.31). Different thread counts may differ in the last
    # bits, in float32 as between two machines.
    X, Y = problem(np.float32)
    results = []
    for layout in itertools.product((False, True), repeat=2):
        with perf.forced(threads=1, layout=perf.Layout(*layout)):
            results.append(cu.L_layer_model(X, Y, DIMS, 0.05, 40, record_every=5))
    for parameters, costs in results[1:]:
        np.testing.assert_allclose(costs, results[0][1], rtol=1e-5)
        for key in parameters:
            assert parameters[key].dtype == np.float32
            np.testing.assert_allclose(parameters[key], results[0][0][key], rtol=1e-4,
                                       atol=1e-5 * np.abs(results[0][0][key]).max())


def test_layouts_of_the_products_give_the_same_numbers():
    from course_utils.network import _linear_forward, _weight_gradient

    X, _ = problem()
    W = np.random.default_rng(1).standard_normal((20, N_X))
    b = np.ones((20, 1))
    Z, _ = _linear_forward(X, W, b)
    Zt, _ = _linear_forward(X, W, b, transposed=True)
    assert Zt.flags.c_contiguous  # later layers see the arrays they always did
    np.testing.assert_allclose(Zt, Z, rtol=1e-13)
    dZ = np.random.default_rng(2).standard_normal((20, M))
    np.testing.assert_allclose(_weight_gradient(dZ, X, True), _weight_gradient(dZ, X, False), rtol=1e-13)
    # None keeps the rule from before issue 16: transposed in float32 only.
    np.testing.assert_array_equal(_weight_gradient(dZ, X), dZ @ X.T)


def test_the_tuned_default_trains_like_before():
    X, Y = problem()
    with perf.forced():
        before, before_costs = cu.L_layer_model(X, Y, DIMS, 0.05, 60, record_every=5)
    tuned, tuned_costs = cu.L_layer_model(X, Y, DIMS, 0.05, 60, record_every=5)
    np.testing.assert_allclose(tuned_costs, before_costs, rtol=1e-12)
    for key in before:
        np.testing.assert_allclose(tuned[key], before[key], rtol=1e-12, atol=1e-12 * np.abs(before[key]).max())


# ---------------------------------------------------------------- the layout cache and when it is skipped

class TimingSpy:
    """Stands in for _time_layouts: counts calls and says the transposed layouts are faster."""

    def __init__(self):
        self.calls = 0

    def __call__(self, X, W1, dZ1, repeats=perf.LAYOUT_REPEATS):
        self.calls += 1
        return {("forward", False): 2.0, ("forward", True): 1.0,
                ("backward", False): 2.0, ("backward", True): 1.0}


def test_the_layout_is_timed_once_per_shape_dtype_and_thread_count(monkeypatch):
    spy = TimingSpy()
    monkeypatch.setattr(perf, "_time_layouts", spy)
    X, _ = problem()
    W1 = np.zeros((20, N_X))
    assert perf.choose_layout(X, W1, 2) == perf.Layout(True, True)
    assert perf.choose_layout(X, W1, 2) == perf.Layout(True, True)
    assert spy.calls == 1
    perf.choose_layout(X, W1, 1)
    perf.choose_layout(X.astype(np.float32), W1.astype(np.float32), 1)
    perf.choose_layout(X[:, :100], W1, 1)
    assert spy.calls == 4
    assert set(perf._layout_cache) == {((N_X, M), "float64", 2), ((N_X, M), "float64", 1),
                                       ((N_X, M), "float32", 1), ((N_X, 100), "float64", 1)}


def test_the_default_layout_stays_unless_the_other_is_clearly_faster(monkeypatch):
    monkeypatch.setattr(perf, "_time_layouts", lambda *a, **k: {
        ("forward", False): 1.00, ("forward", True): 0.99,  # within the margin: keep
        ("backward", False): 1.00, ("backward", True): 0.50})
    X, _ = problem()
    assert perf.choose_layout(X, np.zeros((20, N_X)), 1) == perf.Layout(False, True)


def test_training_uses_the_cached_layout(monkeypatch):
    spy = TimingSpy()
    monkeypatch.setattr(perf, "_time_layouts", spy)
    used = []
    real_forward = training._forward

    def spying_forward(X, parameters, L, hidden_activation, layout=None):
        used.append(layout)
        return real_forward(X, parameters, L, hidden_activation, layout)

    monkeypatch.setattr(training, "_forward", spying_forward)
    X, Y = problem()
    with perf.forced(threads=1, tune=True):
        cu.L_layer_model(X, Y, DIMS, 0.05, 30)
        cu.L_layer_model(X, Y, DIMS, 0.05, 30)
    assert spy.calls == 1
    assert set(used) == {perf.Layout(True, True)}


@pytest.mark.parametrize("num_iterations, shape", [
    (perf.MIN_ITERATIONS - 1, (N_X, M)),  # too few iterations to pay for the timing
    (200, (50, 40)),  # products too small for threads or layout to matter
])
def test_short_or_small_runs_choose_nothing(monkeypatch, num_iterations, shape):
    def fail(*args, **kwargs):
        raise AssertionError("timed a run too short to pay for it")

    monkeypatch.setattr(perf, "_time_layouts", fail)
    monkeypatch.setattr(perf, "_blas_controller", fail)
    X, Y = problem(n_x=shape[0], m=shape[1])
    used = []
    real_backward = training._backward
    monkeypatch.setattr(training, "_backward", lambda *a: used.append(a[-1]) or real_backward(*a))
    cu.L_layer_model(X, Y, [shape[0], 20, 7, 1], 0.05, num_iterations)
    assert used and set(used) == {perf.default_layout(np.float64)}


# ---------------------------------------------------------------- threads: the user's setting wins

class FakeController:
    """A threadpoolctl controller that records the limits asked of it."""

    def __init__(self, threads=2):
        self.threads = threads
        self.calls = []
        self.lib_controllers = [self]

    @property
    def num_threads(self):
        return self.threads

    def limit(self, limits, user_api):
        self.calls.append(limits)
        original, self.threads = self.threads, limits
        controller = self

        class Limiter:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                controller.threads = original

        return Limiter()


@pytest.mark.parametrize("variable", perf.THREAD_ENV_VARS)
def test_a_thread_count_set_by_the_user_wins(monkeypatch, variable):
    fake = FakeController()
    monkeypatch.setattr(perf, "_blas_controller", lambda: fake)
    monkeypatch.setenv(variable, "1")
    X, Y = problem()
    cu.L_layer_model(X, Y, DIMS, 0.05, 60)
    assert fake.calls == []
    monkeypatch.delenv(variable)
    cu.L_layer_model(X, Y, DIMS, 0.05, 60)
    assert fake.calls  # without the variable, the threads are set


def test_user_thread_setting_reads_each_variable():
    assert perf.user_thread_setting({}) is None
    assert perf.user_thread_setting({"MKL_NUM_THREADS": "4"}) == "MKL_NUM_THREADS"
    assert perf.user_thread_setting({"OPENBLAS_NUM_THREADS": " "}) is None  # blank is not a setting


# ---------------------------------------------------------------- threads: restored after the call

class Interrupt(BaseException):
    pass


@pytest.mark.parametrize("error", [KeyboardInterrupt, FloatingPointError])
def test_forced_threads_are_restored_after_an_exception(monkeypatch, error):
    if not can_set_two_threads():
        pytest.skip("numpy's BLAS cannot run 2 threads here")
    seen = []
    real_cost = training._cost

    def cost_then_fail(AL, Y):
        seen.append(blas_threads())
        if len(seen) == 5:
            raise error("stopped by the test")
        return real_cost(AL, Y)

    monkeypatch.setattr(training, "_cost", cost_then_fail)
    X, Y = problem()
    with threadpoolctl.threadpool_limits(2, user_api="blas"):
        with pytest.raises(error), perf.forced(threads=1):
            cu.L_layer_model(X, Y, DIMS, 0.05, 60)
        assert seen == [1] * 5
        assert blas_threads() == 2


def test_tuned_threads_are_restored_after_an_interrupt(monkeypatch):
    if not can_set_two_threads():
        pytest.skip("numpy's BLAS cannot run 2 threads here")
    monkeypatch.setattr(perf, "usable_cpus", lambda: 2)
    monkeypatch.setattr(perf, "_time_layouts", TimingSpy())
    seen = []
    real_cost = training._cost

    def cost_then_interrupt(AL, Y):
        seen.append(blas_threads())
        if len(seen) == 10:
            raise KeyboardInterrupt
        return real_cost(AL, Y)

    monkeypatch.setattr(training, "_cost", cost_then_interrupt)
    X, Y = problem()
    with threadpoolctl.threadpool_limits(2, user_api="blas"):
        with pytest.raises(KeyboardInterrupt):
            cu.L_layer_model(X, Y, DIMS, 0.05, 60)
        assert 1 in seen  # the tuner tried one thread (the probe after two iterations)...
        assert blas_threads() == 2  # ...and the original count is back


# ---------------------------------------------------------------- threads: the tuner, on a fake clock

class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def drive(tuner, clock, fake, seconds_at, iterations):
    """Run ``iterations`` fake iterations; ``seconds_at(i, threads)`` is each one's duration."""
    tuner.begin()
    for _ in range(iterations):
        clock.now += seconds_at(tuner.iteration, fake.threads)
        tuner.tick()


def make_tuner(monkeypatch, start=2, iterations=1000):
    clock, fake = Clock(), FakeController(threads=start)
    monkeypatch.setattr(perf.time, "perf_counter", clock)
    X, _ = problem()
    tuner = perf.Tuner(X, np.zeros((20, N_X)), iterations, controller=fake, candidates=[2, 1],
                       start=start, choose_layouts=False)
    return tuner, clock, fake


def test_the_tuner_moves_to_one_thread_on_a_busy_machine(monkeypatch):
    tuner, clock, fake = make_tuner(monkeypatch)
    at_two = []

    def seconds(i, threads):
        at_two.append(threads == 2)
        return 0.080 if threads == 2 else 0.020

    drive(tuner, clock, fake, seconds, 200)
    assert fake.threads == 1
    assert tuner.history[0] == (2, 1)  # moved after the first two iterations
    # Then one probe iteration at 2 threads per re-check, the re-checks spaced out
    # (20, 40, 80 iterations): 2 + 3 of the 200 iterations ran at the slow count.
    assert sum(at_two) <= 6


def test_the_tuner_keeps_two_threads_on_an_idle_machine(monkeypatch):
    tuner, clock, fake = make_tuner(monkeypatch)
    drive(tuner, clock, fake, lambda i, threads: 0.020 if threads == 2 else 0.030, 200)
    assert fake.threads == 2
    assert all(threads == 1 for _, threads in tuner.history[0::2])  # only probes left 2


def test_the_tuner_follows_the_load_as_it_comes_and_goes(monkeypatch):
    tuner, clock, fake = make_tuner(monkeypatch)

    def seconds(i, threads):
        busy = 100 <= i < 400
        if busy:
            return 0.080 if threads == 2 else 0.030
        return 0.020 if threads == 2 else 0.030

    drive(tuner, clock, fake, seconds, 150)
    assert fake.threads == 1  # the slowdown was noticed soon after iteration 100
    assert any(100 < i < 110 for i, threads in tuner.history if threads == 1)
    drive(tuner, clock, fake, seconds, 450)
    assert fake.threads == 2  # and the idle machine found again after 400


def test_a_recent_choice_is_where_the_next_call_starts(monkeypatch):
    fake = FakeController(threads=2)
    monkeypatch.setattr(perf, "_blas_controller", lambda: fake)
    monkeypatch.setattr(perf, "usable_cpus", lambda: 2)
    monkeypatch.setattr(perf, "_time_layouts", TimingSpy())
    X, Y = problem()
    perf._recent_threads[(X.shape, X.dtype.name)] = (1, perf.time.monotonic())
    with perf.tuned(X, np.zeros((20, N_X)), 100) as tuner:
        assert fake.threads == 1 and tuner.threads == 1
    assert fake.threads == 2


# ---------------------------------------------------------------- the CPUs this process may use

def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_cgroup_v2_quota(tmp_path):
    write(tmp_path / "proc_cgroup", "0::/\n")
    write(tmp_path / "cg" / "cpu.max", "150000 100000\n")
    assert perf.cgroup_cpu_limit(str(tmp_path / "cg"), str(tmp_path / "proc_cgroup")) == 1.5
    assert perf.usable_cpus({0, 1, 2, 3}, str(tmp_path / "cg"), str(tmp_path / "proc_cgroup")) == 2
    write(tmp_path / "cg" / "cpu.max", "max 100000\n")
    assert perf.cgroup_cpu_limit(str(tmp_path / "cg"), str(tmp_path / "proc_cgroup")) is None
    assert perf.usable_cpus({0, 1, 2, 3}, str(tmp_path / "cg"), str(tmp_path / "proc_cgroup")) == 4


def test_cgroup_v2_quota_of_a_parent_cgroup_counts(tmp_path):
    write(tmp_path / "proc_cgroup", "0::/user.slice/session-1.scope\n")
    write(tmp_path / "cg" / "user.slice" / "cpu.max", "100000 100000\n")
    write(tmp_path / "cg" / "user.slice" / "session-1.scope" / "cpu.max", "max 100000\n")
    assert perf.cgroup_cpu_limit(str(tmp_path / "cg"), str(tmp_path / "proc_cgroup")) == 1.0
    assert perf.usable_cpus({0, 1}, str(tmp_path / "cg"), str(tmp_path / "proc_cgroup")) == 1


def test_cgroup_v1_quota(tmp_path):
    write(tmp_path / "proc_cgroup", "4:memory:/x\n3:cpu,cpuacct:/docker/abc\n")
    folder = tmp_path / "cg" / "cpu,cpuacct" / "docker" / "abc"
    write(folder / "cpu.cfs_quota_us", "250000\n")
    write(folder / "cpu.cfs_period_us", "100000\n")
    assert perf.cgroup_cpu_limit(str(tmp_path / "cg"), str(tmp_path / "proc_cgroup")) == 2.5
    assert perf.usable_cpus(set(range(8)), str(tmp_path / "cg"), str(tmp_path / "proc_cgroup")) == 3
    write(folder / "cpu.cfs_quota_us", "-1\n")  # no quota
    assert perf.cgroup_cpu_limit(str(tmp_path / "cg"), str(tmp_path / "proc_cgroup")) is None


def test_no_cgroup_files_leave_the_affinity(tmp_path):
    assert perf.cgroup_cpu_limit(str(tmp_path / "none"), str(tmp_path / "none")) is None
    assert perf.usable_cpus({3, 5, 7}, str(tmp_path / "none"), str(tmp_path / "none")) == 3
    write(tmp_path / "proc_cgroup", "0::/\n")
    write(tmp_path / "cg" / "cpu.max", "garbage\n")
    assert perf.cgroup_cpu_limit(str(tmp_path / "cg"), str(tmp_path / "proc_cgroup")) is None


def test_usable_cpus_never_exceeds_the_affinity_of_this_process():
    n = perf.usable_cpus()
    assert 1 <= n <= len(perf.os.sched_getaffinity(0)) if hasattr(perf.os, "sched_getaffinity") else n >= 1


def test_forced_checks_its_arguments():
    with pytest.raises(TypeError, match="Layout"):
        with perf.forced(layout=(True, True)):
            pass
    with pytest.raises(ValueError, match="positive int"):
        with perf.forced(threads=0):
            pass
