"""Tests for course_utils.data: loading, checksums, flatten, standardize, accuracy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import h5py
import numpy as np
import pytest

from course_utils import data
from course_utils.data import (
    COURSE_TEST_FILE,
    COURSE_TRAIN_FILE,
    TEST_FILE,
    TRAIN_FILE,
    accuracy,
    data_dir_from_env,
    default_data_dir,
    flatten,
    load_dataset,
    load_h5_dataset,
    standardize,
)


# ---------------------------------------------------------------------------
# Helpers and fixtures
# ---------------------------------------------------------------------------

def write_split(path: Path, split: str, x, y, classes=(b"non-cat", b"cat"), skip=()):
    """Write a small file in the course's HDF5 layout, leaving out ``skip`` keys."""
    datasets = {
        f"{split}_set_x": np.asarray(x),
        f"{split}_set_y": np.asarray(y),
        "list_classes": np.array(classes),
    }
    with h5py.File(path, "w") as f:
        for key, value in datasets.items():
            if key not in skip:
                f.create_dataset(key, data=value)
    return path


@pytest.fixture
def small_pair(tmp_path):
    """A valid synthetic train/test pair and the arrays written into it."""
    rng = np.random.default_rng(0)
    train_x = rng.integers(0, 256, size=(6, 4, 5, 3), dtype=np.uint8)
    test_x = rng.integers(0, 256, size=(3, 4, 5, 3), dtype=np.uint8)
    train_y = np.array([0, 1, 1, 0, 1, 0], dtype=np.int64)
    test_y = np.array([1, 0, 1], dtype=np.int64)
    train = write_split(tmp_path / "train.h5", "train", train_x, train_y)
    test = write_split(tmp_path / "test.h5", "test", test_x, test_y)
    return train, test, (train_x, train_y, test_x, test_y)


@pytest.fixture(scope="module")
def shipped():
    """The shipped data set, loaded once for the whole module."""
    return load_dataset()


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of the shipped data folder that a test may damage."""
    return Path(shutil.copytree(default_data_dir(), tmp_path / "data"))


# ---------------------------------------------------------------------------
# The shipped data
# ---------------------------------------------------------------------------

def test_shipped_data_shapes_dtypes_and_balance(shipped):
    train_x_orig, train_y, test_x_orig, test_y, classes = shipped
    assert train_x_orig.shape == (4000, 32, 32, 3)
    assert test_x_orig.shape == (1000, 32, 32, 3)
    assert train_x_orig.dtype == test_x_orig.dtype == np.uint8
    assert train_y.shape == (1, 4000) and test_y.shape == (1, 1000)
    assert train_y.dtype == test_y.dtype == np.int64
    assert int(train_y.sum()) == 2000 and int(test_y.sum()) == 500
    assert set(np.unique(train_y)) == {0, 1}
    assert classes.tolist() == [b"non-cat", b"cat"]
    for array in shipped:
        assert type(array) is np.ndarray  # read into memory, not h5py datasets


def test_shipped_checksums_match_manifest():
    data_dir = default_data_dir()
    expected = data._read_manifest(data_dir / "SHA256SUMS")
    assert set(expected) == {TRAIN_FILE, TEST_FILE}
    for name, digest in expected.items():
        assert data._sha256(data_dir / name) == digest


def test_default_data_dir_does_not_depend_on_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data_dir = default_data_dir()
    assert data_dir.is_absolute() and (data_dir / TRAIN_FILE).is_file()
    train_x_orig, train_y, *_ = load_dataset()
    assert train_x_orig.shape == (4000, 32, 32, 3) and train_y.shape == (1, 4000)


def test_default_data_dir_prefers_the_folder_inside_the_package(tmp_path, monkeypatch):
    # Lay out a fake installed wheel: site-packages/course_utils/{data.py, data/}.
    package = tmp_path / "site-packages" / "course_utils"
    (package / "data").mkdir(parents=True)
    (package / "data" / TRAIN_FILE).write_bytes(b"")
    (tmp_path / "site-packages" / "data").mkdir()
    (tmp_path / "site-packages" / "data" / TRAIN_FILE).write_bytes(b"")
    monkeypatch.setattr(data, "__file__", str(package / "data.py"))
    assert default_data_dir() == (package / "data").resolve()


def test_default_data_dir_missing_names_both_places(tmp_path, monkeypatch):
    package = tmp_path / "course_utils"
    package.mkdir()
    monkeypatch.setattr(data, "__file__", str(package / "data.py"))
    with pytest.raises(FileNotFoundError, match=r"course_utils[/\\]data and .*clone"):
        default_data_dir()


# ---------------------------------------------------------------------------
# Checksums
# ---------------------------------------------------------------------------

def flip_byte(path: Path, offset: int = -1000) -> None:
    """Invert one byte in place (in the compressed image data, past the header)."""
    with open(path, "r+b") as f:
        f.seek(offset, os.SEEK_END)
        byte = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([byte[0] ^ 0xFF]))


def test_corrupted_copy_fails_the_checksum(data_copy):
    flip_byte(data_copy / TRAIN_FILE)
    with pytest.raises(ValueError, match=r"cifar_cat_train\.h5.*expected sha256 [0-9a-f]{64}, "
                                         r"got sha256 [0-9a-f]{64}.*git checkout -- data/"):
        load_dataset(data_copy)


def test_verification_is_cached_until_the_file_changes(data_copy, monkeypatch):
    load_dataset(data_copy)  # hashes both files and remembers them
    real_sha256 = data._sha256

    def must_not_hash(path):
        raise AssertionError(f"{path} was hashed again")

    monkeypatch.setattr(data, "_sha256", must_not_hash)
    load_dataset(data_copy)

    # Rewriting the file (same size, newer mtime) must trigger a fresh check.
    train = data_copy / TRAIN_FILE
    flip_byte(train)
    st = train.stat()
    os.utime(train, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    monkeypatch.setattr(data, "_sha256", real_sha256)
    with pytest.raises(ValueError, match="sha256"):
        load_dataset(data_copy)


def test_lfs_stub_in_data_folder_gets_lfs_advice_not_checksum_error(data_copy):
    # A clone without Git LFS: the stub would also fail the checksum, but the
    # useful advice is `git lfs pull`, so that check must come first.
    (data_copy / TRAIN_FILE).write_text(
        "version https://git-lfs.github.com/spec/v1\noid sha256:" + "b" * 64 + "\nsize 1\n"
    )
    with pytest.raises(ValueError, match=r"train file .* Git LFS pointer.*git lfs pull"):
        load_dataset(data_copy)


def test_default_dir_requires_the_manifest(data_copy, monkeypatch):
    (data_copy / "SHA256SUMS").unlink()
    monkeypatch.setattr(data, "default_data_dir", lambda: data_copy)
    with pytest.raises(FileNotFoundError, match="SHA256SUMS is missing"):
        load_dataset()


def test_user_dir_without_manifest_loads_unverified(small_pair):
    train, test, (train_x, *_rest) = small_pair
    folder = train.parent
    train.rename(folder / TRAIN_FILE)
    test.rename(folder / TEST_FILE)
    train_x_orig, *_ = load_dataset(str(folder))
    np.testing.assert_array_equal(train_x_orig, train_x)


def test_manifest_without_the_file_is_rejected(data_copy):
    (data_copy / "SHA256SUMS").write_text(f"{'0' * 64}  other.h5\n")
    with pytest.raises(ValueError, match=r"has no checksum for cifar_cat_train\.h5"):
        load_dataset(data_copy)


def test_load_dataset_rejects_missing_folder_and_wrong_type(tmp_path):
    with pytest.raises(FileNotFoundError, match="is not an existing folder"):
        load_dataset(tmp_path / "nowhere")
    with pytest.raises(TypeError, match="data_dir must be a folder path"):
        load_dataset(42)


# ---------------------------------------------------------------------------
# load_h5_dataset: round trip and every bad input
# ---------------------------------------------------------------------------

def test_load_h5_dataset_round_trips(small_pair):
    train, test, (train_x, train_y, test_x, test_y) = small_pair
    got = load_h5_dataset(train, str(test))
    np.testing.assert_array_equal(got[0], train_x)
    np.testing.assert_array_equal(got[1], train_y.reshape(1, -1))
    np.testing.assert_array_equal(got[2], test_x)
    np.testing.assert_array_equal(got[3], test_y.reshape(1, -1))
    assert got[0].dtype == np.uint8 and got[1].dtype == np.int64
    assert got[1].shape == (1, 6) and got[3].shape == (1, 3)
    assert got[4].tolist() == [b"non-cat", b"cat"]
    # h5py must have closed the files: reopening for writing would fail otherwise.
    with h5py.File(train, "a"):
        pass


def test_load_h5_dataset_accepts_flat_rows(tmp_path):
    train = write_split(tmp_path / "a.h5", "train", np.ones((4, 7)), [0, 1, 0, 1])
    test = write_split(tmp_path / "b.h5", "test", np.ones((2, 7)), [1, 0])
    train_x, train_y, *_ = load_h5_dataset(train, test)
    assert train_x.shape == (4, 7) and train_y.shape == (1, 4)


def test_path_of_wrong_type(small_pair):
    _, test, _ = small_pair
    with pytest.raises(TypeError, match=r"train_path must be a path \(str or pathlib.Path\), got int"):
        load_h5_dataset(3, test)


def test_missing_file(tmp_path, small_pair):
    train, _, _ = small_pair
    with pytest.raises(FileNotFoundError, match=r"test_path .*absent\.h5 does not exist\. Check the path"):
        load_h5_dataset(train, tmp_path / "absent.h5")


def test_git_lfs_pointer(tmp_path, small_pair):
    _, test, _ = small_pair
    pointer = tmp_path / TRAIN_FILE
    pointer.write_text(
        "version https://git-lfs.github.com/spec/v1\n"
        "oid sha256:" + "a" * 64 + "\nsize 11501462\n"
    )
    with pytest.raises(ValueError, match=r"Git LFS pointer file.*git lfs pull"):
        load_h5_dataset(pointer, test)


def test_text_file_that_is_not_hdf5(tmp_path, small_pair):
    _, test, _ = small_pair
    page = tmp_path / "download.h5"
    page.write_text("<html>404 Not Found</html>")
    with pytest.raises(ValueError, match=r"is not an HDF5 file \(it starts with b'<html>.*download it again"):
        load_h5_dataset(page, test)


def test_hdf5_missing_keys(tmp_path, small_pair):
    _, test, _ = small_pair
    train = write_split(tmp_path / "bad.h5", "train", np.zeros((2, 3, 3, 3)), [0, 1],
                        skip=("train_set_y", "list_classes"))
    with pytest.raises(ValueError, match=r"missing the dataset\(s\) \['train_set_y', "
                                         r"'list_classes'\].*it has \['train_set_x'\]"):
        load_h5_dataset(train, test)


def test_test_file_in_train_position(small_pair):
    train, test, _ = small_pair
    with pytest.raises(ValueError, match=r"missing .*'train_set_x'.*passed the train file"):
        load_h5_dataset(test, train)


def test_mismatched_x_and_y_lengths(tmp_path, small_pair):
    _, test, _ = small_pair
    train = write_split(tmp_path / "bad.h5", "train", np.zeros((5, 3, 3, 3)), [0, 1, 1])
    with pytest.raises(ValueError, match=r"train_set_x .* holds 5 examples but train_set_y "
                                         r"holds 3 labels"):
        load_h5_dataset(train, test)


def test_labels_outside_0_1(tmp_path, small_pair):
    train, _, _ = small_pair
    test = write_split(tmp_path / "bad.h5", "test", np.zeros((3, 4, 5, 3)), [1, 2, -1])
    with pytest.raises(ValueError, match=r"test_set_y .* must hold labels in \{0, 1\} "
                                         r"\(0 = non-cat, 1 = cat\), got \[-1, 2\]"):
        load_h5_dataset(train, test)


def test_images_of_wrong_rank(tmp_path, small_pair):
    _, test, _ = small_pair
    train = write_split(tmp_path / "bad.h5", "train", np.zeros((2, 3, 3)), [0, 1])
    with pytest.raises(ValueError, match=r"train_set_x .* has shape \(2, 3, 3\): expected "
                                         r"images of shape \(m, height, width, channels\)"):
        load_h5_dataset(train, test)


def test_train_and_test_must_agree(tmp_path, small_pair):
    train, _, _ = small_pair
    other = write_split(tmp_path / "o.h5", "test", np.zeros((1, 4, 5, 3)), [1],
                        classes=(b"dog", b"cat"))
    with pytest.raises(ValueError, match="list different classes"):
        load_h5_dataset(train, other)
    other = write_split(tmp_path / "o.h5", "test", np.zeros((1, 8, 8, 3)), [1])
    with pytest.raises(ValueError, match=r"differ in shape: \(4, 5, 3\) .* \(8, 8, 3\)"):
        load_h5_dataset(train, other)


# ---------------------------------------------------------------------------
# flatten
# ---------------------------------------------------------------------------

def test_flatten_puts_one_image_per_column():
    images = np.arange(5 * 4 * 3 * 3, dtype=np.uint8).reshape(5, 4, 3, 3)
    X = flatten(images)
    assert X.shape == (36, 5) and X.dtype == np.uint8
    for i in range(5):
        np.testing.assert_array_equal(X[:, i], images[i].ravel())
    assert np.shares_memory(X, images)  # a view, no copy


def test_flatten_on_shipped_images(shipped):
    X = flatten(shipped[0])
    assert X.shape == (3072, 4000)
    np.testing.assert_array_equal(X[:, 17], shipped[0][17].ravel())


def test_flatten_handles_zero_examples():
    assert flatten(np.zeros((0, 2, 2, 3))).shape == (12, 0)


def test_flatten_rejects_rank_1_and_non_arrays():
    with pytest.raises(ValueError, match=r"images has shape \(12,\): a rank-1 array.*images\[np.newaxis\]"):
        flatten(np.zeros(12))
    with pytest.raises(TypeError, match=r"images must be a numpy array .* got list"):
        flatten([[1, 2], [3, 4]])


# ---------------------------------------------------------------------------
# standardize
# ---------------------------------------------------------------------------

def test_standardize_255_pinned_values():
    X = np.array([[0, 51, 255], [102, 204, 153]], dtype=np.uint8)
    out = standardize(X)
    np.testing.assert_array_equal(out, [[0.0, 0.2, 1.0], [0.4, 0.8, 0.6]])
    assert out.dtype == np.float64 and out.shape == X.shape


def test_standardize_meanstd_gives_zero_mean_unit_std():
    rng = np.random.default_rng(1)
    X = rng.integers(0, 256, size=(8, 50)).astype(np.float64)
    X[3] = 7.0  # a constant feature
    before = X.copy()
    out = standardize(X, "meanstd")
    np.testing.assert_array_equal(X, before)  # input untouched
    assert np.isfinite(out).all()
    keep = np.arange(8) != 3
    # Tolerance: float64 round-off on 50 values of size ~100 stays far below 1e-12.
    np.testing.assert_allclose(out[keep].mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(out[keep].std(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_array_equal(out[3], 0.0)  # (7 - 7) / 1


def test_standardize_test_set_uses_train_statistics():
    train = np.array([[0.0, 2.0, 4.0], [10.0, 10.0, 10.0]])  # means 2, 10; stds sqrt(8/3), 0
    test = np.array([[2.0, 6.0], [11.0, 9.0]])
    train_before, test_before = train.copy(), test.copy()
    out = standardize(test, "meanstd", reference=train)
    std0 = np.sqrt(8 / 3)
    np.testing.assert_allclose(out, [[0.0, 4.0 / std0], [1.0, -1.0]], rtol=1e-15)
    np.testing.assert_array_equal(train, train_before)
    np.testing.assert_array_equal(test, test_before)


def test_standardize_keeps_float32():
    X = np.linspace(0, 255, 12, dtype=np.float32).reshape(3, 4)
    for method in ("255", "meanstd"):
        assert standardize(X, method).dtype == np.float32
    ref = np.linspace(0, 100, 6).reshape(3, 2)  # float64 reference
    assert standardize(X, "meanstd", reference=ref).dtype == np.float32


def test_standardize_rejects_rank_1():
    with pytest.raises(ValueError, match=r"X has shape \(5,\): a rank-1 array\. Examples are columns"):
        standardize(np.arange(5.0))


def test_standardize_rejects_nan():
    X = np.ones((2, 3))
    X[1, 2] = np.nan
    with pytest.raises(ValueError, match=r"X contains NaN \(1 non-finite entries, the first at \[1, 2\]\)"):
        standardize(X)


def test_standardize_unknown_method_lists_the_valid_ones():
    with pytest.raises(ValueError, match=r"Unknown method 'minmax': expected one of '255', 'meanstd'"):
        standardize(np.ones((2, 2)), "minmax")


def test_standardize_reference_with_other_rows():
    with pytest.raises(ValueError, match=r"reference has 3 rows \(features\) but X has 2"):
        standardize(np.ones((2, 4)), "meanstd", reference=np.ones((3, 4)))


# ---------------------------------------------------------------------------
# accuracy
# ---------------------------------------------------------------------------

def test_accuracy_value():
    Y = np.array([[1, 0, 0, 1]])
    assert accuracy(np.array([[1, 0, 1, 1]]), Y) == 0.75
    assert accuracy(Y.copy(), Y) == 1.0
    assert isinstance(accuracy(Y, Y), float)


def test_accuracy_shape_mismatch():
    Y = np.array([[1, 0, 1]])
    with pytest.raises(ValueError, match=r"predictions has shape \(3, 1\) but Y has shape "
                                         r"\(1, 3\).*pass predictions\.T"):
        accuracy(Y.T, Y)
    with pytest.raises(ValueError, match=r"predictions has shape \(1, 2\) but Y has shape \(1, 3\)"):
        accuracy(np.array([[1, 0]]), Y)


def test_accuracy_flags_unthresholded_probabilities():
    with pytest.raises(ValueError, match=r"look like probabilities.*\(AL > 0\.5\)"):
        accuracy(np.array([[0.9, 0.2]]), np.array([[1, 0]]))


def test_accuracy_rejects_rank_1_predictions():
    with pytest.raises(ValueError, match=r"predictions has shape \(2,\): a rank-1 array"):
        accuracy(np.array([1, 0]), np.array([[1, 0]]))


def test_load_dataset_accepts_a_folder_with_the_course_file_names(tmp_path):
    # A learner who has the course's own files points data_dir at their folder.
    shutil.copy(default_data_dir() / TRAIN_FILE, tmp_path / COURSE_TRAIN_FILE)
    shutil.copy(default_data_dir() / TEST_FILE, tmp_path / COURSE_TEST_FILE)
    train_x_orig, train_y, test_x_orig, test_y, classes = load_dataset(tmp_path)
    assert train_x_orig.shape == (4000, 32, 32, 3) and test_y.shape == (1, 1000)


# ---------------------------------------------------------------------------
# NNDL_DATA_DIR: the notebooks' one data setting
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", [None, "", "   ", "\t\n"])
def test_data_dir_from_env_unset_or_blank_means_the_shipped_data(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("NNDL_DATA_DIR", value)
    assert data_dir_from_env() is None


def test_data_dir_from_env_names_a_folder(monkeypatch, tmp_path):
    (tmp_path / "course").mkdir()
    monkeypatch.setenv("NNDL_DATA_DIR", f" {tmp_path} ")
    assert data_dir_from_env() == tmp_path
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NNDL_DATA_DIR", "~/course")
    assert data_dir_from_env() == tmp_path / "course"
    # A relative value is read against the working directory and returned absolute.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NNDL_DATA_DIR", "course")
    assert data_dir_from_env() == tmp_path / "course"


def test_data_dir_from_env_names_the_variable_when_the_folder_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("NNDL_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match=(
            r"NNDL_DATA_DIR is set to '.*nowhere', which is not an existing folder\. "
            r"Set NNDL_DATA_DIR to the folder holding the course's train_catvnoncat\.h5 "
            r"and test_catvnoncat\.h5, or unset it")):
        data_dir_from_env()
    # Typed in the repository's root but read in notebooks/: the message says where it looked.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NNDL_DATA_DIR", "my_course_data")
    with pytest.raises(FileNotFoundError, match=(
            rf"a relative path, read here as {tmp_path}/my_course_data; give the full path")):
        data_dir_from_env()


def test_load_dataset_names_the_course_files_for_a_folder_without_them(tmp_path):
    with pytest.raises(FileNotFoundError, match=(
            r"holds neither the course's train_catvnoncat\.h5 nor cifar_cat_train\.h5\. "
            r"Put the course's train_catvnoncat\.h5 and test_catvnoncat\.h5 in it")):
        load_dataset(tmp_path)


@pytest.mark.parametrize("value", ["", "  "])
def test_load_dataset_refuses_an_empty_path_instead_of_reading_the_current_directory(
        value, tmp_path, monkeypatch):
    # Even with course files in the current directory, "" is a mistake, not a folder.
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match="empty path.*Pass None for the shipped data"):
        load_dataset(value)
