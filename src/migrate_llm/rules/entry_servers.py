"""The server an entry of a program's registry of services names beside a model (ML204).

MoneyPrinterTurbo keeps one `LLMProviderSpec("aihubmix", default_model="gpt-5.4-mini",
default_base_url="https://aihubmix.com/v1")` per service: a gateway serves OpenAI's model
names under its own URL, so that model goes to the gateway, never to OpenAI. apply had made
it the provider's model while the entry kept its URL (t52k). An entry (a call's keywords, a
dict display's string keys) whose base-URL setting names another server is that server's;
one whose URL is OpenAI's, which apply points at the target, moves with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from migrate_llm.rules.config_common import config_key
from migrate_llm.rules.langchain_routes import named_setting, settings_in
from migrate_llm.rules.python_context import PythonContext, string_value

# the name of an entry's base-URL setting (as `config_key` writes it): `default_base_url`,
# `api_base`, `endpoint`; not `api_key_url` or `docs_url` (pages for people)
_BASE_URL_NAME = re.compile(r"(?:baseurl|apibase|apiurl|apihost|endpoint|^url|^host)\Z")


@dataclass(frozen=True)
class EntryServer:
    """The base URL written beside a model in the same entry: `url` (as written), `node`
    (its literal), `other` (True: another server's, neither OpenAI's, Azure OpenAI's nor
    the target's; False: OpenAI's or the target's)."""

    url: str
    node: cst.SimpleString
    other: bool


def server_beside(ctx: PythonContext, node: cst.CSTNode) -> EntryServer | None:
    """The base URL set beside the model setting `node` in the same call or dict display
    (`Spec("aihubmix", default_model=M, default_base_url="https://aihubmix.com/v1")`,
    `{"model": M, "base_url": URL}`), its literal written there or as the default of a read
    (`os.environ.get("X_BASE_URL", URL)`); None where there is none, or it is Azure
    OpenAI's (a deployment's endpoint, which ML204 reads by its own names)."""
    own = named_setting(ctx, node)
    if own is None or not isinstance(own[1], (cst.Call, cst.Dict)):
        return None
    name, container = own
    for other, value in settings_in(container):
        if other == name or not _BASE_URL_NAME.search(config_key(other)):
            continue
        literal = _url_literal(value)
        if literal is None:
            continue
        url = string_value(literal) or ""
        from migrate_llm.rules.clients import url_host  # clients imports model rules

        owner = ctx.rules.owner_of_host(url_host(url) or "")
        if owner is not None and owner.id == "azure":
            return None
        target = ctx.rules.provider
        mine = owner is not None and (owner.id == "openai" or owner is target)
        return EntryServer(url, literal, not mine)
    return None


def _url_literal(value: cst.CSTNode) -> cst.SimpleString | None:
    """The first string literal in `value` (itself included) holding an http(s) URL."""
    if isinstance(value, cst.SimpleString):
        text = string_value(value) or ""
        return value if text.startswith(("http://", "https://")) else None
    for child in value.children:
        found = _url_literal(child)
        if found is not None:
            return found
    return None
