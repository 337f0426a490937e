"""The team's private reports: the roster CSV, and the reminder issue with the workflow that files it."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, bio_text
from mentordir.cli import main

SOURCE_DATE_EPOCH = "1795305600"  # 22 November 2026, 00:00 UTC
MENTORS = {
    "content/mentors/ada-quill.md": bio_text({"name": "Dr Ada Quill", "updated": "2025-01-05"}),
    "content/mentors/bo-tern.md": bio_text({"name": "=HYPERLINK(\"https://evil.example\")", "mentees": "0",
                                            "contact": '\n  preferred: phone\n  phone: "+44 7700 900002"'},
                                           extra=["full_until: 2026-11-01"]),
    "content/mentors/cy-wren.md": bio_text({"name": "Dr Cy [Wren](https://evil.example) @everyone"},
                                           extra=["away_until: 2026-11-20"]),
    "content/mentors/di-fell.md": bio_text({"name": "Dr Di Fell", "updated": "2026-11-01"},
                                           extra=["away_until: 2027-03-01"]),
}


def report(root: Path, fmt: str, capsys, monkeypatch) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    assert main(["report", "--format", fmt, "--root", str(root)]) == 0
    return capsys.readouterr().out


def test_the_roster_lists_every_mentor_with_status_contact_and_file(make_site, capsys, monkeypatch):
    rows = list(csv.reader(io.StringIO(report(make_site(MENTORS), "roster", capsys, monkeypatch))))
    assert rows[0] == ["name", "grade", "specialty", "schemes", "capacity", "mentees", "status", "full_until",
                       "away_until", "preferred_contact", "email", "phone", "url", "github", "updated", "file"]
    assert rows[1:] == [
        ["'=HYPERLINK(\"https://evil.example\")", "ST6", "Anaesthetics", "Returners", "2", "0", "taking mentees",
         "2026-11-01", "", "phone", "", "'+44 7700 900002", "", "", "2026-10-01", "content/mentors/bo-tern.md"],
        ["Dr Ada Quill", "ST6", "Anaesthetics", "Returners", "2", "1", "taking mentees", "", "", "email",
         "jane.doe@example.org", "", "", "", "2025-01-05", "content/mentors/ada-quill.md"],
        ["Dr Cy [Wren](https://evil.example) @everyone", "ST6", "Anaesthetics", "Returners", "2", "1",
         "taking mentees", "", "2026-11-20", "email", "jane.doe@example.org", "", "", "", "2026-10-01",
         "content/mentors/cy-wren.md"],
        ["Dr Di Fell", "ST6", "Anaesthetics", "Returners", "2", "1", "away", "", "2027-03-01", "email",
         "jane.doe@example.org", "", "", "", "2026-11-01", "content/mentors/di-fell.md"],
    ]


def test_the_roster_is_never_part_of_the_built_site(make_site, tmp_path):
    from conftest import options_for
    from mentordir.build import build
    out = tmp_path / "out"
    build(options_for(make_site(MENTORS)), out)
    files = [path for path in out.rglob("*") if path.is_file()]
    assert not [path for path in files if path.suffix == ".csv"]
    assert not [path for path in files if b"preferred_contact" in path.read_bytes()]


EXPECTED_ISSUE = """\
<!-- mentordir reminders -->
Bios to chase on 22 November 2026: 3 mentors. Tick each one when it is done. This issue is written by the \
monthly reminders workflow, which replaces this text each month.

### Not reviewed for 12 months

- [ ] Dr Ada Quill (`content/mentors/ada-quill.md`): last reviewed on 5 January 2025. Ask them to read it \
through and set `updated:` to the day they did.

### Dates that have passed

- [ ] =HYPERLINK\\(\"https://evil\\.example\"\\) (`content/mentors/bo-tern.md`): `full_until: 2026-11-01` has \
passed. Are they taking mentees again? Remove the line, or set a new date.
- [ ] Dr Cy \\[Wren\\]\\(https://evil\\.example\\) \\@everyone (`content/mentors/cy-wren.md`): \
`away_until: 2026-11-20` has passed. Are they back? Remove the line, or set a new date.
"""


def test_the_reminder_issue_lists_stale_bios_and_passed_dates_with_names_escaped(make_site, capsys, monkeypatch):
    assert report(make_site(MENTORS), "reminders", capsys, monkeypatch) == EXPECTED_ISSUE


def test_a_mentor_with_a_github_username_is_mentioned():
    import datetime as dt
    from dataclasses import replace

    from mentordir.model.models import Content
    from mentordir.site.reminders import as_issue
    from test_capacity import BASE

    mentor = replace(BASE, updated=dt.date(2025, 1, 1), github="ada-quill")
    spoofed = replace(mentor, slug="b", name="Dr B", github="x @everyone")
    text = as_issue(Content(mentors=(mentor, spoofed), schemes=()), dt.date(2026, 11, 22))
    assert "- [ ] @ada-quill Dr A (`content/mentors/a.md`): last reviewed on 1 January 2025." in text
    assert "- [ ] Dr B (" in text


# --- the workflow's own script, run against the fixture with a stand-in for the gh command ------

FAKE_GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "issue list") cat "$GH_LIST" ;;
esac
"""


def workflow_script() -> str:
    flow = yaml.load((REPO / ".github/workflows/reminders.yml").read_text(), Loader=yaml.BaseLoader)
    [step] = [step for step in flow["jobs"]["remind"]["steps"] if "gh issue" in step.get("run", "")]
    return step["run"]


def run_workflow_script(root: Path, tmp_path: Path, listed: str) -> list[str]:
    """Run the workflow's script in `root` with a fake gh that lists `listed` (the --jq result) and logs calls."""
    if shutil.which("bash") is None:
        pytest.skip("the workflow's script needs bash")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text(FAKE_GH)
    (bin_dir / "gh").chmod(0o755)
    (tmp_path / "listed").write_text(listed)
    log = tmp_path / "gh.log"
    log.write_text("")
    environment = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}"
                   f"{os.environ['PATH']}", "RUNNER_TEMP": str(tmp_path), "GH_LOG": str(log),
                   "GH_LIST": str(tmp_path / "listed"), "TITLE": "Mentor bios to chase",
                   "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    subprocess.run(["bash", "-c", workflow_script()], cwd=root, env=environment, check=True, timeout=120,
                   capture_output=True)
    return log.read_text().splitlines()


def test_the_workflow_opens_an_issue_with_the_text_when_none_is_open(make_site, tmp_path):
    calls = run_workflow_script(make_site(MENTORS), tmp_path, "")
    assert calls[1] == f"issue create --title Mentor bios to chase --body-file {tmp_path}/reminders.md"
    assert (tmp_path / "reminders.md").read_text() == EXPECTED_ISSUE
    assert calls[0].startswith('issue list --state open --limit 100 --search "Mentor bios to chase" in:title')


def test_the_workflow_updates_the_open_issue_instead_of_opening_another(make_site, tmp_path):
    calls = run_workflow_script(make_site(MENTORS), tmp_path, "17\n")
    assert calls[1:] == [f"issue edit 17 --body-file {tmp_path}/reminders.md"]


def test_with_nothing_to_chase_the_workflow_closes_the_open_issue_and_opens_none(make_site, tmp_path):
    fresh = {"content/mentors/di-fell.md": MENTORS["content/mentors/di-fell.md"]}
    assert run_workflow_script(make_site(fresh), tmp_path, "17\n")[1:] == [
        f"issue edit 17 --body-file {tmp_path}/reminders.md", "issue close 17 --comment Nothing to chase this month."]
    assert run_workflow_script(make_site(fresh), tmp_path, "")[1:] == []
