"""The GitHub Actions workflows: valid by actionlint, and shaped the way the security model needs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
CHECK = WORKFLOWS / "check.yml"
PAGES = WORKFLOWS / "pages.yml"
REMINDERS = WORKFLOWS / "reminders.yml"


def actionlint() -> str:
    """The actionlint that `pip install -e '.[test]'` put beside this Python, or one on PATH."""
    name = "actionlint.exe" if os.name == "nt" else "actionlint"
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    if found is None:
        pytest.skip("actionlint is not installed: pip install -e '.[test]' installs it on Linux x86-64, "
                    "macOS and Windows")
    return found


def lint(*files: Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run actionlint on workflow files, without colour."""
    return subprocess.run([actionlint(), "-no-color", *map(str, files)], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def workflow(path: Path) -> dict:
    """A workflow as plain strings: BaseLoader keeps `on:` a key and `true` the text GitHub reads."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def steps(job: dict) -> list[dict]:
    return job["steps"]


def step_using(job: dict, action: str) -> dict:
    """The one step of `job` that uses `action` (owner/name, any version)."""
    found = [step for step in steps(job) if step.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"expected one step using {action}"
    return found[0]


# --- actionlint ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [CHECK, PAGES, REMINDERS], ids=["check.yml", "pages.yml", "reminders.yml"])
def test_actionlint_finds_nothing_wrong_with_the_workflow(path):
    result = lint(path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_would_catch_a_mistake_in_a_workflow(tmp_path):
    # The same step against an older upload-pages-artifact, which has no include-hidden-files input:
    # proves the linter runs and knows the actions' inputs, so the passing tests above mean something.
    broken = tmp_path / ".github" / "workflows" / "pages.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(PAGES.read_text(encoding="utf-8").replace("upload-pages-artifact@v5", "upload-pages-artifact@v3"),
                      encoding="utf-8")
    result = lint(broken, cwd=tmp_path)
    assert result.returncode == 1
    assert 'input "include-hidden-files" is not defined in action "actions/upload-pages-artifact@v3"' in result.stdout


@pytest.mark.parametrize("path", [CHECK, PAGES, REMINDERS], ids=["check.yml", "pages.yml", "reminders.yml"])
def test_every_action_is_pinned_to_a_major_version(path):
    uses = [step["uses"] for job in workflow(path)["jobs"].values() for step in steps(job) if "uses" in step]
    assert uses and all(re.fullmatch(r"actions/[a-z-]+@v[0-9]+", action) for action in uses), uses


# --- check.yml: safe for pull requests from forks -----------------------------------------------

def test_the_check_runs_on_pull_requests_and_never_on_pull_request_target():
    triggers = workflow(CHECK)["on"]
    assert "pull_request" in triggers
    assert "pull_request_target" not in triggers


def test_the_check_has_a_read_only_token_and_no_secrets():
    flow = workflow(CHECK)
    assert flow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in flow["jobs"].values())
    assert "secrets." not in CHECK.read_text(encoding="utf-8")
    checkout = step_using(flow["jobs"]["check"], "actions/checkout")
    assert checkout["with"]["persist-credentials"] == "false"


def test_the_check_prints_github_annotations_and_has_a_time_limit():
    job = workflow(CHECK)["jobs"]["check"]
    assert [step["run"] for step in steps(job) if "run" in step] == [
        "python -m pip install .", "mentordir check --format github"]
    assert int(job["timeout-minutes"]) <= 15


# --- pages.yml: the official GitHub Pages shape -------------------------------------------------

def test_pages_publishes_on_push_to_main_daily_and_by_hand():
    triggers = workflow(PAGES)["on"]
    assert triggers["push"] == {"branches": ["main"]}
    assert [entry["cron"] for entry in triggers["schedule"]] == ["0 5 * * *"]
    assert "workflow_dispatch" in triggers
    assert "pull_request" not in triggers and "pull_request_target" not in triggers


def test_pages_has_the_permissions_and_concurrency_of_the_official_workflow():
    flow = workflow(PAGES)
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}


def test_pages_builds_only_from_main_with_the_address_pages_reports():
    build = workflow(PAGES)["jobs"]["build"]
    assert build["if"] == "github.ref == 'refs/heads/main'"
    assert step_using(build, "actions/configure-pages")["id"] == "pages"
    [build_step] = [step for step in steps(build) if "mentordir build" in step.get("run", "")]
    # configure-pages reports base_url without a trailing slash; the build gets exactly one.
    assert build_step["env"] == {"BASE_URL": "${{ steps.pages.outputs.base_url }}"}
    assert build_step["run"] == 'mentordir build --base-url "${BASE_URL}/"'


def test_pages_fetches_the_whole_history_for_the_capacity_chart():
    checkout = step_using(workflow(PAGES)["jobs"]["build"], "actions/checkout")
    assert checkout["with"] == {"persist-credentials": "false", "fetch-depth": "0"}


def test_pages_keeps_the_processed_photo_cache_between_runs():
    build = workflow(PAGES)["jobs"]["build"]
    cache = step_using(build, "actions/cache")
    assert cache["with"]["path"] == ".cache/mentordir"
    assert "hashFiles('content/mentors/*.jpg'" in cache["with"]["key"]
    assert cache["with"]["restore-keys"].strip() == "mentordir-photos-${{ runner.os }}-"
    names = [step.get("uses", step.get("run", "")).split("@")[0] for step in steps(build)]
    assert names.index("actions/cache") < names.index('mentordir build --base-url "${BASE_URL}/"')


def test_pages_uploads_the_site_with_hidden_files_so_nojekyll_survives():
    upload = step_using(workflow(PAGES)["jobs"]["build"], "actions/upload-pages-artifact")
    assert upload["with"] == {"path": "_site", "include-hidden-files": "true"}


def test_pages_deploys_from_the_built_artifact_to_the_github_pages_environment():
    deploy = workflow(PAGES)["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert step_using(deploy, "actions/deploy-pages")["id"] == "deployment"


# --- reminders.yml: a monthly issue, and nothing else written ----------------------------------

def test_reminders_run_monthly_and_by_hand_and_write_only_issues():
    flow = workflow(REMINDERS)
    assert [entry["cron"] for entry in flow["on"]["schedule"]] == ["0 7 1 * *"]
    assert set(flow["on"]) == {"schedule", "workflow_dispatch"}
    assert flow["permissions"] == {"contents": "read", "issues": "write"}
    assert all("permissions" not in job for job in flow["jobs"].values())
    assert "secrets." not in REMINDERS.read_text(encoding="utf-8")
    assert step_using(flow["jobs"]["remind"], "actions/checkout")["with"]["persist-credentials"] == "false"
