"""Rules about OpenAI client construction and hard-coded keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example, RuleContext
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    ENV_NAME,
    ClientInfo,
    PythonContext,
    keyword,
    last_name,
    string_value,
)
from migrate_llm.rules.rewrite import IMPORT_OS, base_url_expr, key_expr, rebuild_call
from migrate_llm.secrets import find_secrets, mask

_ENV_READER_NAMES = frozenset(name.rsplit(".", 1)[1] for name in sdk.ENV_READERS)
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([^/:?#\s]+)", re.IGNORECASE)


def url_host(url: str) -> str | None:
    """The host of a URL, with or without its scheme."""
    if "://" in url:
        return urlsplit(url).hostname
    match = _HOST.match(url.strip())
    return match.group(1).lower() if match else None


@dataclass(frozen=True)
class Endpoint:
    """Where a client sends its requests.

    kind: "openai" (the default or an OpenAI URL/variable), "provider" (a catalogued
    provider's host), "custom" (some other URL) or "dynamic" (computed at run time).
    """

    kind: str
    detail: str = ""
    provider: Provider | None = None


def env_var_read(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[str, cst.BaseExpression | None] | None:
    """(variable, default expression) for `os.environ[X]`, `os.getenv(X[, d])`, `environ.get`."""
    if (
        isinstance(expr, cst.Subscript)
        and last_name(expr.value) == "environ"
        and len(expr.slice) == 1
        and isinstance(expr.slice[0].slice, cst.Index)
        and "os.environ" in ctx.qualnames(expr.value)
    ):
        name = string_value(expr.slice[0].slice.value)
        return (name, None) if name else None
    if (
        isinstance(expr, cst.Call)
        and expr.args
        and last_name(expr.func) in _ENV_READER_NAMES
        and ctx.qualnames(expr.func) & sdk.ENV_READERS
    ):
        name = string_value(expr.args[0].value)
        if name:
            return name, expr.args[1].value if len(expr.args) > 1 else None
    return None


def classify_url(ctx: PythonContext, url: str) -> Endpoint:
    host = url_host(url) or ""
    owner = ctx.rules.owner_of_host(host)
    if owner is not None and owner.id == "openai":
        return Endpoint("openai", url)
    if owner is not None:
        return Endpoint("provider", url, owner)
    return Endpoint("custom", url)


def endpoint_of(ctx: PythonContext, call: cst.Call) -> Endpoint:
    """Classify the `base_url` a client construction passes."""
    arg = keyword(call, "base_url")
    if arg is None:
        return Endpoint("openai")
    expr = arg.value
    if isinstance(expr, cst.Name) and expr.value == "None":
        return Endpoint("openai")
    env = env_var_read(ctx, expr)
    if env is not None:
        name, default = env
        if ENV_NAME.match(name):
            return Endpoint("openai", name)
        if default is not None and (url := string_value(default)) is not None:
            found = classify_url(ctx, url)
            if found.kind != "custom":
                return found
        return Endpoint("dynamic", f"environment variable {name}")
    resolved = ctx.resolve_literal(expr)
    if resolved is not None:
        return classify_url(ctx, resolved[1])
    return Endpoint("dynamic", "")


def key_source(rule: PythonRule, call: cst.Call) -> str:
    """Where a client construction takes its key from, in words."""
    arg = keyword(call, "api_key")
    if arg is None:
        return "key from OPENAI_API_KEY"
    value = string_value(arg.value)
    if value is not None:
        secrets = find_secrets(value)
        return f"hard-coded key {mask(secrets[0].group(0))}" if secrets else "hard-coded key"
    env = env_var_read(rule.ctx, arg.value)
    if env is not None:
        return f"key from {env[0]}"
    return f"key from `{rule.snippet(arg.value)}`"


def provider_client_edit(rule: PythonRule, call: cst.Call, client: ClientInfo) -> Edit | None:
    """The call rebuilt as a client of the target provider (None without a provider switch)."""
    ctx = rule.ctx.rules
    if not ctx.switching or ctx.provider is None or ctx.base_url is None:
        return None
    set_args = {
        "api_key": key_expr(ctx.provider),
        "base_url": base_url_expr(ctx.provider, ctx.base_url),
    }
    drop = sdk.ACCOUNT_KWARGS
    func = None
    imports = [IMPORT_OS]
    if client.azure:
        drop = drop | frozenset(sdk.AZURE_KWARGS)
        plain = "AsyncOpenAI" if client.is_async else "OpenAI"
        if isinstance(call.func, cst.Attribute):
            func = f"{rule.ctx.code(call.func.value)}.{plain}"
        else:
            func = plain
            imports.append(f"from openai import {plain}")
    text = rebuild_call(rule.ctx, call, set_args, drop, func)
    return Edit(rule.ctx.span(call), text, tuple(imports))


def target_advice(ctx: RuleContext) -> str:
    provider = ctx.provider
    assert provider is not None
    return (
        f"for {provider.name} read the key from {provider.api_key_env} and the base URL from "
        f"{provider.base_url_env} (default {ctx.base_url})"
    )


class ClientToOpenAI(PythonRule):
    """An OpenAI client that talks to api.openai.com.

    ## What it does
    Finds `OpenAI()`, `AsyncOpenAI()`, `openai.Client()` and `openai.AsyncClient()` whose
    `base_url` is absent, an OpenAI URL, or OpenAI's own environment variable, through any
    import alias.

    ## Why
    From mainland China these requests are blocked. The provider's OpenAI-compatible endpoint
    takes the same SDK once the key and base URL change.

    ## Fix (safe)
    `apply` passes `api_key=os.environ["<PROVIDER>_API_KEY"]` and
    `base_url=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>")`, keeping every other
    argument (timeout, max_retries, http_client, default_headers).
    """

    code = "ML001"
    name = "client-to-openai"
    silent_when_modernising = True  # with `--provider openai`, talking to OpenAI is the point
    category = "client"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            "from openai import OpenAI\nclient = OpenAI()\n",
            message="OpenAI() talks to OpenAI (key from OPENAI_API_KEY); "
            "`migrate-llm apply --provider ID` points it at a provider",
        ),
        Example(
            "import openai as oa\nclient = oa.AsyncOpenAI(timeout=30)\n",
            provider="acme",
            message="AsyncOpenAI() talks to OpenAI (key from OPENAI_API_KEY); for Acme Cloud "
            "read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1)",
            after="import openai as oa\nimport os\nclient = oa.AsyncOpenAI("
            'api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            "timeout=30)\n",
        ),
        Example('import openai\nc = openai.Client(base_url="https://api.openai.com/v1")\n'),
        Example("def make(OpenAI):\n    return OpenAI()\n", finds=False),
        Example("from langchain.llms import OpenAI\nllm = OpenAI()\n", finds=False),
        Example(
            'from openai import OpenAI\nc = OpenAI(base_url="http://localhost:8000/v1")\n',
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        client = self.ctx.constructed_client(node)
        if client is None or client.azure:
            return
        if endpoint_of(self.ctx, node).kind != "openai":
            return
        head = f"{client.cls}() talks to OpenAI ({key_source(self, node)})"
        if self.provider is None:
            self.report(node, f"{head}; `migrate-llm apply --provider ID` points it at a provider")
        else:
            self.report(
                node,
                f"{head}; {target_advice(self.ctx.rules)}",
                edit=provider_client_edit(self, node, client),
            )


class AzureClient(PythonRule):
    """An Azure OpenAI client, whose `model=` arguments are deployment names.

    ## What it does
    Finds `AzureOpenAI()` and `AsyncAzureOpenAI()` constructions.

    ## Why
    Azure routes by deployment: `model=` names a deployment, not a model, and the key,
    endpoint and `api_version` are Azure's. A provider takes a plain OpenAI client.

    ## Fix (review)
    `apply` builds a plain client with the provider's key and base URL; each deployment name
    used as `model=` must be mapped to a provider model (a manual finding when unknown).
    """

    code = "ML002"
    name = "azure-client"
    category = "client"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "from openai import AzureOpenAI\n"
            'c = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", '
            'api_version="2024-06-01")\n',
            message="AzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); "
            "its model= arguments are deployment names to map by hand",
        ),
        Example(
            'import openai\nc = openai.AsyncAzureOpenAI(api_version="2024-06-01")\n',
            provider="acme",
            after="import openai\nimport os\nc = openai.AsyncOpenAI("
            'api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"))\n',
        ),
        Example("from openai import OpenAI\nc = OpenAI()\n", finds=False),
    )

    def visit_Call(self, node: cst.Call) -> None:
        client = self.ctx.constructed_client(node)
        if client is None or not client.azure:
            return
        given = [k for k in sdk.AZURE_KWARGS if keyword(node, k) is not None]
        detail = f" ({', '.join(given)})" if given else ""
        head = f"{client.cls}() talks to Azure OpenAI{detail}"
        if self.provider is None or not self.ctx.rules.switching:
            tail = "its model= arguments are deployment names to map by hand"
        else:
            tail = (
                f"replace it with OpenAI() — {target_advice(self.ctx.rules)} — and map each "
                "deployment name used as model= to a provider model"
            )
        self.report(node, f"{head}; {tail}", edit=provider_client_edit(self, node, client))


class ClientCustomEndpoint(PythonRule):
    """A client pointed somewhere other than OpenAI: left alone, and said so.

    ## What it does
    Finds OpenAI clients whose `base_url` is a provider already, the application's own
    server or proxy, or a value computed at run time.

    ## Why
    A base URL someone set on purpose is not migrated blindly. When it is computed at run
    time, the person who knows the configuration must check where it points.
    """

    code = "ML003"
    name = "client-custom-endpoint"
    category = "client"
    severity = Severity.NOTE
    fix = FixClass.MANUAL
    examples = (
        Example(
            'from openai import OpenAI\nc = OpenAI(base_url="http://localhost:8000/v1")\n',
            message="OpenAI() points at http://localhost:8000/v1, not OpenAI; left as it is",
        ),
        Example(
            "import os\nfrom openai import OpenAI\n"
            'c = OpenAI(api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"))\n',
            provider="acme",
            message="OpenAI() already points at Acme Cloud",
        ),
        Example(
            "from openai import OpenAI\nc = OpenAI(base_url=settings.llm_url)\n",
            provider="acme",
            message="OpenAI() takes its base URL from `settings.llm_url` at run time; make sure "
            "it names Acme Cloud (https://api.acme.example/v1)",
        ),
        Example("from openai import OpenAI\nc = OpenAI()\n", finds=False),
    )

    def visit_Call(self, node: cst.Call) -> None:
        client = self.ctx.constructed_client(node)
        if client is None or client.azure:
            return
        endpoint = endpoint_of(self.ctx, node)
        if endpoint.kind == "openai":
            return
        self._report(node, client, endpoint)

    def _report(self, node: cst.Call, client: ClientInfo, endpoint: Endpoint) -> None:
        head = f"{client.cls}()"
        target = self.provider
        if endpoint.kind == "provider" and endpoint.provider is not None:
            owner = endpoint.provider
            if target is not None and owner.id == target.id:
                self.report(node, f"{head} already points at {owner.name}", fix=FixClass.SAFE)
            elif target is not None:
                self.report(
                    node,
                    f"{head} points at {owner.name}, not {target.name}; left as it is",
                    severity=Severity.WARNING,
                )
            else:
                self.report(node, f"{head} points at {owner.name}; left as it is")
        elif endpoint.kind == "custom":
            self.report(node, f"{head} points at {endpoint.detail}, not OpenAI; left as it is")
        else:
            arg = keyword(node, "base_url")
            source = endpoint.detail
            if not source and arg is not None:
                source = f"`{self.snippet(arg.value)}`"
            tail = (
                f"make sure it names {target.name} ({target.base_url})"
                if target is not None
                else "check where it points"
            )
            self.report(
                node,
                f"{head} takes its base URL from {source} at run time; {tail}",
                severity=Severity.WARNING,
            )


class HardcodedSecret(PythonRule):
    """An API key written into the source.

    ## What it does
    Finds `sk-...` keys in string literals, f-strings and comments. The key is never shown:
    messages carry a masked form such as `sk-pr…CD`.

    ## Why
    A key in code leaks through version control; after a migration it also keeps an OpenAI
    secret alive where a provider key belongs.

    ## Fix
    Safe where the key is a client's `api_key=` or `openai.api_key = ...` (`apply` reads the
    provider's key variable instead); manual elsewhere. Rotate the key either way: it is in
    your history.
    """

    code = "ML004"
    name = "hardcoded-secret"
    category = "secret"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            'from openai import OpenAI\nc = OpenAI(api_key="sk-proj-0123456789abcdefghijKLMN")\n',
            message="hard-coded API key sk-pr…MN; read it from the environment and rotate it",
        ),
        Example(
            'HEADERS = {"Authorization": "Bearer sk-0123456789abcdefghij"}\n',
            provider="acme",
            message="hard-coded API key sk-01…ij; read it from ACME_API_KEY and rotate it",
        ),
        Example("# old key: sk-0123456789abcdefghij0000\n"),
        Example('key = os.environ["OPENAI_API_KEY"]\nprefix = "sk-"\n', finds=False),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.replaceable: set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        if self.ctx.constructed_client(node) is not None:
            arg = keyword(node, "api_key")
            if arg is not None:
                self.replaceable.add(id(arg.value))

    def visit_Assign(self, node: cst.Assign) -> None:
        if self.ctx.index.uses_legacy:
            return  # openai<1.0 configuration is not rewritten yet
        for target in node.targets:
            if last_name(target.target) != "api_key":
                continue
            if "openai.api_key" in self.ctx.qualnames(target.target):
                self.replaceable.add(id(node.value))

    def _check(self, node: cst.CSTNode, text: str) -> None:
        where = self.provider.api_key_env if self.provider else "the environment"
        fix = FixClass.SAFE if id(node) in self.replaceable else FixClass.MANUAL
        for match in find_secrets(text):
            self.report(
                node,
                f"hard-coded API key {mask(match.group(0))}; read it from {where} and rotate it",
                fix=fix,
            )

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._check(node, node.value)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self._check(node, node.value)

    def visit_Comment(self, node: cst.Comment) -> None:
        self._check(node, node.value)


CLIENT_RULES = (ClientToOpenAI, AzureClient, ClientCustomEndpoint, HardcodedSecret)
