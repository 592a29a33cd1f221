"""ML120: an images request whose answer is read as base64 from a provider that answers with
URLs only.

OpenAI's `gpt-image-1` always answers `data[].b64_json`, and dall-e models do when asked with
`response_format="b64_json"`. A provider whose file says its images API answers with URLs only
(`[params] image_response_formats = ["url"]`: Zhipu's CogView) leaves `b64_json` None, so
`base64.b64decode(item.b64_json)` fails once the request goes there (t50c:
chatgpt_telegram_bot's `generate_images`, TypeError).
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.compat import CALL_KINDS, fact_unconfirmed
from migrate_llm.rules.model_reach import kept_client
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword, string_value

_BASE64 = "b64_json"
_URL = "url"
_FORMATS = "image_response_formats"
_CLIENT = "from openai import OpenAI\nc = OpenAI()\n"


def _root(node: cst.BaseExpression) -> cst.BaseExpression:
    """The expression an attribute or subscript chain starts from (`r` of `r.data[0]`)."""
    while isinstance(node, (cst.Attribute, cst.Subscript)):
        node = node.value
    return node


def _base64_field(node: cst.CSTNode) -> cst.BaseExpression | None:
    """The object whose `b64_json` `node` reads (`item.b64_json`, `item["b64_json"]`)."""
    if isinstance(node, cst.Attribute) and node.attr.value == _BASE64:
        return node.value
    if (
        isinstance(node, cst.Subscript)
        and len(node.slice) == 1
        and isinstance(node.slice[0].slice, cst.Index)
        and string_value(node.slice[0].slice.value) == _BASE64
    ):
        return node.value
    return None


def base64_reads(ctx: PythonContext, call: cst.Call) -> list[cst.BaseExpression]:
    """Where the function making `call` (or the module) reads `b64_json` of its answer: on
    the call itself (`create(...).data[0].b64_json`), on a name bound to it (awaited or not),
    and on the names bound from those (`for item in r.data`, a comprehension's target,
    `first = r.data[0]`), in the order of the text."""
    parents = ctx.ancestors(call)
    result: cst.CSTNode = call
    if parents and isinstance(parents[-1], cst.Await):
        result = parents[-1]
    scope = next((a for a in reversed(parents) if isinstance(a, cst.FunctionDef)), ctx.module)
    start = ctx.index_of(scope)
    nodes = ctx.nodes[start : ctx.ends[start]]
    names: set[str] = set()

    def derived(value: cst.BaseExpression) -> bool:
        root = _root(value)
        return root is result or (isinstance(root, cst.Name) and root.value in names)

    def bind(target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            names.add(target.value)

    for node in nodes:  # in text order: a name is bound before it is read
        if isinstance(node, cst.Assign) and derived(node.value):
            for target in node.targets:
                bind(target.target)
        elif isinstance(node, (cst.For, cst.CompFor)) and derived(node.iter):
            bind(node.target)
    found = []
    for node in nodes:
        owner = _base64_field(node)
        if owner is not None and derived(owner):
            found.append(node)
    return found  # type: ignore[return-value]


class ImageResultFormat(PythonRule):
    """An images request whose answer is read as base64 where the provider gives URLs only.

    ## What it does
    With `--provider`, where the provider's file says its images API answers with URLs only
    (`[params] image_response_formats = ["url"]`: Zhipu's CogView), finds the images requests
    of the SDK (`images.generate`, `edit`, `create_variation`) that go there (a client `apply`
    leaves on OpenAI is passed over) and send `response_format="b64_json"` or whose answer the
    same function reads as `b64_json`: on the call itself, on the name it is bound to (awaited
    or not), or on a name bound from that one (`for item in r.data`, a comprehension over it,
    `first = r.data[0]`); `item.b64_json` or `item["b64_json"]`.

    ## Why
    OpenAI's `gpt-image-1` always answers with base64, and the dall-e models do when asked.
    Such a provider answers with `data[].url` only: `b64_json` is None, and
    `base64.b64decode(item.b64_json)` raises TypeError (t50c: chatgpt_telegram_bot's images
    after `gpt-image-1` was mapped to `cogview-4`).

    ## Fix (manual)
    Download the image from `.url` (and drop `response_format=`), by hand.

    ## Data
    `formats`: the forms the provider answers with (`["url"]`).
    """

    code = "ML120"
    name = "image-result-format"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            _CLIENT + 'r = c.images.generate(model="gpt-image-1", prompt=p)\n'
            "png = base64.b64decode(r.data[0].b64_json)\n",
            provider="zhipu",
            message="images.generate() goes to Zhipu AI (GLM), whose images API answers with a "
            "URL only (data[].url): r.data[0].b64_json is None there; download the image from "
            ".url instead, by hand",
        ),
        Example(
            _CLIENT + "async def draw(p):\n"
            '    r = await c.images.generate(model="dall-e-3", prompt=p, '
            'response_format="b64_json")\n'
            "    return [base64.b64decode(item.b64_json) for item in r.data]\n",
            provider="zhipu",
            message='response_format="b64_json" asks images.generate() for base64, which Zhipu '
            "AI (GLM) does not answer with (its images API answers with a URL only "
            "(data[].url)): remove it and download the image from .url instead, by hand",
        ),
        Example(
            _CLIENT + 'r = c.images.generate(model="gpt-image-1", prompt=p)\n'
            "print(r.data[0].url)\n",
            provider="zhipu",
            finds=False,
        ),
        Example(
            _CLIENT + 'r = c.images.generate(model="gpt-image-1", prompt=p)\n'
            "png = base64.b64decode(r.data[0].b64_json)\n",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        provider = self.provider
        if provider is None or not self.ctx.rules.switching:
            return
        formats = provider.params.get(_FORMATS)
        if not formats or _BASE64 in formats or provider.support("images") is False:
            return
        info = self.ctx.sdk_call(node)
        if info is None or info.surface != "images" or info.kind not in CALL_KINDS:
            return
        if kept_client(self.ctx, node) is not None:
            return  # its client stays on OpenAI, and so does the request
        answers = "a URL only (data[].url)"  # the only form besides base64
        unconfirmed = fact_unconfirmed(provider, f"params.{_FORMATS}")
        data = {"formats": list(formats)}
        asked = keyword(node, "response_format")
        if asked is not None and string_value(asked.value) == _BASE64:
            self.report(
                asked,
                f'response_format="{_BASE64}" asks {info.path}() for base64, which '
                f"{provider.name} does not answer with (its images API answers with {answers}): "
                f"remove it and download the image from .url instead, by hand{unconfirmed}",
                data=data,
            )
        for read in base64_reads(self.ctx, node):
            self.report(
                read,
                f"{info.path}() goes to {provider.name}, whose images API answers with "
                f"{answers}: {self.ctx.code(read)} is None there; download the image from .url "
                f"instead, by hand{unconfirmed}",
                data=data,
            )


IMAGE_RESULT_RULES = (ImageResultFormat,)
