"""HTML stage: the context printed through the project's Jinja2 templates."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path

import jinja2

from ..content.files import read_bytes
from ..content.folders import TEMPLATES
from ..content.messages import Messages
from ..content.theme import BUILT_IN, BUILT_IN_LABEL, Theme
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


def render_html(context: Context, root: Path, theme: Theme, messages: Messages) -> str:
    """Render the theme's main template with the context's fields as variables.

    Templates are the project's (templates/), else the built-in theme's; their fixed words
    are reportgen's messages, in the briefing's language ({{ _("…") }}).
    """
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader([ProjectLoader(root), jinja2.FileSystemLoader(BUILT_IN)]),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"])
    environment.install_gettext_callables(messages.gettext, messages.ngettext, newstyle=True)
    try:
        return environment.get_template(theme.template).render(vars(context))
    except jinja2.TemplateSyntaxError as error:
        position = _template_position(error, root) or Position(
            _shown(error.filename, root) or TEMPLATES / (error.name or theme.template),
            error.lineno or 0)
        raise RenderError(Problem(position, f"template syntax error: {error.message}",
                                  "Check the {% %} and {{ }} tags on this line.")) from None
    except jinja2.TemplateError as error:
        position = _template_position(error, root) or Position(TEMPLATES / theme.template)
        raise RenderError(Problem(position, f"template error: {error.message}",
                                  "The template uses a name the briefing does not provide; "
                                  "check its spelling.")) from None


def _template_position(error: Exception, root: Path) -> Position | None:
    """The innermost template line in the traceback (Jinja2 maps frames to template lines)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        shown = _shown(frame.filename, root)
        if shown:
            return Position(shown, frame.lineno or 0)
    return None


def _shown(filename: str | None, root: Path) -> Path | None:
    """A template's file as messages name it: templates/NAME, or the built-in theme's."""
    if not filename:
        return None
    path = Path(filename).resolve()
    for folder, shown in (((root / TEMPLATES).resolve(), TEMPLATES),
                          (BUILT_IN, BUILT_IN_LABEL)):
        if path.is_relative_to(folder):
            return shown / path.relative_to(folder)
    return None
