"""What every command does the same way: -q/-v, colour and NO_COLOR, did-you-mean, valid ports.

The command line (`cli`) uses these; nothing here prints or exits by itself except
through argparse's own `error()`, which prints the command's usage.
"""

from __future__ import annotations

import argparse
import difflib
import os
from typing import Any, TextIO

from mentordir.model.problems import Problem, Severity, did_you_mean, shown

# -q and -v belong to every command, so they can go anywhere after its name.
_LOUDNESS = argparse.ArgumentParser(add_help=False)
_CHOICE = _LOUDNESS.add_mutually_exclusive_group()
_CHOICE.add_argument("-q", "--quiet", action="store_true", help="print only problems and errors")
_CHOICE.add_argument("-v", "--verbose", action="store_true", help="also say what each step is doing")


def command_parser(**options: Any) -> argparse.ArgumentParser:
    """A command's parser, with -q/--quiet and -v/--verbose (argparse's `parser_class` for subcommands)."""
    return argparse.ArgumentParser(parents=[_LOUDNESS], **options)


def stop_on_unknown_command(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """Stop with one close suggestion for a mistyped command, where argparse would list them all."""
    # argparse has no public way to list a parser's commands or options, hence `_actions`.
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    typed = next((word for word in argv if not word.startswith("-")), None)
    if typed is not None and typed not in commands.choices:
        parser.error(f'"{typed}" is not a command{did_you_mean(typed, commands.choices)}; '
                     f"the commands are: {', '.join(commands.choices)}")


def unknown_options(command: argparse.ArgumentParser, unknown: list[str]) -> str:
    """The message for options a command does not have, each with its closest option where there is one."""
    known = [option for action in command._actions for option in action.option_strings if option.startswith("--")]
    hints = [f"{word}{_closest_option(word.partition('=')[0], known)}" for word in unknown]
    return f"unrecognised {'option' if len(unknown) == 1 else 'options'}: {', '.join(hints)}"


def _closest_option(word: str, known: list[str]) -> str:
    # Compared without the dashes, and two swapped letters (--prot) count as the nearest miss.
    if not word.startswith("--"):
        return ""
    swapped = [option for option in known if sorted(option) == sorted(word)]
    if swapped:
        return f' (did you mean "{swapped[0]}"?)'
    names = {option[2:]: option for option in known}
    close = difflib.get_close_matches(word[2:].lower(), list(names), n=1, cutoff=0.6)
    return f' (did you mean "{names[close[0]]}"?)' if close else ""


def port_number(text: str) -> int:
    """A port for the preview server, for argparse's `type=`: a whole number from 1024 to 65535."""
    # Ports below 1024 need administrator rights on most systems; 65535 is the last there is.
    if not text.isdigit() or not 1024 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port we can use: give a whole number from 1024 to 65535")
    return int(text)


def colour_on(stream: TextIO) -> bool:
    """Whether to colour what goes to `stream`: only a terminal, and never when NO_COLOR is set."""
    # https://no-color.org: any non-empty NO_COLOR turns colour off.
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def painted(problem: Problem) -> str:
    """A problem as text, with its place in bold and "warning:" in yellow or an error's field in red."""
    text = problem.as_text()
    # Measured on the file name as as_text() shows it, with control characters escaped.
    where = shown(problem.file) if problem.line is None else f"{shown(problem.file)}:{problem.line}"
    mark = "33" if problem.severity is Severity.WARNING else "31"
    rest = text[len(where) + 2:]
    head, colon, tail = rest.partition(": ")
    place = f"\033[1m{where}\033[0m: "
    return f"{place}\033[{mark}m{head}{colon}\033[0m{tail}" if colon else place + rest
