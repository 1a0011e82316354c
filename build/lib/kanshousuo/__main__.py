"""`python -m kanshousuo` runs the command line."""

import sys

from kanshousuo.cli import main

sys.exit(main())
