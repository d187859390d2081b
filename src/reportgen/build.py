"""The pipeline, top to bottom: load, verify, assemble, render HTML, render PDF, finish."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache
from .lock import build_lock
from .progress import Progress

if TYPE_CHECKING:
    from .citations import VerifiedCitations
    from .model import Project

OUTPUT = Path("build")
PDF_NAME = "briefing.pdf"
HTML_NAME = "briefing.html"
CHECK_STEPS = 2
BUILD_STEPS = 6


@dataclass
class Checked:
    """A project whose content and citations have been verified."""

    project: Project
    citations: VerifiedCitations


@dataclass(frozen=True)
class BuildOptions:
    """What the command line may change about a build."""

    allow_network: bool = False  # fetch http(s) resources the templates or content name
    archival: bool = False  # PDF/A-3b with the project's sources embedded
    first_insert: str = ""  # a language whose insert comes first, for recipients preferring it


def check(root: Path, progress: Progress) -> Checked:
    """Validate content, seeds, catalogs and every citation, without rendering."""
    # The stages are imported when they run, so that an up-to-date build, which only
    # hashes its inputs, starts without loading YAML, Babel, Jinja2 or WeasyPrint.
    from .citations import verify_citations
    from .load import load_project

    with progress.step("Loading content"):
        project = load_project(root)
    with progress.step(f"Verifying {len(project.citations())} citations"):
        citations = verify_citations(project)
    return Checked(project, citations)


def build(root: Path, progress: Progress, options: BuildOptions = BuildOptions()):  # noqa: ANN201
    """Compile the project into build/briefing.pdf and build/briefing.html, one build at a time.

    With options.first_insert, the build is the variant with that language's insert first,
    for the recipients who prefer it: build/briefing-LANG-first.pdf and .html.
    """
    from .load import check_project_folder

    check_project_folder(root)
    with build_lock(root / OUTPUT, progress):
        return _build(root, progress, options)


def _build(root: Path, progress: Progress, options: BuildOptions):  # noqa: ANN202 - finish.Outputs, imported lazily
    from .archive import project_sources
    from .assemble import assemble
    from .html import render_html
    from .theme import load_theme

    checked = check(root, progress)
    project = with_insert_first(checked.project, options.first_insert)
    theme = load_theme(root)
    with progress.step("Assembling the briefing"):
        context = assemble(project, checked.citations, theme)
    with progress.step("Rendering HTML"):
        html = render_html(context, root, theme)
    # WeasyPrint is imported only by the commands that render: it is slow to import.
    from .finish import complete_catalog, finish
    from .pdf import render_pdf

    stem = output_stem(options.first_insert)
    html_path, pdf_path = root / OUTPUT / f"{stem}.html", root / OUTPUT / f"{stem}.pdf"
    archive = project_sources(checked.project) if options.archival else None
    with progress.step("Laying out the PDF"):
        rendered = render_pdf(html, root, html_path, theme, allow_network=options.allow_network,
                              archive=archive, finisher=complete_catalog)
    with progress.step("Finishing and writing"):
        outputs = finish(rendered, html, pdf_path, html_path)
    for warning in rendered.warnings:
        progress.say(f"warning: {warning}")
    return outputs


def output_stem(first_insert: str = "") -> str:
    """The name of a build's outputs: 'briefing', or 'briefing-th-first' for a variant."""
    return f"briefing-{first_insert}-first" if first_insert else PDF_NAME.removesuffix(".pdf")


def with_insert_first(project: Project, language: str) -> Project:
    """The project with the insert in `language` moved before the others."""
    if not language:
        return project
    ordered = sorted(project.catalogs, key=lambda catalog: catalog.language != language)
    return replace(project, catalogs=ordered)


@dataclass
class Built:
    """The outcome of an incremental build: the outputs, and whether they had to be made."""

    pdf: Path
    html: Path
    pages: int
    up_to_date: bool
    changes: list[str] = field(default_factory=list)


def build_if_changed(root: Path, progress: Progress, options: BuildOptions = BuildOptions()
                     ) -> Built:
    """Build unless nothing the build reads has changed since the last successful build."""
    output, stem = root / OUTPUT, output_stem(options.first_insert)
    record = cache.read_record(output, stem)
    # Hashed before building: an edit made while the build runs makes the next one rebuild.
    inputs = cache.current_inputs(root, asdict(options), record)
    # Resources fetched over the network are not hashed: such a build is never up to date.
    if record and not options.allow_network and cache.is_up_to_date(record, inputs, output):
        return Built(output / f"{stem}.pdf", output / f"{stem}.html", record.pages,
                     up_to_date=True)
    changes = inputs.changes_since(record.inputs) if record else []
    if changes:
        progress.say(f"Changed since the last build: {', '.join(changes)}")
    outputs = build(root, progress, options)
    cache.save_record(output, stem, inputs, [outputs.pdf, outputs.html], outputs.pages)
    return Built(outputs.pdf, outputs.html, outputs.pages, up_to_date=False, changes=changes)
