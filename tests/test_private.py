"""Private mode (generator/private/): the access code, sealing, and what a private build publishes."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import gzip
import html
import re
import shutil
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag

from conftest import REPO, SUB_PATH_URL, options_for
from mentordir.build import build, read_content
from mentordir.cli import main
from mentordir.content.config import SiteConfig
from mentordir.private.access import (CODE_VARIABLE, ITERATIONS, code_problems, estimated_bits, new_code,
                                      normalise_code, site_key, site_salt)
from mentordir.private.seal import open_sealed, seal_bytes

CODE = "K7QM-3XRT-9HBD-W2CA-PE5F"
OTHER_CODE = "ZH6F-ZZ1P-4G2R-7C01-B460"
PRIVATE = "access: code\naccess_note: Ask the returners' team for the access code.\n"


def private_demo(workspace: Path, code: str = CODE, out_name: str = "out") -> Path:
    """The demo content with `access: code`, built with `code` into workspace/out_name."""
    root = workspace / "repo"
    if not root.exists():
        shutil.copytree(REPO / "content", root / "content")
        with (root / "content" / "site.yaml").open("a", encoding="utf-8") as settings:
            settings.write(PRIVATE)
    out = workspace / out_name
    build(dataclasses.replace(options_for(root, base_url=SUB_PATH_URL), access_code=code), out)
    return out


@pytest.fixture(scope="module")
def private_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return private_demo(tmp_path_factory.mktemp("private"))


def demo_secrets(public_site: Path) -> tuple[list[str], list[bytes]]:
    """Every demo mentor's name, slug, e-mail, phone and bio sentence, and a slice of every photo's bytes.

    The photos are the sources and the renditions a public build of the demo published.
    """
    _, content, _, _ = read_content(options_for(REPO, base_url=SUB_PATH_URL))
    texts: list[str] = []
    for mentor in content.mentors:
        texts += [mentor.name, mentor.name.removeprefix("Dr ").removeprefix("Prof "), mentor.slug, mentor.style]
        texts += [value for value in (mentor.contact.email, mentor.contact.phone) if value]
        if mentor.contact.phone:
            texts.append(re.sub(r"\D", "", mentor.contact.phone))
        bio = html.unescape(re.sub(r"<[^>]+>", " ", mentor.bio_html))
        texts += [" ".join(sentence.split()) for sentence in re.split(r"(?<=[.!?])\s", bio)
                  if len(sentence.split()) >= 5]
    photos = [path.read_bytes() for path in sorted((REPO / "content" / "mentors").glob("*.jpg"))]
    photos += [path.read_bytes() for path in sorted((public_site / "photos").iterdir())]
    return texts, [photo[200:232] for photo in photos]


def readings(data: bytes) -> list[bytes]:
    """A file's bytes as they are and every way they might be decoded: gzip, base64, HTML and JSON escapes."""
    found = [data]
    for chunk in re.findall(rb"[A-Za-z0-9+/]{40,}={0,2}", data):
        try:
            found.append(base64.b64decode(chunk + b"=" * (-len(chunk) % 4)))
        except binascii.Error:
            pass
    for item in list(found):
        if item[:2] == b"\x1f\x8b":
            found.append(gzip.decompress(item))
    for item in list(found):
        text = item.decode("utf-8", "ignore")
        text = html.unescape(text)
        text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), text)
        found.append(text.replace("\\/", "/").replace('\\"', '"').encode("utf-8"))
    return found


def leaks(site: Path, public_site: Path) -> set[str]:
    """Which of the demo's personal details appear anywhere in `site`, in a file's name or its bytes."""
    texts, photos = demo_secrets(public_site)
    needles = [text.lower().encode("utf-8") for text in texts] + photos
    found: set[str] = set()
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix().lower().encode()
        for reading in readings(path.read_bytes()):
            lowered = reading.lower()
            for needle, shown in zip(needles, texts + [f"photo bytes {i}" for i in range(len(photos))]):
                if needle in (reading if shown.startswith("photo bytes") else lowered) or needle in name:
                    found.add(shown)
    return found


def test_a_private_demo_site_publishes_no_name_contact_bio_sentence_or_photo(private_site: Path,
                                                                             demo_site: Path) -> None:
    assert leaks(private_site, demo_site) == set()


def test_the_leak_search_finds_every_detail_in_a_public_build(demo_site: Path) -> None:
    texts, photos = demo_secrets(demo_site)
    found = leaks(demo_site, demo_site)
    _, content, _, _ = read_content(options_for(REPO))
    assert {mentor.name for mentor in content.mentors} <= found
    assert {mentor.contact.email for mentor in content.mentors if mentor.contact.email} <= found
    sources = len(list((REPO / "content" / "mentors").glob("*.jpg")))  # re-encoded, so never published as such
    assert {f"photo bytes {i}" for i in range(sources, len(photos))} <= found and len(photos) - sources == 19 * 8


def test_only_the_locked_pages_assets_robots_and_404_are_in_the_clear(private_site: Path) -> None:
    key = site_key(CODE, SiteConfig(title="Find a mentor", base_url=SUB_PATH_URL))
    for path in sorted(private_site.rglob("*")):
        name = path.relative_to(private_site).as_posix()
        theme_file = name.startswith("assets/") and not re.fullmatch(r"assets/search\.[0-9a-f]+\.json", name)
        if not path.is_file() or theme_file:
            continue
        data = path.read_bytes()
        if name in (".nojekyll", "404.html", ".mentordir-build"):  # the build marker holds fixed words
            continue
        if name == "robots.txt":
            assert data.endswith(b"User-agent: *\nDisallow: /\n")
        elif name.endswith(".html"):
            sealed = re.search(rb'data-sealed="([^"]+)"', data)
            assert sealed, name
            assert b"<!doctype html>" in open_sealed(base64.b64decode(sealed.group(1)), key)
        else:
            assert open_sealed(data, key), name
    assert not (private_site / "sitemap.xml").exists()


def test_the_sealed_directory_links_to_renamed_profiles_and_photos(private_site: Path) -> None:
    key = site_key(CODE, SiteConfig(title="Find a mentor", base_url=SUB_PATH_URL))
    page = (private_site / "index.html").read_bytes()
    directory = open_sealed(base64.b64decode(re.search(rb'data-sealed="([^"]+)"', page).group(1)), key).decode()
    profiles = re.findall(r'href="/my-scheme/(mentors/[0-9a-f]{24}/)"', directory)
    photos = re.findall(r'/my-scheme/(photos/[0-9a-f]{24}\.webp)', directory)
    assert len(set(profiles)) == 26 and photos
    assert all((private_site / path / "index.html").is_file() for path in profiles)
    assert all((private_site / path).is_file() for path in photos)
    assert "Amara Okonkwo" in directory


def test_two_builds_with_the_same_code_are_byte_identical(private_site: Path, tmp_path: Path) -> None:
    again = private_demo(tmp_path)
    files = sorted(path.relative_to(private_site) for path in private_site.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(again) for path in again.rglob("*") if path.is_file())
    assert all((private_site / name).read_bytes() == (again / name).read_bytes() for name in files)


def test_a_new_code_and_a_rebuild_lock_out_the_old_code(tmp_path: Path) -> None:
    out = private_demo(tmp_path)
    config = SiteConfig(title="Find a mentor", base_url=SUB_PATH_URL)
    sealed = (out / "mentors.json").read_bytes()
    assert open_sealed(sealed, site_key(CODE, config)).startswith(b'{"schema_version"')
    private_demo(tmp_path, code=OTHER_CODE)  # into the same folder: the up-to-date check must not skip it
    with pytest.raises(InvalidTag):
        open_sealed((out / "mentors.json").read_bytes(), site_key(CODE, config))
    assert open_sealed((out / "mentors.json").read_bytes(), site_key(OTHER_CODE, config))


def test_the_same_plaintext_seals_to_the_same_bytes_and_different_plaintext_to_another_nonce() -> None:
    key = site_key(CODE, SiteConfig())
    first, again, other = seal_bytes(b"a page", key), seal_bytes(b"a page", key), seal_bytes(b"a pagf", key)
    assert first == again
    assert first[8:20] != other[8:20]
    assert open_sealed(other, key) == b"a pagf"
    assert open_sealed(seal_bytes(b"\xff\xd8 a photo", key, compress=False), key) == b"\xff\xd8 a photo"


def test_a_tampered_header_does_not_open() -> None:
    key = site_key(CODE, SiteConfig())
    sealed = bytearray(seal_bytes(b"a page", key))
    sealed[7] = 0  # claims the plaintext was not gzipped: the header is authenticated
    with pytest.raises(InvalidTag):
        open_sealed(bytes(sealed), key)


def test_the_key_uses_600000_pbkdf2_rounds_and_a_salt_of_the_sites_own() -> None:
    key = site_key(CODE, SiteConfig(base_url="https://a.example/mentors/"))
    assert key.iterations == ITERATIONS >= 600_000
    assert site_salt(SiteConfig(base_url="https://a.example/mentors/")) != site_salt(
        SiteConfig(base_url="https://b.example/mentors/"))
    assert CODE not in repr(key) and key.master.hex() not in repr(key)


def test_a_code_reads_the_same_with_spaces_dashes_or_small_letters() -> None:
    assert normalise_code("k7qm 3xrt-9hbd.w2ca_pe5f") == normalise_code(CODE) == "k7qm3xrt9hbdw2cape5f"
    assert site_key("k7qm 3xrt 9hbd w2ca pe5f", SiteConfig()).master == site_key(CODE, SiteConfig()).master


def test_a_new_code_is_100_bits_in_groups_and_strong_enough() -> None:
    codes = {new_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}", code)
        assert code_problems(code, SiteConfig()) == []
    assert estimated_bits(CODE) > 100


@pytest.mark.parametrize("code, why", [
    ("tr0ub4dor&3", "it has about 67 bits of strength and needs at least 80"),
    ("abababababababababababab", "it repeats too few different characters"),
    ("MyMentorCode-2026-Xq9!", 'it contains "mentor", which guessers try first'),
])
def test_reports_a_code_too_easy_to_guess_without_showing_it(code: str, why: str) -> None:
    [problem] = code_problems(code, SiteConfig())
    assert problem.as_text() == (
        f"content/site.yaml: access: the access code in MENTORDIR_ACCESS_CODE is too easy to guess: {why} - "
        "make a new one with `mentordir access-code` (or use at least 20 letters and digits chosen at random) "
        "and give the build that one")
    assert code not in problem.as_text()


def test_building_a_private_site_without_a_code_exits_1_with_the_message(make_site, monkeypatch, capsys) -> None:
    root = make_site({"content/site.yaml": "title: Test directory\naccess: code\n"})
    monkeypatch.delenv(CODE_VARIABLE, raising=False)
    assert main(["build", "--root", str(root), "--theme", str(REPO / "theme")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/site.yaml:2: access: this site is private, but no access code was given to the build in the "
        "environment variable MENTORDIR_ACCESS_CODE - set MENTORDIR_ACCESS_CODE (on GitHub, a repository secret "
        "passed to the build step); `mentordir access-code` makes a strong one")
    assert not (root / "_site").exists()


def test_building_with_a_weak_code_exits_1_and_never_prints_the_code(make_site, monkeypatch, capsys) -> None:
    root = make_site({"content/site.yaml": "title: Test directory\naccess: code\n"})
    monkeypatch.setenv(CODE_VARIABLE, "letmein-please")
    assert main(["build", "--root", str(root), "--theme", str(REPO / "theme")]) == 1
    output = capsys.readouterr()
    assert "content/site.yaml:2: access: the access code in MENTORDIR_ACCESS_CODE is too easy to guess" in output.err
    assert "letmein-please" not in output.err + output.out


def test_check_needs_no_code_for_a_private_site(make_site, monkeypatch, capsys) -> None:
    root = make_site({"content/site.yaml": "title: Test directory\naccess: code\n"})
    monkeypatch.delenv(CODE_VARIABLE, raising=False)
    assert main(["check", "--root", str(root), "--theme", str(REPO / "theme")]) == 0


def test_the_code_is_never_written_into_the_output_or_the_cache(make_site, monkeypatch, capsys) -> None:
    root = make_site({"content/site.yaml": "title: Test directory\naccess: code\n"})
    monkeypatch.setenv(CODE_VARIABLE, CODE)
    assert main(["build", "--root", str(root), "--theme", str(REPO / "theme")]) == 0
    written = [path.read_bytes() for path in root.rglob("*") if path.is_file()]
    variants = {CODE, normalise_code(CODE), CODE.lower(), normalise_code(CODE).upper()}
    assert not any(variant.encode() in data for data in written for variant in variants)
    assert CODE not in capsys.readouterr().out


def test_access_code_prints_a_new_strong_code(capsys) -> None:
    assert main(["access-code"]) == 0
    output = capsys.readouterr()
    assert code_problems(output.out.strip(), SiteConfig()) == []
    assert "MENTORDIR_ACCESS_CODE" in output.err


def test_reports_an_unknown_access_setting_with_its_line(make_site, monkeypatch, capsys) -> None:
    root = make_site({"content/site.yaml": "title: Test directory\naccess: secret\n"})
    assert main(["check", "--root", str(root), "--theme", str(REPO / "theme")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        'content/site.yaml:2: access: "secret" is not one of the choices - use one of: public, code')


def test_the_locked_page_says_javascript_is_needed_and_names_nobody(private_site: Path) -> None:
    page = (private_site / "mentors" / next(iter(sorted((private_site / "mentors").iterdir()))).name
            / "index.html").read_text(encoding="utf-8")
    assert "<title>Find a mentor</title>" in page
    assert "Ask the returners&#39; team for the access code." in page
    assert "unlocking them needs JavaScript" in page
    assert "img-src 'self' blob:" in page and "<script>" not in page
    assert len(re.findall(r"<script ", page)) == 1


def test_the_dev_server_previews_a_private_site_unlocked_unless_asked_to_lock_it(make_site, tmp_path) -> None:
    from mentordir.serve.server import DevServer

    root = make_site({"content/site.yaml": "title: Test directory\naccess: code\n"})
    options = options_for(root)
    for locked, out in ((False, tmp_path / "open"), (True, tmp_path / "locked")):
        server = DevServer(dataclasses.replace(options, seal=locked, access_code=CODE if locked else None), port=0,
                           report=lambda problems: None, out=out)
        server.start()
        server.stop()
        assert (b"data-sealed" in (out / "index.html").read_bytes()) is locked


def test_reports_indexing_on_a_private_site_with_its_line(make_site, capsys) -> None:
    root = make_site({"content/site.yaml": "title: Test directory\naccess: code\nindexing: true\n"})
    assert main(["check", "--root", str(root), "--theme", str(REPO / "theme")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/site.yaml:3: indexing: asks search engines to index a private site (`access: code`) - "
        "remove `indexing: true`: a private site always asks not to be indexed")


def test_init_private_writes_the_public_pages_workflow_plus_the_secret_and_a_private_site(tmp_path) -> None:
    import datetime as dt

    import yaml

    from mentordir.starter.create import StarterSettings, create_repository, starter_files
    from test_workflows import lint

    settings = dict(title="Test Scheme", base_url="https://example.org/s/", team_name="T", team_email="t@example.org")
    public = starter_files(StarterSettings(**settings), "0.0.0", dt.date(2026, 11, 26))
    private = starter_files(StarterSettings(**settings, private=True), "0.0.0", dt.date(2026, 11, 26))
    flows = [yaml.load(files[".github/workflows/pages.yml"], Loader=yaml.BaseLoader) for files in (public, private)]
    [build_step] = [step for step in flows[1]["jobs"]["build"]["steps"] if step.get("name") == "Build the site"]
    assert build_step["env"].pop("MENTORDIR_ACCESS_CODE") == "${{ secrets.MENTORDIR_ACCESS_CODE }}"
    assert flows[1]["jobs"] == flows[0]["jobs"] and flows[1]["on"] == flows[0]["on"]
    assert "\naccess: code " in private["content/site.yaml"] and "\naccess: code" not in public["content/site.yaml"]
    create_repository(tmp_path, private)
    result = lint(tmp_path / ".github" / "workflows" / "pages.yml")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert main(["check", "--root", str(tmp_path)]) == 0  # a private site is checked without its code


def test_a_site_theme_without_the_locked_page_gets_the_built_in_one(make_site, monkeypatch, tmp_path) -> None:
    root = make_site({"content/site.yaml": "title: Test directory\naccess: code\n",
                      "theme/static/style.css": "body { color: #123456; }\n"})
    monkeypatch.setenv(CODE_VARIABLE, CODE)
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "out")]) == 0
    assert 'id="unlock' in (tmp_path / "out" / "index.html").read_text()
