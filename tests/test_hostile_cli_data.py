"""Hostile inputs to the command line and the data loaders (issue 12).

Every user error of ``python -m course_utils`` must be one line on stderr, no
traceback, nothing on stdout and a non-zero exit; the loaders must refuse
what is not a regular file, pixels that are not 0..255 integers, absurdly
large declared datasets and files edited behind the checksum cache's back.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

import course_utils
from course_utils import data
from course_utils.cli import main
from course_utils.data import TRAIN_FILE, default_data_dir, load_dataset, load_h5_dataset

REPO = Path(course_utils.__file__).resolve().parent.parent


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def write_split(path, split, x, y=None, classes=(b"non-cat", b"cat")):
    x = np.asarray(x)
    if y is None:
        y = np.arange(x.shape[0]) % 2
    with h5py.File(path, "w") as f:
        f.create_dataset(f"{split}_set_x", data=x)
        f.create_dataset(f"{split}_set_y", data=np.asarray(y))
        f.create_dataset("list_classes", data=np.array(classes))
    return path


@pytest.fixture
def pair(tmp_path):
    rng = np.random.default_rng(0)
    train = write_split(tmp_path / "train.h5", "train",
                        rng.integers(0, 256, size=(6, 4, 5, 3), dtype=np.uint8))
    test = write_split(tmp_path / "test.h5", "test",
                       rng.integers(0, 256, size=(3, 4, 5, 3), dtype=np.uint8))
    return train, test


@pytest.fixture
def data_copy(tmp_path):
    return Path(shutil.copytree(default_data_dir(), tmp_path / "data"))


def cli_error(capsys, argv, pattern, status):
    """Run the CLI in-process and check the one-line, traceback-free error."""
    got = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert got == status, captured.err
    assert captured.out == ""
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert re.search(pattern, lines[0]), lines[0]
    return lines[0]


def cli_subprocess(argv, tmp_path, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "course_utils", *map(str, argv)],
        capture_output=True, text=True, timeout=timeout, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def train_args(train, test):
    return ["train", "--train-file", train, "--test-file", test, "--iterations", "1"]


# ---------------------------------------------------------------------------
# 1. The CLI reports OS, memory and validation errors in one line
# ---------------------------------------------------------------------------

def test_cli_train_file_that_is_a_folder(capsys, tmp_path, pair):
    _, test = pair
    cli_error(capsys, train_args(tmp_path, test),
              r"^python -m course_utils train: error: --train-file .* is a folder; pass the "
              r"path of the \.h5 file inside it\.$", 2)


def _open_failing_for(monkeypatch, target: Path, err: int):
    real_open = os.open

    def fake_open(path, *args, **kwargs):
        if Path(path) == target:
            raise OSError(err, os.strerror(err), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


def test_cli_unreadable_train_file(capsys, monkeypatch, pair):
    # Tests run as root, where chmod 000 does not block reads: simulate it.
    train, test = pair
    _open_failing_for(monkeypatch, train, errno.EACCES)
    line = cli_error(capsys, train_args(train, test),
                     r"^python -m course_utils train: error: could not access .*train\.h5: "
                     r"Permission denied \(errno 13\)\. Check that the path is right, that "
                     r"you may read \(or write\) it", 1)
    assert "[Errno" not in line


def test_cli_io_error(capsys, monkeypatch, pair):
    train, test = pair
    _open_failing_for(monkeypatch, test, errno.EIO)
    cli_error(capsys, train_args(train, test),
              r"^python -m course_utils train: error: could not access .*test\.h5: "
              r"Input/output error \(errno 5\)\..*disk is healthy\.$", 1)


def test_cli_release_out_names_an_existing_file(capsys, tmp_path):
    out = tmp_path / "notes.txt"
    out.write_text("keep me")
    cli_error(capsys, ["release", "--out", out],
              r"^python -m course_utils release: error: --out .*notes\.txt is an existing "
              r"file, not a folder: expected a folder to write the student notebooks to "
              r"\(it is created if needed\)\. Pass another --out, or move the file away\.$", 2)
    assert out.read_text() == "keep me"


def test_cli_memory_error_is_one_line(capsys, monkeypatch, pair):
    import course_utils.cli as cli

    def out_of_memory(*args, **kwargs):
        raise MemoryError("Unable to allocate 22.4 TiB for an array")

    monkeypatch.setattr(cli, "L_layer_model", out_of_memory)
    cli_error(capsys, train_args(*pair),
              r"^python -m course_utils train: error: not enough memory \(Unable to allocate "
              r"22\.4 TiB for an array\)\. Use smaller --layers sizes, such as 20,7,5, or "
              r"smaller data files\.$", 1)


def _overcommit_always():
    try:
        return Path("/proc/sys/vm/overcommit_memory").read_text().strip() == "1"
    except OSError:
        return False


@pytest.mark.skipif(_overcommit_always(), reason="with vm.overcommit_memory=1 a 22 TiB "
                    "allocation may succeed and the kernel kills the process later")
def test_cli_huge_layers_reproducer(capsys):
    cli_error(capsys, ["train", "--layers", "1000000000", "--iterations", "1"],
              r"^python -m course_utils train: error: not enough memory \(Unable to allocate "
              r".*\)\. Use smaller --layers sizes", 1)


# ---------------------------------------------------------------------------
# 2. Anything but a regular file is refused before it is opened
# ---------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_refused_without_opening_it(tmp_path, monkeypatch, pair):
    _, test = pair
    fifo = tmp_path / "train_fifo.h5"
    os.mkfifo(fifo)
    real_open = os.open

    def guarded_open(path, *args, **kwargs):
        assert Path(path) != fifo, "the FIFO was opened"
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    with pytest.raises(ValueError, match=r"train_path .*train_fifo\.h5 is a named pipe \(FIFO\): "
                                         r"expected a regular \.h5 file\. Pass the path of the "
                                         r"HDF5 file itself"):
        load_h5_dataset(fifo, test)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_cli_fifo_does_not_hang(tmp_path, pair):
    train, _ = pair
    fifo = tmp_path / "test_fifo.h5"
    os.mkfifo(fifo)
    result = cli_subprocess(train_args(train, fifo), tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"python -m course_utils train: error: --test-file {fifo} is a named pipe (FIFO): "
        f"expected a regular .h5 file. Pass the path of the HDF5 file itself (save the data "
        f"to a file first if it comes from a pipe or a device)."
    ]


def test_character_device_is_refused(pair):
    train, _ = pair
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    with pytest.raises(ValueError, match=r"test_path /dev/null is a character device: "
                                         r"expected a regular \.h5 file"):
        load_h5_dataset(train, "/dev/null")


# ---------------------------------------------------------------------------
# 3. Pixels must be whole numbers in 0..255
# ---------------------------------------------------------------------------

def test_float_pixels_in_0_1_are_refused(tmp_path, pair):
    _, test = pair
    x = np.random.default_rng(1).random((4, 4, 5, 3))
    train = write_split(tmp_path / "scaled.h5", "train", x)
    with pytest.raises(ValueError, match=r"train_set_x in .*scaled\.h5 must hold integer pixel "
                                         r"values in 0\.\.255 \(uint8\), got non-whole or "
                                         r"non-finite values \(dtype float64, min 0\.\d+, max "
                                         r"0\.\d+\)\. Store the raw 0\.\.255 pixels as uint8"):
        load_h5_dataset(train, test)


def test_negative_pixels_are_refused(tmp_path, pair):
    train, _ = pair
    x = np.full((3, 4, 5, 3), 7, dtype=np.int16)
    x[0, 0, 0, 0] = -3
    test = write_split(tmp_path / "negative.h5", "test", x)
    with pytest.raises(ValueError, match=r"test_set_x in .*negative\.h5 must hold integer pixel "
                                         r"values in 0\.\.255 \(uint8\), got values outside "
                                         r"0\.\.255 \(dtype int16, min -3, max 7\)"):
        load_h5_dataset(train, test)


def test_pixels_above_255_are_refused(tmp_path, pair):
    train, _ = pair
    test = write_split(tmp_path / "big.h5", "test", np.full((3, 4, 5, 3), 256, dtype=np.int32))
    with pytest.raises(ValueError, match=r"got values outside 0\.\.255 \(dtype int32, min 256, "
                                         r"max 256\)"):
        load_h5_dataset(train, test)


def test_integer_pixels_in_range_still_load(tmp_path, pair):
    train, _ = pair
    x = np.arange(3 * 4 * 5 * 3).reshape(3, 4, 5, 3).astype(np.int64) % 256
    test = write_split(tmp_path / "int64.h5", "test", x)
    _, _, test_x, _, _ = load_h5_dataset(train, test)
    assert test_x.dtype == np.int64
    np.testing.assert_array_equal(test_x, x)


def test_cli_float_pixels_exit_non_zero(capsys, tmp_path, pair):
    train, _ = pair
    test = write_split(tmp_path / "scaled.h5", "test", np.full((3, 4, 5, 3), 0.5))
    cli_error(capsys, train_args(train, test),
              r"^python -m course_utils train: error: test_set_x in .*scaled\.h5 must hold "
              r"integer pixel values in 0\.\.255 \(uint8\), got non-whole or non-finite values "
              r"\(dtype float64, min 0\.5, max 0\.5\)\.", 2)


# ---------------------------------------------------------------------------
# 4. The checksum cache sees same-size edits whose mtime was put back
# ---------------------------------------------------------------------------

def test_same_size_edit_with_mtime_restored_fails_the_checksum(data_copy):
    load_dataset(data_copy)  # verified and cached
    train = data_copy / TRAIN_FILE
    before = train.stat()
    with open(train, "r+b") as f:
        f.seek(before.st_size // 2)
        byte = f.read(1)
        f.seek(before.st_size // 2)
        f.write(bytes([byte[0] ^ 0xFF]))
    os.utime(train, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = train.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    with pytest.raises(ValueError, match=r"cifar_cat_train\.h5 does not match its checksum in "
                                         r".*SHA256SUMS: expected sha256 [0-9a-f]{64}, got "
                                         r"sha256 [0-9a-f]{64}\. The file is damaged or was "
                                         r"changed"):
        load_dataset(data_copy)


def test_unchanged_file_is_not_hashed_again(data_copy, monkeypatch):
    load_dataset(data_copy)

    def must_not_hash(path):
        raise AssertionError(f"{path} was hashed again")

    monkeypatch.setattr(data, "_sha256", must_not_hash)
    assert load_dataset(data_copy)[0].shape == (4000, 32, 32, 3)


# ---------------------------------------------------------------------------
# 5. Declared dataset sizes are checked before anything is read
# ---------------------------------------------------------------------------

def _huge_file(path, split):
    with h5py.File(path, "w") as f:
        # 200000 * 64 * 64 * 3 bytes = 2.29 GiB declared, nothing written.
        f.create_dataset(f"{split}_set_x", shape=(200000, 64, 64, 3), dtype=np.uint8,
                         chunks=(1, 64, 64, 3))
        f.create_dataset(f"{split}_set_y", data=np.zeros(200000, dtype=np.int64))
        f.create_dataset("list_classes", data=np.array([b"non-cat", b"cat"]))
    return path


def test_huge_declared_dataset_is_refused_before_reading(tmp_path, pair, monkeypatch):
    _, test = pair
    train = _huge_file(tmp_path / "huge.h5", "train")  # read first, so nothing is read before
    assert train.stat().st_size < 5_000_000  # the file itself is small

    def must_not_read(self, *args, **kwargs):
        raise AssertionError("a dataset was read before the declared sizes were checked")

    monkeypatch.setattr(h5py.Dataset, "__getitem__", must_not_read)
    with pytest.raises(ValueError, match=r"train_set_x in .*huge\.h5 declares shape \(200000, 64, "
                                         r"64, 3\) of uint8, 2\.29 GiB: expected at most 2 GiB "
                                         r"\(the course files hold a few MB\)\. The file is "
                                         r"damaged or not a course file"):
        load_h5_dataset(train, test)


def test_cli_huge_declared_dataset(capsys, tmp_path, pair):
    _, test = pair
    train = _huge_file(tmp_path / "huge.h5", "train")
    cli_error(capsys, train_args(train, test),
              r"^python -m course_utils train: error: train_set_x in .*huge\.h5 declares "
              r"shape \(200000, 64, 64, 3\) of uint8, 2\.29 GiB: expected at most 2 GiB", 2)


# ---------------------------------------------------------------------------
# 6. Message nits: broken external links, non-UTF-8 manifests
# ---------------------------------------------------------------------------

def test_broken_external_link_is_not_called_missing(tmp_path, pair):
    _, test = pair
    train = tmp_path / "linked.h5"
    with h5py.File(train, "w") as f:
        f["train_set_x"] = h5py.ExternalLink("nothere.h5", "/x")
        f["train_set_y"] = np.zeros(2, dtype=np.int64)
        f["list_classes"] = np.array([b"non-cat", b"cat"])
    with pytest.raises(ValueError, match=r"^train_set_x in .*linked\.h5 is an external link to "
                                         r"'/x' in file 'nothere\.h5', which cannot be followed "
                                         r"\(that file or object is missing or unreadable\): "
                                         r"expected a readable dataset\.") as info:
        load_h5_dataset(train, test)
    assert "missing the dataset" not in str(info.value)


def test_group_in_place_of_a_dataset(tmp_path, pair):
    _, test = pair
    train = tmp_path / "group.h5"
    with h5py.File(train, "w") as f:
        f.create_group("train_set_x")
        f["train_set_y"] = np.zeros(2, dtype=np.int64)
        f["list_classes"] = np.array([b"non-cat", b"cat"])
    with pytest.raises(ValueError, match=r"train_set_x in .*group\.h5 is not a dataset \(a group "
                                         r"or other object\): expected a readable dataset"):
        load_h5_dataset(train, test)


def test_non_utf8_manifest(data_copy):
    (data_copy / "SHA256SUMS").write_bytes(b"\xff\xfe" + b"a" * 64 + b"  cifar_cat_train.h5\n")
    with pytest.raises(ValueError, match=r"SHA256SUMS is not UTF-8 text \(byte b'\\xff' at offset "
                                         r"0\): expected UTF-8 text of '<sha256 hex>  <file name>' "
                                         r"lines as written by sha256sum\. Restore it with"):
        load_dataset(data_copy)


def test_null_dataspace_is_refused(tmp_path, pair):
    train, _ = pair
    test = tmp_path / "empty.h5"
    with h5py.File(test, "w") as f:
        f["test_set_x"] = h5py.Empty("u1")
        f["test_set_y"] = np.zeros(3, dtype=np.int64)
        f["list_classes"] = np.array([b"non-cat", b"cat"])
    with pytest.raises(ValueError, match=r"test_set_x in .*empty\.h5 is an empty dataset \(a null "
                                         r"dataspace, no values\): expected an array"):
        load_h5_dataset(train, test)


def test_dangling_soft_link_is_named(tmp_path, pair):
    _, test = pair
    train = tmp_path / "soft.h5"
    with h5py.File(train, "w") as f:
        f["train_set_x"] = h5py.SoftLink("/nowhere")
        f["train_set_y"] = np.zeros(2, dtype=np.int64)
        f["list_classes"] = np.array([b"non-cat", b"cat"])
    with pytest.raises(ValueError, match=r"train_set_x in .*soft\.h5 is a soft link to '/nowhere', "
                                         r"which does not exist: expected a readable dataset"):
        load_h5_dataset(train, test)


# ---------------------------------------------------------------------------
# Found by trying the CLI as a user would (issue 12)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("argv, pattern", [
    (["train", "--learning-rate", "abc"], r"argument --learning-rate: invalid float value: 'abc'"),
    (["train", "--layers", "a,b"], r"argument --layers: expected comma-separated hidden-layer sizes"),
    (["train", "--iterations", "1.5"], r"argument --iterations: "),
    (["train", "--layers", "99999999999999999999"],
     r"a hidden layer can have at most 2,147,483,647 units, got '99999999999999999999'"),
    ([], r"^python -m course_utils: error: the following arguments are required: COMMAND"),
])
def test_usage_errors_are_one_line(capsys, argv, pattern):
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err  # no usage block before it
    assert re.search(pattern, lines[0]) and lines[0].endswith("--help)"), lines[0]


def test_all_nan_pixels_give_one_line_and_no_numpy_warning(tmp_path, pair):
    train, test = pair
    write_split(tmp_path / "nan.h5", "train", np.full((6, 4, 5, 3), np.nan))
    with pytest.raises(ValueError, match=r"got non-whole or non-finite values \(dtype float64, no finite value at "
                                         r"all: 360 NaN\)"):
        load_h5_dataset(tmp_path / "nan.h5", test)
    run = cli_subprocess(train_args(tmp_path / "nan.h5", test), tmp_path)
    assert run.returncode == 2 and run.stdout == ""
    assert len(run.stderr.splitlines()) == 1, run.stderr  # no RuntimeWarning before it
