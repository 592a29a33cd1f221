"""The dependencies a requirements file, a `pyproject.toml` (`[project]` dependencies and
optional dependencies, `[dependency-groups]`, Poetry's dependency tables) or a `setup.cfg`
declares, each with where it stands in the text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from migrate_llm.formats.document import ConfigDocument
from migrate_llm.formats.requirements import normalize
from migrate_llm.model import Span

# A PEP 508 requirement: name, extras, version specifier (marker and URL left out).
_NAMED = re.compile(r"\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?P<spec>[^;@]*)")


@dataclass(frozen=True)
class Requirement:
    """One dependency as written: its name and specifier, where it stands, and how a new
    one is written after it (`style`: "line" for a requirements or setup.cfg line, "poetry"
    for a `name = "..."` line, "array" for a string in a TOML list)."""

    name: str
    spec: str
    shown: str
    span: Span
    style: str
    list_path: tuple[str, ...] = ()  # TOML: where the list or table is


def name_and_spec(value: str) -> tuple[str, str] | None:
    """The normalised project name and the version specifier of a PEP 508 requirement."""
    match = _NAMED.match(value.split(";", 1)[0])
    if match is None:
        return None
    return normalize(match.group("name")), match.group("spec").strip()


def _shown(value: str) -> str:
    return "".join(value.split(";", 1)[0].split())


# The words naming a TOML table or list of requirements: `[project] dependencies`,
# `optional-dependencies`, `[dependency-groups]`, `[build-system] requires`, Poetry's, PDM's,
# uv's and Hatch's `*dependencies`, Pixi's `pypi-dependencies`, tox's `deps`, a Pipfile's
# `[packages]`. A tool's module list (`[[tool.mypy.overrides]] module = ["openai"]`, ruff's
# `known-third-party`) names modules, never requirements (t53g D5).
_REQUIREMENT_WORDS = ("depend", "require", "deps")
_REQUIREMENT_TABLES = frozenset({"packages", "dev-packages"})


@functools.lru_cache(maxsize=4096)
def holds_requirements(path: tuple[str, ...]) -> bool:
    """Whether a TOML entry at `path` stands in a table or list of requirements. Kept by
    path: a pyproject.toml's entries are asked it by several rules and passes, and the same
    paths recur from file to file (LlamaIndex's 621)."""
    for part in path:
        lowered = part.lower()
        if lowered in _REQUIREMENT_TABLES:
            return True
        for word in _REQUIREMENT_WORDS:
            if word in lowered:
                return True
    return False


def _pep621_list(path: tuple[str, ...]) -> bool:
    """`[project] dependencies`, `[project.optional-dependencies]`, `[dependency-groups]`."""
    head = tuple(p.lower() for p in path[:-1])
    return (
        head == ("project", "dependencies")
        or (len(head) == 3 and head[:2] == ("project", "optional-dependencies"))
        or (len(head) == 2 and head[0] == "dependency-groups")
    )


def _poetry_table(path: tuple[str, ...]) -> bool:
    """`[tool.poetry.dependencies]`, `[tool.poetry.dev-dependencies]` and
    `[tool.poetry.group.G.dependencies]`."""
    head = tuple(p.lower() for p in path[:-1])
    return head[:2] == ("tool", "poetry") and head[-1:] in (
        ("dependencies",),
        ("dev-dependencies",),
    )


def requirements(doc: ConfigDocument) -> Iterator[Requirement]:
    """The dependencies declared in `doc` (requirements, pyproject.toml, setup.cfg, and the
    quoted requirements with a version specifier of a setup.py)."""
    if doc.kind == "setup":
        yield from _setup_cfg(doc.text)
        return
    if doc.kind == "setup.py":
        yield from _setup_py(doc.text)
        return
    for entry in doc.entries:
        if doc.kind == "requirements":
            if entry.value is None or entry.value_span is None:
                continue
            named = name_and_spec(entry.value)
            if named is not None:
                yield Requirement(*named, _shown(entry.value), entry.value_span, "line")
        elif entry.value is not None and entry.value_span is not None and _pep621_list(entry.path):
            named = name_and_spec(entry.value)
            if named is not None:
                shown = _shown(entry.value)
                yield Requirement(*named, shown, entry.value_span, "array", entry.path[:-1])
        elif entry.key_span is not None and entry.key is not None and _poetry_table(entry.path):
            spec = entry.value or ""
            if entry.value is None:  # `name = {version = "..."}`
                version = next((e for e in doc.entries if e.path == (*entry.path, "version")), None)
                spec = version.value or "" if version is not None else ""
            name = normalize(entry.key)
            shown = f'{entry.key} = "{spec}"' if spec else entry.key
            yield Requirement(name, spec, shown, entry.key_span, "poetry", entry.path[:-1])


_SECTION = re.compile(r"\s*\[(?P<name>[^\]]+)\]\s*$")
# `a, b` on one line: a comma before a name, not one between two clauses (`a>=0.3,<0.5`)
_LISTED = re.compile(r",\s*[A-Za-z]")
_KEY = re.compile(r"(?P<key>[A-Za-z0-9_.-]+)\s*[=:]\s*(?P<value>.*)$")


# a string literal of a setup.py (`"langchain==0.0.61"` in `install_requires=[...]`)
_QUOTED = re.compile(r"""(["'])([A-Za-z0-9][^"'\n]*)\1""")


def _setup_py(text: str) -> Iterator[Requirement]:
    """The string literals of a setup.py that are requirements with a version specifier
    (a bare name may be any string: the package's own name, a keyword)."""
    for match in _QUOTED.finditer(text):
        value = match.group(2)
        named = name_and_spec(value) if _NAMED.fullmatch(value.split(";", 1)[0]) else None
        if named is not None and named[1]:
            span = Span(match.start(2), match.end(2))
            yield Requirement(*named, _shown(value), span, "line")


def _setup_cfg(text: str) -> Iterator[Requirement]:
    """`install_requires` of `[options]` and the lists of `[options.extras_require]`, one
    requirement a line."""
    section, listing, pos = "", False, 0
    for line in text.splitlines(keepends=True):
        start, body = pos, line.rstrip("\r\n")
        pos += len(line)
        if not body.strip() or body.lstrip().startswith(("#", ";")):
            continue
        header = _SECTION.match(body)
        if header is not None:
            section, listing = header.group("name").strip().lower(), False
            continue
        if not body[0].isspace():  # a key of the section
            key = _KEY.match(body)
            listing = key is not None and (
                (section == "options" and key.group("key").lower() == "install_requires")
                or section == "options.extras_require"
            )
            value = key.group("value") if key is not None and listing else ""
            at = start + len(body) - len(value)
        elif listing:
            value, at = body.lstrip(), start + len(body) - len(body.lstrip())
        else:
            continue
        value = value.split(" #", 1)[0].rstrip()
        named = name_and_spec(value) if value and not _LISTED.search(value) else None
        if named is not None and named[0]:
            yield Requirement(*named, _shown(value), Span(at, at + len(value)), "line")
