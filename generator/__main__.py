"""`python -m generator` does what the `mentordir` command does."""

import sys

from generator.cli import main

sys.exit(main())
