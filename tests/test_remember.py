"""What `mentordir build` keeps on disk between runs: reusing it builds the same bytes as a cold build,
what it depends on invalidates it, and a damaged or planted file is ignored."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import THEME, bio_text, options_for
from mentordir.build import BuildOptions, Remembered, build, generate_site
from mentordir.content import load, stamps, validate
from mentordir.output import remember
from mentordir.site import plan
from mentordir.model.signing_key import signing_key
from mentordir.output.remember import MEMORY_FILE, STAMP_FILE, generator_key, load_memory, save_memory


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (700, 900), (120, 90, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def site(make_site, tmp_path) -> tuple[BuildOptions, Path]:
    """A three-mentor site (one with a photo) with its own copy of the theme, built once into `out`."""
    root = make_site({
        "content/mentors/jane-doe.md": bio_text(extra=["photo: jane-doe.jpg"]),
        "content/mentors/jane-doe.jpg": photo(),
        "content/mentors/john-smith.md": bio_text({"name": "Dr John Smith"}),
        "content/mentors/ann-lee.md": bio_text({"name": "Dr Ann Lee", "mentees": "2"}),
    })
    shutil.copytree(THEME, tmp_path / "theme")
    options = options_for(root)
    options = BuildOptions(root=root, theme=tmp_path / "theme", cache=options.cache, today=options.today)
    build(options, tmp_path / "out")
    return options, tmp_path / "out"


@pytest.fixture
def validated(monkeypatch) -> list[str]:
    """The bios and schemes validated from now on, by file."""
    seen: list[str] = []
    for name in ("validate_mentor", "validate_scheme"):
        real = getattr(validate, name)

        def counting(source, *arguments, real=real):
            seen.append(getattr(source, "settings", source).file)
            return real(source, *arguments)
        monkeypatch.setattr(validate, name, counting)
    return seen


@pytest.fixture
def split_into_words(monkeypatch) -> list[str]:
    """The mentors whose search terms are worked out from now on, by slug."""
    seen: list[str] = []
    real = plan.field_terms

    def counting(mentor):
        seen.append(mentor.slug)
        return real(mentor)
    monkeypatch.setattr(plan, "field_terms", counting)
    return seen


def cold_build(options: BuildOptions, out: Path) -> None:
    """A build of the same site with an empty cache folder."""
    build(BuildOptions(root=options.root, theme=options.theme, cache=out.parent / "cold-cache", today=options.today),
          out)


def test_a_one_bio_edit_with_a_warm_cache_redoes_only_that_bio_and_builds_the_bytes_of_a_cold_build(
        site, validated, split_into_words, tmp_path):
    options, out = site
    (options.root / "content/mentors/john-smith.md").write_text(bio_text({"name": "Dr John Smith"}, body="Edited.\n"))
    result = build(options, out)
    assert validated == ["content/mentors/john-smith.md"]
    assert split_into_words == ["john-smith"]
    assert (result.photos.processed, result.photos.reused) == (0, 1)
    cold_build(options, tmp_path / "cold")
    assert tree(out) == tree(tmp_path / "cold")
    assert "Edited." in (out / "mentors/john-smith/index.html").read_text()


@pytest.fixture
def bios_read(monkeypatch) -> list[str]:
    """The bios read from disk from now on, by file; files older than the last build's start are trusted."""
    monkeypatch.setattr(stamps, "TICK_NS", 0)  # the test's files are not a tick older than the build that read them
    seen: list[str] = []
    real = load.read_plain

    def counting(path, file, *rest):
        if file.startswith("content/mentors/"):
            seen.append(file)
        return real(path, file, *rest)
    monkeypatch.setattr(load, "read_plain", counting)
    return seen


def test_a_one_bio_edit_after_a_kept_build_reads_only_that_bio_and_builds_the_bytes_of_a_cold_build(
        make_site, bios_read, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text(),
                      "content/mentors/john-smith.md": bio_text({"name": "Dr John Smith"}),
                      "content/mentors/ann-lee.md": bio_text({"name": "Dr Ann Lee", "updated": "2025-01-01"})})
    options = options_for(root)
    first = build(options, tmp_path / "out")
    bios_read.clear()
    (root / "content/mentors/john-smith.md").write_text(bio_text({"name": "Dr John Smith"}, body="Edited.\n"))
    again = build(options, tmp_path / "out")
    assert bios_read == ["content/mentors/john-smith.md"]
    assert again.warnings == first.warnings != ()  # ann-lee's, from a bio that was not read
    cold_build(options, tmp_path / "cold")
    assert tree(tmp_path / "out") == tree(tmp_path / "cold")


def test_a_rebuild_in_the_dev_server_reads_only_the_edited_bio_from_what_it_keeps_in_memory(make_site, bios_read):
    root = make_site({"content/mentors/jane-doe.md": bio_text(),
                      "content/mentors/john-smith.md": bio_text({"name": "Dr John Smith"})})
    options = options_for(root)
    first = generate_site(options)
    (root / "content/mentors/jane-doe.md").write_text(bio_text(body="Edited.\n"))
    bios_read.clear()
    again = generate_site(options, first.remembered)
    assert bios_read == ["content/mentors/jane-doe.md"]
    assert {path: first.files[path] for path in again.unchanged} | again.files == generate_site(options).files


def test_a_removed_bio_with_a_warm_cache_leaves_no_trace_of_its_page(site, tmp_path):
    options, out = site
    (options.root / "content/mentors/ann-lee.md").unlink()
    build(options, out)
    cold_build(options, tmp_path / "cold")
    assert tree(out) == tree(tmp_path / "cold")
    assert not (out / "mentors" / "ann-lee").exists()


def test_changed_settings_revalidate_every_bio(site, validated, tmp_path):
    options, out = site
    settings = options.root / "content/site.yaml"
    settings.write_text(settings.read_text().replace("Test directory", "Renamed directory"))
    build(options, out)
    assert sorted(validated) == ["content/mentors/ann-lee.md", "content/mentors/jane-doe.md",
                                 "content/mentors/john-smith.md", "content/schemes/returners.md"]
    cold_build(options, tmp_path / "cold")
    assert tree(out) == tree(tmp_path / "cold")


def test_a_changed_template_renders_every_page_again(site, tmp_path):
    options, out = site
    template = options.theme / "templates" / "base.html"
    template.write_text(template.read_text().replace("</body>", "<p>Changed theme.</p></body>"))
    build(options, out)
    pages = [path for path in out.rglob("*.html")]
    assert pages and all("Changed theme." in page.read_text() for page in pages)
    cold_build(options, tmp_path / "cold")
    assert tree(out) == tree(tmp_path / "cold")


def test_a_changed_generator_has_another_key_so_nothing_is_reused(tmp_path):
    package = tmp_path / "package"
    (package / "site").mkdir(parents=True)
    (package / "__init__.py").write_text('__version__ = "0.1.0"\n')
    (package / "site" / "render.py").write_text("x = 1\n")
    first = remember.source_key(package)
    (package / "__init__.py").write_text('__version__ = "0.1.1"\n')
    second = remember.source_key(package)
    (package / "site" / "render.py").write_text("x = 2\n")
    assert len({first, second, remember.source_key(package)}) == 3
    assert generator_key() == remember.source_key(remember.PACKAGE)


def test_a_build_under_another_generator_key_validates_every_bio(site, validated, monkeypatch):
    options, out = site
    monkeypatch.setattr("mentordir.build.generator_key", lambda: b"another generator version")
    (options.root / "content/mentors/john-smith.md").write_text(bio_text({"name": "Dr John Smith"}, body="New.\n"))
    build(options, out)
    assert len(validated) == 4


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05\x95"])
def test_a_damaged_cache_file_means_a_full_build_not_a_traceback(site, damage, validated, tmp_path):
    options, out = site
    memory = options.cache / MEMORY_FILE
    memory.write_bytes(memory.read_bytes()[:16] + damage)
    (options.root / "content/mentors/john-smith.md").write_text(bio_text({"name": "Dr John Smith"}, body="New.\n"))
    build(options, out)
    assert len(validated) == 4
    cold_build(options, tmp_path / "cold")
    assert tree(out) == tree(tmp_path / "cold")
    assert isinstance(load_memory(options.cache, generator_key(), signing_key(options.root)), Remembered)  # and a good one is written again


class Planted:
    """What an attacker would put in a pickle: loading it calls os.system."""

    def __reduce__(self):
        return (os.system, ("touch planted-was-run",))


SECRET = b"s" * 32


def plant(folder: Path, key: bytes, data: bytes, secret: bytes | None = SECRET) -> None:
    """A memory file of `data` under `key`, and a stamp for it signed with `secret` (none without one)."""
    (folder / MEMORY_FILE).write_bytes(key + data)
    (folder / STAMP_FILE).unlink(missing_ok=True)
    if secret is not None:
        (folder / STAMP_FILE).write_bytes(remember._signed_stamp(os.stat(folder / MEMORY_FILE), secret))


def test_a_planted_file_that_would_run_code_is_refused_even_when_stamped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plant(tmp_path, b"k" * 16, pickle.dumps(Planted()))
    assert load_memory(tmp_path, b"k" * 16, SECRET) is None
    assert not (tmp_path / "planted-was-run").exists()


def test_a_file_not_stamped_by_this_user_is_not_loaded(tmp_path):
    key = b"k" * 16
    plant(tmp_path, key, pickle.dumps({"planted"}), secret=b"t" * 32)
    assert load_memory(tmp_path, key, SECRET) is None
    plant(tmp_path, key, pickle.dumps({"planted"}), secret=None)
    assert load_memory(tmp_path, key, SECRET) is None
    plant(tmp_path, key, pickle.dumps({"ours"}))
    assert load_memory(tmp_path, key, SECRET) == {"ours"}


@pytest.mark.parametrize("how", ["replaced", "rewritten in place", "copied back"])
def test_a_kept_file_changed_since_its_stamp_is_not_loaded(tmp_path, how):
    save_memory(tmp_path, b"k" * 16, {"kept"}, SECRET)
    memory = tmp_path / MEMORY_FILE
    data = memory.read_bytes()
    if how == "replaced":  # what a checkout of a pull request that adds the file does
        memory.unlink()
        memory.write_bytes(data.replace(b"kept", b"evil"))
    elif how == "rewritten in place":
        with open(memory, "r+b") as file:
            file.write(data.replace(b"kept", b"evil"))
    else:  # the same bytes, another file
        shutil.copy(memory, tmp_path / "copy")
        os.replace(tmp_path / "copy", memory)
    assert load_memory(tmp_path, b"k" * 16, SECRET) is None


def test_a_build_ignores_a_memory_planted_in_the_cache_folder(site, validated):
    options, out = site
    key = (options.cache / MEMORY_FILE).read_bytes()[:16]
    # What a pull request could add: the right generator key, its own results, stamped by someone else.
    plant(options.cache, key, pickle.dumps(Remembered()), secret=b"attacker" * 4)
    (options.root / "content/mentors/john-smith.md").write_text(bio_text({"name": "Dr John Smith"}, body="New.\n"))
    build(options, out)
    assert len(validated) == 4  # every bio checked again: nothing planted was used


def test_without_a_key_nothing_is_kept(tmp_path):
    save_memory(tmp_path, b"k" * 16, Remembered(), None)
    assert not (tmp_path / MEMORY_FILE).exists()
    save_memory(tmp_path, b"k" * 16, Remembered(), SECRET)
    assert load_memory(tmp_path, b"k" * 16, None) is None


def test_an_unreadable_cache_file_is_ignored(tmp_path):
    (tmp_path / MEMORY_FILE).mkdir()  # a folder where the file should be
    assert load_memory(tmp_path, b"k" * 16, SECRET) is None


def test_a_file_saved_under_another_key_is_not_loaded(tmp_path):
    save_memory(tmp_path, b"a" * 16, Remembered(), SECRET)
    assert load_memory(tmp_path, b"b" * 16, SECRET) is None


def test_a_save_that_fails_keeps_the_old_file_whole_leaves_nothing_behind_and_raises_nothing(tmp_path, monkeypatch):
    save_memory(tmp_path, b"k" * 16, {"old"}, SECRET)

    real_fdopen = os.fdopen

    class FullDisk:  # half the file reaches the disk, then it is full
        def __init__(self, descriptor, mode):
            self.file = real_fdopen(descriptor, mode)

        def __enter__(self):
            return self

        def __exit__(self, *raised):
            self.file.close()

        def write(self, data):
            self.file.write(data[: len(data) // 2])
            self.file.flush()
            raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fdopen", FullDisk)
    save_memory(tmp_path, b"k" * 16, {"new"}, SECRET)
    monkeypatch.undo()
    assert load_memory(tmp_path, b"k" * 16, SECRET) == {"old"}
    assert sorted(path.name for path in tmp_path.iterdir()) == [MEMORY_FILE, STAMP_FILE]
