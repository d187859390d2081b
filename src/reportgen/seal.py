"""A seal on what reportgen keeps in a project's build/ folder between runs.

The build record (which lets an unchanged project skip rendering) and the text extracted
from PDF and web-page sources are trusted by later builds. A project received from
someone else may carry a build/ folder too: without a seal, a forged record could pass
off a forged PDF as up to date, and forged extracted text could verify quotes that are not
in the document. So each kept file carries an HMAC made with a key of this user's, kept
outside any project (in $XDG_CACHE_HOME/reportgen, else ~/.cache/reportgen); what does
not carry it is ignored and made anew. Where no key can be kept, each run makes its own,
and nothing is trusted from one run to the next.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path

from .atomic import write_atomically

KEY_NAME = "seal-key"
KEY_BYTES = 32


def seal(data: bytes) -> str:
    """The seal of data, made with this user's key."""
    return hmac.new(_key(), data, hashlib.sha256).hexdigest()


def is_sealed(data: bytes, mark: object) -> bool:
    """Whether mark is the seal of data made with this user's key."""
    return isinstance(mark, str) and hmac.compare_digest(seal(data), mark)


def key_file() -> Path:
    """Where this user's key is kept."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reportgen" / KEY_NAME


@cache
def _key() -> bytes:
    path = key_file()
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, key, mode=0o600)
        key = path.read_bytes()  # another run may have written its key at the same time
    except OSError:
        pass  # this run's key only: kept files are made anew by the next run
    return key
