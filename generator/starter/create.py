"""`mentordir init`: write a complete repository for a new scheme, never overwriting a file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mentordir.content.config import DEFAULT_TRAINEE_GRADES, SiteConfig, read_config
from mentordir.content.fields import FieldReader
from mentordir.content.frontmatter import parse_front_matter, yaml_quoted
from mentordir.content.scaffold import TEMPLATE, bio_template
from mentordir.model.problems import Problem

FILES = Path(__file__).resolve().parent / "files"
SCHEME = "peer-mentoring"
# Package data cannot carry names that start with a dot, so these are renamed on the way out.
_RENAMED = {"gitignore": ".gitignore", "github": ".github"}
# Files whose text names the site or the release; the rest are copied as they are.
_FILLED_IN = {"README.md", "requirements.txt", "content/mentors/example-mentor.md"}


@dataclass(frozen=True)
class StarterSettings:
    """What `mentordir init` asks for; anything not given stays a commented default in site.yaml."""

    title: str | None
    """The directory's name, shown on every page."""
    base_url: str | None
    """Where the site will be published, e.g. `https://example.github.io/mentors/`."""
    team_name: str | None
    """The scheme team's name, shown in the footer and used for `team` contact."""
    team_email: str | None
    """The scheme team's e-mail address."""
    private: bool = False
    """A private directory (`access: code`): the Pages workflow passes the access code from a secret."""


class InitError(Exception):
    """The repository cannot be written; the message says why and nothing was written."""


def starter_files(settings: StarterSettings, version: str, today: dt.date) -> dict[str, str]:
    """Every file of a new scheme's repository, by path, filled in; raises InitError for a bad setting."""
    site_yaml = settings_text(settings)
    config, problems = _read_settings(site_yaml)
    if problems:
        raise InitError("; ".join(_plain(problem) for problem in problems))
    title = settings.title or config.title
    markers = {"@title@": title, "@version@": version, "@today@": today.isoformat()}
    files: dict[str, str] = {}
    for source in sorted(FILES.rglob("*")):
        if not source.is_file():
            continue
        relative = source.relative_to(FILES).as_posix()
        text = source.read_text(encoding="utf-8")
        if relative in _FILLED_IN:
            for marker, value in markers.items():
                text = text.replace(marker, value)
        first, _, rest = relative.partition("/")
        files["/".join(filter(None, (_RENAMED.get(first, first), rest)))] = text
    files["content/site.yaml"] = site_yaml
    files[TEMPLATE.as_posix()] = bio_template(config, [SCHEME], today)
    if settings.private:
        files[PAGES_WORKFLOW] = private_pages_workflow(files[PAGES_WORKFLOW])
    return files


PAGES_WORKFLOW = ".github/workflows/pages.yml"
_BUILD_STEP_ENV = "          BASE_URL: ${{ steps.pages.outputs.base_url }}\n        run: mentordir build"


def private_pages_workflow(public: str) -> str:
    """The Pages workflow of a private directory: the public one, its build step given the access code."""
    if public.count(_BUILD_STEP_ENV) != 1:  # a guard for whoever edits the starter's pages.yml
        raise InitError("the starter's pages.yml has no single build step to give the access code to")
    header = ("# A private directory (access: code in content/site.yaml): the build step is given the\n"
              "# access code from the repository secret MENTORDIR_ACCESS_CODE (Settings -> Secrets and\n"
              "# variables -> Actions; make one with `mentordir access-code`). The code is never in the\n"
              "# repository, and changing the secret and re-running this workflow locks out the old one.\n")
    return header + public.replace(_BUILD_STEP_ENV, _BUILD_STEP_ENV.replace(
        "\n        run:", "\n          MENTORDIR_ACCESS_CODE: ${{ secrets.MENTORDIR_ACCESS_CODE }}\n        run:"))


def create_repository(target: Path, files: dict[str, str]) -> list[Path]:
    """Write the files under `target`, or none of them if any already exists; the paths written."""
    existing = sorted(path for path in files if (target / path).exists() or (target / path).is_symlink())
    if existing:
        shown = ", ".join(existing[:5]) + (f" and {len(existing) - 5} more" if len(existing) > 5 else "")
        raise InitError(f"{target} already has {shown}; nothing was written. Choose an empty or new folder")
    written = []
    for path, text in sorted(files.items()):
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        with open(destination, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(text)
        written.append(destination)
    return written


def settings_text(settings: StarterSettings) -> str:
    """content/site.yaml: the given settings, and every other setting as a comment with its default."""
    defaults = SiteConfig()
    team = (["team:", f"  name: {yaml_quoted(settings.team_name or 'The scheme team')}"]
            + ([f"  email: {yaml_quoted(settings.team_email)}"] if settings.team_email else []))
    if not settings.team_email:
        team = ["# team:                          # the scheme team, shown in every page's footer",
                f"#   name: {yaml_quoted(settings.team_name or 'The Mentoring Team')}",
                "#   email: mentoring@example.org",
                "#   github: [your-login]         # who may change any bio in a pull request"]
    lines = [
        "# The site's settings. Every setting is optional: a line starting with # shows a",
        "# setting and its default. To change one, remove the # and write your value.",
        "",
        _setting("title", settings.title, defaults.title),
        _setting("description", None, defaults.description),
        _setting("base_url", settings.base_url, defaults.base_url),
        "# language: en-GB                # the pages' language tag",
        *team,
        f"# grades: [{', '.join(defaults.grades)}]",
        "#                                # the grade ladder, most junior first",
        f"# trainee_grades: [{', '.join(DEFAULT_TRAINEE_GRADES)}]",
        "#                                # the grades that count as doctors in training",
        "# trainee_max_capacity: 2        # rule: the most mentees a trainee takes at once (default: no limit)",
        "# matching: [parent, carer, less-than-full-time, international-graduate, career-break]",
        "#                                # rule: the only matching words mentors may use (default: any)",
        "# email_domains: [nhs.net]       # rule: where mentors' e-mail should be, else a warning (default: any)",
        "# specialties: any               # allow any text; without it, the UK's recognised specialties (a list replaces them)",
        "# more_specialties: []           # names added to the default specialties, e.g. [Sexual Health: [GUM]]",
        "# regions: any                   # allow any text; without it, the UK's training regions and nations",
        "# more_regions: []               # names added to the default regions",
        *(["access: code                     # a private directory: the access code comes from MENTORDIR_ACCESS_CODE",
            'access_note: "Ask the scheme team for the access code."']
          if settings.private else
          ["# access: public                 # code: a private directory, opened with an access code",
           "# access_note: ...               # with access: code, how to get the code"]),
        "# grade_aliases: {FY2: F2}       # other ways bios may write a grade (FY1, FY2 and Foundation Year 1/2 are known)",
        "# labels: {lgbtq: LGBTQ+}        # how matching words and working modes are shown",
        "# synonyms: [[SpR, registrar]]   # words search treats as the same, beside the shipped list",
        "# indexing: false                # true lets search engines list the site",
        "# export_contacts: false         # true adds contact details to the open data, mentors.json",
        "# brand:                         # the scheme's colour and logo, without copying any CSS",
        '#   colour: "#0b3d5c"            # dark enough for white text',
        "#   logo: logo.svg               # a file beside this one, or in theme/static/",
    ]
    return "\n".join(lines) + "\n"


def _setting(key: str, value: str | None, default: str) -> str:
    return f"{key}: {yaml_quoted(value)}" if value else f"# {key}: {yaml_quoted(default)}"


def _read_settings(text: str) -> tuple[SiteConfig, list[Problem]]:
    tree, problems = parse_front_matter(text, "content/site.yaml", first_line=1, what="the settings")
    if tree is None:
        return SiteConfig(), problems
    return read_config(FieldReader("content/site.yaml", tree, problems)), problems


def _plain(problem: Problem) -> str:
    # The settings came from the command line, so the message names the option, not a line of a file.
    options = {"title": "--title", "base_url": "--base-url", "team.name": "--team-name",
               "team.email": "--team-email", "team": "--team-email"}
    option = options.get(problem.field or "", problem.field or "a setting")
    return f"{option}: {problem.message} - {problem.fix}"
