"""The sandbox: hostile references in templates or content fetch nothing and are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint.urls import URLFetcher

from reportgen import build
from reportgen.build import load as load_project
from reportgen.content.theme import load_theme
from reportgen.errors import ContentError, RenderError
from reportgen.progress import Progress
from reportgen.render.assemble import assemble
from reportgen.render.html import render_html
from reportgen.verify.citations import verify_citations

from .conftest import own_copy

QUIET = Progress(build.BUILD_STEPS, None)


@pytest.fixture
def opened(monkeypatch):
    """Every URL the renderer really opens: WeasyPrint's own fetcher, recorded."""
    urls: list[str] = []
    fetch = URLFetcher.fetch

    def recording(self, url, headers=None):
        urls.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", recording)
    return urls


def add_lines(root: Path, name: str, text: str, first: bool = False) -> None:
    path = own_copy(root, name)
    old = path.read_text(encoding="utf-8")
    path.write_text(text + old if first else old + text, encoding="utf-8")


def hostile_templates(root: Path, remote: str) -> None:
    add_lines(root, "templates/page.css", f'@import url("{remote}/remote.css");\n', first=True)
    add_lines(root, "templates/type.css",
              f"\nbody {{ background-image: url({remote}/background.png) }}\n"
              f"@font-face {{ font-family: Remote; src: url({remote}/font.woff2) }}\n")
    add_lines(root, "templates/cover.html.j2",
              '<img src="file:///etc/passwd" alt="x">\n'
              '<img src="../../../../../../../../etc/hostname" alt="y">\n')


def test_hostile_templates_fetch_nothing_and_each_refusal_names_its_line(make_project, server,
                                                                         opened):
    root = make_project()
    hostile_templates(root, server.url)
    css_lines = len(own_copy(root, "templates/type.css").read_text().splitlines())
    with pytest.raises(RenderError) as caught:
        build.build(root, QUIET)
    assert server.hits == []
    assert all(url.startswith(("data:", (root.resolve().as_uri() + "/"))) for url in opened)
    assert [str(problem).splitlines()[0] for problem in caught.value.problems] == [
        "templates/cover.html.j2:8:11: the briefing refers to file:///etc/passwd, which is "
        "outside the project folder",
        "templates/cover.html.j2:9:11: the briefing refers to file:///etc/hostname, which is "
        "outside the project folder",
        f"templates/page.css:1:14: the briefing would fetch {server.url}/remote.css from the "
        "network",
        f"templates/type.css:{css_lines - 1}:30: the briefing would fetch "
        f"{server.url}/background.png from the network",
        f"templates/type.css:{css_lines}:44: the briefing would fetch {server.url}/font.woff2 "
        "from the network",
    ]
    assert caught.value.problems[2].hint == (
        "Rendering reads nothing from the network: copy the file into the project and refer "
        "to it by a relative path (or, trusting every template and content file, build with "
        "--allow-network).")
    assert not (root / "build/briefing.pdf").exists()


def test_allow_network_fetches_over_http_but_still_no_file_outside(make_project, server):
    root = make_project()
    hostile_templates(root, server.url)
    with pytest.raises(RenderError) as caught:
        build.build(root, QUIET, build.BuildOptions(allow_network=True))
    assert "/remote.css" in server.hits and "/font.woff2" in server.hits
    assert [problem.message for problem in caught.value.problems] == [
        "the briefing refers to file:///etc/passwd, which is outside the project folder",
        "the briefing refers to file:///etc/hostname, which is outside the project folder"]


def test_a_content_value_used_as_an_image_is_traced_to_its_yaml_line(make_project, server):
    # Content reaches a fetching attribute only where a template puts it there, as a
    # figure's file would; the refusal then names the YAML line.
    root = make_project({"report/sources.yaml": f"""\
        sources:
          - id: gazette
            file: gazette.txt
            title: River flood closes the old bridge
            URL: {server.url}/bridge.png
        """})
    add_lines(root, "templates/bibliography.html.j2",
              '{% for entry in section.entries %}<img src="{{ entry.url }}" alt="map">{% endfor %}\n')
    with pytest.raises(RenderError) as caught:
        build.build(root, QUIET)
    assert server.hits == []
    assert [str(problem).splitlines()[0] for problem in caught.value.problems] == [
        f"report/sources.yaml:5:10: the briefing would fetch {server.url}/bridge.png from "
        "the network"]


HOSTILE = '<img src="file:///etc/passwd"><script>alert(1)</script>'


def test_markup_in_content_is_refused_before_anything_is_fetched(make_project, server, opened):
    remote = f'<link rel="stylesheet" href="{server.url}/x.css">'
    root = make_project({"report/summaries.yaml": f"""\
        summaries:
          - source: gazette
            points:
              - text: >-
                  The council closed the bridge {HOSTILE} {remote}
                cite:
                  - source: gazette
                    quote: the council closed the old bridge
        """})
    with pytest.raises(ContentError) as caught:
        build.build(root, Progress(build.BUILD_STEPS, None))
    assert server.hits == [] and opened == []
    assert str(caught.value) == (
        "report/summaries.yaml:5:41: 'text' holds HTML markup (<img src=\"file:///etc/passwd\">): "
        "content is plain text\n"
        "    Remove the markup and write only what readers should see; the briefing never "
        "interprets, fetches or runs anything written in content.")
    assert not (root / "build" / "briefing.pdf").exists()


def test_content_text_is_always_escaped_in_the_html(make_project):
    root = make_project()
    project = load_project(root)
    project.section("summary").summary[0].text = f"The bridge {HOSTILE}"
    theme = load_theme(root)
    html = render_html(assemble(project, verify_citations(project), theme), root, theme,
                       project.messages)
    assert "The bridge &lt;img src=&#34;file:///etc/passwd&#34;&gt;&lt;script&gt;alert(1)" in html
    assert "<script>" not in html and '<img src="file:///etc/passwd">' not in html


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "ftp://x.org/a"])
def test_links_must_be_web_addresses(make_project, url):
    root = make_project({"report/sources.yaml": f"""\
        sources:
          - id: gazette
            file: gazette.txt
            title: River flood closes the old bridge
            URL: "{url}"
        """})
    with pytest.raises(Exception) as caught:
        build.check(root, QUIET)
    assert str(caught.value) == (
        f"report/sources.yaml:2:5: the link {url} is not a web address\n"
        "    Links in the briefing must start with https:// or http://.")


def test_what_the_fetcher_allows(tmp_path):
    from reportgen.render.fetcher import ProjectFetcher

    root = tmp_path / "project"
    (root / "templates").mkdir(parents=True)
    (root / "templates/escape.png").symlink_to("/etc/passwd")
    inside = (root / "templates/logo.png").as_uri()
    sandbox, networked = ProjectFetcher(root), ProjectFetcher(root, allow_network=True)
    assert sandbox.allows("data:image/png;base64,AAAA")
    assert sandbox.allows(inside) and sandbox.allows(inside.replace("file://", "FILE://"))
    for url in ["file:///etc/passwd", (root / "templates/escape.png").as_uri(),
                inside.replace("/templates/", "/templates/../../"), "file://server/share/x.png",
                "https://example.org/x.png", "ftp://example.org/x.png", "gopher://x/"]:
        assert not sandbox.allows(url), url
    assert networked.allows("https://example.org/x.png")
    assert not networked.allows("file:///etc/passwd") and not networked.allows("ftp://x/y")
