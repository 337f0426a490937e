"""The whole pipeline in one place: settings, content, photos, pages, then (for `build`) the write."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import logging
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import jinja2

from mentordir.site.assets import Asset, collect_assets, theme_layers
from mentordir.site.capacity import CapacityReport, capacity_report
from mentordir.content.addresses import AddressChecks
from mentordir.content.committed import committed_cache_problems
from mentordir.site.compiled_templates import signed_template_cache
from mentordir.content.config import SiteConfig, load_config
from mentordir.site.export import ExportedMentors, export_files
from mentordir.content.history import KnownHistory, reload_history
from mentordir.content.load import load_sources, reload_sources
from mentordir.model.fingerprint import fingerprint
from mentordir.model.models import Content
from mentordir.model.signing_key import signing_key
from mentordir.photos.process import KnownPhotos, PhotoStats, Progress, reprocess_photos
from mentordir.private.access import code_fingerprint, code_problems, site_key
from mentordir.model.problems import ContentError, Problem, errors_in, relative_name
from mentordir.site.plan import Planned, plan_pages
from mentordir.site.render import RenderedPages, make_environment, render_pages, render_text_files, search_files
from mentordir.output.remember import generator_key, load_memory, save_memory
from mentordir.output.shelf import SPARE_FOLDER, load_shelf, save_shelf
from mentordir.output.uptodate import build_inputs, forget_state, save_state, unchanged_build
from mentordir.content.validate import CheckedContent, revalidate_content
from mentordir.output.write import OutputChanged, check_output_folder, write_site

if TYPE_CHECKING:
    from mentordir.content.importing import ImportPlan

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildOptions:
    """What to build, from where, to where."""

    root: Path
    """The folder that holds `content/`."""
    theme: Path
    """The site's own theme folder (optional): its `templates/` and `static/` files replace the built-in ones."""
    cache: Path
    """Where processed photos, and what `mentordir build` remembers for its next run, are kept."""
    today: dt.date
    """The day of the build: decides who is full because of `full_until`."""
    base_url: str | None = None
    """Publish at this address instead of site.yaml's `base_url`."""
    progress: Progress | None = None
    """Called with (done, total) while photos are processed."""
    hash_assets: bool = True
    """Publish theme assets under hashed names (the dev server turns this off to swap CSS in place)."""
    access_code: str | None = field(default=None, repr=False)
    """A private site's access code, from MENTORDIR_ACCESS_CODE; never written anywhere."""
    seal: bool = True
    """Encrypt a private site (`access: code`); `check` and the dev server's open preview turn this off."""


@dataclass(frozen=True)
class Remembered:
    """What one build keeps for the next, so that what an edit does not touch is reused, not redone."""

    content: CheckedContent = field(default_factory=CheckedContent)
    """What validation found for each bio and scheme, by its bytes and context."""
    photos: KnownPhotos = field(default_factory=KnownPhotos)
    """Every photo's renditions, by the photo file's size and modification time."""
    plan: Planned = field(default_factory=Planned)
    """Every mentor's search terms and view."""
    pages: RenderedPages = field(default_factory=RenderedPages)
    """Every rendered page, with the context and cache key it was rendered from."""
    history: KnownHistory = field(default_factory=KnownHistory)
    """The bios' past months from git, with the commit and day they were read at."""
    export: ExportedMentors = field(default_factory=ExportedMentors)
    """Each mentor's line of the open-data export, with what it was made from."""


@dataclass(frozen=True)
class SiteFiles:
    """A built site, in memory, with what was found on the way."""

    files: dict[str, bytes]
    """Rendered pages and text files, by path in the site."""
    unchanged: dict[str, str]
    """Pages the earlier build wrote that are the same now, by path: what their bytes are (`bytes_identity`).

    They are not rendered again: the output the earlier build wrote holds them.
    """
    copies: dict[str, Path]
    """Files copied as they are (theme assets), by path in the site."""
    linked: dict[str, str]
    """Processed photos, by path in the site: the cache file each is. Named by their content, so the write links them."""
    warnings: tuple[Problem, ...]
    """Problems that do not stop the build."""
    mentors: int
    """How many mentors are listed."""
    photos: PhotoStats
    """How many photos were processed and how many reused from the cache."""
    up_to_date: bool = False
    """True when nothing had changed since the last build, so nothing was built or written."""
    remembered: Remembered = field(default_factory=Remembered)
    """What to hand the next build of the same site."""


def read_content(options: BuildOptions, earlier: CheckedContent = CheckedContent(),
                 ) -> tuple[SiteConfig, Content, list[Problem], CheckedContent]:
    """Settings and validated content, with every problem found on the way (errors included)."""
    problems: list[Problem] = []
    addresses = AddressChecks(earlier.addresses)  # the team's address, then the bios'
    config, found = load_config(options.root, addresses)
    problems += found
    if options.base_url:
        config = config.with_base_url(options.base_url)
    sources, found, read = reload_sources(options.root, earlier.read, time.time_ns())
    problems += found
    problems += committed_cache_problems(options.root)
    content, found, checked = revalidate_content(sources, config, options.today, earlier, addresses)
    return config, content, problems + found, replace(checked, read=read)


def generate_site(options: BuildOptions, earlier: Remembered = Remembered()) -> SiteFiles:
    """Run every stage short of writing; raises ContentError with every problem at once.

    Bios, photos and pages that `earlier` (a previous build's `remembered`) holds unchanged
    are reused; the result's `remembered` is what to hand the next build.
    """
    config, content, problems, checked = read_content(options, earlier.content)
    private = config.access == "code" and options.seal
    if private:
        problems += code_problems(options.access_code, config)
    assets, found = collect_assets(options.theme, options.root, hashed=options.hash_assets, config=config)
    problems += found
    _stop_on_errors(problems)
    photos, photo_stats, found, known_photos = reprocess_photos(content.mentors, options.cache, options.progress,
                                                                earlier.photos)
    problems += found
    _stop_on_errors(problems)
    asset_list = tuple(sorted(assets.items()))
    templates = _templates(options.theme)
    environment = _environment(options.theme, config, asset_list, templates, options.root, options.cache)
    # Everything a page sees besides its own context: a change to any of it renders every page again.
    cache_key = fingerprint(config, content.schemes, options.today, asset_list, templates)
    history = reload_history(options.root, options.today, earlier.history)
    pages, planned = plan_pages(content, photos, config, options.today, history.history, earlier.plan)
    try:
        files, unchanged, rendered = render_pages(pages, environment, config, content.schemes, options.today,
                                                  earlier.pages, cache_key, keep_unchanged=not private)
    except jinja2.TemplateError as error:
        raise ContentError([_template_problem(error, options)]) from error
    files |= render_text_files(pages, config)
    files |= search_files(pages)
    exported, export = export_files(content, photos, config, options.today, earlier.export)
    files |= exported
    files |= {asset.path: asset.data for asset in assets.values() if asset.data is not None}
    copies = {asset.path: asset.source for asset in assets.values() if asset.source is not None}
    linked = {path: cached for photo in photos.values() for path, cached in photo.published_files().items()}
    if private and options.access_code:
        from mentordir.private.seal import seal_site  # the cryptography library, only for a private site

        copies |= {path: Path(cached) for path, cached in linked.items()}  # sealed, so no longer the cache's bytes
        files, copies = seal_site(files, copies, site_key(options.access_code, config), config, environment)
        linked = {}
    return SiteFiles(files=files, unchanged=unchanged, copies=copies, linked=linked, warnings=tuple(problems),
                     mentors=len(content.mentors), photos=photo_stats,
                     remembered=Remembered(content=checked, photos=known_photos, plan=planned, pages=rendered,
                                           history=history, export=export))


def build(options: BuildOptions, out: Path, inputs: str | None = None) -> SiteFiles:
    """Build the site into `out`, replacing what was there only when the whole build succeeded.

    When no input has changed since the last build into `out` and the output is as that
    build left it, nothing is done: the last build's summary and warnings are returned.
    Otherwise what the last build kept in the cache folder is reused wherever nothing it
    depends on changed. `inputs` is build_inputs() for these options, if just computed.
    """
    check_output_folder(out, options.root)
    inputs = inputs or build_inputs(options.root, options.theme, options.cache, options.today, options.base_url,
                                    options.hash_assets, options.seal,
                                    code_fingerprint(options.access_code if options.seal else None))
    unchanged = unchanged_build(options.cache, inputs, out)
    if unchanged is not None:
        summary, warnings = unchanged
        return SiteFiles(files={}, unchanged={}, copies={}, linked={}, warnings=warnings, mentors=summary["mentors"],
                         photos=PhotoStats(processed=0, reused=summary["photos"]), up_to_date=True)
    forget_state(options.cache)
    with _collecting_seldom():
        key, secret = generator_key(), signing_key(options.root)
        earlier = load_memory(options.cache, key, secret)
        gc.freeze()  # what was read back lives until the build ends: never look through it for garbage
        earlier = earlier if isinstance(earlier, Remembered) else Remembered()
        site = generate_site(options, earlier)
        # The whole site is swapped in, even after a one-line edit: a build stopped at any
        # moment must leave the old site or the new one, never a mixture (test_write.py). The
        # new site is made from the one the last build replaced, writing only what differs.
        shelf = load_shelf(options.cache, out)
        try:
            shelf = write_site(out, site.files, site.copies, site.linked, site.unchanged, shelf=shelf,
                               spare=options.cache / SPARE_FOLDER)
        except OutputChanged as reason:
            # The output lost a page this build left as it was (deleted or edited by hand, or
            # another folder): render every page again, and write the whole site.
            log.info("rendering every page again: %s", reason)
            site = generate_site(options, replace(earlier, pages=RenderedPages()))
            shelf = write_site(out, site.files, site.copies, site.linked, shelf=replace(shelf, spare={}),
                               spare=options.cache / SPARE_FOLDER)
        save_shelf(options.cache, shelf)
        save_memory(options.cache, key, site.remembered, secret)
    save_state(options.cache, inputs, out, {"mentors": site.mentors, "photos": site.photos.processed +
                                           site.photos.reused}, site.warnings)
    return site


@contextlib.contextmanager
def _collecting_seldom() -> Iterator[None]:
    """Let the garbage collector run less often, and forget what was frozen, until the block ends.

    A build makes hundreds of thousands of objects that live until it ends, and nearly all
    its garbage is freed by reference counting; with Python's usual thresholds the collector
    looked through them again and again, a tenth of a one-edit build's time.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@functools.lru_cache(maxsize=1)
def _environment(theme: Path, config: SiteConfig, assets: tuple[tuple[str, Asset], ...],
                 templates: bytes, root: Path, cache: Path) -> jinja2.Environment:
    # A pure function of frozen values, memoised: while the theme, settings and assets are
    # unchanged, the dev server's rebuilds keep the compiled templates. `templates` (their
    # digest) is part of the key only. A new process, or a new environment, loads the
    # templates that did not change from the signed copies kept in `cache`.
    return make_environment(theme, config, dict(assets), signed_template_cache(cache, root, generator_key()))


def _templates(theme: Path) -> bytes:
    # The templates' own text, the site's and the built-in ones: a changed template changes every page.
    digest = hashlib.blake2b(digest_size=16)
    for layer in theme_layers(theme):
        for path in sorted((layer / "templates").rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _stop_on_errors(problems: list[Problem]) -> None:
    if errors_in(problems):
        raise ContentError(problems)


def _template_problem(error: jinja2.TemplateError, options: BuildOptions) -> Problem:
    # Jinja rewrites tracebacks so that template frames carry the template's file and
    # line; the innermost such frame is where the theme went wrong.
    templates = tuple(str(layer / "templates") for layer in theme_layers(options.theme))
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.startswith(templates)]
    if frames:
        file, line = relative_name(Path(frames[-1].filename), options.root), frames[-1].lineno
    else:
        name = getattr(error, "filename", None) or getattr(error, "name", None)
        file = relative_name(Path(name) if name and Path(name).is_absolute() else options.theme / "templates" / (name or ""),
                             options.root)
        line = getattr(error, "lineno", None)
    return Problem(file, line, None, f"the template failed: {error}",
                   "fix the template; docs/THEMES.md in mentordir's source lists what each template receives")


def capacity(options: BuildOptions) -> tuple[CapacityReport, tuple[Problem, ...]]:
    """The capacity figures for `mentordir report`; raises ContentError when content has errors."""
    content, problems = checked_content(options)
    return capacity_report(content, options.today), problems


def checked_content(options: BuildOptions) -> tuple[Content, tuple[Problem, ...]]:
    """The validated content with its warnings, for the team's reports; raises ContentError on errors."""
    _, content, problems, _ = read_content(options)
    _stop_on_errors(problems)
    return content, tuple(problems)


def import_plan(options: BuildOptions, spreadsheet: Path, maps: list[str], photos: Path | None,
                update: bool) -> ImportPlan:
    """What `mentordir import` would do with a spreadsheet, checked against the site's content and rules."""
    # Only `mentordir import` needs these: a build does not load them.
    from mentordir.content.columns import column_fields, parse_maps
    from mentordir.content.importing import ImportPlan, photo_folder, plan_import
    from mentordir.content.spreadsheet import SpreadsheetError, read_table

    config, problems = load_config(options.root)
    sources, found = load_sources(options.root)
    _stop_on_errors(problems + found)
    table = read_table(spreadsheet.resolve(), str(spreadsheet))
    mapped, problems = parse_maps(maps, table)
    fields, found = column_fields(table, mapped)
    problems += found
    if errors_in(problems):
        return ImportPlan(new=(), updates=(), kept=(), problems=tuple(problems))
    if photos is not None and not photos.is_dir():
        raise SpreadsheetError(f"--photos {photos}: there is no such folder")
    plan = plan_import(table, fields, sources, config, options.today, photo_folder(photos) if photos else None, update)
    return ImportPlan(new=plan.new, updates=plan.updates, kept=plan.kept, problems=tuple(problems) + plan.problems)
