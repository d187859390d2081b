"""PDF stage: WeasyPrint lays out the HTML, reading only what the sandbox allows."""

from __future__ import annotations

import datetime
import gc
import hashlib
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from weasyprint import HTML, Attachment

from ..content.folders import TEMPLATES
from ..content.origins import ProjectText
from ..content.theme import Theme
from ..errors import Collector, Position, Problem, RenderError, shorten
from .archive import ArchivedFile
from .fetcher import NETWORK, ProjectFetcher
from .finish import RenderedPdf
from .fontadvice import font_problems
from .fonts import Fontconfig
from .glyphs import FaceFinder, Shortfall, Sighting, TextRun, shortfall, style_name
from .internals import (
    compressing_once,
    fontconfig_address,
    laid_out_text,
    painting_again,
    serializing_once,
    structure_tags,
    text_layer,
)
from .layout import Layouts, lay_out, recording
from .parts import unmarked
from .room import with_room
from .tagging import link_descriptions, missing_alternative_text, tags_finisher

PDF_VARIANT = "pdf/ua-1"
ARCHIVAL_VARIANT = "pdf/a-3b"


def render_pdf(html: str, root: Path, html_path: Path, theme: Theme, *,
               allow_network: bool = False, archive: list[ArchivedFile] | None = None,
               finisher: Callable | None = None, layouts: Layouts | None = None,
               setting: str = "") -> RenderedPdf:
    """Lay out the HTML as if it were the file html_path, check it, write the PDF in memory.

    With archive, the PDF is PDF/A-3b (still tagged) with those files embedded; finisher
    is called with the document and the PDF as WeasyPrint is about to write it. Parts
    laid out by earlier builds in layouts, for the same setting (what the build reads
    besides the content), are reused where they would be laid out the same.
    """
    # Layout and drawing recurse deeply: see room.py.
    return with_room(_render_pdf, html, root, html_path, theme, allow_network, archive,
                     finisher, layouts, setting)


def _render_pdf(html: str, root: Path, html_path: Path, theme: Theme, allow_network: bool,
                archive: list[ArchivedFile] | None, finisher: Callable | None,
                layouts: Layouts | None, setting: str) -> RenderedPdf:
    fetcher = ProjectFetcher(root, allow_network=allow_network)
    html_url = html_path.resolve().as_uri()
    problems = Collector()
    kept = layouts is not None and not allow_network
    layouts = layouts if kept else Layouts()
    variant = ARCHIVAL_VARIANT if archive is not None else PDF_VARIANT
    # The text layer corrects what WeasyPrint lays out and draws, so both run inside it.
    with _collecting_less(), text_layer():
        source = HTML(string=html, base_url=html_url, url_fetcher=fetcher)
        laid = lay_out(source, layouts, setting, pdf_tags=True)
        document = laid.document
        problems.extend(missing_alternative_text(source.etree_element, root, html_url))
        problems.extend(font_problems(shortfalls(document), theme, root))
        with recording() as warnings, structure_tags(laid.same), \
                compressing_once(layouts.compressed), serializing_once(), \
                painting_again(layouts.painted, (variant,)) if kept else nullcontext():
            data = document.write_pdf(
                pdf_variant=variant,
                pdf_tags=True, pdf_identifier=_identifier(html),
                attachments=_attachments(archive or [], document.metadata.created),
                finisher=tags_finisher(link_descriptions(source.etree_element), finisher))
    problems.extend(refusals(fetcher, root, html_url))
    if problems.problems:
        layouts.forget()  # Parts laid out with refused resources must be laid out again.
    problems.raise_if_any(RenderError)
    return RenderedPdf(data, len(document.pages), [*laid.warnings, *warnings])


def _identifier(html: str) -> bytes:
    """The PDF's permanent identifier: a digest of the HTML as written, the parts' marks
    (where layout may begin a part, not content) left out."""
    return hashlib.sha256(unmarked(html).encode()).digest()[:16]


def shortfalls(document) -> list[Shortfall]:  # noqa: ANN001 - weasyprint.Document
    """What each run of text lacks; runs lacking characters first."""
    # WeasyPrint's own FcConfig, so fonts from @font-face rules are found as it finds them.
    faces = FaceFinder(Fontconfig(fontconfig_address(document)))
    found = [lacking for run in _text_runs(document).values()
             if (lacking := shortfall(run, faces))]
    return sorted(found, key=lambda lacking: not lacking.missing)


def _text_runs(document) -> dict[tuple[tuple[str, ...], str], TextRun]:  # noqa: ANN001
    runs: dict[tuple[tuple[str, ...], str], TextRun] = {}
    for number, text, style in laid_out_text(document):
        key = (tuple(style["font_family"]), style["lang"] or "")
        run = runs.setdefault(key, TextRun(*key))
        run.styles.add(style_name(style["font_weight"], style["font_style"]))
        for char in set(text).difference(run.first):
            run.first[char] = Sighting(text, text.index(char), number)
    return runs


@contextmanager
def _collecting_less() -> Iterator[None]:
    """Run the garbage collector less often while WeasyPrint lays out and writes.

    Layout makes millions of short-lived objects and few reference cycles; a collection
    pass also walks everything the pipeline already holds (content, catalogs, CLDR data).
    Freezing those and raising the first threshold saved about 4% of a build. On leaving,
    what layout left in the young generations goes to the oldest uncollected: otherwise
    the next collection of the middle one, early in the next build of a watch process,
    walks the whole laid-out document (0.15 s of a 1.6 s rebuild). A long-lived process
    collects them when idle instead (gc.collect() after each build).
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, threshold[1], threshold[2])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.freeze()  # everything tracked, young generations included, then
        gc.unfreeze()  # all of it back into the oldest generation


def refusals(fetcher: ProjectFetcher, root: Path, html_url: str) -> list[Problem]:
    """A problem for each place in templates/ or report/ that refers to a refused URL."""
    problems = []
    text = ProjectText.read(root) if fetcher.refused else None
    for url in fetcher.refused:
        message, hint = _refusal_words(url, fetcher.allow_network)
        places = text.references_to(url, html_url) or [Position(TEMPLATES)]
        problems += [Problem(place, message, hint) for place in places]
    return problems


def _refusal_words(url: str, allow_network: bool) -> tuple[str, str]:
    scheme = url.split(":", 1)[0].lower()
    if scheme in NETWORK and not allow_network:
        return (f"the briefing would fetch {url} from the network",
                "Rendering reads nothing from the network: copy the file into the project "
                "and refer to it by a relative path (or, trusting every template and "
                "content file, build with --allow-network).")
    if scheme == "file":
        return (f"the briefing refers to {url}, which is outside the project folder",
                "Rendering reads only files inside the project: copy the file into it "
                "(templates/ for stylesheets, fonts and images).")
    return (f"the briefing refers to {shorten(url, 80)}, which reportgen does not fetch",
            "Only files inside the project and data: URLs can be used.")


def _attachments(files: list[ArchivedFile], created: str | None) -> list[Attachment]:
    # The edition date, not the files' times: the same inputs must give the same bytes.
    when = datetime.datetime.fromisoformat(created) if created else datetime.datetime(2000, 1, 1)
    return [Attachment(file_obj=io.BytesIO(item.data), name=item.name,
                       description=item.description, created=when, modified=when,
                       relationship="Source") for item in files]
