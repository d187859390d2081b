"""The briefing's citation style: footnotes and bibliography entries from CSL records.

A source's first note reads: Author, “Title”, Container, Publisher, date, ¶N (p. 12 for a
PDF, by its printed page numbers); later ones are short: Author, “Short title”, ¶N.
Bibliography entries read:
Author. “Title.” Container. Publisher, date. Genre. URL. Anything the document does not
state itself (marked inferred in report/sources.yaml) is printed in square brackets, and
an inferred date as “[c. July 2022]”. Quotation marks, dates, the joining of names and
the few words of the style ("n.d.", "No.", "c.") follow the briefing's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..content.messages import COMMA, N_, Messages
from ..content.model import Name, Source
from ..documents.pdfclean import Page
from ..verify.citations import Locator
from ..verify.places import repeated_labels

# TRANSLATORS: a locator of one page of a PDF source, by its printed number.
ONE_PAGE = N_("p. %(page)s")
# TRANSLATORS: a locator of several pages, listed: “pp. 12–13”, “pp. 3, 6”.
PAGES = N_("pp. %(pages)s")
# TRANSLATORS: a range of pages, from the first to the last.
PAGE_RANGE = N_("%(first)s–%(last)s")
# TRANSLATORS: printed page numbers that several pages share, completed by the pages'
# positions in the PDF file: “p. 2 (PDF p. 45)”.
PDF_POSITION = N_("%(printed)s (PDF %(position)s)")


def name_text(name: Name) -> str:
    """A name as printed in running text: given name first."""
    return name.literal or " ".join(part for part in (name.given, name.family) if part)


def sort_name(name: Name) -> str:
    """A name as printed at the head of a bibliography entry: family name first."""
    if name.literal:
        return name.literal
    return ", ".join(part for part in (name.family, name.given) if part)


def _mark(source: Source, field: str, text: str) -> str:
    return f"[{text}]" if text and field in source.inferred else text


def _title(source: Source, messages: Messages, sentence: bool = False) -> str:
    """The title quoted, or bracketed where inferred; as a sentence, ending with a full stop."""
    inner = source.title.replace("“", "‘").replace("”", "’")
    if "title" in source.inferred:
        return f"[{inner}]." if sentence else f"[{inner}]"
    if sentence:
        return messages.gettext("“%(text)s.”", text=inner)
    return messages.quoted(source.title)


def issued_text(source: Source, messages: Messages) -> str:
    """The publication date, or '[c. July 2022]' where it is inferred, or 'n.d.'."""
    if source.issued is None:
        return messages.gettext("n.d.")
    if "issued" in source.inferred:
        return f"[{messages.gettext('c. %(date)s', date=messages.date(source.issued))}]"
    return messages.date(source.issued)


def _series(source: Source, messages: Messages) -> str:
    number = source.number and messages.gettext("No. %(number)s", number=source.number)
    series = " ".join(part for part in (source.collection_title, number) if part)
    return _mark(source, "collection-title", series)


def _authors(source: Source, messages: Messages, *, inverted: bool) -> str:
    names = [sort_name(source.author[0])] if inverted and source.author else []
    names += [name_text(name) for name in source.author[len(names):]]
    return _mark(source, "author", messages.names(names))


def locator_text(locator: Locator, messages: Messages) -> str:
    """'¶3, ¶6' for a document in paragraphs; 'p. 12', 'pp. 12–13' or 'pp. 3, 6' for a PDF."""
    if not locator.pages:
        return str(locator)
    spans = [(locator.pages[first - 1], locator.pages[last - 1])
             for first, last in locator.places]
    printed = _pages(spans, lambda page: page.label, messages)
    if not repeated_labels(locator.pages) & {page.label for span in spans for page in span}:
        return printed
    return messages.gettext(PDF_POSITION, printed=printed, position=_pages(
        spans, lambda page: str(page.number), messages))


def _pages(spans: list[tuple[Page, Page]], name: Callable[[Page], str],
           messages: Messages) -> str:
    ranges = [name(first) if first is last else
              messages.gettext(PAGE_RANGE, first=name(first), last=name(last))
              for first, last in spans]
    if len(spans) == 1 and spans[0][0] is spans[0][1]:
        return messages.gettext(ONE_PAGE, page=ranges[0])
    return messages.gettext(PAGES, pages=messages.gettext(COMMA).join(ranges))


def note_text(source: Source, locator: str, messages: Messages) -> str:
    """A footnote citing the source at the given locator."""
    parts = [
        _authors(source, messages, inverted=False),
        _title(source, messages),
        _mark(source, "container-title", source.container_title),
        _series(source, messages),
        _mark(source, "publisher", source.publisher),
        issued_text(source, messages),
        locator,
    ]
    return messages.parts(parts) + "."


def short_note_text(source: Source, locator: str, messages: Messages) -> str:
    """A later note citing a source already cited: author, short title, locator.

    As in the Chicago notes-and-bibliography style, the short title is the title up to its
    first colon; one of more than six words is cut to its first four.
    """
    authors = [name_text(name) for name in source.author]
    author = _mark(source, "author", messages.names(authors[:1] if len(authors) > 3 else
                                                     authors))
    title = re.split(r"[:?!.]\s", source.title, maxsplit=1)[0].strip("“”‘’\"' ")
    words = title.split()
    short = " ".join(words) if len(words) <= 6 else " ".join(words[:4]) + "…"
    shown = f"[{short}]" if "title" in source.inferred else messages.quoted(short)
    return messages.parts([author, shown, locator]) + "."


def bibliography_text(source: Source, messages: Messages) -> str:
    """The bibliography entry, without its URL (the template links it)."""
    authors = _authors(source, messages, inverted=True)
    title = _title(source, messages, sentence=True)
    published = messages.parts([_mark(source, "publisher", source.publisher),
                                issued_text(source, messages)])
    series = _series(source, messages)
    parts = [
        authors and authors.rstrip(".") + ".",
        title,
        source.container_title and _mark(source, "container-title", source.container_title) + ".",
        series and series + ".",
        published + ".",
        source.genre and _mark(source, "genre", source.genre[:1].upper() + source.genre[1:]) + ".",
    ]
    return " ".join(part for part in parts if part)


def sort_key(source: Source) -> tuple[str, str]:
    """Bibliographies run by first author, then title; untitled works by title."""
    head = sort_name(source.author[0]) if source.author else source.title
    return head.strip("[]“”‘’\"'«»").casefold(), source.title.casefold()


def byline(source: Source, messages: Messages) -> str:
    """One line under a source's heading: who, where, when, what kind."""
    parts = [
        _authors(source, messages, inverted=False),
        _mark(source, "container-title", source.container_title),
        _series(source, messages),
        _mark(source, "publisher", source.publisher),
        issued_text(source, messages),
        _mark(source, "genre", source.genre),
    ]
    return " · ".join(part for part in parts if part)


def display_title(source: Source) -> str:
    """The title as a heading: plain, in brackets when the editor supplied it."""
    return _mark(source, "title", source.title)
