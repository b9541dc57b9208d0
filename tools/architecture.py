"""Contracts that keep the apps' boundaries, checked by import-linter (`make lint`).

import-linter's own `layers` contract says which app may import which. Two rules it cannot
express are contract types of their own, configured in pyproject.toml:

- `public_modules`: an app is used by the others only through its public modules (selectors,
  services, models; the core's library and registries). Its views, forms, API, admin, demo
  data and panels are its own business.
- `model_access`: another app's table is never read with `Model.objects` (or
  `apps.get_model(...).objects`): models cross the boundary as types and choices, and rows
  come from the owning app's selectors. This one reads each module's syntax tree, because a
  manager access is not an import.
"""

import ast
from dataclasses import dataclass
from fnmatch import fnmatchcase
from importlib.util import find_spec
from pathlib import Path

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output

MANAGER_ATTRIBUTES = frozenset({"objects", "_default_manager", "_base_manager"})


def _app(module: str) -> str:
    return module.split(".", 1)[0]


class PublicModulesContract(Contract):
    """Imports from one app into another reach only the imported app's public modules.

    Options:
        apps: the top-level packages the rule applies between.
        public_modules: module patterns (fnmatch, `*` spans dots) another app may import,
            e.g. `*.selectors*` or `prm.lib*`.
        composition_root: modules that put the apps together and may import any of them.
    """

    type_name = "public_modules"

    apps = fields.ListField(subfield=fields.StringField())
    public_modules = fields.ListField(subfield=fields.StringField())
    composition_root = fields.ListField(subfield=fields.StringField(), required=False)

    def _public(self, module: str) -> bool:
        return any(fnmatchcase(module, pattern) for pattern in self.public_modules)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        apps = set(self.apps)
        root = set(self.composition_root or ())
        illegal = []
        for importer in sorted(graph.modules):
            if _app(importer) not in apps or importer in root:
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                other = _app(imported)
                if other in apps and other != _app(importer) and not self._public(imported):
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = tuple(detail["line_number"] for detail in details)
                    illegal.append((importer, imported, lines))
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported, lines in check.metadata["illegal"]:
            where = ", ".join(str(line) for line in lines)
            output.print_error(f"{importer} -> {imported} (l.{where})", bold=False)
            output.new_line()
        output.print_error(
            "Use the other app's selectors (reads), services (writes) or models (types), or "
            "register a panel with prm.",
            bold=False,
        )


@dataclass(frozen=True)
class ManagerAccess:
    module: str
    line: int
    model: str

    def __str__(self):
        return f"{self.module}:{self.line} reads {self.model} through its manager"


class _ModelAccessVisitor(ast.NodeVisitor):
    """Finds `Model.objects` where `Model` belongs to another app.

    Names are bound by `from app.models import Model`, `from app import models` and
    `import app.models`, and by assigning `apps.get_model("app", "Model")` to a name;
    `apps.get_model(...)` used directly is caught too.
    """

    def __init__(self, own_app: str, apps: set[str]):
        self.own_app, self.apps = own_app, apps
        self.foreign_models: dict[str, str] = {}  # name in this module -> "app.Model"
        self.foreign_modules: dict[str, str] = {}  # name bound to another app's models module
        self.foreign_packages: set[str] = set()  # another app's package bound by `import`
        self.found: list[tuple[int, str]] = []

    def _foreign(self, module: str | None) -> str | None:
        app = _app(module or "")
        if app in self.apps and app != self.own_app and ".models" in f"{module}.":
            return app
        return None

    def visit_ImportFrom(self, node):
        module = node.module or ""
        for alias in node.names:
            if app := self._foreign(module):
                self.foreign_models[alias.asname or alias.name] = f"{app}.{alias.name}"
            elif alias.name == "models" and (app := self._foreign(f"{module}.models")):
                self.foreign_modules[alias.asname or alias.name] = app

    def visit_Import(self, node):
        for alias in node.names:
            if not self._foreign(alias.name):
                continue
            if alias.asname:
                self.foreign_modules[alias.asname] = _app(alias.name)
            else:  # `import app.models` binds `app`: `app.models.Model.objects`
                self.foreign_packages.add(_app(alias.name))

    def _get_model_label(self, node) -> str | None:
        """ "app.Model" for `….get_model("app", "Model")` / `get_model("app.Model")` of
        another app."""
        if not (isinstance(node, ast.Call) and node.args):
            return None
        function = node.func
        name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
        if name != "get_model":
            return None
        strings = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
        if not strings or not all(isinstance(value, str) for value in strings):
            return None
        label = ".".join(strings)
        app = label.split(".", 1)[0]
        return label if app in self.apps and app != self.own_app else None

    def visit_Assign(self, node):
        if (label := self._get_model_label(node.value)) is not None:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.foreign_models[target.id] = label
        self.generic_visit(node)

    def _model_of(self, node) -> str | None:
        """The foreign model at the root of `Model.attr…` (e.g. `Partner.segments.through`),
        of `models.Model…`, `app.models.Model…` or `apps.get_model(…)…`."""
        attributes = []
        while isinstance(node, ast.Attribute):
            attributes.insert(0, node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return self._get_model_label(node)
        if node.id in self.foreign_models:
            return self.foreign_models[node.id]
        classes = [name for name in attributes if name[:1].isupper()]
        if not classes:
            return None
        if node.id in self.foreign_modules:
            return f"{self.foreign_modules[node.id]}.{classes[0]}"
        if node.id in self.foreign_packages and "models" in attributes:
            return f"{node.id}.{classes[0]}"
        return None

    def visit_Attribute(self, node):
        if node.attr in MANAGER_ATTRIBUTES and (model := self._model_of(node.value)):
            self.found.append((node.lineno, model))
        self.generic_visit(node)


def manager_accesses(
    source: str, *, module: str, apps: set[str], allowed_models=frozenset()
) -> list[ManagerAccess]:
    """Every read of another app's model through its manager in one module's source."""
    visitor = _ModelAccessVisitor(_app(module), apps)
    visitor.visit(ast.parse(source))
    return [
        ManagerAccess(module, line, model)
        for line, model in sorted(visitor.found)
        if model not in allowed_models
    ]


def module_path(module: str) -> Path | None:
    """The source file of `module`, found without importing it (apps need Django set up)."""
    spec = find_spec(_app(module))
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations)))
    parts = module.split(".")[1:]
    for candidate in (
        base.joinpath(*parts).with_suffix(".py"),
        base.joinpath(*parts, "__init__.py"),
    ):
        if parts and candidate.is_file():
            return candidate
    return base / "__init__.py" if not parts else None


class ModelAccessContract(Contract):
    """No app reads another app's tables through `Model.objects`.

    Options:
        apps: the top-level packages whose models are guarded (and whose modules are read).
        ignore_modules: module patterns not read, e.g. `*.migrations*` (they use historical
            models of other apps on purpose).
        allowed_models: "app.Model" labels every app may query, e.g. the core's user model,
            whose QuerySet methods (`User.objects.vendor_staff()`) are the core's selectors.
    """

    type_name = "model_access"

    apps = fields.ListField(subfield=fields.StringField())
    ignore_modules = fields.ListField(subfield=fields.StringField(), required=False)
    allowed_models = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        apps = set(self.apps)
        ignored = list(self.ignore_modules or ())
        allowed = frozenset(self.allowed_models or ())
        found: list[ManagerAccess] = []
        for module in sorted(graph.modules):
            if _app(module) not in apps or any(fnmatchcase(module, p) for p in ignored):
                continue
            path = module_path(module)
            if path is not None:
                source = path.read_text()
                found += manager_accesses(source, module=module, apps=apps, allowed_models=allowed)
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for access in check.metadata["found"]:
            output.print_error(str(access), bold=False)
            output.new_line()
        output.print_error(
            "Read another app's rows through its selectors; its models are for types only.",
            bold=False,
        )
