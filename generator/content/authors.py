"""`check --author LOGIN --since REF`: only a bio's own author, or the scheme team, may change it.

A bio names its author with `github:`. For every bio added, changed or deleted since REF (as
`git diff --name-status` sees it), the `github:` of the version before and of the version
after must be LOGIN, unless LOGIN is one of the team (`team.github` in site.yaml). GitHub
usernames are compared without regard to case, as GitHub compares them.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mentordir.content.frontmatter import Scalar, parse_document
from mentordir.content.git import run_git
from mentordir.content.load import TEMPLATE_NAME
from mentordir.model.problems import Problem, Severity

MENTORS = "content/mentors/"
_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")


class AuthorsError(Exception):
    """git could not say what changed (not a repository, an unknown REF); the message says what to do."""


@dataclass(frozen=True)
class BioChange:
    """One bio added, changed or deleted since REF."""

    file: str
    """The bio, relative to the site root (`content/mentors/jane-doe.md`)."""
    status: str
    """git's letter: A added, M modified, D deleted (renames are seen as a deletion and an addition)."""
    before: bytes | None
    """The bio as it was at REF; None when it was added."""
    after: bytes | None
    """The bio as it is now; None when it was deleted."""


def check_authors(root: Path, login: str, since: str, team: tuple[str, ...]) -> list[Problem]:
    """An error for each bio changed since `since` that names someone other than `login` (unless they are team)."""
    if not _LOGIN.match(login):
        raise AuthorsError(f'"{login}" is not a GitHub username; give --author the login of the pull request\'s author')
    is_team = login.casefold() in {member.casefold() for member in team}
    problems: list[Problem] = []
    for change in changed_bios(root, since):
        owners = [owner for owner in (_owner(change.before, change.file), _owner(change.after, change.file)) if owner]
        if not owners:
            problems.append(Problem(change.file, None, "github", "has no `github:` line, so anyone could change "
                                    "this bio", "add `github: your-username` (your GitHub username), so that only "
                                    "you and the scheme team can change it", Severity.WARNING))
            continue
        if is_team:
            continue
        for owner in dict.fromkeys(owner.casefold() for owner, _ in owners):
            if owner == login.casefold():
                continue
            line = next((line for name, line in owners if name.casefold() == owner and line), None)
            written = next(name for name, _ in owners if name.casefold() == owner)
            doing = {"A": "adds", "D": "deletes"}.get(change.status, "changes")
            problems.append(Problem(change.file, line if change.after is not None else None, "github",
                                    f"this bio belongs to GitHub user {written}, but {login} {doing} it",
                                    f"only {written} or the scheme team (team.github in content/site.yaml) may "
                                    f"change it; ask {written} to make the change, or undo it in this pull request"))
    return problems


def changed_bios(root: Path, since: str) -> list[BioChange]:
    """Every bio added, changed or deleted between `since` and the files as they are now, committed or not."""
    if since.startswith("-"):  # never let a REF be read as one of git's options
        raise AuthorsError(f'"{since}" is not a commit; give --since a branch, tag or commit')
    _git(root, "rev-parse", "--show-toplevel")
    if _git(root, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}", check=False) is None:
        raise AuthorsError(f'"{since}" is not a commit in this repository; give --since a branch, tag or commit '
                           "it has (in GitHub Actions, check out with fetch-depth: 0)")
    listed = _git(root, "diff", "--name-status", "--no-renames", "--relative", since, "--", MENTORS) or ""
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "--", MENTORS) or ""
    entries = [tuple(line.split("\t", 1)) for line in listed.splitlines() if "\t" in line]
    entries += [("A", name) for name in untracked.splitlines() if name]
    changes = []
    for status, file in sorted(entries, key=lambda entry: entry[1]):
        name = file[len(MENTORS):]
        if not file.startswith(MENTORS) or "/" in name or not name.endswith(".md") or name == TEMPLATE_NAME:
            continue
        before = None if status[0] == "A" else _git_bytes(root, since, file)
        path = root / file
        after = path.read_bytes() if status[0] != "D" and path.is_file() else None
        changes.append(BioChange(file=file, status=status[0], before=before, after=after))
    return changes


def _owner(data: bytes | None, file: str) -> tuple[str, int] | None:
    """The `github:` a version of a bio names, with its line; None when it names nobody (or cannot be read)."""
    if data is None:
        return None
    document, _ = parse_document(data, file)
    entry = document.front.get("github") if document is not None else None
    if entry is None or not isinstance(entry.value, Scalar) or not entry.value.text.strip():
        return None
    return entry.value.text.strip(), entry.line


def _git(root: Path, *arguments: str, check: bool = True) -> str | None:
    result = _run(root, arguments)
    if result.returncode != 0:
        if not check:
            return None
        reason = result.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in reason:
            raise AuthorsError(f"{root} is not in a git repository, so --since cannot tell which bios changed; "
                               "run the check in the directory's repository")
        last = reason.splitlines()[-1] if reason else "no reason given"
        raise AuthorsError(f"git could not list the changes since the commit given ({last})")
    return result.stdout.decode("utf-8", "replace")


def _git_bytes(root: Path, since: str, file: str) -> bytes | None:
    result = _run(root, ("show", f"{since}:./{file}"))
    return result.stdout if result.returncode == 0 else None


def _run(root: Path, arguments: tuple[str, ...]) -> subprocess.CompletedProcess[bytes]:
    try:
        return run_git(root, *arguments, timeout=120)
    except FileNotFoundError as error:
        raise AuthorsError("git is not installed, so --since cannot tell which bios changed; install git") from error
