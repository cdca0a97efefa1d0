"""The command line: ``python -m lstm_course.tuning chief|worker [options]``."""

import sys

from lstm_course.tuning.distributed import main

sys.exit(main())
