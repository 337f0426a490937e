"""How problems are worded for people and for GitHub annotations."""

from __future__ import annotations

from mentordir.model.problems import Problem, Severity, did_you_mean, shown


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


def test_control_characters_from_content_are_shown_as_escapes_in_text():
    problem = Problem("content/mentors/\x1b[2J.md", 3, "na\u202eme", 'the name "\x1b[1A\rNo problems" is odd',
                      "remove the \x07 character")
    assert problem.as_text() == ('content/mentors/\\x1b[2J.md:3: na\\u202eme: the name "\\x1b[1A\\x0dNo problems" '
                                 "is odd - remove the \\x07 character")
    assert "\x1b" not in problem.as_text() and "\r" not in problem.as_text()


def test_control_characters_from_content_are_shown_as_escapes_in_annotations():
    problem = Problem("content/mentors/a\x1b.md", 2, "fi\x9beld", "value \x1b]0;title\x07 and a\nnewline", "fix it")
    assert problem.as_github() == ("::error file=content/mentors/a\\x1b.md,line=2,title=fi\\x9beld::"
                                   "value \\x1b]0;title\\x07 and a%0Anewline - fix it")


def test_shown_keeps_letters_accents_and_emoji_and_escapes_invisible_characters():
    assert shown("Zoë Núñez 🙂") == "Zoë Núñez 🙂"
    assert shown("a\u200bb\u2028c\U000e0041\udc80") == "a\\u200bb\\u2028c\\U000e0041\\udc80"
