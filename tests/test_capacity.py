"""Capacity figures: tallies, gaps, bios needing attention, and the CSV, JSON and text forms."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from mentordir.site.capacity import Tally, as_csv, as_json, as_text, capacity_report, status
from mentordir.site.charts import PLOT_WIDTH, bar_chart
from mentordir.model.models import Contact, Content, HandbookChapter, Mentor, Scheme

TODAY = dt.date(2026, 11, 22)
BASE = Mentor(slug="a", source="content/mentors/a.md", name="Dr A", pronouns=None, photo=None, grade="ST6",
              grade_rank=10, specialties=("Anaesthetics",), region="Wessex", organisation=None, schemes=("returners",),
              style="I listen.", working=(), capacity=2, mentees=0, full_until=None,
              contact=Contact(preferred="email", email="a@example.org", phone=None, url=None), matching=(),
              updated=dt.date(2026, 10, 1), bio_html="<p>A</p>")
SCHEME = Scheme(slug="returners", source="content/schemes/returners.md", title="Returners", summary=None,
                audience=None, pages=(HandbookChapter(slug="", source="", title="Returners", order=0, html=""),))


def content(*mentors: Mentor) -> Content:
    return Content(mentors=mentors, schemes=(SCHEME,))


MENTORS = content(
    BASE,
    replace(BASE, slug="b", name="Dr B", mentees=2),                                     # full by counts
    replace(BASE, slug="c", name="Dr C", specialties=("Cardiology",), region="London", mentees=1,
            full_until=dt.date(2027, 3, 1)),                                             # full by date
    replace(BASE, slug="d", name="Dr D", specialties=("Anaesthetics", "Intensive Care Medicine"), region=None,
            schemes=(), mentees=1, updated=dt.date(2025, 1, 5)),                         # stale bio
    replace(BASE, slug="e", name="Dr E", full_until=dt.date(2026, 11, 1), updated=None),  # date passed, no review
)


def test_the_overall_tally_counts_taking_full_and_free_places():
    assert capacity_report(MENTORS, TODAY).overall == Tally("All mentors", taking=3, full=2, places=5)


def test_breakdowns_count_each_mentor_in_every_group_they_belong_to():
    by_dimension = {b.dimension: b.tallies for b in capacity_report(MENTORS, TODAY).breakdowns}
    assert by_dimension["specialty"] == (Tally("Anaesthetics", 3, 1, 5), Tally("Cardiology", 0, 1, 0),
                                         Tally("Intensive Care Medicine", 1, 0, 1))
    assert by_dimension["region"] == (Tally("Wessex", 2, 1, 4), Tally("London", 0, 1, 0),
                                      Tally("No region given", 1, 0, 1))
    assert by_dimension["scheme"] == (Tally("Returners", 2, 2, 4),)


def test_gaps_are_groups_whose_every_mentor_is_full():
    breakdowns = {b.dimension: b for b in capacity_report(MENTORS, TODAY).breakdowns}
    assert [t.label for t in breakdowns["specialty"].gaps()] == ["Cardiology"]
    assert [t.label for t in breakdowns["region"].gaps()] == ["London"]


def test_attention_lists_passed_full_until_dates_and_stale_or_undated_bios():
    reasons = [(item.mentor.slug, item.reason) for item in capacity_report(MENTORS, TODAY).attention]
    assert reasons == [
        ("d", "the bio was last reviewed on 2025-01-05, more than 12 months ago"),
        ("e", "full_until 2026-11-01 has passed: is the mentor taking mentees again?"),
        ("e", "the bio has no `updated` date"),
    ]


def test_csv_has_one_row_per_group_overall_first():
    assert as_csv(capacity_report(content(BASE, replace(BASE, slug="b", mentees=2)), TODAY)) == (
        "date,group,name,mentors,taking_mentees,full,away,free_places\n"
        "2026-11-22,overall,All mentors,2,1,1,0,2\n"
        "2026-11-22,scheme,Returners,2,1,1,0,2\n"
        "2026-11-22,specialty,Anaesthetics,2,1,1,0,2\n"
        "2026-11-22,region,Wessex,2,1,1,0,2\n")


def test_json_carries_the_groups_and_the_bios_needing_attention():
    document = json.loads(as_json(capacity_report(MENTORS, TODAY)))
    assert document["groups"][0] == {"date": "2026-11-22", "group": "overall", "name": "All mentors", "mentors": 5,
                                     "taking_mentees": 3, "full": 2, "away": 0, "free_places": 5}
    assert [item["mentor"] for item in document["attention"]] == ["d", "e", "e"]


def test_text_flags_groups_with_nobody_free():
    text = as_text(capacity_report(MENTORS, TODAY))
    assert text.startswith("Capacity on 2026-11-22\n")
    assert "Cardiology                     1       0     1     0       0  <- nobody taking mentees" in text


def test_away_mentors_are_counted_apart_from_the_full_ones_until_their_date_passes():
    away = replace(BASE, slug="f", name="Dr F", away_until=dt.date(2027, 3, 1))
    assert capacity_report(content(BASE, away), TODAY).overall == Tally("All mentors", taking=1, full=0, places=2,
                                                                        away=1)
    assert status(away, TODAY) == "away" and status(away, dt.date(2027, 3, 2)) == "taking"
    back = capacity_report(content(BASE, away), dt.date(2027, 3, 2))
    assert back.overall == Tally("All mentors", taking=2, full=0, places=4, away=0)
    assert [item.reason for item in back.attention] == [
        "away_until 2027-03-01 has passed: is the mentor back, and is the line still needed?"]


def test_bars_share_one_scale_so_the_largest_group_fills_the_plot():
    chart = bar_chart((Tally("A", 3, 1, 5), Tally("B", 0, 2, 0, away=2)))
    assert [(bar.taking_width, bar.full_width, bar.away_width, bar.away_x) for bar in chart.bars] == [
        (75.0, 25.0, 0.0, 100.0), (0.0, 50.0, 50.0, 50.0)]
    assert (chart.width, chart.any_away) == (PLOT_WIDTH, True)


def test_an_empty_chart_has_no_bars():
    chart = bar_chart(())
    assert (chart.bars, chart.any_away) == ((), False)
