"""mentordir: a static-site generator for mentor directories."""

__version__ = "0.1.0"
