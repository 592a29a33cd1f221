"""OpenAI's version path `/v1` appended to a base URL chosen at run time, as code written for
OpenAI's host does (ChuanhuChatGPT's `f"{api_host}/v1/chat/completions"` in
`format_openai_host`, `config["openai_api_base"] + "/v1/chat/completions"`).

A provider whose base URL ends in a version path of its own (Zhipu's `/api/paas/v4`) serves
nothing under `<base>/v1/...`: given that base URL, such code requests
`/api/paas/v4/v1/chat/completions` (404). ML402 reports the appended path; ML403 names it as
where a request's URL comes from.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import libcst as cst

from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.raw_http import rest_surface

_VERSION = "/v1"
# a version segment ending a base URL's path (`/api/paas/v4`, `/api/v3`, `/v2`)
_OWN_VERSION = re.compile(r"/v\d+$")


@dataclass(frozen=True)
class AppendedVersion:
    """`text` (a string literal, or a text part of an f-string) starts with `suffix`
    (`/v1/chat/completions`, `/v1`) right after `base`, an expression chosen at run time."""

    text: cst.CSTNode
    base: cst.BaseExpression
    suffix: str

    @property
    def path(self) -> str:
        """What follows `/v1`: the REST path (`/chat/completions`), or ""."""
        return self.suffix[len(_VERSION) :]


def own_version(base_url: str) -> str | None:
    """The version path a provider's base URL ends in where it is not OpenAI's `/v1` (Zhipu's
    `/v4`, Doubao's `/v3`, ERNIE's `/v2`); None otherwise: a base ending in `/v1` serves
    `<host>/v1/...`, set to its host."""
    found = _OWN_VERSION.search(urlsplit(base_url).path.rstrip("/"))
    return found.group(0) if found is not None and found.group(0) != _VERSION else None


def appended_versions(ctx: PythonContext) -> list[AppendedVersion]:
    """Every `/v1` path the module appends to a base URL of OpenAI's chosen at run time:
    after an expression that is no string the module shows and that names OpenAI (in its
    code, or in the name of the function or class building the URL), so that a URL of the
    program's own server (`f"{self.vllm_url}/v1/chat/completions"`) is not one."""
    cached = ctx.analyses.get(appended_versions)
    if cached is not None:
        return cached  # type: ignore[return-value]  # stored by this function
    found: list[AppendedVersion] = []
    for node in ctx.nodes:
        # not `isinstance`: see python_context.string_value
        if type(node) is cst.FormattedString:
            for before, part in itertools.pairwise(node.parts):
                if isinstance(before, cst.FormattedStringExpression) and isinstance(
                    part, cst.FormattedStringText
                ):
                    _add(ctx, found, part, before.expression, part.value)
        elif type(node) is cst.BinaryOperation and type(node.operator) is cst.Add:
            text = string_value(node.right)
            if text is not None and string_value(node.left) is None:
                _add(ctx, found, node.right, node.left, text)
    ctx.analyses[appended_versions] = found
    return found


def appended_in(ctx: PythonContext, node: cst.CSTNode) -> AppendedVersion | None:
    """The first appended `/v1` (`appended_versions`) inside `node`."""
    span = ctx.span(node)
    return next(
        (
            found
            for found in appended_versions(ctx)
            if span.start <= ctx.span(found.text).start < span.end
        ),
        None,
    )


def _add(
    ctx: PythonContext,
    found: list[AppendedVersion],
    text: cst.CSTNode,
    base: cst.BaseExpression,
    value: str,
) -> None:
    suffix = _suffix(value)
    if suffix is not None and _chosen_openai_base(ctx, base):
        found.append(AppendedVersion(text, base, suffix))


def _suffix(text: str) -> str | None:
    """`/v1` and the REST path of OpenAI's after it that `text` starts with, or None."""
    if not text.startswith(_VERSION):
        return None
    rest = re.split(r"[?#]", text[len(_VERSION) :], maxsplit=1)[0]
    if rest in ("", "/") or rest_surface(rest) is not None:
        return _VERSION + rest.rstrip("/")
    return None


def _chosen_openai_base(ctx: PythonContext, base: cst.BaseExpression) -> bool:
    """Whether `base` is chosen at run time (no string the module shows: a name bound once to
    a literal is the module's own URL) and names OpenAI: in its code (`api_host` does not,
    `config["openai_api_base"]` does), or in the name of the function or class around it
    (`format_openai_host`)."""
    if isinstance(base, cst.Name):
        held = ctx.bound_value(base)
        if held is not None and string_value(held) is not None:
            return False
    if "openai" in ctx.code(base).lower():
        return True
    return any(
        isinstance(outer, (cst.FunctionDef, cst.ClassDef)) and "openai" in outer.name.value.lower()
        for outer in ctx.ancestors(base)
    )
