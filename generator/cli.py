"""The `mentordir` command: build, check, serve, report, new and init.

This is the only module that prints, and the one place where errors are caught and
turned into messages and an exit status.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence, TextIO

from mentordir import __version__
from mentordir.model.faults import Place, describe
from mentordir.model.models import CODE_VARIABLE
from mentordir.model.problems import ContentError, Problem, Severity, errors_in, shown
from mentordir.output.shelf import SPARE_FOLDER
from mentordir.output.uptodate import build_inputs, unchanged_build
from mentordir.terminal import (colour_on, command_parser, painted, port_number, stop_on_unknown_command,
                                unknown_options)

if TYPE_CHECKING:
    from mentordir.build import BuildOptions

# The build and everything it loads (Jinja2, Markdown, nh3, PyYAML, Pillow) are imported
# inside the commands that need them, so that `build` with nothing changed starts quickly.

# The build and everything it loads (Jinja2, Markdown, nh3, PyYAML, Pillow) are imported
# inside the commands that need them: `build` with nothing changed, and `new`, start
# quickly without them.

DESCRIPTION = """\
Build a mentor directory website from the bios in content/mentors/.

Most mentors only need `mentordir check`: it reads every bio and lists each
mistake with the file, the line and what to change. The scheme team uses
`build` to make the site and `serve` to preview it while editing."""

EPILOG = """\
examples:
  mentordir init my-scheme            start a new scheme's directory in the folder my-scheme
  mentordir check                     look for mistakes in every bio
  mentordir new "Dr Jane Doe"         start a bio from the template
  mentordir serve                     preview the site at http://127.0.0.1:8000/
  mentordir build --base-url https://example.github.io/mentors/"""


def run() -> None:
    """The `mentordir` command (and `python -m mentordir`): main(), then end the process at once.

    A build leaves hundreds of thousands of objects, which Python would free one by one on
    the way out: 25 ms after a one-edit build of 1,000 mentors, measured. By then every file
    is written and closed, so what was printed is flushed and the process ends. Tests call
    main(), which returns.
    """
    try:
        code = main()
    except BrokenPipeError:  # whoever read our output stopped early (`| head`): there is no one to tell
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`) or stream: nothing more to say there
            pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command and return the exit status: 0 done, 1 problems to fix, 2 wrong usage."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    stop_on_unknown_command(parser, argv)
    arguments, unknown = parser.parse_known_args(argv)
    if unknown:  # said by the command's own parser, so its usage is the one shown
        arguments.command.error(unknown_options(arguments.command, unknown))
    theme = getattr(arguments, "theme", None)
    if theme is not None and not theme.is_dir():  # the default, ROOT/theme, may be missing; a named one may not
        arguments.command.error(f"argument --theme: there is no folder {theme}")
    logging.basicConfig(level=logging.ERROR if arguments.quiet else logging.INFO if arguments.verbose
                        else logging.WARNING, format="%(message)s")
    try:
        return arguments.run(arguments)
    except ContentError as error:
        _report(error.problems, arguments)
        return 1
    except _sentence_errors() as error:  # evaluated only when something was raised
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


def _sentence_errors() -> tuple[type[Exception], ...]:
    """The errors a command reports in one sentence (their modules load only when one was raised)."""
    from mentordir.content.authors import AuthorsError
    from mentordir.content.scaffold import ScaffoldError
    from mentordir.content.spreadsheet import SpreadsheetError
    from mentordir.output.write import OutputError
    from mentordir.starter.create import InitError

    return OutputError, ScaffoldError, InitError, AuthorsError, SpreadsheetError


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
    parser.add_argument("--version", action="version", version=f"mentordir {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True,
                                     parser_class=command_parser)

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
    check_command.add_argument("--author", metavar="LOGIN",
                               help="in a pull request: the GitHub login of its author; with --since, a bio whose "
                                    "github: names someone else (and they are not in team.github) is an error")
    check_command.add_argument("--since", metavar="REF",
                               help="with --author: the commit the pull request starts from (its base)")
    check_command.set_defaults(run=_run_check)

    serve_command = commands.add_parser("serve", help="preview the site, rebuilding as you edit",
                                        description="Build the site and serve it on this computer only "
                                                    "(127.0.0.1), at the same sub-path as the published site, "
                                                    "rebuilding and reloading the browser whenever a file under "
                                                    "content/ or theme/ changes. Mistakes show on every page "
                                                    "until they are fixed.")
    _common(serve_command)
    serve_command.add_argument("--port", type=port_number, default=8000,
                               help="the port to serve on, from 1024 to 65535 (default: 8000)")
    serve_command.add_argument("--locked", action="store_true",
                               help=f"preview a private site locked, as visitors see it, with the code in "
                                    f"{CODE_VARIABLE} (default: preview it unlocked)")
    serve_command.set_defaults(run=_run_serve)

    report_command = commands.add_parser("report", help="capacity figures: who is taking mentees, gaps, stale bios",
                                         description="Print how many mentors are taking mentees and how many are "
                                                     "full, overall and by scheme, specialty and region, and which "
                                                     "bios need attention.")
    _common(report_command)
    report_command.add_argument("--format", choices=("text", "csv", "json", "roster", "reminders"), default="text",
                                help="text for reading (default), csv for a spreadsheet, json for other tools; "
                                     "roster: every mentor's details as CSV, private to the team (keep it out of "
                                     "the repository); reminders: the monthly reminder issue's text")
    report_command.set_defaults(run=_run_report)

    import_command = commands.add_parser(
        "import", help="write one bio per row of a spreadsheet (.csv or .xlsx)",
        description="Write content/mentors/<name>.md for each row of a spreadsheet, checked by the same rules as "
                    "`check`. Columns are recognised by common headings (Name, Grade, Specialty, Email, Phone, "
                    "Capacity, Bio...). Every row's problems are listed at once and nothing is written until "
                    "there are none. An existing bio is never overwritten.")
    import_command.add_argument("file", type=Path, help="the spreadsheet: .csv (UTF-8) or .xlsx (its first sheet)")
    import_command.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                                help='which bio field a column holds, e.g. --map "Work phone=phone"; '
                                     '--map "Notes=ignore" leaves a column out (repeat for more columns)')
    import_command.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")
    import_command.add_argument("--update", action="store_true",
                                help="for bios that exist, change capacity, mentees and contact details only")
    import_command.add_argument("--photos", type=Path, metavar="DIR",
                                help="a folder of photos, named in a Photo column or after the bio (jane-doe.jpg)")
    _common(import_command)
    import_command.set_defaults(run=_run_import)

    new_command = commands.add_parser("new", help='start a new bio from the template: mentordir new "Dr Jane Doe"',
                                      description="Write content/mentors/<name>.md from the bio template, "
                                                  "ready to fill in. Never overwrites an existing bio.")
    new_command.add_argument("name", help='your name as it should appear, in quotes: "Dr Jane Doe"')
    for option, example in NEW_OPTIONS:
        new_command.add_argument(f"--{option}", metavar=option.upper(), help=f"your {option}, e.g. {example}")
    new_command.add_argument("--root", type=Path, default=Path("."),
                             help="the folder that holds content/ (default: this folder)")
    new_command.set_defaults(run=_run_new)

    init_command = commands.add_parser("init", help="start a new scheme's directory: mentordir init my-scheme",
                                       description="Write a complete repository for a new scheme into DIR: "
                                                   "settings, a starter handbook, an example mentor, the bio "
                                                   "template, GitHub workflows and guides. Never overwrites a "
                                                   "file. Asks for anything not given when run on a terminal.")
    init_command.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="DIR",
                              help="the folder to write into (default: this folder); it may exist but must not "
                                   "hold any of the files")
    init_command.add_argument("--title", help='the directory\'s name, e.g. "Returners\' mentors"')
    init_command.add_argument("--base-url", help="the address it will be published at, "
                                                 "e.g. https://example.github.io/mentors/")
    init_command.add_argument("--team-name", help='the scheme team\'s name, e.g. "The Mentoring Team"')
    init_command.add_argument("--team-email", help="the scheme team's e-mail address")
    init_command.add_argument("--private", action="store_true",
                              help="a private directory: everything personal is encrypted and opens with an "
                                   f"access code, which the Pages workflow reads from the secret {CODE_VARIABLE}")
    init_command.set_defaults(run=_run_init)
    code_command = commands.add_parser("access-code", help="print a strong new access code for a private site",
                                       description="Print a new random access code for a private site "
                                                   "(access: code in site.yaml). Give it to the build as "
                                                   f"{CODE_VARIABLE}; it is never stored in the repository.")
    code_command.set_defaults(run=_run_access_code)
    for name, command in commands.choices.items():
        command.set_defaults(command=command)
    return parser


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--root", type=Path, default=Path("."),
                         help="the folder that holds content/ (default: this folder)")
    command.add_argument("--theme", type=Path, help="the theme folder (default: ROOT/theme)")
    command.add_argument("--cache", type=Path, help="where processed photos are kept (default: ROOT/.cache/mentordir)")


def options_from(arguments: argparse.Namespace, base_url: str | None = None, seal: bool = True) -> BuildOptions:
    """Build options from the command line, with today's date (or SOURCE_DATE_EPOCH's).

    `seal=False` builds a private site unlocked (for `check` and the dev server's preview),
    and then the access code is not even read.
    """
    from mentordir.build import BuildOptions

    root = arguments.root.resolve()
    return BuildOptions(
        root=root,
        theme=(arguments.theme or root / "theme").resolve(),
        cache=cache_folder(arguments, root),
        today=build_date(),
        base_url=base_url,
        progress=None if getattr(arguments, "quiet", False) else photo_progress(sys.stderr),
        access_code=os.environ.get(CODE_VARIABLE) if seal else None,
        seal=seal,
    )


def cache_folder(arguments: argparse.Namespace, root: Path) -> Path:
    """--cache, or ROOT/.cache/mentordir; OutputError when that one is, or holds, a symbolic link.

    A pull request can add files to the site's repository, `.cache/` included: through a
    link there, the photo stage would delete what it takes for old renditions, and every
    cache file would be written, wherever the link points.
    """
    if arguments.cache is not None:
        return arguments.cache.resolve()
    cache = root / ".cache" / "mentordir"
    for path in (root / ".cache", cache, cache / "photos", cache / "templates", cache / SPARE_FOLDER):
        if path.is_symlink():
            from mentordir.output.write import OutputError

            raise OutputError(f"{path} is a symbolic link, and mentordir never follows a link out of its cache "
                              "folder; delete the link (the cache is made again by the next build), or keep the "
                              "cache somewhere else with --cache")
    return cache.resolve()


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
    root = arguments.root.resolve()
    theme = (arguments.theme or root / "theme").resolve()
    cache = cache_folder(arguments, root)
    out = (arguments.out or root / "_site").resolve()
    # Asked before the build is even loaded, so that a build with nothing to do is quick.
    code = os.environ.get(CODE_VARIABLE)
    if code is not None:  # a private site: a new code must rebuild (only then is the key code loaded)
        from mentordir.private.access import code_fingerprint
    inputs = build_inputs(root, theme, cache, build_date(), arguments.base_url, hash_assets=True, seal=True,
                          access=code_fingerprint(code) if code is not None else None)
    unchanged = unchanged_build(cache, inputs, out)
    if unchanged is not None:
        summary, warnings = unchanged
        _report(warnings, arguments)
        if not arguments.quiet:
            print(f"Nothing changed since the last build: {summary['mentors']} mentors in {out} are up to date")
        return 0
    from mentordir.build import build

    site = build(options_from(arguments, arguments.base_url), out, inputs)
    _report(site.warnings, arguments)
    if arguments.quiet:
        pass
    elif site.up_to_date:
        print(f"Nothing changed since the last build: {site.mentors} mentors in {out} are up to date")
    else:
        print(f"Built {site.mentors} mentors into {out}: {len(site.files) + len(site.unchanged)} pages and files; "
              f"photos: {site.photos.processed} processed, {site.photos.reused} reused from the cache")
    return 0


def _run_check(arguments: argparse.Namespace) -> int:
    from mentordir.build import generate_site
    from mentordir.content.authors import check_authors
    from mentordir.content.config import load_config

    # No access code in a pull request's check: a private site is checked unlocked.
    options = options_from(arguments, seal=False)
    authorship: list[Problem] = []
    if bool(arguments.author) != bool(arguments.since):
        print("error: --author and --since go together: the pull request's author and its base commit",
              file=sys.stderr)
        return 2
    if arguments.author:
        config, _ = load_config(options.root)  # its problems are reported by the check itself
        authorship = check_authors(options.root, arguments.author, arguments.since,
                                   config.team.github if config.team else ())
    try:
        site = generate_site(options)
    except ContentError as error:
        raise ContentError([*error.problems, *authorship]) from error
    _report([*site.warnings, *authorship], arguments)
    if errors_in(authorship):
        return 1
    ready = f"{_count(site.mentors, 'mentor')} {'is' if site.mentors == 1 else 'are'} ready to publish."
    if not arguments.quiet:
        print(f"Nothing to fix: {ready}" if site.warnings else f"No problems: {ready}")
    return 0


def _run_serve(arguments: argparse.Namespace) -> int:
    from mentordir.serve.server import serve  # the HTTP server loads only for this command

    logging.getLogger("mentordir").setLevel(logging.INFO)  # say when it serves and each rebuild
    try:
        serve(options_from(arguments, seal=arguments.locked), port=arguments.port,
              report=lambda problems: _report(problems, arguments))
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    except OSError as error:
        if error.errno not in (errno.EADDRINUSE, errno.EACCES):
            raise
        why = "is already in use" if error.errno == errno.EADDRINUSE else "is not open to this user"
        print(f"error: port {arguments.port} on 127.0.0.1 {why} (perhaps by another mentordir serve) - "
              f"stop the other program, or choose another port: mentordir serve --port {arguments.port + 1}",
              file=sys.stderr)
        return 1
    return 0


def _run_report(arguments: argparse.Namespace) -> int:
    from mentordir.build import capacity, checked_content
    from mentordir.site.capacity import as_csv, as_json, as_text
    from mentordir.site.reminders import as_issue
    from mentordir.site.roster import as_roster

    if arguments.format in ("roster", "reminders"):
        options = options_from(arguments)
        content, warnings = checked_content(options)
        _report(warnings, arguments)
        write = as_roster if arguments.format == "roster" else as_issue
        sys.stdout.write(write(content, options.today))
        return 0
    report, warnings = capacity(options_from(arguments))
    _report(warnings, arguments)
    formats = {"text": as_text, "csv": as_csv, "json": as_json}
    output = formats[arguments.format](report)
    # Names and places come from content: shown with escapes, except the text's own lines.
    sys.stdout.write(shown(output, keep="\n") if arguments.format == "text" else output)
    return 0


def _run_import(arguments: argparse.Namespace) -> int:
    from mentordir.build import import_plan
    from mentordir.content.importing import apply_import
    from mentordir.content.spreadsheet import SpreadsheetError

    options = options_from(arguments)
    photos = arguments.photos.resolve() if arguments.photos else None
    try:
        plan = import_plan(options, arguments.file, arguments.map, photos, arguments.update)
    except OSError as error:  # an unreadable spreadsheet or photos folder
        raise SpreadsheetError(f"cannot read {error.filename or arguments.file}: {error.strerror or error}") from error
    for problem in plan.problems:
        print(problem.as_text(), file=sys.stderr)
    errors = errors_in(plan.problems)
    if errors:
        rows = _count(len({problem.file for problem in errors}), "row")
        print(f"{_count(len(errors), 'problem')} to fix in {rows}. Nothing was written: fix them in the "
              "spreadsheet and import it again.", file=sys.stderr)
        return 1
    verb = "Would write" if arguments.dry_run else "Wrote"
    for bio in plan.new:
        print(f"{verb} {bio.file} (row {bio.row}){' with photo ' + bio.photo[1] if bio.photo else ''}")
        if arguments.dry_run:
            print("".join(f"    {line}\n" for line in bio.text.splitlines()), end="")
    for update in plan.updates:
        print(f"{'Would change' if arguments.dry_run else 'Changed'} {update.file} (row {update.row}): "
              + "; ".join(update.changes))
    for note in plan.kept:
        print(note)
    if not arguments.dry_run:
        try:
            apply_import(plan, options.root)
        except OSError as error:  # a file appeared or changed while importing, or the disk refused
            raise SpreadsheetError(f"stopped writing: {error}; import again to finish (what was written "
                                   "is kept, and is not written twice)") from error
    done = "would be" if arguments.dry_run else "were"
    print(f"{_count(len(plan.new), 'new bio')} and {_count(len(plan.updates), 'changed bio')} {done} written; "
          f"{len(plan.kept)} left as {'it was' if len(plan.kept) == 1 else 'they were'}.")
    return 0


NEW_OPTIONS = (("grade", "ST6"), ("specialty", '"General Practice"'), ("region", "Wessex"),
               ("organisation", '"Example Hospital"'), ("email", "jane.doe@example.nhs.uk"),
               ("phone", '"07700 900123"'), ("pronouns", "she/her"), ("github", "jane-doe"))


def _run_new(arguments: argparse.Namespace) -> int:
    from mentordir.content.scaffold import BioDraft, scaffold_bio

    values = {option: getattr(arguments, option) for option, _ in NEW_OPTIONS}
    if sys.stdin.isatty():  # asked on a terminal only: in CI or a pipe, input() would hang or fail
        print("Answer what you can; press Enter to skip a question and fill it in later.")
        for option, example in NEW_OPTIONS:
            if not values[option]:
                values[option] = input(f"Your {option} (e.g. {example.strip(chr(34))}): ").strip() or None
    path = scaffold_bio(arguments.root.resolve(), BioDraft(name=arguments.name, **values), build_date())
    if not arguments.quiet:
        print(f"Wrote {path}. Fill in the fields, add your photo beside it, then run: mentordir check")
    return 0


def _run_init(arguments: argparse.Namespace) -> int:
    from mentordir.starter.create import StarterSettings, create_repository, starter_files

    asking = sys.stdin.isatty()  # never wait for an answer that cannot come (CI, a pipe, a script)
    settings = StarterSettings(
        title=arguments.title or _ask(asking, "The directory's name (shown on every page)"),
        base_url=arguments.base_url or _ask(asking, "Where it will be published, like "
                                                    "https://example.github.io/mentors/"),
        team_name=arguments.team_name or _ask(asking, "The scheme team's name"),
        team_email=arguments.team_email or _ask(asking, "The scheme team's e-mail address"),
        private=arguments.private,
    )
    target = arguments.dir.resolve()
    written = create_repository(target, starter_files(settings, __version__, build_date()))
    if not arguments.quiet:
        print(f"Wrote {len(written)} files into {target} for mentordir {__version__}.\n"
              f"Next: in {target}, preview the site with `mentordir serve`, then push the folder to a new "
              "GitHub repository and set Settings -> Pages -> Source to GitHub Actions (its README.md has "
              "the steps).")
    return 0


def _ask(asking: bool, question: str) -> str | None:
    if not asking:
        return None
    answer = input(f"{question} (Enter to leave it for later): ").strip()
    return answer or None


def _run_access_code(arguments: argparse.Namespace) -> int:
    from mentordir.private.access import new_code

    print(new_code())
    print(f"A new access code for a private site. Save it as the repository secret {CODE_VARIABLE} "
          "(Settings, Secrets and variables, Actions) and rebuild: the old code stops working. "
          "Keep it out of the repository and of e-mails that are forwarded.", file=sys.stderr)
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
    paint = not github and colour_on(stream)
    for problem in problems:
        print(problem.as_github() if github else painted(problem) if paint else problem.as_text(), file=stream)
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
