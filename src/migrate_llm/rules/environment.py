"""Rules about OpenAI's environment variables and URLs written into Python code."""

from __future__ import annotations

import re

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.clients import env_var_read
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    ENV_NAME,
    PythonContext,
    keyword,
    last_name,
    string_value,
)
from migrate_llm.rules.rewrite import requote


class OpenAIEnvVar(PythonRule):
    """A read (or mention) of one of OpenAI's environment variables.

    ## What it does
    Finds `os.environ["OPENAI_API_KEY"]`, `os.getenv("OPENAI_BASE_URL")`,
    `os.environ.get("OPENAI_API_BASE")` and other `OPENAI_*` / `AZURE_OPENAI_*` variables, and
    string literals naming them (settings classes, config loaders).

    ## Fix
    Safe for the key and base-URL variables read directly: `apply` reads the provider's
    variables instead (the OpenAI key is never copied into them). Other variables (the
    organisation, the project, Azure settings) have no provider equivalent and are manual.
    """

    code = "ML401"
    name = "openai-env-var"
    silent_when_modernising = True  # OpenAI's variables are the right ones then
    category = "environment"
    severity = Severity.WARNING
    fix = FixClass.SAFE
    examples = (
        Example(
            'import os\nkey = os.environ["OPENAI_API_KEY"]\n',
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY "
            "(the OpenAI key is not copied)",
            after='import os\nkey = os.environ["ACME_API_KEY"]\n',
        ),
        Example(
            'from os import getenv\nurl = getenv("OPENAI_API_BASE", "https://api.openai.com/v1")\n',
            provider="acme",
            message="reads OPENAI_API_BASE; Acme Cloud's base URL is in ACME_BASE_URL "
            "(default https://api.acme.example/v1)",
            after="from os import getenv\n"
            'url = getenv("ACME_BASE_URL", "https://api.openai.com/v1")\n',
        ),
        Example(
            'import os\norg = os.getenv("OPENAI_ORG_ID")\n',
            message="reads OPENAI_ORG_ID, an OpenAI-only setting; the provider has no equivalent",
        ),
        Example(
            'class Settings(BaseSettings):\n    key: str = Field(env="OPENAI_API_KEY")\n',
            message="mentions OPENAI_API_KEY; check how it is used and switch it to the "
            "provider's variable",
        ),
        Example('import os\nkey = os.environ["ACME_API_KEY"]\n', finds=False),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()

    def _advice(self, name: str) -> tuple[str, FixClass]:
        provider = self.provider
        if name in sdk.KEY_VARS_TO_SWITCH:
            if provider is None:
                return f"reads {name}; the provider's key variable replaces it", FixClass.SAFE
            return (
                f"reads {name}; {provider.name}'s key is in {provider.api_key_env} "
                "(the OpenAI key is not copied)",
                FixClass.SAFE,
            )
        if name in sdk.BASE_URL_VARS_TO_SWITCH:
            if provider is None:
                return f"reads {name}; the provider's base-URL variable replaces it", FixClass.SAFE
            return (
                f"reads {name}; {provider.name}'s base URL is in {provider.base_url_env} "
                f"(default {provider.base_url})",
                FixClass.SAFE,
            )
        target = provider.name if provider else "the provider"
        return f"reads {name}, an OpenAI-only setting; {target} has no equivalent", FixClass.MANUAL

    def _env_access(self, node: cst.BaseExpression) -> None:
        found = env_var_read(self.ctx, node)
        if found is None or not ENV_NAME.match(found[0]):
            return
        call = isinstance(node, cst.Call)
        literal = node.args[0].value if call else node.slice[0].slice.value  # type: ignore
        self.done.add(id(literal))
        name = found[0]
        message, fix = self._advice(name)
        self.report(node, message, fix=fix, edit=self._edit(literal, name))

    def _edit(self, literal: cst.BaseExpression, name: str) -> Edit | None:
        provider = self.provider
        if not self.ctx.rules.switching or provider is None:
            return None
        if name in sdk.KEY_VARS_TO_SWITCH:
            new = provider.api_key_env
        elif name in sdk.BASE_URL_VARS_TO_SWITCH:
            new = provider.base_url_env
        else:
            return None
        text = requote(literal, new) if isinstance(literal, cst.SimpleString) else None
        return Edit(self.ctx.span(literal), text) if text else None

    def visit_Call(self, node: cst.Call) -> None:
        self._env_access(node)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._env_access(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if id(node) in self.done:
            return
        value = string_value(node)
        if value is None or not ENV_NAME.match(value):
            return
        target = f"{self.provider.name}'s" if self.provider else "the provider's"
        self.report(
            node,
            f"mentions {value}; check how it is used and switch it to {target} variable",
            severity=Severity.NOTE,
            fix=FixClass.MANUAL,
        )


class OpenAIUrl(PythonRule):
    """A hard-coded OpenAI URL (`https://api.openai.com/v1`), also in raw HTTP calls.

    ## What it does
    Finds string literals and f-strings that contain an OpenAI API host. In a `requests`,
    `httpx`, `aiohttp` or `urllib` call the request is reported and never rewritten: its
    payload and headers are OpenAI's and need a person's eye. Base URLs passed to a client or
    assigned to `openai.api_base` / `openai.base_url` are covered by ML001, ML103 and ML301.
    """

    code = "ML402"
    name = "openai-url"
    category = "environment"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            "import requests\n"
            'r = requests.post("https://api.openai.com/v1/chat/completions", json=body)\n',
            provider="acme",
            message="raw HTTP request to OpenAI (https://api.openai.com/v1/chat/completions); "
            "not rewritten: send it to https://api.acme.example/v1 with the key from "
            "ACME_API_KEY, or use the openai SDK",
        ),
        Example(
            'OPENAI_URL = "https://api.openai.com/v1"\n',
            message="hard-coded OpenAI URL https://api.openai.com/v1; the provider's base URL "
            "replaces it",
        ),
        Example('import httpx\nhttpx.get(f"https://api.openai.com/v1/models/{m}")\n'),
        Example(
            "BASE = 'https://api.openai.com/v1/'\n",
            provider="acme",
            message="hard-coded OpenAI URL https://api.openai.com/v1/; Acme Cloud's base URL "
            "replaces it",
            after="BASE = 'https://api.acme.example/v1'\n",
        ),
        Example(
            'from openai import OpenAI\nc = OpenAI(base_url="https://api.openai.com/v1")\n',
            finds=False,
        ),
        Example('DOCS = "https://platform.openai.com/docs"\n', finds=False),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()
        hosts = "|".join(re.escape(h) for h in ctx.rules.openai.hosts) or r"(?!)"
        base = ctx.rules.openai.base_url.rstrip("/")
        self.base_urls = {base, base.replace("https://", "http://", 1)}
        self.pattern = re.compile(rf"(?i)(?:https?://)?(?:{hosts})[^\s\"'{{}}]*")

    def _http_library(self, node: cst.Call) -> bool:
        for name in self.ctx.qualnames(node.func):
            if any(name == lib or name.startswith(lib + ".") for lib in sdk.HTTP_LIBRARIES):
                return True
        return False

    def _text(self, node: cst.CSTNode) -> str | None:
        if isinstance(node, cst.SimpleString):
            return string_value(node)
        if isinstance(node, cst.FormattedString):
            return "".join(
                p.value if isinstance(p, cst.FormattedStringText) else "{}" for p in node.parts
            )
        return None

    def visit_Call(self, node: cst.Call) -> None:
        if self.ctx.constructed_client(node) is not None:
            arg = keyword(node, "base_url")
            if arg is not None:
                self.done.add(id(arg.value))
            return
        for arg in node.args:
            text = self._text(arg.value)
            match = self.pattern.search(text) if text else None
            if match is None or not self._http_library(node):
                continue
            self.done.add(id(arg.value))
            provider = self.provider
            where = (
                f"send it to {provider.base_url} with the key from {provider.api_key_env}"
                if provider
                else "send it to the provider's base URL"
            )
            self.report(
                node,
                f"raw HTTP request to OpenAI ({match.group(0)}); not rewritten: {where}, "
                "or use the openai SDK",
                severity=Severity.ERROR,
            )

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if last_name(target.target) not in ("api_base", "base_url"):
                continue
            names = self.ctx.qualnames(target.target)
            if names & {"openai.api_base", "openai.base_url"}:
                self.done.add(id(node.value))

    def _literal(self, node: cst.BaseExpression) -> None:
        if id(node) in self.done:
            return
        text = self._text(node)
        match = self.pattern.search(text) if text else None
        if match is None:
            return
        rules = self.ctx.rules
        if self.provider is not None and not rules.switching:
            return
        url = match.group(0)
        target = f"{self.provider.name}'s base URL" if self.provider else "the provider's base URL"
        plain = isinstance(node, cst.SimpleString) and (text or "").rstrip("/") in self.base_urls
        if not plain:
            self.report(node, f"hard-coded OpenAI URL {url}; replace it with {target} by hand")
            return
        edit = None
        if rules.switching and rules.base_url:
            new = requote(node, rules.base_url)  # type: ignore[arg-type]
            edit = Edit(self.ctx.span(node), new) if new else None
        message = f"hard-coded OpenAI URL {url}; {target} replaces it"
        self.report(node, message, fix=FixClass.SAFE, edit=edit)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._literal(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._literal(node)


ENVIRONMENT_RULES = (OpenAIEnvVar, OpenAIUrl)
