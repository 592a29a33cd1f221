"""ML686: Semantic Kernel's OpenAI services and agents (`migrate_llm.frameworks.semantic_kernel`).

Semantic Kernel has no base-URL keyword: a service reaches another server only through the
`AsyncOpenAI` client it is given (`async_client=`), which `apply` builds for the provider.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import semantic_kernel as fw
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.clients import env_var_read, target_advice
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.models import article
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.rewrite import narrowed_edit, rebuild_call, string_like
from migrate_llm.secrets import find_secrets, mask

MARKER = "semantic_kernel"


def _found(ctx: PythonContext, call: cst.Call) -> fw.Service | None:
    """The Semantic Kernel service or agent set-up call `call` makes, if any."""
    if not ctx.mentions(MARKER):
        return None
    name = qualified(ctx, call.func, fw.SERVICES)
    if name is not None:
        return fw.SERVICES[name]
    name = qualified(ctx, call.func, fw.AGENT_SETUPS)
    return fw.AGENT_SETUPS[name] if name is not None else None


def _model_arg(call: cst.Call) -> cst.Arg | None:
    return argument(call, fw.MODEL, 0)


def semantic_kernel_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literal written in a service's construction: ML686 owns it."""
    if _found(ctx, call) is None:
        return
    arg = _model_arg(call)
    resolved = ctx.resolve_literal(arg.value) if arg is not None else None
    if resolved is not None and resolved[2] == "literal":
        yield resolved[0]


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
        and _found(ctx, call) is not None
    )


class SemanticKernelOpenAI(PythonRule):
    """A Semantic Kernel OpenAI service or agent that talks to OpenAI.

    ## What it does
    Finds constructions of semantic-kernel's `OpenAIChatCompletion`, `OpenAITextCompletion`,
    `OpenAITextEmbedding`, `OpenAITextToImage`, `OpenAIAudioToText`, `OpenAITextToAudio`,
    `OpenAIRealtimeWebRTC` / `OpenAIRealtimeWebsocket`, and `setup_resources(...)` /
    `create_client(...)` of `OpenAIAssistantAgent` and `OpenAIResponsesAgent`, by qualified
    name (`semantic_kernel.connectors.ai.open_ai`, the modules that define them, aliases).

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
    positional arguments after the model; and the image, audio, realtime and agent classes,
    which apply does not rewrite.

    ## Data
    `framework` ("semantic_kernel"), `class`, `api_key_env`, `base_url_env`, `model_from` /
    `model_to`, `model_env` (the variable a service given no model reads).
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

    def _not_rewritten(self, found: fw.Service) -> str:
        provider = self.provider
        assert provider is not None
        surface = {"images": "images", "audio": "audio", "realtime": "Realtime"}.get(
            found.surface, found.surface.title()
        )
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
            "API; keep it on OpenAI or use the provider's own API, by hand"
        )

    def _migrate(self, node: cst.Call, found: fw.Service, head: str, data: dict) -> None:
        provider = self.provider
        assert provider is not None
        set_args = {fw.CLIENT: self._client(self.ctx.at_import(node))}
        values: dict[int, str] = {}
        said = f"apply passes {fw.CLIENT}=AsyncOpenAI(...): {target_advice(self.ctx.rules)}"
        model = _model_arg(node)
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
        arg = _model_arg(node)
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
