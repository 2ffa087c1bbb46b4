"""Read a picture of your own into the layout of the course's training pictures.

Weeks 2 and 4 end with "try your own image": the learner points the trained
cat classifier at a photo and reads its verdict. A photo is rarely 32 x 32
RGB, so :func:`load_picture` prepares it the way the shipped pictures were
prepared:

1. read the file with Pillow (JPEG, PNG, and anything else Pillow reads; of a
   GIF or multi-page TIFF, the first frame);
2. turn it upright as the camera recorded it (the EXIF orientation tag);
3. make it RGB: a grayscale picture gets three equal channels, and a
   transparent one is laid over white, so transparency does not turn black;
4. cut the largest centred part with the shape of ``size`` (a landscape photo
   loses its left and right margins, a portrait one its top and bottom);
5. shrink (or enlarge) that part to ``size`` with a Lanczos filter.

The result is a ``(height, width, 3)`` uint8 array, like one entry of
``train_x_orig`` from :func:`course_utils.load_dataset`, so the steps that
prepare the training set prepare it too::

    picture = load_picture("my_cat.jpg")         # (32, 32, 3) uint8
    x = standardize(flatten(picture[np.newaxis]))   # (3072, 1)

With no path, :func:`load_picture` reads a sample shipped with the project (a
cat from CIFAR-10's test split; see ``data/README.md``), found next to the
package like the training data, so it works from any folder.
"""

from __future__ import annotations

import difflib
import numbers
import os
import stat as _stat
import struct
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from .data import _file_kind

__all__ = ["SAMPLE_PICTURE_FILE", "load_picture", "sample_picture_path"]

#: File name of the shipped sample picture, in the data folder.
SAMPLE_PICTURE_FILE = "sample_picture.png"

# A side longer than this is a typing slip, not a model input: 4096 x 4096 x 3
# is already 50 MB, and the course's models take 32 x 32 (or 64 x 64).
_MAX_SIDE = 4096

# The start of files that learners pass by mistake, and what to tell them.
_HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"
_LFS_POINTER_PREFIX = b"version https://git-lfs.github.com/spec/v1"
# Pictures Pillow knows; a file that starts like one and still cannot be opened
# is damaged, not of the wrong kind.
_PICTURE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"BM": "BMP",
}
# ISO media brands of HEIF/HEIC, the format iPhones save photos in by default.
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")

_ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa")


# ---------------------------------------------------------------------------
# The sample
# ---------------------------------------------------------------------------

def sample_picture_path() -> Path:
    """Return the path of the sample picture shipped with the project.

    The sample is looked for where :func:`course_utils.default_data_dir` looks
    for the training data, in this order: ``course_utils/data/`` next to this
    module (an installed wheel), then ``data/`` at the root of the repository
    (a source checkout or an editable install). Both are found from this
    module's own location, so the answer does not depend on the current
    working directory.

    Returns
    -------
    path : pathlib.Path
        Absolute path of ``sample_picture.png``, a 32 x 32 RGB PNG of a cat
        from CIFAR-10's test split.

    Raises
    ------
    FileNotFoundError
        If neither place holds ``sample_picture.png``.

    Examples
    --------
    >>> path = sample_picture_path()
    >>> path.name, path.is_absolute()
    ('sample_picture.png', True)
    """
    package_dir = Path(__file__).resolve().parent
    candidates = [package_dir / "data", package_dir.parent / "data"]
    for candidate in candidates:
        if (candidate / SAMPLE_PICTURE_FILE).is_file():
            return candidate / SAMPLE_PICTURE_FILE
    looked = " and ".join(str(c) for c in candidates)
    raise FileNotFoundError(
        f"Could not find the sample picture: {SAMPLE_PICTURE_FILE} is in neither "
        f"{looked}. A clone of the course_utils repository ships it in its data/ "
        f"folder (scripts/build_data.py --only-picture rebuilds it); or pass "
        f"load_picture(path) the path of a picture of your own."
    )


# ---------------------------------------------------------------------------
# Checking the arguments
# ---------------------------------------------------------------------------

def _check_size(size: Any) -> tuple[int, int]:
    """Return ``size`` as ``(height, width)`` Python ints, or say what was expected."""
    example = "size=(32, 32) for the course's models"
    if isinstance(size, numbers.Integral) and not isinstance(size, bool):
        raise TypeError(
            f"size must be a pair (height, width), got the single number {size!r}. "
            f"Pass size=({size}, {size}) for a square picture."
        )
    if not isinstance(size, (tuple, list)):
        raise TypeError(
            f"size must be a pair (height, width) of whole numbers, such as "
            f"{example}; got {type(size).__name__}."
        )
    if len(size) != 2:
        raise ValueError(
            f"size must be a pair (height, width), got {len(size)} value(s): "
            f"{tuple(size)!r}. Pass two numbers, e.g. {example}; the picture always "
            f"gets 3 colour channels."
        )
    for side in size:
        if isinstance(side, bool) or not isinstance(side, numbers.Integral):
            raise TypeError(
                f"size must hold two whole numbers (height, width), got {tuple(size)!r}, "
                f"with {side!r} of type {type(side).__name__}. Pass ints, e.g. {example}."
            )
    height, width = int(size[0]), int(size[1])
    if height < 1 or width < 1 or height > _MAX_SIDE or width > _MAX_SIDE:
        raise ValueError(
            f"size must be two positive whole numbers of at most {_MAX_SIDE} pixels, "
            f"got {(height, width)!r}. Use the input size of your model, e.g. {example} "
            f"(n_x = 32 * 32 * 3 = 3072)."
        )
    return height, width


def _check_picture_path(path: Any) -> Path:
    """Return ``path`` as an absolute path to an existing regular file, or raise."""
    if isinstance(path, np.ndarray):
        raise TypeError(
            f"path must be the path of a picture file (str or pathlib.Path), got a numpy "
            f"array of shape {path.shape}. load_picture reads a file; an array you "
            f"already have is a picture already."
        )
    if not isinstance(path, (str, os.PathLike)):
        hint = " Decode it first: path.decode()." if isinstance(path, bytes) else ""
        raise TypeError(
            f"path must be the path of a picture file (str or pathlib.Path), or None "
            f"for the shipped sample, got {type(path).__name__}.{hint}"
        )
    text = os.fspath(path)
    if not isinstance(text, str):  # an os.PathLike that gives bytes
        raise TypeError(
            f"path must be the path of a picture file (str or pathlib.Path), got a "
            f"{type(path).__name__} that gives bytes, {text!r}. Pass it as a str."
        )
    if not text.strip():
        raise ValueError(
            "path is an empty string, which names no file. Pass the path of a picture, "
            "e.g. load_picture('my_cat.jpg'), or leave it out for the shipped sample."
        )
    given = Path(text).expanduser()
    cwd = Path.cwd()
    # What a learner typing a file name expects: relative to the current folder
    # (in Jupyter, the notebook's folder). Made absolute so every message names it.
    absolute = given if given.is_absolute() else cwd / given
    try:
        st = absolute.stat()
    except FileNotFoundError:
        raise FileNotFoundError(_missing_message(text, absolute, cwd)) from None
    if _stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(
            f"path {absolute} is a folder: expected a picture file (JPEG, PNG, ...). "
            f"Pass the path of a picture inside it{_pictures_in(absolute)}."
        )
    _check_regular_file(absolute, st)
    return absolute


def _missing_message(text: str, absolute: Path, cwd: Path) -> str:
    """Say which file was looked for, from which folder, and any close names."""
    if Path(text).expanduser().is_absolute():
        where = f"There is no file {absolute} (the current folder is {cwd})."
    else:
        where = (f"There is no file {absolute}: a relative path is read from the "
                 f"current folder, {cwd} (in Jupyter, the notebook's folder).")
    folder = absolute.parent
    if not folder.is_dir():
        advice = f" The folder {folder} does not exist either."
    else:
        names = _names_in(folder)
        by_lower = {name.lower(): name for name in names}
        close = difflib.get_close_matches(absolute.name.lower(), list(by_lower), n=3, cutoff=0.6)
        advice = (f" Did you mean {', '.join(repr(by_lower[c]) for c in close)}?"
                  if close else "")
    return (
        f"Could not find the picture {text!r}. {where}{advice} Check the name and its "
        f"extension (.jpg, .jpeg, .png), or pass the full path, e.g. "
        f"load_picture('/home/you/Pictures/cat.jpg')."
    )


def _names_in(folder: Path, limit: int = 2000) -> list[str]:
    """Up to ``limit`` entry names of ``folder`` (a huge folder is not listed in full)."""
    names = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                names.append(entry.name)
                if len(names) >= limit:
                    break
    except OSError:
        pass
    return names


def _pictures_in(folder: Path) -> str:
    """', such as 'a.jpg', 'b.png'' for a folder with pictures in it, else ''."""
    suffixes = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff"}
    pictures = sorted(n for n in _names_in(folder) if Path(n).suffix.lower() in suffixes)
    if not pictures:
        return ""
    return ", such as " + ", ".join(repr(str(folder / n)) for n in pictures[:3])


def _check_regular_file(path: Path, st: os.stat_result) -> None:
    """Refuse FIFOs, devices and sockets before they are read (a FIFO blocks the open)."""
    mode = st.st_mode
    if _stat.S_ISREG(mode):
        return
    kind = _file_kind(mode)
    raise ValueError(
        f"path {path} is {kind}: expected a picture file (JPEG, PNG, ...). Save the "
        f"picture to a file and pass its path."
    )


# ---------------------------------------------------------------------------
# Reading and preparing the picture
# ---------------------------------------------------------------------------

def _mix_up_message(path: Path, head: bytes) -> str | None:
    """Name the likely mix-up for a file that starts like a known non-picture, else None."""
    expected = "expected a picture file such as a JPEG or PNG"
    if not head:
        return f"{path} is empty (0 bytes): {expected}. Save or download the picture again."
    if head.startswith(_HDF5_SIGNATURE):
        return (f"{path} is an HDF5 file, the format of the course's data sets, not a "
                f"picture: {expected}. Data sets load with load_dataset() or "
                f"load_h5_dataset(); load_picture reads one photo.")
    if head.startswith(_LFS_POINTER_PREFIX):
        return (f"{path} is a Git LFS pointer file, a small text stub, not the picture "
                f"itself: {expected}. Run `git lfs pull` in the repository to fetch it.")
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return (f"{path} is a HEIC/HEIF photo (what iPhones save by default), which "
                f"Pillow cannot read on its own: {expected}. Export or convert it to "
                f"JPEG first (on an iPhone: Settings > Camera > Formats > Most Compatible).")
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return (f"{path} is a web page (HTML), not a picture: {expected}. The download "
                f"saved the page around the picture; download the image itself (right "
                f"click on it > Save image as).")
    return None


def _damaged_message(path: Path, head: bytes, err: BaseException) -> str:
    """Say that a file Pillow started to read is cut short or damaged."""
    kind = next((f" as a {name} file" for signature, name in _PICTURE_SIGNATURES.items()
                 if head.startswith(signature)), "")
    return (f"{path} could not be decoded{kind}: it is truncated or damaged ({err}). "
            f"Expected a complete picture file; open it in an image viewer, and save or "
            f"download it again.")


def _read(path: Path, Image: Any, UnidentifiedImageError: type) -> Any:
    """Open ``path`` and decode it fully, turning Pillow's errors into clear ones."""
    # Non-blocking, so that a FIFO swapped in after the check cannot hang the
    # open; fstat then checks what was actually opened.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as f:
        _check_regular_file(path, os.fstat(f.fileno()))
        head = f.read(64)
        # Before Pillow, which knows some of these by name (HDF5) but cannot read them.
        mix_up = _mix_up_message(path, head)
        if mix_up:
            raise ValueError(mix_up)
        f.seek(0)
        limit = Image.MAX_IMAGE_PIXELS
        try:
            # Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that;
            # here both refuse, so a huge file never starts to decode.
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(f)
                image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
            raise ValueError(
                f"{path} is too large to be a sensible picture: {err} Pillow refuses "
                f"pictures of more than {limit} pixels, because a small file can "
                f"declare a huge picture that fills the memory (a decompression bomb). "
                f"Expected a photo of ordinary size: shrink it in an image editor first "
                f"(the model sees it at 32 x 32), or, if you trust the file, raise "
                f"PIL.Image.MAX_IMAGE_PIXELS."
            ) from None
        except UnidentifiedImageError as err:
            if any(head.startswith(signature) for signature in _PICTURE_SIGNATURES):
                raise ValueError(_damaged_message(path, head, err)) from None
            raise ValueError(
                f"{path} is not a picture Pillow can read (it starts with {head[:16]!r}): "
                f"expected a picture file such as a JPEG or PNG. Check that you passed "
                f"the right file."
            ) from None
        except (OSError, SyntaxError, ValueError, EOFError) as err:
            # Pillow reads the header in open() and the pixels in load(): a file
            # that is cut short or damaged fails in one or the other.
            raise ValueError(_damaged_message(path, head, err)) from None
    return image


def _to_rgb(image: Any, Image: Any) -> Any:
    """Return ``image`` as RGB: alpha laid over white, grayscale to three channels."""
    if image.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N", "F"):
        # 16-bit (or float) grayscale: Pillow's own conversion clips to 255, which
        # would turn most of the picture white, so scale it to 0..255 here.
        values = np.asarray(image, dtype=np.float64)
        if image.mode == "F":
            scale = 255.0 if values.size and np.nanmax(values) <= 1.0 else 1.0
        else:
            scale = 255.0 / 65535.0 if values.size and values.max() > 255 else 1.0
        values = np.clip(np.nan_to_num(values * scale), 0, 255)
        image = Image.fromarray(np.round(values).astype(np.uint8))
    if image.mode in _ALPHA_MODES or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    try:
        return image.convert("RGB")
    except ValueError as err:
        raise ValueError(
            f"The picture has the colour mode {image.mode!r}, which cannot be turned "
            f"into RGB ({err}): expected an RGB, grayscale or palette picture. Save it "
            f"as an ordinary JPEG or PNG first."
        ) from None


def _centre_box(width: int, height: int, target_width: int, target_height: int) -> tuple[int, int, int, int]:
    """The largest centred (left, top, right, bottom) box with the target's aspect ratio."""
    # Compare width / height with target_width / target_height without division.
    if width * target_height > height * target_width:       # too wide: cut the sides
        crop_width = max(1, min(width, round(height * target_width / target_height)))
        left = (width - crop_width) // 2
        return left, 0, left + crop_width, height
    crop_height = max(1, min(height, round(width * target_height / target_width)))
    top = (height - crop_height) // 2                        # too tall (or exact): cut top and bottom
    return 0, top, width, top + crop_height


def load_picture(path: str | os.PathLike[str] | None = None, *, size: tuple[int, int] = (32, 32)) -> np.ndarray:
    """Read a picture file as a ``(height, width, 3)`` uint8 array, like a training picture.

    The picture is turned upright by its EXIF orientation, made RGB (a
    transparent picture is laid over white), cropped to the largest centred
    part with the aspect ratio of ``size``, and resized to ``size`` with a
    Lanczos filter. A picture that already has the size ``size`` keeps its
    exact pixels.

    Parameters
    ----------
    path : str, os.PathLike or None, default=None
        The picture file: a JPEG, PNG or anything else Pillow reads (of an
        animation, the first frame). A leading ``~`` is expanded, and a
        relative path is read from the current folder (in Jupyter, the
        notebook's folder). ``None`` loads the sample shipped with the
        project, :func:`sample_picture_path`.
    size : (int, int), default=(32, 32)
        ``(height, width)`` of the result, in this order, as in the array's
        shape (Pillow itself counts width first). ``(32, 32)`` matches the
        shipped training pictures; ``(64, 64)`` the course's own files.

    Returns
    -------
    picture : ndarray of shape (size[0], size[1], 3), uint8
        RGB pixel values in 0..255, the layout of one entry of
        ``train_x_orig``. ``flatten(picture[np.newaxis])`` gives the
        ``(n_x, 1)`` column a model takes, before the training set's
        ``standardize``.

    Raises
    ------
    TypeError
        If ``path`` is not None, a str or an os.PathLike, or ``size`` is not a
        pair of ints.
    ValueError
        If ``size`` does not have two values, or a side is not between 1 and
        4096; if ``path`` is empty, is not a regular file, is not a picture
        (a text, HDF5, HTML or HEIC file, for example), is truncated or
        damaged, or has more pixels than Pillow's decompression-bomb limit
        (``PIL.Image.MAX_IMAGE_PIXELS``).
    FileNotFoundError
        If there is no file at ``path``; the message gives the absolute path
        looked at and the current folder.
    IsADirectoryError
        If ``path`` is a folder.

    Examples
    --------
    >>> picture = load_picture()          # the shipped sample, a cat
    >>> picture.shape, picture.dtype
    ((32, 32, 3), dtype('uint8'))
    >>> load_picture(size=(64, 64)).shape
    (64, 64, 3)
    """
    try:
        height, width = _check_size(size)
        path = sample_picture_path() if path is None else _check_picture_path(path)

        # Imported here, not at the top: `import course_utils` need not load them.
        from PIL import Image, ImageOps, UnidentifiedImageError

        image = _read(path, Image, UnidentifiedImageError)
    except (OSError, TypeError, ValueError) as error:
        # The message says what was wrong with the picture and how to fix it; in Jupyter it is
        # shown as one line, not under a traceback through this module (type and message stay).
        error._render_traceback_ = lambda error=error: [f"{type(error).__name__}: {error}"]
        raise
    try:
        image = ImageOps.exif_transpose(image)
    except (ArithmeticError, LookupError, OSError, SyntaxError, TypeError, ValueError,
            struct.error) as err:  # what a malformed EXIF block can make Pillow raise
        warnings.warn(
            f"{path}: its EXIF orientation could not be read ({type(err).__name__}: {err}); "
            f"the picture is used as stored, which may be turned sideways.",
            UserWarning, stacklevel=2,
        )
    image = _to_rgb(image, Image)
    box = _centre_box(image.width, image.height, width, height)
    image = image.crop(box)
    if image.size != (width, height):
        # reducing_gap: shrink by whole factors first (fast), then Lanczos over
        # the last factor of at least 3, which looks the same as Lanczos all the way.
        image = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    picture = np.array(image, dtype=np.uint8)
    if picture.shape != (height, width, 3):  # pragma: no cover - a Pillow contract, checked once
        raise RuntimeError(f"load_picture produced shape {picture.shape}, expected {(height, width, 3)}")
    return picture
