"""The kinds of section a briefing is made of, in the order they are printed.

This is the one list of them: loading, verifying, assembling, the contents, the
translated inserts and the editions all go through the sections of a project, which
are made from these units. A new kind of section is a unit (see base.py) and a template.
"""

from __future__ import annotations

from .bibliography import Bibliography
from .changes import ChangesSince
from .chronology import Chronology
from .contents import Contents
from .countries import Countries
from .cover import Cover
from .inserts import Inserts
from .method import Method
from .recommendations import Recommendations
from .sources import SourceSummaries
from .summary import ExecutiveSummary

SECTIONS: tuple[type, ...] = (
    Cover, Contents, ChangesSince, ExecutiveSummary, Recommendations, SourceSummaries,
    Chronology, Countries, Inserts, Bibliography, Method,
)
