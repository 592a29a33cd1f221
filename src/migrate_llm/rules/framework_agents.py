"""Rules for the OpenAI Agents SDK (`agents`): its default client, API and tracing, its model
names, and what only OpenAI's Responses API can run (see `migrate_llm.frameworks.agents`)."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import libcst as cst

from migrate_llm.frameworks import agents as fw
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.rules.agents_providers import (
    AgentModel,
    OwnProviders,
    agent_model,
    config_uses_defaults,
    own_providers,
)
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr, literal
from migrate_llm.rules.framework_agents_runtime import AGENTS_RUNTIME_RULES
from migrate_llm.rules.framework_args import (
    argument,
    callee,
    dict_entries,
    insert_keywords,
    passes_mapping,
    qualified,
)
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword, last_name, string_value
from migrate_llm.rules.rewrite import string_like

# A module whose runs go through a model provider on the program's own server (examples)
_OWN_PROVIDER_RUN = (
    "from agents import Agent, ModelProvider, OpenAIChatCompletionsModel, RunConfig, Runner\n"
    "from openai import AsyncOpenAI\n\n"
    'box = AsyncOpenAI(base_url="http://127.0.0.1:8080/v1", api_key="none")\n\n\n'
    "class Box(ModelProvider):\n"
    "    def get_model(self, model_name):\n"
    '        return OpenAIChatCompletionsModel(model_name or "mistral", openai_client=box)\n\n\n'
    'agent = Agent(name="a")\n'
    'Runner.run_sync(agent, "hi", run_config=RunConfig(model_provider=Box()))\n'
)
_MODEL_CLASSES = {
    **fw.AGENT_CLASSES,
    **fw.RUN_CONFIG_CLASSES,
    **fw.CHAT_MODEL_CLASSES,
    **{name: ("model", 0) for name in fw.RESPONSES_MODEL_CLASSES},
}
_SETTER_NAMES = frozenset(
    f"agents.{name}" for name in (*fw.SETTERS, f"tracing.{fw.SET_TRACING_DISABLED}")
)
_HOSTED = frozenset(f"agents.{name}" for name in fw.HOSTED_TOOLS) | frozenset(
    f"agents.tool.{name}" for name in fw.HOSTED_TOOLS
)
_SESSIONS = frozenset(f"agents.{name}" for name in fw.SERVER_SESSIONS) | frozenset(
    f"agents.memory.{name}" for name in fw.SERVER_SESSIONS
)
_OPENAI_PREFIX = "openai/"  # MultiProvider: "openai/gpt-4o" is OpenAI's gpt-4o (multi_provider.py)


def _model_arg(ctx: PythonContext, call: cst.Call) -> tuple[str, cst.Arg | None] | None:
    """(class, its model argument) when `call` builds one of the SDK's model-taking classes."""
    cls = qualified(ctx, call.func, _MODEL_CLASSES)
    if cls is None:
        return None
    name, position = _MODEL_CLASSES[cls]
    return cls, argument(call, name, position)


def agents_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literals written in the SDK's model arguments (ML631 maps them), and the
    model of a server-side session (ML632 reports the session)."""
    found = _model_arg(ctx, call)
    if found is not None and found[1] is not None and string_value(found[1].value) is not None:
        yield found[1].value
    elif found is None and qualified(ctx, call.func, _SESSIONS) is not None:
        model = argument(call, "model", None)
        if model is not None and string_value(model.value) is not None:
            yield model.value


def _openai_model(ctx: PythonContext, value: str) -> str | None:
    """The OpenAI model id a model string of the SDK names, or None."""
    model = value[len(_OPENAI_PREFIX) :] if value.startswith(_OPENAI_PREFIX) else value
    if "/" in model or not ctx.rules.openai.serves(model):
        return None
    return model


class AgentsSdkDefaults(PythonRule):
    """A module that builds Agents of the OpenAI Agents SDK with its OpenAI defaults.

    ## What it does
    Finds the first `agents.Agent(...)` of a module that does not set the SDK's default
    client, API and tracing (`set_default_openai_client`, `set_default_openai_api`,
    `set_tracing_disabled`, however imported), or the first `OpenAIProvider(...)` /
    `MultiProvider(...)` built there (`OpenAIProvider().get_model(...)` asks OpenAI too); an
    Agent on a model that does not use the default client only where the module has no other.
    An OpenAI provider given a client of its own (`api_key=`, `base_url=`, ... or their
    `openai_` forms on MultiProvider), `use_responses=True`, or `**` arguments is reported
    by itself (manual): the defaults do not reach it.

    ## Why
    By default the SDK sends every Agent request to OpenAI's Responses API (`/responses`)
    with `OPENAI_API_KEY`, and uploads traces to OpenAI with the same key. The providers serve
    chat completions only, and a trace upload from mainland China is blocked (and would send
    prompts to OpenAI).

    ## Fix (review)
    `apply` adds, once per module, after the imports:
    `set_default_openai_client(AsyncOpenAI(api_key=..., base_url=...), use_for_tracing=False)`
    (the key from the provider's variable, the base URL from its base-URL variable with the
    official URL as default), `set_default_openai_api("chat_completions")` and
    `set_tracing_disabled(True)`. They are process-wide: one module that runs first is
    enough, and a second copy in another module is harmless. Only the missing ones are added.
    In a module that loads a `.env` file at module level (`load_dotenv()`, however imported),
    they go below the last load (and the imports right below it): the client reads the key
    where it is built, and the key may be in that file (the SDK read OPENAI_API_KEY only when
    a run needed it).
    Where every Runner call of the module passes a model provider of its own
    (`RunConfig(model_provider=...)`, not the SDK's OpenAIProvider or MultiProvider: see
    ML631), only tracing is turned off: that provider serves the requests with its own client,
    and the note says the client and API setters are left out. So it is where no Agent of the
    module uses the SDK's default client, each running on a model of its own: a LiteLLM or
    any-llm model (`LitellmModel(...)`, `AnyLLMModel(...)`, `model="litellm/..."` or
    `"any-llm/..."`) or an `OpenAIChatCompletionsModel` / `OpenAIResponsesModel` given a
    client (ML001 and ML003 look after that client); a module with other Agents, or with a
    `RunConfig(model="...")` (a name the SDK looks up through its default client, whatever
    the Agents run on), gets the whole setup, at the first of those. Manual for an OpenAI
    provider with a client of its own: the message gives the code to write,
    `OpenAIProvider(openai_client=AsyncOpenAI(api_key=..., base_url=...), use_responses=False)`.
    """

    code = "ML630"
    name = "agents-sdk-defaults"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "from agents import Agent, Runner\n\n"
            'agent = Agent(name="a", instructions="Be brief.", model="gpt-4o")\n'
            'print(Runner.run_sync(agent, "hi").final_output)\n',
            provider="acme",
            message="Agent() of the OpenAI Agents SDK calls OpenAI's Responses API with "
            "OPENAI_API_KEY and uploads traces to OpenAI; apply sets the SDK's default client "
            "for Acme Cloud (key from ACME_API_KEY, base URL from ACME_BASE_URL, default "
            "https://api.acme.example/v1), the chat completions API, and tracing off",
            after="import os\n\n"
            "from agents import (\n    Agent,\n    Runner,\n    set_default_openai_api,\n"
            "    set_default_openai_client,\n    set_tracing_disabled,\n)\n"
            "from openai import AsyncOpenAI\n\n"
            "set_default_openai_client(\n    AsyncOpenAI(\n"
            '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    ),\n    use_for_tracing=False,\n)\n"
            'set_default_openai_api("chat_completions")\n'
            "set_tracing_disabled(True)\n\n"
            'agent = Agent(name="a", instructions="Be brief.", model="gpt-4o")\n'
            'print(Runner.run_sync(agent, "hi").final_output)\n',
        ),
        Example(
            "from agents import Agent\nfrom dotenv import load_dotenv\n\nload_dotenv()\n"
            'agent = Agent(name="a", model="acme-large")\n',
            provider="acme",
            message="Agent() of the OpenAI Agents SDK calls OpenAI's Responses API with "
            "OPENAI_API_KEY and uploads traces to OpenAI; apply sets the SDK's default client "
            "for Acme Cloud (key from ACME_API_KEY, base URL from ACME_BASE_URL, default "
            "https://api.acme.example/v1), the chat completions API, and tracing off, below "
            "the load of the .env file on line 4",
            after="import os\n\nfrom agents import (\n    Agent,\n    set_default_openai_api,\n"
            "    set_default_openai_client,\n    set_tracing_disabled,\n)\n"
            "from dotenv import load_dotenv\nfrom openai import AsyncOpenAI\n\n"
            "load_dotenv()\n"
            "set_default_openai_client(\n    AsyncOpenAI(\n"
            '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    ),\n    use_for_tracing=False,\n)\n"
            'set_default_openai_api("chat_completions")\n'
            "set_tracing_disabled(True)\n"
            'agent = Agent(name="a", model="acme-large")\n',
        ),
        Example(
            'import agents\n\nagents.set_tracing_disabled(True)\nagent = agents.Agent(name="a")\n',
            provider="acme",
            after="import os\n\nimport agents\nfrom agents import set_default_openai_api, "
            "set_default_openai_client\nfrom openai import AsyncOpenAI\n\n"
            "set_default_openai_client(\n    AsyncOpenAI(\n"
            '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    ),\n    use_for_tracing=False,\n)\n"
            'set_default_openai_api("chat_completions")\n\n'
            'agents.set_tracing_disabled(True)\nagent = agents.Agent(name="a")\n',
        ),
        Example(
            'from agents import Agent\nagent = Agent(name="a")\n',
            message="Agent() of the OpenAI Agents SDK calls OpenAI's Responses API with "
            "OPENAI_API_KEY and uploads traces to OpenAI; `migrate-llm apply --provider ID` "
            "points it at a provider",
        ),
        Example(
            "from agents.models.openai_provider import OpenAIProvider\n\n"
            'model = OpenAIProvider().get_model("acme-large")\n',
            provider="acme",
            message="OpenAIProvider() of the OpenAI Agents SDK calls OpenAI's Responses API "
            "with OPENAI_API_KEY and uploads traces to OpenAI; apply sets the SDK's default "
            "client for Acme Cloud (key from ACME_API_KEY, base URL from ACME_BASE_URL, "
            "default https://api.acme.example/v1), the chat completions API, and tracing off",
            after="import os\n\nfrom agents import (\n    set_default_openai_api,\n"
            "    set_default_openai_client,\n    set_tracing_disabled,\n)\n"
            "from agents.models.openai_provider import OpenAIProvider\n"
            "from openai import AsyncOpenAI\n\n"
            "set_default_openai_client(\n    AsyncOpenAI(\n"
            '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    ),\n    use_for_tracing=False,\n)\n"
            'set_default_openai_api("chat_completions")\n'
            "set_tracing_disabled(True)\n\n"
            'model = OpenAIProvider().get_model("acme-large")\n',
        ),
        Example(
            "from agents import MultiProvider\n\n"
            "provider = MultiProvider(openai_api_key=key, openai_use_responses=True)\n",
            provider="acme",
            message="MultiProvider() of the OpenAI Agents SDK builds its own OpenAI client "
            "(openai_api_key=), which the SDK's default client does not replace: write "
            "MultiProvider(openai_client=AsyncOpenAI(api_key=os.environ"
            '["ACME_API_KEY"], base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1")), openai_use_responses=False) for Acme Cloud',
        ),
        Example(
            "class Agent:\n    def __init__(self, name):\n        self.name = name\n\n\n"
            'agent = Agent(name="a")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            _OWN_PROVIDER_RUN,
            provider="acme",
            message="Agent() of the OpenAI Agents SDK uploads traces to OpenAI with "
            "OPENAI_API_KEY; apply sets tracing off, and leaves out set_default_openai_client() "
            "and set_default_openai_api(): this module's runs pass their own model provider "
            "(model_provider=Box() on line 13)",
            after="from agents import (\n    Agent,\n    ModelProvider,\n"
            "    OpenAIChatCompletionsModel,\n    RunConfig,\n    Runner,\n"
            "    set_tracing_disabled,\n)\nfrom openai import AsyncOpenAI\n\n"
            "set_tracing_disabled(True)\n" + _OWN_PROVIDER_RUN.split("\n", 2)[2],
        ),
        Example(
            "from agents import Agent\n"
            "from agents.extensions.models.litellm_model import LitellmModel\n\n"
            'agent = Agent(name="a", model=LitellmModel(model="openrouter/x"))\n',
            provider="acme",
            message="Agent() of the OpenAI Agents SDK uploads traces to OpenAI with "
            "OPENAI_API_KEY; apply sets tracing off, and leaves out set_default_openai_client() "
            "and set_default_openai_api(): this module's Agents run on models that do not use "
            'the SDK\'s default client (model=LitellmModel(model="openrouter/x") on line 4)',
            after="from agents import Agent, set_tracing_disabled\n"
            "from agents.extensions.models.litellm_model import LitellmModel\n\n"
            "set_tracing_disabled(True)\n\n"
            'agent = Agent(name="a", model=LitellmModel(model="openrouter/x"))\n',
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done = False

    def visit_Call(self, node: cst.Call) -> None:
        by_provider = qualified(self.ctx, node.func, fw.OPENAI_PROVIDERS) is not None
        model: AgentModel | None = None
        if by_provider:
            if self._own_client(node):
                return
        elif qualified(self.ctx, node.func, fw.AGENT_CLASSES) is None:
            if not config_uses_defaults(self.ctx, node):
                return
        else:
            model = agent_model(self.ctx, node)
            if model is not None and self.defaults_used:
                return  # the setup goes with an Agent or provider that uses the defaults
        if self.done:
            return
        self.done = True
        missing = [name for name in _SETUP_ORDER if name not in self.present]
        if not missing:
            return
        traces = (
            f"{callee(node.func)}() of the OpenAI Agents SDK uploads traces to OpenAI with "
            "OPENAI_API_KEY"
        )
        head = (
            f"{callee(node.func)}() of the OpenAI Agents SDK calls OpenAI's Responses API "
            "with OPENAI_API_KEY and uploads traces to OpenAI"
        )
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching or rules.base_url is None:
            if provider is None and model is None:
                self.report(
                    node.func,
                    f"{head}; `migrate-llm apply --provider ID` points it at a provider",
                    fix=FixClass.MANUAL,
                )
            elif provider is None and fw.SET_TRACING_DISABLED in missing:
                self.report(
                    node.func,
                    f"{traces}; `migrate-llm apply --provider ID` turns tracing off",
                    fix=FixClass.MANUAL,
                )
            return
        own = None if by_provider or model is not None else own_providers(self.ctx)
        left: list[str] = []  # the setters needless where no request uses the default client
        because = ""  # why they are
        if model is not None or (own is not None and own.every_run and own.routed is None):
            # the Agents' models, or the runs' own provider, serve every request with a
            # client of their own
            if model is not None:
                runs_on = (
                    f"runs on a model that does not use the SDK's default client ({model.shown})"
                )
                because = (
                    "this module's Agents run on models that do not use the SDK's default "
                    f"client ({model.shown})"
                )
                head = traces
            else:
                assert own is not None
                runs_on = f"runs through the model provider this module's runs pass ({own.shown})"
                because = f"this module's runs pass their own model provider ({own.shown})"
            left = [name for name in missing if name in _PROVIDER_SETUP]
            missing = [name for name in missing if name not in _PROVIDER_SETUP]
            if left and not missing:
                self.report(
                    node.func,
                    f"{callee(node.func)}() of the OpenAI Agents SDK {runs_on}: apply leaves out "
                    + " and ".join(f"{name}()" for name in left),
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                )
                return
            if left:
                head = traces
        client = (
            f"AsyncOpenAI(api_key={key_expr(provider, at_import=True)}, "
            f"base_url={base_url_expr(provider, rules.base_url)})"
        )
        statements = {
            fw.SET_CLIENT: f"{fw.SET_CLIENT}({client}, use_for_tracing=False)",
            fw.SET_API: f"{fw.SET_API}({literal(fw.CHAT_API)})",
            fw.SET_TRACING_DISABLED: f"{fw.SET_TRACING_DISABLED}(True)",
        }
        imports = [f"from agents import {name}" for name in missing]
        if fw.SET_CLIENT in missing:
            imports = [IMPORT_OS, "from openai import AsyncOpenAI", *imports]
        written = [statements[name] for name in missing]
        below = self.ctx.below_env_file_loads()
        if below is None:
            at = self.ctx.span(node).start
            edit = Edit(Span(at, at), "", tuple(imports), tuple(written))
        else:  # below the load: the key may be in the .env file (the SDK read it lazily)
            at, _, after_imports = below
            text = "\n" * after_imports + "".join(f"{s}\n" for s in written)
            edit = Edit(Span(at, at), text, tuple(imports))
        done = {
            fw.SET_CLIENT: f"the SDK's default client for {provider.name} (key from "
            f"{provider.api_key_env}, base URL from {provider.base_url_env}, default "
            f"{rules.base_url})",
            fw.SET_API: "the chat completions API",
            fw.SET_TRACING_DISABLED: "tracing off",
        }
        parts = [done[name] for name in missing]
        what = ", ".join(parts[:-1]) + ", and " + parts[-1] if len(parts) > 1 else parts[0]
        if left:
            what += (
                ", and leaves out " + " and ".join(f"{name}()" for name in left) + f": {because}"
            )
        if below is not None:
            what += f", below the load of the .env file on {self.ctx.line_label(below[1])}"
        self.report(node.func, f"{head}; apply sets {what}", edit=edit)

    def _settings(self, node: cst.Call) -> tuple[str, list[str], bool]:
        """Of an OpenAI provider of the SDK: the prefix of its keywords (`openai_` on
        MultiProvider), those that build a client of its own, and whether it asks for the
        Responses API."""
        prefix = (
            fw.MULTI_PROVIDER_PREFIX
            if qualified(self.ctx, node.func, fw.MULTI_PROVIDERS) is not None
            else ""
        )
        given = [
            arg.keyword.value
            for arg in node.args
            if arg.keyword is not None
            and arg.keyword.value.removeprefix(prefix)
            in fw.PROVIDER_CLIENT_KEYWORDS - {"openai_client"}
            and arg.keyword.value.startswith(prefix)
            and self.ctx.code(arg.value) != "None"
        ]
        responses = keyword(node, prefix + fw.PROVIDER_RESPONSES_KEYWORD)
        asks = responses is not None and self.ctx.code(responses.value) not in ("None", "False")
        return prefix, given, asks

    def _takes_defaults(self, node: cst.Call) -> bool:
        """Whether an OpenAI provider of the SDK uses its default client and API."""
        _, given, asks = self._settings(node)
        return not given and not asks and not passes_mapping(node)

    @functools.cached_property
    def defaults_used(self) -> bool:
        """Whether an Agent or an OpenAI provider of the module uses the SDK's default client
        (an Agent given a model of its own, `agent_model`, does not)."""
        ctx = self.ctx
        for node in ctx.nodes:
            if not isinstance(node, cst.Call):
                continue
            if qualified(ctx, node.func, fw.OPENAI_PROVIDERS) is not None:
                if self._takes_defaults(node):
                    return True
            elif (
                qualified(ctx, node.func, fw.AGENT_CLASSES) is not None
                and agent_model(ctx, node) is None
            ) or config_uses_defaults(ctx, node):
                return True
        return False

    def _own_client(self, node: cst.Call) -> bool:
        """Reports an OpenAI provider of the SDK that builds a client of its own (`api_key=`,
        `base_url=`, ...) or asks for the Responses API (`use_responses=True`), which the
        SDK's defaults do not change; False where it takes them (ML630's setup)."""
        if self._takes_defaults(node):
            return False
        prefix, given, asks = self._settings(node)
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching or rules.base_url is None:
            return True
        shown = callee(node.func)
        if given:
            why = (
                "builds its own OpenAI client ("
                + ", ".join(f"{key}=" for key in given)
                + "), which the SDK's default client does not replace"
            )
        elif asks:
            why = f"asks for OpenAI's Responses API ({prefix}{fw.PROVIDER_RESPONSES_KEYWORD}=)"
        else:
            why = "is given arguments not shown here (**), which may build an OpenAI client"
        client = (
            f"AsyncOpenAI(api_key={key_expr(provider)}, "
            f"base_url={base_url_expr(provider, rules.base_url)})"
        )
        self.report(
            node.func,
            f"{shown}() of the OpenAI Agents SDK {why}: write {shown}(openai_client="
            f"{client}, {prefix}{fw.PROVIDER_RESPONSES_KEYWORD}=False) for {provider.name}",
            fix=FixClass.MANUAL,
        )
        return True

    @functools.cached_property
    def present(self) -> frozenset[str]:
        """The SDK setters the module calls anywhere (by qualified name)."""
        ctx = self.ctx
        found: set[str] = set()

        class Calls(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> None:
                if last_name(node.func) in fw.SETTERS:
                    for name in ctx.qualnames(node.func) & _SETTER_NAMES:
                        found.add(name.rsplit(".", 1)[-1])

        ctx.module.visit(Calls())
        return frozenset(found)


_SETUP_ORDER = (fw.SET_CLIENT, fw.SET_API, fw.SET_TRACING_DISABLED)
_PROVIDER_SETUP = (fw.SET_CLIENT, fw.SET_API)  # what only the SDK's OpenAI provider reads


class AgentsModel(PythonRule):
    """An OpenAI model name given to the Agents SDK, or an Agent left on the SDK's default model.

    ## What it does
    Finds `Agent(model="gpt-4o")`, `RunConfig(model=...)`, `OpenAIChatCompletionsModel(model=...,
    openai_client=...)` (and `OpenAIResponsesModel`) with an OpenAI model literal (also
    written `"openai/gpt-4o"`), and `Agent(...)` without `model=`.

    ## Why
    The provider does not know OpenAI's model names. An Agent without `model=` uses the SDK's
    default, an OpenAI model (`gpt-5.6-luna` in 0.22, read from `OPENAI_DEFAULT_MODEL`).

    ## Fix (review)
    `apply` writes the provider's model from its model table (`--model OLD=NEW` wins); an
    Agent without `model=` gets the model the table gives the SDK's default (else the
    provider's flagship). A model the table does not know is left for a person. A model held
    in a constant is mapped where the constant is written (ML204).

    A run asks its `RunConfig.model_provider` for the model, and a provider of the program's
    own chooses it for an Agent without `model=`. In a module that passes one
    (`model_provider=` of a `RunConfig` or of a run's config dict, other than the SDK's
    OpenAIProvider and MultiProvider) or defines one (a `ModelProvider` whose `get_model`
    builds its model on a client `apply` leaves where it points, ML003), such an Agent is
    left: a note where
    every Runner call of the module passes one, else manual (which Agents a run reaches is
    not followed). Through the SDK's LitellmProvider or AnyLLMProvider, which hand the name to
    another library and the SDK's OpenAI default for none, it is manual too.
    """

    code = "ML631"
    name = "agents-model"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    examples = (
        Example(
            'from agents import Agent\nagent = Agent(name="a", model="gpt-4o")\n',
            provider="acme",
            message="model='gpt-4o' of Agent() is an OpenAI model; apply writes 'acme-large' "
            "for Acme Cloud",
            after='from agents import Agent\nagent = Agent(name="a", model="acme-large")\n',
        ),
        Example(
            "from agents import Agent\n"
            'agent = Agent(\n    name="a",\n    instructions="Be brief.",\n)\n',
            provider="acme",
            message="Agent() has no model=, so it uses the SDK's default, OpenAI's "
            "'gpt-5.6-luna'; apply writes model='acme-large' for Acme Cloud",
            after="from agents import Agent\n"
            'agent = Agent(\n    model="acme-large",\n    name="a",\n'
            '    instructions="Be brief.",\n)\n',
        ),
        Example(
            "from agents import OpenAIChatCompletionsModel\n"
            'm = OpenAIChatCompletionsModel("openai/gpt-4o-mini", openai_client=client)\n',
            provider="acme",
            after="from agents import OpenAIChatCompletionsModel\n"
            'm = OpenAIChatCompletionsModel("acme-small", openai_client=client)\n',
        ),
        Example(
            'from agents import Agent\nagent = Agent(name="a", model="o3-pro")\n',
            provider="acme",
            message="model='o3-pro' of Agent() is an OpenAI model that Acme Cloud's model "
            "table does not map; choose one of acme-large, acme-medium, acme-small",
        ),
        Example(
            'from agents import Agent\nagent = Agent(name="a", model="acme-large")\n',
            provider="acme",
            finds=False,
        ),
        Example('from agents import Agent\nagent = Agent(name="a", model="gpt-4o")\n', finds=False),
        Example(
            _OWN_PROVIDER_RUN,
            provider="acme",
            message="Agent() has no model=, so the model provider this module's runs pass "
            "(model_provider=Box() on line 13) chooses its model: apply leaves it",
            after=_OWN_PROVIDER_RUN,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching:
            return
        found = _model_arg(self.ctx, node)
        if found is None:
            return
        cls, arg = found
        shown = f"{callee(node.func)}()"
        if arg is None:
            if cls in fw.AGENT_CLASSES and not passes_mapping(node):
                self._default_model(node, shown)
            return
        value = string_value(arg.value)
        if value is None:
            return
        model = _openai_model(self.ctx, value)
        if model is None or provider.serves(value):
            return
        new = rules.map_model(model)
        if new is None:
            choices = ", ".join(provider.candidates())
            self.report(
                arg.value,
                f"model={value!r} of {shown} is an OpenAI model that {provider.name}'s model "
                f"table does not map; choose one of {choices}",
                fix=FixClass.MANUAL,
                data={"model_from": value},
            )
            return
        text = string_like(arg.value, new)
        self.report(
            arg.value,
            f"model={value!r} of {shown} is an OpenAI model; apply writes {new!r} for "
            f"{provider.name}",
            edit=Edit(self.ctx.span(arg.value), text),
            data={"model_from": value, "model_to": new},
        )

    def _default_model(self, node: cst.Call, shown: str) -> None:
        provider = self.provider
        assert provider is not None
        own = own_providers(self.ctx)
        if own is not None:
            self._own_provider_model(node, shown, own)
            return
        new = self.ctx.rules.map_model(fw.DEFAULT_MODEL) or provider.tiers.get("flagship")
        head = f"{shown} has no model=, so it uses the SDK's default, OpenAI's {fw.DEFAULT_MODEL!r}"
        if new is None:
            self.report(
                node.func,
                f"{head}; give it one of {provider.name}'s models",
                fix=FixClass.MANUAL,
                data={"model_from": fw.DEFAULT_MODEL},
            )
            return
        self.report(
            node.func,
            f"{head}; apply writes model={new!r} for {provider.name}",
            edit=insert_keywords(self.ctx, node, {"model": literal(new)}),
            data={"model_from": fw.DEFAULT_MODEL, "model_to": new},
        )

    def _own_provider_model(self, node: cst.Call, shown: str, own: OwnProviders) -> None:
        """An Agent without `model=` in a module that runs agents through a model provider
        of its own: left, a note where every run of the module passes one."""
        provider = self.provider
        assert provider is not None
        head = f"{shown} has no model="
        choose = (
            f"give it one of {provider.name}'s models if a run without that provider reaches it"
        )
        if own.routed is not None:
            routed, library = own.routed
            message = (
                f"{head}: this module runs agents through {routed}, which hands {library} the "
                "model name, and for an Agent without one the SDK's default, OpenAI's "
                f"{fw.DEFAULT_MODEL!r}: apply leaves it; give it {provider.name}'s model as "
                f"{library} names it, by hand"
            )
        elif own.every_run:
            self.report(
                node.func,
                f"{head}, so the model provider this module's runs pass ({own.shown}) chooses "
                "its model: apply leaves it",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
            return
        elif own.other_run is not None:
            message = (
                f"{head}: this module has a model provider of its own ({own.shown}), but not "
                f"every run passes it ({own.other_run}), and which runs reach this Agent is "
                f"not followed: apply leaves it; {choose}"
            )
        else:
            message = (
                f"{head}: this module has a model provider of its own ({own.shown}) and runs "
                "no agent itself, so which provider chooses this Agent's model is not known "
                f"here: apply leaves it; {choose}"
            )
        self.report(node.func, message, fix=FixClass.MANUAL, data={"model_from": fw.DEFAULT_MODEL})


class AgentsResponsesOnly(PythonRule):
    """Agents SDK code that only OpenAI's Responses API can run.

    ## What it does
    Finds `OpenAIResponsesModel(...)`; the hosted tools (`WebSearchTool`, `FileSearchTool`,
    `CodeInterpreterTool`, `ImageGenerationTool`, `ComputerTool`, `HostedMCPTool`,
    `LocalShellTool`, `ToolSearchTool`, `ShellTool`, `ApplyPatchTool`, `CustomTool`,
    `ProgrammaticToolCallingTool`); the function-tool features only Responses models take
    (`allowed_callers=`, `defer_loading=`, `output_type=`, `output_json_schema=` of
    `function_tool` / `@tool` / `FunctionTool`, and `tool_namespace(...)`);
    `ModelSettings(tool_choice="programmatic_tool_calling")`; the sessions kept on OpenAI's
    servers (`OpenAIConversationsSession`, `OpenAIResponsesCompactionSession`); a run's
    `previous_response_id=` and `conversation_id=`; `Agent(prompt=...)`;
    `responses_websocket_session()`; and an input item's file part given by URL
    (`{"type": "input_file", "file_url": ...}`) in a module that builds or runs an Agent.

    ## Why
    The providers serve chat completions, not `/responses`. The SDK's chat completions model
    refuses hosted tools (`UserError: Hosted tools are not supported with the ChatCompletions
    API`: OpenAI runs them on its side), Responses-only tool features and the programmatic
    tool choice. It ignores a stored prompt template and a previous response or conversation
    id: the run goes on without that prompt or history. The websocket session always calls
    the Responses API. The chat completions converter takes a file part's `file_data` or
    `file_id` only, and raises UserError for one given by URL before any request (t57b:
    basic/remote_pdf, check green, run failing).

    ## Fix
    Review: `apply` replaces `OpenAIResponsesModel` with `OpenAIChatCompletionsModel` (same
    `model`, `openai_client` arguments). Manual: replace a hosted tool with a `@function_tool`
    of your own (a search API, a vector store you host) or drop it; drop the Responses-only
    tool feature or tool choice; replace a server-side session with a local one
    (`SQLiteSession`); send the history yourself (`result.to_input_list()` plus the new turn
    as the next run's input, or a local session) instead of a response or conversation id;
    write the stored prompt's text as `instructions=`; run `Runner.run` / `run_streamed`
    without the websocket session; download a file given by URL and send its text (or its
    content as `file_data`, a base64 data URL, where the provider reads file parts).
    """

    code = "ML632"
    name = "agents-responses-only"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from agents import Agent, WebSearchTool\n"
            'agent = Agent(name="a", model="acme-large", tools=[WebSearchTool()])\n',
            provider="acme",
            message="WebSearchTool() is a hosted tool that only OpenAI's Responses API runs; "
            "the chat completions API of Acme Cloud rejects it: replace it with a "
            "@function_tool of your own or remove it",
        ),
        Example(
            "from agents import OpenAIResponsesModel\n"
            'm = OpenAIResponsesModel(model="acme-large", openai_client=client)\n',
            provider="acme",
            message="OpenAIResponsesModel() calls the Responses API, which Acme Cloud does not "
            "serve; apply uses OpenAIChatCompletionsModel (same arguments)",
            after="from agents import OpenAIChatCompletionsModel\n"
            'm = OpenAIChatCompletionsModel(model="acme-large", openai_client=client)\n',
        ),
        Example(
            "import agents\n"
            'm = agents.OpenAIResponsesModel(model="acme-large", openai_client=client)\n',
            provider="acme",
            after="import agents\n"
            'm = agents.OpenAIChatCompletionsModel(model="acme-large", openai_client=client)\n',
        ),
        Example(
            "from agents import OpenAIConversationsSession\n"
            "session = OpenAIConversationsSession()\n",
            provider="acme",
            message="OpenAIConversationsSession() keeps the conversation on OpenAI's servers "
            "(Conversations or Responses API), which Acme Cloud does not offer: use a local "
            "session (SQLiteSession) instead",
        ),
        Example(
            "from agents import Agent, ShellTool\n"
            'agent = Agent(name="a", tools=[ShellTool(environment={"type": "container_auto"})])\n',
            provider="acme",
            message="ShellTool() is a hosted tool that only OpenAI's Responses API runs; the "
            "chat completions API of Acme Cloud rejects it: replace it with a @function_tool "
            "of your own or remove it",
        ),
        Example(
            "from agents import function_tool\n\n\n"
            '@function_tool(allowed_callers=["programmatic"])\n'
            "def stock(sku: str) -> int:\n    return 3\n",
            provider="acme",
            message="allowed_callers= of function_tool() is a tool feature that only OpenAI's "
            "Responses models take; with the chat completions API of Acme Cloud the SDK "
            "raises UserError for this tool: remove it",
        ),
        Example(
            "from agents import ModelSettings\n"
            'settings = ModelSettings(tool_choice="programmatic_tool_calling")\n',
            provider="acme",
            message="tool_choice='programmatic_tool_calling' of ModelSettings() is only taken by "
            "OpenAI's Responses models; with the chat completions API of Acme Cloud the SDK "
            "raises UserError: use 'auto' or remove it",
        ),
        Example(
            "from agents import Runner\n\n\nasync def ask(agent, r):\n"
            '    return await Runner.run(agent, "And then?", '
            "previous_response_id=r.last_response_id)\n",
            provider="acme",
            message="previous_response_id= of Runner.run() names state kept by OpenAI's "
            "Responses API; on the chat completions API of Acme Cloud the SDK ignores it and "
            "sends the turn without the history: pass the history as the input instead "
            '(r.to_input_list() + [{"role": "user", "content": ...}]) or use a local session '
            "(SQLiteSession)",
        ),
        Example(
            "from agents import Agent\n"
            'agent = Agent(name="a", model="acme-large", prompt={"id": "pmpt_1"})\n',
            provider="acme",
            message="prompt= of Agent() is a prompt template stored on OpenAI, which only the "
            "Responses API reads; on the chat completions API of Acme Cloud the SDK ignores "
            "it: write the prompt's text as instructions= instead",
        ),
        Example(
            "from agents import responses_websocket_session\n\n\nasync def main(agent):\n"
            "    async with responses_websocket_session() as ws:\n"
            '        await ws.run(agent, "hi")\n',
            provider="acme",
            message="responses_websocket_session() runs agents on OpenAI's Responses API over a "
            "websocket, which Acme Cloud does not serve: use Runner.run() or "
            "Runner.run_streamed() instead",
        ),
        Example(
            "from agents import Runner\n\n\nasync def ask(agent, url):\n"
            '    part = {"type": "input_file", "file_url": url}\n'
            '    return await Runner.run(agent, [{"role": "user", "content": [part]}])\n',
            provider="acme",
            message='an "input_file" part given by file_url is read only by OpenAI\'s Responses '
            'API; on the chat completions API of Acme Cloud the SDK raises UserError ("Only '
            'file_data or file_id is supported for input_file") before any request: download '
            "the file and send its text, or its content as file_data (a base64 data URL) where "
            "the provider reads file parts",
        ),
        Example(
            'part = {"type": "input_file", "file_url": url}\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from agents import WebSearchTool\ntool = WebSearchTool()\n",
            provider="openai",
            finds=False,
        ),
        Example(
            "from agents import function_tool\n\n\n"
            "@function_tool(defer_loading=False, output_type=None)\n"
            "def stock(sku: str) -> int:\n    return 3\n",
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching:
            return
        shown = f"{callee(node.func)}()"
        if qualified(self.ctx, node.func, _HOSTED) is not None:
            self.report(
                node,
                f"{shown} is a hosted tool that only OpenAI's Responses API runs; the chat "
                f"completions API of {provider.name} rejects it: replace it with a "
                "@function_tool of your own or remove it",
            )
            return
        if qualified(self.ctx, node.func, _SESSIONS) is not None:
            self.report(
                node,
                f"{shown} keeps the conversation on OpenAI's servers (Conversations or "
                f"Responses API), which {provider.name} does not offer: use a local session "
                "(SQLiteSession) instead",
            )
            return
        if self._features(node, shown, provider.name):
            return
        if qualified(self.ctx, node.func, fw.RESPONSES_MODEL_CLASSES) is None:
            return
        func = node.func
        if isinstance(func, cst.Attribute):
            edit = Edit(self.ctx.span(func.attr), fw.CHAT_MODEL_CLASS)
        else:
            edit = Edit(
                self.ctx.span(func),
                fw.CHAT_MODEL_CLASS,
                (f"from agents import {fw.CHAT_MODEL_CLASS}",),
            )
        self.report(
            node.func,
            f"{shown} calls the Responses API, which {provider.name} does not serve; apply "
            f"uses {fw.CHAT_MODEL_CLASS} (same arguments)",
            fix=FixClass.REVIEW,
            edit=edit,
        )

    def _features(self, node: cst.Call, shown: str, name: str) -> bool:
        """Reports the Responses-only features `node` asks for; whether it is one of the
        calls that may (a tool factory, ModelSettings, a run, an Agent, the websocket)."""
        ctx = self.ctx
        chat = f"the chat completions API of {name}"
        if qualified(ctx, node.func, fw.FUNCTION_TOOL_FACTORIES) is not None:
            for key, default in fw.RESPONSES_ONLY_TOOL_KEYWORDS.items():
                arg = keyword(node, key)
                if arg is not None and ctx.code(arg.value) != default:
                    self.report(
                        arg,
                        f"{key}= of {shown} is a tool feature that only OpenAI's Responses "
                        f"models take; with {chat} the SDK raises UserError for this tool: "
                        "remove it",
                    )
            return True
        if qualified(ctx, node.func, fw.TOOL_NAMESPACE) is not None:
            self.report(
                node.func,
                f"{shown} groups tools for the tool search of OpenAI's Responses models; with "
                f"{chat} the SDK raises UserError for its tools: pass them as plain tools",
            )
            return True
        if qualified(ctx, node.func, fw.MODEL_SETTINGS_CLASSES) is not None:
            arg = keyword(node, "tool_choice")
            value = None if arg is None else string_value(arg.value)
            if arg is not None and value in fw.RESPONSES_TOOL_CHOICES:
                self.report(
                    arg,
                    f"tool_choice={value!r} of {shown} is only taken by OpenAI's Responses "
                    f"models; with {chat} the SDK raises UserError: use 'auto' or remove it",
                )
            return True
        if qualified(ctx, node.func, fw.RUNNER_CALLS) is not None:
            for key in fw.RESPONSES_RUN_KEYWORDS:
                arg = keyword(node, key)
                if arg is None or ctx.code(arg.value) == "None":
                    continue
                state = _prior_result(ctx, arg.value)
                self.report(
                    arg,
                    f"{key}= of {ctx.code(node.func)}() names state kept by OpenAI's "
                    f"Responses API; on {chat} the SDK ignores it and sends the turn without "
                    "the history: pass the "
                    f"history as the input instead ({state}.to_input_list() + "
                    '[{"role": "user", "content": ...}]) or use a local session (SQLiteSession)',
                )
            return True
        if qualified(ctx, node.func, fw.AGENT_CLASSES) is not None:
            arg = keyword(node, fw.AGENT_PROMPT)
            if arg is not None and ctx.code(arg.value) != "None":
                self.report(
                    arg,
                    f"{fw.AGENT_PROMPT}= of {shown} is a prompt template stored on OpenAI, "
                    f"which only the Responses API reads; on {chat} the SDK ignores it: write "
                    "the prompt's text as instructions= instead",
                )
            return True
        if qualified(ctx, node.func, fw.RESPONSES_WEBSOCKET) is not None:
            self.report(
                node.func,
                f"{shown} runs agents on OpenAI's Responses API over a websocket, which {name} "
                "does not serve: use Runner.run() or Runner.run_streamed() instead",
            )
            return True
        return False

    def visit_Dict(self, node: cst.Dict) -> None:
        """An input item's file part given by URL in a module running Agents: the chat
        completions converter raises before any request."""
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching or not self.ctx.mentions(fw.INPUT_FILE):
            return
        entries = dict_entries(node)
        kind = entries.get("type") if entries is not None else None
        if entries is None or kind is None or fw.INPUT_FILE_URL not in entries:
            return
        if string_value(kind.value) != fw.INPUT_FILE or not self.runs_agents:
            return
        self.report(
            entries[fw.INPUT_FILE_URL],
            f'an "{fw.INPUT_FILE}" part given by {fw.INPUT_FILE_URL} is read only by OpenAI\'s '
            f"Responses API; on the chat completions API of {provider.name} the SDK raises "
            f'UserError ("{fw.INPUT_FILE_ERROR}") before any request: download the file and '
            "send its text, or its content as file_data (a base64 data URL) where the provider "
            "reads file parts",
        )

    @functools.cached_property
    def runs_agents(self) -> bool:
        """Whether the module builds an Agent or runs one (its input items go to the SDK)."""
        runs = {**fw.AGENT_CLASSES, **fw.RUNNER_CALLS}
        return any(
            isinstance(node, cst.Call) and qualified(self.ctx, node.func, runs) is not None
            for node in self.ctx.nodes
        )


def _prior_result(ctx: PythonContext, value: cst.BaseExpression) -> str:
    """`result` for `result.last_response_id`: the run result whose history to send."""
    if isinstance(value, cst.Attribute):
        return ctx.code(value.value)
    return "result"


AGENTS_RULES = (AgentsSdkDefaults, AgentsModel, AgentsResponsesOnly, *AGENTS_RUNTIME_RULES)
