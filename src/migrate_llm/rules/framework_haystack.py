"""The rule about Haystack's OpenAI components (`OpenAIChatGenerator`, the embedders, their Azure
forms). What the components look like is in `migrate_llm.frameworks.haystack`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import Assignment

from migrate_llm.edits import apply_edits
from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import haystack as hs
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.openai_sdk import KEY_VARS_TO_SWITCH
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, literal
from migrate_llm.rules.framework_classes import (
    Plan,
    endpoint,
    framework_class,
    plan_data,
    plan_edit,
    report_typed_key_prompt,
)
from migrate_llm.rules.framework_langchain import FrameworkClassRule
from migrate_llm.rules.framework_litellm import RoutedRequest, class_request
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.request_arguments import mapping_arguments
from migrate_llm.secrets import find_secrets, mask

OPENAI_KEY = "OPENAI_API_KEY"  # what a component given no `api_key=` reads


class Key(NamedTuple):
    """The key a component is given: `kind` "default" (none: OPENAI_API_KEY), "env" (a
    `Secret.from_env_var("NAME")`, `variable` NAME) or "other" (`shown`: in words)."""

    kind: str
    variable: str | None
    shown: str


def secret_call(ctx: PythonContext, expr: cst.BaseExpression, method: str) -> cst.Call | None:
    """`expr` when it is `Secret.<method>(...)` of Haystack's `Secret` (aliases followed)."""
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == method
        and ctx.qualnames(expr.func.value) & hs.SECRET_CLASSES
    ):
        return expr
    return None


def _variable_arg(call: cst.Call) -> cst.BaseExpression | None:
    """The variable name given to `Secret.from_env_var(...)` (its first argument)."""
    arg = keyword(call, "env_vars")
    if arg is None and call.args and call.args[0].keyword is None and not call.args[0].star:
        arg = call.args[0]
    return arg.value if arg is not None else None


def key_of(ctx: PythonContext, call: cst.Call) -> Key:
    """What `api_key=` the component `call` builds is given (see `Key`)."""
    arg = keyword(call, hs.KEY)
    if arg is None:
        star = next((a for a in call.args if a.star == "**"), None)
        if star is not None:
            return Key("other", None, f"key from `**{ctx.code(star.value)}` or {OPENAI_KEY}")
        return Key("default", OPENAI_KEY, f"key from {OPENAI_KEY}")
    read = secret_call(ctx, arg.value, hs.FROM_ENV_VAR)
    name = _variable_arg(read) if read is not None else None
    variable = string_value(name) if name is not None else None
    if variable is not None:
        return Key("env", variable, f"key from {variable}")
    token = secret_call(ctx, arg.value, hs.FROM_TOKEN)
    value = string_value(token.args[0].value) if token is not None and token.args else None
    if value is not None:
        secrets = find_secrets(value)
        shown = f"hard-coded key {mask(secrets[0].group(0))}" if secrets else "hard-coded key"
        return Key("other", None, shown)
    code = " ".join(ctx.code(arg.value).split())
    return Key("other", None, f"key from `{code if len(code) <= 50 else code[:49] + '…'}`")


def owns_key_name(
    ctx: PythonContext, node: cst.CSTNode, parent: Callable[[cst.CSTNode], cst.CSTNode | None]
) -> bool:
    """Whether the string `node` names the variable of a `Secret.from_env_var(...)` given as
    `api_key=` to a Haystack OpenAI component: ML680 reports it (ML401 leaves it)."""
    if not ctx.mentions("haystack"):  # asked for each read of the environment
        return False
    arg = parent(node)
    read = parent(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(read, cst.Call) or secret_call(ctx, read, hs.FROM_ENV_VAR) is None:
        return False
    given = parent(read)
    call = parent(given) if isinstance(given, cst.Arg) else None
    return (
        isinstance(given, cst.Arg)
        and given.keyword is not None
        and given.keyword.value == hs.KEY
        and isinstance(call, cst.Call)
        and framework_class(ctx, call.func, hs.CLASSES) is not None
    )


def generating_component(
    ctx: PythonContext, call: cst.Call
) -> tuple[cst.Call, FrameworkClass] | None:
    """The construction of a Haystack chat component that takes `generation_kwargs`
    (`FrameworkClass.request_kwargs`) and its class, for `call` building one, or running one
    (`run` / `run_async`) built in the call (`OpenAIChatGenerator(...).run(...)`) or held by a
    name bound once to it; else None."""
    func = call.func
    built: cst.BaseExpression | None = call
    if isinstance(func, cst.Attribute) and func.attr.value in hs.RUN_METHODS:
        built = func.value
        if isinstance(built, cst.Name):
            bound = ctx.bindings(built)
            one = bound[0] if len(bound) == 1 else None
            built = ctx.index.assigned.get(id(one.node)) if isinstance(one, Assignment) else None
    if not isinstance(built, cst.Call):
        return None
    found = framework_class(ctx, built.func, hs.CLASSES)
    if found is None or found[1].request_kwargs is None:
        return None
    return built, found[1]


def _sending(ctx: PythonContext, call: cst.Call) -> tuple[cst.Call, FrameworkClass] | None:
    """`generating_component`'s, for a component that talks to OpenAI (apply moves it) or to
    the target provider."""
    found = generating_component(ctx, call)
    provider = ctx.rules.provider
    if found is None or provider is None:
        return None
    where = endpoint(ctx, found[0], found[1].base_url)
    owner = where.provider.id if where.provider is not None else None
    if where.kind == "openai" or (where.kind == "provider" and owner == provider.id):
        return found
    return None


def generation_requests(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    """The chat request of a Haystack component built or run by `call` with
    `generation_kwargs=` (`generating_component`), whose entries it sends as the request's
    arguments as they are, when the component talks to OpenAI (apply moves it) or to the
    target provider: its arguments read as `**` of them would be (`mapping_arguments`:
    edited where the dict is only used so), and the model the component sends (its `model=`,
    a literal or a constant, or the class's default, which apply writes mapped)."""
    if ctx.rules.provider is None or not ctx.mentions(hs.GENERATION_KWARGS):
        return []
    found = _sending(ctx, call)
    given = keyword(call, hs.GENERATION_KWARGS) if found is not None else None
    if found is None or given is None:
        return []
    built, cls = found
    arguments = mapping_arguments(
        ctx, given.value, hs.GENERATION_KWARGS, lambda c: _sending(ctx, c) is not None
    )
    if not arguments:
        return []
    return [class_request(ctx, f"{cls.name}() ({hs.LABEL})", built, cls, arguments)]


class HaystackOpenAI(FrameworkClassRule):
    """A Haystack OpenAI component (`OpenAIChatGenerator`, `OpenAITextEmbedder`, Azure forms).

    ## What it does
    Finds constructions of haystack-ai's `OpenAIChatGenerator`, `OpenAIGenerator`,
    `OpenAIResponsesChatGenerator`, `OpenAITextEmbedder`, `OpenAIDocumentEmbedder`,
    `DALLEImageGenerator` / `OpenAIImageGenerator` and the `AzureOpenAI*` components, and
    haystack-experimental's `OpenAIChatGenerator` (a subclass taking the same arguments), by
    qualified name (`haystack.components.generators.chat`, the modules that define them,
    aliases). A component given an `api_base_url=` of another host is a note and left alone.
    A component handed on as a value is left to a person, as ML601 leaves LangChain's classes.

    ## Why
    Each builds an OpenAI SDK client from `api_key=Secret.from_env_var("OPENAI_API_KEY")`, no
    base URL (OpenAI's, or OPENAI_BASE_URL) and an OpenAI model (`gpt-5-mini`,
    `text-embedding-3-small` in haystack-ai 3.x) unless told otherwise. The SDK rules do not
    see that client.

    ## Fix (review)
    `apply` passes `api_key=Secret.from_env_var("<PROVIDER>_API_KEY")` (replacing
    `Secret.from_env_var("OPENAI_API_KEY")`; `from haystack.utils import Secret` is added where
    the module does not import it) and
    `api_base_url=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>")`, maps `model=` (or
    adds the mapped default model when none is given) and drops `organization=`.
    `OpenAIDocumentEmbedder` gets `batch_size=` the provider's `embedding_batch_max` where that
    is below the 32 texts it sends a request, or below a number written there (a size
    computed at run time is named in the message). Left for you
    (manual, so `check` fails): another key (a token, another variable: an OpenAI key must
    not go to the provider); the provider's key without `api_base_url=` (it goes to OpenAI);
    an embedder where the provider serves no embeddings; `OpenAIResponsesChatGenerator` where
    the provider has no Responses API (use `OpenAIChatGenerator`); the image generators;
    the Azure components (use the plain one with the provider's key and base URL), except
    for an Azure OpenAI target. A component already pointed at the provider that still reads
    OPENAI_API_KEY gets the provider's key variable (review); a document embedder pointed at
    it that sends more texts a request than it takes is left for you (manual). One given the
    key a person types (`Secret.from_token(getpass(...))`) has its prompt reworded as ML001
    rewords a client's (review), or left to you (a warning) where it names OpenAI otherwise.
    The `generation_kwargs={...}` written in the call of a chat component (sent as its
    requests' arguments) are ML111's, ML112's and ML115's to check; the changes they make
    there are made in this rewrite too, which may span the dict (but those a
    `# migrate-llm: ignore[...]` comment turns off).

    ## Data
    `framework` ("haystack"), `class`, `api_key_env`, `base_url_env`, `model_from` /
    `model_to` (the model written or the component's default, and its mapping); `surface` and
    `value`: ML601's.
    """

    code = "ML680"
    name = "haystack-openai-component"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    table = hs.CLASSES
    label = hs.LABEL
    examples = (
        Example(
            "from haystack.components.generators.chat import OpenAIChatGenerator\n"
            "bot = OpenAIChatGenerator()\n",
            message="OpenAIChatGenerator() (Haystack) talks to OpenAI (key from "
            "OPENAI_API_KEY); `migrate-llm apply --provider ID` points it at a provider",
        ),
        Example(
            "from haystack.components.generators.chat import OpenAIChatGenerator\n"
            "from haystack.utils import Secret\n"
            'bot = OpenAIChatGenerator(api_key=Secret.from_env_var("OPENAI_API_KEY"), '
            'model="gpt-4o")\n',
            provider="acme",
            message="OpenAIChatGenerator() (Haystack) talks to OpenAI (key from "
            "OPENAI_API_KEY); for Acme Cloud read the key from ACME_API_KEY and the base URL "
            "from ACME_BASE_URL (default https://api.acme.example/v1); model 'gpt-4o' -> "
            "'acme-large'",
            after="import os\n\n"
            "from haystack.components.generators.chat import OpenAIChatGenerator\n"
            "from haystack.utils import Secret\n"
            "bot = OpenAIChatGenerator(\n"
            '    api_base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    api_key=Secret.from_env_var("ACME_API_KEY"),\n'
            '    model="acme-large",\n'
            ")\n",
        ),
        Example(
            "from haystack.components.embedders import OpenAIDocumentEmbedder\n\n\n"
            "def embedder():\n    return OpenAIDocumentEmbedder(batch_size=8)\n",
            provider="acme",
            after="import os\n\nfrom haystack.components.embedders import OpenAIDocumentEmbedder\n"
            "from haystack.utils import Secret\n\n\n"
            "def embedder():\n    return OpenAIDocumentEmbedder(\n"
            '        api_key=Secret.from_env_var("ACME_API_KEY"),\n'
            '        api_base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        model="acme-embed",\n'
            "        batch_size=8,\n    )\n",
        ),
        Example(
            "from haystack.components.generators.chat import OpenAIChatGenerator\n"
            "from haystack.utils import Secret\n"
            'bot = OpenAIChatGenerator(api_key=Secret.from_env_var("ACME_API_KEY"), '
            'model="acme-large")\n',
            provider="acme",
            message="OpenAIChatGenerator() (Haystack) talks to OpenAI (key from ACME_API_KEY); "
            "without api_base_url= it sends that key to OpenAI: pass "
            'api_base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")',
        ),
        Example(
            "from haystack.components.generators.chat import AzureOpenAIChatGenerator\n"
            'bot = AzureOpenAIChatGenerator(azure_endpoint="https://x.openai.azure.com")\n',
            provider="acme",
            message="AzureOpenAIChatGenerator() (Haystack) talks to Azure OpenAI; apply does "
            "not rewrite it: use OpenAIChatGenerator without the Azure settings, with "
            'api_key=Secret.from_env_var("ACME_API_KEY"), '
            'api_base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") and '
            "an Acme Cloud model, by hand",
        ),
        Example(
            "from haystack.components.generators.chat import OpenAIChatGenerator\n"
            'bot = OpenAIChatGenerator(api_base_url="http://localhost:8000/v1", '
            'model="qwen2")\n',
            provider="acme",
            message="OpenAIChatGenerator() (Haystack) points at http://localhost:8000/v1, not "
            "OpenAI; left as it is",
        ),
        Example(
            "class OpenAIChatGenerator:\n    pass\n\n\nbot = OpenAIChatGenerator()\n",
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.secret: str | None = None  # the name the module imports haystack's Secret as

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if not self.active or node.module is None or isinstance(node.names, cst.ImportStar):
            return
        module = get_full_name_for_node(node.module)
        if node.relative or f"{module}.{hs.SECRET_NAME}" not in hs.SECRET_CLASSES:
            return
        for alias in node.names:
            if get_full_name_for_node(alias.name) == hs.SECRET_NAME:
                asname = alias.asname.name if alias.asname is not None else None
                self.secret = asname.value if isinstance(asname, cst.Name) else hs.SECRET_NAME

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active:
            return
        found = framework_class(self.ctx, node.func, self.table, self.names)
        if found is None:
            return
        qualname, cls = found
        head = f"{cls.name}() ({self.label})"
        if cls.azure:
            self.azure_component(node, cls, head)
            return
        where = endpoint(self.ctx, node, cls.base_url)
        key = key_of(self.ctx, node)
        if where.kind != "openai":
            if not self.pointed_with_openai_key(node, cls, where, key, head):
                self.report_endpoint(node, head, where, cls)
            given = keyword(node, hs.KEY)
            token = secret_call(self.ctx, given.value, hs.FROM_TOKEN) if given else None
            if token is not None and token.args and self.on_target(where):
                # a key a person types, pointed there by hand: its prompt
                report_typed_key_prompt(self, node, token.args[0].value)
            return
        head += f" talks to OpenAI ({key.shown})"
        provider = self.provider
        data: dict[str, object] = {"framework": cls.framework, "class": cls.name}
        if provider is None:
            tail = (
                "`migrate-llm apply --provider ID` points it at a provider"
                if cls.kind != hs.IMAGE
                else "`migrate-llm scan --provider ID` says what to do"
            )
            self.report(node, f"{head}; {tail}", fix=FixClass.MANUAL, data=data)
            return
        if not self.ctx.rules.switching:
            return
        left = self.left_to_person(cls, key)
        if left:
            self.report(node, f"{head}; {left}", fix=FixClass.MANUAL, data=data)
            return
        self.migrate(node, qualname, cls, head)

    def left_to_person(self, cls: FrameworkClass, key: Key) -> str:
        """Why apply leaves a component that talks to OpenAI for a person; empty when it
        points it at the provider."""
        provider = self.provider
        assert provider is not None
        if cls.kind == hs.IMAGE:
            serves = provider.support("images")
            said = (
                "has no OpenAI-compatible images API"
                if serves is False
                else "has other image models and sizes"
            )
            return (
                f"it calls OpenAI's images API, which apply does not rewrite; {provider.name} "
                f"{said}: keep it on OpenAI or use the provider's own image API, by hand"
            )
        if cls.kind == hs.RESPONSES and provider.support("responses") is not True:
            return (
                f"it sends OpenAI's Responses API, which {provider.name} does not serve: use "
                "OpenAIChatGenerator (chat completions), which apply then points at "
                f"{provider.name}"
            )
        if key.kind == "env" and key.variable == provider.api_key_env:
            return (
                f"without {hs.BASE_URL}= it sends that key to OpenAI: pass "
                f"{hs.BASE_URL}={self.base_url()}"
            )
        if key.kind == "other" or (key.kind == "env" and key.variable not in KEY_VARS_TO_SWITCH):
            return (
                f"apply replaces only {OPENAI_KEY}: pass {hs.KEY}={self.provider_secret()} and "
                f"{hs.BASE_URL}={self.base_url()} together, by hand (an OpenAI key must not go "
                f"to {provider.name})"
            )
        return ""

    def azure_component(self, node: cst.Call, cls: FrameworkClass, head: str) -> None:
        provider = self.provider
        data = {"framework": cls.framework, "class": cls.name}
        if provider is not None and provider.azure is not None:
            return  # already the target
        if provider is None:
            tail = "`migrate-llm scan --provider ID` says what to use instead"
        elif not self.ctx.rules.switching:
            return
        else:
            tail = (
                f"apply does not rewrite it: use {cls.plain} without the Azure settings, with "
                f"{hs.KEY}={self.provider_secret()}, {hs.BASE_URL}={self.base_url()} and "
                f"{'an' if provider.name[:1] in 'AEIOU' else 'a'} {provider.name} model, by hand"
            )
        self.report(node, f"{head} talks to Azure OpenAI; {tail}", fix=FixClass.MANUAL, data=data)

    def pointed_with_openai_key(
        self, node: cst.Call, cls: FrameworkClass, where, key: Key, head: str
    ) -> bool:
        """A component pointed at the target that reads OpenAI's key variable: it gets the
        provider's (review). Whether it was reported."""
        provider = self.provider
        if (
            provider is None
            or not self.ctx.rules.switching
            or where.kind != "provider"
            or where.provider is None
            or where.provider.id != provider.id
            or key.variable not in KEY_VARS_TO_SWITCH
            or key.variable == provider.api_key_env  # an Azure OpenAI target's
        ):
            return False
        p = Plan(cls, {hs.KEY: self.provider_secret()}, set(), imports=self.imports()[1:])
        self.report(
            node,
            f"{head} points at {provider.name} but reads its key from {key.variable}: read "
            f"{provider.api_key_env} instead",
            severity=Severity.ERROR,
            fix=FixClass.REVIEW,
            edit=plan_edit(self, node, p),
            data={**plan_data(self, p), "key_from": key.variable},
        )
        return True

    def adjust(self, node, qualname, cls: FrameworkClass, p: Plan, data) -> None:
        # a Secret, not the string `plan` reads; the key is never a person's or the program's
        p.typed_key = p.passed_key = ""
        p.set_args[hs.KEY] = self.provider_secret()
        p.imports = self.imports()
        p.values.update(self.generation_values(node, cls))

    def generation_values(self, node: cst.Call, cls: FrameworkClass) -> dict[int, str]:
        """The `generation_kwargs={...}` written in the call, with the changes ML111, ML112
        and ML115 make in it (`generation_edits`), by the argument's index: the rewrite of
        the call may span the dict, and an edit inside it would then be lost."""
        given = keyword(node, cls.request_kwargs) if cls.request_kwargs else None
        if given is None or not isinstance(given.value, cst.Dict):
            return {}
        from migrate_llm.rules.compat import generation_edits  # it imports this module

        span = self.ctx.span(given.value)
        inner = [
            Edit(Span(e.span.start - span.start, e.span.end - span.start), e.text)
            for e in generation_edits(self.ctx, node)
            if span.start <= e.span.start and e.span.end <= span.end
        ]
        if not inner:
            return {}
        index = next(i for i, a in enumerate(node.args) if a is given)
        return {index: apply_edits(self.ctx.text[span.start : span.end], inner)[0]}

    def provider_secret(self) -> str:
        assert self.provider is not None
        name = self.secret or hs.SECRET_NAME
        return f"{name}.{hs.FROM_ENV_VAR}({literal(self.provider.api_key_env)})"

    def base_url(self) -> str:
        assert self.provider is not None and self.ctx.rules.base_url is not None
        return base_url_expr(self.provider, self.ctx.rules.base_url)

    def imports(self) -> tuple[str, ...]:
        """`import os` and, unless the module has it, the import of `Secret`."""
        return (IMPORT_OS,) if self.secret else (IMPORT_OS, hs.SECRET_IMPORT)


HAYSTACK_RULES = (HaystackOpenAI,)
