"""Outlines (`migrate_llm.frameworks.outlines`): ML696, the model given to Outlines' OpenAI
model (`outlines.from_openai(client, model_name)`), which is every request's `model=`, with
the output types its calls turn into `response_format`; and outlines<1.0's
`outlines.models.openai(model_name)`, which builds its own OpenAI client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import libcst as cst

from migrate_llm.frameworks import outlines as fw
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.calls import (
    schema_refused,
    schema_refused_words,
    structured_models,
    unlisted_words,
)
from migrate_llm.rules.code_templates import base_url_expr, key_expr
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword
from migrate_llm.rules.rewrite import string_like

_JSON_SCHEMA = "json_schema"
_JSON_OBJECT = "json_object"

# (the output type's expression, "json_schema" or "json_object") of each call of a model
_Uses = dict[int, list[tuple[cst.BaseExpression, str]]]


def outlines_model(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` builds Outlines' OpenAI model around a client (`from_openai`)."""
    return ctx.mentions(fw.PACKAGE) and qualified(ctx, call.func, fw.FROM_OPENAI) is not None


def outlines_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literal given to `outlines.from_openai()`: ML696's (ML204-ML206 leave it)."""
    if not outlines_model(ctx, call):
        return
    arg = argument(call, fw.MODEL_KEYWORD, fw.MODEL_POSITION)
    resolved = ctx.resolve_literal(arg.value) if arg is not None else None
    if resolved is not None:
        yield resolved[0]


def _output_kind(expr: cst.BaseExpression) -> str | None:
    """What Outlines sends for an output type: json_object for `dict`, nothing for None,
    json_schema for any other (a Pydantic model, `JsonSchema(...)`, a TypedDict)."""
    if isinstance(expr, cst.Name) and expr.value == "None":
        return None
    if isinstance(expr, cst.Name) and expr.value == fw.JSON_MODE_TYPE:
        return _JSON_OBJECT
    return _JSON_SCHEMA


def structured_uses(ctx: PythonContext) -> _Uses:
    """By id of each `from_openai()` call of the module, the output types its model's calls
    are given: `model(prompt, T)`, `model.stream(prompt, T)`, `outlines.Generator(model, T)`,
    where the model is that call, a name (or attribute) assigned it, or a name of a function
    returning it (a pytest fixture, whose tests take it as a parameter of that name)."""
    known = cast("_Uses | None", ctx.analyses.get(structured_uses))
    if known is not None:
        return known
    found: _Uses = {}
    ctx.analyses[structured_uses] = found
    models: list[cst.Call] = []
    ctx.analyses[_model_calls] = models
    if not ctx.mentions(fw.PACKAGE):
        return found
    code = ctx.module.code_for_node
    bound: dict[str, cst.Call] = {}
    calls: list[cst.Call] = []

    class _Walk(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.functions: list[str] = []

        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            self.functions.append(node.name.value)

        def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
            self.functions.pop()

        def visit_Return(self, node: cst.Return) -> None:
            # a function returning the model (a pytest fixture): the parameters named like it
            value = node.value
            if self.functions and isinstance(value, cst.Call) and outlines_model(ctx, value):
                bound.setdefault(self.functions[-1], value)

        def visit_Assign(self, node: cst.Assign) -> None:
            value = node.value
            one = len(node.targets) == 1
            if one and isinstance(value, cst.Call) and outlines_model(ctx, value):
                bound[code(node.targets[0].target)] = value

        def visit_Call(self, node: cst.Call) -> None:
            calls.append(node)
            if outlines_model(ctx, node):
                models.append(node)

    ctx.module.visit(_Walk())

    def model_of(expr: cst.BaseExpression) -> cst.Call | None:
        if isinstance(expr, cst.Call) and outlines_model(ctx, expr):
            return expr
        if isinstance(expr, (cst.Name, cst.Attribute)):
            return bound.get(code(expr))
        return None

    for call in calls:
        func = call.func
        if qualified(ctx, func, fw.GENERATORS) is not None:
            model_arg = argument(call, "model", 0)
            model = model_of(model_arg.value) if model_arg is not None else None
        elif isinstance(func, cst.Attribute) and func.attr.value in fw.MODEL_METHODS:
            model = model_of(func.value)
        else:
            model = model_of(func) if not isinstance(func, cst.Call) else None
        given = argument(call, fw.OUTPUT_KEYWORD, 1) if model is not None else None
        if model is None or given is None:
            continue
        kind = _output_kind(given.value)
        if kind is not None:
            found.setdefault(id(model), []).append((given.value, kind))
    return found


def _model_calls(ctx: PythonContext) -> list[cst.Call]:
    """The module's `from_openai()` calls (found with `structured_uses`)."""
    structured_uses(ctx)
    return cast("list[cst.Call]", ctx.analyses[_model_calls])


class OutlinesOpenAI(PythonRule):
    """Outlines' OpenAI model: its model, the output types it sends, an outlines<1.0 client.

    ## What it does
    Finds `outlines.from_openai(client, model_name)` (also `outlines.models.OpenAI(client,
    model_name)`) and the calls of the model it returns, in the module: `model(prompt,
    output_type)`, `model.stream(...)`, `model.generate(...)`, `outlines.Generator(model,
    output_type)`, the model a name or attribute assigned it or a function returning it (a
    pytest fixture, taken as a parameter of its name); and outlines<1.0's
    `outlines.models.openai("model")`.

    ## Why
    Outlines sends `model_name` as the `model=` of every request it makes through the client
    it is given, and turns an output type into `response_format`: the builtin `dict` into
    `{"type": "json_object"}`, a Pydantic model, TypedDict or `JsonSchema(...)` into a strict
    `json_schema`. Where the provider's file names the models that take json_schema
    (`[params] structured_models`: Qwen's), another model fails on every such call (HTTP 400),
    as the SDK's request does (ML101). outlines<1.0's `models.openai(model_name, config=None,
    **openai_client_params)` builds `openai.AsyncOpenAI(**openai_client_params)` itself, from
    OPENAI_BASE_URL (else api.openai.com) and OPENAI_API_KEY: no client of the module is
    pointed at the provider, and its model alone does not move it.

    ## Fix (review)
    `apply` maps an OpenAI model given to `from_openai()` by the model table, as a request's
    (ML201). Left to a person: a mapped model the provider's file does not list as taking
    json_schema where the module's calls of that model ask for it (the message names the
    models that do, and JSON mode with `dict`), a model the table does not map; a provider's
    model given there that does not take json_schema (or, on a provider taking it on no model,
    any model), reported (error, manual) at each output type that asks for it; and
    `outlines.models.openai()` of outlines<1.0 without `base_url=` (error, manual: the message
    gives the keywords it hands to the client).

    ## Data
    `model_from` / `model_to`, `model`, `structured_models`, `output`.
    """

    code = "ML696"
    name = "outlines-openai"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "import openai\nimport outlines\n\n"
            'model = outlines.from_openai(openai.OpenAI(), "gpt-4o-mini")\n'
            'print(model("Say hi.", max_tokens=20))\n',
            provider="qwen",
            message="model_name='gpt-4o-mini' of outlines.from_openai() is the model of every "
            "request Outlines sends; apply writes 'qwen-plus', the model table's choice for "
            "Alibaba Qwen (DashScope / Model Studio)",
            after="import openai\nimport outlines\n\n"
            'model = outlines.from_openai(openai.OpenAI(), "qwen-plus")\n'
            'print(model("Say hi.", max_tokens=20))\n',
        ),
        Example(
            "import outlines\nfrom outlines.types import JsonSchema\n\n"
            'model = outlines.from_openai(client, "qwen-plus")\n'
            'pick = outlines.Generator(model, JsonSchema({"type": "object"}))\n',
            provider="qwen",
            message="Outlines asks for structured outputs (response_format json_schema) for "
            "this output type; qwen-plus does not take it (Alibaba Qwen (DashScope / Model "
            "Studio)'s file names the models that do: qwen4-max, qwen3.8-max), so this call "
            "fails on every run (HTTP 400): give from_openai() one of those models, or pass "
            "dict for JSON mode (type json_object), describe the fields in the prompt and "
            "validate the reply yourself, by hand",
        ),
        Example(
            "import outlines\nfrom pydantic import BaseModel\n\n\nclass Pick(BaseModel):\n"
            "    color: str\n\n\n"
            'model = outlines.from_openai(client, "gpt-4o-mini")\n'
            'print(model("Pick a color.", Pick))\n',
            provider="qwen",
            message="model_name='gpt-4o-mini' of outlines.from_openai() is the model of every "
            "request Outlines sends; it maps to qwen-plus on Alibaba Qwen (DashScope / Model "
            "Studio), which does not take the json_schema this module's calls of the model ask "
            "for (the models that do: qwen4-max, qwen3.8-max): give it one of those, or pass "
            "dict for JSON mode (type json_object) and map it to qwen-plus, by hand",
        ),
        Example(
            "import outlines\n\n"
            'model = outlines.from_openai(client, "qwen-plus")\n'
            'print(model("Pick a color as JSON.", dict))\n',
            provider="qwen",
            finds=False,
        ),
        Example(
            "import outlines\nfrom pydantic import BaseModel\n\n\nclass Pick(BaseModel):\n"
            "    color: str\n\n\n"
            'model = outlines.from_openai(client, "qwen4-max")\n'
            'print(model("Pick a color.", Pick))\n',
            provider="qwen",
            finds=False,
        ),
        Example(
            'import outlines\n\nmodel = outlines.models.openai("qwen-plus")\n',
            provider="qwen",
            message="outlines.models.openai('qwen-plus') (outlines<1.0) builds its own "
            "openai.AsyncOpenAI() from OPENAI_BASE_URL (else https://api.openai.com/v1) and "
            "OPENAI_API_KEY, so its requests go to OpenAI whatever the model: pass it "
            'base_url=os.environ.get("DASHSCOPE_BASE_URL", '
            '"https://dashscope.aliyuncs.com/compatible-mode/v1") and '
            'api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"), which it hands to the '
            "client (or, on outlines>=1, outlines.from_openai(client, model) with a client "
            "pointed at Alibaba Qwen (DashScope / Model Studio)), by hand",
        ),
        Example(
            "import os\n\nimport outlines\n\n"
            'model = outlines.models.openai(\n    "qwen-plus",\n'
            '    base_url=os.environ["DASHSCOPE_BASE_URL"],\n'
            '    api_key=os.environ["DASHSCOPE_API_KEY"],\n)\n',
            provider="qwen",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self._seen: set[int] = set()  # the model literals reported (a constant shared)

    def visit_Call(self, node: cst.Call) -> None:
        if self.provider is None or not self.ctx.rules.switching:
            return
        if not self.ctx.mentions(fw.PACKAGE):
            return
        if outlines_model(self.ctx, node):
            self._model(node)
        elif qualified(self.ctx, node.func, fw.V0_FUNCTIONS) is not None:
            self._v0_client(node)

    def _model(self, call: cst.Call) -> None:
        provider = self.provider
        assert provider is not None
        arg = argument(call, fw.MODEL_KEYWORD, fw.MODEL_POSITION)
        resolved = self.ctx.resolve_literal(arg.value) if arg is not None else None
        if resolved is None or id(resolved[0]) in self._seen:
            return
        node, value, how = resolved
        self._seen.add(id(node))
        uses = structured_uses(self.ctx)
        # every model given that literal (a constant given to two fixtures): its calls' types
        schema = [
            expr
            for other in _model_calls(self.ctx)
            if other is call or self._same_literal(other, node)
            for expr, kind in uses.get(id(other), [])
            if kind == _JSON_SCHEMA
        ]
        listed = structured_models(provider)
        if provider.serves(value):
            for expr in schema:
                self._refused(expr, value)
            return
        if not self.ctx.rules.openai.serves(value):
            return
        subject = f"{fw.MODEL_KEYWORD}={value!r} of outlines.from_openai()"
        if how != "literal":
            subject = f"{how} = {value!r} (the model_name of outlines.from_openai())"
        head = f"{subject} is the model of every request {fw.LABEL} sends"
        data: dict[str, object] = {"model_from": value}
        new = self.ctx.rules.map_model(value)
        if new is None:
            self.report(
                node,
                f"{head}; {provider.name}'s model table does not map it: choose one of "
                f"{', '.join(provider.candidates())}, by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        if schema and listed is not None and not provider.takes_structured(new):
            data |= {"model_to": new, "structured_models": listed}
            self.report(
                node,
                f"{head}; it maps to {new} on {provider.name}, which does not take the "
                "json_schema this module's calls of the model ask for (the models that do: "
                f"{', '.join(listed)}): give it one of those, or pass {fw.JSON_MODE_TYPE} for "
                f"JSON mode (type {_JSON_OBJECT}) and map it to {new}, by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        data["model_to"] = new
        self.report(
            node,
            f"{head}; apply writes {new!r}, the model table's choice for {provider.name}",
            edit=Edit(self.ctx.span(node), string_like(node, new)),
            data=data,
        )
        for expr in schema:  # a provider taking json_schema on none of its models
            self._refused(expr, new)

    def _same_literal(self, call: cst.Call, node: cst.BaseExpression) -> bool:
        arg = argument(call, fw.MODEL_KEYWORD, fw.MODEL_POSITION)
        resolved = self.ctx.resolve_literal(arg.value) if arg is not None else None
        return resolved is not None and resolved[0] is node

    def _refused(self, expr: cst.BaseExpression, model: str) -> None:
        """An output type Outlines sends as json_schema to `model`, which the provider's file
        says does not take it: by the models it lists (`structured_models`), else by the
        response_format types it takes (`schema_refused`), in ML101's words."""
        provider = self.provider
        assert provider is not None
        listed = structured_models(provider)
        accepted = provider.params.get("response_format")
        mode = (
            f"pass {fw.JSON_MODE_TYPE} for JSON mode (type {_JSON_OBJECT}), describe the fields "
            "in the prompt and validate the reply yourself"
            if isinstance(accepted, list) and _JSON_OBJECT in accepted
            else None
        )
        data: dict[str, object] = {"model": model, "output": _JSON_SCHEMA}
        if listed is not None:
            if provider.takes_structured(model) is not False:
                return
            words = unlisted_words(provider, (model, None), listed, "this call")
            advice = "give from_openai() one of those models" + (f", or {mode}" if mode else "")
            data["structured_models"] = listed
        elif (refused := schema_refused(provider)) is not None and mode is not None:
            words, advice = schema_refused_words(provider, refused, "this call"), mode
        else:
            return
        self.report(
            expr,
            f"{fw.LABEL} asks for structured outputs (response_format {_JSON_SCHEMA}) for this "
            f"output type; {words}: {advice}, by hand",
            fix=FixClass.MANUAL,
            data=data,
        )

    def _v0_client(self, call: cst.Call) -> None:
        """outlines<1.0's `models.openai(model_name, **openai_client_params)` without
        `base_url=`: the AsyncOpenAI it builds talks to OpenAI."""
        provider = self.provider
        assert provider is not None
        first = argument(call, "model_name", 0)
        if first is None or keyword(call, fw.V0_CLIENT_KEYWORDS[0]) is not None:
            return
        if any(a.star == "**" for a in call.args):
            return  # its client parameters are not known here
        resolved = self.ctx.resolve_literal(first.value)
        if resolved is None:
            return  # a client (outlines 0.x takes one too), or a model chosen at run time
        at_import = self.ctx.at_import(call)
        self.report(
            call,
            f"outlines.models.openai({resolved[1]!r}) (outlines<1.0) builds its own "
            "openai.AsyncOpenAI() from OPENAI_BASE_URL (else https://api.openai.com/v1) and "
            "OPENAI_API_KEY, so its requests go to OpenAI whatever the model: pass it "
            f"base_url={base_url_expr(provider, self.ctx.rules.base_url or '')} and "
            f"api_key={key_expr(provider, at_import=at_import)}, which it hands to the "
            "client (or, on outlines>=1, outlines.from_openai(client, model) with a client "
            f"pointed at {provider.name}), by hand",
            fix=FixClass.MANUAL,
            data={"model": resolved[1]},
        )


OUTLINES_RULES = (OutlinesOpenAI,)
