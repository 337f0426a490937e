"""The command line: exit statuses, messages, formats, and never a traceback."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from conftest import THEME, TODAY, bio_text
from mentordir.cli import main

FIVE_MISTAKES = """\
---
name: Dr Jane Doe
grade: ST9
specialty: Anaesthetics
region: NO
schemes: [returners]
style: I listen first.
capacity: 2
mentees: 3
capcity: 2
contact:
  preferred: email
  email: jane.doe@example.org
updated: 2025-02-30
---
Hello.
"""


@pytest.fixture(autouse=True)
def build_day(monkeypatch):
    """Every command runs on the tests' fixed day, so review-date warnings do not come and go with the clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(TODAY.year, TODAY.month, TODAY.day,
                                                                  tzinfo=dt.timezone.utc).timestamp())))


def run(root, *arguments: str) -> int:
    return main([arguments[0], "--root", str(root), *(["--theme", str(THEME)] if arguments[0] != "new" else []),
                 *arguments[1:]])


def test_check_prints_one_message_per_mistake_and_exits_1(make_site, capsys):
    root = make_site({"content/mentors/jane-doe.md": FIVE_MISTAKES})
    assert run(root, "check") == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        'content/mentors/jane-doe.md:3: grade: "ST9" is not a grade on this site\'s ladder (did you mean "ST8"?) - '
        "use one of: F1, F2, CT1, CT2, CT3, ST1, ST2, ST3, ST4, ST5, ST6, ST7, ST8, SAS, Specialty doctor, GP, "
        "Consultant",
        'content/mentors/jane-doe.md:5: region: NO is read by YAML as a yes/no value, not as text - '
        'put it in quotes: `region: "NO"`',
        "content/mentors/jane-doe.md:9: mentees: is 3, more than capacity (2) - "
        "mentees counts your current mentees, from 0 up to your capacity",
        'content/mentors/jane-doe.md:10: capcity: is not a field we know (did you mean "capacity"?) - fix the '
        "spelling or remove the line; the fields are: name, pronouns, photo, grade, specialty, region, "
        "organisation, schemes, style, working, capacity, mentees, full_until, contact, matching, updated, photo_focus",
        "content/mentors/jane-doe.md:14: updated: 2025-02-30 is not a real date - check the day and the month",
        "5 problems to fix in 1 file.",
    ]


def test_check_in_github_format_prints_annotations_on_file_and_line_then_a_summary(make_site, capsys):
    root = make_site({"content/mentors/jane-doe.md": FIVE_MISTAKES})
    assert run(root, "check", "--format", "github") == 1
    output = capsys.readouterr()
    lines = output.out.splitlines()
    assert [line.split("::")[1] for line in lines[:-1]] == [
        "error file=content/mentors/jane-doe.md,line=3,title=grade",
        "error file=content/mentors/jane-doe.md,line=5,title=region",
        "error file=content/mentors/jane-doe.md,line=9,title=mentees",
        "error file=content/mentors/jane-doe.md,line=10,title=capcity",
        "error file=content/mentors/jane-doe.md,line=14,title=updated",
    ]
    assert lines[1] == ("::error file=content/mentors/jane-doe.md,line=5,title=region::NO is read by YAML as a "
                        'yes/no value, not as text - put it in quotes: `region: "NO"`')
    assert lines[-1] == ("5 problems to fix in 1 file. "
                         "Each one is marked on its line in the pull request's Files changed tab.")
    assert "Photos" not in output.out


def test_check_in_github_format_with_only_warnings_exits_0(make_site, capsys):
    root = make_site({"content/site.yaml": "team:\n  name: T\n  email: t@example.org\nemail_domains: [nhs.net]\n",
                      "content/mentors/jane-doe.md": bio_text({"updated": "2025-01-31"}),
                      "content/mentors/john-smith.md": bio_text({"contact": "\n  preferred: email\n  email: j@nhs.net"})})
    assert run(root, "check", "--format", "github") == 0
    assert capsys.readouterr().out.splitlines() == [
        "::warning file=content/mentors/jane-doe.md,line=14,title=contact.email::\"jane.doe@example.org\" is not at "
        "one of the scheme's e-mail domains (set by `email_domains` in content/site.yaml:4) - use your work address "
        "at nhs.net",
        "::warning file=content/mentors/jane-doe.md,line=15,title=updated::2025-01-31 is more than 12 months ago - "
        "read your bio through, change what is out of date, and set updated to today's date",
        "2 warnings in 1 file; warnings do not stop the site being published. "
        "Each one is marked on its line in the pull request's Files changed tab.",
        "Nothing to fix: 2 mentors are ready to publish.",
    ]


def test_check_in_github_format_on_clean_content_prints_only_the_summary(make_site, capsys):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    assert run(root, "check", "--format", "github") == 0
    assert capsys.readouterr().out == "No problems: 1 mentor is ready to publish.\n"


def test_check_in_text_format_lists_warnings_and_still_exits_0(make_site, capsys):
    root = make_site({"content/mentors/jane-doe.md": bio_text({"updated": "2025-01-31"})})
    assert run(root, "check") == 0
    output = capsys.readouterr()
    assert output.err.splitlines() == [
        "content/mentors/jane-doe.md:15: warning: updated: 2025-01-31 is more than 12 months ago - "
        "read your bio through, change what is out of date, and set updated to today's date",
        "1 warning in 1 file; warnings do not stop the site being published.",
    ]
    assert output.out == "Nothing to fix: 1 mentor is ready to publish.\n"


def test_check_on_clean_content_exits_0(make_site, capsys):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    assert run(root, "check") == 0
    assert capsys.readouterr().out == "No problems: 1 mentor is ready to publish.\n"


def test_build_reports_problems_and_writes_nothing(make_site, tmp_path, capsys):
    root = make_site({"content/mentors/jane-doe.md": FIVE_MISTAKES})
    assert run(root, "build", "--out", str(tmp_path / "out")) == 1
    assert not (tmp_path / "out").exists()
    assert "5 problems to fix in 1 file." in capsys.readouterr().err


def test_build_prints_a_summary(make_site, tmp_path, capsys):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)) == 0
    import re
    assert re.fullmatch(rf"Built 1 mentors into {re.escape(str(out))}: [0-9]+ pages and files; "
                        r"photos: 0 processed, 0 reused from the cache\n", capsys.readouterr().out)


def test_a_build_with_nothing_changed_says_so_without_loading_templates_markdown_yaml_or_images(make_site, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)) == 0
    probe = ("import sys; from mentordir.cli import main; status = main(sys.argv[1:]); "
             "print([name for name in ('jinja2', 'markdown', 'nh3', 'yaml', 'PIL.Image') if name in sys.modules], status)")
    result = subprocess.run([sys.executable, "-c", probe, "build", "--root", str(root), "--theme", str(THEME),
                             "--out", str(out)], capture_output=True, text=True)
    assert result.stdout == f"Nothing changed since the last build: 1 mentors in {out} are up to date\n[] 0\n"


def test_a_broken_template_is_a_message_not_a_traceback(make_site, tmp_path, capsys):
    import shutil
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    (theme / "templates" / "404.html").write_text("{% extends 'base.html' %}{% block main %}{{ page.nope }}{% endblock %}")
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    assert main(["check", "--root", str(root), "--theme", str(theme)]) == 1
    error = capsys.readouterr().err
    assert "404.html" in error and "the template failed" in error and "Traceback" not in error


def test_a_missing_output_guard_is_a_message(make_site, tmp_path, capsys):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    assert run(root, "build", "--out", str(root / "content")) == 1
    assert "holds your content or code" in capsys.readouterr().err


def test_photo_progress_is_a_bar_on_a_terminal_and_lines_each_tenth_otherwise():
    import io
    from mentordir.cli import photo_progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, log = Terminal(), io.StringIO()
    for done in range(0, 21):
        photo_progress(terminal)(done, 20)
        photo_progress(log)(done, 20)
    assert terminal.getvalue().endswith("\rPhotos [" + "#" * 30 + "] 20/20\n")
    assert log.getvalue().splitlines() == [f"Photos: {done} of 20 processed" for done in range(0, 21, 2)]


def test_new_writes_a_bio_from_the_template_and_never_overwrites(make_site, capsys):
    root = make_site({"content/mentors/_template.md": "---\nname: Dr Your Name\nphoto: your-name.jpg\n---\nBio\n"})
    assert run(root, "new", "Dr Jane O'Neil-Doe") == 0
    written = (root / "content" / "mentors" / "jane-o-neil-doe.md").read_text()
    assert written.startswith("---\nname: \"Dr Jane O'Neil-Doe\"\n# photo: jane-o-neil-doe.jpg\n")
    assert run(root, "new", "Dr Jane O'Neil-Doe") == 1
    assert "already exists; edit it instead (nothing was changed)" in capsys.readouterr().err
    assert (root / "content" / "mentors" / "jane-o-neil-doe.md").read_text() == written


@pytest.mark.parametrize("name", ["Dr Jane O\u2019Neil-Doe", "Dr Jane O\u2018Neil-Doe", "Dr Jane O'Neil-Doe"])
def test_new_gives_the_same_file_name_whichever_apostrophe_is_typed(make_site, name):
    root = make_site({"content/mentors/_template.md": "---\nname: Dr Your Name\nphoto: your-name.jpg\n---\nBio\n"})
    assert run(root, "new", name) == 0
    assert [path.name for path in (root / "content" / "mentors").glob("*-*.md")] == ["jane-o-neil-doe.md"]


def test_new_refuses_a_name_without_latin_letters_and_says_how_to_go_on(make_site, capsys):
    root = make_site({"content/mentors/_template.md": "---\nname: Dr Your Name\n---\nBio\n"})
    assert run(root, "new", "Dr \u738b\u4f1f") == 1
    assert capsys.readouterr().err == ('error: cannot make a file name from "Dr \u738b\u4f1f"; create '
                                       "content/mentors/<name-in-latin-letters>.md yourself by copying "
                                       "content/mentors/_template.md\n")
    assert [path.name for path in (root / "content" / "mentors").iterdir()] == ["_template.md"]


def test_the_real_template_scaffolds_a_bio_that_passes_check(tmp_path, capsys):
    import shutil
    from conftest import REPO
    root = tmp_path / "site"
    shutil.copytree(REPO / "content", root / "content")
    assert run(root, "new", "Dr Zoë Example") == 0
    written = (root / "content" / "mentors" / "zoe-example.md").read_text()
    assert "\nupdated: 2026-11-22  # optional" in written  # the build date the tests fix, not the template's
    assert run(root, "check") == 0, capsys.readouterr().err


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["serve"], ["new"]])
def test_help_is_there_for_every_command(command):
    result = subprocess.run([sys.executable, "-m", "mentordir", *command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "usage: mentordir" in result.stdout


def test_python_dash_m_generator_runs_the_same_command(make_site):
    root = make_site({"content/mentors/jane-doe.md": FIVE_MISTAKES})
    result = subprocess.run([sys.executable, "-m", "mentordir", "check", "--root", str(root), "--theme", str(THEME)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "5 problems to fix in 1 file." in result.stderr
    assert "Traceback" not in result.stderr


def test_contributing_quotes_messages_that_check_really_prints_and_names_files_that_exist(tmp_path, capsys):
    import re
    import shutil
    from conftest import REPO
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    root = tmp_path / "site"
    shutil.copytree(REPO / "content", root / "content")
    with open(root / "content" / "site.yaml", "a", encoding="utf-8") as settings:
        settings.write("email_domains: [nhs.net]\n")
    (root / "content" / "mentors" / "jane-doe.md").write_text(bio_text(
        {"grade": "F1", "schemes": "[foundation]", "region": "NO", "photo": "jane-doe.jpg", "capcity": "2",
         "contact": "\n  preferred: email\n  email: jane.doe@gmail.com", "updated": "2025-06-30"}), encoding="utf-8")
    (root / "content" / "mentors" / "john-smith.md").write_text(bio_text({"grade": "ST4", "capacity": "3"}),
                                                                encoding="utf-8")
    assert run(root, "check") == 1
    printed = capsys.readouterr().err
    table = guide[guide.index("| the message says |"):guide.index("If a rule of the scheme seems wrong")]
    cells = re.findall(r"^\| (`.+?`) \|", table, flags=re.MULTILINE)
    quoted = [cell[2:-2].strip() if cell.startswith("``") else cell[1:-1] for cell in cells]
    assert len(quoted) == 7
    assert [message for message in quoted if message not in printed] == []
    for name in ["content/mentors/_template.md", "content/schemes/foundation.md", "content/schemes/returners",
                 ".github/pull_request_template.md", ".github/workflows/check.yml"]:
        assert (REPO / name).exists(), name
    assert "`content/mentors/_template.md`" in guide or "`_template.md`" in guide
    assert "Check bios / mentordir check" in guide
    commands = re.findall(r"^\.venv/bin/mentordir (\w+)", guide, flags=re.MULTILINE)
    assert commands == ["new", "check", "serve"]
