"""The closest passage to a misquote, in a generated 20 MB source: time and peak memory.

    python benchmarks/closest.py [--megabytes N] [--runs N] [--decomposed]

The source is made of Zipf-distributed English-like words wrapped at 78 columns, in
paragraphs between blank lines (--decomposed gives many words accents and saves them
decomposed, NFD, the slow case of normalisation). The misquotes are taken 60% of the way
into it: 11 words with the last one changed, and 40 words with the 20th and 40th changed.
Each figure is the median of the runs; the peak is the process's resident memory at its
highest (VmHWM, counted afresh once the source text is in memory) above what it was then,
so it covers preparing the source for searching and every search. Nothing here passes or
fails.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
import unicodedata
from pathlib import Path

from reportgen.content.model import Seed
from reportgen.verify.citations import SourceText

COMMON = ("the of and to a in is that for it as was with be by on not he this are or his "
          "from at which but have an they you were her she there been one all we their has "
          "would when if so no more will can its about into than them only other new some "
          "could time these two may first then do any like my now over such our council "
          "river bridge report minister government budget committee water health school "
          "public plan police court").split()


def vocabulary(rng: random.Random, size: int = 30000) -> list[str]:
    """Common English words first, then pronounceable made-up words for a long tail."""
    onsets = "b c d f g h l m n p r s t v w br cl dr gr pl st tr".split()
    vowels, codas = "a e i o u ai ea ou".split(), "n r s t l nd st rt ck ng".split() + [""]
    words, seen = list(COMMON), set(COMMON)
    while len(words) < size:
        word = "".join(rng.choice(onsets) + rng.choice(vowels)
                       for _ in range(rng.randint(1, 3))) + rng.choice(codas)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def paragraph(rng: random.Random, words: list[str], cumulative: list[float]) -> str:
    """A paragraph of two to six sentences, wrapped at 78 columns."""
    sentences = []
    for _ in range(rng.randint(2, 6)):
        sentence = rng.choices(words, cum_weights=cumulative, k=rng.randint(6, 24))
        if rng.random() < 0.3:
            sentence.insert(rng.randint(1, len(sentence) - 1), str(rng.randint(1990, 2030)))
        sentences.append(" ".join([sentence[0].capitalize(), *sentence[1:]]) + ".")
    lines, line = [], ""
    for word in " ".join(sentences).split(" "):
        if line and len(line) + 1 + len(word) > 78:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def generate(size: int, seed: int = 2024) -> str:
    """A source of about `size` characters."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1 / rank
        cumulative.append(total)
    chunks, length = [], 0
    while length < size:
        chunks.append(paragraph(rng, words, cumulative))
        length += len(chunks[-1]) + 2
    return "\n\n".join(chunks)[:size]


def misquote(text: str, size: int, changed: tuple[int, ...]) -> tuple[str, int, int]:
    """`size` words from 60% into the text with some changed, and where the original is."""
    start = text.index(". ", int(len(text) * 0.6)) + 2
    spans = [m.span() for m in re.finditer(r"\S+", text[start:start + 4000])][:size]
    words = [text[start + a:start + b] for a, b in spans]
    for index in changed:
        words[index] = "zebra" if words[index] != "zebra" else "okapi"
    return " ".join(words), start + spans[0][0], start + spans[-1][1]


def memory_kib(field: str) -> int:
    """VmRSS (now) or VmHWM (the peak) of this process, in KiB (Linux)."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--decomposed", action="store_true")
    args = parser.parse_args()
    text = generate(args.megabytes * 1_000_000)
    if args.decomposed:
        text = unicodedata.normalize("NFD", text.replace("ea", "éa").replace("ou", "où"))
    cases = {"11 words, the last changed": misquote(text, 11, (10,)),
             "40 words, the 20th and 40th changed": misquote(text, 40, (19, 39))}
    Path("/proc/self/clear_refs").write_text("5")  # the peak counts from here
    before = memory_kib("VmRSS")
    started = time.perf_counter()
    source = SourceText(Seed("generated.txt", text))
    prepared = time.perf_counter() - started
    print(f"Source: {len(text) / 1e6:.0f} MB, {len(source.starts)} paragraphs; "
          f"prepared for searching in {prepared:.2f} s")
    print("| misquote | median closest passage | runs | covers the changed words |")
    print("| --- | ---: | ---: | --- |")
    for name, (quote, start, end) in cases.items():
        times = []
        for _ in range(args.runs):
            began = time.perf_counter()
            span = source.searchable.closest(quote)
            times.append(time.perf_counter() - began)
        covers = span is not None and span.start <= start and end <= span.end
        print(f"| {name} | {statistics.median(times) * 1000:.0f} ms | {args.runs} "
              f"| {'yes' if covers else 'NO'} |")
    print(f"Peak memory above the source text: {(memory_kib('VmHWM') - before) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
