"""Tests for generator/content/stamps.py: when a bio's stamp may stand for its bytes."""

from __future__ import annotations

import pytest

from mentordir.content.stamps import TICK_NS, unchanged

READ_FROM = 1_800_000_000 * 10**9
OLD = READ_FROM - TICK_NS - 1
STAMP = (1234, OLD, OLD, 42)


def test_a_stamp_older_than_a_tick_before_the_read_stands_for_the_bytes_read() -> None:
    assert unchanged(STAMP, STAMP, READ_FROM)


@pytest.mark.parametrize("now", [(1235, OLD, OLD, 42), (1234, OLD + 1, OLD, 42), (1234, OLD, OLD + 1, 42),
                                 (1234, OLD, OLD, 43)], ids=["size", "modified", "changed", "inode"])
def test_any_difference_in_the_stamp_means_reading_again(now: tuple[int, int, int, int]) -> None:
    assert not unchanged(STAMP, now, READ_FROM)


@pytest.mark.parametrize("stamp", [(1234, READ_FROM - 1, OLD, 42), (1234, OLD, READ_FROM - TICK_NS, 42),
                                   (1234, READ_FROM + 10**12, OLD, 42)],
                         ids=["modified-within-a-tick", "changed-within-a-tick", "modified-in-the-future"])
def test_a_stamp_within_a_tick_of_the_read_is_not_trusted_as_an_edit_could_keep_it(
        stamp: tuple[int, int, int, int]) -> None:
    assert not unchanged(stamp, stamp, READ_FROM)


def test_an_earlier_load_that_said_nothing_of_when_it_read_is_never_trusted() -> None:
    assert not unchanged(STAMP, STAMP, 0)
