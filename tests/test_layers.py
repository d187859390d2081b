"""The package's layering: each sub-package imports only from the layers below it.

documents < content < verify < render < sections < incremental < build < publish, watch < commands < cli,
with errors, progress, atomic and forked at the bottom. Every import counts, those inside
functions and under TYPE_CHECKING included, and no two modules import each other,
directly or through others.
"""

from __future__ import annotations

import ast
from pathlib import Path

import reportgen

PACKAGE = Path(reportgen.__file__).parent
LAYERS = [
    {"reportgen", "reportgen.errors", "reportgen.progress", "reportgen.atomic", "reportgen.seal",
     "reportgen.forked"},
    {"reportgen.documents"},
    {"reportgen.content"},
    {"reportgen.verify"},
    {"reportgen.render"},
    {"reportgen.sections"},
    {"reportgen.incremental"},
    {"reportgen.build"},
    {"reportgen.publish", "reportgen.watch", "reportgen.starter", "reportgen.reference"},
    {"reportgen.commands"},
    {"reportgen.cli", "reportgen.__main__"},
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    for rank, members in enumerate(LAYERS):
        if any(module == member or module.startswith(member + ".") for member in members
               if member != "reportgen"):
            return rank
    assert module == "reportgen", f"{module} is in no layer: add it to LAYERS"
    return 0


def imports(path: Path) -> set[str]:
    """Every reportgen module the file imports, wherever the import stands."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("reportgen")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.startswith("reportgen"):
                found |= {_existing(f"{base}.{alias.name}") or base for alias in node.names}
    return found - {module}


def _existing(name: str) -> str | None:
    """The name as a module of the package, if it is one (not a function or class)."""
    relative = Path(*name.split(".")[1:])
    exists = (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative).is_dir()
    return name if exists else None


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_nothing_imports_from_a_layer_above_it():
    upward = [f"{source} imports {target}" for source, targets in graph().items()
              for target in targets if layer(target) > layer(source)]
    assert upward == []


def test_there_is_no_import_cycle():
    edges = graph()
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(edges.get(module, ())):
            if target in path:
                cycles.append(" -> ".join([*path[path.index(target):], target]))
            elif target not in done:
                visit(target, [*path, target])
        done.add(module)

    done: set[str] = set()
    for module in sorted(edges):
        if module not in done:
            visit(module, [module])
    assert cycles == []


def test_sub_package_init_files_are_empty():
    # An up-to-date build imports the cache's modules only: a package's __init__ that
    # imported its modules would load YAML, Babel, Jinja2 or WeasyPrint too.
    for init in PACKAGE.glob("*/__init__.py"):
        assert init.read_text() == "", init
