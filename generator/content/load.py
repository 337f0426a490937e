"""Read the content tree from disk: bios, photos and schemes, with slugs taken from file names only.

This is the only stage that reads content from disk. It refuses symlinks anywhere under
`content/`, and `content/` itself as a link (a bio must not be able to publish a file from
elsewhere on the machine), refuses named pipes, devices and sockets without opening them
(reading a pipe waits for ever), reads at most a file's size limit, and reports files whose
names would make a mentor silently vanish from the site or could not be published.
A bio whose stamp shows it unchanged since an earlier load is taken from that load
instead of being read again (stamps.py); everything else is looked at every time.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mentordir.content.files import read_plain, special_file
from mentordir.content.slugs import slug_for
from mentordir.content.sources import SchemeSource, SourceFile, Sources
from mentordir.content.stamps import BioRead, KnownBios, stamp_of, unchanged
from mentordir.model.problems import Problem, Severity, relative_name

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
TEMPLATE_NAME = "_template.md"
# What editors and word processors save text as: a file ending in one of these (or in
# nothing) is taken for a bio saved under the wrong name, and the fix is to rename it.
_TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text", ".yaml", ".yml")
# Photo formats phones and cameras save that browsers cannot all show.
_OTHER_PHOTO_SUFFIXES = (".heic", ".heif", ".gif", ".bmp", ".tif", ".tiff", ".avif", ".jfif")
_IGNORED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"}
# A slug becomes a folder of the site and the start of its photos' file names
# (`photos/<slug>-640-<hash>.webp`); most file systems stop at 255 bytes a name, and a
# name that `check` passes must never be too long for `build`.
MAX_SLUG_LENGTH = 120


def load_sources(root: Path) -> tuple[Sources, list[Problem]]:
    """Read every bio, photo and scheme under `<root>/content`."""
    sources, problems, _ = reload_sources(root, KnownBios(), 0)
    return sources, problems


def reload_sources(root: Path, earlier: KnownBios, read_from: int) -> tuple[Sources, list[Problem], KnownBios]:
    """load_sources, taking each bio unchanged since `earlier` from it; and what to pass the next load.

    `read_from` is the moment (time.time_ns()) this load begins. The problems are the
    same as load_sources finds, in the same order, read or not.
    """
    problems: list[Problem] = []
    content = root / "content"
    if content.is_symlink():
        problems.append(Problem(relative_name(content, root), None, None,
                                "is a symbolic link; the content folder must be a real folder inside the site",
                                "replace the link with the real folder"))
        return Sources(mentors=(), photos={}, schemes=()), problems, KnownBios()
    if not content.is_dir():
        problems.append(Problem(relative_name(content, root), None, None, "there is no content folder",
                                "run mentordir in the folder that holds content/, or pass --root"))
        return Sources(mentors=(), photos={}, schemes=()), problems, KnownBios()
    problems += _symlink_problems(content, root)
    for folder in (content / "mentors", content / "schemes"):
        if folder.exists() and not folder.is_dir():  # a file where the folder should be: nothing would be read
            problems.append(Problem(relative_name(folder, root), None, None,
                                    f"is a file, but it should be the folder of {folder.name}",
                                    f"rename or remove the file, and keep each of the {folder.name} as its own "
                                    f".md file in a folder named {relative_name(folder, root)}/"))
    read: dict[str, BioRead] = {}
    mentors, photos = _load_mentors(content / "mentors", root, problems, earlier, read)
    schemes = _load_schemes(content / "schemes", root, problems)
    return (Sources(mentors=mentors, photos=photos, schemes=schemes), problems,
            KnownBios(files=read, read_from=read_from))


def _symlink_problems(content: Path, root: Path) -> list[Problem]:
    problems = []
    pending = [str(content)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:  # in any order: the problems are sorted below
                if entry.is_symlink():
                    problems.append(Problem(relative_name(Path(entry.path), root), None, None,
                                            "is a symbolic link; links are not allowed under content/",
                                            "replace the link with the real file"))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
    return sorted(problems, key=Problem.sort_key)


def _too_long(stem: str, file: str, suffix: str) -> Problem | None:
    if len(stem) <= MAX_SLUG_LENGTH:
        return None
    message = f"the name is {len(stem)} characters long, more than the {MAX_SLUG_LENGTH} a page of the site can be named"
    return Problem(file, None, None, message, f"rename it to something shorter, like {stem[:40].rstrip('-')}{suffix}")


def _entries(folder: Path) -> list[Path]:
    if folder.is_symlink() or not folder.is_dir():
        return []
    return sorted((entry for entry in folder.iterdir()
                   if entry.name not in _IGNORED_NAMES and not entry.is_symlink()), key=lambda p: p.name)


def _load_mentors(folder: Path, root: Path, problems: list[Problem], earlier: KnownBios,
                  read: dict[str, BioRead],
                  ) -> tuple[tuple[SourceFile, ...], dict[str, Path]]:
    # os.scandir rather than Path.iterdir: the dev server reloads a thousand bios after
    # every edit, and pathlib's per-entry work was most of that time.
    bios: list[SourceFile] = []
    misnamed: list[Path] = []
    photos: dict[str, Path] = {}
    if folder.is_symlink() or not folder.is_dir():  # a linked folder is reported, never followed
        return (), photos
    prefix = relative_name(folder, root) + "/"
    with os.scandir(folder) as scan:
        entries = sorted((entry for entry in scan if entry.name not in _IGNORED_NAMES and not entry.is_symlink()),
                         key=lambda entry: entry.name)
    # Every entry is accounted for: a bio, a photo (reported later if no bio uses it), the
    # template, or an error. A file skipped in silence is a mentor missing from the site.
    for entry in entries:
        name, file = entry.name, prefix + entry.name
        if name == TEMPLATE_NAME:
            continue
        stem, dot, extension = name.rpartition(".")
        suffix = (dot + extension).lower() if dot else ""
        if entry.is_dir(follow_symlinks=False):
            problems.append(Problem(file, None, None, "is a folder; content/mentors/ holds only bios and photos",
                                    "move the files in it up into content/mentors/, or delete the folder"))
        elif not entry.is_file(follow_symlinks=False):
            problems.append(special_file(entry.stat(follow_symlinks=False).st_mode, file))
        elif name.endswith(".md") and SLUG.match(stem):
            if (too_long := _too_long(stem, file, ".md")) is not None:
                problems.append(too_long)
                continue
            path = folder / name  # cheaper than Path(entry.path), which parses the whole path again
            # Stamped before it is read: a change while it is read shows in the next stamp.
            stamp = stamp_of(entry.stat(follow_symlinks=False))
            known = earlier.files.get(file)
            if known is not None and unchanged(known[0], stamp, earlier.read_from):
                _, data, found = known
            else:
                data, found_now = read_plain(path, file)
                found = tuple(found_now)
            read[file] = (stamp, data, found)
            problems += found
            if data is not None:
                bios.append(SourceFile(path=path, file=file, slug=stem, data=data))
        elif suffix in PHOTO_SUFFIXES and stem:
            photos[name] = folder / name
        elif suffix in _OTHER_PHOTO_SUFFIXES:
            problems.append(Problem(file, None, None, "is a photo in a format the site cannot show",
                                    f"save it as a JPEG, PNG or WebP, like {slug_for(stem) or 'jane-doe'}.jpg, "
                                    "and remove this file"))
        elif _bio_stem(name) is not None:
            misnamed.append(Path(entry.path))
        else:
            problems.append(Problem(file, None, None, "is not a bio (.md) or a photo (.jpg, .png, .webp)",
                                    "remove it; a bio written elsewhere (in Word, say) goes into a .md file "
                                    "copied from _template.md"))
    problems += _misnamed_problems(misnamed, {bio.slug: bio.file for bio in bios}, root)
    return tuple(bios), photos


def _misnamed_problems(misnamed: list[Path], taken: dict[str, str], root: Path) -> list[Problem]:
    # A bio must never vanish silently because of its file name. Checkouts on macOS and
    # Windows fold case (macOS also composed and decomposed accents) while Pages URLs do
    # not, and the suggested name drops accents, so a name that folds onto another
    # mentor's (Jane-Doe.md, josé.md beside jose.md) is reported naming both files.
    problems = []
    for path in misnamed:
        suggestion = slug_for(_bio_stem(path.name) or "")[:MAX_SLUG_LENGTH].rstrip("-")
        file = relative_name(path, root)
        if not suggestion:
            problems.append(Problem(file, None, None, "the file name has no name of a mentor in it",
                                    "rename it after the mentor, in lower case with hyphens, like jane-doe.md"))
            continue
        if suggestion in taken:
            problems.append(Problem(file, None, None,
                                    f"has the same name as {taken[suggestion]} once lower-cased and without accents",
                                    "each mentor needs their own file: rename or remove one of the two"))
        else:
            problems.append(Problem(file, None, None,
                                    "the file name must be lower-case letters, digits and hyphens, ending in .md",
                                    f"rename it to {suggestion}.md"))
        taken.setdefault(suggestion, file)
    return problems


def _load_schemes(folder: Path, root: Path, problems: list[Problem]) -> tuple[SchemeSource, ...]:
    schemes: list[SchemeSource] = []
    for path in _entries(folder):
        file = relative_name(path, root)
        if path.name.startswith(("_", ".")):
            continue
        if not path.is_file() and not path.is_dir():
            problems.append(special_file(path.lstat().st_mode, file))
            continue
        slug = path.stem if path.is_file() else path.name
        if path.is_file() and path.suffix != ".md":
            problems.append(Problem(file, None, None, "is not a scheme (.md file or folder)",
                                    "remove it, or move it into a scheme's folder", Severity.WARNING))
            continue
        if not SLUG.match(slug):
            problems.append(Problem(file, None, None, "the name must be lower-case letters, digits and hyphens",
                                    f"rename it to {_slugify(slug) or 'my-scheme'}{'.md' if path.is_file() else ''}"))
            continue
        if (too_long := _too_long(slug, file, ".md" if path.is_file() else "")) is not None:
            problems.append(too_long)
            continue
        if path.is_file():
            data, found = read_plain(path, file)
            problems += found
            if data is not None:
                schemes.append(SchemeSource(slug=slug, settings=SourceFile(path=path, file=file, slug=slug, data=data),
                                            pages=()))
            continue
        index = path / "index.md"
        if index.is_symlink():
            continue  # reported with every other link under content/
        if not os.path.lexists(index):
            problems.append(Problem(file + "/", None, None, "has no index.md with the scheme's settings",
                                    "add index.md with a title, a summary and the handbook's first page"))
            continue
        pages = []
        for page in _entries(path):
            page_file = relative_name(page, root)
            if page.name == "index.md" or page.name.startswith(("_", ".")):
                continue
            page_slug = page.stem
            if not page.is_file() and not page.is_dir():
                problems.append(special_file(page.lstat().st_mode, page_file))
                continue
            if page.suffix != ".md" or not SLUG.match(page_slug):
                problems.append(Problem(page_file, None, None,
                                        "is not a handbook page (a lower-case name ending in .md)",
                                        f"rename it to {_slugify(page_slug) or 'page'}.md, or remove it"))
                continue
            if (too_long := _too_long(page_slug, page_file, ".md")) is not None:
                problems.append(too_long)
                continue
            data, found = read_plain(page, page_file)
            problems += found
            if data is not None:
                pages.append(SourceFile(path=page, file=page_file, slug=page_slug, data=data))
        index_file = relative_name(index, root)
        data, found = read_plain(index, index_file)
        problems += found
        if data is None:
            continue
        settings = SourceFile(path=index, file=index_file, slug=slug, data=data)
        schemes.append(SchemeSource(slug=slug, settings=settings, pages=tuple(pages)))
    seen: dict[str, str] = {}
    for scheme in schemes:  # `returners.md` and `returners/` would both publish at /schemes/returners/
        if scheme.slug in seen:
            problems.append(Problem(scheme.settings.file, None, None, f"is the same scheme as {seen[scheme.slug]}",
                                    "keep either the single file or the folder"))
        seen.setdefault(scheme.slug, scheme.settings.file)
    return tuple(schemes)


def _bio_stem(name: str) -> str | None:
    """The name of a file that looks like a bio saved wrongly, without its suffixes; None for any other file.

    `jane-doe.md.txt`, `Jane-Doe.MD`, `jane-doe.markdown`, `jane-doe`, `jane-doe.md ` (a trailing
    space), `_jane-doe.md` and `.jane-doe.md` all give `jane-doe`; `cv.docx` gives None.
    """
    stem = name.rstrip().rstrip(".")
    while True:
        base, dot, extension = stem.rpartition(".")
        if not dot or f".{extension.lower()}" not in _TEXT_SUFFIXES:
            break
        stem = base.rstrip()
    if "." in stem.lstrip("._"):
        return None
    return stem.lstrip("._ ")


def _slugify(name: str) -> str:
    return slug_for(name, drop_titles=False)
