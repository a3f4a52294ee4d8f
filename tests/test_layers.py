"""Imports inside ``programme/`` only go down the layers.

An AST walk, so no database and no Django set-up: every ``import`` and
``from … import`` in every module counts, at module level and inside
functions alike (a late import is still a dependency, it only hides a cycle).
Importing ``a.b.c`` also runs ``a`` and ``a.b``, so those count too.

From the bottom up:

0. helpers: pure functions and what the models' API fields, JSON-LD and cache
   tags are built with; they import no models.
1. what the models' class bodies are made of (StreamField blocks, edit panels,
   search-field helpers); they name models by string or reach them through
   relations, and import none.
2. the models.
3. what queries or serves them: views, feeds, the API's endpoints and filters,
   admin views, the page cache's middleware and signals, interchange, template
   tags, management commands, the demo builder.
4. registration and start-up: ``wagtail_hooks``, ``checks``, ``apps``.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "programme"

LAYERS: list[tuple[str, set[str]]] = [
    (
        "helpers",
        {
            "programme",
            "programme.api",
            "programme.api.fields",
            "programme.api.visibility",
            "programme.caching",
            "programme.caching.store",
            "programme.calendar",
            "programme.choices",
            "programme.compat",
            "programme.conf",
            "programme.fields",
            "programme.formatting",
            "programme.languages",
            "programme.listings",
            "programme.recurrence",
            "programme.registry",
            "programme.search_text",
            "programme.structured_data",
        },
    ),
    ("model parts", {"programme.blocks", "programme.panels", "programme.search_index"}),
    ("models", {"programme.models", "programme.models.*"}),
    (
        "views and services",
        {
            "programme.admin_views",
            "programme.api.endpoints",
            "programme.api.filters",
            "programme.api.openapi",
            "programme.api.urls",
            "programme.caching.dependencies",
            "programme.caching.middleware",
            "programme.caching.signals",
            "programme.forms",
            "programme.interchange",
            "programme.interchange.*",
            "programme.management",
            "programme.management.*",
            "programme.modeladmin",
            "programme.permissions",
            "programme.signal_handlers",
            "programme.templatetags",
            "programme.templatetags.*",
            "programme.urls",
            "programme.views",
            "programme.viewsets",
        },
    ),
    ("registration", {"programme.apps", "programme.checks", "programme.wagtail_hooks"}),
]
LOW_LAYERS = {"helpers", "model parts"}


def module_files() -> dict[str, Path]:
    """Every module of the app by dotted name, migrations left out (they import nothing of ours)."""
    modules = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


MODULES = module_files()


def layer_of(module: str) -> int:
    for index, (_name, patterns) in enumerate(LAYERS):
        for pattern in patterns:
            if module == pattern or (pattern.endswith(".*") and module.startswith(pattern[:-1])):
                return index
    raise LookupError(module)


def _with_parents(module: str) -> list[str]:
    """``a.b.c`` runs ``a`` and ``a.b`` first."""
    parts = module.split(".")
    return [".".join(parts[:length]) for length in range(1, len(parts) + 1)]


def imports_of(module: str, source: str, is_package: bool = False) -> set[str]:
    """The app's modules that ``source`` (the text of ``module``) imports, anywhere in it."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            # ``from pkg import name``: the submodule pkg.name when there is one.
            targets = [
                f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in MODULES else origin
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            found.update(name for name in _with_parents(target) if name in MODULES)
    found.discard(module)
    return found


def graph() -> dict[str, set[str]]:
    return {
        module: imports_of(module, path.read_text(), path.name == "__init__.py")
        for module, path in MODULES.items()
    }


def layer_violations(edges: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in edges.items()
        for target in targets
        if layer_of(target) > layer_of(module)
    )


def test_every_module_has_a_layer():
    unplaced = []
    for module in MODULES:
        try:
            layer_of(module)
        except LookupError:
            unplaced.append(module)
    assert not unplaced, "Add these to LAYERS in tests/test_layers.py: " + ", ".join(unplaced)


def test_imports_only_go_down():
    assert layer_violations(graph()) == []


def test_low_modules_import_no_models_even_indirectly():
    edges = graph()
    for module in MODULES:
        if LAYERS[layer_of(module)][0] not in LOW_LAYERS:
            continue
        seen, todo = set(), [module]
        while todo:
            current = todo.pop()
            for target in edges[current] - seen:
                seen.add(target)
                todo.append(target)
        models = sorted(name for name in seen if name.startswith("programme.models"))
        assert not models, f"{module} imports {models}"


@pytest.mark.parametrize(
    "source",
    [
        "from ..api.endpoints import OccurrenceViewSet\n",
        "def get_context(self):\n    from programme.api import endpoints\n",
        "def f():\n    import programme.caching.signals\n",
    ],
)
def test_a_model_importing_a_higher_layer_is_caught(source):
    edges = {"programme.models.films": imports_of("programme.models.films", source)}
    assert layer_violations(edges)


def test_a_helper_importing_a_model_is_caught():
    source = "def f(obj):\n    from .models import FilmPage\n"
    edges = {"programme.formatting": imports_of("programme.formatting", source)}
    assert layer_violations(edges) == [
        "programme.formatting (helpers) imports programme.models (models)"
    ]
