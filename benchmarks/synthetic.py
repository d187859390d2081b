"""Synthetic projects: the briefing's content multiplied, to measure how builds grow.

At scale k the project has k copies of every source (each under its own id and seed
file), of every source summary, chronology event and actor row, so sources, events,
rows and footnotes all grow k-fold; the executive summary and the inserts stay as they are.

    python benchmarks/synthetic.py SCALE DESTINATION
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from reportgen.content.yamlfile import parse_yaml, plain

REPO = Path(__file__).resolve().parents[1]


def read(name: str) -> Any:
    path = REPO / "report" / name
    return plain(parse_yaml(path.read_text(encoding="utf-8"), Path(name)))


class _Dumper(yaml.SafeDumper):
    """Writes repeated values out in full: the loader allows a file only 100 aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write(root: Path, name: str, data: Any) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    (root / "report" / name).write_text(text, encoding="utf-8")


def renamed(copy: int, source_id: str) -> str:
    return source_id if copy == 1 else f"{source_id}-{copy}"


def recite(item: dict, copy: int) -> dict:
    """An item whose citations point at the given copy of their sources."""
    item = dict(item)
    cite = item["cite"] if isinstance(item["cite"], list) else [item["cite"]]
    item["cite"] = [{**c, "source": renamed(copy, c["source"])} for c in cite]
    if "references" in item:
        item["references"] = [{**r, "source": renamed(copy, r["source"])}
                              for r in item["references"]]
    return item


def suffixed(text: str, copy: int) -> str:
    return text if copy == 1 else f"{text} ({copy})"


def generate(scale: int, root: Path) -> Path:
    """Write a project at the given scale into root (which must not exist)."""
    shutil.copytree(REPO / "report", root / "report")
    (root / "seeds").mkdir()
    sources = read("sources.yaml")["sources"]
    copies = range(1, scale + 1)
    new_sources = []
    for copy in copies:
        for source in sources:
            seed = source["file"] if copy == 1 else f"{copy}-{source['file']}"
            shutil.copyfile(REPO / "seeds" / source["file"], root / "seeds" / seed)
            new_sources.append({**source, "id": renamed(copy, source["id"]), "file": seed})
    write(root, "sources.yaml", {"sources": new_sources})
    summaries = read("summaries.yaml")["summaries"]
    write(root, "summaries.yaml", {"summaries": [
        {"source": renamed(copy, summary["source"]),
         "points": [recite(point, copy) for point in summary["points"]]}
        for copy in copies for summary in summaries]})
    events = read("chronology.yaml")["events"]
    write(root, "chronology.yaml", {"events": [
        {**recite(event, copy), "title": suffixed(event["title"], copy)}
        for copy in copies for event in events]})
    actors = read("actors.yaml")
    write(root, "actors.yaml", {**actors, "actors": [
        copied_actor(recite(row, copy), copy) for copy in copies for row in actors["actors"]]})
    return root


def copied_actor(row: dict, copy: int) -> dict:
    """A row of the actors table in copy N: the first keeps its country, the others are
    named actors (a code may stand in one row only)."""
    if copy == 1:
        return row
    name = row.get("name") or Locale("en").territories[row["code"]]
    return {**{key: value for key, value in row.items() if key != "code"},
            "name": suffixed(name, copy)}


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
