"""The briefing's citation style: footnotes and bibliography entries from CSL records.

Notes read: Author, “Title”, Container, Publisher, date, ¶N. Bibliography entries read:
Author. “Title.” Container. Publisher, date. Genre. URL. Anything the document does not
state itself (marked inferred in report/sources.yaml) is printed in square brackets, and
an inferred date as “[c. July 2022]”.
"""

from __future__ import annotations

from ..content.model import Name, Source


def name_text(name: Name) -> str:
    """A name as printed in running text: given name first."""
    return name.literal or " ".join(part for part in (name.given, name.family) if part)


def sort_name(name: Name) -> str:
    """A name as printed at the head of a bibliography entry: family name first."""
    if name.literal:
        return name.literal
    return ", ".join(part for part in (name.family, name.given) if part)


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _mark(source: Source, field: str, text: str) -> str:
    return f"[{text}]" if text and field in source.inferred else text


def _title(source: Source) -> str:
    # Quotation marks inside a quoted title turn to single ones, as in English usage.
    title = source.title.replace("“", "‘").replace("”", "’")
    return _mark(source, "title", title) if "title" in source.inferred else f"“{title}”"


def issued_text(source: Source) -> str:
    """The publication date, or '[c. July 2022]' where it is inferred, or 'n.d.'."""
    if source.issued is None:
        return "n.d."
    if "issued" in source.inferred:
        return f"[c. {source.issued.english()}]"
    return source.issued.english()


def _series(source: Source) -> str:
    series = " ".join(part for part in (source.collection_title, source.number and
                                        f"No. {source.number}") if part)
    return _mark(source, "collection-title", series)


def _authors(source: Source, *, inverted: bool) -> str:
    names = [sort_name(source.author[0])] if inverted and source.author else []
    names += [name_text(name) for name in source.author[len(names):]]
    return _mark(source, "author", join_names(names))


def note_text(source: Source, locator: str) -> str:
    """A footnote citing the source at the given ¶ locator."""
    parts = [
        _authors(source, inverted=False),
        _title(source),
        _mark(source, "container-title", source.container_title),
        _series(source),
        _mark(source, "publisher", source.publisher),
        issued_text(source),
        locator,
    ]
    return ", ".join(part for part in parts if part) + "."


def bibliography_text(source: Source) -> str:
    """The bibliography entry, without its URL (the template links it)."""
    authors = _authors(source, inverted=True)
    title = _title(source)
    title = title[:-1] + ".”" if title.endswith("”") else title + "."
    published = ", ".join(part for part in (
        _mark(source, "publisher", source.publisher), issued_text(source)) if part)
    parts = [
        authors and authors.rstrip(".") + ".",
        title,
        source.container_title and _mark(source, "container-title", source.container_title) + ".",
        _series(source) and _series(source) + ".",
        published + ".",
        source.genre and _mark(source, "genre", source.genre.capitalize()) + ".",
    ]
    return " ".join(part for part in parts if part)


def sort_key(source: Source) -> tuple[str, str]:
    """Bibliographies run by first author, then title; untitled works by title."""
    head = sort_name(source.author[0]) if source.author else source.title
    return head.strip("[]“”‘’\"'").casefold(), source.title.casefold()


def byline(source: Source) -> str:
    """One line under a source's heading: who, where, when, what kind."""
    parts = [
        _authors(source, inverted=False),
        _mark(source, "container-title", source.container_title),
        _series(source),
        _mark(source, "publisher", source.publisher),
        issued_text(source),
        _mark(source, "genre", source.genre),
    ]
    return " · ".join(part for part in parts if part)


def display_title(source: Source) -> str:
    """The title as a heading: plain, in brackets when the editor supplied it."""
    return _mark(source, "title", source.title)
