"""ML690: crewAI's model strings (see `migrate_llm.frameworks.crewai`).

crewAI picks the endpoint from the model string: `<prefix>/<model>` goes to that provider,
a model without a prefix to OpenAI. The provider's prefix is `[frameworks] litellm_prefix` of
its file (crewAI takes litellm's prefixes, a few natively, the rest through litellm).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm.crewai_agent_configs import AgentConfig
from migrate_llm.frameworks import crewai as fw
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr
from migrate_llm.rules.framework_args import argument, callee, passes_mapping, qualified
from migrate_llm.rules.framework_crewai_endpoints import (
    openai_bases,
    openai_client,
    other_route,
    switched_key,
)
from migrate_llm.rules.model_values import reaching_values
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.rewrite import narrowed_edit, rebuild_call, string_like


@dataclass(frozen=True)
class _Model:
    """A model string crewAI sends to OpenAI: the OpenAI model it names (None: a provider
    model), the provider model it becomes (None: unmapped), and, for a provider model, why it
    goes to OpenAI (`fw.OPENAI_ROUTED` / `fw.UNPREFIXED`)."""

    openai: str | None
    target: str | None
    why: str = ""


def _model_to_openai(ctx: PythonContext, value: str) -> _Model | None:
    rules, provider = ctx.rules, ctx.rules.provider
    assert provider is not None
    head, slash, model = value.partition("/")
    if not slash:
        head, model = fw.OPENAI_PREFIX, value
    if head != fw.OPENAI_PREFIX:
        return None  # routed on purpose
    if rules.openai.serves(model):
        return _Model(model, rules.map_model(model))
    if provider.serves(model):  # `openai/deepseek-flash`: OpenAI's route, OpenAI's key
        return _Model(None, model, fw.OPENAI_ROUTED if slash else fw.UNPREFIXED)
    return None


def _model_arguments(ctx: PythonContext, call: cst.Call) -> Iterator[tuple[str, cst.Arg]]:
    """(what to call it in messages, argument) for each model crewAI takes in `call`."""
    if qualified(ctx, call.func, fw.LLM_CLASSES) is not None:
        model = argument(call, fw.MODEL_KEYWORD, fw.MODEL_POSITION)
        if model is not None:
            yield f"{callee(call.func)}()", model
        return
    name = qualified(ctx, call.func, fw.LLM_TAKERS)
    if name is not None:
        for keyword in fw.LLM_TAKERS[name]:
            arg = argument(call, keyword, None)
            if arg is not None:
                yield f"{callee(call.func)}({keyword}=...)", arg
        return
    if qualified(ctx, call.func, fw.MEMORY_CLASSES) is not None:
        arg = argument(call, fw.MEMORY_LLM_KEYWORD, None)
        if arg is not None:
            yield f"{callee(call.func)}({fw.MEMORY_LLM_KEYWORD}=...)", arg


def crewai_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literals ML690 owns: those of crewAI's LLM() and of an `llm=` string, also
    an entry of a table of models given as one (`_resolve`)."""
    for _shown, arg in _model_arguments(ctx, call):
        resolved = _resolve(ctx, arg.value)
        if resolved is not None:
            yield resolved[0]


def _resolve(ctx: PythonContext, expr: cst.BaseExpression) -> tuple[cst.CSTNode, str, str] | None:
    """`ctx.resolve_literal`, and an entry of a table of models (`table_entry`)."""
    resolved = ctx.resolve_literal(expr)
    if resolved is not None:
        return resolved
    entry = table_entry(ctx, expr)
    return entry[:3] if entry is not None else None


def table_entry(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[cst.CSTNode, str, str, cst.CSTNode | None] | None:
    """An entry of a table of models read by a written key (`MODELS["writer"]`, t60b D3),
    the name bound once to a dict display whose entry under that key is a string: its
    literal, value, "entry 'writer' of MODELS", and the first other read of the table, if
    any (the name read but by a written key, `MODELS[role]`, `for k in MODELS`; an entry
    assigned or deleted; this entry read but as a model crewAI takes, `_model_arguments`),
    where the entry may go elsewhere than to crewAI; None for anything else."""
    if not isinstance(expr, cst.Subscript) or not isinstance(expr.value, cst.Name):
        return None
    key, table = _written_key(expr), expr.value
    shown = ctx.bound_value(table) if key is not None else None
    if not isinstance(shown, cst.Dict):
        return None
    entry = next(
        (
            e.value
            for e in shown.elements
            if isinstance(e, cst.DictElement) and string_value(e.key) == key
        ),
        None,
    )
    value = string_value(entry) if entry is not None else None
    if entry is None or value is None:
        return None
    taken = _crewai_model_nodes(ctx)
    other: cst.CSTNode | None = None
    for reference in ctx.bindings(table)[0].references:
        node = reference.node
        parents = ctx.ancestors(node)
        read = parents[-1] if parents else None
        holder = ctx.ancestors(read)[-1] if read is not None else None
        if (
            not isinstance(read, cst.Subscript)
            or read.value is not node
            or isinstance(holder, (cst.AssignTarget, cst.AugAssign, cst.Del))
            or (isinstance(holder, cst.AnnAssign) and holder.target is read)
            or (written := _written_key(read)) is None
            or (written == key and id(read) not in taken)
        ):
            other = read if isinstance(read, cst.Subscript) else node
            break
    return entry, value, f"entry {key!r} of {table.value}", other


def _written_key(read: cst.Subscript) -> str | None:
    """The string key of `read` (`T["k"]`), else None."""
    if len(read.slice) != 1 or not isinstance(read.slice[0].slice, cst.Index):
        return None
    return string_value(read.slice[0].slice.value)


def _crewai_model_nodes(ctx: PythonContext) -> set[int]:
    """The ids of the values given as models crewAI takes in the module (`_model_arguments`)."""
    found = ctx.analyses.get(_crewai_model_nodes)
    if found is None:
        found = ctx.analyses[_crewai_model_nodes] = {
            id(arg.value)
            for call in ctx.nodes
            if type(call) is cst.Call
            for _shown, arg in _model_arguments(ctx, call)
        }
    return cast("set[int]", found)


def given_as_llm(ctx: PythonContext) -> dict[int, str]:
    """The calls of the module given to crewAI as a model object (`Agent(llm=ChatOpenAI())`,
    also through a name, whichever of its assignments may reach the call, or `self.X`, an
    attribute of the class or one set on `self`), by id, with where they go
    (`Agent(llm=...)`): crewAI reads only their model (see `fw.FIRST_REFUSING_FOREIGN_LLM`)."""
    given: dict[int, str] = {}
    if not ctx.mentions("crewai"):
        return given
    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        name = qualified(ctx, node.func, fw.LLM_TAKERS)
        if name is None:
            continue
        for keyword in fw.LLM_TAKERS[name]:
            arg = argument(node, keyword, None)
            for value in reaching_values(ctx, arg.value) if arg is not None else ():
                if isinstance(value, cst.Call):
                    given.setdefault(id(value), f"{callee(node.func)}({keyword}=...)")
    return given


def llm_advice(ctx: PythonContext, target: str | None) -> str:
    """What to give crewAI instead of another library's model object: its own `LLM` on the
    target's route (`target`: the provider's model, None where not known)."""
    provider = ctx.rules.provider
    assert provider is not None
    model = target or "<model>"
    prefix = fw.route_prefix(provider.frameworks)
    if prefix is None:
        return f"{_unrouted(ctx, model, False)} (from crewai import LLM)"
    note = fw.route_of(ctx.rules, prefix)[0]
    return f'pass crewAI\'s LLM(model="{prefix}/{model}") instead (from crewai import LLM; {note})'


def agent_config(ctx: PythonContext, call: cst.Call) -> AgentConfig | None:
    """The entry of its YAML a @CrewBase class builds `call` from
    (`config=self.agents_config["x"]`, or `**self.agents_config["x"]` as its only `*` or `**`
    argument), as the project's facts tell it (`RunFacts.crewai_agent_configs`); None for
    any other call, or where the facts tell nothing of it."""
    given = argument(call, fw.AGENT_CONFIG_KEYWORD, None)
    spread = [a for a in call.args if a.star]
    if spread:
        if given is not None or len(spread) != 1 or spread[0].star != "**":
            return None
        given = spread[0]
    if given is None or not isinstance(read := given.value, cst.Subscript):
        return None
    holder, agent = read.value, _written_key(read)
    if not (
        isinstance(holder, cst.Attribute)
        and isinstance(holder.value, cst.Name)
        and holder.value.value == "self"
        and holder.attr.value == fw.AGENTS_CONFIG
        and agent is not None
    ):
        return None
    klass = next((n for n in reversed(ctx.ancestors(call)) if isinstance(n, cst.ClassDef)), None)
    if klass is None:
        return None
    return next(
        (
            e
            for e in ctx.rules.facts.crewai_agent_configs
            if e.module == ctx.path and e.klass == klass.name.value and e.agent == agent
        ),
        None,
    )


def _is_true(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "True"


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _unrouted(
    ctx: PythonContext, target: str, in_llm: bool, shape: str = "{}", keyword: str = "llm"
) -> str:
    """The advice for a provider crewAI has no prefix for: OpenAI's route, pointed (in
    `LLM()` itself when `in_llm`, else by a `<keyword>=LLM(...)`, written in `shape`)."""
    provider = ctx.rules.provider
    assert provider is not None
    keywords = (
        f'model="openai/{target}", base_url=os.environ.get("{provider.base_url_env}", '
        f'"{ctx.rules.base_url}"), api_key=os.environ["{provider.api_key_env}"]'
    )
    given = shape.format(f"{keyword}=LLM({keywords})")
    how = f"give it {keywords}" if in_llm else f"pass {given}"
    return f"crewAI has no route of its own for {provider.name}: {how} by hand"


class CrewaiModel(PythonRule):
    """A crewAI model string, or crewAI's default model, that goes to OpenAI.

    ## What it does
    Finds `LLM(model=...)`, `Agent(llm="...")` (also `function_calling_llm=`),
    `Crew(manager_llm="...")` (also `planning_llm=`, `chat_llm=`), `PlanningConfig(llm="...")`
    and `Memory(llm="...")` whose model is an
    OpenAI model (`gpt-4o`, `openai/gpt-4o`; also given through a name bound to it, or as
    the entry of a table of models read by a written key, `llm=MODELS["writer"]`) or a model
    of the provider without its prefix
    (`deepseek-v4-pro`) or after `openai/` (`openai/deepseek-flash`: OpenAI's route, which
    sends it to api.openai.com with OPENAI_API_KEY), written in the module; and an
    `Agent(...)` given no `llm` where no .env of the project sets crewAI's default model
    (`MODEL`, `MODEL_NAME`, `OPENAI_MODEL_NAME`); an agent a @CrewBase class builds from its
    YAML (`Agent(config=self.agents_config["x"])`, `Agent(**self.agents_config["x"])`) is
    given the entry's `llm:`, and reported only where the entry gives none (the file the
    class's `agents_config` names, `config/agents.yaml` by default, beside its module:
    `RunFacts.crewai_agent_configs`; t60b's researcher, `llm: gpt-4o-mini` there, had been
    said to have none). Where the file or entry is not read, `config=` counts as no `llm`
    and a `**` spread as one. Also crewAI memory given no `llm`:
    `Memory()`, and `Agent(memory=True)` on an agent given no `llm` (the `Memory()` it builds
    takes none of MODEL's); and `Crew(planning=True)` given no `planning_llm`.

    ## Why
    crewAI picks the endpoint from the model string: `<prefix>/<model>` goes to that
    provider, a model without a prefix to OpenAI (with `OPENAI_API_KEY`), and an agent
    without an `llm` runs the model of those variables, else `gpt-4.1-mini` (`gpt-4o-mini`
    before crewai 1.2.0: the message names the one a pin or uv.lock of the project tells, both
    where none does), at OpenAI.
    Memory asks a model for the scope, categories and importance of what it saves and to
    analyse deep recalls: without an `llm`, OpenAI's `gpt-5.4-mini` (`gpt-4o-mini` before
    crewai 1.15.0). From 1.15.0 an agent's memory takes the agent's `llm` and a crew's its
    `chat_llm`, else its first agent's (reported at that `Agent()`); before, both took
    none whatever their agents ran (not reported: no pin tells those releases apart). A crew's
    planning runs a planning agent on `planning_llm`, else OpenAI's `gpt-5.4-mini`
    (`gpt-4o-mini` before 1.15.0), whatever its agents run; an agent's own planning
    (`reasoning=True`, `planning_config=`) takes `PlanningConfig(llm=...)`, else the agent's
    `llm`.

    ## Fix (review)
    `apply` writes the provider's model after its prefix (`[frameworks] litellm_prefix` of
    the provider file, e.g. `deepseek/deepseek-v4-pro`): crewAI's own route for the provider
    where it has one (DeepSeek, DashScope: crewai>=1.12.1), which reads the provider's key and
    base-URL variables, else litellm's (which reads litellm's variables, `DASHSCOPE_API_BASE`,
    and needs `crewai[litellm]` from crewai 1.0 on: the message leaves that out where the
    project pins crewai below 1.0, which requires litellm itself). apply's Next line names
    litellm's variables also where a finding left to a person (an agent given no `llm`) says
    to write a model on litellm's route. Where the project's crewai is 1.0 or later (a pin or
    its uv.lock tells), a model on litellm's route for the provider (written by apply or by
    hand) whose project names neither crewai's `litellm` extra nor litellm in its
    requirements (nor locks litellm in its uv.lock) is a warning (manual), naming the
    requirements files to add the extra to: crewAI fails at import ("ImportError: Fallback to
    LiteLLM is not available"; `crewai[tools]` does not bring litellm). Where no pin tells,
    nothing is said of it. The message says which: litellm's where a requirements
    file of the project pins crewai below 1.12.1, crewAI's where it pins 1.12.1 or later, both
    where no pin tells; where the requirements tell nothing (`crewai>=0.152.0`), a `uv.lock`
    at the project's root tells by the version it locks (read in a project importing crewAI).
    crewAI's DashScope route goes to the Singapore host (`https://dashscope-intl...`) where
    `DASHSCOPE_BASE_URL` is unset: for another region the message, and apply's Next line,
    say to set it to the region's URL.
    An `LLM()` whose `base_url=` / `api_base=` names OpenAI's endpoint (an OpenAI URL, a read
    of `OPENAI_BASE_URL` / `OPENAI_API_BASE`) gets, in one edit, the routed model, the read of
    the provider's base-URL variable (its URL the default) and, for an `api_key=` reading
    OPENAI_API_KEY, the provider's key variable; where that cannot be exact (a model the call
    does not show or that the table does not map, another key, no prefix) it is manual, with
    what to give it: ML401 and ML402 leave its key and URL (switched alone, the key would go
    to OpenAI, or OpenAI's key and model to the provider). Given `provider="openai"` (crewAI's
    OpenAI client, which sends the model as written) the model is the provider's without a
    prefix, and an `api_key=` read of the provider's key variable is added where none is given
    (the client would send OPENAI_API_KEY). Given another `provider=` (crewAI's route for
    that provider whatever the model, sending to OpenAI's URL) it is manual, all three left:
    the message says to drop `provider=` and give the routed model, URL and key together. A
    call given another `provider=` and no OpenAI URL, or a `base_url=` / `api_base=` naming
    another endpoint, is left alone. For a provider with no prefix, and
    for an agent with no `llm`, the fix is manual: pass `llm=` or set
    `MODEL=<prefix>/<model>` in the .env (ML503 writes it so in a project that imports
    crewAI; `check` sees a .env that .gitignore hides only with `--no-gitignore`). For memory
    the fix is manual too: the message gives the provider's model on its route to pass,
    `Memory(llm="<prefix>/<model>")` (an agent: `memory=Memory(llm=...)`); its embedder is
    ML692's. So for `Crew(planning=True)`: pass `planning_llm="<prefix>/<model>"`. A LangChain
    model given as `llm=` is ML601's. A constant or default the module also gives to an
    OpenAI client (which takes the provider's model without the prefix) is left (manual, as
    ML202 leaves one it gives to litellm), with both spellings named: by ML202 where an SDK
    request sends it, else here. A table entry is written on the route only where every read
    of the table is by a written key and each read of that entry is a model crewAI takes
    (t60b D3: ML204 had mapped `MODELS = {"writer": "gpt-4o"}` bare, and crewAI sent
    `glm-5.3` to OpenAI); where the module reads the table otherwise too (`MODELS[role]`,
    the entry given to an OpenAI client, the table iterated or assigned to) it is left
    (manual), the other read named.

    ## Data
    `model_from`, `model_to`; `litellm_route` (the prefix) for a route through litellm;
    `requirement_files` and `requires` (`crewai[litellm]`) for a model crewAI cannot load
    without that extra; `crewai_route` (the prefix) for crewAI's own, with
    `crewai_routes_from` (the first crewai release with it) where no pin tells, and
    `crewai_base_url_env` / `crewai_base_url` (its variable and default) where that default
    is another region's host.
    """

    code = "ML690"
    name = "crewai-model"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            'from crewai import LLM\n\nllm = LLM(model="gpt-4o", temperature=0.2)\n',
            provider="acme",
            message="LLM() sends 'gpt-4o' to OpenAI; apply writes 'acme/acme-large' "
            "(litellm's acme route: install crewai[litellm]) for Acme Cloud",
            after='from crewai import LLM\n\nllm = LLM(model="acme/acme-large", temperature=0.2)\n',
        ),
        Example(
            'from crewai import Agent\n\nwriter = Agent(role="r", goal="g", backstory="b", '
            'llm="acme-small")\n',
            provider="acme",
            message="Agent(llm=...) sends 'acme-small' to OpenAI: crewAI routes a model "
            "without a provider prefix there; apply writes 'acme/acme-small' (litellm's acme "
            "route: install crewai[litellm]) for Acme Cloud",
            after='from crewai import Agent\n\nwriter = Agent(role="r", goal="g", backstory="b", '
            'llm="acme/acme-small")\n',
        ),
        Example(
            'from crewai import Agent\n\nagent = Agent(role="r", goal="g", backstory="b")\n',
            provider="acme",
            message="Agent() is given no llm: it runs crewAI's default model (MODEL, "
            "MODEL_NAME or OPENAI_MODEL_NAME, else gpt-4.1-mini (gpt-4o-mini before crewai "
            "1.2.0)) at OpenAI, and no .env of the "
            'project sets it; pass llm="acme/acme-large" or set MODEL=acme/acme-large in the '
            ".env (check sees a .env that .gitignore hides only with --no-gitignore); "
            "acme/acme-large takes litellm's acme route: install crewai[litellm]",
        ),
        Example(
            "from crewai import Agent\nfrom crewai.project import CrewBase\n\n\n"
            "@CrewBase\nclass Research:\n    def researcher(self) -> Agent:\n"
            '        return Agent(**self.agents_config["researcher"])\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from crewai import Memory\n\nmemory = Memory(embedder=EMBEDDER)\n",
            provider="acme",
            message="Memory() is given no llm: it analyses what it saves and recalls with "
            "OpenAI's gpt-5.4-mini (gpt-4o-mini before crewai 1.15.0), with OPENAI_API_KEY; "
            'pass llm="acme/acme-small" (acme/acme-small takes litellm\'s acme route: install '
            "crewai[litellm])",
        ),
        Example(
            "from crewai import Crew\n\ncrew = Crew(agents=[], tasks=[], planning=True)\n",
            provider="acme",
            message="Crew(planning=True) is given no planning_llm: it plans with OpenAI's "
            "gpt-5.4-mini (gpt-4o-mini before crewai 1.15.0), with OPENAI_API_KEY, whatever its "
            'agents run; pass planning_llm="acme/acme-small" (acme/acme-small takes litellm\'s '
            "acme route: install crewai[litellm])",
        ),
        Example(
            'from crewai import LLM\n\nllm = LLM(model="openai/acme-small")\n',
            provider="acme",
            message="LLM() sends 'openai/acme-small' to OpenAI: its openai/ prefix picks OpenAI's "
            "route, with OPENAI_API_KEY; apply writes 'acme/acme-small' (litellm's acme route: "
            "install crewai[litellm]) for Acme Cloud",
            after='from crewai import LLM\n\nllm = LLM(model="acme/acme-small")\n',
        ),
        Example(
            'from crewai import Agent\n\nMODELS = {"writer": "gpt-4o"}\n'
            'writer = Agent(role="r", goal="g", backstory="b", llm=MODELS["writer"])\n',
            provider="acme",
            message="Agent(llm=...) sends 'gpt-4o' to OpenAI; apply writes 'acme/acme-large' "
            "(litellm's acme route: install crewai[litellm]) for Acme Cloud",
            after='from crewai import Agent\n\nMODELS = {"writer": "acme/acme-large"}\n'
            'writer = Agent(role="r", goal="g", backstory="b", llm=MODELS["writer"])\n',
        ),
        Example(
            'from crewai import LLM\n\nllm = LLM(model="acme/acme-large")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'from crewai import LLM\n\nllm = LLM(model="gpt-4o", base_url="http://localhost:8000")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'from crewai import LLM\n\nllm = LLM(model="gpt-4o", base_url="https://api.openai.com/v1")\n',
            provider="acme",
            message="LLM() sends 'gpt-4o' to OpenAI's endpoint (base_url= names it); apply "
            "writes 'acme/acme-large' and points base_url= at ACME_BASE_URL together (litellm's "
            "acme route: install crewai[litellm]) for Acme Cloud",
            after="import os\n\nfrom crewai import LLM\n\nllm = LLM(\n"
            '    model="acme/acme-large",\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n',
        ),
        Example(
            'from crewai import LLM\n\nllm = LLM(model="gpt-4o", provider="deepseek", '
            'base_url="https://api.openai.com/v1")\n',
            provider="acme",
            message="LLM() sends 'gpt-4o' to OpenAI's endpoint (base_url= names it); left: it is "
            'given provider="deepseek", which picks crewAI\'s route whatever the model. Drop '
            'provider= and give it model="acme/acme-large", base_url=os.environ.get('
            '"ACME_BASE_URL", "https://api.acme.example/v1"), and '
            'api_key=os.environ["ACME_API_KEY"] together, by hand',
        ),
        Example(
            'from crewai import PlanningConfig\n\nplanning = PlanningConfig(llm="gpt-4o")\n',
            provider="acme",
            message="PlanningConfig(llm=...) sends 'gpt-4o' to OpenAI; apply writes "
            "'acme/acme-large' (litellm's acme route: install crewai[litellm]) for Acme Cloud",
            after="from crewai import PlanningConfig\n\n"
            'planning = PlanningConfig(llm="acme/acme-large")\n',
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.both_reported: set[int] = set()  # literals `both_forms` leaves, reported here

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        if self.provider is None or not rules.switching or not self.ctx.mentions("crewai"):
            return
        pointed = (*fw.BASE_KEYWORDS, fw.PROVIDER_KEYWORD)
        if any(argument(node, k, None) for k in pointed):
            if bases := openai_bases(self.ctx, node):
                self._pointed(node, bases)
            return  # else its endpoint or route chosen on purpose
        for shown, arg in _model_arguments(self.ctx, node):
            self._model(shown, arg)
        name = qualified(self.ctx, node.func, fw.DEFAULT_TAKERS)
        if name is not None and not rules.facts.crewai_model_set:
            self._default(node)
        if qualified(self.ctx, node.func, fw.CREW_CLASSES) is not None:
            self._planning(node)
        if self._llm_given(node, name is not None):
            return
        if qualified(self.ctx, node.func, fw.MEMORY_CLASSES) is not None:
            self._memory(node.func, f"{callee(node.func)}() is given no llm: it", "{}")
        elif name is not None:
            memory = argument(node, fw.MEMORY_KEYWORD, None)
            if memory is not None and _is_true(memory.value):
                head = (
                    f"{callee(node.func)}({fw.MEMORY_KEYWORD}=True) is given no llm: the "
                    "Memory() it builds"
                )
                shape = f"{fw.MEMORY_KEYWORD}=Memory({{}})"
                self._memory(memory.value, head, shape, f"{fw.MEMORY_IMPORT}; ")

    def _model(self, shown: str, arg: cst.Arg) -> None:
        resolved = _resolve(self.ctx, arg.value)
        if resolved is None:
            return
        node, value, how = resolved
        found = _model_to_openai(self.ctx, value)
        provider = self.provider
        if found is None and provider is not None:
            self._without_extra(shown, node, value, fw.route_prefix(provider.frameworks))
        if found is None or provider is None:
            return
        prefix = fw.route_prefix(provider.frameworks)
        head = f"{shown} sends {value!r} to OpenAI"
        if found.why:
            head += f": {found.why}"
        data = {"model_from": value}
        if found.target is None:
            choices = ", ".join(provider.candidates())
            written = f"{prefix}/<model>" if prefix else "<model>"
            message = f"{head}; {provider.name}'s model table does not map it: choose one of "
            self.report(node, f"{message}{choices}, written {written}", fix=FixClass.MANUAL)
            return
        if prefix is None:
            in_llm = shown.endswith("()")
            keyword = arg.keyword.value if arg.keyword is not None and not in_llm else "llm"
            advice = _unrouted(self.ctx, found.target, in_llm, keyword=keyword)
            self.report(node, f"{head}; {advice}", fix=FixClass.MANUAL)
            return
        written = f"{prefix}/{found.target}"
        subject = f"{how} = {value!r} (the model of {shown})"
        if how != "literal" and self._both_forms(node, subject, value, found, written):
            return
        note, route = fw.route_of(self.ctx.rules, prefix)
        entry = table_entry(self.ctx, arg.value)
        if entry is not None and entry[3] is not None:
            line = self.ctx.line_label(self.ctx.position(entry[3])[0][0])
            self.report(
                node,
                f"{head}; {how} is left: the module reads the table otherwise too "
                f"(`{self.snippet(entry[3])}` on {line}), where the model may go elsewhere; "
                f"give crewAI {written!r} ({note}), by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        text = string_like(node, written)
        self.report(
            node,
            f"{head}; apply writes {written!r} ({note}) for {provider.name}",
            edit=Edit(self.ctx.span(node), text),
            data={**data, "model_to": written, **route},
        )

    def _without_extra(self, shown: str, node: cst.CSTNode, value: str, prefix: str | None) -> None:
        """A model on the provider's route (`deepseek/deepseek-v4-pro`, as apply writes it)
        that the project's crewai cannot load: litellm's route without the litellm extra
        (`fw.missing_extra`)."""
        head, slash, _ = value.partition("/")
        missing = fw.missing_extra(self.ctx.rules, head) if slash and head == prefix else None
        if missing is not None:
            text, data = missing
            self.report(
                node,
                f"{shown} sends {value!r} through {text}",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"model_from": value, **data},
            )

    def _both_forms(
        self, node: cst.CSTNode, subject: str, value: str, found: _Model, written: str
    ) -> bool:
        """Whether apply leaves the constant or default `node` as the module also sends it to
        an OpenAI client, which takes the provider's model without crewAI's route
        (`model_forms.both_forms`); reported here (manual) where no other rule does."""
        # imported here: the module holding it imports this one
        from migrate_llm.rules.model_forms import both_forms, both_forms_advice

        both = both_forms(self.ctx, node)
        provider = self.provider
        if both is None or provider is None or found.target is None:
            return False
        if both.reporter == self.code and id(node) not in self.both_reported:
            self.both_reported.add(id(node))
            advice = both_forms_advice(
                subject,
                found.target,
                provider,
                repr(written),
                both.because,
                library=both.library,
            )
            self.report(node, advice, fix=FixClass.MANUAL, data={"model_from": value})
        return True

    def _pointed(self, node: cst.Call, bases: list[cst.Arg]) -> None:
        """`LLM(base_url=<OpenAI's>)`: the model, the base URL and the key move together in
        one edit (the key only where it is a read of OpenAI's key variable), else none of
        them (ML401 and ML402 leave them: `owned_by_crewai`)."""
        provider, rules = self.provider, self.ctx.rules
        assert provider is not None and rules.base_url is not None
        arg = argument(node, fw.MODEL_KEYWORD, fw.MODEL_POSITION)
        resolved = self.ctx.resolve_literal(arg.value) if arg is not None else None
        value = resolved[1] if resolved is not None else None
        found = _model_to_openai(self.ctx, value) if value is not None else None
        names = [a.keyword.value for a in bases if a.keyword is not None]
        given = ", ".join(f"{n}=" for n in names)
        sent = f"sends {value!r}" if value is not None else "sends its model"
        head = f"{callee(node.func)}() {sent} to OpenAI's endpoint ({given} names it)"
        prefix = fw.route_prefix(provider.frameworks)
        target = found.target if found is not None else None
        key, read = switched_key(node)
        client = openai_client(node)  # provider="openai": the model stays unprefixed
        other = other_route(node)
        dropped = ""  # another route: dropped, the model is then routed by its prefix
        if other is not None:
            dropped = (
                f"left: it is given {fw.PROVIDER_KEYWORD}={self.ctx.code(other.value)}, which "
                f"picks crewAI's route whatever the model. Drop {fw.PROVIDER_KEYWORD}="
            )
        if prefix is None and not client:
            advice = _unrouted(self.ctx, target or "<model>", True)
            lead = f"{dropped}: " if dropped else ""
            self.report(bases[0], f"{head}; {lead}{advice}", fix=FixClass.MANUAL)
            return
        why = ""
        if resolved is None or arg is None or resolved[0] is not arg.value:
            why = "its model is not a string written in the call"
        elif found is None or target is None:
            why = f"{provider.name}'s model table does not map it"
        elif key is not None and read is None:
            why = f"its {fw.KEY_KEYWORD}= is not a read of {fw.OPENAI_KEY_VARIABLE}"
        url = base_url_expr(provider, rules.base_url)
        model = target or "<model>" if client else f"{prefix}/{target or '<model>'}"
        if dropped or why:
            lead = f"{dropped} and give it" if dropped else f"left: {why}. Give it"
            self.report(
                bases[0],
                f'{head}; {lead} model="{model}", '
                + "".join(f"{n}={url}, " for n in names)
                + f"and {fw.KEY_KEYWORD}={key_expr(provider)} together, by hand",
                fix=FixClass.MANUAL,
            )
            return
        assert arg is not None and target is not None
        index = {id(a): i for i, a in enumerate(node.args)}
        values = {index[id(arg)]: string_like(arg.value, model)}
        values.update({index[id(a)]: url for a in bases})
        moved = f"{' and '.join(f'{n}=' for n in names)} at {provider.base_url_env}"
        if key is not None and read is not None:
            old = self.ctx.code(key.value)
            start = self.ctx.span(read).start - self.ctx.span(key.value).start
            name = string_like(read, provider.api_key_env)
            values[index[id(key)]] = old[:start] + name + old[start + len(self.ctx.code(read)) :]
            moved += f" and {fw.KEY_KEYWORD}= at {provider.api_key_env}"
        added = {}
        if client and key is None:  # else its OpenAI client sends OPENAI_API_KEY
            added[fw.KEY_KEYWORD] = key_expr(provider, at_import=self.ctx.at_import(node))
            moved += f" and a new {fw.KEY_KEYWORD}= at {provider.api_key_env}"
        new = rebuild_call(self.ctx, node, added, values=values)
        if client:
            note = f'{fw.PROVIDER_KEYWORD}="{fw.OPENAI_CLIENT}": crewAI\'s OpenAI client'
            route: dict[str, str] = {}
        else:
            assert prefix is not None
            note, route = fw.route_of(rules, prefix)
        self.report(
            arg.value,
            f"{head}; apply writes {model!r} and points {moved} together ({note}) for "
            f"{provider.name}",
            edit=narrowed_edit(self.ctx, node, new, (IMPORT_OS,)),
            data={"model_from": value, "model_to": model, **route},
        )

    def _llm_given(self, node: cst.Call, agent: bool) -> bool:
        """Whether `node` is given an llm or may be: `llm=`, arguments spread from what is
        not known, or for an agent (`agent`), the entry of its @CrewBase class's YAML it is
        built from giving one (`agent_config`)."""
        if argument(node, fw.AGENT_LLM, None) is not None:
            return True
        entry = agent_config(self.ctx, node) if agent else None
        if entry is not None:
            return entry.llm
        return passes_mapping(node)

    def _default(self, node: cst.Call) -> None:
        if self._llm_given(node, True):
            return
        provider = self.provider
        assert provider is not None
        default, named = fw.default_model(self.ctx.rules)
        target = self.ctx.rules.map_model(default) or "<model>"
        prefix = fw.route_prefix(provider.frameworks)
        entry = agent_config(self.ctx, node)
        nor = f" (nor does its config, entry {entry.agent!r} of {entry.file})" if entry else ""
        head = (
            f"{callee(node.func)}() is given no llm{nor}: it runs crewAI's default model "
            f"({', '.join(fw.MODEL_ENV[:-1])} or {fw.MODEL_ENV[-1]}, else {named}) "
            "at OpenAI, and no .env of the project sets it"
        )
        if prefix is None:
            advice = _unrouted(self.ctx, target, False)
            self.report(node.func, f"{head}; {advice}", fix=FixClass.MANUAL)
            return
        routed = f"{prefix}/{target}"
        note, route = fw.route_of(self.ctx.rules, prefix)
        entry_llm = f"write {fw.AGENT_LLM}: {routed} in that entry, " if entry else ""
        self.report(
            node.func,
            f'{head}; {entry_llm}pass llm="{routed}" or set {fw.MODEL_ENV[0]}={routed} in the .env '
            "(check sees a .env that .gitignore hides only with --no-gitignore); "
            f"{routed} takes {note}",
            fix=FixClass.MANUAL,
            data=route,
        )

    def _memory(self, node: cst.CSTNode, head: str, shape: str, imported: str = "") -> None:
        """Report crewAI memory given no llm at `node` (`head`: what analyses with the default
        model), with the llm to pass written in `shape` (`memory=Memory({})`)."""
        older, first = fw.MEMORY_LLM_BEFORE
        head = (
            f"{head} analyses what it saves and recalls with OpenAI's {fw.MEMORY_LLM} ({older} "
            f"before crewai {'.'.join(map(str, first))}), with {fw.MEMORY_LLM_KEY}"
        )
        if shape != "{}":
            head += f", whatever {fw.MODEL_ENV[0]} sets"
        advice, route = self._llm_advice(fw.MEMORY_LLM, fw.MEMORY_LLM_KEYWORD, shape, imported)
        self.report(node, f"{head}; {advice}", fix=FixClass.MANUAL, data=route)

    def _planning(self, node: cst.Call) -> None:
        """`Crew(planning=True)` given no `planning_llm`: it plans with OpenAI's model."""
        planning = argument(node, fw.PLANNING_KEYWORD, None)
        if planning is None or not _is_true(planning.value) or passes_mapping(node):
            return
        chosen = argument(node, fw.PLANNING_LLM_KEYWORD, None)
        if chosen is not None and not _is_none(chosen.value):
            return
        older, first = fw.PLANNING_LLM_BEFORE
        head = (
            f"{callee(node.func)}({fw.PLANNING_KEYWORD}=True) is given no "
            f"{fw.PLANNING_LLM_KEYWORD}: it plans with OpenAI's {fw.PLANNING_LLM} ({older} "
            f"before crewai {'.'.join(map(str, first))}), with {fw.MEMORY_LLM_KEY}, whatever "
            "its agents run"
        )
        advice, route = self._llm_advice(fw.PLANNING_LLM, fw.PLANNING_LLM_KEYWORD, "{}")
        self.report(planning.value, f"{head}; {advice}", fix=FixClass.MANUAL, data=route)

    def _llm_advice(
        self, default: str, keyword: str, shape: str, imported: str = ""
    ) -> tuple[str, dict[str, str]]:
        """What to pass as `keyword` (written in `shape`) instead of crewAI's `default`
        model: the provider's model on its route (`imported`: the import that needs), and the
        route's data (`fw.route_of`: apply's Next line names its variables)."""
        provider = self.provider
        assert provider is not None
        target = self.ctx.rules.map_model(default) or provider.tiers.get("fast") or "<model>"
        prefix = fw.route_prefix(provider.frameworks)
        if prefix is None:
            advice = _unrouted(self.ctx, target, False, shape, keyword)
            if imported:
                advice += f" ({imported.removesuffix('; ')})"
            return advice, {}
        routed = f"{prefix}/{target}"
        note, route = fw.route_of(self.ctx.rules, prefix)
        given = shape.format(f'{keyword}="{routed}"')
        return f"pass {given} ({imported}{routed} takes {note})", route


CREWAI_RULES = (CrewaiModel,)
