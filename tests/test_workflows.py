"""The GitHub Actions workflows: valid by actionlint, and shaped the way the security model needs."""

from __future__ import annotations

import datetime as dt
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
RELEASE = WORKFLOWS / "release.yml"
TESTS = WORKFLOWS / "tests.yml"
# What `mentordir init` writes into a new scheme's repository.
STARTER = REPO / "generator" / "starter" / "files" / "github"
STARTER_CHECK = STARTER / "workflows" / "check.yml"
STARTER_PAGES = STARTER / "workflows" / "pages.yml"
REMINDERS = WORKFLOWS / "reminders.yml"
STARTER_REMINDERS = STARTER / "workflows" / "reminders.yml"
EVERY_WORKFLOW = [CHECK, PAGES, RELEASE, TESTS, REMINDERS, STARTER_CHECK, STARTER_PAGES, STARTER_REMINDERS]


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

@pytest.mark.parametrize("path", EVERY_WORKFLOW, ids=lambda path: path.relative_to(REPO).as_posix())
def test_actionlint_finds_nothing_wrong_with_the_workflow(path):
    result = lint(path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_finds_nothing_wrong_with_the_workflows_init_writes(tmp_path):
    # Linted where they land, in a repository of their own, with the version filled in.
    from mentordir.starter.create import StarterSettings, create_repository, starter_files
    create_repository(tmp_path, starter_files(StarterSettings("T", None, None, None), "1.2.3", dt.date(2026, 1, 1)))
    written = sorted((tmp_path / ".github" / "workflows").glob("*.yml"))
    assert [path.name for path in written] == ["check.yml", "pages.yml", "reminders.yml"]
    result = lint(*written, cwd=tmp_path)
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
        "python -m pip install .", 'mentordir check --format github --author "$AUTHOR" --since "$BASE"',
        "mentordir check --format github"]
    assert int(job["timeout-minutes"]) <= 15


def test_a_pull_request_is_checked_for_who_changed_which_bio_against_its_base():
    job = workflow(CHECK)["jobs"]["check"]
    [guarded] = [step for step in steps(job) if "--author" in step.get("run", "")]
    assert guarded["if"] == "github.event_name == 'pull_request'"
    assert guarded["env"] == {"AUTHOR": "${{ github.event.pull_request.user.login }}",
                              "BASE": "${{ github.event.pull_request.base.sha }}"}
    # --since needs the base commit in the clone: a shallow checkout has only the merge commit.
    assert step_using(job, "actions/checkout")["with"]["fetch-depth"] == "0"


# --- pages.yml: the official GitHub Pages shape -------------------------------------------------

def test_pages_publishes_on_push_to_main_daily_and_by_hand():
    triggers = workflow(PAGES)["on"]
    assert triggers["push"] == {"branches": ["main"]}
    assert [entry["cron"] for entry in triggers["schedule"]] == ["0 5 * * *"]
    assert "workflow_dispatch" in triggers
    assert "pull_request" not in triggers and "pull_request_target" not in triggers


@pytest.mark.parametrize("path", [PAGES, STARTER_PAGES], ids=["pages.yml", "init's pages.yml"])
def test_pages_may_publish_only_from_its_deploy_job(path):
    flow = workflow(path)
    assert flow["permissions"] == {"contents": "read"}
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in flow["jobs"]["build"]
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


# --- what init writes: the scheme's own checker, pinned ------------------------------------------

def test_init_s_check_installs_only_the_pinned_release_and_checks_author_and_changes():
    flow = workflow(STARTER_CHECK)
    assert list(flow["on"]) == ["pull_request"] and flow["permissions"] == {"contents": "read"}
    job = flow["jobs"]["check"]
    assert step_using(job, "actions/checkout")["with"] == {"persist-credentials": "false", "fetch-depth": "0"}
    install, check = [step for step in steps(job) if "run" in step]
    assert "pin='^mentordir==[0-9]+(\\.[0-9]+)*$'" in install["run"]
    assert install["run"].rstrip().endswith('python -m pip install "${release}"')
    assert check["run"] == 'mentordir check --format github --author "${AUTHOR}" --since "${BASE}"'
    assert check["env"] == {"AUTHOR": "${{ github.event.pull_request.user.login }}",
                            "BASE": "${{ github.event.pull_request.base.sha }}"}


def test_the_pin_check_in_init_s_check_accepts_only_a_released_version(tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("needs bash to run the workflow's shell step")
    [install] = [step["run"] for step in steps(workflow(STARTER_CHECK)["jobs"]["check"]) if "pip install" in
                 step.get("run", "")]
    script = install.replace('python -m pip install "${release}"', 'echo "would install ${release}"')
    outcomes = {}
    for name, requirements in {"pinned": "# comment\nmentordir==1.2.3\n", "range": "mentordir>=1.0\n",
                               "extra": "mentordir==1.2.3\nevil==1.0\n",
                               "index": "--index-url https://evil.example/\nmentordir==1.2.3\n",
                               "url": "mentordir @ https://evil.example/m.whl\n", "empty": "# nothing\n"}.items():
        (tmp_path / "requirements.txt").write_text(requirements)
        result = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, capture_output=True, text=True)
        outcomes[name] = (result.returncode, result.stdout.strip().splitlines()[-1])
    assert outcomes["pinned"] == (0, "would install mentordir==1.2.3")
    assert all(code == 1 and line.startswith("::error file=requirements.txt::")
               for name, (code, line) in outcomes.items() if name != "pinned"), outcomes


def test_init_s_dependabot_updates_pip_and_actions_weekly():
    config = yaml.safe_load((STARTER / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {(entry["package-ecosystem"], entry["directory"], entry["schedule"]["interval"])
               for entry in config["updates"]}
    assert updates == {("pip", "/", "weekly"), ("github-actions", "/", "weekly")}
    allowed = {"package-ecosystem", "directory", "schedule", "commit-message"}
    assert all(set(entry) <= allowed for entry in config["updates"])


# --- release.yml and tests.yml --------------------------------------------------------------------

def test_the_release_publishes_with_trusted_publishing_from_one_job_only():
    flow = workflow(RELEASE)
    assert flow["on"] == {"push": {"tags": ["v*"]}} and flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    assert {name: job.get("permissions") for name, job in jobs.items()} == {
        "build": None, "test": None, "publish": {"id-token": "write"}}
    assert jobs["publish"]["needs"] == ["build", "test"]
    assert step_using(jobs["publish"], "pypa/gh-action-pypi-publish")["uses"].endswith("@release/v1")
    assert "secrets." not in RELEASE.read_text(encoding="utf-8")
    build_steps = " ".join(step.get("run", "") for step in steps(jobs["build"]))
    assert "python -m build" in build_steps and "twine check --strict dist/*" in build_steps


def test_the_suite_runs_weekly_on_the_newest_releases_and_on_the_lowest_allowed_versions():
    flow = workflow(TESTS)
    assert [entry["cron"] for entry in flow["on"]["schedule"]] == ["0 6 * * 1"]
    matrix = flow["jobs"]["test"]["strategy"]["matrix"]["include"]
    assert {entry["versions"] for entry in matrix} == {"newest", "minimum"}
    assert "-c .github/minimum-versions.txt" in TESTS.read_text(encoding="utf-8")


def test_the_minimum_versions_are_the_lower_bounds_pyproject_allows():
    import tomllib
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    bounds = {re.split(r"[>=<\[; ]", spec)[0].lower(): re.search(r">=([0-9.]+)", spec).group(1)
              for spec in dependencies}
    pins = dict(line.split("==") for line in (REPO / ".github" / "minimum-versions.txt").read_text().splitlines()
                if line and not line.startswith("#"))
    assert pins.keys() == bounds.keys()
    assert {name: pins[name].removesuffix(".0") for name in pins} == {
        name: bound.removesuffix(".0") for name, bound in bounds.items()}


# --- reminders.yml: a monthly issue, and nothing else written ----------------------------------

def test_reminders_run_monthly_and_by_hand_and_write_only_issues():
    flow = workflow(REMINDERS)
    assert [entry["cron"] for entry in flow["on"]["schedule"]] == ["0 7 1 * *"]
    assert set(flow["on"]) == {"schedule", "workflow_dispatch"}
    assert flow["permissions"] == {"contents": "read", "issues": "write"}
    assert all("permissions" not in job for job in flow["jobs"].values())
    assert "secrets." not in REMINDERS.read_text(encoding="utf-8")
    assert step_using(flow["jobs"]["remind"], "actions/checkout")["with"]["persist-credentials"] == "false"
