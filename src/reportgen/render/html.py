"""HTML stage: the context printed through the project's Jinja2 templates."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path

import jinja2

from ..content.files import read_bytes
from ..content.folders import TEMPLATES
from ..content.theme import Theme
from ..errors import Position, Problem, RenderError
from .context import Context


class ProjectLoader(jinja2.BaseLoader):
    """Templates from the project's templates/ folder, read as every project file is."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        relative = TEMPLATES / template
        if not (self.root / relative).exists() and not (self.root / relative).is_symlink():
            raise jinja2.TemplateNotFound(template)
        text = read_bytes(self.root, relative).decode("utf-8", errors="replace")
        return text, str(self.root / relative), lambda: False


def render_html(context: Context, root: Path, theme: Theme) -> str:
    """Render the theme's main template with the context's fields as variables."""
    environment = jinja2.Environment(
        loader=ProjectLoader(root), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    try:
        return environment.get_template(theme.template).render(vars(context))
    except jinja2.TemplateSyntaxError as error:
        position = Position(TEMPLATES / (error.name or theme.template), error.lineno or 0)
        raise RenderError(Problem(position, f"template syntax error: {error.message}",
                                  "Check the {% %} and {{ }} tags on this line.")) from None
    except jinja2.TemplateError as error:
        position = _template_position(error, root) or Position(TEMPLATES / theme.template)
        raise RenderError(Problem(position, f"template error: {error.message}",
                                  "The template uses a name the briefing does not provide; "
                                  "check its spelling.")) from None


def _template_position(error: Exception, root: Path) -> Position | None:
    """The innermost template line in the traceback (Jinja2 maps frames to template lines)."""
    folder = (root / TEMPLATES).resolve()
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(folder):
            return Position(TEMPLATES / path.relative_to(folder), frame.lineno or 0)
    return None
