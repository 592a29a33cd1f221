"""The parts of package manifests that describe a package, not how a program runs.

`pyproject.toml`'s `[project]` (PEP 621: name, description, keywords, classifiers, urls,
dependencies, scripts), `[build-system]` and `[dependency-groups]`, and the top-level fields
npm documents in `package.json` (name, description, keywords, author, repository...) are read
by package indexes and installers: a model name there (gpt-cli's `keywords = ["cli",
"gpt-4"]`) describes the package and is sent nowhere. A `keywords` or `classifiers` list
labels its project in any file (Cargo.toml's, codemeta.json's). The tables tools keep in a
`pyproject.toml` (`[tool.ruff]`, `[tool.poetry]`) are those tools' settings, not the package's
description: a model there is a setting only where a key says so (the config rules decide).
"""

from __future__ import annotations

# A manifest's file name -> its top-level keys that describe the package.
METADATA: dict[str, frozenset[str]] = {
    "pyproject.toml": frozenset({"project", "build-system", "dependency-groups"}),
    "package.json": frozenset(
        {
            "name",
            "version",
            "description",
            "keywords",
            "homepage",
            "bugs",
            "license",
            "author",
            "contributors",
            "maintainers",
            "funding",
            "files",
            "exports",
            "imports",
            "main",
            "module",
            "browser",
            "types",
            "typings",
            "bin",
            "man",
            "directories",
            "repository",
            "dependencies",
            "devDependencies",
            "peerDependencies",
            "peerDependenciesMeta",
            "bundleDependencies",
            "bundledDependencies",
            "optionalDependencies",
            "overrides",
            "resolutions",
            "engines",
            "os",
            "cpu",
            "private",
            "publishConfig",
            "workspaces",
            "type",
            "sideEffects",
            "packageManager",
            # VS Code's extension manifest (its `contributes` holds settings' defaults)
            "displayName",
            "publisher",
            "categories",
            "icon",
        }
    ),
}
# Keys whose value (a string, or a list of them) labels a project, in any file.
LABEL_KEYS = frozenset({"keywords", "classifiers"})
# A manifest's file name -> the top-level table where tools keep their settings.
TOOL_TABLES: dict[str, str] = {"pyproject.toml": "tool"}


def describes_package(name: str, path: tuple[str, ...]) -> bool:
    """Whether the entry at key `path` of a file named `name` (lowercased) describes its
    package (`METADATA`), or is a label (`LABEL_KEYS`: the value of such a key or an item of
    its list; not a mapping under it, `classifiers: {sentiment: {model: ...}}`)."""
    top = METADATA.get(name)
    if top is not None and path and path[0] in top:
        return True
    named = path[:-1] if path and path[-1].isdigit() else path
    return bool(named) and named[-1].lower() in LABEL_KEYS


def in_tool_table(name: str, path: tuple[str, ...]) -> bool:
    """Whether the entry at key `path` of a file named `name` (lowercased) is in a tool's
    table of a manifest (`[tool.ruff]` of a pyproject.toml)."""
    table = TOOL_TABLES.get(name)
    return table is not None and len(path) > 1 and path[0] == table
