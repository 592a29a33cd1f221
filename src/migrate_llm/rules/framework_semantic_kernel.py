"""ML686: Semantic Kernel's OpenAI and Azure OpenAI services and agents, and the model of its
execution settings (`migrate_llm.frameworks.semantic_kernel`).

Semantic Kernel has no base-URL keyword: a service reaches another server only through the
`AsyncOpenAI` client it is given (`async_client=`), which `apply` builds for the provider.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import NamedTuple, cast

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import semantic_kernel as fw
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.clients import env_var_read, target_advice
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr
from migrate_llm.rules.framework_args import argument, callee, qualified
from migrate_llm.rules.models import article
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.rewrite import narrowed_edit, rebuild_call, string_like
from migrate_llm.secrets import find_secrets, mask

MARKER = "semantic_kernel"


_TABLES = (
    fw.SERVICES,
    fw.AGENT_SETUPS,
    fw.AZURE_SERVICES,
    fw.AZURE_AGENT_SETUPS,
    fw.FROM_DICTS,
)


def _found(ctx: PythonContext, call: cst.Call) -> fw.Service | None:
    """The Semantic Kernel service, agent set-up or `from_dict` call `call` makes, if any."""
    if not ctx.mentions(MARKER):
        return None
    for table in _TABLES:
        name = qualified(ctx, call.func, table)
        if name is not None:
            return table[name]
    return None


def _from_dict(found: fw.Service) -> bool:
    return found.name.endswith(f".{fw.FROM_DICT}")


def _model_arg(call: cst.Call, found: fw.Service) -> cst.Arg | None:
    """The model a service's construction is given (an Azure service's first parameter is
    its service id, a `from_dict` call's the dict)."""
    if found.plain or _from_dict(found):
        return None
    return argument(call, fw.MODEL, 0)


def _dict_model(ctx: PythonContext, call: cst.Call) -> cst.SimpleString | None:
    """The `"ai_model_id"` string of the dict display a `from_dict(...)` call is given."""
    arg = argument(call, "settings", 0)
    if arg is None or not isinstance(arg.value, cst.Dict):
        return None
    for element in arg.value.elements:
        if isinstance(element, cst.DictElement) and string_value(element.key) == fw.MODEL:
            value = element.value
            return value if isinstance(value, cst.SimpleString) else None
    return None


def execution_settings(ctx: PythonContext, call: cst.Call) -> str | None:
    """The API surface of the OpenAI execution settings `call` constructs, if it does: what a
    service sends them to (ML111, ML112, ML115 and ML118 check their arguments as a
    request's). Generic settings (`PromptExecutionSettings(...)`) are the OpenAI chat
    service's where they are tied to one of the module (`settings_service`)."""
    if not ctx.mentions(MARKER):
        return None
    name = qualified(ctx, call.func, fw.SETTINGS)
    if name is not None:
        return fw.SETTINGS[name]
    if qualified(ctx, call.func, fw.GENERIC_SETTINGS) is not None:
        return "chat" if settings_service(ctx, call) is not None else None
    return None


class _Kernel(NamedTuple):
    """The Semantic Kernel services a module constructs (OpenAI's and Azure OpenAI's, in the
    order of the text), its execution settings (OpenAI's and generic ones), and whether it
    imports another connector (whose services it may build too)."""

    services: list[tuple[cst.Call, fw.Service]]
    settings: list[cst.Call]
    others: bool


def _kernel(ctx: PythonContext) -> _Kernel:
    """`_Kernel` of the module, found once."""
    found = ctx.analyses.get(_kernel)
    if found is None:
        services: list[tuple[cst.Call, fw.Service]] = []
        settings: list[cst.Call] = []
        others = False
        for node in ctx.nodes:
            if type(node) is cst.Call:
                service = _found(ctx, node)
                if service is not None:
                    if "." not in service.name or _from_dict(service):  # not an agent's
                        services.append((node, service))
                elif _chat_settings(ctx, node):
                    settings.append(node)
            elif type(node) is cst.ImportFrom or type(node) is cst.Import:
                others = others or _imports_other_connector(node)
        found = ctx.analyses[_kernel] = _Kernel(services, settings, others)
    return cast("_Kernel", found)


def _chat_settings(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` constructs OpenAI chat settings or generic ones."""
    name = qualified(ctx, call.func, fw.SETTINGS)
    if name is not None:
        return fw.SETTINGS[name] == "chat"
    return qualified(ctx, call.func, fw.GENERIC_SETTINGS) is not None


def _imports_other_connector(node: cst.Import | cst.ImportFrom) -> bool:
    """Whether an import statement names a connector package but OpenAI's
    (`from semantic_kernel.connectors.ai.ollama import ...`)."""
    if isinstance(node, cst.Import):
        names = [get_full_name_for_node(a.name) or "" for a in node.names]
    elif node.relative or node.module is None:
        return False
    else:
        module = get_full_name_for_node(node.module) or ""
        names = [module]
        if not isinstance(node.names, cst.ImportStar):
            names += [
                f"{module}.{a.name.value}" for a in node.names if isinstance(a.name, cst.Name)
            ]
    prefix = "semantic_kernel.connectors.ai."
    return any(
        name.startswith(prefix) and name[len(prefix) :].split(".")[0] in fw.OTHER_CONNECTORS
        for name in names
    )


def _service_id(call: cst.Call, found: fw.Service) -> cst.BaseExpression | None:
    """What a service is registered under: its `service_id=` (an Azure service's first
    parameter), else its model; None where the call does not show it (positional arguments
    past the model, `**kwargs`)."""
    if any(a.star for a in call.args):
        return None
    arg = argument(call, fw.SERVICE_ID, 0 if found.plain else None)
    if arg is not None:
        return arg.value
    if found.plain or len([a for a in call.args if a.keyword is None]) > 1:
        return None
    model = _model_arg(call, found)
    return model.value if model is not None else None


def _same_id(ctx: PythonContext, one: cst.BaseExpression, other: cst.BaseExpression) -> bool | None:
    """Whether two service ids are the same: True for the same string (written, or a module
    constant's) or the same name bound once, False for two different strings, None where it
    is not known."""
    first, second = ctx.resolve_literal(one), ctx.resolve_literal(other)
    if first is not None and second is not None and _shown(first[2]) and _shown(second[2]):
        return first[1] == second[1]
    if isinstance(one, cst.Name) and isinstance(other, cst.Name):
        bound = ctx.bindings(one)
        if len(bound) == 1 and isinstance(bound[0], Assignment) and ctx.bindings(other) == bound:
            return True
    return None


def _shown(how: str) -> bool:
    """Whether a string `resolve_literal` gave is written in the module (not a parameter's
    default or an environment default, which the run may replace)."""
    return how == "literal" or how.startswith("constant ")


def settings_service(ctx: PythonContext, call: cst.Call) -> cst.Call | None:
    """The OpenAI chat service of the module that runs the execution settings `call`
    constructs: the one registered under their `service_id` (the same string, or the same
    name bound once, and no other service of the module that may be registered so), or,
    for settings naming none, the module's only service where it imports no other connector
    (the kernel's default; the service a program calls with them). None for anything else:
    an Azure OpenAI service, `**kwargs`, a service id set by attribute."""
    if not ctx.mentions(MARKER) or any(a.star for a in call.args):
        return None
    found = cast("dict[int, cst.Call | None]", ctx.analyses.setdefault(settings_service, {}))
    if id(call) not in found:
        found[id(call)] = _settings_service(ctx, call)
    return found[id(call)]


def _settings_service(ctx: PythonContext, call: cst.Call) -> cst.Call | None:
    kernel = _kernel(ctx)
    given = argument(call, fw.SERVICE_ID, 0)
    if given is None:
        if any(attr.value == fw.SERVICE_ID for _, attr, _ in settings_writes(ctx, call)):
            return None
        # the kernel picks among its text, chat, image and audio services
        picked = [s for s in kernel.services if s[1].surface != "embeddings"]
        if kernel.others or len(picked) != 1:
            return None
        service, found = picked[0]
    else:
        matches = []
        for service, found in kernel.services:
            service_id = _service_id(service, found)
            same = _same_id(ctx, given.value, service_id) if service_id is not None else None
            if same is None:
                return None  # it may be registered under that id
            if same:
                matches.append((service, found))
        if len(matches) != 1:
            return None
        service, found = matches[0]
    if found.plain or found.surface != "chat" or "." in found.name:
        return None
    return service


def settings_service_model(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """The model of the OpenAI chat service that runs the execution settings `call`
    constructs (`settings_service`), as written there; None where it is given none."""
    service = settings_service(ctx, call)
    if service is None:
        return None
    found = _found(ctx, service)
    assert found is not None
    arg = _model_arg(service, found)
    return arg.value if arg is not None else None


def tied_settings(ctx: PythonContext, service: cst.Call) -> bool:
    """Whether execution settings of the module run on the OpenAI chat service `service`
    (`settings_service`)."""
    return any(settings_service(ctx, s) is service for s in _kernel(ctx).settings)


def chat_service_model(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """The model given to the OpenAI chat service `call` constructs (not its Azure form, nor
    `from_dict`), as written; None for another call, or a service given none."""
    found = _found(ctx, call)
    if found is None or found.plain or found.surface != "chat" or "." in found.name:
        return None
    arg = _model_arg(call, found)
    return arg.value if arg is not None else None


def function_choice(ctx: PythonContext, value: cst.BaseExpression) -> tuple[str, str] | None:
    """The `tool_choice` the OpenAI chat service sends for a `function_choice_behavior` value
    of execution settings, and the value in words: `FunctionChoiceBehavior.Required(...)`, its
    `from_string("required")` or `from_dict({"type": "required"})`, or the string or dict the
    settings parse; None where it is not known."""
    if isinstance(value, cst.Call):
        name = qualified(ctx, value.func, fw.CHOICES)
        shown = f"{ctx.code(value.func)}({'...' if value.args else ''})"
        if name is not None:
            return fw.CHOICES[name], shown
        name = qualified(ctx, value.func, fw.CHOICE_PARSERS)
        if name is None or len(value.args) != 1 or value.args[0].keyword or value.args[0].star:
            return None
        choice = _written_choice(value.args[0].value, fw.CHOICE_PARSERS[name] == "from_dict")
        return (choice, shown) if choice is not None else None
    choice = _written_choice(value, isinstance(value, cst.Dict))
    return (choice, f"function_choice_behavior={ctx.code(value)}") if choice else None


def _written_choice(value: cst.BaseExpression, mapping: bool) -> str | None:
    """The choice a string (`"required"`, read case-blind) or a dict display (its "type",
    else "auto") names; None for anything else."""
    if mapping:
        if not isinstance(value, cst.Dict):
            return None
        entries = [e for e in value.elements if isinstance(e, cst.DictElement)]
        if len(entries) != len(value.elements):
            return None
        kind = next((e.value for e in entries if string_value(e.key) == "type"), None)
        if kind is None:
            return fw.CHOICE_DEFAULT
        value = kind
    text = string_value(value)
    if text is None or text.lower() not in fw.CHOICE_TYPES.values():
        return None
    return text.lower()


def settings_writes(ctx: PythonContext, call: cst.Call) -> list[tuple[cst.Assign, cst.Name, bool]]:
    """The fields set by attribute on the execution settings `call` constructs, bound once to a
    name (`settings = OpenAIChatPromptExecutionSettings()` then `settings.max_tokens = 100`:
    pydantic validates and keeps them, and the service sends them as the request's arguments),
    in the order of the text: each assignment, its attribute, and whether renaming it changes
    nothing else (the code reads no attribute of the name)."""
    parents = ctx.ancestors(call)
    assign = parents[-1] if parents else None
    if (
        not isinstance(assign, cst.Assign)
        or assign.value is not call
        or len(assign.targets) != 1
        or not isinstance(assign.targets[0].target, cst.Name)
    ):
        return []
    bound = ctx.bindings(assign.targets[0].target)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return []
    writes: list[tuple[cst.Assign, cst.Name]] = []
    read = False
    for access in bound[0].references:
        chain = ctx.ancestors(access.node)
        if len(chain) < 3 or not isinstance(chain[-1], cst.Attribute):
            continue
        attr, target, statement = chain[-1], chain[-2], chain[-3]
        if (
            isinstance(target, cst.AssignTarget)
            and isinstance(statement, cst.Assign)
            and len(statement.targets) == 1
        ):
            writes.append((statement, attr.attr))
        else:
            read = True
    writes.sort(key=lambda w: ctx.span(w[0]).start)
    return [(statement, attr, not read) for statement, attr in writes]


def _settings_model(
    ctx: PythonContext, call: cst.Call
) -> tuple[cst.Arg, tuple[cst.BaseExpression, str, str]] | None:
    """The `ai_model_id=` of execution settings (the model their service sends) when it names
    an OpenAI model the run would map: ML686 reports it."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching or execution_settings(ctx, call) is None:
        return None
    arg = keyword(call, fw.MODEL)  # their first positional parameter is the service id
    resolved = ctx.resolve_literal(arg.value) if arg is not None else None
    if arg is None or resolved is None or provider.serves(resolved[1]):
        return None
    if resolved[1] not in ctx.rules.models and not ctx.rules.openai.serves(resolved[1]):
        return None
    return arg, resolved


def uses_services(ctx: PythonContext) -> bool:
    """Whether the module names one of Semantic Kernel's OpenAI or Azure OpenAI services (it
    is not known elsewhere which service runs its execution settings)."""
    return not fw.SERVICE_NAMES.isdisjoint(ctx.index.names)


def semantic_kernel_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literal written in a service's construction, in the dict of its
    `from_dict(...)` and in execution settings ML686 reports: ML686 owns it."""
    found = _found(ctx, call)
    if found is None:
        settings = _settings_model(ctx, call)
        if settings is not None and settings[1][2] == "literal":
            yield settings[1][0]
        return
    if _from_dict(found):
        model = _dict_model(ctx, call)
        if model is not None:
            yield model
        return
    arg = _model_arg(call, found)
    resolved = ctx.resolve_literal(arg.value) if arg is not None else None
    if resolved is not None and resolved[2] == "literal":
        yield resolved[0]


def developer_instruction_role(ctx: PythonContext, call: cst.Call) -> cst.SimpleString | None:
    """The `"developer"` a chat service is given as `instruction_role=` (the role its system
    messages are sent with): ML113 reports it where the provider knows only `system`."""
    found = _found(ctx, call)
    if found is None or found.surface != "chat" or "." in found.name:
        return None
    arg = keyword(call, fw.INSTRUCTION_ROLE)
    value = arg.value if arg is not None else None
    if isinstance(value, cst.SimpleString) and string_value(value) == "developer":
        return value
    return None


def semantic_kernel_key(ctx: PythonContext, node: cst.CSTNode, parent) -> bool:
    """Whether the string `node` names the variable an `api_key=` of a Semantic Kernel
    service reads (`os.environ["OPENAI_API_KEY"]`): ML686 removes the argument or leaves the
    service to a person, so ML401 leaves it."""
    if not ctx.mentions(MARKER):
        return False
    read = parent(node)
    while read is not None and not isinstance(read, (cst.Arg, cst.Call)):
        read = parent(read)
    if isinstance(read, cst.Call):  # `os.getenv("...")`: its argument
        read = parent(read)
    call = parent(read) if isinstance(read, cst.Arg) else None
    return (
        isinstance(read, cst.Arg)
        and read.keyword is not None
        and read.keyword.value == fw.KEY
        and env_var_read(ctx, read.value) is not None
        and isinstance(call, cst.Call)
        and (found := _found(ctx, call)) is not None
        and not found.plain  # an Azure key: ML401 says it is not switched
    )


def _surface_words(surface: str) -> str:
    """An API surface as messages name it ("embeddings", "Realtime", "Assistants")."""
    return (
        surface if surface in ("images", "audio", "embeddings", "completions") else surface.title()
    )


class SemanticKernelOpenAI(PythonRule):
    """A Semantic Kernel OpenAI service or agent that talks to OpenAI.

    ## What it does
    Finds constructions of semantic-kernel's `OpenAIChatCompletion`, `OpenAITextCompletion`,
    `OpenAITextEmbedding`, `OpenAITextToImage`, `OpenAIAudioToText`, `OpenAITextToAudio`,
    `OpenAIRealtimeWebRTC` / `OpenAIRealtimeWebsocket`, their `from_dict(...)`, their Azure
    OpenAI forms (`AzureChatCompletion`, `AzureTextEmbedding`, ...), and `setup_resources(...)`
    / `create_client(...)` of `OpenAIAssistantAgent`, `OpenAIResponsesAgent`,
    `AzureAssistantAgent` and `AzureResponsesAgent`, by qualified name
    (`semantic_kernel.connectors.ai.open_ai`, the modules that define them, aliases). Also the
    `ai_model_id=` of the execution settings (`OpenAIChatPromptExecutionSettings(...)`, and
    `PromptExecutionSettings(...)` tied to an OpenAI chat service of the module, as ML118 ties
    them): the service sends it as the request's model in place of its own.

    ## Why
    Semantic Kernel has no base-URL setting: a service given no `async_client=` builds its
    own `AsyncOpenAI` from `api_key` (else OPENAI_API_KEY, from the environment or ./.env),
    which goes to OpenAI. Without `ai_model_id` the model comes from OPENAI_CHAT_MODEL_ID
    (OPENAI_EMBEDDING_MODEL_ID, ... for the other services). The SDK rules do not see that
    client.

    ## Fix (review)
    `apply` passes `async_client=AsyncOpenAI(api_key=os.environ["<PROVIDER>_API_KEY"],
    base_url=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>"))` to a chat, text or
    embedding service (importing `AsyncOpenAI` and `os`), removes an `api_key=` reading
    OPENAI_API_KEY and `org_id=`, and maps `ai_model_id` (also where a client is already
    given). Left for you (manual, so `check` fails): a service given no `ai_model_id` (its
    model variable must name a provider model: pass `ai_model_id=` to say which); another
    key (never sent to the provider); an embedding service where the provider serves no
    embeddings; a text completion service where it serves no completions; `**kwargs` or
    positional arguments after the model; the image, audio, realtime and agent classes,
    which apply does not rewrite; a service built by `from_dict(...)`, which is given no
    client (the model in its dict is left as written); and the Azure OpenAI services and
    agents, which build their client from AZURE_OPENAI_* (use the OpenAI class given the
    provider's client; nothing is said with `--provider azure`).

    An OpenAI model given to execution settings as `ai_model_id=` is mapped (review) in a
    module that names one of the services; elsewhere which service runs them is not known,
    so it is left to a person. The settings' other arguments are checked against the
    provider's `[params]` by ML111 (`function_choice_behavior` as the `tool_choice` it
    sends), ML112, ML115 and ML118, and `instruction_role="developer"` by ML113, as in an SDK
    request. The `execution_settings` of prompt template files (YAML, config.json) are not
    read: the program that loads one decides which service, and so which model, runs them.

    ## Data
    `framework` ("semantic_kernel"), `class`, `api_key_env`, `base_url_env`, `model_from` /
    `model_to` (of a `from_dict(...)` dict: what the model table says), `model_env` (the
    variable a service given no model reads).
    """

    code = "ML686"
    name = "semantic-kernel-openai"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion\n"
            'chat = OpenAIChatCompletion(ai_model_id="gpt-4o")\n',
            message="OpenAIChatCompletion() (Semantic Kernel) talks to OpenAI (key from "
            "OPENAI_API_KEY); `migrate-llm apply --provider ID` passes it a provider's client",
        ),
        Example(
            "from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion\n"
            'chat = OpenAIChatCompletion(ai_model_id="gpt-4o", service_id="chat")\n',
            provider="acme",
            message="OpenAIChatCompletion() (Semantic Kernel) talks to OpenAI (key from "
            "OPENAI_API_KEY); apply passes async_client=AsyncOpenAI(...): for Acme Cloud read "
            "the key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1); model 'gpt-4o' -> 'acme-large'",
            after="import os\n\nfrom openai import AsyncOpenAI\n"
            "from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion\n"
            "chat = OpenAIChatCompletion(\n"
            "    async_client=AsyncOpenAI(\n"
            '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    ),\n"
            '    ai_model_id="acme-large",\n'
            '    service_id="chat",\n'
            ")\n",
        ),
        Example(
            "from semantic_kernel.connectors.ai.open_ai import OpenAITextToImage\n"
            "images = OpenAITextToImage()\n",
            provider="acme",
            message="OpenAITextToImage() (Semantic Kernel) talks to OpenAI (key from "
            "OPENAI_API_KEY); apply does not rewrite it: Acme Cloud has no OpenAI-compatible "
            "images API; keep it on OpenAI or use the provider's own API, by hand",
        ),
        Example(
            "from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion\n"
            'chat = AzureChatCompletion(service_id="chat")\n',
            provider="acme",
            message="AzureChatCompletion() (Semantic Kernel) talks to Azure OpenAI; apply does not "
            "rewrite it: use OpenAIChatCompletion without the Azure settings, with "
            'async_client=AsyncOpenAI(api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")) and '
            "ai_model_id= an Acme Cloud model, by hand",
        ),
        Example(
            "from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion\n"
            "from semantic_kernel.connectors.ai.open_ai import OpenAIChatPromptExecutionSettings\n"
            'settings = OpenAIChatPromptExecutionSettings(ai_model_id="gpt-4o")\n',
            provider="acme",
            message="OpenAIChatPromptExecutionSettings() (Semantic Kernel) sets the model the "
            "service sends (ai_model_id overrides the service's); model 'gpt-4o' -> 'acme-large'",
            after="from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion\n"
            "from semantic_kernel.connectors.ai.open_ai import OpenAIChatPromptExecutionSettings\n"
            'settings = OpenAIChatPromptExecutionSettings(ai_model_id="acme-large")\n',
        ),
        Example(
            "from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion\n"
            "from openai import AsyncOpenAI\n"
            'chat = OpenAIChatCompletion(ai_model_id="acme-large", async_client=AsyncOpenAI('
            'base_url="https://api.acme.example/v1"))\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        found = _found(self.ctx, node)
        if found is None:
            self._settings(node)
            return
        if found.plain:
            self._azure(node, found)
            return
        if _from_dict(found):
            self._built_from_dict(node, found)
            return
        client = keyword(node, fw.CLIENT) or keyword(node, "client")
        if client is not None:
            self._with_client(node, found)
            return
        head = f"{found.name}() ({fw.LABEL}) talks to OpenAI ({self._key_shown(node)})"
        data: dict[str, object] = {"framework": fw.FRAMEWORK, "class": found.name}
        provider = self.provider
        if provider is None:
            tail = (
                "`migrate-llm apply --provider ID` passes it a provider's client"
                if found.surface in fw.REWRITTEN and "." not in found.name
                else "`migrate-llm scan --provider ID` says what to do"
            )
            self.report(node, f"{head}; {tail}", fix=FixClass.MANUAL, data=data)
            return
        if not self.ctx.rules.switching:
            return
        data |= {"api_key_env": provider.api_key_env, "base_url_env": provider.base_url_env}
        left = self._left_to_person(node, found)
        if left:
            self.report(node, f"{head}; {left}", fix=FixClass.MANUAL, data=data)
            return
        self._migrate(node, found, head, data)

    def _azure(self, node: cst.Call, found: fw.Service) -> None:
        """An Azure OpenAI service or agent set-up: left to a person, but for an Azure OpenAI
        target (as ML002 and ML680 leave Azure clients and components)."""
        provider = self.provider
        head = f"{found.name}() ({fw.LABEL}) talks to Azure OpenAI"
        data: dict[str, object] = {"framework": fw.FRAMEWORK, "class": found.name}
        if provider is None:
            tail = "`migrate-llm scan --provider ID` says what to use instead"
        elif provider.azure is not None or not self.ctx.rules.switching:
            return  # already the target
        elif "." in found.name and not _from_dict(found):  # an agent's set-up
            tail = self._not_rewritten(found, "Azure OpenAI")
        else:
            tail = self._instead_of_azure(found)
        self.report(node, f"{head}; {tail}", fix=FixClass.MANUAL, data=data)

    def _instead_of_azure(self, found: fw.Service) -> str:
        """What to use instead of an Azure OpenAI service on the target: its OpenAI class
        given the provider's client (a chat service for text completions the provider does not
        fully serve), or nothing where the provider lacks the API."""
        provider = self.provider
        assert provider is not None
        plain, supported = found.plain, provider.support(found.surface)
        if found.surface == "completions" and supported is not True:
            plain, supported = "OpenAIChatCompletion", provider.support("chat")
        if supported is not True:
            return (
                f"apply does not rewrite it: {provider.name} has no OpenAI-compatible "
                f"{_surface_words(found.surface)} API; keep it on Azure OpenAI or use another "
                "provider's, by hand"
            )
        client = "client" if found.surface == "realtime" else fw.CLIENT
        return (
            f"apply does not rewrite it: use {plain} without the Azure settings, with "
            f"{client}={self._client()} and {fw.MODEL}= {article(provider.name)} "
            f"{provider.name} model, by hand"
        )

    def _built_from_dict(self, node: cst.Call, found: fw.Service) -> None:
        """`OpenAIChatCompletion.from_dict({...})`: the service builds its own client from
        OPENAI_API_KEY (or the dict's key); its model is left as written."""
        provider = self.provider
        head = f"{found.name}() ({fw.LABEL}) talks to OpenAI"
        data: dict[str, object] = {"framework": fw.FRAMEWORK, "class": found.name}
        if provider is None:
            tail = "`migrate-llm scan --provider ID` says what to do"
            self.report(node, f"{head}; {tail}", fix=FixClass.MANUAL, data=data)
            return
        if not self.ctx.rules.switching:
            return
        service = replace(found, name=found.name.rsplit(".", 1)[0])
        tail = self._left_to_person(node, service)
        if not tail:
            tail = (
                f"a service built from a dict is given no {fw.CLIENT}, so apply cannot point it "
                f"at {provider.name}: construct {service.name}({fw.CLIENT}={self._client()}, "
                f"{fw.MODEL}=...) instead, by hand"
            )
            model = _dict_model(self.ctx, node)
            name = string_value(model) if model is not None else None
            new = self.ctx.rules.map_model(name) if name and not provider.serves(name) else None
            if name is not None and new is not None:
                data |= {"model_from": name, "model_to": new}
                tail += f" (model {name!r}: the model table says {new!r})"
        self.report(node, f"{head}; {tail}", fix=FixClass.MANUAL, data=data)

    def _settings(self, node: cst.Call) -> None:
        """Execution settings that set the model (`ai_model_id` overrides the service's): an
        OpenAI model is mapped where the module uses Semantic Kernel's services, else left to
        a person (which service runs them is not known here)."""
        found = _settings_model(self.ctx, node)
        provider = self.provider
        if found is None or provider is None:
            return
        arg, (literal, model, how) = found
        name = callee(node.func)
        head = (
            f"{name}() ({fw.LABEL}) sets the model the service sends ({fw.MODEL} overrides the "
            "service's)"
        )
        data: dict[str, object] = {"framework": fw.FRAMEWORK, "class": name}
        if not uses_services(self.ctx):
            if how != "literal":
                return  # a constant: ML204 maps it where it is written
            new = self.ctx.rules.map_model(model)
            instead = (
                f"write {new!r} there (the model table's)"
                if new is not None
                else f"pass {article(provider.name)} {provider.name} model"
            )
            self.report(
                arg.value,
                f"{head}: model {model!r}; if the service that runs them talks to "
                f"{provider.name}, {instead}, by hand",
                fix=FixClass.MANUAL,
                data=data | {"model_from": model},
            )
            return
        values: dict[int, str] = {}
        said = self._model_change(node, arg, values, data)
        if not values:
            self.report(arg.value, f"{head}{said}", fix=FixClass.MANUAL, data=data)
            return
        edit = Edit(self.ctx.span(literal), values[list(node.args).index(arg)])
        self.report(arg.value, f"{head}{said}", edit=edit, data=data)

    def _left_to_person(self, node: cst.Call, found: fw.Service) -> str:
        """Why apply leaves a service for a person; empty when it passes it a client."""
        provider = self.provider
        assert provider is not None
        if found.surface not in fw.REWRITTEN or "." in found.name:
            return self._not_rewritten(found)
        if found.surface == "embeddings" and provider.support("embeddings") is False:
            return (
                f"{provider.name} has no OpenAI-compatible embeddings API: keep it on OpenAI or "
                "pass async_client= a client of a provider that serves embeddings, by hand"
            )
        if found.surface == "completions" and provider.support("completions") is not True:
            return (
                f"it calls the text completions endpoint, which {provider.name} does not "
                "fully serve: use OpenAIChatCompletion, which apply then points there"
            )
        if any(a.star for a in node.args):
            return f"its arguments come from a mapping: pass async_client={self._client()} by hand"
        if len([a for a in node.args if a.keyword is None]) > 1:
            return "it passes positional arguments: pass them by keyword (ai_model_id=...)"
        arg = keyword(node, fw.KEY)
        if arg is not None and self._key_variable(arg.value) is None:
            return (
                f"apply replaces only {fw.KEY_ENV}: pass async_client={self._client()} instead "
                f"of {fw.KEY}=, by hand (an OpenAI key must not go to {provider.name})"
            )
        return ""

    def _not_rewritten(self, found: fw.Service, home: str = "OpenAI") -> str:
        """What to do with a class apply does not rewrite (`home`: where it stays)."""
        provider = self.provider
        assert provider is not None
        surface = _surface_words(found.surface)
        if "." in found.name:  # an agent's set-up
            if provider.support(found.surface) is True:
                return (
                    f"apply does not rewrite it: build the client yourself, "
                    f"{self._client()}, and pass it as client= to the agent with "
                    f"{article(provider.name)} {provider.name} model"
                )
            return (
                f"it uses OpenAI's {surface} API, which {provider.name} does not serve: use "
                f"{fw.CHAT_AGENT} instead, which apply points at {provider.name}"
            )
        if provider.support(found.surface) is True:
            keyword_name = "client" if found.surface == "realtime" else fw.CLIENT
            return (
                f"apply does not rewrite it: pass {keyword_name}={self._client()} and "
                f"{article(provider.name)} {provider.name} model by hand"
            )
        return (
            f"apply does not rewrite it: {provider.name} has no OpenAI-compatible {surface} "
            f"API; keep it on {home} or use the provider's own API, by hand"
        )

    def _migrate(self, node: cst.Call, found: fw.Service, head: str, data: dict) -> None:
        provider = self.provider
        assert provider is not None
        set_args = {fw.CLIENT: self._client(self.ctx.at_import(node))}
        values: dict[int, str] = {}
        said = f"apply passes {fw.CLIENT}=AsyncOpenAI(...): {target_advice(self.ctx.rules)}"
        model = _model_arg(node, found)
        if model is None:
            data["model_env"] = found.model_env
        else:
            said += self._model_change(node, model, values, data)
        drop = set(fw.DROP) | ({fw.KEY} if keyword(node, fw.KEY) is not None else set())
        new = rebuild_call(self.ctx, node, set_args, frozenset(drop), values=values)
        edit = narrowed_edit(self.ctx, node, new, (IMPORT_OS, fw.CLIENT_IMPORT))
        self.report(node, f"{head}; {said}", edit=edit, data=data)
        if model is None:
            self._model_from_env(node, found)

    def _model_change(self, node: cst.Call, arg: cst.Arg, values: dict, data: dict) -> str:
        """The model's mapping, in words (its new text set in `values`)."""
        provider = self.provider
        assert provider is not None
        resolved = self.ctx.resolve_literal(arg.value)
        if resolved is None:
            return (
                f"; model from `{self.snippet(arg.value)}` at run time: make sure it names "
                f"{article(provider.name)} {provider.name} model"
            )
        literal_node, model, how = resolved
        data["model_from"] = model
        if provider.serves(model):
            return ""
        new = self.ctx.rules.map_model(model)
        if new is None:
            return f"; {provider.name} has no mapping for model {model!r}: pass a provider model"
        data["model_to"] = new
        if how != "literal":  # a constant or default is mapped where it is written (ML204)
            return f"; model {model!r} ({how}) -> {new!r}"
        text = string_like(literal_node, new)
        values[list(node.args).index(arg)] = text
        return f"; model {model!r} -> {new!r}"

    def _with_client(self, node: cst.Call, found: fw.Service) -> None:
        """A service given a client (apply's, or the program's): its model is what is left."""
        provider = self.provider
        if provider is None or not self.ctx.rules.switching or found.surface not in fw.REWRITTEN:
            return
        head = f"{found.name}() ({fw.LABEL}) is given a client"
        arg = _model_arg(node, found)
        if arg is None:
            self._model_from_env(node, found)
            return
        resolved = self.ctx.resolve_literal(arg.value)
        if resolved is None or resolved[2] != "literal" or provider.serves(resolved[1]):
            return
        if not self.ctx.rules.openai.serves(resolved[1]):
            return
        values: dict[int, str] = {}
        data: dict[str, object] = {"framework": fw.FRAMEWORK, "class": found.name}
        said = self._model_change(node, arg, values, data)
        if not values:
            self.report(node, f"{head}; its model is OpenAI's{said}", fix=FixClass.MANUAL)
            return
        new = rebuild_call(self.ctx, node, {}, values=values)
        edit = narrowed_edit(self.ctx, node, new, ())
        self.report(node, f"{head}, but an OpenAI model{said}", edit=edit, data=data)

    def _model_from_env(self, node: cst.Call, found: fw.Service) -> None:
        provider = self.provider
        assert provider is not None
        self.report(
            node.func,
            f"{found.name}() ({fw.LABEL}) is given no {fw.MODEL}: its model comes from "
            f"{found.model_env} (the environment or ./.env), which must name "
            f"{article(provider.name)} {provider.name} model; pass {fw.MODEL}= to say which",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={"framework": fw.FRAMEWORK, "class": found.name, "model_env": found.model_env},
        )

    def _client(self, at_import: bool = False) -> str:
        provider = self.provider
        assert provider is not None and self.ctx.rules.base_url is not None
        key = key_expr(provider, at_import=at_import)
        url = base_url_expr(provider, self.ctx.rules.base_url)
        return f"{fw.CLIENT_CLASS}(api_key={key}, base_url={url})"

    def _key_variable(self, expr: cst.BaseExpression) -> str | None:
        """The variable an `api_key=` reads when apply may replace it: OpenAI's, or the
        provider's own (the client's key takes its place)."""
        read = env_var_read(self.ctx, expr)
        provider = self.provider
        if read is None or provider is None:
            return None
        name = read[0]
        return name if name in sdk.KEY_VARS_TO_SWITCH or name == provider.api_key_env else None

    def _key_shown(self, node: cst.Call) -> str:
        arg = keyword(node, fw.KEY)
        if arg is None:
            return f"key from {fw.KEY_ENV}"
        value = string_value(arg.value)
        if value is not None:
            secrets = find_secrets(value)
            return f"hard-coded key {mask(secrets[0].group(0))}" if secrets else "hard-coded key"
        read = env_var_read(self.ctx, arg.value)
        if read is not None:
            return f"key from {read[0]}"
        return f"key from `{self.snippet(arg.value)}`"


SEMANTIC_KERNEL_RULES = (SemanticKernelOpenAI,)
