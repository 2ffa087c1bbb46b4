"""``python -m course_utils``: the command line (see :mod:`course_utils.cli`)."""

import sys

from .cli import main

sys.exit(main())
