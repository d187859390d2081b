"""The sandbox: what the renderer may read while it draws the briefing."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher


class ProjectFetcher(URLFetcher):
    """Fetches data: URLs and files inside the project; refuses and records anything else."""

    def __init__(self, root: Path) -> None:
        super().__init__(timeout=5, allowed_protocols=("file", "data"),
                         allow_redirects=False)
        self.root = root.resolve()
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201 - WeasyPrint's type
        """Fetch a URL allowed by the sandbox; raise ValueError (and record it) otherwise."""
        if not self.allows(url):
            self.refused.append(url)
            raise ValueError(f"reportgen refused to fetch {url}")
        return super().fetch(url, headers)

    def allows(self, url: str) -> bool:
        """True for data: URLs and file: URLs of files inside the project folder."""
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return path.is_relative_to(self.root)
