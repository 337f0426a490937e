"""Compiled templates kept between builds, each signed, so that a build does not compile the theme again.

Jinja turns each template into Python code (parse, code generation, `compile()`): some
55 ms for the eight templates a build of the directory uses, a tenth of a one-edit build,
and every `mentordir build` is a new process. Jinja's FileSystemBytecodeCache would keep
that code, but loading marshalled code is running it, and the build's cache folder is
inside the site's repository, where a pull request can add files (SECURITY.md): a plain
bytecode cache there would run whatever a pull request planted.

So each entry carries an HMAC-SHA256 under a key that lives outside the site
(signing_key.py), over the code itself and everything it was compiled for: the template's
name, file and text, the environment's settings that change the code, the Python, Jinja
and mentordir (`generator_key()`) that compiled it. Nothing in an entry is unmarshalled
before its signature verifies; a planted, truncated, corrupted entry, one signed under
another key or made by another Python, Jinja or mentordir, or for other template text, is
ignored, compiled afresh and replaced. There is one entry per template file, replaced in
one step (`write_atomically`), so the folder holds no more than the templates the site
uses and two builds at once each leave a whole entry.

The entries live in the build's cache folder (`<cache>/templates/`), beside the photos,
not beside the key: they belong to one site, go when its cache folder is deleted, follow
`--cache`, and an entry someone else put there is harmless, as they cannot sign it.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import logging
import marshal
import sys
import types
import weakref
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from mentordir.content.files import read_plain
from mentordir.model.files import write_atomically
from mentordir.model.signing_key import signing_key

log = logging.getLogger(__name__)

FOLDER = "templates"
"""The entries' folder in the build's cache folder."""
SUFFIX = ".code"
MAGIC = b"mentordir compiled template 1\n"
MAC_BYTES = 32
MAX_ENTRY_BYTES = 8 * 1024 * 1024
"""A bigger entry is neither written nor read (the built-in templates compile to some 10-60 KB each)."""
# The Python that compiled an entry: marshal's format and the bytecode differ between versions.
_PYTHON = repr((sys.version, sys.implementation.cache_tag, importlib.util.MAGIC_NUMBER, marshal.version)).encode()


def signed_template_cache(cache: Path, root: Path, generator: bytes) -> SignedTemplateCache | None:
    """The compiled templates kept in `cache`/templates/, or None (compile every time) when there is no key.

    `root` is the site's folder, where the key may never be; `generator` is
    `generator_key()`, so that another mentordir never runs this one's code.
    """
    key = signing_key(root)
    return None if key is None else SignedTemplateCache(cache / FOLDER, key, generator)


class SignedTemplateCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache, with every entry signed and checked before it is loaded."""

    def __init__(self, folder: Path, key: bytes, generator: bytes) -> None:
        self.folder = folder
        self._key = key
        self._generator = generator
        # Each environment's settings, read when its first template loads: by then its filters
        # and tests are in place (make_environment adds them before anything is rendered), and
        # reading them again for every template cost a millisecond a build.
        self._settings: weakref.WeakKeyDictionary[jinja2.Environment, bytes] = weakref.WeakKeyDictionary()

    def __repr__(self) -> str:
        return f"SignedTemplateCache({str(self.folder)!r})"  # never the key

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        """The entry for one template: its code when a signed entry for exactly this template was kept."""
        # A bucket's checksum is what its code must have been compiled for: here, all of it.
        settings = self._settings.get(environment)
        if settings is None:
            settings = self._settings[environment] = _code_settings(environment)
        bucket = Bucket(environment, _entry_name(name, filename),
                        _compiled_for(settings, name, filename, source, self._generator))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill `bucket` with the kept code, only when its signature verifies."""
        path = self.folder / (bucket.key + SUFFIX)
        try:
            data, problems = read_plain(path, path.name, MAX_ENTRY_BYTES)  # no link, no pipe, nothing huge
        except FileNotFoundError:
            return
        except OSError as error:
            log.debug("Ignoring the compiled template %s: %s", path, error)
            return
        if data is None:
            log.debug("Ignoring the compiled template %s: %s", path, problems[0].message if problems else "")
            return
        code = data[len(MAGIC) + MAC_BYTES:]
        if not (data.startswith(MAGIC)
                and hmac.compare_digest(data[len(MAGIC):len(MAGIC) + MAC_BYTES], self._sign(bucket.checksum, code))):
            log.debug("Ignoring the compiled template %s: it is not signed for this template, key and generator", path)
            return
        try:
            loaded = marshal.loads(code)
        except (EOFError, ValueError, TypeError):  # signed by us, yet unreadable: compile it again
            return
        if isinstance(loaded, types.CodeType):
            bucket.code = loaded

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code Jinja just compiled, signed, in place of any earlier entry for the same template.

        A cache that cannot be written costs the next build a compile, nothing more: said
        in the log, never raised.
        """
        if bucket.code is None:
            return
        code = marshal.dumps(bucket.code)
        if len(MAGIC) + MAC_BYTES + len(code) > MAX_ENTRY_BYTES:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self.folder.is_symlink():  # put there by someone else: write nothing where it points
                log.info("Compiled templates are not kept: %s is a symbolic link.", self.folder)
                return
            write_atomically(self.folder / (bucket.key + SUFFIX), MAGIC + self._sign(bucket.checksum, code) + code)
        except OSError as error:
            log.info("Could not keep a compiled template in %s (%s); the next build compiles it again.",
                     self.folder, error.strerror or error)

    def clear(self) -> None:
        """Remove every kept entry."""
        for path in self.folder.glob("*" + SUFFIX):
            path.unlink(missing_ok=True)

    def _sign(self, compiled_for: str, code: bytes) -> bytes:
        return hmac.digest(self._key, MAGIC + compiled_for.encode() + b"\0" + code, "sha256")


def _entry_name(name: str, filename: str | None) -> str:
    # One entry per template file: the site's `base.html` and the built-in one (`builtin/base.html`,
    # which Jinja hands over as `base.html` with the built-in file) are two entries.
    return hashlib.blake2b(f"{name}\0{filename}".encode(), digest_size=16).hexdigest()


def _compiled_for(settings: bytes, name: str, filename: str | None, source: str, generator: bytes) -> str:
    # Each part length-prefixed, so that no two different sets of parts read the same.
    digest = hashlib.sha256()
    for part in (_PYTHON, jinja2.__version__.encode(), generator, settings, name.encode(),
                 (filename or "").encode(), source.encode("utf-8", "surrogatepass")):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _code_settings(environment: jinja2.Environment) -> bytes:
    """The environment's settings that change the code a template compiles to."""
    # Filters and tests count by name (an unknown one fails to compile) and by what they are
    # passed (the context, the evaluation context or the environment, decided at compile time).
    return repr((
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        environment.optimized, environment.is_async, _described(environment.autoescape),
        _described(environment.finalize), _described(environment.code_generator_class),
        sorted(environment.extensions),
        sorted((name, _described(function)) for name, function in environment.filters.items()),
        sorted((name, _described(function)) for name, function in environment.tests.items()),
    )).encode()


def _described(value: object) -> str:
    # A function by its name and what Jinja passes it, never by its repr (which holds an address).
    if isinstance(value, (bool, type(None))):
        return repr(value)
    name = getattr(value, "__qualname__", type(value).__qualname__)
    return f"{getattr(value, '__module__', '')}.{name}:{getattr(value, 'jinja_pass_arg', None)}"
