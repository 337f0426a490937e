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


def bytes_identity(data: bytes) -> str:
    """What a file is, by its bytes: how a build knows whether a page it wrote last time is the same."""
    return "b" + hashlib.blake2b(data, digest_size=12).hexdigest()
