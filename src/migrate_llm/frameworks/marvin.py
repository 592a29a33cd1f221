"""marvin 3's default model (ML671, ML503): what runs on it, and what sets it.

Checked against marvin 3.2.7 (PyPI wheel, on pydantic-ai-slim 1.81.0, checked 2026-12-05;
github.com/PrefectHQ/marvin at e81f5faf). marvin hands pydantic-ai the model of the agent that
runs a task, `self.model or marvin.defaults.model` (agents/agent.py `Agent.get_model`), and a
task given no agent runs `marvin.defaults.agent`, `Agent(name="Marvin")`, which has no model
(tasks/task.py `Task.get_actor`: `self.actor or marvin.defaults.agent`; defaults.py).
`marvin.defaults.model` is what `marvin.settings.agent_model` held when marvin was imported
(defaults.py `Defaults(..., model=marvin.settings.agent_model, ...)`): `"openai:gpt-4o"`
unless MARVIN_AGENT_MODEL (also read from ./.env) names another (settings.py `Settings`:
`env_prefix="MARVIN_"`, `env_file=".env"`, `validate_assignment=True`, `agent_model:
KnownModelName = Field(default="openai:gpt-4o")`). pydantic-ai builds its OpenAIProvider for
that prefix (`pydantic_ai.MARVIN`): without a model of its own, marvin goes to OpenAI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultModel:
    """A library whose agents use a default model, OpenAI's unless the program sets another.

    `module`: the top-level module. `agents`: qualified names of the agent class, whose
    `model_keyword` (keyword only) picks its model; without it (or None) the agent uses the
    default. `runners`: qualified names of the calls that run the default agent when given
    no agent, each with the keyword of the agent(s) they take and its position (None:
    keyword only); `decorators` among them are also used bare (`@fn`). `defaults`: the
    qualified names of the object whose `model_attribute` a program assigns to set the
    default model for every agent given none (and `agent_attribute`, the agent the runners
    use); `overrides`: the context managers that set them for their block, by those names
    as keywords. `setting`: the settings attribute the default is copied from when the
    library is imported, typed `known_names` (pydantic-ai's `Literal` of the model strings
    it knows, each `provider:model`) and checked on assignment: it takes neither a model
    object nor a bare model name, and set after the import it changes nothing. `variable`:
    the environment variable that sets it (where the program imports the library).
    `default`: the model it names unless set. `source`: where all this was read."""

    module: str
    agents: frozenset[str]
    model_keyword: str
    runners: dict[str, tuple[str, int | None]]
    decorators: frozenset[str]
    defaults: frozenset[str]
    model_attribute: str
    agent_attribute: str
    overrides: frozenset[str]
    setting: frozenset[str]
    known_names: str
    variable: str
    default: str
    source: str

    @property
    def setter(self) -> str:
        """How a program sets the default model: `marvin.defaults.model`."""
        return f"{self.module}.defaults.{self.model_attribute}"


def _both(
    name: str, where: str, keyword: str, position: int | None
) -> dict[str, tuple[str, int | None]]:
    """A function marvin exports (`marvin.run`) under both of its names, and its `_async`
    twin, which takes its agent the same way (fns/*.py)."""
    found: dict[str, tuple[str, int | None]] = {}
    for each in (name, f"{name}_async"):
        found[f"marvin.{each}"] = found[f"marvin.fns.{where}.{each}"] = (keyword, position)
    return found


# marvin 3.2.7 fns/*.py (each exported by marvin/__init__.py): `run(instructions,
# result_type=str, tools=[], thread=None, agents=None, ...)` (run.py, also `run_async` and
# `run_stream`); `extract(data, target=None, instructions=None, agent=None, ...)` and `cast`
# likewise; `generate(target=None, n=1, instructions=None, agent=None, ...)`;
# `generate_schema(instructions, base_schema=None, agent=None, ...)`; `say(message,
# instructions=None, agent=None, ...)`; `summarize(data, instructions=None, agent=None, ...)`;
# `plan(instructions, agent=None, ...)`; `classify(data, labels, multi_label=False, *,
# instructions=None, agent=None, ...)`; `fn(func=None, *, instructions=None, agent=None, ...)`,
# a decorator used bare or called. Each builds a `Task(..., agents=[agent] if agent else None)`.
# tasks/task.py `Task.__init__(self, instructions, attachments=None, result_type=NOTSET, *,
# ..., agents=None, ...)`; agents/agent.py `@dataclass(kw_only=True) class Agent(Actor)`:
# `name` (positional), `model: KnownModelName | Model | None = None`.
MARVIN_DEFAULTS = DefaultModel(
    module="marvin",
    agents=frozenset({"marvin.Agent", "marvin.agents.Agent", "marvin.agents.agent.Agent"}),
    model_keyword="model",
    runners={
        **_both("run", "run", "agents", 4),
        "marvin.run_stream": ("agents", 4),
        "marvin.fns.run.run_stream": ("agents", 4),
        **_both("extract", "extract", "agent", 3),
        **_both("cast", "cast", "agent", 3),
        **_both("generate", "generate", "agent", 3),
        **_both("generate_schema", "generate", "agent", 2),
        **_both("say", "say", "agent", 2),
        **_both("summarize", "summarize", "agent", 2),
        **_both("plan", "plan", "agent", 1),
        **_both("classify", "classify", "agent", None),
        "marvin.fn": ("agent", None),
        "marvin.fns.fn.fn": ("agent", None),
        "marvin.Task": ("agents", None),
        "marvin.tasks.task.Task": ("agents", None),
    },
    decorators=frozenset({"marvin.fn", "marvin.fns.fn.fn"}),
    # marvin/__init__.py `from marvin.defaults import defaults` (the module's name then
    # holds the object); defaults.py `override_defaults(**kwargs)` sets its attributes for
    # the `with` block
    defaults=frozenset({"marvin.defaults", "marvin.defaults.defaults"}),
    model_attribute="model",
    agent_attribute="agent",
    overrides=frozenset({"marvin.defaults.override_defaults"}),
    setting=frozenset({"marvin.settings.agent_model", "marvin.settings.settings.agent_model"}),
    known_names="KnownModelName",
    variable="MARVIN_AGENT_MODEL",
    default="openai:gpt-4o",
    source="https://github.com/PrefectHQ/marvin/blob/main/src/marvin/defaults.py, settings.py, "
    "agents/agent.py, tasks/task.py and fns/ (marvin 3.2.7, checked 2026-12-05)",
)

# An import of marvin in a file's bytes (a notebook's lines start with `"`), and an
# assignment of its default model (`marvin.defaults.model = ...`, `defaults.model = ...`):
# screening tells which modules of a project set it (`run_facts`).
IMPORT = re.compile(rb'^[ \t]*"?(?:import|from)[ \t]+marvin\b', re.MULTILINE)
SETS_MODEL = re.compile(rb"\bdefaults\.model[ \t]*=(?!=)")
# `override_defaults(model=...)` (defaults.py): the model for a `with` block (a pytest
# fixture in a `conftest.py`: for the tests)
OVERRIDES_MODEL = re.compile(rb"\boverride_defaults[ \t]*\([^)]*\bmodel[ \t]*=")


def imports_marvin(text: str) -> bool:
    """Whether a module with this text imports marvin."""
    return "marvin" in text and _IMPORT_TEXT.search(text) is not None


_IMPORT_TEXT = re.compile(r"^[ \t]*(?:import|from)[ \t]+marvin\b", re.MULTILINE)
