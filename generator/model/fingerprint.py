"""One way to key what a build remembers: a digest of small values, shared by every stage that reuses work."""

from __future__ import annotations

import hashlib


def fingerprint(*parts: object) -> bytes:
    """A digest of the parts' reprs: for settings, rules and other small values."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.digest()
