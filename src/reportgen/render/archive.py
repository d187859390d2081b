"""The project's sources, embedded in the archival (PDF/A-3b) briefing beside the text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.files import DOCUMENT_LIMIT, read_bytes
from ..content.folders import SEEDS
from ..content.model import Project


@dataclass(frozen=True)
class ArchivedFile:
    """A project file to embed: its path in the project, its bytes, what it is."""

    name: str
    data: bytes
    description: str


def project_sources(project: Project) -> list[ArchivedFile]:
    """The seed documents, the report/ YAML and the PO catalogs, in that order."""
    files = [(SEEDS / source.file, f"source document '{source.id}', as cited")
             for source in project.sources]
    files += [(path, "briefing content") for path in project.files]
    files += [(catalog.path, f"translation catalog ({catalog.language})")
              for catalog in project.catalogs]
    return [_archived(project.root, path, description)
            for path, description in dict(files).items()]


def _archived(root: Path, relative: Path, description: str) -> ArchivedFile:
    return ArchivedFile(relative.as_posix(), read_bytes(root, relative, DOCUMENT_LIMIT),
                        description)
