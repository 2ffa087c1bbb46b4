"""`python -m course_utils train`: JSON out, the shipped data's honest figures, clear errors.

The two trainings on the shipped data are the accuracy floors stated in
data/README.md; each command here is the one the README quotes.
"""

import json
import subprocess
import sys

import h5py
import numpy as np
import pytest

from course_utils.cli import main

KEYS = {"train_accuracy", "test_accuracy", "final_cost", "iterations", "seconds"}


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_logistic_regression_on_the_shipped_data(capsys):
    status, out, _ = run(capsys, "train", "--layers", "", "--standardize", "meanstd",
                         "--learning-rate", "0.001", "--iterations", "500")
    assert status == 0
    result = json.loads(out)
    assert KEYS <= set(result)
    assert result["layer_dims"] == [3072, 1] and result["init"] == "zeros"
    assert result["test_accuracy"] >= 0.64, result
    assert result["iterations"] == 500


def test_two_layer_network_on_the_shipped_data(capsys):
    status, out, _ = run(capsys, "train", "--layers", "7", "--standardize", "meanstd",
                         "--learning-rate", "0.0075", "--iterations", "200")
    assert status == 0
    result = json.loads(out)
    assert result["layer_dims"] == [3072, 7, 1] and result["init"] == "xavier"
    assert result["test_accuracy"] >= 0.66, result
    assert result["train_accuracy"] >= result["test_accuracy"] - 0.05


def write_course_files(folder, m_train=40, m_test=20, seed=0):
    """Two small files in the course's schema; class 1 images are brighter."""
    rng = np.random.default_rng(seed)
    paths = []
    for split, m in (("train", m_train), ("test", m_test)):
        y = np.arange(m) % 2
        x = rng.integers(0, 128, size=(m, 4, 4, 3)) + 100 * y[:, None, None, None]
        path = folder / f"{split}.h5"
        with h5py.File(path, "w") as f:
            f[f"{split}_set_x"] = x.astype(np.uint8)
            f[f"{split}_set_y"] = y
            f["list_classes"] = np.array([b"non-cat", b"cat"])
        paths.append(str(path))
    return paths


def test_any_files_in_the_course_schema(tmp_path, capsys):
    train, test = write_course_files(tmp_path)
    status, out, _ = run(capsys, "train", "--train-file", train, "--test-file", test,
                         "--layers", "3", "--iterations", "300", "--learning-rate", "0.5",
                         "--hidden-activation", "tanh", "--seed", "2")
    assert status == 0
    result = json.loads(out)
    assert result["layer_dims"] == [48, 3, 1]
    assert result["hidden_activation"] == "tanh"
    assert result["test_accuracy"] == 1.0  # the classes are separable by brightness
    assert len(out.strip().splitlines()) == 1


def test_module_entry_point(tmp_path):
    train, test = write_course_files(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "course_utils", "train", "--train-file", train, "--test-file", test,
         "--layers", "", "--iterations", "10"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )
    assert KEYS <= set(json.loads(result.stdout))


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    train, _ = write_course_files(tmp_path)
    status, out, err = run(capsys, "train", "--train-file", train, "--test-file", str(tmp_path / "nope.h5"))
    assert status == 2 and out == ""
    assert "error: --test-file" in err and "nope.h5 does not exist" in err


def test_train_and_test_files_go_together(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--train-file", "a.h5"])
    assert exit_info.value.code == 2
    assert "--train-file and --test-file go together" in capsys.readouterr().err


def test_bad_layers(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--layers", "20,x"])
    assert "expected comma-separated hidden-layer sizes such as 20,7,5" in capsys.readouterr().err


def test_divergence_exits_1(tmp_path, capsys):
    train, test = write_course_files(tmp_path)
    status, _, err = run(capsys, "train", "--train-file", train, "--test-file", test, "--layers", "8,8",
                         "--hidden-activation", "leaky_relu", "--init", "large", "--standardize", "255",
                         "--learning-rate", "1000", "--iterations", "200")
    assert status == 1
    assert "diverged at iteration" in err
