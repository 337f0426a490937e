"""Tests for generator/site/compiled_templates.py: compiled templates kept between builds, and only ours run.

Each build here stands for a new `mentordir build` process: the memoised environment is
dropped and nothing earlier builds remembered is handed in, so every page is rendered and
every template the pages use is loaded, from the cache or by compiling it.
"""

from __future__ import annotations

import logging
import marshal
import os
import secrets
from pathlib import Path
from typing import Callable

import jinja2
import pytest

import mentordir.build as build_module
from conftest import TODAY, MakeSite, bio_text
from mentordir.build import BuildOptions, generate_site
from mentordir.model.problems import ContentError
from mentordir.site import compiled_templates
from mentordir.site.compiled_templates import FOLDER, MAC_BYTES, MAGIC, SUFFIX
from mentordir.model.signing_key import KEY_FILE

BIO = {"content/mentors/jane-doe.md": bio_text()}
OVERRIDE = "{% extends 'builtin/404.html' %}{% block main %}<p>Lost? Ask the team.</p>{% endblock %}\n"


def options(root: Path) -> BuildOptions:
    """The command line's options: the site's own theme/ and its cache folder."""
    return BuildOptions(root=root, theme=root / "theme", cache=root / ".cache" / "mentordir", today=TODAY)


def built(root: Path) -> dict[str, bytes]:
    """Every file of a build made as a new process would make it."""
    build_module._environment.cache_clear()  # a new process has no environment in memory
    return generate_site(options(root)).files


def entries(root: Path) -> list[Path]:
    """The compiled templates kept in the site's cache folder."""
    return sorted((root / ".cache" / "mentordir" / FOLDER).glob("*" + SUFFIX))


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every template Jinja compiles from here on, in order."""
    names: list[str] = []
    compile_template = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object,
                 **kwargs: object) -> object:
        names.append(name or "")
        return compile_template(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


@pytest.fixture
def site(make_site: MakeSite) -> Path:
    """A one-mentor site whose theme replaces the 404 page with one that extends the built-in page."""
    return make_site({**BIO, "theme/templates/404.html": OVERRIDE})


def test_a_second_build_loads_every_template_from_the_cache_and_compiles_none(site: Path,
                                                                              compiled: list[str]) -> None:
    first = built(site)
    assert compiled and len(entries(site)) == len(compiled)
    compiled.clear()
    assert built(site) == first
    assert compiled == []


def test_a_site_built_from_kept_templates_equals_one_built_without_them(site: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    built(site)
    from_cache = built(site)
    (tmp_path / "no-home").write_text("a file, so no cache folder can be made under it")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "no-home" / "cache"))
    assert built(site) == from_cache


def test_a_theme_template_and_the_built_in_one_it_extends_are_kept_apart(site: Path, compiled: list[str]) -> None:
    built(site)
    assert compiled.count("404.html") == 2  # the site's page and the built-in one it extends
    compiled.clear()
    page = built(site)["404.html"].decode()
    assert compiled == []
    assert "<p>Lost? Ask the team.</p>" in page and 'class="site-header"' in page


def test_a_changed_template_is_compiled_again_and_no_other(site: Path, compiled: list[str]) -> None:
    built(site)
    (site / "theme" / "templates" / "404.html").write_text(OVERRIDE.replace("Lost?", "Lost your way?"))
    kept = len(entries(site))
    compiled.clear()
    page = built(site)["404.html"].decode()
    assert compiled == ["404.html"]
    assert "<p>Lost your way? Ask the team.</p>" in page
    assert len(entries(site)) == kept  # the changed template's entry is replaced, not added to


def test_an_entry_whose_signature_does_not_verify_is_never_unmarshalled_or_run(
        site: Path, compiled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = built(site)
    marker = tmp_path / "planted-code-ran"
    planted = compile(f"open({str(marker)!r}, 'w').close()", "planted", "exec")
    for entry in entries(site):
        entry.write_bytes(MAGIC + bytes(MAC_BYTES) + marshal.dumps(planted))
    unmarshalled: list[bytes] = []
    monkeypatch.setattr(compiled_templates, "marshal", _Spy(unmarshalled))
    compiled.clear()
    assert built(site) == first
    assert not marker.exists()
    assert unmarshalled == []
    assert len(compiled) == len(entries(site))  # each compiled again, and its entry replaced


def test_an_entry_signed_under_another_key_is_compiled_again(site: Path, compiled: list[str],
                                                             user_cache: Path) -> None:
    first = built(site)
    made = len(compiled)
    key = user_cache / "mentordir" / KEY_FILE
    key.write_bytes(secrets.token_bytes(32))  # as if the entries came from someone else's machine
    compiled.clear()
    assert built(site) == first
    assert len(compiled) == made
    compiled.clear()
    built(site)
    assert compiled == []  # signed again under the key now in use


def _truncated(data: bytes, other: bytes) -> bytes:
    return data[: len(data) // 2]


def _one_byte_changed(data: bytes, other: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 1])


def _another_templates_entry(data: bytes, other: bytes) -> bytes:
    return other


def _without_the_header(data: bytes, other: bytes) -> bytes:
    return data[len(MAGIC):]


def _empty(data: bytes, other: bytes) -> bytes:
    return b""


@pytest.mark.parametrize("damage", [_truncated, _one_byte_changed, _another_templates_entry, _without_the_header,
                                    _empty])
def test_a_damaged_entry_is_compiled_again_without_a_traceback_or_warning(
        site: Path, compiled: list[str], damage: Callable[[bytes, bytes], bytes],
        caplog: pytest.LogCaptureFixture) -> None:
    first = built(site)
    kept = {entry: entry.read_bytes() for entry in entries(site)}
    others = list(kept.values())[1:] + list(kept.values())[:1]
    for (entry, data), other in zip(kept.items(), others):
        entry.write_bytes(damage(data, other))
    compiled.clear()
    with caplog.at_level(logging.DEBUG, logger="mentordir"):
        assert built(site) == first
    assert len(compiled) == len(kept)
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_an_entry_made_by_another_python_is_compiled_again(site: Path, compiled: list[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(compiled_templates, "_PYTHON", b"3.10.0 (another Python)")
        first = built(site)
    made = len(compiled)
    compiled.clear()
    assert built(site) == first
    assert len(compiled) == made


def test_an_entry_made_by_another_version_of_mentordir_is_compiled_again(site: Path, compiled: list[str],
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(build_module, "generator_key", lambda: b"another mentordir")
        first = built(site)
    made = len(compiled)
    compiled.clear()
    assert built(site) == first
    assert len(compiled) == made


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_link_in_place_of_an_entry_is_neither_waited_on_nor_followed(site: Path,
                                                                                compiled: list[str]) -> None:
    first = built(site)
    pipe, link, *_ = entries(site)
    pipe.unlink()
    os.mkfifo(pipe)
    link.rename(link.with_name("elsewhere"))
    link.symlink_to(link.with_name("elsewhere"))
    compiled.clear()
    assert built(site) == first
    assert len(compiled) == 2
    assert pipe.is_file() and not link.is_symlink()  # replaced by entries of our own


def test_a_linked_entry_folder_is_not_written_through(site: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site / ".cache" / "mentordir").mkdir(parents=True)
    (site / ".cache" / "mentordir" / FOLDER).symlink_to(elsewhere)
    assert "404.html" in built(site)
    assert list(elsewhere.iterdir()) == []


def test_an_unusable_home_turns_the_cache_off_and_the_build_still_succeeds(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled: list[str],
        caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "home").write_text("a file, where the home folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / ".cache"))
    with caplog.at_level(logging.INFO, logger="mentordir"):
        assert "404.html" in built(site)
        assert "index.html" in built(site)
    assert entries(site) == []
    assert compiled.count("404.html") == 4  # compiled in each build, as before there was a cache
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert "Nothing is kept between builds" in caplog.text


class _Spy:
    """marshal, noting every load."""

    def __init__(self, loads: list[bytes]) -> None:
        self.loaded = loads

    def loads(self, data: bytes) -> object:
        self.loaded.append(data)
        return marshal.loads(data)

    def dumps(self, value: object) -> bytes:
        return marshal.dumps(value)


def test_a_kept_template_that_fails_names_its_file_and_line_as_a_compiled_one_does(make_site: MakeSite,
                                                                                   compiled: list[str]) -> None:
    failing = "{% extends 'builtin/404.html' %}\n{% block main %}\n<p>{{ page.no_such_field }}</p>\n{% endblock %}\n"
    root = make_site({**BIO, "theme/templates/404.html": failing})
    problems = []
    for _ in range(2):
        with pytest.raises(ContentError) as raised:
            built(root)
        problems.append(raised.value.problems)
    assert compiled.count("404.html") == 2  # the site's page and the built-in one, compiled by the first build only
    assert problems[0] == problems[1]
    [problem] = problems[1]
    assert (problem.file, problem.line) == ("theme/templates/404.html", 3)
