"""`python -m mentordir` does what the `mentordir` command does."""

from mentordir.cli import run

run()
