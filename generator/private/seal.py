"""Seal a rendered site: encrypt every personal file and put a locked page in each page's place.

Takes the public site's files as render made them and returns the private site. Published
in the clear: the locked pages (the site's title, the scheme's note, the unlock form), the
theme's assets, robots.txt, .nojekyll and the 404 page. Everything else, every page, photo,
the search index and the open-data export, is AES-256-GCM ciphertext that
theme/static/unlock.js opens with the key the access code gives.

Addresses change too: a profile at `mentors/jane-doe/` or a photo named after its mentor
would confirm to anyone who guesses the address that Dr Jane Doe mentors here, so both are
renamed to keyed digests of their path, and every link to them inside the sealed files is
rewritten to match.
"""

from __future__ import annotations

import base64
import gzip
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mentordir.content.config import SiteConfig, TeamContact
from mentordir.model.problems import ContentError, Problem
from mentordir.private.access import SiteKey, keyed_digest

log = logging.getLogger(__name__)

FORMAT = b"MDSEAL1"
"""The first bytes of every sealed file; the next byte says whether the plaintext was gzipped."""
CLEAR_FILES = (".nojekyll", "404.html")
PRIVATE_ROBOTS = b"# A private directory: nothing here is for search engines.\nUser-agent: *\nDisallow: /\n"
DEFAULT_NOTE = "This directory is private. Ask the scheme team for the access code."
# Addresses named after a mentor: a profile's folder, a photo's file name.
_NAMED = re.compile(rb"/(mentors/[a-z0-9-]+/|photos/[A-Za-z0-9_.-]+)")


@dataclass(frozen=True)
class UnlockPage:
    """What theme/templates/unlock.html receives as `page`: the locked page that stands in for every page."""

    title: str
    """The site's title (a page's own title may be a mentor's name, so it is never shown)."""
    note: str
    """The scheme's `access_note`: how to get the code."""
    team: TeamContact | None
    """The scheme team's contact, from site.yaml."""
    language: str
    """The pages' language tag."""
    sealed: str
    """The page itself, sealed, as base64 text."""
    salt: str
    """The site's salt, as base64 text."""
    iterations: int
    """PBKDF2 rounds."""
    check: str
    """The key check value, as base64 text: tells a wrong or outdated code."""
    template: str = "unlock.html"
    """The template that renders this page."""


def seal_site(files: dict[str, bytes], copies: dict[str, Path], key: SiteKey, config: SiteConfig,
              environment: jinja2.Environment) -> tuple[dict[str, bytes], dict[str, Path]]:
    """The private site: locked pages, sealed files, and theme assets copied as they are."""
    renamed = _renames(list(files) + list(copies), key)
    sealed: dict[str, bytes] = {}
    for path, data in sorted(files.items()):
        if path in CLEAR_FILES:
            sealed[path] = data
        elif path == "robots.txt":
            sealed[path] = PRIVATE_ROBOTS
        elif path == "sitemap.xml":
            continue  # it would list every profile's address
        elif path.endswith(".html"):
            page = seal_bytes(_rewrite(data, renamed), key)
            sealed[renamed.get(path, path)] = _locked_page(page, key, config, environment)
        else:
            sealed[renamed.get(path, path)] = seal_bytes(_rewrite(data, renamed), key)
    clear: dict[str, Path] = {}
    for path, source in sorted(copies.items()):
        if path.startswith("assets/"):
            clear[path] = source  # the theme's own files
        else:
            sealed[renamed.get(path, path)] = seal_bytes(source.read_bytes(), key, compress=False)
    log.info("sealed %d files; %d theme files left in the clear", len(sealed), len(clear))
    return sealed, clear


def seal_bytes(plaintext: bytes, key: SiteKey, compress: bool = True) -> bytes:
    """AES-256-GCM ciphertext of `plaintext` (gzipped first unless told not to): FORMAT, flag, nonce, ciphertext.

    The nonce is a keyed digest of the header and the plaintext, as in SIV mode: the same
    file always seals to the same bytes (so builds are byte-identical), and two different
    plaintexts share a nonce only if HMAC-SHA256 truncated to 96 bits collides, which for
    any number of files a site could have is far less likely than guessing the key.
    """
    body = gzip.compress(plaintext, compresslevel=9, mtime=0) if compress else plaintext
    header = FORMAT + (b"\1" if compress else b"\0")
    nonce = keyed_digest(key.part("nonce"), header + body)[:12]
    return header + nonce + AESGCM(key.part("encrypt")).encrypt(nonce, body, header)


def open_sealed(sealed: bytes, key: SiteKey) -> bytes:
    """The plaintext of sealed bytes (what unlock.js does in the browser); raises InvalidTag on a wrong key."""
    header, nonce, body = sealed[:8], sealed[8:20], sealed[20:]
    if header[:7] != FORMAT:
        raise ValueError("not a sealed file")
    plaintext = AESGCM(key.part("encrypt")).decrypt(nonce, body, header)
    return gzip.decompress(plaintext) if header[7:] == b"\1" else plaintext


def _renames(paths: list[str], key: SiteKey) -> dict[str, str]:
    # Profiles and photos get addresses that say nothing without the key: a keyed digest
    # of the old path, so they stay put from build to build while the code is unchanged.
    renamed: dict[str, str] = {}
    names = key.part("names")
    for path in paths:
        token = keyed_digest(names, path.encode()).hex()[:24]
        if re.fullmatch(r"mentors/[a-z0-9-]+/index\.html", path):
            renamed[path] = f"mentors/{token}/index.html"
            renamed[path.removesuffix("index.html")] = f"mentors/{token}/"
        elif path.startswith("photos/"):
            renamed[path] = f"photos/{token}{Path(path).suffix}"
    return renamed


def _rewrite(data: bytes, renamed: dict[str, str]) -> bytes:
    """Links to renamed addresses, pointed at the new names (anything else is left alone)."""
    def swap(match: re.Match[bytes]) -> bytes:
        new = renamed.get(match.group(1).decode())
        return b"/" + new.encode() if new else match.group(0)
    return _NAMED.sub(swap, data)


def _locked_page(page: bytes, key: SiteKey, config: SiteConfig, environment: jinja2.Environment) -> bytes:
    view = UnlockPage(title=config.title, note=config.access_note or DEFAULT_NOTE, team=config.team,
                      language=config.language, sealed=base64.b64encode(page).decode(),
                      salt=base64.b64encode(key.salt).decode(), iterations=key.iterations,
                      check=base64.b64encode(key.check).decode())
    try:
        return environment.get_template(view.template).render(page=view).encode("utf-8")
    except jinja2.TemplateError as error:
        # A theme of the scheme's own that predates private mode has no locked page.
        what = ("is missing from the theme: a private site needs it for its locked pages"
                if isinstance(error, jinja2.TemplateNotFound) else f"failed: {error}")
        raise ContentError([Problem(f"theme/templates/{view.template}", getattr(error, "lineno", None), None, what,
                                    f"copy {view.template} from mentordir's own theme/templates/ and unlock.js "
                                    "and unlock.css from its theme/static/ into your theme")]) from error
