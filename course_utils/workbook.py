"""The learner's workbook: blank exercises, and a private copy of them to work in.

Three folders of the repository take part:

- ``notebooks/`` holds the *solved* source notebooks (every exercise written out
  between ``### BEGIN SOLUTION`` and ``### END SOLUTION``);
- ``workbook/`` holds the *learner's* versions, committed to the repository:
  every solution replaced by nbgrader's stub (``raise NotImplementedError()``),
  no outputs. :func:`build` writes them (``make workbook``), and
  ``tests/test_workbook.py`` fails when they are out of step with ``notebooks/``;
- the learner's own folder (``my-notebooks/``, ignored by git), where
  :func:`copy_for_learner` copies the workbook the first time ``make lab`` runs.

:func:`copy_for_learner` never overwrites a file: once a notebook is in the
learner's folder it belongs to the learner. It remembers, in a hidden file
(:data:`RECORD_NAME`), which version of each workbook notebook it copied, so
that when a ``git pull`` brings a newer one it can say so, in one line, instead
of replacing the learner's work. The copy needs only the standard library
(``make lab`` installs no nbgrader); :func:`build` needs the ``classroom``
extra.

From the command line::

    python -m course_utils.workbook build --out workbook/          # make workbook
    python -m course_utils.workbook copy --workbook workbook/ --to my-notebooks/
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "RECORD_NAME",
    "CopyReport",
    "default_workbook_dir",
    "build",
    "copy_for_learner",
    "main",
]

#: The hidden file in the learner's folder that records, for each notebook
#: copied there, the SHA-256 of the workbook version it was copied from.
RECORD_NAME = ".workbook-copies.json"

_PATTERN = "week*.ipynb"


def default_workbook_dir() -> Path:
    """Return the repository's ``workbook/`` folder, found from this module's location.

    The answer never depends on the current working directory. The folder may
    not exist (an installed wheel carries no workbook): :func:`copy_for_learner`
    says so when it is asked to copy from it.
    """
    return Path(__file__).resolve().parent.parent / "workbook"


# ================================================================ build (make workbook)

def build(source_dir: str | Path | None = None, out_dir: str | Path | None = None) -> list[Path]:
    """Write the workbook: the learner's version of every ``week*.ipynb`` in ``source_dir``.

    It is :func:`course_utils.classroom.release` (nbgrader's ``ClearSolutions``
    and ``ClearOutput``, and no saved widget state) into ``out_dir``, whose
    notebooks that no longer have a source are then removed, so that the
    folder mirrors ``notebooks/``.
    The output depends only on the sources: building twice gives the same bytes.

    Parameters
    ----------
    source_dir : str, pathlib.Path or None
        The solved notebooks; None means the repository's ``notebooks/``.
    out_dir : str, pathlib.Path or None
        Where to write; None means the repository's ``workbook/``.

    Returns
    -------
    paths : list of pathlib.Path
        The notebooks written, in week order.

    Raises
    ------
    ImportError
        If nbgrader is not installed (``pip install "course-utils[classroom]"``).
    """
    from .classroom import release

    out = default_workbook_dir() if out_dir is None else Path(out_dir)
    written = release(source_dir, out)
    keep = {path.name for path in written}
    for stale in out.glob(_PATTERN):
        if stale.name not in keep:
            stale.unlink()
    return written


# ================================================================ copy (make lab)

@dataclass
class CopyReport:
    """What :func:`copy_for_learner` did, notebook by notebook (file names only).

    Attributes
    ----------
    copied : list of str
        Notebooks the learner did not have, now copied from the workbook.
    kept : list of str
        Notebooks the learner already had; none of them was touched.
    newer : list of str
        Among ``kept``, those whose workbook version has changed since the
        learner's copy was made (a ``git pull`` brought a new version).
    """

    copied: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    newer: list[str] = field(default_factory=list)

    def lines(self, workbook_dir: str | Path, learner_dir: str | Path) -> list[str]:
        """The report for the learner, one line per fact worth knowing."""
        out = []
        if self.copied:
            out.append(f"Copied {len(self.copied)} notebook{'s' if len(self.copied) != 1 else ''} "
                       f"from {workbook_dir} to {learner_dir}: {', '.join(self.copied)}")
        unchanged = [name for name in self.kept if name not in self.newer]
        if unchanged:
            out.append(f"Kept your {len(unchanged)} notebook{'s' if len(unchanged) != 1 else ''} "
                       f"in {learner_dir} as they are.")
        for name in self.newer:
            out.append(f"A newer {Path(workbook_dir, name)} is available; your {Path(learner_dir, name)} "
                       f"is kept as it is (to start afresh, rename yours and run make lab again).")
        return out


def _fingerprint(path: Path) -> str:
    # Line endings are normalised so that a checkout with CRLF endings is the same version.
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def _read_record(path: Path) -> dict[str, str]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}  # unreadable: start a new one; it only ever guides messages, never overwrites
    if not isinstance(record, dict):
        return {}
    return {k: v for k, v in record.items() if isinstance(k, str) and isinstance(v, str)}


def _write_record(path: Path, record: dict[str, str]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".workbook-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=1, sort_keys=True)
        handle.write("\n")
    os.replace(tmp, path)


def copy_for_learner(workbook_dir: str | Path | None = None,
                     learner_dir: str | Path = "my-notebooks") -> CopyReport:
    """Copy each workbook notebook the learner does not have yet; never overwrite one.

    A notebook missing from ``learner_dir`` is copied (created exclusively, so
    even a file that appears in the meantime is not replaced). A notebook the
    learner has is left exactly as it is; if the workbook's version differs
    from the one it was copied from, it is listed in ``CopyReport.newer``.
    A learner who wants a fresh copy renames or deletes theirs and runs this
    again.

    Parameters
    ----------
    workbook_dir : str, pathlib.Path or None
        The folder of blank notebooks; None means the repository's ``workbook/``.
    learner_dir : str or pathlib.Path
        The learner's folder; created if missing.

    Returns
    -------
    CopyReport

    Raises
    ------
    FileNotFoundError
        If ``workbook_dir`` holds no ``week*.ipynb``.
    NotADirectoryError
        If ``learner_dir`` exists and is not a folder.
    """
    workbook = default_workbook_dir() if workbook_dir is None else Path(workbook_dir)
    learner = Path(learner_dir)
    sources = sorted(workbook.glob(_PATTERN)) if workbook.is_dir() else []
    if not sources:
        what = "does not exist" if not workbook.exists() else "holds no week*.ipynb notebooks"
        raise FileNotFoundError(
            f"The workbook folder {workbook} {what}. It comes with a clone of the course "
            "repository: run this from a clone (git clone, then make lab), restore it with "
            "`git checkout -- workbook`, or rebuild it from notebooks/ with `make workbook`.")
    if learner.exists() and not learner.is_dir():
        raise NotADirectoryError(
            f"{learner} should be the folder for your own notebooks, but it is a file. "
            "Rename or move that file, then run make lab again.")
    learner.mkdir(parents=True, exist_ok=True)

    record_path = learner / RECORD_NAME
    record = _read_record(record_path)
    report = CopyReport()
    for source in sources:
        target = learner / source.name
        version = _fingerprint(source)
        try:
            with open(target, "xb") as handle:  # "x": fails rather than overwrite
                handle.write(source.read_bytes())
        except FileExistsError:
            report.kept.append(source.name)
            copied_from = record.get(source.name)
            if copied_from is None and _fingerprint(target) == version:
                record[source.name] = version  # untouched copy of this version
            elif copied_from is not None and copied_from != version:
                report.newer.append(source.name)
        else:
            report.copied.append(source.name)
            record[source.name] = version
    _write_record(record_path, record)
    return report


# ================================================================ command line

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course_utils.workbook",
        description="Build the learner's workbook from the solved notebooks, or copy it into "
        "the learner's own folder without overwriting anything.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_cmd = commands.add_parser("build", help="write the blank notebooks (needs nbgrader)")
    build_cmd.add_argument("--source", type=Path, default=None,
                           help="the solved notebooks (default: the repository's notebooks/)")
    build_cmd.add_argument("--out", type=Path, default=None,
                           help="where to write (default: the repository's workbook/)")
    copy_cmd = commands.add_parser("copy", help="copy the notebooks the learner does not have yet")
    copy_cmd.add_argument("--workbook", type=Path, default=None,
                          help="the blank notebooks (default: the repository's workbook/)")
    copy_cmd.add_argument("--to", type=Path, required=True, help="the learner's folder")
    args = parser.parse_args(argv)

    try:
        if args.command == "build":
            for path in build(args.source, args.out):
                print(f"wrote {path}")
        else:
            workbook = default_workbook_dir() if args.workbook is None else args.workbook
            report = copy_for_learner(workbook, args.to)
            for line in report.lines(workbook, args.to):
                print(line)
    except (OSError, ValueError, ImportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through the command line
    raise SystemExit(main())
