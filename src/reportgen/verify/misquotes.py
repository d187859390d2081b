"""What is wrong with a quote that cannot be located, in an editor's words."""

from __future__ import annotations

from ..content.model import Quote
from ..errors import Problem, describe_character, shorten
from .normalise import invisible_characters, normalise, without_invisible
from .words import says_enough

_COPY_EXACTLY = ("Copy the words exactly; only line breaks, spaces and the style of quote "
                 "marks may differ.")


def insubstantial(quote: Quote, source_id: str) -> Problem | None:
    """The problem of a quote too short to check (or blank), or None if it says enough."""
    wanted = normalise(quote.text)
    visible = without_invisible(wanted).strip()
    if not visible:
        hidden = _invisibles_named(wanted)
        what = f"holds only {hidden}" if hidden else "is blank"
        return Problem(quote.position,
                       f"the quote {what}: there are no words to find in source '{source_id}'",
                       "Copy the words of the source that support the statement.")
    if says_enough(visible):
        return None
    return Problem(
        quote.position,
        f"the quote “{shorten(visible, 40)}” is too short to check against source "
        f"'{source_id}'",
        "So few words could be found by chance: quote at least 3 words (in Thai, Burmese and "
        "other scripts written without spaces, 15 letters; in Chinese, 5 characters). To cite "
        "a single word, a figure or an address, quote the phrase around it: “the river rose "
        "two metres”, not “two metres”.")


def ambiguous(quote: Quote, source_id: str, found: list[str], example: str) -> Problem:
    """The problem of a quote that stands in more than one place (found: '¶3', 'p. 12'…)."""
    times = "twice" if len(found) == 2 else f"{len(found)} times"
    unit = example.split(":")[0]
    return Problem(
        quote.position,
        f"the quote is in source '{source_id}' {times} ({', '.join(found)}): {_shown(quote)}",
        "Say which one the footnote cites: quote more of the words around it, until they "
        f"stand in one place only, or give its {unit}, writing the quote as 'text: …' with "
        f"'{example}' on the line below.")


def not_in_place(quote: Quote, source_id: str, given: str, found: list[str]) -> Problem:
    """The problem of a quote that is not in the paragraph (or on the page) the editor gives."""
    on, unit = ("in", "paragraph") if given.startswith("¶") else ("on", "page")
    return Problem(
        quote.position,
        f"the quote is not {on} {given} of source '{source_id}', but {on} {', '.join(found)}: "
        f"{_shown(quote)}",
        f"Correct '{unit}' to the {unit} the footnote should cite.")


def wrong_locator(quote: Quote, source_id: str, given: str, wanted: str) -> Problem:
    """The problem of a 'page' given for a source in paragraphs, or the other way round."""
    kind = "a PDF, located by its printed pages" if wanted == "page" else (
        "divided in paragraphs, not printed pages")
    return Problem(quote.position,
                   f"the quote gives a {given}, but source '{source_id}' is {kind}",
                   f"Write '{wanted}: …' in place of '{given}: …'.")


def no_such_page(quote: Quote, source_id: str, labels: list[str]) -> Problem:
    """The problem of a 'page' that no page of the PDF is labelled with."""
    shown = ", ".join(labels) if len(labels) <= 8 else (
        f"{', '.join(labels[:4])} … {', '.join(labels[-2:])}")
    return Problem(quote.position, f"source '{source_id}' has no page '{quote.page}'",
                   f"Give the page as it is printed on it; its pages are: {shown}.")


def in_another_source(quote: Quote, source_id: str, other: str) -> Problem:
    """The problem of a quote found in another source than the one named."""
    return Problem(quote.position, f"the quote is not in source '{source_id}': {_shown(quote)}",
                   f"These words are in source '{other}': did you mean 'source: {other}'?")


def in_running_line(quote: Quote, source_id: str, seed: str, line: str) -> Problem:
    """The problem of a quote from a PDF's running head or foot, left out of its text."""
    return Problem(
        quote.position,
        f"the quote is not in source '{source_id}': {_shown(quote)} is in a running head or "
        f"foot of {seed} (“{shorten(line, 70)}”), which is not part of its text",
        "A line repeated at the top or bottom of the pages is left out, with the page "
        "numbers: quote the words of the page itself.")


def not_in_source(quote: Quote, source_id: str, seed: str,
                  closest: tuple[str, str] | None) -> Problem:
    """The problem of a quote that is nowhere: what differs from the closest passage."""
    hidden = _invisibles_named(quote.text, located=True)
    message = (f"the quote is not in source '{source_id}' as written: it holds {hidden}"
               if hidden else f"the quote is not in source '{source_id}': {_shown(quote)}")
    if closest is None:
        return Problem(quote.position, message,
                       f"No passage of {seed} shares a word with it: check the source and "
                       "the words.")
    place, passage = closest
    hints = []
    if hidden:
        pronoun = "it" if len(invisible_characters(quote.text)) == 1 else "them"
        hints.append(f"Delete {pronoun} (retype the words around {pronoun} if need be).")
    hints.append(f"Closest passage in {seed} ({place}): “{normalise(passage)}”")
    in_passage = _invisibles_named(passage, located=True)
    if in_passage:
        hints.append(f"The source's passage holds {in_passage}: copy the passage from {seed} "
                     "itself, with it.")
    hints.append(_COPY_EXACTLY)
    return Problem(quote.position, message, "\n    ".join(hints))


def _shown(quote: Quote) -> str:
    """The quote as messages show it: normalised, shortened, in quotation marks."""
    return f"“{shorten(normalise(quote.text), 90)}”"


def _invisibles_named(text: str, located: bool = False) -> str:
    """'the invisible character U+200B ZERO WIDTH SPACE (after “rose two”)', or ''."""
    found = invisible_characters(text)
    if not found:
        return ""
    named = []
    for index, char in found[:3]:
        after = " ".join(without_invisible(text[:index]).split()[-3:])
        where = (f" (after “{after}”)" if after else " (at the start)") if located else ""
        named.append(describe_character(char) + where)
    if len(found) > 3:
        named.append(f"{len(found) - 3} more")
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    return f"the invisible character{'s' if len(found) > 1 else ''} {listed}"
