"""Rules for instructor: the mode of a wrapped client (see `migrate_llm.frameworks.instructor`).

The client instructor wraps is an OpenAI client, migrated by the client rules (ML001); what is
left is the mode, which decides what the request asks of the provider.
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import instructor as fw
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.framework_args import argument, insert_keywords, passes_mapping, qualified
from migrate_llm.rules.python import PythonRule, snippet
from migrate_llm.rules.python_context import PythonContext, keyword, last_name

_MODES = frozenset(
    f"instructor.{fw.MODE_CLASS}.{m}"
    for m in ("TOOLS", "TOOLS_STRICT", "JSON_SCHEMA", "JSON", "MD_JSON", fw.LEGACY_PATCH_MODE)
)


def replacement_mode(provider: Provider, mode: str) -> str | None:
    """The mode to use instead of `mode` on `provider`, or None when `mode` works there (or
    the provider file does not say)."""
    if mode == fw.LEGACY_PATCH_MODE:
        # the legacy `functions=`, with `function_call` naming the one function
        choices = provider.params.get("tool_choice")
        named = choices is None or "function" in choices
        if not _legacy_default_refused(provider) and named:
            return None
        if named:
            return fw.DEFAULT_MODE
    elif mode in fw.FORCED_TOOL_MODES:
        choices = provider.params.get("tool_choice")
        if choices is None or "function" in choices:
            return None
    elif mode in fw.JSON_SCHEMA_MODES:
        formats = provider.params.get("response_format")
        if formats is None or "json_schema" in formats:
            return None
    else:
        return None
    formats = provider.params.get("response_format") or ()
    return fw.JSON_MODE if "json_object" in formats else fw.MD_JSON_MODE


def mode_problem(provider: Provider, mode: str) -> str:
    """Why `provider` cannot serve `mode` (one `replacement_mode` replaces)."""
    choices = ", ".join(provider.params.get("tool_choice", ()))
    if mode == fw.LEGACY_PATCH_MODE:
        if _legacy_default_refused(provider):
            return (
                f"which sends the legacy functions= and function_call=; {provider.name} "
                "takes tools="
            )
        return (
            f"which forces a named function call (function_call with a name); {provider.name} "
            f"takes tool_choice {choices} only"
        )
    if mode in fw.FORCED_TOOL_MODES:
        return (
            f"which forces a named tool call (tool_choice of type function); {provider.name} "
            f"takes tool_choice {choices} only"
        )
    return f"which asks for response_format json_schema; {provider.name} does not take it"


def _legacy_default_refused(provider: Provider) -> bool:
    """Whether `provider` refuses what `patch()` with no mode sends in instructor releases
    before 0.6.0 (`fw.LEGACY_PATCH_MODE`: the legacy `functions=`)."""
    return provider.params.get(fw.LEGACY_MODE_PARAM) is False


def _how(mode: str) -> str:
    return "response_format json_object" if mode == fw.JSON_MODE else "JSON in the text"


def listed_mode(ctx: PythonContext, value: cst.BaseExpression) -> str | None:
    """The member of `instructor.Mode` that `value` names (`instructor.Mode.TOOLS`,
    `Mode.JSON`) when the table lists it, else None."""
    if not isinstance(value, cst.Attribute):
        return None
    names = ctx.qualnames(value) & _MODES
    return min(names).rsplit(".", 1)[-1] if names else None


def mode_choices(
    ctx: PythonContext, value: cst.BaseExpression
) -> list[tuple[cst.BaseExpression, str]]:
    """The expressions a `mode=` value evaluates to, each with when it does ("" for always):
    both branches of `a if test else b`, both sides of `a or b` (`b` when `a` is false:
    instructor's own `mode if mode else Mode.TOOLS`), else the value itself."""
    if isinstance(value, cst.IfExp):
        test = snippet(ctx, value.test)
        return [(value.body, f"when `{test}` is true"), (value.orelse, f"when `{test}` is false")]
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        return [(value.left, ""), (value.right, f"when `{snippet(ctx, value.left)}` is false")]
    return [(value, "")]


class InstructorMode(PythonRule):
    """An instructor mode the provider cannot serve.

    ## What it does
    Finds `instructor.from_openai(client)`, `instructor.patch(client)` and `apatch` whose mode
    (default `Mode.TOOLS`) forces a named tool call the provider rejects (its `tool_choice`
    lacks `function`), or asks for `json_schema` output it does not offer; so does
    `Mode.FUNCTIONS` (the legacy `functions=` with a named `function_call`), which gets
    `Mode.TOOLS` where the provider takes a named tool call but not `functions=`. A mode chosen by a
    condition (`mode if mode else instructor.Mode.TOOLS`, `mode or Mode.TOOLS`) is read
    branch by branch: each branch that gives such a mode is reported.

    ## Why
    `Mode.TOOLS` sends `tool_choice={"type": "function", ...}` on every request;
    `Mode.JSON_SCHEMA` sends `response_format={"type": "json_schema", ...}`. A provider that
    takes neither answers HTTP 400.

    ## Fix (review)
    `apply` sets `mode=instructor.Mode.JSON` (a JSON object response, `response_format`
    `json_object`), or `Mode.MD_JSON` (JSON in the text, no `response_format`) when the
    provider has no JSON mode either; in a condition, in the branch that gave the other
    mode. instructor validates the answer against the model either way; check that the
    prompts still produce the fields.

    `patch(client)` / `apatch(client)` given no mode used Mode.FUNCTIONS (the legacy
    `functions=` parameter) before instructor 0.6.0, which ML504's advice (instructor>=0.4.0)
    admits: where the provider does not take `functions=` (`[params] functions = false`) and
    serves tools, `apply` writes `mode=instructor.Mode.TOOLS`, the default from 0.6.0 on.

    `instructor.patch()` with no client patched openai<1.0's module functions (instructor<1):
    with openai>=1.0 it patches nothing. It gets the client `apply` builds for the module's
    openai<1.0 calls (`instructor.patch(client)`, with the mode as above), where it stands
    after the imports; above a module-level `load_dotenv()`, its line moves below the load
    and the imports right below it (the client is then built on first use, once the key is
    there); otherwise it is left to a
    person (manual).
    """

    code = "ML650"
    name = "instructor-mode"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "import instructor\nfrom openai import OpenAI\n\n"
            'client = instructor.from_openai(OpenAI(base_url="https://api.acme.example/v1"))\n',
            provider="acme",
            message="instructor.from_openai() uses Mode.TOOLS, which forces a named tool call "
            "(tool_choice of type function); Acme Cloud takes tool_choice auto, none only: apply "
            "sets Mode.JSON (response_format json_object)",
            after="import instructor\nfrom openai import OpenAI\n\n"
            "client = instructor.from_openai(\n"
            '    OpenAI(base_url="https://api.acme.example/v1"), mode=instructor.Mode.JSON\n)\n',
        ),
        Example(
            "import instructor\n\n"
            "client = instructor.patch(make_client(), mode=instructor.Mode.TOOLS)\n",
            provider="acme",
            after="import instructor\n\n"
            "client = instructor.patch(make_client(), mode=instructor.Mode.JSON)\n",
        ),
        Example(
            "from instructor import Mode, from_openai\n\n"
            "client = from_openai(make_client(), Mode.JSON_SCHEMA)\n",
            provider="acme",
            after="from instructor import Mode, from_openai\n\n"
            "client = from_openai(make_client(), Mode.JSON)\n",
        ),
        Example(
            "import instructor\n\n\ndef wrap(client, mode=None):\n"
            "    return instructor.from_openai(client, mode=mode if mode else "
            "instructor.Mode.TOOLS)\n",
            provider="acme",
            message="instructor.from_openai() uses Mode.TOOLS when `mode` is false, which "
            "forces a named tool call (tool_choice of type function); Acme Cloud takes "
            "tool_choice auto, none only: apply sets Mode.JSON there (response_format "
            "json_object)",
            after="import instructor\n\n\ndef wrap(client, mode=None):\n"
            "    return instructor.from_openai(client, mode=mode if mode else "
            "instructor.Mode.JSON)\n",
        ),
        Example(
            "import instructor\n\nclient = instructor.patch(make_client())\n",
            provider="deepseek",
            message="instructor.patch() with no mode uses Mode.FUNCTIONS in instructor releases "
            "before 0.6.0 (the legacy functions= parameter), which DeepSeek does not take: apply "
            "sets Mode.TOOLS, their default from then on",
            after="import instructor\n\n"
            "client = instructor.patch(make_client(), mode=instructor.Mode.TOOLS)\n",
        ),
        Example(
            "import instructor\n\n"
            "client = instructor.from_openai(make_client(), mode=instructor.Mode.MD_JSON)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "def from_openai(client):\n    return client\n\nclient = from_openai(make_client())\n",
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching:
            return
        wrapper = qualified(self.ctx, node.func, fw.WRAPPERS)
        if wrapper is None:
            return
        if (
            wrapper in fw.PATCHES
            and argument(node, fw.CLIENT_KEYWORD, 0) is None
            and keyword(node, fw.CREATE_KEYWORD) is None
            and not passes_mapping(node)
        ):
            self._module_patch(node, wrapper, provider)
            return
        arg = argument(node, fw.MODE_KEYWORD, fw.WRAPPERS[wrapper])
        shown = f"instructor.{last_name(node.func)}()"
        if arg is not None:
            for choice, when in mode_choices(self.ctx, arg.value):
                self._given_mode(node, shown, choice, when, provider)
            return
        if any(a.star == "**" for a in node.args):
            return
        mode = fw.DEFAULT_MODE
        new = replacement_mode(provider, mode)
        if new is None and wrapper in fw.PATCHES:
            self._legacy_default(node, shown, provider)
            return
        if new is None:
            return
        prefix = self.ctx.code(node.func.value) if isinstance(node.func, cst.Attribute) else None
        imports: tuple[str, ...] = ()
        if prefix is not None:
            value = f"{prefix}.{fw.MODE_CLASS}.{new}"
        else:
            value = f"{fw.MODE_CLASS}.{new}"
            imports = (f"from instructor import {fw.MODE_CLASS}",)
        inserted = insert_keywords(self.ctx, node, {fw.MODE_KEYWORD: value})
        edit = Edit(inserted.span, inserted.text, imports)
        self.report(
            node.func,
            f"{shown} uses Mode.{mode}, {mode_problem(provider, mode)}: apply sets Mode.{new} "
            f"({_how(new)})",
            edit=edit,
            data={"mode_from": mode, "mode_to": new},
        )

    def _legacy_default(self, node: cst.Call, shown: str, provider: Provider) -> None:
        """`patch(client)` with no mode, where the provider does not take the legacy
        `functions=` parameter: instructor before 0.6.0 sends Mode.FUNCTIONS there (ML504's
        advice, instructor>=0.4.0, admits such releases), so the mode is written out."""
        if not _legacy_default_refused(provider):
            return
        prefix = self.ctx.code(node.func.value) if isinstance(node.func, cst.Attribute) else None
        value = f"{prefix}.{fw.MODE_CLASS}" if prefix is not None else fw.MODE_CLASS
        imports = () if prefix is not None else (f"from instructor import {fw.MODE_CLASS}",)
        inserted = insert_keywords(self.ctx, node, {fw.MODE_KEYWORD: f"{value}.{fw.DEFAULT_MODE}"})
        self.report(
            node.func,
            f"{shown} with no mode uses Mode.{fw.LEGACY_PATCH_MODE} in instructor releases "
            f"before {fw.PATCH_TOOLS_SINCE} (the legacy functions= parameter), which "
            f"{provider.name} does not take: apply sets Mode.{fw.DEFAULT_MODE}, their "
            "default from then on",
            edit=Edit(inserted.span, inserted.text, imports),
            data={"mode_from": fw.LEGACY_PATCH_MODE, "mode_to": fw.DEFAULT_MODE},
        )

    def _given_mode(
        self, node: cst.Call, shown: str, choice: cst.BaseExpression, when: str, provider: Provider
    ) -> None:
        """Report a mode written in the call (`when`: the condition under which it is the
        mode, "" for always) that the provider cannot serve; one computed at run time or not
        in the table is left."""
        mode = listed_mode(self.ctx, choice)
        new = replacement_mode(provider, mode) if mode is not None else None
        if mode is None or new is None or not isinstance(choice, cst.Attribute):
            return
        where, there = (f" {when}", " there") if when else ("", "")
        self.report(
            choice if when else node.func,
            f"{shown} uses Mode.{mode}{where}, {mode_problem(provider, mode)}: apply sets "
            f"Mode.{new}{there} ({_how(new)})",
            edit=Edit(self.ctx.span(choice.attr), new),
            data={"mode_from": mode, "mode_to": new},
        )

    def _module_patch(self, node: cst.Call, wrapper: str, provider: Provider) -> None:
        """`instructor.patch()` with no client: instructor<1 patched openai<1.0's module
        functions; with openai>=1.0 it patches nothing (instructor>=1 raises). The client
        `apply` builds for the module's openai<1.0 calls is passed to it when that is one
        object made after the imports; otherwise a person passes theirs."""
        shown = f"instructor.{last_name(node.func)}()"
        head = f"{shown} with no client patched openai<1.0's module functions (instructor<1)"
        clients = self.ctx.legacy_clients
        parents = self.ctx.ancestors(node)
        alone = len(parents) >= 1 and isinstance(parents[-1], cst.Expr)
        lazy = clients is not None and clients.lazy and clients.sync_name.endswith("()")
        if (
            wrapper != fw.MODULE_PATCH
            or clients is None
            or not (clients.sync_name.isidentifier() or lazy)
            or not alone
            or not self._after_the_imports(parents)
        ):
            self.report(
                node.func,
                f"{head}; with openai>=1.0 it patches nothing (instructor>=1 raises): patch the "
                f"client the requests go through (`client = instructor.patch(OpenAI(...))`, "
                f"or instructor.from_openai), by hand",
                fix=FixClass.MANUAL,
            )
            return
        mode = replacement_mode(provider, fw.DEFAULT_MODE)
        why = f"{provider.name} takes no named tool call"
        if mode is None and _legacy_default_refused(provider):
            mode = fw.DEFAULT_MODE
            why = (
                f"before {fw.PATCH_TOOLS_SINCE} the default is Mode.{fw.LEGACY_PATCH_MODE}, "
                f"which {provider.name} does not take"
            )
        existing = argument(node, fw.MODE_KEYWORD, fw.WRAPPERS[wrapper])
        args = [clients.sync_name]
        if mode is not None and existing is None and isinstance(node.func, cst.Attribute):
            args.append(
                f"{fw.MODE_KEYWORD}={self.ctx.code(node.func.value)}.{fw.MODE_CLASS}.{mode}"
            )
        args += [self.ctx.code(a).rstrip(", ") for a in node.args]
        text = f"{self.ctx.code(node.func)}({', '.join(args)})"
        edit = self._patch_edit(parents, node, text)
        if edit is None:
            self.report(
                node.func,
                f"{head}; with openai>=1.0 it patches nothing (instructor>=1 raises): patch the "
                f"client the requests go through (`{text}`), by hand",
                fix=FixClass.MANUAL,
            )
            return
        set_mode = (
            f", and sets Mode.{mode} (instructor>={fw.MODE_SINCE}; {why})"
            if len(args) > 1 + len(node.args)
            else ""
        )
        self.report(
            node.func,
            f"{head}; apply passes it the client it builds for them (`{clients.sync_name}`)"
            f"{set_mode}",
            fix=FixClass.REVIEW,
            edit=edit,
        )

    def _patch_edit(
        self, parents: tuple[cst.CSTNode, ...], node: cst.Call, text: str
    ) -> Edit | None:
        """The call rewritten in place; or, where the module loads a `.env` file after it
        (instagraph's `instructor.patch()` stood above `load_dotenv()`), its line moved after
        the last such load, over plain statements only, so that the client built there
        reads the key from the file. None where something else stands in between."""
        module, ctx = self.ctx.module, self.ctx
        line = parents[1]
        assert isinstance(line, cst.SimpleStatementLine)
        index = module.body.index(line)
        later = [i for i in ctx.env_file_loads if i > index]
        if not later:
            return Edit(ctx.span(node), text)
        between = module.body[index + 1 : max(later) + 1]
        if len(line.body) != 1 or not all(isinstance(s, cst.SimpleStatementLine) for s in between):
            return None
        source = ctx.text
        start = source.rfind("\n", 0, ctx.span(line).start) + 1
        own_end = source.find("\n", ctx.span(line).end) + 1
        below = ctx.below_env_file_loads()
        if not own_end or below is None:
            return None
        end = below[0]
        return Edit(Span(start, end), source[own_end:end] + text + "\n")

    def _after_the_imports(self, parents: tuple[cst.CSTNode, ...]) -> bool:
        """Whether the statement holding a call (`parents`: its ancestors) stands at module
        level after every import there, as the client `apply` builds after them does."""
        module = self.ctx.module
        line = parents[1] if len(parents) > 1 and parents[0] is module else None
        if line is None or line not in module.body:
            return False
        rest = module.body[module.body.index(line) + 1 :]
        return not any(
            isinstance(s, cst.SimpleStatementLine)
            and any(isinstance(b, (cst.Import, cst.ImportFrom)) for b in s.body)
            for s in rest
        )


class FunctionCallFromResponse(PythonRule):
    """`from_response()` of a schema that reads the completion as an openai<1.0 dict.

    ## What it does
    Finds `schema.from_response(completion)` where `schema` is a function decorated with
    `openai_function` (openai_function_call, or instructor, which kept it) or a subclass of
    openai_function_call's `OpenAISchema`.

    ## Why
    They read the completion as the dict openai<1.0 returned (`completion["choices"][0]
    ["message"]`, `"function_call" in message`): on an openai>=1.0 response the call fails
    with "No function call detected" or a `TypeError`. No release of openai_function_call
    works with openai>=1.0 (see ML504); instructor's `openai_function` still reads a dict.

    ## Fix (manual)
    Define the schema as a subclass of `instructor.OpenAISchema` (instructor>=0.3.1, whose
    `from_response` reads a v1 completion) and call its `from_response` with
    `mode=instructor.Mode.FUNCTIONS` (instructor>=0.4.0) where the request sends `functions=`:
    its default mode reads tool calls, and instructor 0.4.7 to 1.15.1 fail on a function call
    (ML654). Or read `completion.choices[0].message.function_call.arguments` yourself.
    Where the provider takes no `functions=` (`[params] functions = false`), the request sends
    `tools=` instead (ML111), and the reply holds tool calls: call `from_response` in its
    default mode, which reads them (instructor>=0.4.7), or read
    `completion.choices[0].message.tool_calls[0].function.arguments` yourself.
    """

    code = "ML651"
    name = "function-call-from-response"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from openai_function_call import openai_function\n\n\n"
            "@openai_function\ndef paths(files: list[str]) -> list[str]:\n    return files\n\n\n"
            "def read(completion):\n    return paths.from_response(completion)\n",
            message="paths.from_response() reads the completion as an openai<1.0 dict (a "
            "function decorated with openai_function_call's openai_function): on an "
            'openai>=1.0 response it fails ("No function call detected"); make the schema an '
            "instructor.OpenAISchema subclass and call its from_response with "
            "mode=instructor.Mode.FUNCTIONS where the request sends functions= (instructor>=0.4.0; "
            "by default 0.4.7 to 1.15.1 read tool calls only)",
        ),
        Example(
            "from openai_function_call import openai_function\n\n\n"
            "@openai_function\ndef paths(files: list[str]) -> list[str]:\n    return files\n\n\n"
            "def read(completion):\n    return paths.from_response(completion)\n",
            provider="zhipu",
            message="paths.from_response() reads the completion as an openai<1.0 dict (a "
            "function decorated with openai_function_call's openai_function): on an "
            'openai>=1.0 response it fails ("No function call detected"); make the schema an '
            "instructor.OpenAISchema subclass and call its from_response in its default mode, "
            "which reads tool calls (instructor>=0.4.7): Zhipu AI (GLM) takes no functions= (the "
            "legacy function protocol), so the request sends tools= (ML111); or read "
            "completion.choices[0].message.tool_calls[0].function.arguments yourself",
        ),
        Example(
            "from instructor import OpenAISchema\n\n\n"
            "class Paths(OpenAISchema):\n    files: list[str]\n\n\n"
            "def read(completion):\n    return Paths.from_response(completion)\n",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (
            isinstance(func, cst.Attribute)
            and func.attr.value == "from_response"
            and isinstance(func.value, cst.Name)
        ):
            return
        schema = func.value
        what = self._reads_a_dict(schema)
        if what is None:
            return
        provider = self.provider
        if provider is not None and _legacy_default_refused(provider):
            # no functions= there: the request sends tools= (ML111), the reply tool calls
            since = ".".join(map(str, fw.FROM_RESPONSE_TOOLS_SINCE))
            advice = (
                "make the schema an instructor.OpenAISchema subclass and call its from_response "
                f"in its default mode, which reads tool calls (instructor>={since}): "
                f"{provider.name} takes no functions= (the legacy function protocol), so the "
                "request sends tools= (ML111); or read "
                "completion.choices[0].message.tool_calls[0].function.arguments yourself"
            )
        else:
            advice = (
                "make the schema an instructor.OpenAISchema subclass and call its from_response "
                f"with mode=instructor.Mode.{fw.LEGACY_PATCH_MODE} where the request sends "
                f"functions= (instructor>={fw.MODE_SINCE}; by default 0.4.7 to 1.15.1 read tool "
                "calls only)"
            )
        self.report(
            func,
            f"{schema.value}.from_response() reads the completion as an openai<1.0 dict "
            f'({what}): on an openai>=1.0 response it fails ("No function call detected"); '
            f"{advice}",
        )

    def _reads_a_dict(self, schema: cst.Name) -> str | None:
        """What makes `schema` read a dict: its decorator or base class, as the message
        says it; None when the module does not show one."""
        for binding in self.ctx.bindings(schema):
            node = getattr(binding, "node", None)
            if isinstance(node, cst.FunctionDef):
                for decorator in node.decorators:
                    for name in sorted(self.ctx.qualnames(decorator.decorator)):
                        if name in fw.DICT_READING_DECORATORS:
                            library = name.split(".", 1)[0]
                            return f"a function decorated with {library}'s openai_function"
            elif isinstance(node, cst.ClassDef):
                for base in node.bases:
                    if self.ctx.qualnames(base.value) & fw.DICT_READING_CLASSES:
                        return "a subclass of openai_function_call's OpenAISchema"
        if self.ctx.qualnames(schema) & fw.DICT_READING_CLASSES:
            return "openai_function_call's OpenAISchema"
        return None


INSTRUCTOR_RULES = (InstructorMode, FunctionCallFromResponse)
