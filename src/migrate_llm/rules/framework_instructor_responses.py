"""A rule for instructor's `OpenAISchema.from_response` on a response to the legacy
`functions=` (see `migrate_llm.frameworks.instructor`)."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.frameworks import instructor as fw
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.framework_args import argument, insert_keywords, passes_mapping
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import keyword, last_name

_REQUEST_METHODS = frozenset({"create", "acreate"})


class FromResponseMode(PythonRule):
    """`OpenAISchema.from_response()` given no mode, on a response to `functions=`.

    ## What it does
    Finds `Schema.from_response(completion)` without `mode=`, where `Schema` subclasses
    instructor's `OpenAISchema` and `completion` is the response of a request sending the
    legacy `functions=` / `function_call=`: the request itself as the argument, or a name
    given it by the one assignment of the function (or module) that holds the call. A
    requirements file pinning instructor to releases that read such a response anyway
    (below 0.4.7, or 1.15.3 and later) silences it; a provider that does not take
    `functions=` (ML111 reports the request) does too.

    ## Why
    From instructor 0.4.7 on, `from_response` reads the completion in `Mode.TOOLS` unless
    told otherwise: it looks for `message.tool_calls`, which a response to `functions=` has
    none of (the call is in `message.function_call`). instructor 0.4.7 to 1.15.1 then fail
    (`AssertionError: Instructor does not support multiple tool calls`); 1.15.3 and later
    fall back on the function call. smol-ai/developer stopped there once its schema was
    instructor's.

    ## Fix (review)
    `apply` passes `mode=instructor.Mode.FUNCTIONS` (`Mode.FUNCTIONS` with
    `from instructor import Mode` where the module does not import `instructor` itself), which
    reads the function call in every release from 0.4.0 on (instructor calls the mode
    deprecated, with a DeprecationWarning, and from 1.15.3 says it goes in v3.0). Where the
    name `instructor` or `Mode` is taken, it is left to you (manual). Sending the request with
    `tools=` and `tool_choice=` instead lets `from_response` keep its default.
    """

    code = "ML654"
    name = "instructor-from-response-mode"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "from instructor import OpenAISchema\n\n\n"
            "class Paths(OpenAISchema):\n    files: list[str]\n\n\n"
            "def paths(client, prompt):\n"
            "    completion = client.chat.completions.create(\n"
            '        model="gpt-4o",\n'
            "        functions=[Paths.openai_schema],\n"
            '        function_call={"name": "Paths"},\n'
            '        messages=[{"role": "user", "content": prompt}],\n'
            "    )\n"
            "    return Paths.from_response(completion)\n",
            message="Paths.from_response() given no mode reads the completion as tool calls "
            "(Mode.TOOLS, instructor>=0.4.7), and the request on line 9 sends functions=: "
            'instructor 0.4.7 to 1.15.1 fail there ("Instructor does not support multiple '
            'tool calls"); apply passes mode=Mode.FUNCTIONS',
            after="from instructor import Mode, OpenAISchema\n\n\n"
            "class Paths(OpenAISchema):\n    files: list[str]\n\n\n"
            "def paths(client, prompt):\n"
            "    completion = client.chat.completions.create(\n"
            '        model="gpt-4o",\n'
            "        functions=[Paths.openai_schema],\n"
            '        function_call={"name": "Paths"},\n'
            '        messages=[{"role": "user", "content": prompt}],\n'
            "    )\n"
            "    return Paths.from_response(completion, mode=Mode.FUNCTIONS)\n",
        ),
        Example(
            "import instructor\n\n\n"
            "class Paths(instructor.OpenAISchema):\n    files: list[str]\n\n\n"
            "async def paths(client, messages):\n"
            "    return Paths.from_response(\n"
            "        await client.chat.completions.create(\n"
            '            model="gpt-4o", messages=messages, functions=[Paths.openai_schema]\n'
            "        )\n"
            "    )\n",
            after="import instructor\n\n\n"
            "class Paths(instructor.OpenAISchema):\n    files: list[str]\n\n\n"
            "async def paths(client, messages):\n"
            "    return Paths.from_response(\n"
            "        await client.chat.completions.create(\n"
            '            model="gpt-4o", messages=messages, functions=[Paths.openai_schema]\n'
            "        ),\n"
            "        mode=instructor.Mode.FUNCTIONS,\n"
            "    )\n",
        ),
        Example(
            "from instructor import OpenAISchema\n\n\n"
            "class Paths(OpenAISchema):\n    files: list[str]\n\n\n"
            "def paths(client, messages):\n"
            "    completion = client.chat.completions.create(\n"
            '        model="gpt-4o", messages=messages, tools=[Paths.openai_schema]\n'
            "    )\n"
            "    return Paths.from_response(completion)\n",
            finds=False,
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
            type(func) is cst.Attribute
            and func.attr.value == fw.FROM_RESPONSE
            and type(func.value) is cst.Name
        ):
            return
        provider = self.ctx.rules.provider
        if (
            self.ctx.rules.facts.instructor_reads_function_call
            or (provider is not None and provider.params.get(fw.LEGACY_MODE_PARAM) is False)
            or argument(node, *fw.FROM_RESPONSE_MODE) is not None
            or passes_mapping(node)
            or not self._instructor_schema(func.value)
        ):
            return
        completion = argument(node, *fw.FROM_RESPONSE_COMPLETION)
        request = self._legacy_request(completion.value) if completion is not None else None
        if request is None:
            return
        sent = next(k for k in fw.LEGACY_REQUEST_KEYWORDS if keyword(request, k) is not None)
        line = self.ctx.position(request)[0][0]
        head = (
            f"{func.value.value}.from_response() given no mode reads the completion as tool "
            f"calls (Mode.{fw.DEFAULT_MODE}, instructor>={_shown(fw.FROM_RESPONSE_TOOLS_SINCE)}), "
            f"and the request on line {line} sends {sent}=: instructor "
            f'{_shown(fw.FROM_RESPONSE_TOOLS_SINCE)} to 1.15.1 fail there ("Instructor does '
            'not support multiple tool calls")'
        )
        mode = self._mode_value()
        if mode is None:
            self.report(
                func,
                f"{head}; pass mode=instructor.Mode.{fw.LEGACY_PATCH_MODE}, or send the request "
                "with tools= and tool_choice=",
                fix=FixClass.MANUAL,
            )
            return
        value, imports = mode
        inserted = insert_keywords(self.ctx, node, {fw.MODE_KEYWORD: value})
        self.report(
            func,
            f"{head}; apply passes mode={value}",
            edit=Edit(inserted.span, inserted.text, imports),
            data={"mode_to": fw.LEGACY_PATCH_MODE, "request_line": line},
        )

    def _instructor_schema(self, schema: cst.Name) -> bool:
        """Whether `schema` is bound only to classes of the module subclassing instructor's
        `OpenAISchema` directly."""
        bindings = self.ctx.bindings(schema)
        return bool(bindings) and all(
            isinstance(b, Assignment)
            and isinstance(b.node, cst.ClassDef)
            and any(self.ctx.qualnames(base.value) & fw.SCHEMA_CLASSES for base in b.node.bases)
            for b in bindings
        )

    def _legacy_request(self, value: cst.BaseExpression) -> cst.Call | None:
        """The request sending `functions=` / `function_call=` that `value` is the response of:
        the request itself (awaited or not), or a name whose one binding assigns it."""
        if isinstance(value, cst.Name):
            bindings = self.ctx.bindings(value)
            if len(bindings) != 1 or not isinstance(bindings[0], Assignment):
                return None
            assigned = self.ctx.index.assigned.get(id(bindings[0].node))
            if assigned is None:
                return None
            value = assigned
        if isinstance(value, cst.Await):
            value = value.expression
        if not (
            isinstance(value, cst.Call)
            and (self.ctx.sdk_call(value) is not None or last_name(value.func) in _REQUEST_METHODS)
            and any(keyword(value, k) is not None for k in fw.LEGACY_REQUEST_KEYWORDS)
        ):
            return None
        return value

    def _mode_value(self) -> tuple[str, tuple[str, ...]] | None:
        """How the module writes `instructor.Mode.FUNCTIONS`, with the import it needs:
        through its `import instructor`, else through `Mode` imported from instructor (added
        to its `from instructor import ...`); None where the name is taken."""
        member = f"{fw.MODE_CLASS}.{fw.LEGACY_PATCH_MODE}"
        ctx = self.ctx
        if ctx.imports_module("instructor"):
            return f"instructor.{member}", ()
        if ctx.bound_only_to(fw.MODE_CLASS, f"instructor.{fw.MODE_CLASS}"):
            return member, (f"from instructor import {fw.MODE_CLASS}",)
        return None


def _shown(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


INSTRUCTOR_RESPONSE_RULES = (FromResponseMode,)
