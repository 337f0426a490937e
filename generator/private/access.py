"""The access code of a private site: how strong it must be, how to make a strong one, the key it gives.

The code reaches the build only through the environment (MENTORDIR_ACCESS_CODE) and is
never written anywhere. What is published is derived from it with PBKDF2, so the site's
files are as hard to attack as the code is to guess.

Why 80 bits is enough: everything published can be attacked offline, one guess costing
PBKDF2-HMAC-SHA256 at 600,000 iterations (about 1.2 million SHA-256 blocks). A current
top graphics card manages roughly 15,000 such guesses a second, so a thousand of them
(some hundred thousand pounds a year of rented hardware) need on average 2**79 / 1.5e7
seconds: over a hundred million years. A code is rotated every term, so that margin is
very wide; 64 bits would still take tens of thousands of years. Our generated codes
carry 100 bits.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
import re
import secrets
import string
import unicodedata
from dataclasses import dataclass, field

from mentordir.content.config import SITE_FILE, SiteConfig
from mentordir.model.models import CODE_VARIABLE
from mentordir.model.problems import Problem


ITERATIONS = 600_000
"""PBKDF2-HMAC-SHA256 rounds: OWASP's figure for 2023 onwards; about a quarter of a second in a browser."""
MINIMUM_BITS = 80
MINIMUM_DIFFERENT = 10
# Crockford's base32: digits and letters without I, L, O and U, so a code read aloud or
# copied by hand cannot be mistaken (0/O, 1/I/L) and spells no words.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 5, 4  # 20 characters of 5 bits: 100 bits
# Words that people put in a code they chose themselves; the estimate below cannot see words.
GIVEAWAYS = ("password", "mentor", "access", "letmein", "qwerty", "secret", "returner", "welcome", "doctor")
# ASCII spaces and punctuation only: Python's and JavaScript's ideas of "white space" differ.
_SEPARATORS = re.compile(r"[\t\n\v\f\r \-_.]+")


@dataclass(frozen=True)
class SiteKey:
    """What a private site is sealed with, derived from the access code and the site's salt."""

    salt: bytes
    """16 bytes unique to the site (see site_salt), published on every locked page."""
    iterations: int
    """PBKDF2 rounds, published on every locked page so the browser derives the same key."""
    master: bytes = field(repr=False)
    """PBKDF2's 32 bytes: what the browser keeps after unlocking; never written by the build."""

    def part(self, purpose: str) -> bytes:
        """A 32-byte key for one purpose, so no key serves two algorithms (the browser derives the same)."""
        return hashlib.sha256(f"mentordir-v1 {purpose}\0".encode() + self.master).digest()

    @property
    def check(self) -> bytes:
        """16 bytes published so the browser can tell a wrong or outdated code from a right one."""
        return self.part("check")[:16]


def normalise_code(code: str) -> str:
    """The code as both the build and the browser read it: separators and spaces dropped, A-Z in lower case.

    Only ASCII letters change case, because Python and JavaScript agree exactly on those.
    """
    text = _SEPARATORS.sub("", unicodedata.normalize("NFC", code))
    return text.translate(str.maketrans(string.ascii_uppercase, string.ascii_lowercase))


def estimated_bits(code: str) -> float:
    """A generous upper estimate of a code's strength: its length times the bits of each character kind used."""
    text = normalise_code(code)
    pool = (26 * any(char in string.ascii_lowercase for char in text)
            + 10 * any(char in string.digits for char in text)
            + 33 * any(char.isascii() and not char.isalnum() for char in text)
            + 100 * any(not char.isascii() for char in text))
    return len(text) * math.log2(pool) if pool else 0.0


def code_problems(code: str | None, config: SiteConfig) -> list[Problem]:
    """Why a private site cannot be built with this code: missing, too short or too easy to guess."""
    line = dict(config.setting_lines).get("access")
    if code is None or not code.strip():
        return [Problem(SITE_FILE, line, "access", f"this site is private, but no access code was given to the "
                        f"build in the environment variable {CODE_VARIABLE}",
                        f"set {CODE_VARIABLE} (on GitHub, a repository secret passed to the build step); "
                        "`mentordir access-code` makes a strong one")]
    text = normalise_code(code)
    bits = estimated_bits(code)
    # Five letters or more: a generated code holds a given 5-letter word about once in two million.
    title_words = {word for word in re.findall(r"[a-z]{5,}", normalise_code(config.title))}
    giveaway = next((word for word in (*GIVEAWAYS, *sorted(title_words)) if word in text), None)
    if bits < MINIMUM_BITS or len(set(text)) < MINIMUM_DIFFERENT or giveaway:
        why = (f'it contains "{giveaway}", which guessers try first' if giveaway and bits >= MINIMUM_BITS
               else "it repeats too few different characters" if bits >= MINIMUM_BITS
               else f"it has about {int(bits)} bits of strength and needs at least {MINIMUM_BITS}")
        return [Problem(SITE_FILE, line, "access", f"the access code in {CODE_VARIABLE} is too easy to guess: {why}",
                        "make a new one with `mentordir access-code` (or use at least 20 letters and digits "
                        "chosen at random) and give the build that one")]
    return []


def new_code() -> str:
    """A strong random code in groups easy to read aloud, like `7KQM-3XRT-9HBD-W2CA-PE5F` (100 bits)."""
    while True:
        code = "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
        # A random draw with fewer than ten different characters is rare but would be refused.
        if len(set(normalise_code(code))) >= MINIMUM_DIFFERENT:
            return code


def site_salt(config: SiteConfig) -> bytes:
    """16 bytes that differ between sites, the same for every build of one site.

    From the published address and the title: builds stay byte-identical, and two schemes
    never share a salt unless they share an address. A salt only stops one guessing effort
    serving many sites; at 80 bits per code no table of guesses could be built anyway.
    """
    return hashlib.sha256(f"mentordir-v1 salt\0{config.base_url}\0{config.title}".encode()).digest()[:16]


def site_key(code: str, config: SiteConfig) -> SiteKey:
    """The key a private site is sealed with (PBKDF2-HMAC-SHA256, ITERATIONS rounds)."""
    salt = site_salt(config)
    return SiteKey(salt=salt, iterations=ITERATIONS, master=_derive(normalise_code(code), salt, ITERATIONS))


def code_fingerprint(code: str | None) -> str | None:
    """A slow, salted digest of the code for the up-to-date check, so a new code means a new build.

    As costly to attack as the published pages; the code itself is never stored.
    """
    if code is None:
        return None
    return _derive(normalise_code(code), b"mentordir-v1 build state", ITERATIONS)[:16].hex()


@functools.lru_cache(maxsize=8)
def _derive(text: str, salt: bytes, iterations: int) -> bytes:
    # A quarter of a second each: the dev server rebuilds many times with one code.
    return hashlib.pbkdf2_hmac("sha256", text.encode("utf-8"), salt, iterations, dklen=32)


def keyed_digest(key: bytes, data: bytes) -> bytes:
    """HMAC-SHA256 of `data` under `key`."""
    return hmac.new(key, data, hashlib.sha256).digest()
