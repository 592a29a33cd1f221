"""The agents a crewAI project's @CrewBase classes read from their YAML, and which give an llm.

A @CrewBase class loads the file its `agents_config` names (a path relative to the class's
module; "config/agents.yaml" where the class sets none) into `self.agents_config`, and
`Agent(config=self.agents_config["researcher"])` takes the fields of that entry it is not
given otherwise, its `llm` among them (see `frameworks.crewai.AGENTS_CONFIG`). So a module
importing crewAI that names CrewBase is read again where the run switches provider
(`agent_configs`), the YAML it loads read as ML503 reads it (`ConfigDocument`), and what
each agent's entry gives goes into the project's facts (`RunFacts.crewai_agent_configs`):
ML690 does not say an agent built from an entry giving an `llm` is given none (t60b's
research crew, whose agents.yaml gives its researcher `llm: gpt-4o-mini`).
"""

from __future__ import annotations

import ast
import os
from typing import NamedTuple

from migrate_llm.frameworks import crewai
from migrate_llm.textio import UnreadableFile, python_tree, text_of


class AgentConfig(NamedTuple):
    """An agent's entry of the YAML a @CrewBase class loads: `module`, the class's module
    as `PythonContext.path` names it; `klass`, the class's name; `file`, the path the class
    names (`config/agents.yaml`); `agent`, the entry's key; `llm`, whether the entry gives an
    llm (a model string, or a mapping)."""

    module: str
    klass: str
    file: str
    agent: str
    llm: bool


def agent_configs(module: str, shown: str, data: bytes) -> list[AgentConfig]:
    """The agents' entries of the YAML files the @CrewBase classes of a module's bytes load
    (`module`: its path); none where the module does not parse or a file cannot be read."""
    if crewai.CREW_BASE.encode() not in data:
        return []
    tree = python_tree(data)
    if tree is None:
        return []
    found: list[AgentConfig] = []
    for klass in tree.body:
        if not isinstance(klass, ast.ClassDef) or not any(map(_crew_base, klass.decorator_list)):
            continue
        path = _config_path(klass)
        if path is not None:
            where = os.path.join(os.path.dirname(module), path)
            found += [AgentConfig(module, klass.name, path, *e) for e in _entries(where)]
    return found


def _crew_base(decorator: ast.expr) -> bool:
    """Whether a decorator is crewAI's `CrewBase` (`@CrewBase`, `@project.CrewBase`)."""
    name = decorator.attr if isinstance(decorator, ast.Attribute) else None
    if isinstance(decorator, ast.Name):
        name = decorator.id
    return name == crewai.CREW_BASE


def _config_path(klass: ast.ClassDef) -> str | None:
    """The path the class's `agents_config` names (its default where it sets none); None
    where it is set to anything but a string."""
    path: str | None = crewai.AGENTS_CONFIG_PATH
    for statement in klass.body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == crewai.AGENTS_CONFIG for t in targets):
            written = value.value if isinstance(value, ast.Constant) else None
            path = written if isinstance(written, str) else None
    return path


def _entries(path: str) -> list[tuple[str, bool]]:
    """(agent, gives an llm) of each top-level entry of the YAML file at `path`."""
    from migrate_llm.formats import FORMATS, FormatError
    from migrate_llm.formats.document import ConfigDocument
    from migrate_llm.reread import read_once

    try:
        text = text_of(read_once(path, FORMATS["yaml"].max_bytes), False)
        doc = ConfigDocument.read(path, "yaml", text)
    except (UnreadableFile, FormatError):
        return []
    agents = [e.path[0] for e in doc.entries if len(e.path) == 1]
    given = {
        e.path[0]
        for e in doc.entries
        if len(e.path) >= 2
        and e.path[1] == crewai.AGENT_LLM
        and (len(e.path) > 2 or bool(e.value))  # `llm: null`, `llm: ""` give none
    }
    return [(agent, agent in given) for agent in agents]
