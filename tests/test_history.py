"""Capacity over time: bios read from a git repository's history, month by month, and compared."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import bio_text, options_for
from mentordir.build import build
from mentordir.content import history as history_module
from mentordir.content.history import History, KnownHistory, load_history, month_ends, past_bio, reload_history
from mentordir.content.load import load_sources
from mentordir.site.trend import capacity_trend

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="the history tests need git")
TODAY = dt.date(2026, 11, 22)


def commit(root: Path, when: str, files: dict[str, str | None]) -> None:
    """Write (or, for None, delete) files and commit them with author and committer date `when`."""
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    environment = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Team",
                   "GIT_AUTHOR_EMAIL": "team@example.org", "GIT_COMMITTER_NAME": "Team",
                   "GIT_COMMITTER_EMAIL": "team@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=environment)
    subprocess.run(["git", "commit", "-q", "-m", f"bios on {when}"], cwd=root, check=True, env=environment)


@pytest.fixture
def repository(make_site) -> Path:
    """A site whose bios changed over 2026: Ada fills up in March, goes away in June and is back by October."""
    root = make_site()
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    ada, bo = "content/mentors/ada-quill.md", "content/mentors/bo-tern.md"
    commit(root, "2026-01-10T12:00:00Z", {ada: bio_text({"name": "Dr Ada Quill", "mentees": "0"}),
                                          bo: bio_text({"name": "Dr Bo Tern", "mentees": "1"})})
    commit(root, "2026-03-05T12:00:00Z", {ada: bio_text({"name": "Dr Ada Quill", "mentees": "2"})})
    commit(root, "2026-06-20T12:00:00Z", {ada: bio_text({"name": "Dr Ada Quill", "mentees": "1"},
                                                        extra=["away_until: 2026-09-15"])})
    commit(root, "2026-08-01T12:00:00Z", {"content/mentors/cy-wren.md": bio_text({"name": "Dr Cy Wren"}),
                                          bo: bio_text({"name": "Dr Bo Tern", "mentees": "2"})})
    commit(root, "2026-11-02T12:00:00Z", {"content/mentors/cy-wren.md": None})
    return root


def test_month_ends_are_the_last_days_of_the_eleven_months_before_this_one():
    ends = month_ends(TODAY)
    assert (len(ends), ends[0], ends[-1]) == (11, dt.date(2025, 12, 31), dt.date(2026, 10, 31))
    assert dt.date(2026, 2, 28) in ends


def test_the_history_chart_counts_match_the_commits(repository):
    history = load_history(repository, TODAY)
    assert [month.day for month in history.months] == list(month_ends(TODAY))[1:]  # no commit before January
    assert history.note == "the repository's history starts in January 2026."
    from mentordir.build import read_content
    _, content, _, _ = read_content(options_for(repository, today=TODAY))
    trend = capacity_trend(history, content, TODAY)
    figures = [(bar.tally.label, bar.tally.taking, bar.tally.full, bar.tally.away, bar.tally.places)
               for bar in trend.chart.bars]
    assert figures == [
        ("January 2026", 2, 0, 0, 3), ("February 2026", 2, 0, 0, 3),
        ("March 2026", 1, 1, 0, 1), ("April 2026", 1, 1, 0, 1), ("May 2026", 1, 1, 0, 1),
        ("June 2026", 1, 0, 1, 1), ("July 2026", 1, 0, 1, 1),
        ("August 2026", 1, 1, 1, 1),  # Cy joins taking mentees (capacity 2, mentees 1), Bo is full
        ("September 2026", 2, 1, 0, 2),  # Ada is back (away_until 15 September), with 1 place of 2
        ("October 2026", 2, 1, 0, 2),
        ("November 2026", 1, 1, 0, 1),  # Cy's bio was removed
    ]
    assert [(change.month, change.name, change.words) for change in trend.changes] == [
        ("March 2026", "Dr Ada Quill", "became full"),
        ("June 2026", "Dr Ada Quill", "went away"),
        ("August 2026", "Dr Bo Tern", "became full"),
        ("September 2026", "Dr Ada Quill", "came back and took mentees again"),
    ]


def test_the_capacity_page_shows_the_history_and_the_changes(repository, tmp_path):
    out = tmp_path / "out"
    build(options_for(repository, today=TODAY), out)
    page = (out / "capacity" / "index.html").read_text()
    assert "<strong>March 2026</strong>: <a href=\"/mentors/ada-quill/\">Dr Ada Quill</a> became full" in page
    assert '<span class="chart__label">June 2026</span>' in page


def test_without_a_repository_the_page_says_there_is_no_history(make_site, tmp_path):
    root = make_site({"content/mentors/ada-quill.md": bio_text()})
    assert load_history(root, TODAY) == History((), "the site is not built from a git repository with commits, "
                                                    "so there is no history to show.")
    build(options_for(root, today=TODAY), tmp_path / "out")
    page = (tmp_path / "out" / "capacity" / "index.html").read_text()
    assert "<strong>History:</strong> the site is not built from a git repository with commits" in page


def test_a_shallow_clone_says_the_workflow_must_fetch_the_whole_history(repository, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(clone)], check=True)
    history = load_history(clone, TODAY)
    assert history.note is not None and "`fetch-depth: 0`" in history.note
    assert history.months == ()  # the one commit fetched is from November


def test_a_past_version_that_cannot_be_read_is_left_out():
    assert past_bio("a", b"---\nname: [unclosed\n---\n") is None
    assert past_bio("a", b"---\nname: A\ncapacity: two\n---\n") is None
    assert past_bio("a", b"---\nname: A\ncapacity: 2\nfull_until: 2026-02-30\n---\n").full_until is None


def test_the_loader_reads_only_bios_not_photos_or_the_template(repository):
    commit(repository, "2026-11-10T12:00:00Z", {"content/mentors/_template.md": bio_text(),
                                                "content/mentors/notes.txt": "x"})
    sources, _ = load_sources(repository)
    assert {bio.slug for bio in load_history(repository, dt.date(2026, 12, 5)).months[-1].bios} == \
        {source.slug for source in sources.mentors}


@pytest.fixture
def git_commands(monkeypatch) -> list[str]:
    """The git commands the history runs from now on, by their first word."""
    ran: list[str] = []
    real = history_module.git_output

    def counting(where, *arguments):
        ran.append(arguments[0])
        return real(where, *arguments)
    monkeypatch.setattr(history_module, "git_output", counting)
    return ran


def test_the_history_read_at_the_same_commit_on_the_same_day_is_not_read_again(repository, git_commands):
    first = reload_history(repository, TODAY, KnownHistory())
    assert git_commands.count("rev-list") == 11
    git_commands.clear()
    (repository / "content/mentors/ada-quill.md").write_text(bio_text({"name": "Dr Ada Quill"}, body="Edited.\n"))
    assert reload_history(repository, TODAY, first) is first
    assert git_commands == ["rev-parse"]  # only to learn that HEAD is where it was
    assert first.history == load_history(repository, TODAY)


@pytest.mark.parametrize("change", ["commit", "day"])
def test_a_new_commit_or_a_new_day_reads_the_history_again(repository, git_commands, change):
    first = reload_history(repository, TODAY, KnownHistory())
    today = TODAY
    if change == "commit":
        commit(repository, "2026-11-20T12:00:00Z", {"content/mentors/bo-tern.md": bio_text({"name": "Dr Bo Tern"})})
    else:
        today = dt.date(2026, 12, 5)
    git_commands.clear()
    again = reload_history(repository, today, first)
    assert git_commands.count("rev-list") == 11
    assert again.history == load_history(repository, today)


def test_a_one_edit_build_takes_the_history_from_the_last_build_and_shows_the_same_page(repository, git_commands,
                                                                                         tmp_path):
    out = tmp_path / "out"
    build(options_for(repository, today=TODAY), out)
    page = (out / "capacity" / "index.html").read_text()
    git_commands.clear()
    (repository / "content/mentors/bo-tern.md").write_text(bio_text({"name": "Dr Bo Tern", "mentees": "2"},
                                                                     body="Edited.\n"))
    build(options_for(repository, today=TODAY), out)
    assert git_commands == ["rev-parse"]
    assert (out / "capacity" / "index.html").read_text() == page
