"""The pipeline, top to bottom: load, verify, assemble, render HTML, render PDF, finish."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .archive import project_sources
from .assemble import assemble
from .citations import VerifiedCitations, verify_citations
from .html import render_html
from .load import check_project_folder, load_project
from .lock import build_lock
from .model import Project
from .progress import Progress
from .theme import load_theme

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


def check(root: Path, progress: Progress) -> Checked:
    """Validate content, seeds, catalogs and every citation, without rendering."""
    with progress.step("Loading content"):
        project = load_project(root)
    with progress.step(f"Verifying {len(project.citations())} citations"):
        citations = verify_citations(project)
    return Checked(project, citations)


def build(root: Path, progress: Progress, options: BuildOptions = BuildOptions()):  # noqa: ANN201
    """Compile the project into build/briefing.pdf and build/briefing.html, one build at a time."""
    check_project_folder(root)
    with build_lock(root / OUTPUT, progress):
        return _build(root, progress, options)


def _build(root: Path, progress: Progress, options: BuildOptions):  # noqa: ANN202 - finish.Outputs, imported lazily
    checked = check(root, progress)
    theme = load_theme(root)
    with progress.step("Assembling the briefing"):
        context = assemble(checked.project, checked.citations, theme)
    with progress.step("Rendering HTML"):
        html = render_html(context, root, theme)
    # WeasyPrint is imported only by the commands that render: it is slow to import.
    from .finish import finish
    from .pdf import render_pdf

    html_path, pdf_path = root / OUTPUT / HTML_NAME, root / OUTPUT / PDF_NAME
    archive = project_sources(checked.project) if options.archival else None
    with progress.step("Laying out the PDF"):
        rendered = render_pdf(html, root, html_path, theme, allow_network=options.allow_network,
                              archive=archive)
    with progress.step("Finishing and writing"):
        outputs = finish(rendered, html, pdf_path, html_path)
    for warning in rendered.warnings:
        progress.say(f"warning: {warning}")
    return outputs
