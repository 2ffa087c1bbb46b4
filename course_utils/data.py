"""Load and prepare the cat / non-cat images used by the course's classifiers.

Weeks 2 and 4 both train a binary "is there a cat in this picture?" classifier:
week 2 as logistic regression (a one-layer network), week 4 as a deep L-layer
network. Both start the same way, and this module holds those first steps once:

1. :func:`load_dataset` reads the shipped images and labels (32 x 32 RGB
   pictures cut from CIFAR-10: 4000 for training, 1000 for testing, half of
   each set cats) after checking them against the ``SHA256SUMS`` manifest;
   :func:`load_h5_dataset` reads any pair of files in the same HDF5 layout.
2. :func:`~course_utils.preprocessing.flatten` turns a stack of images
   into the matrix ``X`` of shape ``(n_x, m)``, one example per column, and
   :func:`~course_utils.preprocessing.standardize` scales the pixel values;
   they live in :mod:`course_utils.preprocessing` with
   :func:`~course_utils.preprocessing.accuracy`, and are offered here too.

A typical start of a notebook::

    train_x_orig, train_y, test_x_orig, test_y, classes = load_dataset()
    train_x = standardize(flatten(train_x_orig))    # (3072, 4000)
    test_x = standardize(flatten(test_x_orig))      # (3072, 1000)

The data are found next to the package (see :func:`default_data_dir`), never
relative to the current working directory, so a notebook can run from any
folder.
"""

from __future__ import annotations

import hashlib
import os
import stat as _stat
from pathlib import Path
from typing import Any

import h5py
import numpy as np


__all__ = [
    "TRAIN_FILE",
    "TEST_FILE",
    "COURSE_TRAIN_FILE",
    "COURSE_TEST_FILE",
    "DATA_DIR_VARIABLE",
    "data_dir_from_env",
    "default_data_dir",
    "load_dataset",
    "load_h5_dataset",
    "flatten",
    "standardize",
    "accuracy",
]

TRAIN_FILE = "cifar_cat_train.h5"
TEST_FILE = "cifar_cat_test.h5"
#: The names of the course's own 64 x 64 files, which load_dataset also accepts.
COURSE_TRAIN_FILE = "train_catvnoncat.h5"
COURSE_TEST_FILE = "test_catvnoncat.h5"
CHECKSUM_FILE = "SHA256SUMS"

_LFS_POINTER_PREFIX = b"version https://git-lfs.github.com/spec/v1"
_REBUILD_HINT = (
    "restore it with `git checkout -- data/` or rebuild it with scripts/build_data.py"
)

# Files already hashed and found to match, keyed by
# (resolved path, device, inode, size in bytes, mtime in ns, ctime in ns)
# -> sha256 hex digest.
# Hashing 14 MB on every load would make re-running a notebook cell slower for
# nothing. A file that is rewritten gets a new ctime (the inode change time,
# which os.utime cannot set back, unlike the mtime), or a new inode when it is
# replaced, so it is hashed again.
_VERIFIED: dict[tuple[str, int, int, int, int, int], str] = {}

# The largest dataset _read_split reads: the course files hold a few MB, so a
# file declaring more is damaged or not a course file, and reading it would
# exhaust memory before any other check could run.
_MAX_DATASET_BYTES = 2 * 1024**3


# ---------------------------------------------------------------------------
# Where the data live
# ---------------------------------------------------------------------------

def default_data_dir() -> Path:
    """Return the folder holding the shipped data files.

    Two places are tried, in this order, and the first that contains
    ``TRAIN_FILE`` wins:

    1. ``course_utils/data/`` next to this module, where an installed wheel
       puts the files;
    2. ``data/`` at the root of the repository, for a source checkout or an
       editable install.

    Both are found from this module's own location, so the answer does not
    depend on the current working directory.

    Returns
    -------
    data_dir : pathlib.Path
        Absolute path of the folder with ``TRAIN_FILE``, ``TEST_FILE`` and
        ``SHA256SUMS``.

    Raises
    ------
    FileNotFoundError
        If neither place holds ``TRAIN_FILE``.

    Examples
    --------
    >>> data_dir = default_data_dir()
    >>> (data_dir / TRAIN_FILE).is_file()
    True
    """
    package_dir = Path(__file__).resolve().parent
    candidates = [package_dir / "data", package_dir.parent / "data"]
    for candidate in candidates:
        if (candidate / TRAIN_FILE).is_file():
            return candidate
    looked = " and ".join(str(c) for c in candidates)
    raise FileNotFoundError(
        f"Could not find the course data: {TRAIN_FILE} is in neither {looked}. "
        f"A clone of the course_utils repository ships them in its data/ folder; "
        f"install from that clone (pip install -e .) or pass "
        f"load_dataset(data_dir=...) pointing at a folder holding {TRAIN_FILE} "
        f"and {TEST_FILE}."
    )


DATA_DIR_VARIABLE = "NNDL_DATA_DIR"


def data_dir_from_env(variable: str = DATA_DIR_VARIABLE) -> Path | None:
    """Return the data folder named by an environment variable, or None.

    The notebooks' one data setting: ``NNDL_DATA_DIR`` names a folder holding
    the course's ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` (or this
    project's own file names). Unset, empty or blank means "not set", so
    :func:`load_dataset` uses the shipped data; an empty value must never
    mean the current directory. A leading ``~`` is expanded.

    Parameters
    ----------
    variable : str, default "NNDL_DATA_DIR"
        Name of the environment variable.

    Returns
    -------
    data_dir : pathlib.Path or None
        The folder, as an absolute path, or None when the variable is unset
        or blank.

    Raises
    ------
    FileNotFoundError
        If the variable names no existing folder; the message gives the
        variable, its value and, for a relative value, the folder it was
        read as.

    Examples
    --------
    >>> data_dir_from_env("NNDL_A_VARIABLE_NOBODY_SETS") is None
    True
    """
    value = os.environ.get(variable, "").strip()
    if not value:
        return None
    folder = Path(value).expanduser()
    # A relative value would be read against the kernel's working directory (the
    # notebook's folder), not the shell's where it was typed: say so when it fails.
    resolved = folder if folder.is_absolute() else Path.cwd() / folder
    if not resolved.is_dir():
        relative = "" if folder.is_absolute() else (
            f" (a relative path, read here as {resolved}; give the full path instead)")
        raise FileNotFoundError(
            f"{variable} is set to {value!r}{relative}, which is not an existing folder. "
            f"Set {variable} to the folder holding the course's {COURSE_TRAIN_FILE} and "
            f"{COURSE_TEST_FILE}, or unset it (or set it to an empty string) to use the "
            f"pictures shipped with course_utils."
        )
    return resolved


# ---------------------------------------------------------------------------
# Checksums
# ---------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_manifest(manifest: Path) -> dict[str, str]:
    """Parse ``sha256sum`` output: ``"<hex>  <name>"`` (or ``"<hex> *<name>"``)."""
    try:
        text = manifest.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"{manifest} is not UTF-8 text (byte {err.object[err.start:err.start + 1]!r} "
            f"at offset {err.start}): expected UTF-8 text of '<sha256 hex>  <file name>' "
            f"lines as written by sha256sum. {_REBUILD_HINT[0].upper()}{_REBUILD_HINT[1:]}."
        ) from None
    expected = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, name = line.partition(" ")
        name = name.lstrip(" *")
        if not sep or not name or len(digest) != 64:
            raise ValueError(
                f"{manifest} line {number} is {line!r}: expected '<sha256 hex>  <file name>' "
                f"as written by sha256sum. {_REBUILD_HINT[0].upper()}{_REBUILD_HINT[1:]}."
            )
        expected[name] = digest.lower()
    return expected


def _verify(path: Path, expected_digests: dict[str, str], manifest: Path) -> None:
    """Check ``path`` against its manifest entry, hashing only when not cached."""
    if path.name not in expected_digests:
        raise ValueError(
            f"{manifest} has no checksum for {path.name} (it lists "
            f"{sorted(expected_digests)}), so the file cannot be verified. "
            f"{_REBUILD_HINT[0].upper()}{_REBUILD_HINT[1:]}."
        )
    expected = expected_digests[path.name]
    stat = path.stat()
    key = (str(path.resolve()), stat.st_dev, stat.st_ino, stat.st_size,
           stat.st_mtime_ns, stat.st_ctime_ns)
    actual = _VERIFIED.get(key)
    if actual is None:
        actual = _sha256(path)
    if actual != expected:
        _VERIFIED.pop(key, None)
        raise ValueError(
            f"{path} does not match its checksum in {manifest}: expected sha256 "
            f"{expected}, got sha256 {actual}. The file is damaged or was changed; "
            f"{_REBUILD_HINT}."
        )
    _VERIFIED[key] = actual


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

def _check_path(
    path: Any, name: str, shipped_hint: str = "load_dataset() with no argument uses the files shipped with course_utils"
) -> Path:
    """Check that ``path`` names a readable HDF5 file, before h5py sees it.

    ``name`` is what the caller calls the path (a parameter, or the command
    line's option) and ``shipped_hint`` how that caller gets the shipped data.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"{name} must be a path (str or pathlib.Path), got {type(path).__name__}."
        )
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(
            f"{name} {path} does not exist. Check the path, and that the course "
            f"files were downloaded; {shipped_hint}."
        )
    if path.is_dir():
        raise IsADirectoryError(
            f"{name} {path} is a folder; pass the path of the .h5 file inside it."
        )
    _check_regular_file(path, name)
    # Non-blocking, so that a FIFO swapped in after the check cannot hang the
    # open; fstat then checks what was actually opened.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as f:
        _check_regular_file(path, name, os.fstat(f.fileno()))
        head = f.read(len(_LFS_POINTER_PREFIX))
    # A clone made without Git LFS has small text stubs in place of the data;
    # say so before h5py reports a baffling "not an HDF5 file".
    if head == _LFS_POINTER_PREFIX:
        raise ValueError(
            f"{name} {path} is a Git LFS pointer file, a small text stub, not the "
            f"data itself: the repository was cloned without Git LFS. Install Git "
            f"LFS and run `git lfs pull` in the repository to fetch the real file."
        )
    if not h5py.is_hdf5(path):
        raise ValueError(
            f"{name} {path} is not an HDF5 file (it starts with {head[:20]!r}). "
            f"Expected a .h5 file with train_set_x/train_set_y or "
            f"test_set_x/test_set_y; if you downloaded it, the download may have "
            f"saved an error page instead, so download it again."
        )
    return path


def _file_kind(mode: int) -> str:
    """What a path that is not a regular file is, in words, from its ``st_mode``."""
    return (
        "a folder" if _stat.S_ISDIR(mode) else
        "a named pipe (FIFO)" if _stat.S_ISFIFO(mode) else
        "a character device" if _stat.S_ISCHR(mode) else
        "a block device" if _stat.S_ISBLK(mode) else
        "a socket" if _stat.S_ISSOCK(mode) else
        "not a regular file"
    )


def _check_regular_file(path: Path, name: str, st: os.stat_result | None = None) -> None:
    """Refuse FIFOs, devices and sockets before they are opened (a FIFO blocks the open)."""
    mode = (path.stat() if st is None else st).st_mode
    if _stat.S_ISREG(mode):
        return
    kind = _file_kind(mode)
    raise ValueError(
        f"{name} {path} is {kind}: expected a regular .h5 file. Pass the path of "
        f"the HDF5 file itself (save the data to a file first if it comes from a "
        f"pipe or a device)."
    )


def _check_declared_size(path: Path, key: str, dataset: h5py.Dataset) -> None:
    """Refuse a dataset whose declared size is absurd, before reading any of it."""
    if dataset.shape is None:  # h5py.Empty: a null dataspace, no values at all
        raise ValueError(
            f"{key} in {path} is an empty dataset (a null dataspace, no values): expected "
            f"an array. The file is damaged or not a course file; rebuild it."
        )
    nbytes = int(np.prod(dataset.shape, dtype=object)) * dataset.dtype.itemsize
    if nbytes > _MAX_DATASET_BYTES:
        raise ValueError(
            f"{key} in {path} declares shape {dataset.shape} of {dataset.dtype}, "
            f"{nbytes / 1024**3:.2f} GiB: expected at most "
            f"{_MAX_DATASET_BYTES / 1024**3:.0f} GiB (the course files hold a few MB). "
            f"The file is damaged or not a course file; check that you passed the "
            f"right file, or split the data into smaller files."
        )


def _check_pixels(path: Path, key: str, x: np.ndarray) -> None:
    """Require whole-number pixel values in 0..255, as the course's uint8 images hold."""
    if x.dtype == np.uint8 or x.size == 0:
        return
    if x.dtype.kind not in "biuf":
        raise ValueError(
            f"{key} in {path} has dtype {x.dtype}: expected integer pixel values in "
            f"0..255 (uint8). Store the images as uint8."
        )
    if x.dtype.kind == "f":
        finite = np.isfinite(x)
        whole = finite.all() and bool((x == np.floor(x)).all())
    else:
        whole = True
    if not whole or x.min() < 0 or x.max() > 255:
        what = "non-whole or non-finite values" if not whole else "values outside 0..255"
        if x.dtype.kind == "f" and not np.isfinite(x).any():
            seen = f"dtype {x.dtype}, no finite value at all: {np.count_nonzero(np.isnan(x))} NaN"
        else:
            values = x[np.isfinite(x)] if x.dtype.kind == "f" else x
            seen = f"dtype {x.dtype}, min {values.min().item()!r}, max {values.max().item()!r}"
            if x.dtype.kind == "f" and values.size < x.size:
                seen += f", {x.size - values.size} NaN or infinite"
        raise ValueError(
            f"{key} in {path} must hold integer pixel values in 0..255 (uint8), got "
            f"{what} ({seen}). Store the "
            f"raw 0..255 pixels as uint8, e.g. np.round(x * 255).astype(np.uint8) for "
            f"images already scaled to [0, 1]; standardize() does the scaling after "
            f"loading."
        )


def _read_split(path: Path, split: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Read ``(x, y, classes)`` of one split from an open-and-close HDF5 file."""
    x_key, y_key = f"{split}_set_x", f"{split}_set_y"
    required = (x_key, y_key, "list_classes")
    try:
        with h5py.File(path, "r") as f:
            for key in required:
                if key in f and not isinstance(f.get(key), h5py.Dataset):
                    link = f.get(key, getlink=True)
                    if isinstance(link, h5py.ExternalLink):
                        what = (f"an external link to {link.path!r} in file {link.filename!r}, "
                                f"which cannot be followed (that file or object is missing or "
                                f"unreadable)")
                    elif isinstance(link, h5py.SoftLink) and f.get(key) is None:
                        what = f"a soft link to {link.path!r}, which does not exist"
                    else:
                        what = "not a dataset (a group or other object)"
                    raise ValueError(
                        f"{key} in {path} is {what}: expected a readable dataset. A "
                        f"{split} file needs the datasets {list(required)}; rebuild "
                        f"it with the data stored in the file itself."
                    )
            missing = [k for k in required if not isinstance(f.get(k), h5py.Dataset)]
            if missing:
                raise ValueError(
                    f"{path} is missing the dataset(s) {missing} of the course's "
                    f"{split} file; it has {sorted(f.keys())}. A {split} file needs "
                    f"{list(required)}; check that you passed the {split} file in "
                    f"the {split} position."
                )
            for key in required:
                _check_declared_size(path, key, f[key])
            x = f[x_key][()]
            y = f[y_key][()]
            classes = f["list_classes"][()]
    except OSError as err:
        # is_hdf5 only reads the signature; a truncated download fails here.
        raise ValueError(
            f"{path} looks like HDF5 but could not be read ({err}). It is probably "
            f"truncated or damaged: download it again, or {_REBUILD_HINT}."
        ) from err

    if x.ndim not in (2, 4):
        raise ValueError(
            f"{x_key} in {path} has shape {x.shape}: expected images of shape "
            f"(m, height, width, channels) or flat rows (m, n_x), one example per "
            f"entry of the first axis."
        )
    if x.shape[0] == 0:
        raise ValueError(
            f"{x_key} in {path} holds no examples (shape {x.shape}): expected at least "
            f"one picture. Check that you passed the right file, and that it was "
            f"written completely."
        )
    if y.ndim > 2 or (y.ndim == 2 and 1 not in y.shape) or y.dtype.kind not in "biuf":
        raise ValueError(
            f"{y_key} in {path} has shape {y.shape} and dtype {y.dtype}: expected "
            f"one numeric label per example, 0 (non-cat) or 1 (cat), of shape (m,) "
            f"or (1, m). Store the labels as integers, e.g. np.asarray(y, dtype=np.int64)."
        )
    y = y.reshape(1, -1)
    if x.shape[0] != y.shape[1]:
        raise ValueError(
            f"{x_key} in {path} holds {x.shape[0]} examples but {y_key} holds "
            f"{y.shape[1]} labels: every example needs exactly one label. The file "
            f"is inconsistent; rebuild it so both have the same length m."
        )
    outside = (y != 0) & (y != 1)
    if outside.any():
        values = np.unique(y[outside])[:5].tolist()
        raise ValueError(
            f"{y_key} in {path} must hold labels in {{0, 1}} (0 = non-cat, 1 = cat), "
            f"got {values}. Map the labels to 0/1 when writing the file, e.g. "
            f"(y == cat_label).astype(np.int64)."
        )
    _check_pixels(path, x_key, x)
    return x, y.astype(np.int64, copy=False), classes


def load_h5_dataset(
    train_path: str | os.PathLike[str], test_path: str | os.PathLike[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Load a train/test pair of HDF5 files in the course's layout.

    The train file must hold the datasets ``train_set_x``, ``train_set_y`` and
    ``list_classes``; the test file ``test_set_x``, ``test_set_y`` and
    ``list_classes``. Any other datasets are ignored. The files are read
    completely into memory and closed before returning.

    Parameters
    ----------
    train_path, test_path : str or os.PathLike
        Paths of the training and test files.

    Returns
    -------
    train_x_orig : ndarray of shape (m_train, height, width, channels)
        Training images, in the dtype stored (uint8 for the course files).
        Files storing flat rows give shape (m_train, n_x) instead.
    train_y : ndarray of shape (1, m_train), int64
        Training labels, 1 for cat and 0 for non-cat.
    test_x_orig : ndarray of shape (m_test, height, width, channels)
        Test images, like ``train_x_orig``.
    test_y : ndarray of shape (1, m_test), int64
        Test labels.
    classes : ndarray of shape (n_classes,)
        Class names as stored, e.g. ``array([b'non-cat', b'cat'])``;
        ``classes[label]`` names a label.

    Raises
    ------
    TypeError
        If a path is not a str or os.PathLike.
    FileNotFoundError
        If a file does not exist.
    ValueError
        If a path is not a regular file (a FIFO, device or socket), a file
        is a Git LFS pointer, is not HDF5 or cannot be read, lacks one of the
        datasets above (or holds a link to one that cannot be followed),
        declares a dataset larger than 2 GiB, has a different number of
        examples and labels, has labels outside {0, 1}, has images that are
        neither 4-D nor 2-D or pixel values that are not whole numbers in
        0..255; or if the two files disagree on the classes or image size.

    Examples
    --------
    >>> data_dir = default_data_dir()
    >>> train_x_orig, train_y, test_x_orig, test_y, classes = load_h5_dataset(
    ...     data_dir / TRAIN_FILE, data_dir / TEST_FILE)
    >>> train_x_orig.shape, train_y.shape
    ((4000, 32, 32, 3), (1, 4000))
    >>> [name.decode() for name in classes]
    ['non-cat', 'cat']
    """
    train_path = _check_path(train_path, "train_path")
    test_path = _check_path(test_path, "test_path")
    train_x_orig, train_y, train_classes = _read_split(train_path, "train")
    test_x_orig, test_y, classes = _read_split(test_path, "test")

    # A model trained on one file is scored on the other, so they must agree.
    if not np.array_equal(train_classes, classes):
        raise ValueError(
            f"The train and test files list different classes: {train_classes.tolist()} "
            f"in {train_path} and {classes.tolist()} in {test_path}. Pass two files "
            f"of the same dataset."
        )
    if train_x_orig.shape[1:] != test_x_orig.shape[1:]:
        raise ValueError(
            f"The train and test examples differ in shape: {train_x_orig.shape[1:]} "
            f"in {train_path} and {test_x_orig.shape[1:]} in {test_path}. Pass two "
            f"files of the same dataset."
        )
    return train_x_orig, train_y, test_x_orig, test_y, classes


def load_dataset(
    data_dir: str | os.PathLike[str] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Load the course's cat / non-cat images, checking them against their checksums.

    The files ``TRAIN_FILE`` and ``TEST_FILE`` in ``data_dir`` are first
    compared with the sha256 sums listed in ``data_dir / "SHA256SUMS"``, so a
    damaged or edited file fails loudly instead of quietly training on wrong
    data. A successful check is remembered for as long as the file keeps its
    path, inode, size, modification time and inode change time, so loading an
    unchanged file again does not hash again.
    The files are then read with :func:`load_h5_dataset`.

    Parameters
    ----------
    data_dir : str, os.PathLike or None, default=None
        Folder holding the two files. ``None`` means the shipped data,
        :func:`default_data_dir`, for which ``SHA256SUMS`` is required. A
        folder of your own may hold either ``TRAIN_FILE`` and ``TEST_FILE`` or
        the course's ``train_catvnoncat.h5`` and ``test_catvnoncat.h5``; its
        ``SHA256SUMS`` is used when present and the check is skipped when it
        is not.

    Returns
    -------
    train_x_orig : ndarray of shape (m_train, height, width, channels), uint8
        Training images, (4000, 32, 32, 3) for the shipped data.
    train_y : ndarray of shape (1, m_train), int64
        Training labels, 1 for cat and 0 for non-cat.
    test_x_orig : ndarray of shape (m_test, height, width, channels), uint8
        Test images, (1000, 32, 32, 3) for the shipped data.
    test_y : ndarray of shape (1, m_test), int64
        Test labels.
    classes : ndarray of shape (2,)
        ``array([b'non-cat', b'cat'])``: ``classes[label].decode()`` names a label.

    Raises
    ------
    TypeError
        If ``data_dir`` is not None, a str or an os.PathLike.
    ValueError
        If ``data_dir`` is an empty or blank string (use None for the shipped data).
    FileNotFoundError
        If the folder, a data file, or (for the default folder) ``SHA256SUMS``
        is missing.
    ValueError
        If a file does not match its checksum, ``SHA256SUMS`` is malformed or
        does not list it, or any of the problems listed in
        :func:`load_h5_dataset`.

    Examples
    --------
    >>> train_x_orig, train_y, test_x_orig, test_y, classes = load_dataset()
    >>> train_x_orig.shape, train_x_orig.dtype, test_y.shape
    ((4000, 32, 32, 3), dtype('uint8'), (1, 1000))
    >>> int(train_y.sum())  # half of the training pictures are cats
    2000
    """
    if data_dir is None:
        data_dir = default_data_dir()
        manifest_required = True
    else:
        if not isinstance(data_dir, (str, os.PathLike)):
            raise TypeError(
                f"data_dir must be a folder path (str or pathlib.Path) or None for "
                f"the shipped data, got {type(data_dir).__name__}."
            )
        if not str(data_dir).strip():
            raise ValueError(
                "data_dir is an empty path, which would mean the current directory. "
                "Pass None for the shipped data, or the folder holding "
                f"{TRAIN_FILE} and {TEST_FILE} (or the course's {COURSE_TRAIN_FILE} "
                f"and {COURSE_TEST_FILE})."
            )
        data_dir = Path(data_dir)
        manifest_required = False
        if not data_dir.is_dir():
            raise FileNotFoundError(
                f"data_dir {data_dir} is not an existing folder. Pass the folder "
                f"holding the course's {COURSE_TRAIN_FILE} and {COURSE_TEST_FILE} "
                f"(or {TRAIN_FILE} and {TEST_FILE}), or leave data_dir=None for "
                f"the shipped data."
            )

    # The cheap checks come first, so that a Git LFS stub gets the "git lfs
    # pull" advice rather than a checksum mismatch.
    train_name, test_name = TRAIN_FILE, TEST_FILE
    if not (data_dir / TRAIN_FILE).exists() and (data_dir / COURSE_TRAIN_FILE).exists():
        train_name, test_name = COURSE_TRAIN_FILE, COURSE_TEST_FILE  # the course's own files
    if not manifest_required and not (data_dir / train_name).exists():
        raise FileNotFoundError(
            f"{data_dir} holds neither the course's {COURSE_TRAIN_FILE} nor "
            f"{TRAIN_FILE}. Put the course's {COURSE_TRAIN_FILE} and "
            f"{COURSE_TEST_FILE} in it, or leave data_dir=None (NNDL_DATA_DIR "
            f"unset) for the shipped data."
        )
    train_path = _check_path(data_dir / train_name, "train file")
    test_path = _check_path(data_dir / test_name, "test file")

    manifest = data_dir / CHECKSUM_FILE
    if manifest.is_file():
        expected = _read_manifest(manifest)
        for path in (train_path, test_path):
            _verify(path, expected, manifest)
    elif manifest_required:
        raise FileNotFoundError(
            f"{manifest} is missing, so the shipped data cannot be verified. "
            f"{_REBUILD_HINT[0].upper()}{_REBUILD_HINT[1:]}."
        )
    return load_h5_dataset(train_path, test_path)


# flatten, standardize and accuracy moved to course_utils.preprocessing; they are offered here too.
from .preprocessing import accuracy, flatten, standardize  # noqa: E402,F401
