"""The `mentordir` command: build, check, serve and new.

This is the only module that prints, and the one place where errors are caught and
turned into messages and an exit status.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from pathlib import Path
from typing import Callable, Sequence, TextIO

from mentordir.build import BuildOptions, build, capacity, generate_site
from mentordir.site.capacity import as_csv, as_json, as_text
from mentordir.model.faults import Place, describe
from mentordir.model.problems import ContentError, Problem, Severity, shown
from mentordir.content.scaffold import ScaffoldError, scaffold_bio
from mentordir.output.write import OutputError

DESCRIPTION = """\
Build a mentor directory website from the bios in content/mentors/.

Most mentors only need `mentordir check`: it reads every bio and lists each
mistake with the file, the line and what to change. The scheme team uses
`build` to make the site and `serve` to preview it while editing."""

EPILOG = """\
examples:
  mentordir check                     look for mistakes in every bio
  mentordir new "Dr Jane Doe"         start a bio from the template
  mentordir serve                     preview the site at http://127.0.0.1:8000/
  mentordir build --base-url https://example.github.io/mentors/"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command and return the exit status: 0 done, 1 problems to fix, 2 wrong usage."""
    arguments = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        return arguments.run(arguments)
    except ContentError as error:
        _report(error.problems, arguments)
        return 1
    except (OutputError, ScaffoldError) as error:
        print(f"error: {shown(str(error))}", file=sys.stderr)
        return 1
    except OSError as error:
        # The one place a fault of the machine (a full or read-only disk, a name too long)
        # becomes a message; whatever was published before is still there.
        print(f"error: {describe(error, _places(arguments))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


def _places(arguments: argparse.Namespace) -> list[Place]:
    """The folders a command writes, each with the option that puts it elsewhere."""
    places: list[Place] = []
    if getattr(arguments, "root", None) is None:  # a command without --root names no folders of ours
        return places
    root = arguments.root.resolve()
    if getattr(arguments, "run", None) is _run_build:
        places.append(Place((arguments.out or root / "_site").resolve(), "or write the site somewhere else with --out"))
    if hasattr(arguments, "cache"):
        places.append(Place((arguments.cache or root / ".cache" / "mentordir").resolve(),
                            "or keep the photo cache somewhere else with --cache"))
    return places


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentordir", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    build_command = commands.add_parser("build", help="make the website in a folder (default: _site)",
                                        description="Check every bio and, if there are no mistakes, write the website.")
    _common(build_command)
    build_command.add_argument("--out", type=Path, help="where to write the site (default: ROOT/_site)")
    build_command.add_argument("--base-url", help="the address the site is published at, "
                                                  "e.g. https://example.github.io/mentors/ (default: from site.yaml)")
    build_command.set_defaults(run=_run_build)

    check_command = commands.add_parser("check", help="look for mistakes in the bios and schemes without building",
                                        description="Check every bio, photo and scheme. Exit status 0 when there is "
                                                    "nothing to fix, 1 when there is.")
    _common(check_command)
    check_command.add_argument("--format", choices=("text", "github"), default="text",
                               help="text for people (default); github for annotations in a pull request")
    check_command.set_defaults(run=_run_check)

    serve_command = commands.add_parser("serve", help="preview the site, rebuilding as you edit",
                                        description="Build the site and serve it on this computer only "
                                                    "(127.0.0.1), at the same sub-path as the published site, "
                                                    "rebuilding and reloading the browser whenever a file under "
                                                    "content/ or theme/ changes. Mistakes show on every page "
                                                    "until they are fixed.")
    _common(serve_command)
    serve_command.add_argument("--port", type=int, default=8000, help="the port to serve on (default: 8000)")
    serve_command.set_defaults(run=_run_serve)

    report_command = commands.add_parser("report", help="capacity figures: who is taking mentees, gaps, stale bios",
                                         description="Print how many mentors are taking mentees and how many are "
                                                     "full, overall and by scheme, specialty and region, and which "
                                                     "bios need attention.")
    _common(report_command)
    report_command.add_argument("--format", choices=("text", "csv", "json"), default="text",
                                help="text for reading (default), csv for a spreadsheet, json for other tools")
    report_command.set_defaults(run=_run_report)

    new_command = commands.add_parser("new", help='start a new bio from the template: mentordir new "Dr Jane Doe"',
                                      description="Write content/mentors/<name>.md from the bio template, "
                                                  "ready to fill in. Never overwrites an existing bio.")
    new_command.add_argument("name", help='your name as it should appear, in quotes: "Dr Jane Doe"')
    new_command.add_argument("--root", type=Path, default=Path("."),
                             help="the folder that holds content/ (default: this folder)")
    new_command.set_defaults(run=_run_new)
    return parser


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--root", type=Path, default=Path("."),
                         help="the folder that holds content/ (default: this folder)")
    command.add_argument("--theme", type=Path, help="the theme folder (default: ROOT/theme)")
    command.add_argument("--cache", type=Path, help="where processed photos are kept (default: ROOT/.cache/mentordir)")


def options_from(arguments: argparse.Namespace, base_url: str | None = None) -> BuildOptions:
    """Build options from the command line, with today's date (or SOURCE_DATE_EPOCH's)."""
    root = arguments.root.resolve()
    return BuildOptions(
        root=root,
        theme=(arguments.theme or root / "theme").resolve(),
        cache=(arguments.cache or root / ".cache" / "mentordir").resolve(),
        today=build_date(),
        base_url=base_url,
        progress=photo_progress(sys.stderr),
    )


def photo_progress(stream: TextIO) -> Callable[[int, int], None]:
    """A progress bar on a terminal; plain lines at each tenth otherwise (CI logs)."""
    interactive = stream.isatty()

    def show(done: int, total: int) -> None:
        if interactive:
            filled = 30 * done // total
            end = "\n" if done == total else ""
            stream.write(f"\rPhotos [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}{end}")
            stream.flush()
        elif done == total or done * 10 // total != (done - 1) * 10 // total:
            stream.write(f"Photos: {done} of {total} processed\n")
    return show


def build_date() -> dt.date:
    """Today, or the day given by SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def _run_build(arguments: argparse.Namespace) -> int:
    options = options_from(arguments, arguments.base_url)
    out = (arguments.out or options.root / "_site").resolve()
    site = build(options, out)
    _report(site.warnings, arguments)
    if site.up_to_date:
        print(f"Nothing changed since the last build: {site.mentors} mentors in {out} are up to date")
    else:
        print(f"Built {site.mentors} mentors into {out}: {len(site.files)} pages and files; "
              f"photos: {site.photos.processed} processed, {site.photos.reused} reused from the cache")
    return 0


def _run_check(arguments: argparse.Namespace) -> int:
    site = generate_site(options_from(arguments))
    _report(site.warnings, arguments)
    ready = f"{_count(site.mentors, 'mentor')} {'is' if site.mentors == 1 else 'are'} ready to publish."
    print(f"Nothing to fix: {ready}" if site.warnings else f"No problems: {ready}")
    return 0


def _run_serve(arguments: argparse.Namespace) -> int:
    from mentordir.serve.server import serve  # the HTTP server loads only for this command

    try:
        serve(options_from(arguments), port=arguments.port, report=lambda problems: _report(problems, arguments))
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    return 0


def _run_report(arguments: argparse.Namespace) -> int:
    report, warnings = capacity(options_from(arguments))
    _report(warnings, arguments)
    formats = {"text": as_text, "csv": as_csv, "json": as_json}
    output = formats[arguments.format](report)
    # Names and places come from content: shown with escapes, except the text's own lines.
    sys.stdout.write(shown(output, keep="\n") if arguments.format == "text" else output)
    return 0


def _run_new(arguments: argparse.Namespace) -> int:
    path = scaffold_bio(arguments.root.resolve(), arguments.name, build_date())
    print(f"Wrote {path}. Fill in the fields, add your photo beside it, then run: mentordir check")
    return 0


def _report(problems: Sequence[Problem], arguments: argparse.Namespace) -> None:
    """Print every problem, then one plain line that sums them up.

    In github format everything goes to standard output, where the Actions runner turns
    each `::error`/`::warning` line into an annotation and leaves the summary in the log.
    """
    if not problems:
        return
    github = getattr(arguments, "format", "text") == "github"
    stream = sys.stdout if github else sys.stderr
    for problem in problems:
        print(problem.as_github() if github else problem.as_text(), file=stream)
    summary = summarise(problems)
    if github:
        summary += " Each one is marked on its line in the pull request's Files changed tab."
    print(summary, file=stream)


def summarise(problems: Sequence[Problem]) -> str:
    """`2 problems to fix and 1 warning in 2 files.`; for warnings alone, that they stop nothing."""
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    warnings = len(problems) - errors
    files = _count(len({problem.file for problem in problems}), "file")
    if errors:
        also = f" and {_count(warnings, 'warning')}" if warnings else ""
        return f"{_count(errors, 'problem')} to fix{also} in {files}."
    return f"{_count(warnings, 'warning')} in {files}; warnings do not stop the site being published."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"
