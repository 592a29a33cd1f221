"""Mirascope (`migrate_llm.frameworks.mirascope`): ML695, v1's `openai.call()` given no client
(it builds `OpenAI()` from OPENAI_API_KEY) and v2's `openai/` model ids (`llm.call(
"openai/gpt-5-mini")`), which go to OpenAI whatever else the module sets."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import mirascope as fw
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr, literal
from migrate_llm.rules.framework_args import argument, insert_keywords, qualified
from migrate_llm.rules.framework_litellm import bare_provider_model
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.rewrite import string_like

_V1_SENDS = (
    "Mirascope's openai.call() without client= builds OpenAI() on each call, which sends it "
    "to OpenAI (OPENAI_API_KEY, OPENAI_BASE_URL)"
)


def v1_model(ctx: PythonContext, call: cst.Call) -> cst.Arg | None:
    """The model argument of a call of Mirascope v1's `openai.call()` (`fw.V1_OPENAI_CALLS`),
    None for another call."""
    if not ctx.mentions(fw.PACKAGE) or qualified(ctx, call.func, fw.V1_OPENAI_CALLS) is None:
        return None
    return argument(call, *fw.V1_MODEL)


def pointed_client(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether v1's `openai.call()` is given, written in the call, an OpenAI SDK client
    without a base URL (`client=OpenAI()`): ML001 points that client at the provider, so the
    model goes there too."""
    given = keyword(call, fw.V1_CLIENT)
    if given is None or not isinstance(given.value, cst.Call):
        return False
    found = qualified(ctx, given.value.func, sdk.CLIENT_CLASSES)
    azure = found is not None and sdk.CLIENT_CLASSES[found][1]
    return found is not None and not azure and keyword(given.value, "base_url") is None


def v2_model(ctx: PythonContext, call: cst.Call) -> cst.Arg | None:
    """The model id argument of a call of Mirascope v2's `llm.call()`, `llm.model()`,
    `llm.use_model()` or `llm.Model()`, None for another call."""
    if not ctx.mentions(fw.PACKAGE):
        return None
    found = qualified(ctx, call.func, fw.V2_MODEL_CALLS)
    return argument(call, *fw.V2_MODEL_CALLS[found]) if found is not None else None


def mirascope_model_values(ctx: PythonContext, call: cst.Call) -> list[cst.CSTNode]:
    """The model literals given to Mirascope v1's `openai.call()` and v2's model-taking calls:
    ML695's (ML204-ML206 leave them), but v1's given a client of its own (where that client
    goes decides the model: ML205's)."""
    v1 = v1_model(ctx, call)
    if keyword(call, fw.V1_CLIENT) is not None and not pointed_client(ctx, call):
        v1 = None
    found = [v1, v2_model(ctx, call)]
    resolved = [ctx.resolve_literal(arg.value) for arg in found if arg is not None]
    return [r[0] for r in resolved if r is not None]


class MirascopeOpenAI(PythonRule):
    """A Mirascope call that sends its requests to OpenAI.

    ## What it does
    Finds Mirascope v1's `openai.call(model, ...)` (`from mirascope.core
    import openai`; also `openai_call`) given no `client=`, and Mirascope v2's `llm.call()`,
    `llm.model()`, `llm.use_model()`, `llm.Model()`, `llm.retry_model()` and the runs of an
    `@llm.prompt` function (`summarize(model, ...)`, `.call(model, ...)`, `.stream(model,
    ...)`) given a model id of the `openai/` scope (`"openai/gpt-5-mini"`), written as a
    literal or a constant. Without `--provider`, v1's call given no client and v2's `openai/`
    ids are reported as going to OpenAI.

    ## Why
    v1 builds `OpenAI()` (`AsyncOpenAI()` for an `async def`) when given no client, which
    reads OPENAI_API_KEY and OPENAI_BASE_URL: the provider's model name would go to OpenAI with
    your OpenAI key. v2 sends the `openai/` scope to OpenAI with OPENAI_API_KEY, else to the
    Mirascope Router with MIRASCOPE_API_KEY. Nothing of either names an OpenAI client or URL.

    ## Fix (review for v1; manual for v2)
    v1: `apply` passes `client=OpenAI(api_key=<provider key read>, base_url=os.environ.get(
    "<PROVIDER>_BASE_URL", "<official URL>"))` (`AsyncOpenAI` for an `async def`) and maps the
    model; left to a person where the table does not map it, or the model is chosen at run
    time. A call given a client of its own is the client rules'; one given `client=OpenAI()`
    written in the call (which ML001 points at the provider) gets its model mapped.

    v2 (an error, manual): the message gives the code to write: register the provider's
    endpoint once, under a scope of its own, `llm.register_provider("openai",
    scope="<provider>/", base_url=..., api_key=...)`, and use `"<provider>/<model>"` ids. Not
    the `openai/` scope with the provider's URL: mirascope sends an `openai/` model it does
    not know to the Responses API (POST /responses), another scope's to chat completions.
    Where the provider takes no json_schema `response_format` (`[params] response_format`), a
    `format=Book` given to the call (or to the prompt's decorator) needs
    `format=llm.format(Book, mode="json")` (`mode="tool"` for a provider without
    json_object): mirascope sends a strict json_schema for a model it does not know; on the
    provider's own scope (`"deepseek/deepseek-flash"`) that is an error of its own (manual).
    Where the provider's model thinks by default and needs its reasoning back in a tool turn
    (`[params] thinking_models`, `tool_turn_fields`: DeepSeek), a call given `tools=` is told
    to resume from non-streamed responses: mirascope rebuilds a streamed turn without
    `reasoning_content` (HTTP 400) and its params have no `extra_body` to turn thinking off;
    a warning (manual) on the provider's own scope in a module that calls `.stream(` and
    `.resume(`.

    ## Data
    `version` (1 or 2), `model_from`, `model_to`, `api_key_env`, `base_url_env`; v2: `scope`;
    on the provider's scope `model` and `format` or `streamed_tools`.
    """

    code = "ML695"
    name = "mirascope-openai"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "from mirascope.core import openai\n\n\n"
            '@openai.call("gpt-4o")\ndef ask(q: str) -> str:\n    return q\n',
            provider="acme",
            message="model 'gpt-4o' of Mirascope's openai.call() goes to OpenAI: Mirascope's "
            "openai.call() without client= builds OpenAI() on each call, which sends it to "
            "OpenAI (OPENAI_API_KEY, OPENAI_BASE_URL); apply passes client=OpenAI() for Acme "
            "Cloud (key from ACME_API_KEY, base URL from ACME_BASE_URL, default "
            "https://api.acme.example/v1) and writes 'acme-large'",
            after="import os\n\nfrom mirascope.core import openai\nfrom openai import OpenAI\n"
            "\n\n@openai.call(\n"
            '    "acme-large",\n'
            "    client=OpenAI(\n"
            '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    ),\n)\ndef ask(q: str) -> str:\n    return q\n",
        ),
        Example(
            "from mirascope.core.openai import openai_call\n\n\n"
            'def build():\n    @openai_call(model="acme-small", json_mode=True)\n'
            "    async def ask(q: str) -> str:\n        return q\n\n    return ask\n",
            provider="acme",
            message="model 'acme-small' of Mirascope's openai.call() goes to OpenAI: Mirascope's "
            "openai.call() without client= builds AsyncOpenAI() on each call, which sends it to "
            "OpenAI (OPENAI_API_KEY, OPENAI_BASE_URL); apply passes client=AsyncOpenAI() for "
            "Acme Cloud (key from ACME_API_KEY, base URL from ACME_BASE_URL, default "
            "https://api.acme.example/v1)",
            after="import os\n\nfrom mirascope.core.openai import openai_call\n"
            "from openai import AsyncOpenAI\n\n\n"
            "def build():\n    @openai_call(\n"
            '        model="acme-small",\n'
            "        json_mode=True,\n"
            "        client=AsyncOpenAI(\n"
            '            api_key=os.environ["ACME_API_KEY"],\n'
            '            base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"),\n'
            "        ),\n    )\n"
            "    async def ask(q: str) -> str:\n        return q\n\n    return ask\n",
        ),
        Example(
            "from mirascope.core import openai\n\n\n"
            '@openai.call("gpt-4o")\ndef ask(q: str) -> str:\n    return q\n',
            message="Mirascope's openai.call() without client= builds OpenAI() on each call, "
            "which sends it to OpenAI (OPENAI_API_KEY, OPENAI_BASE_URL); `migrate-llm apply "
            "--provider ID` passes it a provider's client",
        ),
        Example(
            'from mirascope import llm\n\nmodel = llm.use_model("openai/gpt-5-mini")\n',
            message="model id 'openai/gpt-5-mini' of Mirascope's llm.use_model() goes to "
            "OpenAI (OPENAI_API_KEY, else the Mirascope Router with MIRASCOPE_API_KEY); "
            "`migrate-llm scan --provider ID` gives the code routing it to a provider",
        ),
        Example(
            "from mirascope.core import openai\n\n\n"
            '@openai.call("gpt-4o", client=client)\ndef ask(q: str) -> str:\n    return q\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from mirascope.core import openai\nfrom openai import OpenAI\n\n\n"
            '@openai.call("gpt-4o-mini", client=OpenAI())\ndef ask(q: str) -> str:\n'
            "    return q\n",
            provider="acme",
            message="model 'gpt-4o-mini' of Mirascope's openai.call() goes where its client= "
            "sends it, an OpenAI client that apply points at Acme Cloud: apply writes "
            "'acme-small'",
            after="from mirascope.core import openai\nfrom openai import OpenAI\n\n\n"
            '@openai.call("acme-small", client=OpenAI())\ndef ask(q: str) -> str:\n'
            "    return q\n",
        ),
        Example(
            "from mirascope import llm\n\n\n"
            '@llm.call("openai/gpt-4o", format=Book)\ndef ask(q: str):\n    return q\n',
            provider="deepseek",
            message="model id 'openai/gpt-4o' of Mirascope's llm.call() goes to OpenAI "
            "(OPENAI_API_KEY, else the Mirascope Router with MIRASCOPE_API_KEY); for DeepSeek "
            "register its endpoint once, before the calls: "
            'llm.register_provider("openai", scope="deepseek/", '
            'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"), '
            "api_key=os.environ[\"DEEPSEEK_API_KEY\"]), and write 'deepseek/deepseek-v4-pro' "
            "here, by hand (not the openai/ scope with DeepSeek's URL: mirascope sends an "
            "openai/ model it does not know to the Responses API); format=Book sends a strict "
            "json_schema response_format, which DeepSeek does not accept (accepted: text, "
            'json_object): pass format=llm.format(Book, mode="json")',
        ),
        Example(
            'from mirascope import llm\n\nMODEL = "openai/gpt-4o-mini"\n'
            "model = llm.use_model(MODEL)\n",
            provider="acme",
            message="constant MODEL = 'openai/gpt-4o-mini' (the model id of Mirascope's "
            "llm.use_model()) goes to OpenAI (OPENAI_API_KEY, else the Mirascope Router with "
            "MIRASCOPE_API_KEY); for Acme Cloud register its endpoint once, before the calls: "
            'llm.register_provider("openai", scope="acme/", '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            "api_key=os.environ[\"ACME_API_KEY\"]), and write 'acme/acme-small' here, by hand "
            "(not the openai/ scope with Acme Cloud's URL: mirascope sends an openai/ model it "
            "does not know to the Responses API)",
        ),
        Example(
            'from mirascope import llm\n\nmodel = llm.Model("deepseek/deepseek-flash")\n',
            provider="deepseek",
            finds=False,
        ),
        Example(
            "from mirascope import llm\n\n\n"
            '@llm.call("deepseek/deepseek-flash", format=Book)\ndef ask(q: str):\n    return q\n',
            provider="deepseek",
            message="model id 'deepseek/deepseek-flash' of Mirascope's llm.call() goes to "
            "DeepSeek, but format=Book sends a strict json_schema response_format, which "
            "DeepSeek does not accept (accepted: text, json_object): pass "
            'format=llm.format(Book, mode="json"), by hand',
        ),
        Example(
            "from mirascope import llm\n\n\n"
            '@llm.call("deepseek/deepseek-flash", format=llm.format(Book, mode="json"))\n'
            "def ask(q: str):\n    return q\n",
            provider="deepseek",
            finds=False,
        ),
        Example(
            "from mirascope import llm\n\n\n"
            "@llm.prompt\ndef summarize(text: str):\n    return text\n\n\n"
            'summary = summarize.stream("openai/gpt-4o-mini", "Some text.")\n',
            provider="acme",
            message="model id 'openai/gpt-4o-mini' of Mirascope's prompt summarize() goes to "
            "OpenAI (OPENAI_API_KEY, else the Mirascope Router with MIRASCOPE_API_KEY); for "
            "Acme Cloud register its endpoint once, before the calls: "
            'llm.register_provider("openai", scope="acme/", '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            "api_key=os.environ[\"ACME_API_KEY\"]), and write 'acme/acme-small' here, by hand "
            "(not the openai/ scope with Acme Cloud's URL: mirascope sends an openai/ model it "
            "does not know to the Responses API)",
        ),
        Example(
            'class llm:\n    def call(m):\n        pass\n\n\nllm.call("openai/gpt-4o")\n',
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.active = ctx.mentions(fw.PACKAGE)
        self.decorated: dict[int, bool] = {}  # id of a decorator call -> its function is async
        self.mapped: set[int] = set()  # ids of the model literals reported already
        # the functions `@llm.prompt` makes Prompts, each with its decorator's call (None:
        # `@llm.prompt` without arguments)
        self.prompts: dict[str, cst.Call | None] = {}
        self.parsers: set[str] = set()  # the functions `@llm.output_parser` makes parsers

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not self.active:
            return
        for decorator in node.decorators:
            made = decorator.decorator
            if isinstance(made, cst.Call):
                self.decorated[id(made)] = node.asynchronous is not None
            func = made.func if isinstance(made, cst.Call) else made
            if qualified(self.ctx, func, fw.V2_PROMPT) is not None:
                self.prompts[node.name.value] = made if isinstance(made, cst.Call) else None
            elif qualified(self.ctx, func, fw.V2_OUTPUT_PARSER) is not None:
                self.parsers.add(node.name.value)

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active:
            return
        if self.provider is None:
            self._untargeted(node)
            return
        if not self.ctx.rules.switching:
            return
        arg = v1_model(self.ctx, node)
        if arg is not None:
            if keyword(node, fw.V1_CLIENT) is None:
                self._v1(node, arg)
            elif pointed_client(self.ctx, node):
                self._v1_model(arg)
            return
        arg = v2_model(self.ctx, node)
        if arg is not None:
            found = qualified(self.ctx, node.func, fw.V2_MODEL_CALLS)
            assert found is not None
            self._v2(node, arg, f"llm.{found.rpartition('.')[2]}()")
            return
        bound = self._model_run(node)
        model = v2_model(self.ctx, bound) if bound is not None else None
        if bound is not None and model is not None:
            found = qualified(self.ctx, bound.func, fw.V2_MODEL_CALLS)
            assert found is not None
            label = f"llm.{found.rpartition('.')[2]}()"
            self._v2(node, model, label, provider_scope_only=True)
            return
        prompt = self._prompt(node)
        if prompt is not None:
            arg = argument(node, *fw.V2_PROMPT_MODEL)
            if arg is not None:
                self._v2(self.prompts[prompt], arg, f"prompt {prompt}()")

    def _untargeted(self, call: cst.Call) -> None:
        """Without `--provider`: v1's call given no client, and v2's `openai/` ids, as going
        to OpenAI, with what a run with a provider does about them."""
        arg = v1_model(self.ctx, call)
        if arg is not None and keyword(call, fw.V1_CLIENT) is None:
            self.report(
                call.func,
                f"{_V1_SENDS}; `migrate-llm apply --provider ID` passes it a provider's client",
                data={"version": 1},
            )
            return
        arg = v2_model(self.ctx, call)
        found = qualified(self.ctx, call.func, fw.V2_MODEL_CALLS) if arg is not None else None
        label = f"llm.{found.rpartition('.')[2]}()" if found is not None else ""
        shown = self._shown(arg, "model id", label) if arg is not None else None
        if shown is not None and shown[1].startswith(fw.V2_OPENAI_SCOPE):
            self.report(
                shown[0],
                f"{shown[2]} goes to OpenAI (OPENAI_API_KEY, else the Mirascope Router with "
                "MIRASCOPE_API_KEY); `migrate-llm scan --provider ID` gives the code routing "
                "it to a provider",
                fix=FixClass.MANUAL,
                data={"version": 2, "model_from": shown[1]},
            )

    def _model_run(self, call: cst.Call) -> cst.Call | None:
        """The call building the Model (`llm.model(...)`, as bound once in the module) whose
        method `call` runs given `format=` (`model.call(msgs, format=Book)`), else None."""
        func = call.func
        if (
            not isinstance(func, cst.Attribute)
            or func.attr.value not in fw.V2_MODEL_METHODS
            or not isinstance(func.value, cst.Name)
            or keyword(call, fw.V2_FORMAT) is None
        ):
            return None
        bound = self.ctx.bound_value(func.value)
        return bound if isinstance(bound, cst.Call) else None

    def _prompt(self, call: cst.Call) -> str | None:
        """The name of the module's `@llm.prompt` function `call` runs (`summarize(model,
        ...)`, `summarize.stream(model, ...)`), else None."""
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value in fw.V2_PROMPT_METHODS:
            func = func.value
        if isinstance(func, cst.Name) and func.value in self.prompts:
            return func.value
        return None

    def _shown(self, arg: cst.Arg, what: str, call: str) -> tuple[cst.CSTNode, str, str] | None:
        """(the literal, its value, how it is said) of the model argument `arg`."""
        resolved = self.ctx.resolve_literal(arg.value)
        if resolved is None:
            return None
        node, value, how = resolved
        if how == "literal":
            return node, value, f"{what} {value!r} of Mirascope's {call}"
        return node, value, f"{how} = {value!r} (the {what} of Mirascope's {call})"

    def _v1(self, call: cst.Call, arg: cst.Arg) -> None:
        provider = self.provider
        assert provider is not None
        # a client built at import must not raise where the provider's variable is unset
        at_import = self.ctx.at_import(call)
        cls = fw.V1_ASYNC_CLIENT if self.decorated.get(id(call)) else fw.V1_SYNC_CLIENT
        sends = _V1_SENDS.replace("OpenAI()", f"{cls}()", 1)
        url = self.ctx.rules.base_url
        assert url is not None
        client = (
            f"{cls}(api_key={key_expr(provider, at_import=at_import)}, "
            f"base_url={base_url_expr(provider, url)})"
        )
        shown = self._shown(arg, "model", "openai.call()")
        if shown is None:  # chosen at run time: it may be OpenAI's
            self.report(
                call.func,
                f"{sends}; its model is chosen at run time: pass client={client} (from "
                f"{fw.CLIENT_MODULE} import {cls}) and make sure the model is one of "
                f"{provider.name}'s ({', '.join(provider.candidates())}), by hand",
                fix=FixClass.MANUAL,
                data={"version": 1, "api_key_env": provider.api_key_env},
            )
            return
        node, value, subject = shown
        data: dict[str, object] = {
            "version": 1,
            "model_from": value,
            "api_key_env": provider.api_key_env,
            "base_url_env": provider.base_url_env,
        }
        mine = bare_provider_model(self.ctx, value, True) is not None
        new = None if mine else self.ctx.rules.map_model(value)
        if new is None and not mine:
            self.report(
                node,
                f"{subject} goes to OpenAI: {sends}; {provider.name}'s model table does not map "
                f"it: choose one of {', '.join(provider.candidates())} and pass client={client} "
                f"(from {fw.CLIENT_MODULE} import {cls}), by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        last = call.args[-1] if call.args else None
        insert = insert_keywords(self.ctx, call, {fw.V1_CLIENT: client}, after=last)
        imports = (IMPORT_OS, f"from {fw.CLIENT_MODULE} import {cls}")
        message = (
            f"{subject} goes to OpenAI: {sends}; apply passes client={cls}() for "
            f"{provider.name} (key from {provider.api_key_env}, base URL from "
            f"{provider.base_url_env}, default {url})"
        )
        if new is None or new == value:
            self.report(node, message, edit=Edit(insert.span, insert.text, imports), data=data)
            return
        data["model_to"] = new
        message += f" and writes {new!r}"
        span = self.ctx.span(node)
        if arg.value is node:  # the literal in the call: one edit from it to the insertion
            between = self.ctx.text[span.end : insert.span.start]
            text = string_like(node, new) + between + insert.text
            edit = Edit(Span(span.start, insert.span.end), text, imports)
            self.report(node, message, edit=edit, data=data)
            return
        if id(node) not in self.mapped:  # a constant several calls take: once
            self.mapped.add(id(node))
            self.report(node, message, edit=Edit(span, string_like(node, new)), data=data)
        self.report(call, message, edit=Edit(insert.span, insert.text, imports), data=data)

    def _v1_model(self, arg: cst.Arg) -> None:
        """The model of v1's `openai.call()` given an OpenAI client that ML001 points at the
        provider: mapped (review)."""
        provider = self.provider
        assert provider is not None
        shown = self._shown(arg, "model", "openai.call()")
        if shown is None:
            return
        node, value, subject = shown
        new = self.ctx.rules.map_model(value)
        if new is None or new == value:
            if new is None and bare_provider_model(self.ctx, value, True) is None:
                self.report(
                    node,
                    f"{subject} goes where its client= sends it, an OpenAI client that apply "
                    f"points at {provider.name}, whose model table does not map it: choose one "
                    f"of {', '.join(provider.candidates())}",
                    fix=FixClass.MANUAL,
                    data={"version": 1, "model_from": value},
                )
            return
        self.report(
            node,
            f"{subject} goes where its client= sends it, an OpenAI client that apply points "
            f"at {provider.name}: apply writes {new!r}",
            edit=Edit(self.ctx.span(node), string_like(node, new)),
            data={"version": 1, "model_from": value, "model_to": new},
        )

    def _v2(
        self, call: cst.Call | None, arg: cst.Arg, label: str, provider_scope_only: bool = False
    ) -> None:
        """The v2 model id `arg`; `call` holds the call's `format=` and `tools=` (a Prompt's
        decorator; None for `@llm.prompt` without arguments)."""
        provider = self.provider
        assert provider is not None
        shown = self._shown(arg, "model id", label)
        scope = f"{provider.id}/"
        if shown is not None and shown[1].startswith(scope):
            self._resumed_stream(call, shown)
            advice = self._format(call)
            if advice and id(shown[0]) not in self.mapped:
                self.mapped.add(id(shown[0]))
                self.report(
                    shown[0],
                    f"{shown[2]} goes to {provider.name}, but {advice}, by hand",
                    fix=FixClass.MANUAL,
                    data={"version": 2, "model": shown[1], "format": True},
                )
        if provider_scope_only:  # the model's own call reports an openai/ id
            return
        if shown is None or not shown[1].startswith(fw.V2_OPENAI_SCOPE):
            return
        node, value, subject = shown
        if id(node) in self.mapped:  # a constant several calls take: once
            return
        self.mapped.add(id(node))
        model = value.removeprefix(fw.V2_OPENAI_SCOPE)
        new = self.ctx.rules.map_model(model)
        url = self.ctx.rules.base_url
        assert url is not None
        register = (
            f"{fw.V2_REGISTER}({literal(fw.V2_OPENAI_PROVIDER)}, scope={literal(scope)}, "
            f"base_url={base_url_expr(provider, url)}, api_key={key_expr(provider)})"
        )
        if new is not None:
            model_part = f"write {scope + new!r} here"
        else:
            model_part = (
                f"write {scope}<model> here with one of {', '.join(provider.candidates())} "
                f"({provider.name}'s model table does not map {model})"
            )
        message = (
            f"{subject} goes to OpenAI (OPENAI_API_KEY, else the Mirascope Router with "
            f"MIRASCOPE_API_KEY); for {provider.name} register its endpoint once, before the "
            f"calls: {register}, and {model_part}, by hand (not the "
            f"{fw.V2_OPENAI_SCOPE} scope with {provider.name}'s URL: mirascope sends an "
            f"{fw.V2_OPENAI_SCOPE} model it does not know to the Responses API)"
        )
        advice = self._format(call)
        message += f"; {advice}" if advice else ""
        message += self._thinking_tools(call, new)
        data: dict[str, object] = {
            "version": 2,
            "model_from": value,
            "scope": scope,
            "api_key_env": provider.api_key_env,
            "base_url_env": provider.base_url_env,
        }
        if new is not None:
            data["model_to"] = scope + new
        self.report(node, message, fix=FixClass.MANUAL, data=data)

    def _format(self, call: cst.Call | None) -> str:
        """What a `format=` given to `call` needs where the provider takes no json_schema
        `response_format` (`[params] response_format`): a mode (`fw.V2_JSON_MODE` where it
        takes json_object); "" where none is needed or a mode is chosen already."""
        provider = self.provider
        assert provider is not None
        given = keyword(call, fw.V2_FORMAT) if call is not None else None
        formats = provider.params.get("response_format")
        if given is None or not isinstance(formats, list) or "json_schema" in formats:
            return ""
        value = given.value
        written = self.ctx.module.code_for_node(value)
        if isinstance(value, cst.Name) and value.value in ("None", *self.parsers):
            return ""  # no format, or an output parser of the text
        if isinstance(value, cst.Call) and (
            qualified(self.ctx, value.func, fw.V2_FORMAT_FUNCTION) is not None
        ):
            chosen = keyword(value, fw.V2_MODE)
            if chosen is None or string_value(chosen.value) != fw.V2_STRICT_MODE:
                return ""  # `llm.format(Book, mode="json")`: a mode is chosen
            value = value.args[0].value if value.args else value
        mode = fw.V2_JSON_MODE if "json_object" in formats else fw.V2_TOOL_MODE
        shown = self.ctx.module.code_for_node(value)
        return (
            f"{fw.V2_FORMAT}={written} sends a strict json_schema response_format, which "
            f"{provider.name} does not accept (accepted: {', '.join(formats)}): pass "
            f'{fw.V2_FORMAT}=llm.format({shown}, mode="{mode}")'
        )

    def _resumed_stream(self, call: cst.Call | None, shown: tuple[cst.CSTNode, str, str]) -> None:
        """A call on the provider's scope given `tools=`, in a module that resumes a streamed
        response (`.stream(` and `.resume(` in its text), where the model thinks by default
        and needs its reasoning back in a tool turn: mirascope drops it (a warning)."""
        provider = self.provider
        assert provider is not None
        node, value, subject = shown
        new = value.partition("/")[2]
        text = self.ctx.text
        if not all(f".{name}(" in text for name in fw.V2_STREAM_RESUME):
            return
        advice = self._thinking_tools(call, new)
        if advice:
            self.report(
                node,
                f"{subject} goes to {provider.name} and this module resumes a streamed "
                f"response{advice}, by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"version": 2, "model": value, "streamed_tools": True},
            )

    def _thinking_tools(self, call: cst.Call | None, new: str | None) -> str:
        """What a call given `tools=` must avoid where the provider's model `new` thinks by
        default and needs its reasoning back in a tool turn (`[params] thinking_models`,
        `tool_turn_fields`): mirascope rebuilds a streamed turn without it, and its params
        carry no `extra_body` to turn thinking off (t63e: HTTP 400 on `stream.resume()`)."""
        provider = self.provider
        assert provider is not None
        thinking = provider.params.get("thinking_models")
        fields = provider.params.get("tool_turn_fields")
        if (
            call is None
            or keyword(call, fw.V2_TOOLS) is None
            or new is None
            or not isinstance(thinking, list)
            or new not in thinking
            or not isinstance(fields, list)
            or not fields
        ):
            return ""
        return (
            f"; with {fw.V2_TOOLS}=, {new} thinks by default and {provider.name} needs its "
            f"{', '.join(fields)} back in a tool turn, which mirascope drops from a streamed "
            "response it resumes (HTTP 400) and has no parameter to turn thinking off: resume "
            "tool calls from non-streamed responses"
        )


MIRASCOPE_RULES = (MirascopeOpenAI,)
