"""`python -m mentordir` does what the `mentordir` command does."""

import sys

from mentordir.cli import main

sys.exit(main())
