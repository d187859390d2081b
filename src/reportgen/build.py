"""The pipeline, top to bottom: load, verify, assemble, render HTML, render PDF, finish."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import finish_replacement
from .content.folders import OUTPUT
from .errors import CitationError, Collector, Problem
from .forked import Forked
from .incremental import cache
from .incremental.lock import build_lock
from .progress import Progress

if TYPE_CHECKING:
    from .content.model import Project
    from .content.theme import Theme
    from .render.archive import ArchivedFile
    from .render.finish import Outputs, RenderedPdf
    from .render.layout import Layouts
    from .verify.citations import VerifiedCitations

LOAD, VERIFY, PREFLIGHT = ("Loading content", "Verifying {} citations",
                           "Checking templates, fonts and glyphs")
LAYOUT, FINISH = "Laying out the PDF", "Finishing and writing"
CHECK_STEPS = (LOAD, VERIFY, PREFLIGHT)
BUILD_STEPS = (*CHECK_STEPS, LAYOUT, FINISH)


@dataclass
class Checked:
    """A project checked as far as a build can be before layout: its HTML is ready."""

    project: Project
    theme: Theme
    citations: VerifiedCitations
    html: str
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class BuildOptions:
    """What the command line may change about a build."""

    allow_network: bool = False  # fetch http(s) resources the templates or content name
    archival: bool = False  # PDF/A-3b with the project's sources embedded


def _as_written(project: Project) -> Project:
    return project


@dataclass(frozen=True)
class Variant:
    """A form of the briefing: the name of its outputs, and how its content differs."""

    name: str
    adapt: Callable[[Project], Project] = _as_written


BRIEFING = Variant("briefing")


def load(root: Path, with_catalogs: bool = True) -> Project:
    """Read and validate the project, its content read by the briefing's sections."""
    # The stages are imported when they run, so that an up-to-date build, which only
    # hashes its inputs, starts without loading YAML, Babel, Jinja2 or WeasyPrint.
    from .content.load import load_project
    from .sections.registry import REGISTRY

    return load_project(root, REGISTRY, with_catalogs)


def check(root: Path, progress: Progress, strict: bool = False,
          variant: Variant = BRIEFING) -> Checked:
    """Check all a build can fail on before layout, every problem of the run at once.

    The content, seeds, catalogs and theme; every citation; the templates, the fonts
    and that they have every character printed. Fuzzy and missing translations are
    warnings, or errors when strict.
    """
    from .content.catalogs import stale_translations, untranslated_words
    from .content.seeds import changed_documents
    from .render.preflight import check_content, check_rendering
    from .verify.citations import verify_citations

    problems = Collector()
    with progress.step(LOAD):
        project, theme = check_content(root, load, problems)
    with progress.step(VERIFY, len(project.citations())):
        citations = None
        try:
            citations = verify_citations(project)
        except CitationError as error:
            problems.extend(error.problems)
    with progress.step(PREFLIGHT):
        project = variant.adapt(project)
        html = check_rendering(project, theme, citations, problems)
    stale = stale_translations(project)
    if strict:
        problems.extend(stale)
    problems.raise_if_any()
    return Checked(project, theme, citations, html,
                   [*changed_documents(project.sources, project.seeds),
                    *untranslated_words(project), *([] if strict else stale)])


@dataclass
class Built:
    """The outcome of a build: the outputs, whether they had to be made, what was loaded."""

    pdf: Path
    html: Path
    pages: int
    up_to_date: bool = False
    project: Project | None = None  # None when nothing had to be built


def build(root: Path, progress: Progress, options: BuildOptions = BuildOptions(),
          variant: Variant = BRIEFING, inputs: cache.Inputs | None = None,
          layouts: Layouts | None = None, renderer: Forked | None = None) -> Built:
    """Compile the project into build/NAME.pdf and build/NAME.html, one build at a time.

    With inputs, the build's record is written with the outputs, for the next build to
    find them up to date; with layouts too, the parts of the briefing laid out by the
    builds before it in this process are reused where an edit left them as they were.
    With a renderer (see forked_renderer()), the forked copy renders instead of this process.
    """
    from .content.load import check_project_folder

    check_project_folder(root)
    with build_lock(root / OUTPUT, progress):
        finish_replacement(root / OUTPUT)
        return _build(root, progress, options, variant, inputs, layouts, renderer)


def forked_renderer(root: Path, progress: Progress, options: BuildOptions = BuildOptions(),
                    variant: Variant = BRIEFING) -> Forked:
    """A forked copy of this process that imports the renderer at once, then renders
    what the build sends it: a one-off build checks the content (and hashes its inputs)
    meanwhile. Cancel it if it is not used."""
    return Forked(_import_renderer, partial(_render, root, progress, options, variant, None, ""))


def _build(root: Path, progress: Progress, options: BuildOptions, variant: Variant,
           inputs: cache.Inputs | None, layouts: Layouts | None,
           renderer: Forked | None) -> Built:
    from .render.archive import project_sources

    checked = check(root, progress, variant=variant)
    archive = project_sources(checked.project) if options.archival else None
    if renderer is not None:
        renderer.start(checked.html, checked.theme, archive)
        inputs = _with_fonts(inputs, root)  # while the copy renders
        rendered = renderer.result()
    else:
        _import_renderer()
        inputs = _with_fonts(inputs, root)
        rendered = _render(root, progress, options, variant,
                           layouts if inputs is not None else None,
                           inputs.setting() if inputs is not None else "",
                           checked.html, checked.theme, archive)
    outputs = _write(root, progress, variant, inputs, rendered, checked.html)
    for warning in [*checked.warnings, *rendered.warnings]:
        progress.say(f"warning: {warning}")
    return Built(outputs.pdf, outputs.html, outputs.pages, project=checked.project)


def _with_fonts(inputs: cache.Inputs | None, root: Path) -> cache.Inputs | None:
    return None if inputs is None else cache.with_fonts(inputs, root)


def _import_renderer() -> None:
    """Import WeasyPrint and the stages that use it: only the commands that render do."""
    from .render.libraries import import_weasyprint

    import_weasyprint()
    from .render import finish, pdf  # noqa: F401


def _render(root: Path, progress: Progress, options: BuildOptions, variant: Variant,
            layouts: Layouts | None, setting: str, html: str, theme: Theme,
            archive: list[ArchivedFile] | None) -> RenderedPdf:
    """Lay out and write the checked HTML into a PDF (in memory), with WeasyPrint's warnings."""
    from .render.finish import complete_catalog
    from .render.pdf import render_pdf

    with progress.step(LAYOUT):
        return render_pdf(html, root, _html_path(root, variant), theme,
                          allow_network=options.allow_network, archive=archive,
                          finisher=complete_catalog, layouts=layouts, setting=setting)


def _write(root: Path, progress: Progress, variant: Variant, inputs: cache.Inputs | None,
           rendered: RenderedPdf, html: str) -> Outputs:
    """Write the PDF, the HTML and the build's record, all or none."""
    from .render.finish import finish

    html_path = _html_path(root, variant)
    pdf_path = html_path.with_suffix(".pdf")
    with progress.step(FINISH):
        record = {} if inputs is None else dict([cache.record_file(
            root / OUTPUT, variant.name, inputs,
            {pdf_path.name: rendered.data, html_path.name: html.encode("utf-8")},
            rendered.page_count)])
        return finish(rendered, html, pdf_path, html_path, also=record)


def _html_path(root: Path, variant: Variant) -> Path:
    return root / OUTPUT / f"{variant.name}.html"


def build_if_changed(root: Path, progress: Progress, options: BuildOptions = BuildOptions(),
                     variant: Variant = BRIEFING, layouts: Layouts | None = None,
                     overlap: bool = False) -> Built:
    """Build unless nothing the build reads has changed since the last successful build
    (reusing, with layouts, the parts laid out by earlier builds in this process; with
    overlap, rendering in a forked copy that imports the renderer while this process
    hashes and checks: for a one-off build)."""
    one_off = overlap and layouts is None
    forked = forked_renderer(root, progress, options, variant) if one_off else None
    try:
        output = root / OUTPUT
        record = cache.read_record(output, variant.name)
        # Hashed before building: an edit made while the build runs makes the next rebuild.
        inputs = cache.current_inputs(root, asdict(options), record)
        # Resources fetched over the network are not hashed: never up to date.
        if record and not options.allow_network and cache.is_up_to_date(record, inputs,
                                                                         output):
            return Built(output / f"{variant.name}.pdf", output / f"{variant.name}.html",
                         record.pages, up_to_date=True)
        changes = inputs.changes_since(record.inputs) if record else []
        if changes:
            progress.say(f"Changed since the last build: {', '.join(changes)}")
        return build(root, progress, options, variant, inputs, layouts, forked)
    finally:
        if forked is not None:
            forked.cancel()  # unused (up to date, an error): stopped; once it answered: nothing
