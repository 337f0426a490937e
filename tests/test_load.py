"""Tests for generator/content/load.py: reading the content tree, and never letting a bio vanish because of its name."""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

import pytest

from conftest import SCHEME, MakeSite, bio_text
from mentordir.content import load
from mentordir.content.files import read_inside, read_plain
from mentordir.content.load import MAX_SLUG_LENGTH, load_sources, reload_sources
from mentordir.content.stamps import TICK_NS, KnownBios
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


def test_a_content_folder_that_is_a_link_is_reported_and_nothing_behind_it_is_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "mentors").mkdir(parents=True)
    (elsewhere / "mentors" / "someone-else.md").write_text(BIO)
    root = tmp_path / "site"
    root.mkdir()
    (root / "content").symlink_to(elsewhere, target_is_directory=True)
    sources, problems = load_sources(root)
    assert (sources.mentors, sources.photos, sources.schemes) == ((), {}, ())
    assert problems == [problem("content", "is a symbolic link; the content folder must be a real folder inside "
                                           "the site", "replace the link with the real folder")]


@pytest.mark.parametrize("folder", ["mentors", "schemes"])
def test_a_linked_mentors_or_schemes_folder_is_reported_and_not_read(make_site: MakeSite, tmp_path: Path,
                                                                     folder: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "someone-else.md").write_text(BIO if folder == "mentors" else SCHEME)
    root = make_site({"content/schemes/returners.md": None})
    if (root / "content" / folder).exists():
        (root / "content" / folder).rmdir()
    (root / "content" / folder).symlink_to(elsewhere, target_is_directory=True)
    sources, problems = load_sources(root)
    assert (sources.mentors, sources.schemes) == ((), ())
    assert problems == [problem(f"content/{folder}", "is a symbolic link; links are not allowed under content/",
                                SYMLINK_FIX)]


def test_a_linked_index_of_a_scheme_folder_is_reported_once_and_not_read(make_site: MakeSite, tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(SCHEME)
    root = make_site({"content/schemes/pairs/how-to.md": SCHEME})
    (root / "content" / "schemes" / "pairs" / "index.md").symlink_to(tmp_path / "index.md")
    sources, problems = load_sources(root)
    assert [scheme.slug for scheme in sources.schemes] == ["returners"]
    assert problems == [problem("content/schemes/pairs/index.md",
                                "is a symbolic link; links are not allowed under content/", SYMLINK_FIX)]


# --- special files and sizes ---------------------------------------------------------------------

SPECIAL_FIX = "replace it with an ordinary file, or remove it"


@pytest.fixture
def no_hang():
    """Fail, rather than wait for ever, when a test would block on a pipe."""
    def stuck(signum: int, frame: object) -> None:
        raise AssertionError("reading the content waited for ever")
    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", ["content/mentors/jane-doe.md", "content/mentors/jane-doe.jpg",
                                  "content/schemes/pairs.md", "content/schemes/pairs/index.md",
                                  "content/schemes/pairs/how-to.md"])
def test_a_named_pipe_is_refused_without_being_opened(make_site: MakeSite, no_hang: None, name: str) -> None:
    root = make_site({"content/schemes/pairs/index.md": SCHEME} if "pairs/" in name else {})
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    sources, problems = load_sources(root)
    assert problem(name, "is a named pipe, not an ordinary file", SPECIAL_FIX) in problems
    assert sources.photos == {} and sources.mentors == ()


def test_a_socket_among_the_bios_is_refused(make_site: MakeSite, no_hang: None) -> None:
    root = make_site()
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(root / "content" / "mentors" / "jane-doe.md"))
        _, problems = load_sources(root)
    assert problems == [problem("content/mentors/jane-doe.md", "is a socket, not an ordinary file", SPECIAL_FIX)]


def test_the_size_of_a_huge_bio_is_checked_before_it_is_read(make_site: MakeSite) -> None:
    root = make_site()
    with open(root / "content" / "mentors" / "jane-doe.md", "wb") as sparse:
        sparse.truncate(2_000_000_000)  # 2 GB that take no disk space, and must take no memory
    sources, problems = load_sources(root)
    assert sources.mentors == ()
    assert problems == [problem("content/mentors/jane-doe.md", "the file is 2,000,000,000 bytes, more than the "
                                "100,000 allowed", "shorten the text; a bio needs only a few paragraphs")]


def test_read_plain_reads_no_more_than_its_limit_and_one_byte(tmp_path: Path) -> None:
    (tmp_path / "bio.md").write_bytes(b"x" * 10)
    assert read_plain(tmp_path / "bio.md", "content/mentors/bio.md", limit=10) == (b"x" * 10, [])
    assert read_plain(tmp_path / "bio.md", "content/mentors/bio.md", limit=9)[1] == [
        problem("content/mentors/bio.md", "the file is 10 bytes, more than the 9 allowed",
                "shorten the text; a bio needs only a few paragraphs")]
    assert read_plain(tmp_path / "bio.md", "content/schemes/pairs.md", limit=9)[1] == [
        problem("content/schemes/pairs.md", "the file is 10 bytes, more than the 9 allowed",
                "shorten the text, or split it into more files")]


def test_read_inside_refuses_a_file_reached_through_a_linked_folder(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "site.yaml").write_text("title: Not ours\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "content").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    data, problems = read_inside(tmp_path / "site", tmp_path / "site" / "content" / "site.yaml", "content/site.yaml")
    assert (data, problems) == (None, [problem("content/site.yaml", "is reached through a symbolic link",
                                               SYMLINK_FIX)])


# --- name lengths --------------------------------------------------------------------------------

def test_a_bio_file_name_too_long_to_publish_is_reported_with_a_shorter_name(make_site: MakeSite) -> None:
    slug = "dr-" + "a" * 234  # 237 characters: with a photo, its published names would pass 255
    root = make_site({f"content/mentors/{slug}.md": BIO, f"content/mentors/{slug}.jpg": b"x"})
    sources, problems = load_sources(root)
    assert sources.mentors == ()
    assert problems == [problem(f"content/mentors/{slug}.md",
                                f"the name is 237 characters long, more than the {MAX_SLUG_LENGTH} a page of the "
                                "site can be named", f"rename it to something shorter, like dr-{'a' * 37}.md")]


def test_a_bio_file_name_of_the_longest_allowed_length_is_read(make_site: MakeSite) -> None:
    slug = "a" * MAX_SLUG_LENGTH
    sources, problems = load_sources(make_site({f"content/mentors/{slug}.md": BIO}))
    assert ([bio.slug for bio in sources.mentors], problems) == ([slug], [])


def test_scheme_and_page_names_too_long_to_publish_are_reported(make_site: MakeSite) -> None:
    long = "b" * (MAX_SLUG_LENGTH + 1)
    root = make_site({f"content/schemes/{long}.md": SCHEME, "content/schemes/pairs/index.md": SCHEME,
                      f"content/schemes/pairs/{long}.md": SCHEME})
    sources, problems = load_sources(root)
    assert [scheme.slug for scheme in sources.schemes] == ["pairs", "returners"]
    assert sources.schemes[0].pages == ()
    assert {p.file for p in problems} == {f"content/schemes/pairs/{long}.md", f"content/schemes/{long}.md"}
    assert {p.message for p in problems} == {f"the name is {MAX_SLUG_LENGTH + 1} characters long, more than the "
                                             f"{MAX_SLUG_LENGTH} a page of the site can be named"}


def test_a_misnamed_bio_with_a_very_long_name_is_offered_a_name_that_fits(make_site: MakeSite) -> None:
    _, problems = load_sources(make_site({"content/mentors/" + "A" * 200 + ".md": BIO}))
    assert [p.fix for p in problems] == [f"rename it to {'a' * MAX_SLUG_LENGTH}.md"]


# --- what an earlier load read -------------------------------------------------------------------

JANE, JOHN = "content/mentors/jane-doe.md", "content/mentors/john-smith.md"


def later() -> int:
    """A moment well after every file a test has written: what a load that starts then may trust."""
    return time.time_ns() + 2 * TICK_NS


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The bios read from now on, by file (schemes are read every time)."""
    seen: list[str] = []

    def counting(path: Path, file: str, *rest: int) -> tuple[bytes | None, list[Problem]]:
        if file.startswith("content/mentors/"):
            seen.append(file)
        return read_plain(path, file, *rest)
    monkeypatch.setattr(load, "read_plain", counting)
    return seen


def test_an_unchanged_bio_is_not_read_again_and_the_result_is_a_full_loads(make_site: MakeSite,
                                                                           reads: list[str]) -> None:
    root = make_site({JANE: BIO, JOHN: BIO, "content/mentors/jane-doe.jpg": b"x"})
    _, _, known = reload_sources(root, KnownBios(), later())
    assert reads == [JANE, JOHN]
    reads.clear()
    again = reload_sources(root, known, later())
    assert reads == []
    assert again[:2] == load_sources(root)
    assert again[2].files == known.files


def test_a_bio_written_within_a_tick_of_the_last_load_is_read_again(make_site: MakeSite, reads: list[str]) -> None:
    root = make_site({JANE: BIO})
    _, _, known = reload_sources(root, KnownBios(), time.time_ns())
    reads.clear()
    reload_sources(root, known, later())
    assert reads == [JANE]


def test_a_bio_edited_within_the_same_tick_at_the_same_size_is_read_again(make_site: MakeSite, reads: list[str],
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # A file system whose clock stood still: the edit leaves size, times and inode as they were.
    moment = time.time_ns()
    monkeypatch.setattr(load, "stamp_of", lambda status: (status.st_size, moment, moment, status.st_ino))
    root = make_site({JANE: bio_text(body="First.\n")})
    _, _, known = reload_sources(root, KnownBios(), moment + 1)
    (root / JANE).write_text(bio_text(body="Later.\n"))
    sources, _, _ = reload_sources(root, known, later())
    assert reads == [JANE, JANE]
    assert sources.mentors[0].data == bio_text(body="Later.\n").encode()


def test_the_stamp_alone_is_trusted_once_it_is_older_than_a_tick(make_site: MakeSite, reads: list[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # What the test above guards against: with the same stamp and an older time, the edit is not seen.
    moment = time.time_ns()
    monkeypatch.setattr(load, "stamp_of", lambda status: (status.st_size, moment, moment, status.st_ino))
    root = make_site({JANE: bio_text(body="First.\n")})
    _, _, known = reload_sources(root, KnownBios(), moment + TICK_NS + 1)
    (root / JANE).write_text(bio_text(body="Later.\n"))
    sources, _, _ = reload_sources(root, known, later())
    assert (reads, sources.mentors[0].data) == ([JANE], bio_text(body="First.\n").encode())


def test_a_replaced_touched_removed_or_new_bio_is_seen(make_site: MakeSite, reads: list[str]) -> None:
    root = make_site({JANE: BIO, JOHN: BIO, "content/mentors/ann-lee.md": BIO,
                      "content/mentors/bob-ray.md": BIO})
    _, _, known = reload_sources(root, KnownBios(), later())
    status = (root / JANE).stat()
    replacement = root / "content" / "jane-doe.md.new"
    replacement.write_text(BIO.replace("Jane", "Anna"))  # the same size
    os.utime(replacement, ns=(status.st_atime_ns, status.st_mtime_ns))
    os.replace(replacement, root / JANE)  # another inode, with the old size and modification time
    os.utime(root / JOHN)
    (root / "content/mentors/ann-lee.md").unlink()
    (root / "content/mentors/zara-khan.md").write_text(BIO)
    reads.clear()
    sources, problems, again = reload_sources(root, known, later())
    assert sorted(reads) == [JANE, JOHN, "content/mentors/zara-khan.md"]
    assert (sources, problems) == load_sources(root)
    assert sources.mentors[1].data == BIO.replace("Jane", "Anna").encode()
    assert sorted(again.files) == ["content/mentors/bob-ray.md", JANE, JOHN, "content/mentors/zara-khan.md"]


def test_every_problem_comes_back_when_nothing_is_read_again(make_site: MakeSite, reads: list[str],
                                                            tmp_path: Path) -> None:
    root = make_site({JANE: BIO, "content/mentors/Jane-Doe.md": BIO, "content/mentors/old/x.md": BIO,
                      "content/mentors/notes.docx": b"x"})
    with open(root / JOHN, "wb") as sparse:
        sparse.truncate(200_000)
    os.symlink(tmp_path / "elsewhere.md", root / "content/mentors/evil.md")
    first = reload_sources(root, KnownBios(), later())
    reads.clear()
    again = reload_sources(root, first[2], later())
    assert reads == []
    assert again[:2] == first[:2] == load_sources(root)
    assert problem(JOHN, "the file is 200,000 bytes, more than the 100,000 allowed",
                   "shorten the text; a bio needs only a few paragraphs") in again[1]
    assert len(again[1]) == 5


def test_a_trusted_bio_that_became_a_link_or_a_folder_is_reported_as_one(make_site: MakeSite,
                                                                          tmp_path: Path) -> None:
    root = make_site({JANE: BIO, JOHN: BIO})
    _, _, known = reload_sources(root, KnownBios(), later())
    (root / JANE).unlink()
    os.symlink(tmp_path / "elsewhere.md", root / JANE)
    (root / JOHN).unlink()
    (root / JOHN).mkdir()
    sources, problems, again = reload_sources(root, known, later())
    assert (sources, problems) == load_sources(root)
    assert sources.mentors == () and again.files == {}
    assert [p.message for p in problems] == ["is a symbolic link; links are not allowed under content/",
                                             "is a folder; content/mentors/ holds only bios and photos"]
