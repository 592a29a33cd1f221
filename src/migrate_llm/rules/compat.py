"""Compatibility rules: request parameters that the target provider treats differently.

Each rule runs only when the code moves to another provider, only on calls into the OpenAI
SDK, and only on values written in the source (literals, module constants, literal dicts and
lists). A parameter the provider's `[params]` table does not mention is unknown, not
unsupported: nothing is said about it.
"""

from __future__ import annotations

import re
from typing import Any

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import CallInfo, keyword, string_value
from migrate_llm.rules.rewrite import argument_removal, requote

# An all-capitals tag opening an [uncertain] reason.
_TAG = re.compile(r"^[A-Z]+:\s*")

CALL_KINDS = frozenset({"client", "probable", "module", "legacy"})
REQUEST_METHODS = frozenset({"create", "parse", "stream", "acreate"})

_CLIENT = "from openai import OpenAI\nc = OpenAI()\n"

# keyword -> (provider param, what to do instead)
_FLAGS = (
    ("logprobs", "logprobs", "remove it (token log-probabilities are not returned)"),
    ("seed", "seed", "remove it (outputs cannot be made reproducible)"),
    ("parallel_tool_calls", "parallel_tool_calls", "remove it"),
    ("stream_options", "stream_options", "remove it and count tokens another way"),
    ("functions", "functions", "rewrite it as tools="),
    ("function_call", "functions", "rewrite it as tool_choice="),
)


def number_value(node: cst.BaseExpression) -> int | float | None:
    """The value of an int or float literal, signed or not; None for anything else."""
    sign = 1
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        sign = -1 if isinstance(node.operator, cst.Minus) else 1
        node = node.expression
    if isinstance(node, (cst.Integer, cst.Float)):
        value = node.evaluated_value
        if isinstance(value, (int, float)):
            return sign * value
    return None


def number_text(bound: int | float, like: cst.BaseExpression) -> str:
    """`bound` written in the form of the literal `like` (`1.0` for a float, `1` for an int)."""
    if isinstance(like, cst.UnaryOperation):
        like = like.expression
    if isinstance(like, cst.Integer) and float(bound).is_integer():
        return str(int(bound))
    return repr(float(bound))


def dict_items(node: cst.BaseExpression) -> dict[str, cst.BaseExpression] | None:
    """The string-keyed entries of a literal dict display; None for anything else."""
    if not isinstance(node, cst.Dict):
        return None
    items: dict[str, cst.BaseExpression] = {}
    for element in node.elements:
        if isinstance(element, cst.DictElement):
            key = string_value(element.key)
            if key is not None:
                items[key] = element.value
    return items


class _CompatRule(PythonRule):
    """Shared dispatch: SDK requests on the given surfaces, only when switching provider."""

    surfaces: frozenset[str] = frozenset({"chat"})

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.reported: set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        if not self.ctx.rules.switching:
            return
        info = self.ctx.sdk_call(node)
        if (
            info is None
            or info.kind not in CALL_KINDS
            or info.surface not in self.surfaces
            or info.method not in REQUEST_METHODS
        ):
            return
        self.check_call(node, info, self.provider)

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        raise NotImplementedError

    def param(self, key: str) -> Any:
        return self.provider.params.get(key)

    def unconfirmed(self, key: str) -> str:
        """` (unconfirmed: reason)` when the provider file marks `params.key` uncertain."""
        reason = self.provider.uncertain.get(f"params.{key}")
        if not reason:
            return ""
        # a file's own tag (`CONFLICT: ...`, `UNCONFIRMED: ...`) would say it twice
        return f" (unconfirmed: {_TAG.sub('', reason)})"

    def call_model(self, node: cst.Call, info: CallInfo) -> tuple[str, str | None] | None:
        """The provider model a request sends once migrated, and the OpenAI model it comes
        from (None when written as a provider model); None when not known statically.

        Known: a literal or a module constant (`MODEL = "..."`) that names one of the
        provider's models, or an OpenAI model that `--model`/config or the provider's table
        maps (ML201 writes that mapping in the same run). Not known: a computed value, a
        parameter, an environment default (the deployment may set another), an Azure client's
        deployment name.
        """
        arg = keyword(node, "model")
        if arg is None or (info.client is not None and info.client.azure):
            return None
        resolved = self.ctx.resolve_literal(arg.value)
        if resolved is None:
            return None
        _, model, how = resolved
        if how != "literal" and not how.startswith("constant "):
            return None
        rules = self.ctx.rules
        if model in rules.models:
            return rules.models[model], model
        if self.provider.serves(model):
            return model, None
        if rules.openai.serves(model):
            mapped = rules.map_model(model)
            if mapped is not None:
                return mapped, model
        return None

    def model_facts(self, node: cst.Call, info: CallInfo) -> dict[str, tuple[str, str]]:
        """`[model_params]` facts (param -> (fact, glob)) for the model of this request."""
        if not self.provider.model_params:
            return {}
        known = self.call_model(node, info)
        return self.provider.model_param_facts(known[0] if known else None)

    def visible(self, expr: cst.BaseExpression) -> tuple[cst.BaseExpression, str | None]:
        """The expression a value is written as: itself, or the value of the one assignment
        of a name (a constant), with the constant's name."""
        if isinstance(expr, cst.Name):
            found = self.ctx.bindings(expr)
            if len(found) == 1 and isinstance(found[0], Assignment):
                value = self.ctx.index.assigned.get(id(found[0].node))
                if value is not None:
                    return value, expr.value
        return expr, None


class UnsupportedParameter(_CompatRule):
    """A chat request parameter, or value, that the provider does not accept.

    ## What it does
    Checks the values written in the source against the provider's `[params]` table:
    `temperature` / `top_p` outside its range, a `tool_choice` it does not accept
    (`"required"`, a named tool), a `response_format` type it lacks (`json_schema`), `n`
    above its maximum, and `logprobs`, `seed`, `parallel_tool_calls`, `stream_options`,
    `functions` / `function_call` where it has none. A parameter the table does not mention
    is not reported; one it marks uncertain carries the reason.

    ## Why
    Providers reject (HTTP 400) or silently ignore what they do not support; either way the
    code no longer does what it says.

    ## Fix
    A literal temperature or top_p is clamped into range (review: sampling changes a
    little). Everything else needs a person; the message says what to do instead. A
    parameter that the request's model fixes or does not take (`[model_params]`) is ML115's:
    it is removed, not clamped.
    """

    code = "ML111"
    name = "unsupported-parameter"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], temperature=1.5)\n",
            provider="acme",
            message="temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
            after=_CLIENT + "c.chat.completions.create(model=m, messages=[], temperature=1.0)\n",
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model=m, messages=[], tool_choice="required")\n',
            provider="acme",
            message='tool_choice="required" is not accepted by Acme Cloud (accepted: auto, none); '
            'use "auto" and check that the model calls a tool',
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], temperature=0.7, n=1)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], temperature=1.5)\n",
            finds=False,
        ),
    )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        removed = self.model_facts(node, info)  # ML115 removes these: nothing to clamp
        for name in ("temperature", "top_p"):
            if name not in removed:
                self.check_range(node, name)
        if "tool_choice" not in removed:
            self.check_tool_choice(node)
        if "response_format" not in removed:
            self.check_response_format(node)
        if "n" not in removed:
            self.check_n(node)
        for name, key, hint in _FLAGS:
            arg = keyword(node, name)
            if arg is not None and name not in removed and self.param(key) is False:
                self.report(
                    arg,
                    f"{name}= is not supported by {provider.name}; {hint}{self.unconfirmed(key)}",
                )

    def check_range(self, node: cst.Call, name: str) -> None:
        arg = keyword(node, name)
        bounds = self.param(name)
        if arg is None or bounds is None:
            return
        written, constant = self.visible(arg.value)
        value = number_value(written)
        if value is None:
            return
        low, high = bounds
        if low <= value <= high:
            return
        bound = low if value < low else high
        new = number_text(bound, written)
        subject = f"{name} {self.ctx.code(written)}"
        if constant is not None:
            subject += f" (constant {constant})"
        message = (
            f"{subject} is outside the range {self.provider.name} accepts, [{low}, {high}]; "
            f"use {new}"
            f"{self.unconfirmed(name)}"
        )
        if constant is not None:  # the constant may serve elsewhere: a person decides
            self.report(arg.value, message)
        else:
            edit = Edit(self.ctx.span(written), new)
            self.report(arg.value, message, fix=FixClass.REVIEW, edit=edit)

    def check_tool_choice(self, node: cst.Call) -> None:
        arg = keyword(node, "tool_choice")
        accepted = self.param("tool_choice")
        if arg is None or accepted is None:
            return
        written, _ = self.visible(arg.value)
        value = string_value(written)
        if value is not None:
            if value in accepted:
                return
            subject = f"tool_choice={value!r}".replace("'", '"')
            hint = (
                '; use "auto" and check that the model calls a tool' if value == "required" else ""
            )
        elif isinstance(written, cst.Dict) and "function" not in accepted:
            subject = "a named tool in tool_choice"
            hint = '; use "auto" and offer only that tool in tools='
        else:
            return
        listed = ", ".join(accepted)
        self.report(
            arg.value,
            f"{subject} is not accepted by {self.provider.name} (accepted: {listed})"
            f"{hint}{self.unconfirmed('tool_choice')}",
        )

    def check_response_format(self, node: cst.Call) -> None:
        arg = keyword(node, "response_format")
        accepted = self.param("response_format")
        if arg is None or accepted is None:
            return
        items = dict_items(self.visible(arg.value)[0])
        kind = string_value(items["type"]) if items and "type" in items else None
        if kind is None or kind in accepted:
            return
        hint = ""
        if kind == "json_schema" and "json_object" in accepted:
            hint = "; use json_object and describe the schema in the prompt"
        self.report(
            arg.value,
            f'response_format type "{kind}" is not accepted by {self.provider.name} '
            f"(accepted: {', '.join(accepted)}){hint}{self.unconfirmed('response_format')}",
        )

    def check_n(self, node: cst.Call) -> None:
        arg = keyword(node, "n")
        most = self.param("n_max")
        if arg is None or most is None:
            return
        value = number_value(self.visible(arg.value)[0])
        if value is None or value <= most:
            return
        self.report(
            arg.value,
            f"n={value} asks for more choices than {self.provider.name} returns (at most "
            f"{most}); make several requests instead{self.unconfirmed('n_max')}",
        )


class ModelParameter(_CompatRule):
    """A request parameter that the request's model fixes or does not take.

    ## What it does
    Reads the provider's `[model_params."<model glob>"]` tables: `temperature = "fixed"`
    (the model uses its own value and ignores or rejects the argument) or `n = "drop"` (the
    model does not take it). When the request's model matches a glob, each such keyword
    argument is reported. The model is known when written as a literal or a module constant:
    one of the provider's models, or an OpenAI model that `--model`, the config or the
    provider's table maps (ML201 rewrites it in the same run). When the model is not known
    (a variable, a parameter, an environment default), only the entries of the glob `"*"`
    apply, since they hold for every model; nothing else is reported, not even for a
    parameter some models reject: whether this request's model does is not known.

    ## Why
    Thinking models often fix their sampling: some answer HTTP 400 ("only 1 is allowed") to
    any other temperature, others ignore it. Clamping the value into the provider's general
    range does not help; the argument has to go.

    ## Fix (review)
    `apply` removes the argument: its whole line when it stands on a line of its own (a
    comment after it goes too), else the argument and its comma. Review: what the code asked
    for no longer applies.

    ## Data
    `model` (the provider model; null when not known), `model_from` (the OpenAI model it is
    mapped from, or null), `param`, `fact` (`fixed` or `drop`), `glob` (the `[model_params]`
    key that matched).
    """

    code = "ML115"
    name = "model-parameter"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    examples = (
        Example(
            _CLIENT
            + 'c.chat.completions.create(model="acme-think", messages=[], temperature=0.3)\n',
            provider="acme",
            message="acme-think fixes temperature on Acme Cloud: temperature= is removed "
            "(the model ignores or rejects it)",
            after=_CLIENT + 'c.chat.completions.create(model="acme-think", messages=[])\n',
        ),
        Example(
            _CLIENT + "c.chat.completions.create(\n"
            '    model="acme-think-pro",\n'
            "    messages=[],\n"
            "    presence_penalty=0.5,\n"
            "    stream=True,\n"
            ")\n",
            provider="acme",
            message="acme-think-pro does not take presence_penalty on Acme Cloud: "
            "presence_penalty= is removed (unconfirmed: one forum post)",
            after=_CLIENT + "c.chat.completions.create(\n"
            '    model="acme-think-pro",\n'
            "    messages=[],\n"
            "    stream=True,\n"
            ")\n",
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], logit_bias={})\n",
            provider="acme",
            message="Acme Cloud's models do not take logit_bias: logit_bias= is removed",
            after=_CLIENT + "c.chat.completions.create(model=m, messages=[])\n",
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], temperature=0.3)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT
            + 'c.chat.completions.create(model="acme-large", messages=[], temperature=0.3)\n',
            provider="acme",
            finds=False,
        ),
    )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        facts = self.model_facts(node, info)
        if not facts:
            return
        known = self.call_model(node, info)
        model, model_from = known if known else (None, None)
        kept = [
            i
            for i, arg in enumerate(node.args)
            if arg.keyword is None or arg.keyword.value not in facts
        ]
        for index, arg in enumerate(node.args):
            if arg.keyword is None or arg.keyword.value not in facts:
                continue
            param = arg.keyword.value
            fact, glob = facts[param]
            self.report(
                arg,
                self.message(provider, model, model_from, param, fact, glob),
                edit=Edit(self.removal(node, index, kept), ""),
                data={
                    "model": model,
                    "model_from": model_from,
                    "param": param,
                    "fact": fact,
                    "glob": glob,
                },
            )

    def removal(self, node: cst.Call, index: int, kept: list[int]) -> Span:
        """What to delete to remove argument `index`: its whole line(s) when it stands on lines
        of its own (a comment after it goes too), else the argument and its comma."""
        text = self.ctx.text
        span = self.ctx.span(node.args[index])
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        rest = text[span.end : line_end].strip() if line_end != -1 else "?"
        if rest.startswith(","):
            rest = rest[1:].strip()
        if not text[line_start : span.start].strip() and (not rest or rest.startswith("#")):
            return Span(line_start, line_end + 1)
        return argument_removal(self.ctx, node, index, kept)

    def message(
        self,
        provider: Provider,
        model: str | None,
        model_from: str | None,
        param: str,
        fact: str,
        glob: str,
    ) -> str:
        if model is None:
            subject = f"{provider.name}'s models"
            verb = "fix" if fact == "fixed" else "do not take"
            head = f"{subject} {verb} {param}"
        else:
            subject = model if model_from is None else f"{model} (mapped from {model_from})"
            verb = "fixes" if fact == "fixed" else "does not take"
            head = f"{subject} {verb} {param} on {provider.name}"
        why = " (the model ignores or rejects it)" if fact == "fixed" else ""
        reason = next(
            (
                provider.uncertain[key]
                for key in (
                    f"model_params.{glob}.{param}",
                    f"model_params.{glob}",
                    "model_params",
                )
                if key in provider.uncertain
            ),
            None,
        )
        unconfirmed = f" (unconfirmed: {reason})" if reason else ""
        return f"{head}: {param}= is removed{why}{unconfirmed}"


class MaxTokensParameter(_CompatRule):
    """`max_tokens` / `max_completion_tokens` under the name the provider does not take.

    ## What it does
    Finds `max_completion_tokens=` where the provider's `max_tokens_param` is `max_tokens`,
    and `max_tokens=` where it is `max_completion_tokens`. A call that passes both is left
    alone.

    ## Why
    A provider that does not know the name ignores the limit (answers run long and cost
    more) or rejects the request.

    ## Fix (safe)
    `apply` renames the keyword; the value stays.
    """

    code = "ML112"
    name = "max-tokens-parameter"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.SAFE
    examples = (
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], max_completion_tokens=50)\n",
            provider="acme",
            message="Acme Cloud takes max_tokens=, not max_completion_tokens=",
            after=_CLIENT + "c.chat.completions.create(model=m, messages=[], max_tokens=50)\n",
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], max_tokens=50)\n",
            provider="acme",
            finds=False,
        ),
    )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        wanted = self.param("max_tokens_param")
        if wanted not in ("max_tokens", "max_completion_tokens"):
            return
        other = "max_completion_tokens" if wanted == "max_tokens" else "max_tokens"
        arg = keyword(node, other)
        if arg is None or keyword(node, wanted) is not None or arg.keyword is None:
            return
        self.report(
            arg,
            f"{provider.name} takes {wanted}=, not {other}={self.unconfirmed('max_tokens_param')}",
            edit=Edit(self.ctx.span(arg.keyword), wanted),
        )


class DeveloperRole(_CompatRule):
    """A `developer` role message sent to a provider that knows only `system`.

    ## What it does
    Finds message dicts written as `{"role": "developer", ...}` in the `messages=[...]` list
    (or a module constant holding that list) of a chat request, when the provider's
    `developer_role` is false.

    ## Why
    `developer` is OpenAI's newer name for the system message; providers that do not know it
    reject the request or drop the instructions.

    ## Fix (safe)
    `apply` writes `"system"` in place of `"developer"`.
    """

    code = "ML113"
    name = "developer-role"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.SAFE
    examples = (
        Example(
            _CLIENT + 'c.chat.completions.create(model=m, messages=[{"role": "developer", '
            '"content": "Be brief."}])\n',
            provider="qwen",
            message='role "developer" is not accepted by Alibaba Qwen (DashScope / Model '
            'Studio); use "system" (unconfirmed: one source (pi-free#45), 2026-04)',
            after=_CLIENT + "c.chat.completions.create(\n"
            '    model=m, messages=[{"role": "system", "content": "Be brief."}]\n)\n',
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model=m, messages=[{"role": "developer", '
            '"content": "Be brief."}])\n',
            provider="acme",
            finds=False,
        ),
    )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        arg = keyword(node, "messages")
        if arg is None or self.param("developer_role") is not False:
            return
        messages, _ = self.visible(arg.value)
        if not isinstance(messages, (cst.List, cst.Tuple)):
            return
        for element in messages.elements:
            items = dict_items(element.value)
            role = items.get("role") if items else None
            if not isinstance(role, cst.SimpleString) or string_value(role) != "developer":
                continue
            if id(role) in self.reported:
                continue
            self.reported.add(id(role))
            text = requote(role, "system")
            self.report(
                role,
                f'role "developer" is not accepted by {provider.name}; use "system"'
                f"{self.unconfirmed('developer_role')}",
                edit=Edit(self.ctx.span(role), text) if text else None,
            )


class EmbeddingsVectorSpace(_CompatRule):
    """An embeddings request: the provider's vectors live in another space.

    ## What it does
    Notes every embeddings request when switching provider, naming the provider's model and
    its dimension. Warns when `dimensions=` is a size the provider does not offer, or when a
    literal `input=[...]` list holds more texts than the provider embeds in one request.

    ## Why
    Vectors from different models cannot be compared: a search over vectors stored from
    OpenAI returns nonsense for queries embedded by the new provider.

    ## Fix
    Re-embed what you store with the new model (and re-create the index if the dimension
    changes); split large inputs into batches.
    """

    code = "ML114"
    name = "embeddings-vector-space"
    category = "compatibility"
    severity = Severity.NOTE
    fix = FixClass.MANUAL
    surfaces = frozenset({"embeddings"})
    examples = (
        Example(
            _CLIENT + 'c.embeddings.create(model="text-embedding-3-small", input="x")\n',
            provider="acme",
            message="vectors from acme-embed (1024 dimensions) are not comparable with stored "
            "OpenAI vectors: re-embed what you store",
        ),
        Example(
            _CLIENT + 'c.embeddings.create(model="text-embedding-3-small", input="x")\n',
            provider="openai",
            finds=False,
        ),
    )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        if provider.support("embeddings") is False:
            return  # the call itself fails: ML101 (ML302 for a v0 call) says so
        model = self.target_model(node, provider)
        size = self.param("embedding_default_dimensions")
        where = f" ({size} dimensions)" if size else ""
        self.report(
            node.func,
            f"vectors from {model}{where} are not comparable with stored OpenAI vectors: "
            f"re-embed what you store{self.unconfirmed('embedding_default_dimensions')}",
        )
        self.check_dimensions(node)
        self.check_batch(node)

    def target_model(self, node: cst.Call, provider: Provider) -> str:
        arg = keyword(node, "model")
        resolved = self.ctx.resolve_literal(arg.value) if arg is not None else None
        if resolved is not None:
            model = resolved[1]
            if provider.serves(model):
                return model
            mapped = self.ctx.rules.map_model(model)
            if mapped:
                return mapped
        return provider.tiers.get("embedding") or f"{provider.name}'s embedding model"

    def check_dimensions(self, node: cst.Call) -> None:
        arg = keyword(node, "dimensions")
        offered = self.param("embedding_dimensions")
        if arg is None or offered is None:
            return
        value = number_value(self.visible(arg.value)[0])
        if value is None or value in offered:
            return
        self.report(
            arg.value,
            f"dimensions={value} is not offered by {self.provider.name} (offered: "
            f"{', '.join(map(str, offered))}){self.unconfirmed('embedding_dimensions')}",
            severity=Severity.WARNING,
        )

    def check_batch(self, node: cst.Call) -> None:
        arg = keyword(node, "input")
        most = self.param("embedding_batch_max")
        if arg is None or most is None:
            return
        texts, _ = self.visible(arg.value)
        if not isinstance(texts, (cst.List, cst.Tuple)) or len(texts.elements) <= most:
            return
        self.report(
            arg.value,
            f"input= holds {len(texts.elements)} texts; {self.provider.name} embeds at most "
            f"{most} per request: split it into batches{self.unconfirmed('embedding_batch_max')}",
            severity=Severity.WARNING,
        )


COMPAT_RULES = (
    UnsupportedParameter,
    ModelParameter,
    MaxTokensParameter,
    DeveloperRole,
    EmbeddingsVectorSpace,
)
