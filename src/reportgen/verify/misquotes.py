"""What is wrong with a quote that cannot be located, in an editor's words."""

from __future__ import annotations

from ..content.model import Quote
from ..errors import Problem, describe_character, shorten
from .normalise import invisible_characters, normalise, without_invisible
from .words import says_enough

Paragraphs = tuple[int, int]  # as in citations.py, which imports this module

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


def ambiguous(quote: Quote, source_id: str, found: list[Paragraphs]) -> Problem:
    """The problem of a quote that stands in more than one place."""
    times = "twice" if len(found) == 2 else f"{len(found)} times"
    return Problem(
        quote.position,
        f"the quote is in source '{source_id}' {times} ({_paragraph_list(found)}): "
        f"{_shown(quote)}",
        "Say which one the footnote cites: quote more of the words around it, until they "
        "stand in one place only, or give its paragraph, writing the quote as 'text: …' with "
        f"'paragraph: {found[0][0]}' on the line below.")


def not_in_paragraph(quote: Quote, source_id: str, found: list[Paragraphs]) -> Problem:
    """The problem of a quote that is not in the paragraph the editor gives."""
    return Problem(
        quote.position,
        f"the quote is not in ¶{quote.paragraph} of source '{source_id}', but in "
        f"{_paragraph_list(list(dict.fromkeys(found)))}: {_shown(quote)}",
        "Correct 'paragraph' to the paragraph the footnote should cite.")


def in_another_source(quote: Quote, source_id: str, other: str) -> Problem:
    """The problem of a quote found in another source than the one named."""
    return Problem(quote.position, f"the quote is not in source '{source_id}': {_shown(quote)}",
                   f"These words are in source '{other}': did you mean 'source: {other}'?")


def not_in_source(quote: Quote, source_id: str, seed: str,
                  closest: tuple[int, str] | None) -> Problem:
    """The problem of a quote that is nowhere: what differs from the closest passage."""
    hidden = _invisibles_named(quote.text, located=True)
    message = (f"the quote is not in source '{source_id}' as written: it holds {hidden}"
               if hidden else f"the quote is not in source '{source_id}': {_shown(quote)}")
    if closest is None:
        return Problem(quote.position, message,
                       f"No passage of {seed} shares a word with it: check the source and "
                       "the words.")
    number, passage = closest
    hints = []
    if hidden:
        pronoun = "it" if len(invisible_characters(quote.text)) == 1 else "them"
        hints.append(f"Delete {pronoun} (retype the words around {pronoun} if need be).")
    hints.append(f"Closest passage in {seed} (¶{number}): “{normalise(passage)}”")
    in_passage = _invisibles_named(passage, located=True)
    if in_passage:
        hints.append(f"The source's passage holds {in_passage}: copy the passage from {seed} "
                     "itself, with it.")
    hints.append(_COPY_EXACTLY)
    return Problem(quote.position, message, "\n    ".join(hints))


def _shown(quote: Quote) -> str:
    """The quote as messages show it: normalised, shortened, in quotation marks."""
    return f"“{shorten(normalise(quote.text), 90)}”"


def _paragraph_list(found: list[Paragraphs]) -> str:
    """'¶2, ¶5, ¶9–10': the paragraphs of each occurrence, in order."""
    return ", ".join(f"¶{a}" if a == b else f"¶{a}–{b}" for a, b in found)


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
