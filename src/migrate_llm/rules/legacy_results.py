"""Rules about what openai<1.0 calls returned (dicts) and how tests replaced those calls."""

from __future__ import annotations

import functools
import keyword
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import Assignment, BaseAssignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.rules.base import Example
from migrate_llm.rules.legacy import v1_call, v1_path
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, last_name, string_value
from migrate_llm.rules.rewrite import requote

# v0 methods whose result is a response object (a dict in v0, a model or a page in v1).
_RESPONSE_METHODS = frozenset(
    {"create", "create_variation", "create_edit", "transcribe", "translate"}
    | {"list", "retrieve", "delete"}
)
# `.get("k", default)` with one of these defaults becomes `(x.k or default)`: for a falsy
# default, `or` gives what the v0 code meant (a missing or null field reads as the default).
_FALSY_LITERALS = frozenset({'""', "''", "0", "0.0", "False", "[]", "{}", "()"})
_BASE = "\0"  # stands for the text of a chain's base while its new text is built
# What an expression holds, as far as the module shows: a whole response (a call's result, a
# stream chunk), a part of one (`resp["choices"][0]`, a field's value), or a list of whole
# responses (`await asyncio.gather(*(openai.ChatCompletion.acreate(...) ...))`).
_WHOLE, _PART, _LIST = "whole", "part", "list"
_DEPTH = 6  # how many names, helpers and accesses a value is followed through


@dataclass(frozen=True)
class _Step:
    """One access on a response: `["key"]` / `.get("key")` ("key", "get") or kept as is."""

    node: cst.BaseExpression  # the expression up to and including this access
    value: cst.BaseExpression  # what the access is applied to
    kind: str  # "key" | "get" | "keep"
    key: str = ""
    default: cst.BaseExpression | None = None


def _identifier(node: cst.BaseExpression) -> str | None:
    value = string_value(node)
    if value is None or not value.isidentifier() or keyword.iskeyword(value):
        return None
    return value


def _step(node: cst.BaseExpression, outermost: bool) -> _Step | None:
    """The access `node` makes on its value, or None when it is no plain access."""
    if getattr(node, "lpar", None) and not outermost:
        return None
    if isinstance(node, cst.Subscript):
        if len(node.slice) != 1:
            return None
        index = node.slice[0].slice
        strings = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
        if isinstance(index, cst.Index) and isinstance(index.value, strings):
            key = _identifier(index.value)
            return _Step(node, node.value, "key", key) if key else None
        return _Step(node, node.value, "keep")  # a list index or slice
    if isinstance(node, cst.Attribute):
        return _Step(node, node.value, "keep")
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "get"
        and not node.func.lpar
        and 1 <= len(node.args) <= 2
        and all(a.keyword is None and not a.star for a in node.args)
        and (key := _identifier(node.args[0].value)) is not None
    ):
        default = node.args[1].value if len(node.args) == 2 else None
        return _Step(node, node.func.value, "get", key, default)
    return None


def _chain(node: cst.BaseExpression) -> tuple[cst.BaseExpression, list[_Step]]:
    """The innermost expression below a run of accesses, and the accesses, innermost first."""
    steps: list[_Step] = []
    while (step := _step(node, outermost=not steps)) is not None:
        steps.append(step)
        node = step.value
    return node, steps[::-1]


def _pure_access(step: _Step) -> bool:
    """Whether evaluating a kept access twice is harmless: `.x`, `[0]`, `[-1]`, `[i]`."""
    if not isinstance(step.node, cst.Subscript):  # an attribute
        return True
    index = step.node.slice[0].slice
    value = index.value if isinstance(index, cst.Index) else None
    if isinstance(value, cst.UnaryOperation):
        value = value.expression
    return isinstance(value, (cst.Integer, cst.Name))


class LegacyResponse(PythonRule):
    """A dict access on a response of the openai<1.0 API (`resp["choices"][0]`).

    ## What it does
    Finds subscripts and `.get()` on what an openai<1.0 call returned: chained on the call
    (`openai.Embedding.create(...)["data"][0]["embedding"]`), on a name every assignment of
    which is such a call or a part of its result (`resp = openai.ChatCompletion.create(...)`,
    `choice = resp["choices"][0]`), on the target of a `for` over such a call or name (stream
    chunks), and on the items of a `for` over a field (`for item in resp["data"]`), in
    comprehensions too. Anything not provably a response is left alone.

    ## Why
    openai<1.0 returned dict subclasses; openai>=1.0 returns typed objects, which cannot be
    subscripted (`TypeError: 'ChatCompletion' object is not subscriptable`).

    ## Fix
    `apply` turns string keys into attributes and keeps list indexes:
    `resp["choices"][0]["message"]["content"]` -> `resp.choices[0].message.content`.
    `.get("k")` becomes `.k` (v1 objects declare every documented field, None when absent);
    `.get("k", "")` with a falsy literal default (`""`, `0`, `False`, `[]`, `{}`, `()`)
    becomes `(x.k or "")`, which also covers the null `content` of the last stream chunk;
    any other default becomes `(x.k if x.k is not None else default)` when `x` is a plain
    name and subscripts of it, and is left to you otherwise. Keys that are no identifiers
    (`["hate/threatening"]`) end the rewrite; `"k" in resp[...]` is left to you (on an
    object `in` does not test for a field, so the access is not rewritten either).
    """

    code = "ML305"
    name = "legacy-response"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            'import openai\nr = openai.ChatCompletion.create(model="gpt-4", messages=m)\n'
            'print(r["choices"][0]["message"]["content"])\n',
            message="openai 1.0 returns objects, not dicts; write r.choices[0].message.content",
            provider="openai",
            after='import openai\nr = openai.ChatCompletion.create(model="gpt-4", messages=m)\n'
            "print(r.choices[0].message.content)\n",
        ),
        Example(
            "import openai\n\ndef stream(m):\n"
            '    for chunk in openai.ChatCompletion.create(model="gpt-4", messages=m, '
            "stream=True):\n"
            '        yield chunk["choices"][0]["delta"].get("content", "")\n',
            provider="acme",
            after="import openai\n\ndef stream(m):\n"
            '    for chunk in openai.ChatCompletion.create(model="gpt-4", messages=m, '
            "stream=True):\n"
            '        yield (chunk.choices[0].delta.content or "")\n',
        ),
        Example(
            'import openai\nv = openai.Embedding.create(input=["x"])["data"][0]["embedding"]\n',
            message="openai 1.0 returns objects, not dicts; write "
            "client.embeddings.create(...).data[0].embedding",
        ),
        Example(
            "import openai\nresp = {'choices': [{'text': 'x'}]}\nprint(resp['choices'][0])\n",
            finds=False,
            provider="acme",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()
        self.enabled = ctx.index.uses_legacy

    @functools.cached_property
    def loop_targets(self) -> dict[int, cst.BaseExpression]:
        """id(name bound by a `for` or a comprehension) -> what it iterates over."""
        found: dict[int, cst.BaseExpression] = {}

        class Loops(cst.CSTVisitor):
            def visit_For(self, node: cst.For) -> None:
                if isinstance(node.target, cst.Name):
                    found[id(node.target)] = node.iter

            def visit_CompFor(self, node: cst.CompFor) -> None:
                if isinstance(node.target, cst.Name):
                    found[id(node.target)] = node.iter

        self.ctx.module.visit(Loops())
        return found

    def _call(self, node: cst.BaseExpression, awaited: bool) -> tuple[str, str] | None:
        """(Resource, method) when `node` is an openai<1.0 call returning a response."""
        if not isinstance(node, cst.Call):
            return None
        legacy = self.ctx.legacy_resource(node.func)
        if legacy is None or v1_path(*legacy) is None:
            return None
        method = legacy[1]
        is_async = method in sdk.ASYNC_LEGACY_METHODS
        base = method[1:] if is_async else method
        return legacy if base in _RESPONSE_METHODS and is_async == awaited else None

    def _is_response(self, node: cst.BaseExpression, depth: int = 0) -> bool:
        if isinstance(node, cst.Await):
            return self._call(node.expression, awaited=True) is not None
        if isinstance(node, cst.Call):
            return self._call(node, awaited=False) is not None
        if isinstance(node, cst.Name) and depth < 4:
            return self._bound_to_responses(node, depth + 1)
        return False

    def _bound_to_responses(self, name: cst.Name, depth: int) -> bool:
        """Whether every binding of `name` visible here holds a response or a part of one
        (`choice = resp["choices"][0]`, `for chunk in stream`, `for item in resp["data"]`)."""
        bindings = self.ctx.bindings(name)
        for binding in bindings:
            if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
                return False
            key = id(binding.node)
            value = self.ctx.index.assigned.get(key)
            if value is None:
                value = self.loop_targets.get(key)  # an element of what the loop iterates
            if value is None or not (
                self._is_response(value, depth) or self._is_part(value, depth)
            ):
                return False
        return bool(bindings)

    def _is_part(self, node: cst.BaseExpression, depth: int) -> bool:
        """`resp["choices"][0]`, `resp.data`: accesses without defaults on a response."""
        base, steps = _chain(node)
        return (
            bool(steps) and all(s.default is None for s in steps) and self._is_response(base, depth)
        )

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._access(node)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        """`"k" in resp[...]`: on an object, `in` silently stops testing for a key."""
        for target in node.comparisons if self.enabled else ():
            if not isinstance(target.operator, (cst.In, cst.NotIn)):
                continue
            base, steps = _chain(target.comparator)
            if not self._is_response(base):
                continue
            for step in steps:
                self.done.add(id(step.node))  # rewritten, the test would turn False silently
            self.report(
                node,
                "openai 1.0 returns objects, not dicts, and `in` no longer finds their fields; "
                "compare the attribute with None instead",
                fix=FixClass.MANUAL,
            )

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "get":
            self._access(node)

    def _access(self, node: cst.BaseExpression) -> None:
        if not self.enabled or id(node) in self.done:
            return
        base, steps = _chain(node)
        if not any(s.kind != "keep" for s in steps) or not self._is_response(base):
            return
        for step in steps:
            self.done.add(id(step.node))
        self._rewrite(node, base, steps)

    def _rewrite(self, node: cst.BaseExpression, base: cst.BaseExpression, steps) -> None:
        ctx = self.ctx
        start, end = ctx.span(node).start, ctx.span(node).end  # every value starts at `start`
        expr = _BASE  # the new text, `_BASE` standing for the base's text
        plain = _BASE  # the same without defaults, for messages
        wrapped, editable, advice = False, True, ""
        pure = isinstance(base, cst.Name)  # whether evaluating `expr` twice is harmless
        for step in steps:
            if wrapped and step.kind != "keep":
                editable = False  # `(x.k or {})["j"]`: neither form works for both values
            if step.kind == "keep":
                step_end = end if step.node is node else start + len(ctx.code(step.node))
                access = ctx.text[start + len(ctx.code(step.value)) : step_end]
                expr, plain = expr + access, plain + access
                pure = pure and _pure_access(step)
            elif step.default is None or ctx.code(step.default) == "None":
                expr, plain = expr + f".{step.key}", plain + f".{step.key}"
            else:
                default, field = ctx.code(step.default), f"{plain}.{step.key}"
                advice = advice or f", using {default} when {field} is None"
                if default in _FALSY_LITERALS:
                    expr = f"({expr}.{step.key} or {default})"
                else:
                    expr = f"({expr}.{step.key} if {expr}.{step.key} is not None else {default})"
                    editable = editable and pure  # else the access would run twice
                plain, wrapped = field, True
        shown = self._shown_base(base)
        if editable:
            message = f"openai 1.0 returns objects, not dicts; write {expr.replace(_BASE, shown)}"
        else:
            message = f"openai 1.0 returns objects, not dicts; write {plain.replace(_BASE, shown)}"
            message += advice.replace(_BASE, shown)
        edit = None
        if editable:
            if not wrapped:  # only what follows the base: a call keeps its own edits
                edit = Edit(Span(start + len(ctx.code(base)), end), expr.removeprefix(_BASE))
            elif isinstance(base, cst.Name):
                edit = Edit(Span(start, end), expr.replace(_BASE, base.value))
        fix = FixClass.SAFE if edit else FixClass.MANUAL
        self.report(node, message, fix=fix, edit=edit if ctx.rules.provider else None)

    def _shown_base(self, base: cst.BaseExpression) -> str:
        call = base.expression if isinstance(base, cst.Await) else base
        if not isinstance(call, cst.Call):
            return self.ctx.code(base)
        legacy = self.ctx.legacy_resource(call.func)
        shown = f"{v1_call(*legacy)}(...)" if legacy else "client...(...)"
        return f"({shown})" if shown.startswith("await ") else shown


# openai<1.0 method -> (v1 module, class, method); `acreate` and friends patch the `Async`
# class's method. Checked against openai 1.x and 3.x (tests/test_legacy_rewrite.py).
MOCK_TARGETS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("ChatCompletion", "create"): ("openai.resources.chat.completions", "Completions", "create"),
    ("Completion", "create"): ("openai.resources.completions", "Completions", "create"),
    ("Embedding", "create"): ("openai.resources.embeddings", "Embeddings", "create"),
    ("Moderation", "create"): ("openai.resources.moderations", "Moderations", "create"),
    ("Image", "create"): ("openai.resources.images", "Images", "generate"),
    ("Image", "create_variation"): ("openai.resources.images", "Images", "create_variation"),
    ("Image", "create_edit"): ("openai.resources.images", "Images", "edit"),
    ("Audio", "transcribe"): ("openai.resources.audio.transcriptions", "Transcriptions", "create"),
    ("Audio", "translate"): ("openai.resources.audio.translations", "Translations", "create"),
}
_STRING_PATCHERS = frozenset({"patch", "setattr"})  # mock.patch("..."), monkeypatch.setattr("...")
_OBJECT_PATCHERS = frozenset({"object", "setattr"})  # patch.object(cls, "m"), setattr(cls, "m")


def mock_target(resource: str, method: str) -> tuple[str, str, str] | None:
    """(module, class, method) that replaces `openai.Resource.method` in a test double."""
    is_async = method in sdk.ASYNC_LEGACY_METHODS
    found = MOCK_TARGETS.get((resource, method[1:] if is_async else method))
    if found is None:
        return None
    module, cls, v1 = found
    return module, ("Async" + cls if is_async else cls), v1


class LegacyMock(PythonRule):
    """A test double of the openai<1.0 API (`mock.patch("openai.ChatCompletion.create")`).

    ## What it does
    Finds `mock.patch("openai.Resource.method", ...)` string targets (also `patch`,
    `mocker.patch` and `monkeypatch.setattr` with a string), and
    `mock.patch.object(openai.Resource, "method")` / `monkeypatch.setattr(openai.Resource,
    "method", fake)`, for `ChatCompletion`, `Completion`, `Embedding`, `Moderation`, `Image`
    and `Audio`.

    ## Why
    Migrated code calls `client.chat.completions.create`, a method of the v1 resource class;
    a double of `openai.ChatCompletion.create` no longer intercepts anything, so the tests
    reach the network (or fail on the missing key).

    ## Fix
    `apply` patches the v1 class instead: `"openai.resources.chat.completions.Completions.create"`,
    `openai.resources.embeddings.Embeddings`, `Images.generate` for `Image.create`, and the
    `Async...` class's method for `acreate` (the method name changes with it). Review doubles
    given as plain functions: set on the class, they now receive the resource (`self`) first.
    """

    code = "ML306"
    name = "legacy-mock"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            'from unittest import mock\n@mock.patch("openai.ChatCompletion.create")\n'
            "def test_reply(create):\n    pass\n",
            message='mock target "openai.ChatCompletion.create" was removed in openai 1.0; patch '
            '"openai.resources.chat.completions.Completions.create"',
            provider="openai",
            after='from unittest import mock\n@mock.patch("openai.resources.chat.completions.'
            'Completions.create")\ndef test_reply(create):\n    pass\n',
        ),
        Example(
            "import openai\nfrom unittest import mock\n\ndef test_areply():\n"
            '    with mock.patch.object(openai.ChatCompletion, "acreate", new=mock.AsyncMock()):\n'
            "        pass\n",
            provider="acme",
            after="import openai\nfrom unittest import mock\n\ndef test_areply():\n"
            "    with mock.patch.object(\n"
            "        openai.resources.chat.completions.AsyncCompletions,\n"
            '        "create",\n'
            "        new=mock.AsyncMock(),\n"
            "    ):\n"
            "        pass\n",
        ),
        Example(
            "import openai\n\ndef test_embed(monkeypatch):\n"
            '    monkeypatch.setattr(openai.Embedding, "create", lambda **kw: {"data": []})\n',
            message="openai.Embedding.create was removed in openai 1.0; patch "
            'openai.resources.embeddings.Embeddings, "create" (a plain function set on the '
            "class now receives the resource as self first)",
        ),
        Example(
            'from unittest import mock\n@mock.patch("openai.resources.embeddings.Embeddings.'
            'create")\ndef test_embed(create):\n    pass\n',
            finds=False,
            provider="acme",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)

    def visit_Call(self, node: cst.Call) -> None:
        patcher = last_name(node.func)
        if not node.args or node.args[0].keyword is not None:
            return
        if patcher in _STRING_PATCHERS and isinstance(node.args[0].value, cst.SimpleString):
            self._string_target(node, node.args[0].value)
        if patcher in _OBJECT_PATCHERS and len(node.args) >= 2:
            self._object_target(node)

    def _string_target(self, node: cst.Call, target: cst.SimpleString) -> None:
        value = string_value(target) or ""
        parts = value.split(".")
        if len(parts) != 3 or parts[0] != "openai" or parts[1] not in sdk.LEGACY_RESOURCES:
            return
        found = mock_target(parts[1], parts[2])
        if found is None:
            self.report(
                target,
                f'mock target "{value}" was removed in openai 1.0; patch the method of the v1 '
                "resource class under openai.resources instead",
                fix=FixClass.MANUAL,
            )
            return
        new = ".".join(found[:2]) + "." + found[2]
        text = requote(target, new)
        edit = Edit(self.ctx.span(target), text) if text else None
        message = f'mock target "{value}" was removed in openai 1.0; patch "{new}"'
        self._report(target, message, edit, node.args[1:])

    def _object_target(self, node: cst.Call) -> None:
        first, second = node.args[0].value, node.args[1].value
        legacy = self.ctx.legacy_resource(first)
        if legacy is None or legacy[1] or node.args[1].keyword is not None:
            return
        resource, method = legacy[0], string_value(second) or ""
        found = mock_target(resource, method)
        if found is None:
            self.report(
                first,
                f"openai.{resource}.{method or '...'} was removed in openai 1.0; patch the method "
                "of the v1 resource class under openai.resources instead",
                fix=FixClass.MANUAL,
            )
            return
        module, cls, v1 = found
        message = (
            f'openai.{resource}.{method} was removed in openai 1.0; patch {module}.{cls}, "{v1}"'
        )
        edit = None
        if isinstance(second, cst.SimpleString):
            imports: tuple[str, ...] = ()
            if isinstance(first, cst.Attribute):  # keep the module alias: `oa.ChatCompletion`
                path = self.ctx.code(first.value) + module.removeprefix("openai")
            else:  # from openai import ChatCompletion
                path, imports = module, ("import openai",)
            name = requote(second, v1)
            start, end = self.ctx.span(first).start, self.ctx.span(second)
            between = self.ctx.text[self.ctx.span(first).end : end.start]
            if name is not None:
                edit = Edit(Span(start, end.end), f"{path}.{cls}{between}{name}", imports)
        self._report(first, message, edit, node.args[2:])

    def _report(self, where, message: str, edit: Edit | None, rest) -> None:
        """Report; a double given as a plain function (not a Mock) is for review: set on the
        v1 class, it receives the resource instance (`self`) before the call's arguments."""
        fix = FixClass.SAFE if edit else FixClass.MANUAL
        edit = edit if self.ctx.rules.provider else None
        new = [a.value for a in rest if a.keyword is None or a.keyword.value in ("new", "value")]
        if new and not self._is_mock(new[0]):
            message += (
                " (a plain function set on the class now receives the resource as self first)"
            )
            fix = FixClass.REVIEW if fix is FixClass.SAFE else fix
        self.report(where, message, fix=fix, edit=edit)

    @staticmethod
    def _is_mock(node: cst.BaseExpression) -> bool:
        """`MagicMock()`, `mock.AsyncMock(...)`, `create_autospec(...)`: not a descriptor."""
        if not isinstance(node, cst.Call):
            return False
        name = last_name(node.func) or ""
        return name.endswith("Mock") or name == "create_autospec"


LEGACY_RESULT_RULES = (LegacyResponse, LegacyMock)
