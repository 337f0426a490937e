"""The command line: exit statuses, messages, formats, and never a traceback."""

from __future__ import annotations

import datetime as dt
import io
import re
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
        "use one of: F1, F2, CT1, ST1, CT2, ST2, CT3, ST3, ST4, ST5, ST6, ST7, ST8, SAS, Specialty doctor, GP, "
        "Consultant",
        'content/mentors/jane-doe.md:5: region: NO is read by YAML as a yes/no value, not as text - '
        'put it in quotes: `region: "NO"`',
        "content/mentors/jane-doe.md:9: mentees: is 3, more than capacity (2) - "
        "mentees counts your current mentees, from 0 up to your capacity",
        'content/mentors/jane-doe.md:10: capcity: is not a field we know (did you mean "capacity"?) - fix the '
        "spelling or remove the line; the fields are: name, pronouns, photo, grade, specialty, region, "
        "organisation, schemes, style, working, capacity, mentees, full_until, contact, matching, updated, "
        "photo_focus, github, away_until",
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


@pytest.mark.parametrize(("name", "slug"), [
    ("Dr \u0141ukasz W\u00f3jcik", "lukasz-wojcik"), ("S\u00f8ren \u00d8degaard", "soren-odegaard"),
    ("\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432", "ivan-petrov"), ("Dr \u738b\u4f1f", "wang-wei")])
def test_new_transliterates_a_name_into_its_file_name(make_site, name, slug):
    root = make_site({"content/mentors/_template.md": "---\nname: Dr Your Name\n---\nBio\n"})
    assert run(root, "new", name) == 0
    assert sorted(path.name for path in (root / "content" / "mentors").iterdir()) == ["_template.md", f"{slug}.md"]


def test_new_refuses_a_name_without_letters_and_says_how_to_go_on(make_site, capsys):
    root = make_site({"content/mentors/_template.md": "---\nname: Dr Your Name\n---\nBio\n"})
    assert run(root, "new", "Dr \U0001f600") == 1
    assert capsys.readouterr().err == ('error: cannot make a file name from "Dr \U0001f600"; create '
                                       "content/mentors/<name-in-latin-letters>.md yourself by copying "
                                       "content/mentors/_template.md\n")
    assert [path.name for path in (root / "content" / "mentors").iterdir()] == ["_template.md"]


def _demo_copy(tmp_path):
    import shutil
    from conftest import REPO
    root = tmp_path / "site"
    shutil.copytree(REPO / "content", root / "content")
    return root


def test_the_unchanged_template_and_what_new_writes_are_refused_on_the_placeholders_lines(tmp_path, capsys):
    from conftest import line_of
    root = _demo_copy(tmp_path)
    template = (root / "content" / "mentors" / "_template.md").read_text()
    (root / "content" / "mentors" / "jane-doe.md").write_text(template)
    assert run(root, "new", "Dr Zo\u00eb Example") == 0
    written = (root / "content" / "mentors" / "zoe-example.md").read_text()
    assert "\nupdated: 2026-11-22  # optional" in written  # the build date the tests fix, not the template's
    capsys.readouterr()
    assert run(root, "check") == 1
    printed = capsys.readouterr().err
    for file, text in (("jane-doe.md", template), ("zoe-example.md", written)):
        assert (f"content/mentors/{file}:{line_of(text, 'specialty:')}: specialty: still says \"Your Specialty\", "
                "the example from the template - write your own specialty instead, or delete the line if it is "
                "optional") in printed
        assert (f"content/mentors/{file}:{line_of(text, '*Replace each prompt')}: bio: still holds the template's "
                'prompt "Replace each prompt below with a few sentences of your own ..." - replace the prompt with '
                "a few sentences of your own, in the first person") in printed
    assert (f"content/mentors/jane-doe.md:{line_of(template, 'name:')}: name: still says \"Dr Your Name\"") in printed
    assert "zoe-example.md:" + str(line_of(written, "name:")) not in printed


def test_new_fills_in_what_it_is_given_and_the_bio_passes_once_written(tmp_path, capsys):
    root = _demo_copy(tmp_path)
    assert run(root, "new", "Dr Zo\u00eb Example", "--grade", "ST4", "--specialty", "Paeds", "--region", "Wessex",
               "--email", "zoe.example@example.nhs.uk", "--github", "zoe-example") == 0
    path = root / "content" / "mentors" / "zoe-example.md"
    written = path.read_text()
    assert '\nspecialty: "Paeds"' in written and '\n  email: "zoe.example@example.nhs.uk"' in written
    assert "\n  # phone:" in written and "\n  # url:" in written and "\n# organisation:" in written
    head, _, _ = written.partition("\n---\n*Replace")
    head = head.replace('"One to three short sentences, in your own words, about how you mentor."',
                        '"I listen first."')
    path.write_text(head + "\n---\nI am a paediatrician in Wessex.\n")
    capsys.readouterr()
    assert run(root, "check") == 0, capsys.readouterr().err


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["serve"], ["new"], ["init"]])
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


def test_the_command_ends_at_once_with_its_whole_output_status_and_site(make_site, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text(), "content/mentors/ann-lee.md": bio_text(
        {"name": "Dr Ann Lee", "updated": "2020-01-01"})})
    out = tmp_path / "out"
    built = subprocess.run([sys.executable, "-m", "mentordir", "build", "--root", str(root), "--theme", str(THEME),
                            "--out", str(out), "-v"], capture_output=True, text=True)
    assert built.returncode == 0 and "Traceback" not in built.stderr
    assert built.stdout.startswith("Built 2 mentors into") and "1 warning in 1 file" in built.stderr
    assert (out / "mentors" / "ann-lee" / "index.html").is_file()
    assert (root / ".cache" / "mentordir" / "build-memory.pickle").is_file()


def test_output_piped_into_a_reader_that_stops_early_is_no_traceback(make_site):
    # More than a pipe holds, so that the command is still writing when the reader has gone.
    root = make_site({f"content/mentors/mentor-{number}.md": FIVE_MISTAKES for number in range(150)})
    command = f"{sys.executable} -m mentordir check --format github --root {root} --theme {THEME} | head -c 10"
    finished = subprocess.run(["sh", "-c", command], capture_output=True, text=True)
    assert finished.stdout == "::error fi" and "Traceback" not in finished.stderr


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


# --- command-line conventions -------------------------------------------------------------------

def test_version_prints_the_package_version(capsys):
    from mentordir import __version__
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert (exited.value.code, capsys.readouterr().out) == (0, f"mentordir {__version__}\n")


def test_a_mistyped_command_gets_did_you_mean(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["chekc", "--root", "."])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        'mentordir: error: "chekc" is not a command (did you mean "check"?); '
        "the commands are: build, check, serve, report, import, new, init, access-code")


def test_a_wrong_option_prints_that_command_s_own_usage_with_did_you_mean(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["build", "--bse-url", "https://example.org/"])
    error = capsys.readouterr().err
    assert exited.value.code == 2
    assert error.startswith("usage: mentordir build ")
    assert error.splitlines()[-1] == ('mentordir build: error: unrecognised options: --bse-url (did you mean '
                                      '"--base-url"?), https://example.org/')


@pytest.mark.parametrize("port", ["80", "0", "70000", "eighty"])
def test_a_port_out_of_range_is_a_usage_message(port, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", port])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"mentordir serve: error: argument --port: {port} is not a port we can use: give a whole number "
        "from 1024 to 65535")


def test_a_port_already_in_use_is_a_message_not_a_traceback(make_site, capsys):
    import socket
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run(root, "serve", "--port", str(port)) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: port {port} on 127.0.0.1 is already in use (perhaps by another mentordir serve) - stop the "
        f"other program, or choose another port: mentordir serve --port {port + 1}")


def test_a_theme_folder_that_does_not_exist_is_a_usage_message(make_site, tmp_path, capsys):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    with pytest.raises(SystemExit) as exited:
        main(["check", "--root", str(root), "--theme", str(tmp_path / "nowhere")])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"mentordir check: error: argument --theme: there is no folder {tmp_path / 'nowhere'}")


def test_a_site_without_a_theme_folder_checks_with_the_built_in_theme(make_site, capsys):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    assert main(["check", "--root", str(root)]) == 0
    assert capsys.readouterr().out == "No problems: 1 mentor is ready to publish.\n"


def test_quiet_prints_only_problems(make_site, tmp_path, capsys):
    root = make_site({"content/mentors/jane-doe.md": bio_text({"updated": "2024-01-01"})})
    assert run(root, "check", "-q") == 0
    assert run(root, "build", "--out", str(tmp_path / "out"), "--quiet") == 0
    output = capsys.readouterr()
    assert output.out == ""
    assert output.err.count("warning: updated: 2024-01-01 is more than 12 months ago") == 2


def test_quiet_and_verbose_together_are_a_usage_message(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["check", "-q", "-v"])
    assert exited.value.code == 2
    assert "argument -v/--verbose: not allowed with argument -q/--quiet" in capsys.readouterr().err


def test_init_writes_a_repository_without_asking_when_input_is_not_a_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["init", str(tmp_path / "my-scheme"), "--title", "Test Scheme", "--base-url",
                 "https://example.org/my-scheme/"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote 19 files into {tmp_path / 'my-scheme'} for mentordir ")
    assert main(["check", "--root", str(tmp_path / "my-scheme")]) == 0


def test_init_asks_on_a_terminal_for_what_was_not_given(tmp_path, capsys, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("\nThe Team\nteam@example.org\n"))
    assert main(["init", str(tmp_path), "--title", "Test Scheme"]) == 0
    settings = (tmp_path / "content" / "site.yaml").read_text()
    assert 'title: "Test Scheme"' in settings and "# base_url:" in settings
    assert 'team:\n  name: "The Team"\n  email: "team@example.org"\n' in settings


def test_new_asks_for_what_it_was_not_given_on_a_terminal_only(make_site, monkeypatch, capsys):
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    root = make_site({"content/mentors/_template.md": "---\nname: Dr Your Name\ngrade: ST4\nspecialty: Your Specialty"
                                                      "\n---\nBio\n"})
    asked: list[str] = []
    answers = iter(["Paeds", "", "", "", "", "", ""])
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or next(answers))
    monkeypatch.setattr("sys.stdin", Terminal())
    assert run(root, "new", "Dr Jane Doe", "--grade", "ST6") == 0
    assert asked[0] == "Your specialty (e.g. General Practice): " and len(asked) == 7
    assert (root / "content" / "mentors" / "jane-doe.md").read_text().startswith(
        '---\nname: "Dr Jane Doe"\ngrade: "ST6"\nspecialty: "Paeds"\n')
    monkeypatch.setattr("sys.stdin", io.StringIO())  # a pipe, as in CI: nothing is asked
    assert run(root, "new", "Dr Amir Ali") == 0
    assert len(asked) == 7


def test_init_refuses_a_folder_that_holds_its_files(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    (tmp_path / "README.md").write_text("ours\n")
    assert main(["init", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (f"error: {tmp_path} already has README.md; nothing was written. "
                                       "Choose an empty or new folder\n")


def test_new_without_a_template_of_the_site_s_own_uses_the_built_in_one_with_its_settings(make_site, capsys):
    root = make_site({"content/site.yaml": SITE_WITH_RULES})
    assert run(root, "new", "Dr Jane Doe") == 0
    written = (root / "content" / "mentors" / "jane-doe.md").read_text()
    assert 'name: "Dr Jane Doe"' in written and "your.name@nhs.net" in written
    assert "schemes: [returners]" in written and "(doctors in training at most 2)" in written


SITE_WITH_RULES = ("title: T\nteam:\n  name: The Team\n  email: team@example.org\ntrainee_max_capacity: 2\n"
                   "email_domains: [nhs.net]\n")


def test_verbose_also_says_what_each_step_did_and_quiet_says_nothing_but_problems(make_site, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    said = {}
    for flag in ("-v", "-q"):
        out = tmp_path / f"out{flag}"
        command = [sys.executable, "-m", "mentordir", "build", flag, "--root", str(root), "--out", str(out)]
        result = subprocess.run(command, capture_output=True, text=True)
        said[flag] = (result.returncode, result.stdout, result.stderr)
    assert said["-v"][0] == 0 and re.search(rf"wrote \d+ files to {re.escape(str(tmp_path / 'out-v'))}", said["-v"][2])
    assert said["-q"] == (0, "", "")


@pytest.mark.parametrize("link", [".cache", ".cache/mentordir", ".cache/mentordir/photos"])
def test_a_cache_folder_that_a_pull_request_made_a_link_is_refused_and_what_it_points_to_kept(
        make_site, tmp_path, capsys, link):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("mine")
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(precious)
    assert main(["build", "--root", str(root), "--theme", str(THEME), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert f"{root / link} is a symbolic link" in error and "--cache" in error and "Traceback" not in error
    assert [path.name for path in precious.iterdir()] == ["notes.txt"]
