"""The command line: ``python -m course_utils train ...``.

``train`` fits the same engine the notebooks use to two HDF5 files in the
course's schema (the shipped cat data by default) and prints one JSON line,
so that a learner can try settings, an instructor can check a set-up and CI
can smoke-test the package without opening a notebook::

    python -m course_utils train --layers 20,7,5 --iterations 2500
    python -m course_utils train --layers "" --learning-rate 0.005   # logistic regression

``release``, ``grade`` and ``merge`` are for instructors (see :mod:`course_utils.classroom`)::

    python -m course_utils release --out release/            # student notebooks, solutions removed
    python -m course_utils grade submitted/ --out report/     # a score table, a gradebook, feedback
    python -m course_utils grade submitted/ --shard 1/4 --out r1/   # one slice, for a batch system
    python -m course_utils merge r1/ r2/ r3/ r4/ --out report/      # the slices' gradebooks as one
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from .data import _check_path, accuracy, data_dir_from_env, flatten, load_dataset, load_h5_dataset, standardize
from .network import HIDDEN_ACTIVATIONS, INITIALIZATIONS, L_model_forward, compute_cost, predict
from .training import L_layer_model

__all__ = ["main"]


#: Beyond this numpy cannot even describe the weight matrix (its dimensions
#: overflow); below it, sizes too large for memory get the memory error.
_MAX_UNITS = 2**31 - 1


def _layers(text: str) -> list[int]:
    """Parse ``"20,7,5"`` into hidden-layer sizes; ``""`` means none."""
    text = text.strip()
    if not text:
        return []
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected comma-separated hidden-layer sizes such as 20,7,5 (or \"\" for logistic "
            f"regression), got {text!r}"
        ) from None
    if any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError(f"every hidden layer needs at least 1 unit, got {text!r}")
    if any(n > _MAX_UNITS for n in sizes):
        raise argparse.ArgumentTypeError(
            f"a hidden layer can have at most {_MAX_UNITS:,} units, got {text!r}; the course's "
            f"networks use tens, such as 20,7,5"
        )
    return sizes


class _OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (the usage is one --help away)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="python -m course_utils",
        description="Command line of the 'Neural Networks and Deep Learning' course companion.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    train = commands.add_parser(
        "train",
        help="train a network on HDF5 data and print one JSON line of results",
        description="Train an L-layer network (or logistic regression) by batch gradient "
        "descent and print train/test accuracy, final cost and time as one JSON line.",
    )
    train.add_argument("--train-file", help="HDF5 file with train_set_x, train_set_y, list_classes "
                       "(default: the folder named by NNDL_DATA_DIR, else the shipped CIFAR-10 cat data)")
    train.add_argument("--test-file", help="HDF5 file with test_set_x, test_set_y, list_classes")
    train.add_argument("--layers", type=_layers, default=[20, 7, 5],
                       help="hidden-layer sizes, comma-separated (default: 20,7,5); "
                       "\"\" for logistic regression")
    train.add_argument("--iterations", type=int, default=2500, help="gradient-descent steps (default: 2500)")
    train.add_argument("--learning-rate", type=float, default=0.0075, help="step size (default: 0.0075)")
    train.add_argument("--hidden-activation", choices=HIDDEN_ACTIVATIONS, default="relu")
    train.add_argument("--init", choices=tuple(INITIALIZATIONS), default=None,
                       help="weight initialisation (default: xavier; zeros for logistic regression)")
    train.add_argument("--seed", type=int, default=1, help="seed of the initial weights (default: 1)")
    train.add_argument("--standardize", choices=("255", "meanstd"), default="255",
                       help="divide pixels by 255, or standardise each feature with the "
                       "training set's mean and std (default: 255)")
    train.add_argument("--bold-driver", action="store_true", help="adapt the learning rate (Bold Driver)")
    train.add_argument("--progress", action="store_true", help="show a progress bar on stderr")

    release = commands.add_parser(
        "release",
        help="write the student notebooks: solutions and outputs removed (needs nbgrader)",
        description="Run nbgrader's ClearSolutions and ClearOutput over every week*.ipynb of the "
        "source folder and write the student versions. Prints the files written.",
    )
    release.add_argument("--source", metavar="DIR",
                         help="folder of source notebooks (default: notebooks/ of this repository)")
    release.add_argument("--out", metavar="DIR", default="release",
                         help="folder to write the student notebooks to (default: release)")

    grade = commands.add_parser(
        "grade",
        help="run submitted notebooks and check every exercise; print a score table",
        description="Run each notebook in a fresh kernel, check each exercise of its assignment "
        "and print a score table; with --out, also write a CSV gradebook, a JSON report, a "
        "feedback page per notebook and the executed notebooks. Exit status 0 when grading "
        "completed, whatever the scores; 1 when a notebook could not be graded (unreadable, "
        "or of no known assignment), or with --strict when anything did not pass; 2 for usage "
        "errors.",
    )
    grade.add_argument("notebooks", nargs="+", metavar="NOTEBOOK",
                       help="submitted .ipynb files, or folders of them (such as nbgrader's "
                       "submitted/ folder, laid out <student>/<assignment>/)")
    grade.add_argument("--out", metavar="DIR",
                       help="write grades.csv, report.json, feedback/<student>/ and executed/<student>/ here")
    grade.add_argument("--strict", action="store_true",
                       help="exit 1 unless every exercise of every notebook passed")
    grade.add_argument("--hints", action="store_true",
                       help="keep the checks' hints (how to fix each mistake) in the messages; off by "
                       "default, so that grades and feedback do not hand out answers")
    grade.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                       help="grade N notebooks at once, one BLAS thread per kernel (default: 1)")
    grade.add_argument("--shard", type=_shard, default=None, metavar="I/N",
                       help="grade only the I-th of N deterministic slices of the class (for a batch "
                       "system: run 1/N to N/N, each with its own --out, then merge)")

    merge = commands.add_parser(
        "merge",
        help="combine the --out folders of several grade --shard runs into one gradebook",
        description="Read the report.json of each folder, write one grades.csv and report.json to "
        "--out (copying the feedback and executed notebooks) and print the score table.",
    )
    merge.add_argument("reports", nargs="+", metavar="DIR", help="folders written by grade --out")
    merge.add_argument("--out", metavar="DIR", required=True, help="folder for the combined gradebook")
    grade.add_argument("--timeout", type=_seconds, default=120, metavar="SECONDS",
                       help="how long each cell and each check may run before it is interrupted "
                       "(default: 120)")
    grade.add_argument("--source", metavar="DIR",
                       help="folder of source notebooks whose test cells give the points "
                       "(default: notebooks/ of this repository; 1 point each without one)")
    grade.set_defaults(usage_error=grade.error)  # file errors read like argparse's own
    return parser


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of worker processes, 1 or more, got {text!r}")
    return jobs


def _shard(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise argparse.ArgumentTypeError(f"expected I/N with 1 <= I <= N, such as 1/4, got {text!r}")
    return int(match.group(1)), int(match.group(2))


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return seconds


def _train(args, parser) -> int:
    if (args.train_file is None) != (args.test_file is None):
        parser.error("--train-file and --test-file go together: give both, or neither for the shipped data")
    start = time.perf_counter()
    if args.train_file is None:
        # The notebooks' NNDL_DATA_DIR, when set: the same data on both routes.
        train_x_orig, train_y, test_x_orig, test_y, _ = load_dataset(data_dir_from_env())
    else:
        # Checked here first so that an error names the option the user typed.
        hint = "leave out --train-file and --test-file for the shipped data"
        for option, path in (("--train-file", args.train_file), ("--test-file", args.test_file)):
            _check_path(path, option, hint)
        train_x_orig, train_y, test_x_orig, test_y, _ = load_h5_dataset(args.train_file, args.test_file)
    train_flat, test_flat = flatten(train_x_orig), flatten(test_x_orig)
    train_x = standardize(train_flat, args.standardize)
    test_x = standardize(test_flat, args.standardize, reference=train_flat)

    layer_dims = [train_x.shape[0], *args.layers, 1]
    init = args.init or ("zeros" if not args.layers else "xavier")
    parameters, _ = L_layer_model(
        train_x, train_y, layer_dims, args.learning_rate, args.iterations,
        hidden_activation=args.hidden_activation, init=init, seed=args.seed,
        bold_driver=args.bold_driver, progress=args.progress,
    )
    AL, _ = L_model_forward(train_x, parameters, args.hidden_activation)
    result = {
        "layer_dims": layer_dims,
        "hidden_activation": args.hidden_activation if args.layers else None,
        "init": init,
        "learning_rate": args.learning_rate,
        "iterations": args.iterations,
        "train_accuracy": round(accuracy((AL > 0.5).astype(int), train_y), 4),
        "test_accuracy": round(accuracy(predict(test_x, parameters, args.hidden_activation), test_y), 4),
        "final_cost": round(compute_cost(AL, train_y), 6),
        "seconds": round(time.perf_counter() - start, 2),
    }
    print(json.dumps(result))
    return 0


def _release(args, parser) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise ValueError(
            f"--out {out} is an existing file, not a folder: expected a folder to write the "
            f"student notebooks to (it is created if needed). Pass another --out, or move "
            f"the file away."
        )
    from .classroom import release

    for path in release(args.source, args.out):
        print(path)
    return 0


def _grade(args, parser) -> int:
    from .classroom import all_passed, format_table, grade
    from .classroom.report import find_submissions, shard, write_reports

    for path in map(Path, args.notebooks):
        if not path.exists():
            args.usage_error(f"no such notebook or folder: {path}")
    if args.out is not None and Path(args.out).exists() and not Path(args.out).is_dir():
        args.usage_error(f"--out {args.out} is a file: expected a folder for the reports")
    submissions = find_submissions(args.notebooks)
    if args.shard is not None:
        submissions = shard(submissions, *args.shard)
        print(f"shard {args.shard[0]}/{args.shard[1]}: {len(submissions)} notebooks", file=sys.stderr)

    def progress(i, n, path):
        print(f"grading {i}/{n}: {path}", file=sys.stderr, flush=True)

    results = grade([s.path for s in submissions], timeout=args.timeout, progress=progress,
                    source_dir=args.source, students=[s.student for s in submissions], jobs=args.jobs,
                    hints=args.hints)
    print(format_table(results))
    if args.out is not None:
        written = write_reports(results, args.out)
        print(f"\nGradebook: {written['csv']}; report: {written['json']}; feedback: {written['feedback']}/; "
              f"executed notebooks: {written['executed']}/")
    if args.strict:
        return 0 if all_passed(results) else 1
    return 0 if all(r.graded for r in results) else 1


def _merge(args, parser) -> int:
    from .classroom import format_table
    from .classroom.report import merge_reports

    results = merge_reports(args.reports, args.out)
    print(format_table(results))
    print(f"\nGradebook: {Path(args.out) / 'grades.csv'}; report: {Path(args.out) / 'report.json'}")
    return 0 if all(r.graded for r in results) else 1


def _one_line(text: object) -> str:
    """Error text on one line: the CLI reports every user error as a single stderr line."""
    return " ".join(str(text).splitlines())


def _os_error_message(error: OSError) -> str:
    """Say which file failed and why, without errno noise, for an OSError from the system."""
    if error.errno is None or error.strerror is None:
        return _one_line(error)  # raised by this package with a message of its own
    where = f" {error.filename}" if error.filename is not None else ""
    if error.filename2 is not None:
        where += f" -> {error.filename2}"
    return _one_line(
        f"could not access{where}: {error.strerror} (errno {error.errno}). Check that the "
        f"path is right, that you may read (or write) it, and that the disk is healthy."
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    command = {"train": _train, "release": _release, "grade": _grade, "merge": _merge}[args.command]
    prefix = f"{parser.prog} {args.command}"
    try:
        return command(args, parser)
    except (ValueError, TypeError, FileNotFoundError, IsADirectoryError,
            NotADirectoryError, ImportError) as error:
        print(f"{prefix}: error: {_one_line(error)}", file=sys.stderr)
        return 2
    except FloatingPointError as error:
        print(f"{prefix}: {_one_line(error)}", file=sys.stderr)
        return 1
    except MemoryError as error:
        detail = f" ({_one_line(error)})" if str(error) else ""
        hint = ("Use smaller --layers sizes, such as 20,7,5, or smaller data files"
                if args.command == "train" else "Free some memory or pass fewer or smaller files")
        print(f"{prefix}: error: not enough memory{detail}. {hint}.", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{prefix}: error: {_os_error_message(error)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
