"""Rules for instructor's calls that fall back on OpenAI by themselves:
`from_provider("openai/...")` builds its own OpenAI client, `llm_validator` sends a model of its
own, `openai_moderation` calls the moderations API (see `migrate_llm.frameworks.instructor`)."""

from __future__ import annotations

from typing import Any

import libcst as cst

from migrate_llm.frameworks import instructor as fw
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.azure_target import client_plan
from migrate_llm.rules.base import Example
from migrate_llm.rules.calls import lacks_api, offered_by, support_words
from migrate_llm.rules.code_templates import literal
from migrate_llm.rules.framework_args import argument, insert_keywords, passes_mapping, qualified
from migrate_llm.rules.framework_instructor import listed_mode, mode_problem, replacement_mode
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.rewrite import narrowed_edit, rebuild_call, string_like
from migrate_llm.rules.thinking_langchain import switch_text
from migrate_llm.rules.thinking_switch import thinking_switch


class InstructorFromProvider(PythonRule):
    """`instructor.from_provider("openai/<model>")`: a client instructor builds for OpenAI.

    ## What it does
    Finds `instructor.from_provider("openai/gpt-4o-mini")` (also `async_client=True`, and a
    model string held in a constant of the module). instructor splits the string at its first
    `/` only (`"openai:gpt-4o"` is refused); other providers' strings are left alone.

    ## Why
    For `openai` it builds `OpenAI()` (`AsyncOpenAI()`), which reads OPENAI_API_KEY and
    OPENAI_BASE_URL, and wraps it in `Mode.TOOLS` unless given `mode=`: every request goes to
    OpenAI with the OpenAI model named after the slash. The string has no room for a base URL.

    ## Fix (review)
    `apply` writes the call as `instructor.from_openai(OpenAI(api_key=..., base_url=...),
    model="<provider model>")`: the client reads the provider's variables (as ML001 writes
    it), the model is mapped, and `mode=instructor.Mode.JSON` (or `Mode.MD_JSON`) is set where
    the provider takes no named tool call (as ML650), and `extra_body=<the switch>` where the
    provider model thinks unless told not to (ML118's switch: instructor's client adds the
    keywords it is built with to each request that does not pass them). Other keywords go to
    `from_openai`, as `from_provider` passes them. Left to you (manual), with the call to
    write: a model in a constant or one the model table does not map, a mode or
    `async_client` chosen at run time, another positional argument, `**kwargs`, and the
    client's own keywords (`api_key=`, `base_url=`, `timeout=`...: instructor 1.17 gives
    them to the client, 1.8 to each request).

    ## Data
    `model_from`, `model_to` (when mapped), `mode_from` and `mode_to` (when the mode changes).
    """

    code = "ML652"
    name = "instructor-from-provider"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            'import instructor\n\nclient = instructor.from_provider("openai/gpt-4o-mini")\n',
            provider="acme",
            message="instructor.from_provider('openai/gpt-4o-mini') builds OpenAI() (key from "
            "OPENAI_API_KEY, OpenAI's URL) with Mode.TOOLS, which forces a named tool call "
            "(tool_choice of type function); Acme Cloud takes tool_choice auto, none only: "
            "apply writes instructor.from_openai() with a client for Acme Cloud that reads "
            "ACME_API_KEY and ACME_BASE_URL, model 'gpt-4o-mini' -> 'acme-small' and Mode.JSON",
            after="import os\n\nimport instructor\nfrom openai import OpenAI\n\n"
            "client = instructor.from_openai(\n"
            "    OpenAI(\n"
            '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    ),\n"
            '    model="acme-small",\n'
            "    mode=instructor.Mode.JSON,\n"
            ")\n",
        ),
        Example(
            "from instructor import from_provider\n\n\ndef make():\n"
            '    return from_provider("openai/gpt-4o", async_client=True, max_tokens=512)\n',
            provider="acme",
            after="import os\n\nfrom instructor import Mode, from_openai\n"
            "from openai import AsyncOpenAI\n\n\ndef make():\n"
            "    return from_openai(\n"
            "        AsyncOpenAI(\n"
            '            api_key=os.environ["ACME_API_KEY"],\n'
            '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        ),\n"
            '        model="acme-large",\n'
            "        mode=Mode.JSON,\n"
            "        max_tokens=512,\n"
            "    )\n",
        ),
        Example(
            "import instructor\n\n"
            'client = instructor.from_provider("openai/gpt-4o", base_url=URL)\n',
            provider="acme",
            message="instructor.from_provider('openai/gpt-4o') builds OpenAI() (key from "
            "OPENAI_API_KEY, OpenAI's URL) with Mode.TOOLS, which forces a named tool call "
            "(tool_choice of type function); Acme Cloud takes tool_choice auto, none only; "
            "base_url= goes to the client in instructor 1.17 and to each request in 1.8: "
            "write instructor.from_openai(OpenAI(<your client's settings>), "
            'model="acme-large", mode=instructor.Mode.JSON) by hand, the client for Acme Cloud '
            "that reads ACME_API_KEY and ACME_BASE_URL",
        ),
        Example(
            'import instructor\n\nclient = instructor.from_provider("openai/gpt-4o")\n',
            message="instructor.from_provider('openai/gpt-4o') builds OpenAI() (key from "
            "OPENAI_API_KEY, OpenAI's URL); `migrate-llm apply --provider ID` points it at a "
            "provider",
        ),
        Example(
            'import instructor\n\nclient = instructor.from_provider("anthropic/claude-sonnet-4")\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        provider = rules.provider
        if provider is not None and not rules.switching:
            return
        found = self.ctx.provider_model(node)
        client = self.ctx.provider_client(node)
        if found is None or client is None:
            return
        model_arg, model, how = found
        shown = f"instructor.from_provider('{fw.OPENAI_PROVIDER}{fw.PROVIDER_SEPARATOR}{model}')"
        if provider is None:
            self.report(
                node.func,
                f"{shown} builds {client.cls}() (key from OPENAI_API_KEY, OpenAI's URL); "
                "`migrate-llm apply --provider ID` points it at a provider",
                data={"model_from": model},
            )
            return
        mode_arg = argument(node, fw.MODE_KEYWORD, None)
        mode = fw.DEFAULT_MODE if mode_arg is None else listed_mode(self.ctx, mode_arg.value)
        new_mode = replacement_mode(provider, mode) if mode is not None else None
        head = f"{shown} builds {client.cls}() (key from OPENAI_API_KEY, OpenAI's URL)"
        if mode is not None and new_mode is not None:
            head += f" with Mode.{mode}, {mode_problem(provider, mode)}"
        mapped = model if provider.serves(model) else rules.map_model(model)
        data: dict[str, object] = {"model_from": model}
        if mapped is not None:
            data["model_to"] = mapped
        if new_mode is not None:
            data.update(mode_from=mode, mode_to=new_mode)
        why = self._left_why(node, model_arg, how, mode_arg, mode, mapped)
        switch = thinking_switch(rules, model, mapped) if mapped is not None else None
        if switch is not None and passes_mapping(node):
            switch = None
        edit = None
        if why is None and mapped is not None:
            edit = self._rewrite(node, model_arg, mapped, client.is_async, new_mode, switch)
        if edit is None:
            why = why or f"the module binds {fw.WRAPPER} or {fw.MODE_CLASS} to another object"
            kept = new_mode or (mode if mode_arg is not None else None)
            mode_text = f", mode=instructor.{fw.MODE_CLASS}.{kept}" if kept else ""
            model_text = literal(mapped) if mapped else f"<{provider.name}'s model>"
            self.report(
                node.func,
                f"{head}; {why}: write instructor.{fw.WRAPPER}({client.cls}(<your client's "
                f"settings>), model={model_text}{mode_text}) by hand, the client "
                f"{_client_words(provider)}",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        assert mapped is not None
        changes = f"model {model!r} -> {mapped!r}" if mapped != model else f"model {model!r}"
        if new_mode is not None:
            changes += f" and Mode.{new_mode}"
        if switch is not None:
            changes += (
                f", with extra_body={switch_text(switch)}, which the client adds to each "
                f"request ({mapped} thinks before it answers unless told not to, ML118)"
            )
        self.report(
            node.func,
            f"{head}: apply writes instructor.{fw.WRAPPER}() with a client "
            f"{_client_words(provider)}, {changes}",
            edit=edit,
            data=data,
        )

    def _left_why(
        self,
        node: cst.Call,
        model_arg: cst.Arg,
        how: str,
        mode_arg: cst.Arg | None,
        mode: str | None,
        mapped: str | None,
    ) -> str | None:
        """Why the call is left to a person, or None when `apply` rewrites it."""
        provider = self.ctx.rules.provider
        assert provider is not None
        if passes_mapping(node):
            return "the call passes **kwargs, which may hold the client's settings"
        if how != "literal":
            return f"the model string comes from the {how}"
        if any(a.keyword is None and a is not model_arg for a in node.args):
            return "an argument after the model is positional"
        for arg in node.args:
            name = arg.keyword.value if arg.keyword is not None else ""
            if name in fw.FROM_PROVIDER_CLIENT_KEYWORDS:
                return f"{name}= goes to the client in instructor 1.17 and to each request in 1.8"
        flag = argument(node, fw.FROM_PROVIDER_ASYNC[0], None)
        if flag is not None and not (
            isinstance(flag.value, cst.Name) and flag.value.value in ("True", "False")
        ):
            return "async_client is chosen at run time"
        if mode_arg is not None and mode is None:
            return "its mode is chosen at run time or not one migrate-llm knows"
        if mapped is None:
            return f"{provider.name}'s model table does not map it"
        return None

    def _rewrite(
        self,
        node: cst.Call,
        model_arg: cst.Arg,
        model: str,
        is_async: bool,
        mode: str | None,
        switch: dict[str, Any] | None,
    ) -> Edit | None:
        """The edit turning the call into `from_openai(<client>, model=..., mode=...)`."""
        ctx, rules = self.ctx, self.ctx.rules
        plan = client_plan(rules, is_async, ctx.at_import(node))
        assert plan is not None
        imports = list(plan.imports)
        cls = plan.cls or ("AsyncOpenAI" if is_async else "OpenAI")
        arguments = ", ".join(f"{k}={v}" for k, v in plan.args.items())
        client = f"{ctx.openai_class(cls, imports)}({arguments})"
        func = node.func
        module = func.value if isinstance(func, cst.Attribute) else None
        if module is not None and "instructor" in ctx.qualnames(module):
            prefix = f"{ctx.code(module)}."
        elif ctx.bound_only_to(fw.WRAPPER, f"instructor.{fw.WRAPPER}") and (
            mode is None or ctx.bound_only_to(fw.MODE_CLASS, f"instructor.{fw.MODE_CLASS}")
        ):
            prefix = ""
            imports.append(f"from instructor import {fw.WRAPPER}")
            if mode is not None:
                imports.append(f"from instructor import {fw.MODE_CLASS}")
        else:
            return None
        model_text = string_like(model_arg.value, model)
        set_args = {fw.FROM_PROVIDER_MODEL[0]: model_text}
        values = {}
        if model_arg.keyword is None:
            values[0] = client
        else:  # `model=` becomes the provider's model, the client is passed by its keyword
            set_args[fw.CLIENT_KEYWORD] = client
        given = argument(node, fw.MODE_KEYWORD, None)
        if mode is not None:
            mode_text = f"{prefix}{fw.MODE_CLASS}.{mode}"
            if given is not None:
                mode_text = f"{ctx.code(given.value).rsplit('.', 1)[0]}.{mode}"
            set_args[fw.MODE_KEYWORD] = mode_text
        if switch is not None:  # the client adds it to each request it sends (ML118's switch)
            set_args["extra_body"] = switch_text(switch)
        text = rebuild_call(
            ctx,
            node,
            set_args,
            drop=frozenset({fw.FROM_PROVIDER_ASYNC[0]}),
            func=f"{prefix}{fw.WRAPPER}",
            values=values,
        )
        return narrowed_edit(ctx, node, text, tuple(imports))


def _client_words(provider: Provider) -> str:
    """What the client `apply` writes reads, in words."""
    return f"for {provider.name} that reads {provider.api_key_env} and {provider.base_url_env}"


class InstructorHelperDefaults(PythonRule):
    """instructor's validators that fall back on OpenAI (`llm_validator`, `openai_moderation`).

    ## What it does
    Finds `llm_validator(statement, client=...)` given no model or an OpenAI model literal,
    and `openai_moderation(client=...)` (imported from `instructor`, `instructor.dsl`,
    `instructor.validation`...).

    ## Why
    `llm_validator` sends `client.chat.completions.create(..., model=model)` through the client
    it is given, with OpenAI's `gpt-3.5-turbo` when no model is passed (instructor 1.8.3 and
    1.17.0): the provider does not know that model. `openai_moderation` calls
    `client.moderations.create()` on every value it validates; a provider without a
    moderations API answers 404, and validation fails.

    ## Fix
    `llm_validator`: `apply` adds `model="<the provider's model for gpt-3.5-turbo>"`, or writes
    the provider's model over the OpenAI one given (review); a model the table does not map is
    left to you. `openai_moderation`, where the provider's [supports] table has no moderations
    API: left to you (error, manual): keep a client on OpenAI for it, or validate another way;
    where its support is partial or unconfirmed, a warning to test it, in ML101's words (with
    the reason the provider's file gives).

    ## Data
    `model_from` and `model_to` for `llm_validator`; `surface` and `call` for a helper calling
    an API.
    """

    code = "ML653"
    name = "instructor-helper-defaults"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    examples = (
        Example(
            "from instructor import llm_validator\n\n"
            'check = llm_validator("be polite", client=client)\n',
            provider="acme",
            message="llm_validator() has no model=, so it sends instructor's default, OpenAI's "
            "'gpt-3.5-turbo', through the client; apply writes model='acme-small' for Acme Cloud",
            after="from instructor import llm_validator\n\n"
            'check = llm_validator("be polite", client=client, model="acme-small")\n',
        ),
        Example(
            "import instructor\n\n"
            'check = instructor.llm_validator("be polite", client=client, model="gpt-4o")\n',
            provider="acme",
            after="import instructor\n\n"
            'check = instructor.llm_validator("be polite", client=client, model="acme-large")\n',
        ),
        Example(
            "from instructor import openai_moderation\n\nsafe = openai_moderation(client=client)\n",
            provider="acme",
            message="openai_moderation() calls client.moderations.create() on each value it "
            "validates; Acme Cloud has no OpenAI-compatible moderations API (see "
            "https://docs.acme.example/openai): keep a client on OpenAI for it or validate "
            "another way, by hand; no catalogued provider offers it",
        ),
        Example(
            "from instructor import llm_validator\n\n"
            'check = llm_validator("be polite", client=client, model="acme-medium")\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        if rules.provider is None or not rules.switching:
            return
        helper = qualified(self.ctx, node.func, fw.DEFAULT_MODEL_HELPERS)
        if helper is not None:
            self._model(node, helper)
            return
        helper = qualified(self.ctx, node.func, fw.SURFACE_HELPERS)
        if helper is not None:
            self._surface(node, helper)

    def _model(self, node: cst.Call, helper: str) -> None:
        provider = self.ctx.rules.provider
        assert provider is not None
        default, position = fw.DEFAULT_MODEL_HELPERS[helper]
        shown = f"{helper.rsplit('.', 1)[-1]}()"
        arg = argument(node, fw.HELPER_MODEL_KEYWORD, position)
        if arg is None:
            if passes_mapping(node):
                return
            new = self.ctx.rules.map_model(default)
            head = (
                f"{shown} has no model=, so it sends instructor's default, OpenAI's "
                f"{default!r}, through the client"
            )
            if new is None:
                self.report(
                    node.func,
                    f"{head}; give it one of {', '.join(provider.candidates())}",
                    fix=FixClass.MANUAL,
                    data={"model_from": default},
                )
                return
            self.report(
                node.func,
                f"{head}; apply writes model={new!r} for {provider.name}",
                edit=insert_keywords(
                    self.ctx,
                    node,
                    {fw.HELPER_MODEL_KEYWORD: literal(new)},
                    after=node.args[-1] if node.args else None,
                ),
                data={"model_from": default, "model_to": new},
            )
            return
        value = string_value(arg.value)
        if value is None or provider.serves(value) or not self.ctx.rules.openai.serves(value):
            return
        new = self.ctx.rules.map_model(value)
        head = f"model={value!r} of {shown} is an OpenAI model, sent through the client"
        if new is None:
            self.report(
                arg.value,
                f"{head}; {provider.name}'s model table does not map it: choose one of "
                f"{', '.join(provider.candidates())}",
                fix=FixClass.MANUAL,
                data={"model_from": value},
            )
            return
        text = string_like(arg.value, new)
        self.report(
            arg.value,
            f"{head}; apply writes {new!r} for {provider.name}",
            edit=Edit(self.ctx.span(arg.value), text),
            data={"model_from": value, "model_to": new},
        )

    def _surface(self, node: cst.Call, helper: str) -> None:
        provider = self.ctx.rules.provider
        assert provider is not None
        surface = fw.SURFACE_HELPERS[helper]
        support = provider.support(surface)
        if support is True:
            return
        shown = f"{helper.rsplit('.', 1)[-1]}()"
        head = f"{shown} calls client.{surface}.create() on each value it validates"
        data = {"surface": surface, "call": f"{surface}.create"}
        if support is False:
            self.report(
                node.func,
                f"{head}; {lacks_api(provider, surface)} (see {provider.docs}): keep a client "
                f"on OpenAI for it or validate another way, by hand; "
                f"{offered_by(provider, surface, self.ctx.rules.registry)}",
                severity=Severity.ERROR,
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        self.report(
            node.func,
            f"{head}; {support_words(provider, surface)}: test it (see {provider.docs})",
            fix=FixClass.MANUAL,
            data=data,
        )


def helper_model_values(ctx: PythonContext, call: cst.Call) -> list[cst.CSTNode]:
    """The model literal of an `llm_validator(...)` call: ML653 owns it (ML204-ML206 leave
    it alone)."""
    helper = qualified(ctx, call.func, fw.DEFAULT_MODEL_HELPERS)
    if helper is None:
        return []
    arg = argument(call, fw.HELPER_MODEL_KEYWORD, fw.DEFAULT_MODEL_HELPERS[helper][1])
    return [arg.value] if arg is not None and isinstance(arg.value, cst.SimpleString) else []


INSTRUCTOR_DEFAULT_RULES = (InstructorFromProvider, InstructorHelperDefaults)
