"""Build the shipped ``data/`` folder from the CIFAR-10 cat / non-cat source file.

This is a maintainer's script, run once when the data changes; nothing in
``course_utils`` runs it or reads the source file. It writes two HDF5 files in
the course's schema and a checksum manifest that the loader verifies:

    data/cifar_cat_train.h5   train_set_x (m, 32, 32, 3) uint8, train_set_y (m,) int64,
                              list_classes (2,) bytes
    data/cifar_cat_test.h5    test_set_x, test_set_y, list_classes
    data/SHA256SUMS           one "<sha256>  <file name>" line per HDF5 file
    data/sample_picture.png   one 32 x 32 RGB test picture of a cat, for the notebooks'
                              "try your own image" cell (course_utils.load_picture())

Each file also carries ``<split>_set_source_class`` and ``<split>_set_source_id``
(which CIFAR-10 class and image each example came from), which the course's
loader ignores and which let a notebook say what a misclassified non-cat was.

The sample picture is chosen by a fixed rule: the first cat (label 1) of the
test split, in the source's order; its CIFAR-10 source id is written into the
PNG's "Source" text chunk and printed. It stays out of SHA256SUMS, which lists
what load_dataset() verifies.

The output is byte-for-byte reproducible: the same source gives the same
checksums, so a rebuild can be checked against the committed files.

Usage (from anywhere)::

    python scripts/build_data.py [--source PATH/TO/cifar10_cats.npz] [--out DIR]
    python scripts/build_data.py --only-picture    # only data/sample_picture.png
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import h5py
import numpy as np

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "datasets" / "cifar10_cats.npz"
DEFAULT_OUT = REPO / "data"
FILES = {"train": "cifar_cat_train.h5", "test": "cifar_cat_test.h5"}
SAMPLE_PICTURE = "sample_picture.png"  # course_utils.images.SAMPLE_PICTURE_FILE


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_split(path: Path, split: str, source: np.lib.npyio.NpzFile) -> None:
    x = source[f"{split}_x"]
    y = source[f"{split}_y"].astype(np.int64)
    if x.dtype != np.uint8 or x.ndim != 4 or x.shape[1:] != (32, 32, 3):
        raise ValueError(f"{split}_x: expected uint8 (m, 32, 32, 3), got {x.dtype} {x.shape}")
    if not np.isin(y, (0, 1)).all() or y.shape != (x.shape[0],):
        raise ValueError(f"{split}_y: expected (m,) labels in {{0, 1}}")
    # track_times=False keeps timestamps out of the file, so rebuilds are
    # byte-identical; gzip+shuffle is what keeps data/ under 16 MB.
    opts = dict(compression="gzip", compression_opts=9, shuffle=True, track_times=False)
    # libver="earliest" keeps the file readable by old HDF5 releases (the
    # course's own environment), and fixes the on-disk layout.
    with h5py.File(path, "w", libver="earliest", track_order=False) as f:
        f.create_dataset(f"{split}_set_x", data=x, chunks=(64, 32, 32, 3), **opts)
        f.create_dataset(f"{split}_set_y", data=y, track_times=False)
        f.create_dataset("list_classes", data=source["list_classes"], track_times=False)
        for extra in ("source_class", "source_id"):
            values = np.char.encode(source[f"{split}_{extra}"], "ascii")
            f.create_dataset(f"{split}_set_{extra}", data=values, **opts)


def write_sample_picture(path: Path, source: np.lib.npyio.NpzFile) -> str:
    """Write the first cat of the test split as a PNG at its native 32 x 32; return its id.

    The test split, so that no picture a model trains on is the one it is shown
    as "a new picture"; the first cat, so that the choice is a rule anyone can
    repeat, not a taste.
    """
    from PIL import Image, PngImagePlugin

    x, y = source["test_x"], source["test_y"]
    cats = np.flatnonzero(y == 1)
    if cats.size == 0:
        raise ValueError("test_y: expected at least one cat (label 1) in the test split")
    index = int(cats[0])
    source_id = str(source["test_source_id"][index])
    if x[index].shape != (32, 32, 3) or x[index].dtype != np.uint8:
        raise ValueError(f"test_x[{index}]: expected uint8 (32, 32, 3), got {x[index].dtype} {x[index].shape}")
    info = PngImagePlugin.PngInfo()
    info.add_text("Source", f"CIFAR-10 (Krizhevsky 2009), test split, {source_id}")
    # PNG is lossless, so the file holds exactly the pixels of test_set_x[index];
    # Pillow writes no timestamp, so a rebuild gives the same bytes.
    Image.fromarray(x[index]).save(path, format="PNG", pnginfo=info)
    return f"test index {index}, {source_id}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only-picture", action="store_true",
                        help=f"write only {SAMPLE_PICTURE}, leaving the HDF5 files and SHA256SUMS alone")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        parser.error(f"source file {args.source} not found; pass --source PATH/TO/cifar10_cats.npz")
    args.out.mkdir(parents=True, exist_ok=True)

    with np.load(args.source, allow_pickle=False) as source:
        picture = args.out / SAMPLE_PICTURE
        chosen = write_sample_picture(picture, source)
        print(f"{SAMPLE_PICTURE}: {chosen}, {picture.stat().st_size} bytes, "
              f"sha256 {sha256(picture)}")
        if args.only_picture:
            return 0
        lines = []
        for split, name in FILES.items():
            path = args.out / name
            write_split(path, split, source)
            digest = sha256(path)
            lines.append(f"{digest}  {name}\n")
            y = source[f"{split}_y"]
            print(f"{name}: {len(y)} images, {int(y.sum())} cats, "
                  f"{path.stat().st_size / 1e6:.2f} MB, sha256 {digest}")
    (args.out / "SHA256SUMS").write_text("".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
