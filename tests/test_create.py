"""Tests for generator/starter/create.py: `mentordir init` writes a whole scheme repository, never over a file."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import TODAY, options_for
from mentordir.build import generate_site
from mentordir.content.config import KNOWN_KEYS, load_config
from mentordir.starter.create import InitError, StarterSettings, create_repository, settings_text, starter_files

SETTINGS = StarterSettings(title="Test Scheme", base_url="https://example.org/my-scheme/", team_name="The Team",
                           team_email="team@example.org")
NOTHING = StarterSettings(title=None, base_url=None, team_name=None, team_email=None)


def test_the_repository_has_every_part_a_scheme_needs():
    files = starter_files(SETTINGS, "9.8.7", TODAY)
    assert {".github/workflows/check.yml", ".github/workflows/pages.yml", ".github/dependabot.yml",
            ".github/pull_request_template.md", ".gitignore", "CONTRIBUTING.md", "README.md", "requirements.txt",
            "content/site.yaml", "content/mentors/_template.md", "content/mentors/example-mentor.md",
            "content/schemes/peer-mentoring/index.md"} <= files.keys()
    handbook = sorted(path.rsplit("/", 1)[1] for path in files if path.startswith("content/schemes/"))
    assert handbook == ["commitment.md", "confidentiality.md", "escalation.md", "feedback.md", "index.md",
                        "pairing.md", "support.md"]


def test_the_release_that_wrote_it_is_pinned_and_named_in_the_readme():
    files = starter_files(SETTINGS, "9.8.7", TODAY)
    assert files["requirements.txt"].splitlines()[-1] == "mentordir==9.8.7"
    assert files["README.md"].startswith("# Test Scheme\n")
    assert not any("@version@" in text or "@title@" in text or "@today@" in text for text in files.values())


def test_the_gitignore_leaves_out_the_built_site_its_spare_and_the_cache():
    lines = starter_files(SETTINGS, "1.0", TODAY)[".gitignore"].splitlines()
    assert "_site/" in lines and "._site.*/" in lines and ".cache/" in lines


def test_site_yaml_has_the_values_given_and_every_other_setting_as_a_comment():
    text = settings_text(SETTINGS)
    assert 'title: "Test Scheme"\n' in text and 'base_url: "https://example.org/my-scheme/"\n' in text
    assert 'team:\n  name: "The Team"\n  email: "team@example.org"\n' in text
    missing = [key for key in KNOWN_KEYS if f"\n{key}:" not in text and f"\n# {key}:" not in text]
    assert missing == [], "add each new setting to settings_text() as a commented line with its default"


def test_site_yaml_with_nothing_given_is_all_comments_and_reads_as_the_defaults(make_site):
    text = settings_text(NOTHING)
    assert all(line.startswith("#") or not line for line in text.splitlines())
    config, problems = load_config(make_site({"content/site.yaml": text}))
    assert problems == [] and config.title == "Mentor directory" and config.team is None


def test_a_title_with_quotes_and_colons_survives_as_it_was_typed(make_site):
    title = 'Returners: "back to work" # mentors'
    text = settings_text(StarterSettings(title=title, base_url=None, team_name=None, team_email=None))
    config, problems = load_config(make_site({"content/site.yaml": text}))
    assert (config.title, problems) == (title, [])


def test_a_wrong_base_url_is_reported_by_its_option_and_nothing_is_written(tmp_path):
    with pytest.raises(InitError) as raised:
        starter_files(StarterSettings(title="T", base_url="example.org", team_name=None, team_email=None), "1.0",
                      TODAY)
    assert str(raised.value) == ('--base-url: "example.org" is not a web address or a path - write the address '
                                 "the site is published at, like https://example.github.io/mentors/")


def test_the_bio_template_lists_this_site_s_grades_and_scheme():
    template = starter_files(SETTINGS, "1.0", TODAY)["content/mentors/_template.md"]
    assert "schemes: [peer-mentoring]" in template
    assert "one of: F1, F2, CT1" in template and f"updated: {TODAY.isoformat()}" in template


def test_what_init_writes_checks_and_builds_with_no_edits(tmp_path):
    create_repository(tmp_path, starter_files(SETTINGS, "1.0", TODAY))
    site = generate_site(options_for(tmp_path))
    assert (site.mentors, site.warnings) == (1, ())
    assert "schemes/peer-mentoring/escalation/index.html" in site.files


def test_the_example_mentor_says_it_is_an_example_and_how_to_remove_it():
    text = starter_files(SETTINGS, "1.0", dt.date(2026, 1, 2))["content/mentors/example-mentor.md"]
    assert "AN EXAMPLE, NOT A REAL MENTOR" in text and "Delete this file" in text
    assert "**This is an example, not a real mentor.**" in text and "updated: 2026-01-02" in text


def test_refuses_to_write_when_any_file_exists_and_writes_nothing(tmp_path):
    (tmp_path / "README.md").write_text("ours\n")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "dependabot.yml").write_text("ours\n")
    with pytest.raises(InitError) as raised:
        create_repository(tmp_path, starter_files(SETTINGS, "1.0", TODAY))
    assert str(raised.value) == (f"{tmp_path} already has .github/dependabot.yml, README.md; nothing was written. "
                                 "Choose an empty or new folder")
    assert sorted(path.name for path in tmp_path.rglob("*")) == [".github", "README.md", "dependabot.yml"]
    assert (tmp_path / "README.md").read_text() == "ours\n"


def test_writes_into_a_folder_that_holds_only_other_files(tmp_path):
    (tmp_path / ".git").mkdir()
    written = create_repository(tmp_path, starter_files(SETTINGS, "1.0", TODAY))
    assert len(written) == 19 and (tmp_path / ".git").is_dir()


def test_the_mentors_guide_quotes_only_messages_this_repository_s_guide_proves():
    # tests/test_cli.py checks that each message in CONTRIBUTING.md is one `check` really prints;
    # the starter's copy may leave rows out but must not drift from them.
    from conftest import REPO
    ours = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").splitlines()
    starter = starter_files(SETTINGS, "1.0", TODAY)["CONTRIBUTING.md"].splitlines()
    rows = [line for line in starter if line.startswith("| `") or line.startswith("| ``")]
    assert len(rows) >= 5 and [row for row in rows if row not in ours] == []
