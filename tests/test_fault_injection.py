"""Fault injection for the data files (issue 12): every kind of bad file, both routes.

One table of faults. Each is injected into a copy of a data folder, then read
through the library (``load_dataset`` on the folder) and through the command
line (``python -m course_utils train``, in-process): each must end in one
clear error, the same on both routes, and none may hang. A watchdog alarm
turns a hang into a failure instead of a stuck test run.

Content faults go into a folder without ``SHA256SUMS`` (a learner's own
folder), so that the reader itself has to notice them; with the manifest the
checksum notices first, which the ``manifest`` cases pin.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

import h5py
import numpy as np
import pytest

from course_utils.cli import main
from course_utils.data import TEST_FILE, TRAIN_FILE, default_data_dir, load_dataset

WATCHDOG_SECONDS = 30


@contextmanager
def watchdog(seconds=WATCHDOG_SECONDS):
    """Fail instead of hanging: SIGALRM interrupts even a blocking open() of a FIFO."""
    def hung(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: the fault made the loader hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def learner_folder(folder: Path) -> Path:
    """Two small, valid course-format files and no SHA256SUMS; returns the train file."""
    folder.mkdir()
    rng = np.random.default_rng(0)
    for name, split, m in ((TRAIN_FILE, "train", 6), (TEST_FILE, "test", 3)):
        with h5py.File(folder / name, "w") as f:
            f.create_dataset(f"{split}_set_x", data=rng.integers(0, 256, (m, 4, 5, 3), dtype=np.uint8))
            f.create_dataset(f"{split}_set_y", data=np.arange(m) % 2)
            f.create_dataset("list_classes", data=np.array([b"non-cat", b"cat"]))
    return folder / TRAIN_FILE


def shipped_copy(folder: Path) -> Path:
    """The shipped data with its SHA256SUMS; returns the train file."""
    shutil.copytree(default_data_dir(), folder)
    return folder / TRAIN_FILE


# ----------------------------------------------------------------- the faults

def truncated(path):
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])


def zero_bytes(path):
    path.write_bytes(b"")


def lfs_pointer(path):
    path.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:" + "0" * 64 + "\nsize 12345678\n")


def wrong_schema(path):
    with h5py.File(path, "a") as f:
        f.move("train_set_x", "train_x")


def float_pixels(path):
    with h5py.File(path, "a") as f:
        x = f["train_set_x"][...]
        del f["train_set_x"]
        f.create_dataset("train_set_x", data=x / 255.0)


def text_labels(path):
    with h5py.File(path, "a") as f:
        y = f["train_set_y"][...]
        del f["train_set_y"]
        f.create_dataset("train_set_y", data=y.astype("S1"))


def one_byte_flipped(path):
    content = bytearray(path.read_bytes())
    content[-1000] ^= 1
    path.write_bytes(bytes(content))


def a_folder(path):
    path.unlink()
    path.mkdir()


def a_fifo(path):
    path.unlink()
    os.mkfifo(path)


def missing(path):
    path.unlink()


def oversized_declaration(path):
    # A file of a few kB whose train_set_x declares 200,000 64x64 images
    # (2.29 GiB), never written: chunked storage allocates nothing.
    with h5py.File(path, "a") as f:
        del f["train_set_x"]
        f.create_dataset("train_set_x", shape=(200000, 64, 64, 3), dtype=np.uint8, chunks=(1, 64, 64, 3))


def no_examples(path):
    with h5py.File(path, "a") as f:
        for key, shape in (("train_set_x", (0, 4, 5, 3)), ("train_set_y", (0,))):
            dtype = f[key].dtype
            del f[key]
            f.create_dataset(key, shape=shape, dtype=dtype)


def malformed_manifest(path):
    (path.parent / "SHA256SUMS").write_text("this is not a checksum line\n")


CHECKSUM = r"does not match its checksum in .*SHA256SUMS: expected sha256 [0-9a-f]{64}, got sha256 [0-9a-f]{64}"

# (id, fault, folder kind, exception the library raises, what its message says)
FAULTS = [
    ("truncated", truncated, "learner", ValueError,
     r"looks like HDF5 but could not be read \(.*truncated file.*\)\. It is probably truncated or damaged"),
    ("truncated, with manifest", truncated, "shipped", ValueError, CHECKSUM),
    ("zero bytes", zero_bytes, "learner", ValueError, r"is not an HDF5 file \(it starts with b''\)"),
    ("LFS pointer", lfs_pointer, "learner", ValueError,
     r"is a Git LFS pointer file, a small text stub, not the data itself.*git lfs pull"),
    ("LFS pointer, with manifest", lfs_pointer, "shipped", ValueError, r"is a Git LFS pointer file"),
    ("wrong schema", wrong_schema, "learner", ValueError,
     r"is missing the dataset\(s\) \['train_set_x'\] of the course's train file; "
     r"it has \['list_classes', 'train_set_y', 'train_x'\]"),
    ("float pixels", float_pixels, "learner", ValueError,
     r"train_set_x in .* must hold integer pixel values in 0\.\.255 \(uint8\), got non-whole or non-finite "
     r"values \(dtype float64, min 0\.0, max 1\.0\)"),
    ("text labels", text_labels, "learner", ValueError,
     r"train_set_y in .* has shape \(6,\) and dtype \|S1: expected one numeric label per example, "
     r"0 \(non-cat\) or 1 \(cat\)"),
    ("no examples", no_examples, "learner", ValueError,
     r"train_set_x in .* holds no examples \(shape \(0, 4, 5, 3\)\): expected at least one picture"),
    ("checksum mismatch", one_byte_flipped, "shipped", ValueError, CHECKSUM),
    ("malformed SHA256SUMS", malformed_manifest, "shipped", ValueError,
     r"SHA256SUMS line 1 is 'this is not a checksum line': expected '<sha256 hex>  <file name>'"),
    ("a folder", a_folder, "learner", IsADirectoryError, r"is a folder; pass the path of the \.h5 file inside it"),
    ("a FIFO", a_fifo, "learner", ValueError,
     r"is a named pipe \(FIFO\): expected a regular \.h5 file"),
    ("missing", missing, "learner", FileNotFoundError,
     r"holds neither the course's train_catvnoncat\.h5 nor cifar_cat_train\.h5|"
     r"--train-file .* does not exist\. Check the path, .*; leave out --train-file and --test-file for the shipped data"),
    ("oversized declared dataset", oversized_declaration, "learner", ValueError,
     r"train_set_x in .* declares shape \(200000, 64, 64, 3\) of uint8, 2\.29 GiB: expected at most 2 GiB"),
]


@pytest.fixture(params=FAULTS, ids=[f[0] for f in FAULTS])
def faulty(request, tmp_path):
    name, fault, kind, error, pattern = request.param
    folder = tmp_path / "data"
    train = (learner_folder if kind == "learner" else shipped_copy)(folder)
    fault(train)
    return folder, train, error, pattern


def test_the_library_gives_one_clear_error(faulty):
    folder, _, error, pattern = faulty
    with watchdog(), pytest.raises(error) as raised:
        load_dataset(folder)
    message = str(raised.value)
    assert re.search(pattern, message), message
    assert "\n" not in message.strip()


def test_the_command_line_gives_the_same_error_in_one_line(faulty, capsys, monkeypatch):
    folder, train, error, pattern = faulty
    if (folder / "SHA256SUMS").exists():
        # The shipped-data route, pointed at the faulty copy the notebooks' way.
        monkeypatch.setenv("NNDL_DATA_DIR", str(folder))
        argv = ["train", "--iterations", "1", "--layers", ""]
    else:
        argv = ["train", "--train-file", str(train), "--test-file", str(folder / TEST_FILE), "--iterations", "1"]
    with watchdog():
        status = main(argv)
    captured = capsys.readouterr()
    assert status != 0
    assert captured.out == ""
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("python -m course_utils train: error: "), lines[0]
    assert re.search(pattern, lines[0]), lines[0]
    if "--train-file" in argv:  # the error names the option typed, not load_h5_dataset's parameter
        assert "train_path" not in lines[0], lines[0]


def test_the_watchdog_turns_a_hang_into_a_failure(tmp_path):
    # Proof that the guard above can fail: opening a FIFO with no writer blocks,
    # and the alarm must end it.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(TimeoutError, match="made the loader hang"), watchdog(1):
        open(fifo, "rb").close()
