"""Tests for generator/content/authors.py: `check --author LOGIN --since REF` in a real git repository."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from conftest import SITE_YAML, THEME, TODAY, MakeSite, bio_text, line_of
from mentordir.cli import main

AMIRA = bio_text({"name": "Dr Amira Okafor"}, extra=["github: AmiraOkafor"])
JANE = bio_text(extra=["github: jane-doe"])
TEAM_SITE = SITE_YAML + "  github: [Scheme-Lead]\n"


@pytest.fixture(autouse=True)
def build_day(monkeypatch):
    """The tests' fixed day, so review-date warnings do not come and go with the clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(TODAY.year, TODAY.month, TODAY.day,
                                                                  tzinfo=dt.timezone.utc).timestamp())))


def git(root: Path, *arguments: str) -> str:
    """Run git in the test repository."""
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *arguments], cwd=root,
                          check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repository(make_site: MakeSite) -> tuple[Path, str]:
    """A site with two owned bios and one without `github:`, committed; returns its root and the base commit."""
    root = make_site({"content/site.yaml": TEAM_SITE, "content/mentors/amira-okafor.md": AMIRA,
                      "content/mentors/jane-doe.md": JANE,
                      "content/mentors/sam-lee.md": bio_text({"name": "Dr Sam Lee"})})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root, git(root, "rev-parse", "HEAD")


def check(root: Path, capsys, *arguments: str) -> tuple[int, list[str]]:
    """`mentordir check` with `arguments`: its exit status and the lines it printed about problems."""
    status = main(["check", "--root", str(root), "--theme", str(THEME), *arguments])
    printed = capsys.readouterr()
    return status, [line for line in printed.err.splitlines() if not line.startswith("Photos: ")]


def commit(root: Path, file: str, text: str | None) -> None:
    """Change (or, with None, delete) a file and commit it, as a pull request's branch would."""
    path = root / file
    if text is None:
        path.unlink()
    else:
        path.write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")


def test_changing_another_mentors_bio_fails_naming_the_bio_and_its_owner(repository, capsys):
    root, base = repository
    taken = AMIRA.replace("email: jane.doe@example.org", "email: mallory@example.org")
    commit(root, "content/mentors/amira-okafor.md", taken)
    status, printed = check(root, capsys, "--author", "mallory", "--since", base)
    assert (status, printed) == (1, [
        f"content/mentors/amira-okafor.md:{line_of(AMIRA, 'github:')}: github: this bio belongs to GitHub user "
        "AmiraOkafor, but mallory changes it - only AmiraOkafor or the scheme team (team.github in "
        "content/site.yaml) may change it; ask AmiraOkafor to make the change, or undo it in this pull request",
        "1 problem to fix in 1 file."])


@pytest.mark.parametrize("login", ["AmiraOkafor", "amiraokafor", "scheme-lead"])
def test_the_same_change_by_the_owner_or_a_team_member_passes(repository, capsys, login):
    root, base = repository
    commit(root, "content/mentors/amira-okafor.md", AMIRA.replace("mentees: 1", "mentees: 2"))
    assert check(root, capsys, "--author", login, "--since", base) == (0, [])


def test_taking_over_a_bio_by_changing_its_github_line_fails(repository, capsys):
    root, base = repository
    commit(root, "content/mentors/amira-okafor.md", AMIRA.replace("github: AmiraOkafor", "github: mallory"))
    status, printed = check(root, capsys, "--author", "mallory", "--since", base)
    assert status == 1 and "this bio belongs to GitHub user AmiraOkafor, but mallory changes it" in printed[0]


def test_deleting_another_mentors_bio_fails(repository, capsys):
    root, base = repository
    commit(root, "content/mentors/amira-okafor.md", None)
    status, printed = check(root, capsys, "--author", "jane-doe", "--since", base)
    assert (status, printed[0]) == (1, "content/mentors/amira-okafor.md: github: this bio belongs to GitHub user "
                                       "AmiraOkafor, but jane-doe deletes it - only AmiraOkafor or the scheme team "
                                       "(team.github in content/site.yaml) may change it; ask AmiraOkafor to make "
                                       "the change, or undo it in this pull request")


def test_a_changed_bio_without_a_github_line_is_a_warning_that_anyone_could_change_it(repository, capsys):
    root, base = repository
    commit(root, "content/mentors/sam-lee.md", bio_text({"name": "Dr Sam Lee", "mentees": "2"}))
    assert check(root, capsys, "--author", "someone", "--since", base) == (0, [
        "content/mentors/sam-lee.md: warning: github: has no `github:` line, so anyone could change this bio - add "
        "`github: your-username` (your GitHub username), so that only you and the scheme team can change it",
        "1 warning in 1 file; warnings do not stop the site being published."])


def test_a_new_bio_of_ones_own_passes_and_one_in_another_name_fails(repository, capsys):
    root, base = repository
    commit(root, "content/mentors/zoe-ng.md", bio_text({"name": "Dr Zoe Ng"}, extra=["github: zoe-ng"]))
    assert check(root, capsys, "--author", "zoe-ng", "--since", base) == (0, [])
    status, printed = check(root, capsys, "--author", "mallory", "--since", base)
    assert status == 1 and "zoe-ng.md:16: github: this bio belongs to GitHub user zoe-ng, but mallory adds it" in \
        printed[0]


def test_a_git_error_is_a_clear_message(make_site: MakeSite, repository, capsys):
    root, _ = repository
    assert check(root, capsys, "--author", "jane-doe", "--since", "no-such-branch") == (1, [
        'error: "no-such-branch" is not a commit in this repository; give --since a branch, tag or commit it has '
        "(in GitHub Actions, check out with fetch-depth: 0)"])
    outside = root.parent / "elsewhere"
    (outside / "content" / "mentors").mkdir(parents=True)
    assert check(outside, capsys, "--author", "jane-doe", "--since", "HEAD") == (1, [
        f"error: {outside} is not in a git repository, so --since cannot tell which bios changed; run the check in "
        "the directory's repository"])


def test_author_without_since_is_wrong_usage(repository, capsys):
    root, _ = repository
    assert check(root, capsys, "--author", "jane-doe") == (2, [
        "error: --author and --since go together: the pull request's author and its base commit"])
