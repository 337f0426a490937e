"""Tests for generator/terminal.py: colour only where it helps, and the suggestions argparse does not make."""

from __future__ import annotations

import argparse
import io

import pytest

from mentordir import terminal
from mentordir.model.problems import Problem, Severity


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_problems_are_coloured_on_a_terminal_unless_no_color_is_set(monkeypatch):
    problem = Problem("content/mentors/jane-doe.md", 3, "grade", '"ST9" is not a grade', "use one of: ST8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert terminal.colour_on(Terminal()) and not terminal.colour_on(io.StringIO())
    assert terminal.painted(problem) == ('\033[1mcontent/mentors/jane-doe.md:3\033[0m: \033[31mgrade: \033[0m'
                                         '"ST9" is not a grade - use one of: ST8')
    monkeypatch.setenv("NO_COLOR", "1")
    assert not terminal.colour_on(Terminal())


def test_a_warning_is_marked_in_yellow():
    problem = Problem("content/mentors/jane-doe.md", 9, "updated", "is old", "review it", Severity.WARNING)
    assert terminal.painted(problem) == ("\033[1mcontent/mentors/jane-doe.md:9\033[0m: \033[33mwarning: \033[0m"
                                         "updated: is old - review it")


def test_a_dumb_terminal_gets_no_colour(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "dumb")
    assert not terminal.colour_on(Terminal())


@pytest.mark.parametrize(("typed", "hint"), [("--prot", ' (did you mean "--port"?)'),
                                             ("--bse-url", ' (did you mean "--base-url"?)'),
                                             ("--bogus", ""), ("80", "")])
def test_an_unknown_option_gets_the_closest_option_or_nothing(typed, hint):
    parser = terminal.command_parser(prog="mentordir serve")
    parser.add_argument("--port")
    parser.add_argument("--base-url")
    parser.add_argument("--root")
    assert terminal.unknown_options(parser, [typed]) == f"unrecognised option: {typed}{hint}"


@pytest.mark.parametrize("text", ["1024", "8000", "65535"])
def test_a_port_from_1024_to_65535_is_accepted(text):
    assert terminal.port_number(text) == int(text)


def test_a_port_below_1024_is_refused_with_the_range():
    with pytest.raises(argparse.ArgumentTypeError, match="^1023 is not a port we can use: give a whole number "
                                                         "from 1024 to 65535$"):
        terminal.port_number("1023")


def test_a_painted_problem_shows_a_file_name_s_escape_bytes_as_text() -> None:
    problem = Problem("content/mentors/\x1b[2Jjane.md", 3, "name", "is empty", "write your name")
    text = terminal.painted(problem)
    assert "\x1b[2J" not in text
    assert text == "\x1b[1mcontent/mentors/\\x1b[2Jjane.md:3\x1b[0m: \x1b[31mname: \x1b[0mis empty - write your name"
