"""The photo stage: every mentor's renditions, made in parallel once and then reused from the cache.

A photo's renditions are named by a key hashed from the source bytes and the rendition
settings, so an unchanged photo is never decoded again and browsers can cache the
published files forever. A small index of file sizes and modification times spares a
warm build from even reading the sources. Workers decode one photo each at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

# mentordir.photos.imaging (Pillow and its colour library) is imported inside the functions
# that decode or measure a photo, so a build in which no photo changed never loads it.
from mentordir.model.models import FOCUS_Y, Mentor, PhotoSource
from mentordir.photos.workers import die_with_parent
from mentordir.model.files import write_atomically
from mentordir.model.pictures import CARD_SIZE, PROFILE_SIZE, PhotoSet
from mentordir.model.problems import Problem, Severity

MAX_PHOTO_BYTES = 20_000_000
RENDITION_VERSION = "2"  # bump when the way renditions are made changes, to refresh every cache
SOURCES_INDEX = "sources.json"
PHOTO_FIX = "export the photo again as a JPEG or PNG, under 20 MB, and upload it"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PhotoStats:
    """What the photo stage did."""

    processed: int
    """Photos decoded and encoded in this run."""
    reused: int
    """Photos whose renditions came from the cache."""


PhotoKey = tuple[str, int, int, float]


@dataclass(frozen=True)
class KnownPhotos:
    """Every photo's renditions as an earlier build found them, so an unchanged photo needs no look in the cache."""

    sets: Mapping[PhotoKey, PhotoSet] = field(default_factory=dict)
    """(photo path, size, mtime_ns, focus) -> its PhotoSet; empty unless that build's photo stage found no problem."""


@dataclass(frozen=True)
class _Job:
    """One photo to process in a worker (picklable)."""

    key: str
    source: Path
    focus: float
    sides: tuple[int, ...]
    folder: Path


def display_sides() -> tuple[int, ...]:
    """Every rendition side the theme can show, smallest first."""
    return tuple(sorted({CARD_SIZE, CARD_SIZE * 2, PROFILE_SIZE, PROFILE_SIZE * 2}))


def process_photos(mentors: tuple[Mentor, ...], cache_dir: Path,
                   progress: Progress | None = None) -> tuple[dict[str, PhotoSet], PhotoStats, list[Problem]]:
    """Make (or reuse) every mentor's renditions; problems name the bio's `photo` line."""
    photos, stats, problems, _ = reprocess_photos(mentors, cache_dir, progress, KnownPhotos())
    return photos, stats, problems


def reprocess_photos(mentors: tuple[Mentor, ...], cache_dir: Path, progress: Progress | None,
                     earlier: KnownPhotos) -> tuple[dict[str, PhotoSet], PhotoStats, list[Problem], KnownPhotos]:
    """process_photos, taking every photo from `earlier` when none changed size or modification time.

    Also returns what to pass next time. A build that reuses them does not even look in the
    cache's index (the dev server rebuilds in milliseconds that way).
    """
    folder = cache_dir / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    remembered = _remembered(mentors, earlier)
    if remembered is not None:
        return remembered, PhotoStats(processed=0, reused=len(remembered)), [], earlier
    from mentordir.photos.imaging import PhotoError

    index = _read_index(folder)
    new_index: dict[str, list[int | str]] = {}
    problems: list[Problem] = []
    keys: dict[str, str] = {}
    jobs: dict[str, _Job] = {}
    for mentor in mentors:
        if mentor.photo is None:
            continue
        try:
            digest = _source_digest(mentor.photo.path, index, new_index)
        except PhotoError as error:
            problems.append(_problem(mentor, mentor.photo, str(error)))
            continue
        focus = _focus(mentor.photo)
        key = hashlib.sha256(f"{digest}|{focus}|{display_sides()}|{RENDITION_VERSION}".encode()).hexdigest()[:16]
        keys[mentor.slug] = key
        if not (folder / f"{key}.json").is_file():
            jobs.setdefault(key, _Job(key, mentor.photo.path, focus, display_sides(), folder))
    failures = _run(list(jobs.values()), progress)
    photos: dict[str, PhotoSet] = {}
    for mentor in mentors:
        key = keys.get(mentor.slug)
        if key is None or mentor.photo is None:
            continue
        if key in failures:
            problems.append(_problem(mentor, mentor.photo, failures[key]))
            continue
        manifest = json.loads((folder / f"{key}.json").read_text())
        photos[mentor.slug] = _photo_set(mentor.slug, key, manifest["width"], manifest["height"], folder)
        problems += _size_warnings(mentor, mentor.photo, manifest["width"], manifest["height"])
    _prune(folder, set(keys.values()))
    write_atomically(folder / SOURCES_INDEX, json.dumps(new_index, sort_keys=True).encode())
    known = KnownPhotos() if problems else KnownPhotos({_photo_key(mentor.photo): photos[mentor.slug]
                                                        for mentor in mentors if mentor.photo})
    processed = len(jobs) - len(failures)
    return photos, PhotoStats(processed=processed, reused=len(photos) - processed), problems, known


def _remembered(mentors: tuple[Mentor, ...], earlier: KnownPhotos) -> dict[str, PhotoSet] | None:
    # Only when every photo is remembered unchanged (and there were no problems last time),
    # and its renditions are still in the cache: anything else takes the full path.
    if not earlier.sets:
        return None
    found: dict[str, PhotoSet] = {}
    for mentor in mentors:
        if mentor.photo is None:
            continue
        try:
            photo_set = earlier.sets.get(_photo_key(mentor.photo))
        except OSError:
            return None
        if photo_set is None or photo_set.slug != mentor.slug:
            return None
        found[mentor.slug] = photo_set
    # The cache prunes a photo's renditions together, so one file of each says they are all there.
    if not all(os.path.isfile(photo_set.cache_file(CARD_SIZE, "jpg", 1)) for photo_set in found.values()):
        return None
    return found


def _photo_key(photo: PhotoSource) -> PhotoKey:
    status = photo.path.stat()
    return (str(photo.path), status.st_size, status.st_mtime_ns, _focus(photo))


def _focus(photo: PhotoSource) -> float:
    return photo.focus if photo.focus is not None else FOCUS_Y


def render_job(job: _Job) -> str | None:
    """Decode one photo and write its renditions and manifest to the cache; an error message on failure."""
    from mentordir.photos import imaging

    try:
        data = job.source.read_bytes()
        image, original = imaging.decode_photo_and_size(data, smallest_side=max(job.sides))
        side = min(original)
        encoded = imaging.encode_renditions(image, sorted({min(s, side) for s in job.sides}), job.focus)
    except imaging.PhotoError as error:
        return str(error)
    for (size, suffix), payload in encoded.items():
        write_atomically(job.folder / f"{job.key}-{size}.{suffix}", payload)
    manifest = {"width": original[0], "height": original[1]}
    write_atomically(job.folder / f"{job.key}.json", json.dumps(manifest).encode())
    return None


def _run(jobs: list[_Job], progress: Progress | None) -> dict[str, str]:
    failures: dict[str, str] = {}
    if progress and jobs:
        progress(0, len(jobs))
    if len(jobs) <= 1:  # a pool costs more than it saves for one photo
        for done, job in enumerate(jobs, start=1):
            if (error := render_job(job)) is not None:
                failures[job.key] = error
            if progress:
                progress(done, len(jobs))
        return failures
    # Only a build with photos to make starts processes: the others do not import the pool.
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, len(jobs)), initializer=die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(render_job, job): job for job in jobs}
        for done, future in enumerate(as_completed(futures), start=1):
            if (error := future.result()) is not None:
                failures[futures[future].key] = error
            if progress:
                progress(done, len(jobs))
    return failures


def _photo_set(slug: str, key: str, width: int, height: int, folder: Path) -> PhotoSet:
    return PhotoSet(slug=slug, key=key, side=min(width, height), folder=folder)


def _size_warnings(mentor: Mentor, photo: PhotoSource, width: int, height: int) -> list[Problem]:
    largest = max(display_sides())
    if min(width, height) >= largest:
        return []
    return [Problem(mentor.source, photo.line, "photo",
                    f"the photo is {width}x{height} pixels, so it will look soft on the profile, "
                    f"which shows it at up to {largest}x{largest}",
                    f"upload a photo at least {largest} pixels on its shorter side", Severity.WARNING)]


def _source_digest(path: Path, index: dict[str, list[int | str]], new_index: dict[str, list[int | str]]) -> str:
    # The digest of a file whose size and modification time are unchanged is taken from
    # the index: a warm build then reads no photo bytes at all.
    from mentordir.photos.imaging import PhotoError

    status = path.stat()
    if status.st_size > MAX_PHOTO_BYTES:
        raise PhotoError(f"the photo is {status.st_size / 1e6:.1f} MB, more than {MAX_PHOTO_BYTES // 1_000_000} MB")
    stamp: list[int | str] = [status.st_size, status.st_mtime_ns]
    known = index.get(str(path))
    if known is not None and known[:2] == stamp:
        digest = str(known[2])
    else:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    new_index[str(path)] = [*stamp, digest]
    return digest


def _read_index(folder: Path) -> dict[str, list[int | str]]:
    try:
        return json.loads((folder / SOURCES_INDEX).read_text())
    except (OSError, ValueError):
        return {}


def _prune(folder: Path, keep: set[str]) -> None:
    for entry in folder.iterdir():
        key = entry.name.split("-", 1)[0].split(".", 1)[0]
        if entry.name != SOURCES_INDEX and key not in keep and not entry.name.startswith("."):
            entry.unlink(missing_ok=True)


def _problem(mentor: Mentor, photo: PhotoSource, message: str) -> Problem:
    # Named, as a bio's line says only `photo:` and the mentor may have uploaded several files.
    return Problem(mentor.source, photo.line, "photo", f"{photo.path.name}: {message}", PHOTO_FIX)
