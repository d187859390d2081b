"""The sandbox: what the renderer may read while it draws the briefing."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher

from ..content.files import is_readable

NETWORK = ("http", "https")


class ProjectFetcher(URLFetcher):
    """Fetches data: URLs and files inside the project; refuses and records anything else.

    With allow_network, http and https are fetched too (redirects included, each
    target checked again); files outside the project are refused all the same.
    """

    def __init__(self, root: Path, allow_network: bool = False) -> None:
        protocols = ("file", "data", *NETWORK) if allow_network else ("file", "data")
        super().__init__(timeout=10, allowed_protocols=protocols,
                         allow_redirects=allow_network)
        self.root = root.resolve()
        self.allow_network = allow_network
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201 - WeasyPrint's type
        """Fetch a URL allowed by the sandbox; raise ValueError (and record it) otherwise."""
        if not self.allows(url):
            if url not in self.refused:
                self.refused.append(url)
            raise ValueError(f"reportgen refused to fetch {url}")
        return super().fetch(url, headers)

    def allows(self, url: str) -> bool:
        """True for data: URLs, file: URLs inside the project and, if allowed, the network."""
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme in NETWORK:
            return self.allow_network
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        # Inside the project, links followed, and a regular file: never a pipe or device.
        # A file that is not there is left to the renderer, which says it is missing.
        path = Path(unquote(parts.path)).resolve()
        return path.is_relative_to(self.root) and (not path.exists() or
                                                   is_readable(self.root, path))
