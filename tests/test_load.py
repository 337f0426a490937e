"""Tests for generator/content/load.py: reading the content tree, and never letting a bio vanish because of its name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SCHEME, MakeSite, bio_text
from mentordir.content.load import load_sources
from mentordir.model.problems import Problem, Severity

BIO = bio_text()


def problem(file: str, message: str, fix: str, severity: Severity = Severity.ERROR) -> Problem:
    """A problem about a whole file."""
    return Problem(file, None, None, message, fix, severity)


def rename(file: str, to: str) -> Problem:
    """The problem for a bio whose file name is not a slug."""
    return problem(file, "the file name must be lower-case letters, digits and hyphens, ending in .md",
                   f"rename it to {to}")


SYMLINK_FIX = "replace the link with the real file"


# --- bios ---------------------------------------------------------------------------------------

def test_reads_bios_sorted_by_slug_with_their_bytes(make_site: MakeSite) -> None:
    root = make_site({"content/mentors/zara-khan.md": BIO, "content/mentors/amir-ali.md": "---\n---\nAmir\n",
                      "content/mentors/jane-doe.md": BIO})
    sources, problems = load_sources(root)
    assert problems == []
    assert [(bio.slug, bio.file) for bio in sources.mentors] == [
        ("amir-ali", "content/mentors/amir-ali.md"),
        ("jane-doe", "content/mentors/jane-doe.md"),
        ("zara-khan", "content/mentors/zara-khan.md"),
    ]
    assert sources.mentors[0].data == b"---\n---\nAmir\n"
    assert sources.mentors[0].path == root / "content" / "mentors" / "amir-ali.md"


def test_ignores_the_template_and_hidden_files(make_site: MakeSite) -> None:
    root = make_site({"content/mentors/_template.md": BIO, "content/mentors/.DS_Store": b"\x00",
                      "content/mentors/.gitkeep": "", "content/mentors/jane-doe.md": BIO})
    sources, problems = load_sources(root)
    assert ([bio.slug for bio in sources.mentors], problems) == (["jane-doe"], [])


def test_collects_photos_by_exact_file_name(make_site: MakeSite) -> None:
    root = make_site({"content/mentors/jane-doe.md": BIO, "content/mentors/jane-doe.jpg": b"x",
                      "content/mentors/Amir.PNG": b"x", "content/mentors/zara.webp": b"x"})
    sources, problems = load_sources(root)
    assert problems == []
    assert sources.photos == {name: root / "content" / "mentors" / name
                              for name in ("Amir.PNG", "jane-doe.jpg", "zara.webp")}


def test_reports_a_capitalised_bio_with_the_name_to_use(make_site: MakeSite) -> None:
    sources, problems = load_sources(make_site({"content/mentors/Jane-Doe.md": BIO}))
    assert sources.mentors == ()
    assert problems == [rename("content/mentors/Jane-Doe.md", "jane-doe.md")]


@pytest.mark.parametrize(("name", "to"), [
    ("jane doe.md", "jane-doe.md"),
    ("Zo\u00eb Ng.md", "zoe-ng.md"),
    ("jane-doe.MD", "jane-doe.md"),
    ("dr_jane_doe.md", "jane-doe.md"),
    ("jane-doe.md.txt", "jane-doe.md"),
    ("jane-doe.markdown", "jane-doe.md"),
    ("jane-doe", "jane-doe.md"),
    ("jane-doe.md ", "jane-doe.md"),
    ("jane-doe.txt", "jane-doe.md"),
    ("jane-doe.yaml", "jane-doe.md"),
    ("_jane-doe.md", "jane-doe.md"),
    (".jane-doe.md", "jane-doe.md"),
    ("\u0141ukasz W\u00f3jcik.md", "lukasz-wojcik.md"),
    ("S\u00f8ren \u00d8degaard.md", "soren-odegaard.md"),
    ("\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432.md", "ivan-petrov.md"),
    ("\u738b\u4f1f.md", "wang-wei.md"),
])
def test_reports_every_misnamed_bio_with_a_slug_to_rename_it_to(make_site: MakeSite, name: str, to: str) -> None:
    sources, problems = load_sources(make_site({f"content/mentors/{name}": BIO}))
    assert sources.mentors == ()
    assert problems == [rename(f"content/mentors/{name}", to)]


@pytest.mark.parametrize("name", ["Jane-Doe.md", "jane-doe.MD",
                                  "jan\u00e9-doe.md", "jane\u0301-doe.md", "Jan\u00e9-Doe.md"])  # accents: NFC and NFD
def test_reports_a_bio_that_folds_onto_another_naming_both(make_site: MakeSite, name: str) -> None:
    sources, problems = load_sources(make_site({"content/mentors/jane-doe.md": BIO, f"content/mentors/{name}": BIO}))
    assert [bio.file for bio in sources.mentors] == ["content/mentors/jane-doe.md"]
    assert problems == [problem(f"content/mentors/{name}",
                                "has the same name as content/mentors/jane-doe.md once lower-cased and without accents",
                                "each mentor needs their own file: rename or remove one of the two")]


def test_reports_a_bio_file_without_a_name_in_it(make_site: MakeSite) -> None:
    sources, problems = load_sources(make_site({"content/mentors/..md": BIO}))
    assert sources.mentors == ()
    assert problems == [problem("content/mentors/..md", "the file name has no name of a mentor in it",
                                "rename it after the mentor, in lower case with hyphens, like jane-doe.md")]


def test_reports_a_stray_file_as_an_error(make_site: MakeSite) -> None:
    sources, problems = load_sources(make_site({"content/mentors/jane-doe.md": BIO,
                                                "content/mentors/cv.docx": "x"}))
    assert [bio.slug for bio in sources.mentors] == ["jane-doe"]
    assert problems == [problem("content/mentors/cv.docx", "is not a bio (.md) or a photo (.jpg, .png, .webp)",
                                "remove it; a bio written elsewhere (in Word, say) goes into a .md file "
                                "copied from _template.md")]


def test_reports_a_photo_in_a_format_browsers_cannot_all_show(make_site: MakeSite) -> None:
    sources, problems = load_sources(make_site({"content/mentors/Jane Doe.HEIC": b"x"}))
    assert (sources.photos, sources.mentors) == ({}, ())
    assert problems == [problem("content/mentors/Jane Doe.HEIC", "is a photo in a format the site cannot show",
                                "save it as a JPEG, PNG or WebP, like jane-doe.jpg, and remove this file")]


@pytest.mark.parametrize("folder", ["mentors", "schemes"])
def test_reports_a_file_where_a_content_folder_should_be(make_site: MakeSite, folder: str) -> None:
    root = make_site({"content/schemes/returners.md": None})
    (root / "content" / "mentors").rmdir()
    (root / "content" / folder).write_text(BIO)
    sources, problems = load_sources(root)
    assert (sources.mentors, sources.schemes) == ((), ())
    assert problems == [problem(f"content/{folder}", f"is a file, but it should be the folder of {folder}",
                                f"rename or remove the file, and keep each of the {folder} as its own .md file "
                                f"in a folder named content/{folder}/")]


def test_reports_a_folder_among_the_bios(make_site: MakeSite) -> None:
    sources, problems = load_sources(make_site({"content/mentors/old/jane-doe.md": BIO}))
    assert sources.mentors == ()
    assert problems == [problem("content/mentors/old", "is a folder; content/mentors/ holds only bios and photos",
                                "move the files in it up into content/mentors/, or delete the folder")]


# --- symbolic links -----------------------------------------------------------------------------

def test_reports_a_symlinked_bio_and_does_not_read_it(make_site: MakeSite, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text(BIO)
    root = make_site({"content/mentors/jane-doe.md": BIO})
    os.symlink(outside, root / "content" / "mentors" / "evil.md")
    sources, problems = load_sources(root)
    assert [bio.slug for bio in sources.mentors] == ["jane-doe"]
    assert problems == [problem("content/mentors/evil.md",
                                "is a symbolic link; links are not allowed under content/", SYMLINK_FIX)]


def test_reports_a_symlinked_photo_and_does_not_collect_it(make_site: MakeSite, tmp_path: Path) -> None:
    outside = tmp_path / "id_rsa"
    outside.write_text("private")
    root = make_site({"content/mentors/jane-doe.md": BIO})
    os.symlink(outside, root / "content" / "mentors" / "jane-doe.jpg")
    sources, problems = load_sources(root)
    assert sources.photos == {}
    assert problems == [problem("content/mentors/jane-doe.jpg",
                                "is a symbolic link; links are not allowed under content/", SYMLINK_FIX)]


def test_reports_a_symlinked_folder_anywhere_under_content(make_site: MakeSite, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.md").write_text(SCHEME)
    root = make_site()
    os.symlink(elsewhere, root / "content" / "schemes" / "linked", target_is_directory=True)
    sources, problems = load_sources(root)
    assert [scheme.slug for scheme in sources.schemes] == ["returners"]
    assert problems == [problem("content/schemes/linked",
                                "is a symbolic link; links are not allowed under content/", SYMLINK_FIX)]


# --- schemes ------------------------------------------------------------------------------------

def test_reads_a_single_file_scheme(make_site: MakeSite) -> None:
    sources, problems = load_sources(make_site())
    assert problems == []
    (scheme,) = sources.schemes
    assert (scheme.slug, scheme.settings.file, scheme.settings.slug, scheme.pages) == (
        "returners", "content/schemes/returners.md", "returners", ())
    assert scheme.settings.data == SCHEME.encode()


def test_reads_a_folder_scheme_with_its_pages_sorted(make_site: MakeSite) -> None:
    root = make_site({"content/schemes/pairs/index.md": SCHEME, "content/schemes/pairs/how-it-works.md": SCHEME,
                      "content/schemes/pairs/about.md": SCHEME, "content/schemes/pairs/_draft.md": SCHEME})
    sources, problems = load_sources(root)
    assert problems == []
    pairs = sources.schemes[0]
    assert (pairs.slug, pairs.settings.file, pairs.settings.slug) == ("pairs", "content/schemes/pairs/index.md", "pairs")
    assert [(page.slug, page.file) for page in pairs.pages] == [
        ("about", "content/schemes/pairs/about.md"),
        ("how-it-works", "content/schemes/pairs/how-it-works.md"),
    ]
    assert [scheme.slug for scheme in sources.schemes] == ["pairs", "returners"]


def test_reports_a_scheme_folder_without_index(make_site: MakeSite) -> None:
    sources, problems = load_sources(make_site({"content/schemes/pairs/how-it-works.md": SCHEME}))
    assert [scheme.slug for scheme in sources.schemes] == ["returners"]
    assert problems == [problem("content/schemes/pairs/", "has no index.md with the scheme's settings",
                                "add index.md with a title, a summary and the handbook's first page")]


def test_reports_a_scheme_written_both_as_a_file_and_a_folder(make_site: MakeSite) -> None:
    sources, problems = load_sources(make_site({"content/schemes/returners/index.md": SCHEME}))
    assert problems == [problem("content/schemes/returners.md", "is the same scheme as content/schemes/returners/index.md",
                                "keep either the single file or the folder")]


def test_reports_a_capitalised_scheme_with_the_name_to_use(make_site: MakeSite) -> None:
    sources, problems = load_sources(make_site({"content/schemes/Pairs.md": SCHEME}))
    assert [scheme.slug for scheme in sources.schemes] == ["returners"]
    assert problems == [problem("content/schemes/Pairs.md", "the name must be lower-case letters, digits and hyphens",
                                "rename it to pairs.md")]


def test_reports_a_stray_file_among_schemes_as_a_warning(make_site: MakeSite) -> None:
    _, problems = load_sources(make_site({"content/schemes/notes.txt": "x"}))
    assert problems == [problem("content/schemes/notes.txt", "is not a scheme (.md file or folder)",
                                "remove it, or move it into a scheme's folder", Severity.WARNING)]


def test_reports_a_misnamed_handbook_page_with_the_name_to_use(make_site: MakeSite) -> None:
    sources, problems = load_sources(make_site({"content/schemes/pairs/index.md": SCHEME,
                                                "content/schemes/pairs/How To.md": SCHEME}))
    assert sources.schemes[0].pages == ()
    assert problems == [problem("content/schemes/pairs/How To.md",
                                "is not a handbook page (a lower-case name ending in .md)",
                                "rename it to how-to.md, or remove it")]


def test_suggests_the_right_name_for_a_handbook_page_saved_without_md(make_site: MakeSite) -> None:
    _, problems = load_sources(make_site({"content/schemes/pairs/index.md": SCHEME,
                                          "content/schemes/pairs/how-to": SCHEME}))
    assert [p.fix for p in problems] == ["rename it to how-to.md, or remove it"]


def test_suggests_a_folder_name_for_a_scheme_folder_with_a_dot(make_site: MakeSite) -> None:
    _, problems = load_sources(make_site({"content/schemes/pairs.old/index.md": SCHEME}))
    assert [p.fix for p in problems] == ["rename it to pairs-old"]


# --- the content folder -------------------------------------------------------------------------

def test_reports_a_missing_content_folder(tmp_path: Path) -> None:
    sources, problems = load_sources(tmp_path)
    assert (sources.mentors, sources.photos, sources.schemes) == ((), {}, ())
    assert problems == [problem("content", "there is no content folder",
                                "run mentordir in the folder that holds content/, or pass --root")]
