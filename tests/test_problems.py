"""How problems are worded for people and for GitHub annotations."""

from __future__ import annotations

from mentordir.model.problems import Problem, Severity, did_you_mean


def test_a_problem_reads_file_line_field_message_and_fix():
    problem = Problem("content/mentors/a.md", 4, "grade", '"ST9" is not a grade', "use ST8")
    assert problem.as_text() == 'content/mentors/a.md:4: grade: "ST9" is not a grade - use ST8'


def test_a_warning_says_so():
    problem = Problem("content/mentors/a.md", None, None, "is odd", "look", Severity.WARNING)
    assert problem.as_text() == "content/mentors/a.md: warning: is odd - look"


def test_github_annotations_escape_what_would_end_the_command():
    problem = Problem("content/a,b.md", 3, "contact.email", "100% wrong\nreally", "fix: it")
    assert problem.as_github() == \
        "::error file=content/a%2Cb.md,line=3,title=contact.email::100%25 wrong%0Areally - fix: it"


def test_did_you_mean_suggests_a_close_choice_only():
    assert did_you_mean("capcity", ["capacity", "mentees"]) == ' (did you mean "capacity"?)'
    assert did_you_mean("zzz", ["capacity"]) == ""
