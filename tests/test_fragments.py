"""`fragment()`: a macro's Markup is reused from an earlier build only for an equal call, and runs otherwise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

from mentordir.content.config import SiteConfig
from mentordir.output.remember import load_memory, save_memory
from mentordir.site.fragments import FragmentCall, PageFragments
from mentordir.site.pages import SiteView
from mentordir.site.render import make_environment

MACROS = """\
{% macro shout(word, twice=false) %}{{ word|upper }}{% if twice %}{{ word|upper }}{% endif %}{% endmacro %}
{% macro show(value) %}[{{ value }}]{% endmacro %}
{% macro where() %}{{ site.page_path }}{% endmacro %}
{% macro peek() %}{{ page.title }}{% endmacro %}
"""


@pytest.fixture
def environment(tmp_path: Path) -> jinja2.Environment:
    """An environment whose theme adds `partials/test.html` with a few macros."""
    (tmp_path / "templates/partials").mkdir(parents=True)
    (tmp_path / "templates/partials/test.html").write_text(MACROS)
    return make_environment(tmp_path, SiteConfig(), {})


def site(page_path: str = "") -> SiteView:
    return SiteView(config=SiteConfig(), schemes=(), today=dt.date(2026, 11, 22), page_path=page_path)


def word_of(call: FragmentCall) -> object:
    """The one positional argument of a call."""
    _, _, (word,), _, _ = call
    return word


def calls_made(environment: jinja2.Environment, template: str, earlier: tuple = ()) -> tuple[str, PageFragments]:
    """What `template` renders with a PageFragments over `earlier`, and that PageFragments."""
    fragment = PageFragments(environment, site(), earlier)
    return environment.from_string(template).render(fragment=fragment), fragment


def test_a_call_runs_the_macro_with_its_arguments_and_is_kept_with_what_it_made(environment):
    text, fragment = calls_made(environment, '{{ fragment("partials/test.html", "shout", "hi", twice=true) }}')
    assert text == "HIHI"
    assert fragment.made() == ((("partials/test.html", "shout", ("hi",), (("twice", True),), ("str", "bool")), "HIHI"),)


def test_an_equal_call_takes_what_the_earlier_build_made_instead_of_running_the_macro(environment):
    _, before = calls_made(environment, '{{ fragment("partials/test.html", "shout", "hi") }}')
    (call, _), = before.made()
    text, _ = calls_made(environment, '{{ fragment("partials/test.html", "shout", "hi") }}', ((call, "kept"),))
    assert text == "kept"


def test_a_call_with_another_argument_runs_the_macro_again(environment):
    _, before = calls_made(environment, '{{ fragment("partials/test.html", "shout", "hi") }}')
    earlier = tuple((call, "kept") for call, _ in before.made())
    text, _ = calls_made(environment, '{{ fragment("partials/test.html", "shout", "ho") }}', earlier)
    assert text == "HO"
    text, _ = calls_made(environment, '{{ fragment("partials/test.html", "shout", "hi", twice=true) }}', earlier)
    assert text == "HIHI"


def test_true_and_one_are_different_calls_because_a_template_writes_them_differently(environment):
    _, before = calls_made(environment, '{{ fragment("partials/test.html", "show", true) }}')
    assert before.made()[0][1] == "[True]"
    text, _ = calls_made(environment, '{{ fragment("partials/test.html", "show", 1) }}', before.made())
    assert text == "[1]"


def test_calls_made_in_another_order_are_each_still_found(environment):
    words = ["alpha", "bravo", "charlie", "delta", "echo"]
    template = '{% for word in words %}{{ fragment("partials/test.html", "shout", word) }} {% endfor %}'
    before = PageFragments(environment, site(), ())
    environment.from_string(template).render(fragment=before, words=words)
    earlier = tuple((call, word_of(call)) for call, _ in before.made())  # lower case: only a reused call is
    again = PageFragments(environment, site(), earlier)
    text = environment.from_string(template).render(fragment=again, words=["echo", "alpha", "zulu", "delta", "bravo"])
    # The first call out of place is taken for an edited one and made again; from the second on,
    # every earlier call is looked up.
    assert text == "ECHO alpha ZULU delta bravo "


def test_a_call_with_a_value_that_cannot_be_kept_runs_every_time_and_is_not_kept(environment):
    text, fragment = calls_made(environment, '{{ fragment("partials/test.html", "show", [1, 2]) }}'
                                             '{{ fragment("partials/test.html", "show", (1, [2])) }}')
    assert text == "[[1, 2]][(1, [2])]"
    assert fragment.made() == ()


def test_a_macro_sees_site_with_the_pages_path_but_not_the_page(environment):
    fragment = PageFragments(environment, site("booklet/"), ())
    assert environment.from_string('{{ fragment("partials/test.html", "where") }}').render(fragment=fragment) \
        == "booklet/"
    with pytest.raises(jinja2.UndefinedError, match="'page' is undefined"):
        environment.from_string('{{ fragment("partials/test.html", "peek") }}').render(
            fragment=PageFragments(environment, site(), ()), page={"title": "A page"})


def test_a_macro_that_does_not_exist_is_named_with_its_template(environment):
    with pytest.raises(jinja2.TemplateRuntimeError,
                       match=r"fragment\('partials/test.html', 'whisper'\): partials/test.html has no macro whisper"):
        calls_made(environment, '{{ fragment("partials/test.html", "whisper", "hi") }}')


def test_kept_calls_come_back_from_the_build_cache_equal_and_still_found(environment, tmp_path):
    template = '{% for word in words %}{{ fragment("partials/test.html", "shout", word) }} {% endfor %}'
    before = PageFragments(environment, site(), ())
    environment.from_string(template).render(fragment=before, words=["alpha", "bravo", "charlie"])
    save_memory(tmp_path, b"key", before.made(), b"s" * 32)
    loaded = load_memory(tmp_path, b"key", b"s" * 32)
    assert loaded == before.made()
    earlier = tuple((call, word_of(call)) for call, _ in loaded)
    again = PageFragments(environment, site(), earlier)
    # Out of order, so that the last two are looked up by their hash.
    text = environment.from_string(template).render(fragment=again, words=["charlie", "alpha", "bravo"])
    assert text == "CHARLIE alpha bravo "
