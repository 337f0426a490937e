"""Read the bios as they were at the end of each past month, from the repository's git history.

The capacity page's "over time" chart needs no record kept by hand: git already has every
version of every bio. It asks git (content/git.py) for at most a few
dozen git commands whatever the size of the history (one `rev-list` and one `ls-tree` per
month, then one `cat-file --batch` for every bio at once), each with a time limit, and never
through a shell. Without git, outside a repository or in a shallow clone, the history says
why it is missing instead of failing the build.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mentordir.content.frontmatter import Mapping, Scalar, parse_document
from mentordir.content.git import GIT_TIMEOUT_SECONDS, git_output

log = logging.getLogger(__name__)

MONTHS = 12
"""How far back the chart goes, counting this month."""
MAX_BIOS = 5_000
MAX_BIO_BYTES = 100_000


@dataclass(frozen=True)
class PastBio:
    """What a bio said about capacity at one moment in the past."""

    slug: str
    """The bio's file name without `.md`."""
    name: str
    """The mentor's name as it was then."""
    capacity: int
    """The most mentees then."""
    mentees: int
    """Mentees then."""
    full_until: dt.date | None
    """`full_until` then, if any."""
    away_until: dt.date | None
    """`away_until` then, if any."""

    def status(self, day: dt.date) -> str:
        """"taking", "full" or "away" on `day`, by the rules the site uses today."""
        if self.away_until is not None and self.away_until >= day:
            return "away"
        if self.mentees >= self.capacity or (self.full_until is not None and self.full_until >= day):
            return "full"
        return "taking"


@dataclass(frozen=True)
class MonthEnd:
    """The bios as they were in the last commit of a month."""

    day: dt.date
    """The month's last day."""
    bios: tuple[PastBio, ...]
    """Every bio then that could be read, by slug."""


@dataclass(frozen=True)
class History:
    """Past month ends, oldest first, or why there are none."""

    months: tuple[MonthEnd, ...]
    """The ends of the past months that have a commit (this month is the content as it is now)."""
    note: str | None
    """Why some or all of the history is missing, in words; None when all of it is there."""


def month_ends(today: dt.date, count: int = MONTHS) -> tuple[dt.date, ...]:
    """The last days of the `count - 1` months before today's, oldest first."""
    ends = []
    first = today.replace(day=1)
    for _ in range(count - 1):
        last = first - dt.timedelta(days=1)
        ends.append(last)
        first = last.replace(day=1)
    return tuple(reversed(ends))


HistoryKey = tuple[str, str, str, dt.date, bool]
"""(the repository's top folder, the mentors' folder in it, the HEAD commit, the day, whether shallow)."""


@dataclass(frozen=True)
class KnownHistory:
    """The history one build read, kept for the next: read again only when the commit or the day moves.

    Reading it runs two dozen git commands and parses every past version of every bio,
    0.4 s for a thousand bios and a year of commits, which a one-edit build paid in full.
    """

    key: HistoryKey | None = None
    """What the history was read at; None when there was none to read (no git, no repository)."""
    history: History = History((), None)
    """The history read then."""


def load_history(root: Path, today: dt.date) -> History:
    """The bios at the end of each of the last 11 months, from git in the repository holding `root`."""
    return reload_history(root, today, KnownHistory()).history


def reload_history(root: Path, today: dt.date, earlier: KnownHistory) -> KnownHistory:
    """load_history, taken from `earlier` when it was read at the same commit on the same day."""
    if shutil.which("git") is None:
        return KnownHistory(None, History((), "git is not installed, so there is no history to show."))
    # One git process on every build (the dev server rebuilds after each edit); it fails
    # outside a repository and in one without commits.
    answer = (git_output(root, "rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD") or "").split("\n")
    if len(answer) < 3 or not re.fullmatch(r"[0-9a-f]{40,64}", answer[2]):
        return KnownHistory(None, History((), "the site is not built from a git repository with commits, so "
                                              "there is no history to show."))
    top, shallow, head = Path(answer[0]), answer[1] == "true", answer[2]
    try:
        folder = (root.resolve() / "content" / "mentors").relative_to(top.resolve()).as_posix()
    except ValueError:
        return KnownHistory(None, History((), "the content folder is not inside its git repository, so there is "
                                              "no history to show."))
    # The past of a commit never changes: the same commit on the same day reads the same history.
    key = (str(top), folder, head, today, shallow)
    if earlier.key == key:
        return earlier
    return KnownHistory(key, _load(top, folder, head, today, shallow))


def _load(top: Path, folder: str, head: str, today: dt.date, shallow: bool) -> History:
    trees: list[tuple[dt.date, dict[str, str]]] = []
    for day in month_ends(today):
        end = dt.datetime.combine(day, dt.time(23, 59, 59), dt.timezone.utc).isoformat()
        commit = (git_output(top, "rev-list", "-1", "--first-parent", f"--before={end}", head) or "").strip()
        if not commit:
            continue
        listing = git_output(top, "ls-tree", "-z", commit, "--", f"{folder}/") or ""
        blobs = {}
        for entry in listing.split("\0")[:MAX_BIOS]:
            match = re.fullmatch(r"[0-7]+ blob ([0-9a-f]+)\t.*/([a-z0-9]+(?:-[a-z0-9]+)*)\.md", entry)
            if match:
                blobs[match[2]] = match[1]
        trees.append((day, blobs))
    texts = _blobs(top, {blob for _, blobs in trees for blob in blobs.values()})
    # Most bios are the same from one month to the next: each version is parsed once.
    versions = {(slug, blob) for _, blobs in trees for slug, blob in blobs.items()}
    parsed = {(slug, blob): past_bio(slug, texts.get(blob, b"")) for slug, blob in versions}
    months = tuple(MonthEnd(day, tuple(bio for slug, blob in sorted(blobs.items())
                                       if (bio := parsed[(slug, blob)]) is not None))
                   for day, blobs in trees)
    missing = len(month_ends(today)) - len(months)
    note = None
    if shallow:
        note = ("only part of the history was fetched (a shallow clone); the publishing workflow needs "
                "`fetch-depth: 0` in its checkout step.")
    elif missing and months:
        note = f"the repository's history starts in {months[0].day.strftime('%B')} {months[0].day.year}."
    elif missing:
        note = "the repository has no commits from before this month yet."
    return History(months, note)


def past_bio(slug: str, data: bytes) -> PastBio | None:
    """The capacity fields of one past version of a bio; None when it cannot be read (it was wrong then)."""
    document, _ = parse_document(data, f"content/mentors/{slug}.md")
    if document is None:
        return None
    front = document.front
    capacity = _number(front, "capacity")
    if capacity is None or capacity < 1:
        return None
    return PastBio(slug=slug, name=_text(front, "name") or slug, capacity=capacity,
                   mentees=_number(front, "mentees") or 0, full_until=_date(front, "full_until"),
                   away_until=_date(front, "away_until"))


def _text(front: Mapping, key: str) -> str | None:
    entry = front.get(key)
    return entry.value.text.strip() if entry is not None and isinstance(entry.value, Scalar) else None


def _number(front: Mapping, key: str) -> int | None:
    text = _text(front, key)
    return int(text) if text is not None and text.isdigit() else None


def _date(front: Mapping, key: str) -> dt.date | None:
    text = _text(front, key)
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _blobs(top: Path, blobs: set[str]) -> dict[str, bytes]:
    # Every version of every bio in one process: `cat-file --batch` answers each id with
    # "<id> blob <size>\n<bytes>\n".
    if not blobs:
        return {}
    ordered = sorted(blobs)
    try:
        result = subprocess.run(["git", "-C", str(top), "cat-file", "--batch"],
                                input="\n".join(ordered).encode() + b"\n", capture_output=True,
                                timeout=GIT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        log.warning("git cat-file failed: %s", error)
        return {}
    found: dict[str, bytes] = {}
    output, at = result.stdout, 0
    while at < len(output):
        end = output.index(b"\n", at)
        header = output[at:end].decode().split()
        if len(header) != 3:  # "<id> missing"
            at = end + 1
            continue
        size = int(header[2])
        if size <= MAX_BIO_BYTES:
            found[header[0]] = output[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return found
