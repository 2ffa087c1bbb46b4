"""Tests for course_utils.images: a picture file of one's own as a training-style array.

Every picture here is a real file written to ``tmp_path`` with Pillow, in the
formats a learner brings (JPEG from a phone, PNG with transparency, grayscale,
palette), and every bad input gets its message pinned.
"""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import warnings
import zlib
from pathlib import Path

import h5py
import numpy as np
import pytest
from PIL import Image

import course_utils
from course_utils import images
from course_utils.data import TEST_FILE, default_data_dir
from course_utils.images import SAMPLE_PICTURE_FILE, load_picture, sample_picture_path

RED, GREEN, BLUE, WHITE, YELLOW = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255), (255, 255, 0)


def save(array: np.ndarray, path: Path, **options) -> Path:
    """Write ``array`` (height, width[, channels]) uint8 to ``path`` with Pillow."""
    Image.fromarray(np.asarray(array, dtype=np.uint8)).save(path, **options)
    return path


def solid(height: int, width: int, colour) -> np.ndarray:
    return np.broadcast_to(np.array(colour, dtype=np.uint8), (height, width, 3)).copy()


def close_to(pixels: np.ndarray, colour, tolerance: int = 3) -> bool:
    """True when every pixel of ``pixels`` (..., 3) is within ``tolerance`` of ``colour``."""
    difference = np.abs(pixels.astype(int) - np.array(colour)).max()
    return bool(difference <= tolerance)


# ---------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------

def test_png_of_the_target_size_keeps_its_exact_pixels(tmp_path):
    rng = np.random.default_rng(0)
    original = rng.integers(0, 256, size=(32, 32, 3), dtype=np.uint8)
    picture = load_picture(save(original, tmp_path / "noise.png"))
    assert picture.shape == (32, 32, 3) and picture.dtype == np.uint8
    assert picture.flags.writeable and picture.flags.c_contiguous
    np.testing.assert_array_equal(picture, original)


def test_jpeg_round_trip_gives_the_training_layout(tmp_path):
    # A smooth picture, which JPEG keeps well: a red ramp across, a blue ramp down.
    ramp = np.linspace(0, 255, 32)
    original = np.zeros((32, 32, 3), dtype=np.uint8)
    original[..., 0] = ramp[np.newaxis, :]
    original[..., 2] = ramp[:, np.newaxis]
    picture = load_picture(save(original, tmp_path / "ramp.jpg", quality=95))
    assert picture.shape == (32, 32, 3) and picture.dtype == np.uint8
    assert picture.min() <= 10 and picture.max() >= 245  # the full 0..255 range, not [0, 1]
    assert np.abs(picture.astype(int) - original).mean() < 4


def test_a_large_photo_is_shrunk_with_height_and_width_in_array_order(tmp_path):
    # 400 wide, 200 high: red on top, blue below. size=(20, 40) is (height, width).
    original = np.concatenate([solid(100, 400, RED), solid(100, 400, BLUE)])
    picture = load_picture(save(original, tmp_path / "wide.png"), size=(20, 40))
    assert picture.shape == (20, 40, 3)
    assert close_to(picture[:8], RED) and close_to(picture[-8:], BLUE)


def test_a_small_picture_is_enlarged(tmp_path):
    picture = load_picture(save(solid(8, 8, GREEN), tmp_path / "tiny.png"))
    assert picture.shape == (32, 32, 3) and close_to(picture, GREEN)


def test_size_64_gives_the_course_files_layout(tmp_path):
    original = np.concatenate([solid(100, 200, YELLOW), solid(100, 200, BLUE)])
    picture = load_picture(save(original, tmp_path / "square.png"), size=(64, 64))
    assert picture.shape == (64, 64, 3) and picture.dtype == np.uint8
    assert close_to(picture[:28], YELLOW) and close_to(picture[-28:], BLUE)
    assert load_picture(size=(64, 64)).shape == (64, 64, 3)


# ---------------------------------------------------------------------------
# Centre crop
# ---------------------------------------------------------------------------

def test_landscape_picture_loses_its_left_and_right_margins(tmp_path):
    # 64 wide, 48 high: the centred 48 x 48 square is columns 8..55. Its first
    # eight columns are white, the rest red; the margins outside it are green
    # and blue and must not reach the result.
    original = solid(48, 64, RED)
    original[:, :8] = GREEN
    original[:, 56:] = BLUE
    original[:, 8:16] = WHITE
    picture = load_picture(save(original, tmp_path / "landscape.png"))
    assert picture.shape == (32, 32, 3)
    assert picture[..., 1][:, 8:].max() <= 2, "green from the left margin came through"
    assert picture[..., 2][:, 8:].max() <= 2, "blue from the right margin came through"
    assert close_to(picture[:, 8:], RED)
    # The kept square starts exactly at column 8: its white band is the first 16/3 columns.
    assert close_to(picture[:, :4], WHITE, tolerance=10)


def test_portrait_picture_loses_its_top_and_bottom(tmp_path):
    original = solid(64, 48, RED)
    original[:8] = GREEN
    original[56:] = BLUE
    picture = load_picture(save(original, tmp_path / "portrait.png"))
    assert close_to(picture, RED)


# ---------------------------------------------------------------------------
# Colour modes
# ---------------------------------------------------------------------------

def test_grayscale_becomes_three_equal_channels(tmp_path):
    gray = np.tile(np.arange(0, 256, 8, dtype=np.uint8), (32, 1))  # 32 x 32
    path = tmp_path / "gray.png"
    Image.frombytes("L", (32, 32), gray.tobytes()).save(path)
    assert Image.open(path).mode == "L"
    picture = load_picture(path)
    assert picture.shape == (32, 32, 3)
    for channel in range(3):
        np.testing.assert_array_equal(picture[..., channel], gray)


def test_sixteen_bit_grayscale_is_scaled_not_clipped(tmp_path):
    deep = np.full((32, 32), 65535, dtype=np.uint16)
    deep[:, :16] = 32896  # half of 65535, which is 128 in 8 bits
    path = tmp_path / "deep.png"
    Image.fromarray(deep).save(path)
    assert Image.open(path).mode.startswith("I")
    picture = load_picture(path)
    assert close_to(picture[:, :16], (128, 128, 128), tolerance=1)
    assert close_to(picture[:, 16:], WHITE, tolerance=0)


def rgba_picture() -> np.ndarray:
    """Left half opaque red; right half fully transparent *black*; a middle band half-transparent black."""
    rgba = np.zeros((32, 32, 4), dtype=np.uint8)
    rgba[:, :16] = (255, 0, 0, 255)
    rgba[:, 16:] = (0, 0, 0, 0)
    rgba[12:20, 16:] = (0, 0, 0, 128)
    return rgba


def test_transparency_is_laid_over_white_not_dropped_to_black(tmp_path):
    path = tmp_path / "logo.png"
    Image.fromarray(rgba_picture()).save(path)
    assert Image.open(path).mode == "RGBA"
    picture = load_picture(path)
    assert close_to(picture[:, :16], RED, tolerance=0)
    assert close_to(picture[:12, 16:], WHITE, tolerance=0)
    assert close_to(picture[12:20, 16:], (127, 127, 127), tolerance=1)


def test_grayscale_with_alpha_is_laid_over_white(tmp_path):
    la = np.zeros((32, 32, 2), dtype=np.uint8)
    la[:, :16] = (60, 255)   # opaque dark gray
    la[:, 16:] = (0, 0)      # transparent
    path = tmp_path / "la.png"
    Image.frombytes("LA", (32, 32), la.tobytes()).save(path)
    assert Image.open(path).mode == "LA"
    picture = load_picture(path)
    assert close_to(picture[:, :16], (60, 60, 60), tolerance=0)
    assert close_to(picture[:, 16:], WHITE, tolerance=0)


def test_palette_picture_gives_its_colours_and_its_transparent_index_is_white(tmp_path):
    indices = np.zeros((32, 32), dtype=np.uint8)
    indices[:, 10:20] = 1
    indices[:, 20:] = 2
    palette_image = Image.frombytes("P", (32, 32), indices.tobytes())
    palette_image.putpalette([*GREEN, *BLUE, 0, 0, 0] + [0] * (3 * 253))
    path = tmp_path / "palette.png"
    palette_image.save(path, transparency=2)  # index 2 (black) is transparent
    assert Image.open(path).mode == "P"
    picture = load_picture(path)
    assert close_to(picture[:, :10], GREEN, tolerance=0)
    assert close_to(picture[:, 10:20], BLUE, tolerance=0)
    assert close_to(picture[:, 20:], WHITE, tolerance=0)


def test_gif_gives_its_first_frame(tmp_path):
    frames = [Image.fromarray(solid(32, 32, c)) for c in (RED, BLUE)]
    path = tmp_path / "animation.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    assert close_to(load_picture(path), RED, tolerance=2)


# ---------------------------------------------------------------------------
# EXIF orientation
# ---------------------------------------------------------------------------

def landscape_red_left_blue_right() -> np.ndarray:
    return np.concatenate([solid(20, 20, RED), solid(20, 20, BLUE)], axis=1)  # 40 wide, 20 high


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_exif_orientation_6_is_applied(tmp_path, fmt):
    # Orientation 6: the camera was turned a quarter clockwise; shown upright,
    # the stored left edge is at the top. So red on top, blue below, portrait.
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / f"phone.{fmt.lower()}"
    Image.fromarray(landscape_red_left_blue_right()).save(path, format=fmt, exif=exif)
    picture = load_picture(path, size=(40, 20))
    assert close_to(picture[:16], RED, tolerance=12) and close_to(picture[-16:], BLUE, tolerance=12)


def test_without_exif_the_same_pixels_stay_as_stored(tmp_path):
    # The control for the test above: no orientation tag, no rotation.
    path = save(landscape_red_left_blue_right(), tmp_path / "plain.png")
    picture = load_picture(path, size=(20, 40))
    assert close_to(picture[:, :16], RED) and close_to(picture[:, -16:], BLUE)
    rotated_reading = load_picture(path, size=(40, 20))  # cropped to the middle, not rotated
    assert not close_to(rotated_reading[:16], RED, tolerance=12)


# ---------------------------------------------------------------------------
# The sample, and where things are found
# ---------------------------------------------------------------------------

def test_sample_loads_with_no_path_and_matches_the_file():
    path = sample_picture_path()
    assert path.is_absolute() and path.name == SAMPLE_PICTURE_FILE
    picture = load_picture()
    assert picture.shape == (32, 32, 3) and picture.dtype == np.uint8
    with Image.open(path) as stored:
        assert stored.mode == "RGB" and stored.size == (32, 32)
        np.testing.assert_array_equal(picture, np.asarray(stored))


def test_sample_is_the_first_cat_of_the_shipped_test_split():
    """data/README.md's provenance: test_set_x[1] of the test file, CIFAR-10 test/cat/0909.jpg."""
    with h5py.File(default_data_dir() / TEST_FILE, "r") as f:
        labels = f["test_set_y"][()]
        first_cat = int(np.flatnonzero(labels == 1)[0])
        expected = f["test_set_x"][first_cat]
        source_id = f["test_set_source_id"][first_cat].decode()
    assert first_cat == 1 and source_id == "test/cat/0909.jpg"
    np.testing.assert_array_equal(load_picture(), expected)
    with Image.open(sample_picture_path()) as stored:
        assert source_id in stored.info["Source"] and "test split" in stored.info["Source"]
    readme = (default_data_dir() / "README.md").read_text(encoding="utf-8")
    assert source_id in readme and "Krizhevsky" in readme


def test_loading_does_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    expected = load_picture()
    monkeypatch.chdir(tmp_path)
    assert sample_picture_path().is_file()
    np.testing.assert_array_equal(load_picture(), expected)


def test_relative_paths_are_read_from_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "photos").mkdir()
    save(solid(32, 32, BLUE), tmp_path / "photos" / "cat.png")
    monkeypatch.chdir(tmp_path)
    assert close_to(load_picture("photos/cat.png"), BLUE, tolerance=0)
    assert close_to(load_picture(Path("photos") / "cat.png"), BLUE, tolerance=0)


def test_a_leading_tilde_is_the_home_folder(tmp_path, monkeypatch):
    save(solid(32, 32, GREEN), tmp_path / "cat.png")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))  # what expanduser reads on Windows
    assert close_to(load_picture("~/cat.png"), GREEN, tolerance=0)


def test_sample_is_looked_for_inside_the_package_first(tmp_path, monkeypatch):
    # A fake installed wheel: site-packages/course_utils/{images.py, data/}.
    package = tmp_path / "site-packages" / "course_utils"
    for folder in (package / "data", tmp_path / "site-packages" / "data"):
        folder.mkdir(parents=True)
        (folder / SAMPLE_PICTURE_FILE).write_bytes(b"")
    monkeypatch.setattr(images, "__file__", str(package / "images.py"))
    assert sample_picture_path() == (package / "data" / SAMPLE_PICTURE_FILE).resolve()


def test_missing_sample_names_both_places(tmp_path, monkeypatch):
    package = tmp_path / "course_utils"
    package.mkdir()
    monkeypatch.setattr(images, "__file__", str(package / "images.py"))
    with pytest.raises(FileNotFoundError, match=r"sample_picture\.png is in neither .*course_utils[/\\]data and "):
        load_picture()


# ---------------------------------------------------------------------------
# Bad paths and bad files
# ---------------------------------------------------------------------------

def test_missing_file_names_the_absolute_path_and_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    looked_at = re.escape(str(tmp_path / "my_cat.jpg"))
    with pytest.raises(FileNotFoundError, match=(
            rf"Could not find the picture 'my_cat.jpg'\. There is no file {looked_at}: a relative "
            rf"path is read from the current folder, {re.escape(str(tmp_path))}.*Check the name")):
        load_picture("my_cat.jpg")


def test_missing_file_suggests_a_close_name(tmp_path, monkeypatch):
    save(solid(4, 4, RED), tmp_path / "My_Cat.jpeg")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"Did you mean 'My_Cat\.jpeg'\?"):
        load_picture("my_cat.jpg")


def test_missing_absolute_path_says_its_folder_does_not_exist(tmp_path):
    path = tmp_path / "no such folder" / "cat.png"
    with pytest.raises(FileNotFoundError, match=(
            rf"There is no file {re.escape(str(path))} \(the current folder is .*\)\. "
            rf"The folder {re.escape(str(path.parent))} does not exist either")):
        load_picture(path)


def test_folder_is_refused_and_its_pictures_are_named(tmp_path):
    save(solid(4, 4, RED), tmp_path / "a.png")
    with pytest.raises(IsADirectoryError, match=(
            rf"path {re.escape(str(tmp_path))} is a folder: expected a picture file .* "
            rf"such as '{re.escape(str(tmp_path / 'a.png'))}'")):
        load_picture(tmp_path)


EXPECTED = "expected a picture file such as a JPEG or PNG"


@pytest.mark.parametrize("content, message", [
    (b"I am a cat, honestly.\n", rf"is not a picture Pillow can read \(it starts with b'I am a cat.*{EXPECTED}"),
    (b"", rf"is empty \(0 bytes\): {EXPECTED}"),
    (b"<!DOCTYPE html><html><body>cat</body></html>", rf"is a web page \(HTML\), not a picture: {EXPECTED}"),
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", rf"is a HEIC/HEIF photo .*{EXPECTED}.*JPEG"),
    (b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\n", r"Git LFS pointer file.*git lfs pull"),
    (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, r"could not be decoded as a PNG file: it is truncated or damaged"),
], ids=["text", "empty", "html", "heic", "lfs-pointer", "broken-png-header"])
def test_a_file_that_is_not_a_picture_says_what_was_expected(tmp_path, content, message):
    path = tmp_path / "cat.jpg"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        load_picture(path)


def test_the_course_h5_file_is_refused_with_the_loader_to_use():
    with pytest.raises(ValueError, match=(
            rf"{TEST_FILE} is an HDF5 file, the format of the course's data sets, not a picture: "
            rf"{EXPECTED}\. Data sets load with load_dataset\(\)")):
        load_picture(default_data_dir() / TEST_FILE)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_truncated_picture_says_it_is_truncated(tmp_path, fmt):
    noise = np.random.default_rng(1).integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise).save(buffer, format=fmt)
    whole = buffer.getvalue()
    path = tmp_path / f"cut.{fmt.lower()}"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValueError, match=(
            rf"could not be decoded as a {fmt} file: it is truncated or damaged .*Expected a complete picture")):
        load_picture(path)


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width x height pixels (a decompression bomb's trick)."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    # The IHDR chunk follows the 8-byte signature: length (4), "IHDR", width, height, ...
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def test_a_decompression_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_declaring(30000, 30000))  # 900 million pixels, in a few bytes
    assert path.stat().st_size < 100
    with pytest.raises(ValueError, match=r"too large to be a sensible picture.*decompression bomb.*shrink it"):
        load_picture(path)


def test_above_pillows_warning_limit_is_refused_too_not_just_warned(tmp_path, monkeypatch):
    # Between MAX_IMAGE_PIXELS and twice that, Pillow only warns; load_picture refuses.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    path = save(solid(40, 40, RED), tmp_path / "big.png")  # 1600 pixels: 1000 < 1600 < 2000
    # Whatever the caller's warning filters (pytest's make RuntimeWarnings errors; a
    # notebook's show them once), the answer is the same error, not a warning.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match=r"Pillow refuses pictures of more than 1000 pixels"):
            load_picture(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match=r"is a named pipe \(FIFO\): expected a picture file"):
        load_picture(fifo)


@pytest.mark.parametrize("path, message", [
    (123, r"path must be the path of a picture file \(str or pathlib.Path\), or None .*got int\."),
    (b"cat.png", r"got bytes\. Decode it first"),
    (np.zeros((32, 32, 3), dtype=np.uint8), r"got a numpy array of shape \(32, 32, 3\).*a picture already"),
], ids=["int", "bytes", "array"])
def test_a_path_of_the_wrong_type_is_a_type_error(path, message):
    with pytest.raises(TypeError, match=message):
        load_picture(path)


@pytest.mark.parametrize("path", ["", "   "])
def test_an_empty_path_is_refused(path):
    with pytest.raises(ValueError, match=r"path is an empty string, which names no file"):
        load_picture(path)


# ---------------------------------------------------------------------------
# Bad sizes
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("size, error, message", [
    (32, TypeError, r"size must be a pair \(height, width\), got the single number 32\. Pass size=\(32, 32\)"),
    ("32x32", TypeError, r"size must be a pair \(height, width\) of whole numbers.*got str"),
    ((32,), ValueError, r"size must be a pair \(height, width\), got 1 value\(s\)"),
    ((32, 32, 3), ValueError, r"got 3 value\(s\): \(32, 32, 3\).*always gets 3 colour channels"),
    ((32.0, 32), TypeError, r"size must hold two whole numbers .* 32\.0 of type float"),
    ((True, 32), TypeError, r"size must hold two whole numbers .* True of type bool"),
    ((0, 32), ValueError, r"size must be two positive whole numbers of at most 4096 pixels, got \(0, 32\)"),
    ((32, -5), ValueError, r"size must be two positive whole numbers .* got \(32, -5\)"),
    ((5000, 5000), ValueError, r"at most 4096 pixels, got \(5000, 5000\)"),
], ids=["int", "str", "one", "three", "float", "bool", "zero", "negative", "huge"])
def test_a_bad_size_says_what_was_expected(size, error, message):
    with pytest.raises(error, match=message):
        load_picture(size=size)


def test_size_accepts_a_list_and_numpy_integers():
    assert load_picture(size=[16, 24]).shape == (16, 24, 3)
    assert load_picture(size=(np.int64(8), np.int32(8))).shape == (8, 8, 3)


def test_size_is_checked_before_the_file_is_read(tmp_path):
    with pytest.raises(ValueError, match="size must be"):
        load_picture(tmp_path / "missing.png", size=(0, 0))


# ---------------------------------------------------------------------------
# The package
# ---------------------------------------------------------------------------

def test_the_two_names_are_exported():
    assert course_utils.load_picture is load_picture
    assert course_utils.sample_picture_path is sample_picture_path
    assert {"load_picture", "sample_picture_path"} <= set(course_utils.__all__)


def test_import_course_utils_does_not_load_pillows_extra_modules():
    """Pillow's ImageOps is imported by load_picture, not by `import course_utils`."""
    code = ("import sys, course_utils, course_utils.images; "
            "print('PIL.ImageOps' in sys.modules); course_utils.load_picture(); "
            "print('PIL.ImageOps' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "MPLBACKEND": "Agg"})
    assert result.stdout.split() == ["False", "True"]


def test_the_images_module_itself_imports_quickly():
    # -X importtime prints "self | cumulative | module" in microseconds.
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", "import course_utils"],
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "MPLBACKEND": "Agg"})
    rows = [line.split("|") for line in result.stderr.splitlines() if line.rstrip().endswith("course_utils.images")]
    assert len(rows) == 1, result.stderr[-2000:]
    cumulative_us = int(rows[0][1])
    assert cumulative_us < 100_000, f"importing course_utils.images took {cumulative_us / 1000:.1f} ms"


def test_a_bad_picture_is_shown_in_one_line_in_jupyter(tmp_path):
    with pytest.raises(FileNotFoundError) as excinfo:
        load_picture(tmp_path / "my_cat.jpg")
    (line,) = excinfo.value._render_traceback_()
    assert line.startswith("FileNotFoundError: ") and "my_cat.jpg" in line
    (tmp_path / "notes.jpg").write_text("not a picture")
    with pytest.raises(ValueError) as excinfo:
        load_picture(tmp_path / "notes.jpg")
    assert excinfo.value._render_traceback_() == [f"ValueError: {excinfo.value}"]
