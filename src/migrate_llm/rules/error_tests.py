"""Tests of OpenAI's own error texts and codes where openai errors are handled (ML119)."""

from __future__ import annotations

import builtins
import re
from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Severity
from migrate_llm.provider_errors import ErrorReply, fragments, pieces, shown
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.compat import fact_unconfirmed
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, ends_in_exit, string_value

_V1_ERRORS = frozenset({*sdk.V1_ERROR_BASES, "OpenAIError"})
_BROAD = frozenset({"Exception", "BaseException"})
# methods of a text that keep what a test of it means; those that fold its case
_KEPT = frozenset({"strip", "lower", "casefold"})
_FOLDING = frozenset({"lower", "casefold"})
# what `e.<attribute>` holds: the whole text (`str(e)` is "Error code: N - ..."), a field
_ATTRIBUTES = {"message": "text", "code": "code", "type": "type", "body": "body"}
_BODY_KEYS = {"message": "message", "code": "code", "type": "type"}
# what holds fields rather than being tested itself: `e.body` (the reply's `error` object),
# `e.response.json()` (the whole reply, `{"error": {...}}`)
_HOLDERS = frozenset({"body", "document"})
# what a name bound to several of these (on different paths) is taken to hold, first first
_PREFERRED = ("code", "type", "message", "text", "body", "document")
_WORDS = re.compile(r"[\w']+")
# the key of `[errors.<name>]` a test reads
_FIELDS = {"text": "messages", "message": "messages", "code": "code", "type": "type"}
_HEAD = (
    "try:\n    pass\nexcept openai.BadRequestError as e:\n    if \"This model's maximum context "
    'length" in str(e):\n        pass\n'
)


@dataclass(frozen=True)
class _Test:
    """A test of a literal against what an exception holds: `field` is `text` (`str(e)`,
    `e.message`), `message` (the reply's message alone), `code` or `type`."""

    node: cst.CSTNode
    literal: str
    field: str
    folded: bool
    # the openai classes the code around it handles (None: also others)
    caught: frozenset[str] | None
    # whether it handles openai errors by name (else: `except Exception`)
    named: bool
    # whether it holds where the literal is there (`in`, `==`, `.startswith()`), not where it
    # is not (`not in`, `!=`)
    positive: bool = True


class OpenAIErrorTest(PythonRule):
    """A test of OpenAI's own error text or code, which the provider's errors may not pass.

    ## What it does
    In an `except` clause that catches openai exceptions (or `except Exception` where an
    `isinstance(e, openai.X)` test guards the code, also in a function given the exception),
    finds comparisons of a string with the exception's text or fields: `"..." in str(e)`
    (also `e.message`, `.lower()` of either, a name bound to one), `e.code == "..."`,
    `e.code in ("...", "...")`, `e.body["code"]`, `e.response.json()["error"]["code"]`,
    `e.type`, `.startswith()`; also `pytest.raises(openai.X, match="...")`. It reports those
    whose string is OpenAI's: a part of one of its error messages, a code or a type, from the
    table of OpenAI's errors (a prompt over the context window, an account out of credit, a
    rate limit, a wrong API key, a model that does not exist). Under `except Exception`
    without such a guard, or at `pytest.raises` of a class of the project's own, only a string
    that cannot mean anything else counts (three words of OpenAI's text, or its code).

    ## Why
    A provider answers the same situation in its own words, with its own code, and sometimes
    with another HTTP status: the test stops being true, and the branch it guards (close the
    conversation, wait and retry, tell the user to pay) never runs. The provider's file says
    what it answers where that is known (`[errors]`); a test its text still passes is not
    reported, nor is one beside a test it passes in the same `or`. A status that the SDK
    raises as another class than the one the clause catches (DeepSeek's 402 for an empty
    balance, not OpenAI's 429) means the handler never sees it.

    ## Fix
    Left to you: test for the provider's text or code as well, or for the HTTP status. The
    message quotes what the provider answers, or says that it is not known.
    """

    code = "ML119"
    name = "openai-error-test"
    category = "compatibility"
    severity = Severity.WARNING
    examples = (
        Example(
            "import openai\n" + _HEAD,
            provider="acme",
            message="\"This model's maximum context length\" in str(e) tests OpenAI's error "
            "text for a prompt over the model's context window; Acme Cloud says \"Prompt too "
            'long: … tokens, the model takes …" there, so this test stops recognising the '
            "error after the switch",
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept openai.BadRequestError as err:\n"
            '    if err.code == "context_length_exceeded":\n        pass\n',
            provider="acme",
            message='err.code == "context_length_exceeded" tests OpenAI\'s error code for a '
            "prompt over the model's context window; Acme Cloud's code there is "
            '"prompt_too_long" (its message: "Prompt too long: … tokens, the model takes …"), '
            "so this test stops recognising the error after the switch",
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept openai.APIStatusError as err:\n"
            '    code = err.response.json()["error"]["code"]\n'
            '    if code in ("request_too_large", "context_length_exceeded"):\n        pass\n',
            provider="acme",
            message='code in ("request_too_large", "context_length_exceeded") tests OpenAI\'s '
            "error code for a prompt over the model's context window; Acme Cloud's code there "
            'is "prompt_too_long" (its message: "Prompt too long: … tokens, the model takes …"), '
            "so this test stops recognising the error after the switch",
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept Exception as e:\n"
            '    if isinstance(e, openai.RateLimitError) and "quota" in str(e):\n'
            "        pass\n",
            provider="acme",
            message='"quota" in str(e) tests OpenAI\'s error text for an account out of credit, '
            "in a handler of openai.RateLimitError; Acme Cloud answers it with HTTP 402, which "
            "the SDK raises as openai.APIStatusError: this handler never sees it after the "
            "switch (unconfirmed: one forum post)",
        ),
        Example(
            "from openai import RateLimitError\ntry:\n    pass\nexcept RateLimitError as e:\n"
            '    message = str(e).lower()\n    if "rate limit reached" in message:\n'
            "        pass\n",
            provider="acme",
            message='"rate limit reached" in message tests OpenAI\'s error text for a request '
            "over the rate limit; what Acme Cloud answers there is not known "
            "(providers/acme.toml has no [errors] rate_limit), so this test may stop "
            "recognising the error after the switch: check the provider's error reference",
        ),
        Example("import openai\n" + _HEAD, provider="deepseek", finds=False),
        Example(  # t67b: the provider's text tested in the same `or`, as the message says
            "import openai\ntry:\n    pass\nexcept openai.BadRequestError as e:\n"
            '    if "maximum context length" in str(e) or "Prompt too long" in str(e):\n'
            "        pass\n",
            provider="acme",
            finds=False,
        ),
        Example(
            'try:\n    pass\nexcept ValueError as e:\n    if "quota" in str(e):\n        pass\n',
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.judged: set[tuple[int, str, str]] = set()

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if not self.ctx.rules.switching or node.type is None or node.name is None:
            return
        if not isinstance(node.name.name, cst.Name):
            return
        caught, named = self._caught(node.type)
        if not named and (caught is not None or not self.ctx.index.imports_openai):
            return
        self._walk(node.body, node.name.name.value, caught, named)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """A function given the exception: a parameter annotated with openai classes, or one
        the body tests with `isinstance(param, openai.X)` (`def is_overflow(exc)`)."""
        if not self.ctx.rules.switching:
            return
        params = node.params
        tested: set[str] | None = None
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            name = param.name.value
            annotation = param.annotation
            found = self.openai_classes(annotation.annotation) if annotation else None
            if found:
                self._walk(node.body, name, found, True)
            elif self.ctx.index.imports_openai and self.ctx.mentions("isinstance"):
                if tested is None:
                    tested = _tested_names(self, node.body)
                if name in tested:
                    self._walk(node.body, name, None, False)

    def visit_Call(self, node: cst.Call) -> None:
        """`pytest.raises(openai.X, match="...")`: the pattern is searched in `str(e)`. With
        another class, a project's own that wraps the API's error, only in a module that
        names openai (an `OpenAIClient` of its own counts)."""
        func = node.func
        if not isinstance(func, (cst.Attribute, cst.Name)) or not self.ctx.rules.switching:
            return
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value
        if name != "raises" or not node.args or "pytest.raises" not in self.ctx.qualnames(func):
            return
        match = next((a.value for a in node.args if a.keyword and a.keyword.value == "match"), None)
        literal = _regex_text(string_value(match) or "") if match is not None else None
        if not literal or node.args[0].keyword is not None:
            return
        expected = node.args[0].value
        caught = self.openai_classes(expected)
        names_openai = (
            self.ctx.index.imports_openai
            or self.ctx.mentions("openai")
            or self.ctx.mentions("OpenAI")
        )
        if caught is None and (_builtin_class(expected) or not names_openai):
            return
        key = (id(node), literal, "text")
        if key not in self.judged:
            self.judged.add(key)
            self._judge(_Test(node, literal, "text", False, caught, caught is not None))

    def _walk(
        self, body: cst.BaseSuite, name: str, caught: frozenset[str] | None, named: bool
    ) -> None:
        tests = _Tests(self, name, caught, named)
        tests.aliases = _aliases(body, name)
        body.visit(tests)
        for test in tests.found:
            key = (id(test.node), test.literal, test.field)
            if key not in self.judged:
                self.judged.add(key)
                root = _or_root(self.ctx, test.node)
                # a side passing the provider's reply saves the test only where it holds for
                # the literal being there (r3 e2: `... or "Prompt exceeds" not in str(e)`)
                besides = [
                    o
                    for o in tests.found
                    if o is not test
                    and _or_root(self.ctx, o.node) is root
                    and o.positive
                    and not _negated(self.ctx, o.node, root)
                ]
                self._judge(test, besides if root is not None else [])

    def openai_classes(self, expr: cst.BaseExpression) -> frozenset[str] | None:
        """The v1 classes a caught type names, when all are openai exceptions (v0 names as
        their v1 classes); None otherwise."""
        elements = (
            [e.value for e in expr.elements] if isinstance(expr, (cst.Tuple, cst.List)) else [expr]
        )
        found = set()
        for element in elements:
            v1 = None
            for name in self.ctx.qualnames(element):
                module, _, cls = name.rpartition(".")
                if module == "openai.error":
                    v1 = sdk.LEGACY_ERRORS_CAUGHT.get(cls) or sdk.LEGACY_ERRORS.get(cls)
                elif module in sdk.V1_ERROR_MODULES and cls in _V1_ERRORS:
                    v1 = cls
            if v1 is None:
                return None
            found.add(v1)
        return frozenset(found)

    def _caught(self, expr: cst.BaseExpression) -> tuple[frozenset[str] | None, bool]:
        """(the openai classes an `except` clause catches, None when it catches others too;
        whether it names any)."""
        if (found := self.openai_classes(expr)) is not None:
            return found, True
        elements = (
            [e.value for e in expr.elements] if isinstance(expr, (cst.Tuple, cst.List)) else [expr]
        )
        named = any(self.openai_classes(e) for e in elements)
        broad = any(isinstance(e, cst.Name) and e.value in _BROAD for e in elements)
        return (None, named) if named or broad else (frozenset(), False)

    def _judge(self, test: _Test, besides: Sequence[_Test] = ()) -> None:
        """Report `test` where the provider's reply fails it, unless a test `besides` it in
        the same `or` passes that reply (the provider's text added as the message says)."""
        found = _error_of(test)
        provider = self.provider
        if found is None or provider is None:
            return
        name, kind = found
        reply = provider.errors.get(name)
        if any(_passes(other, reply) for other in besides):
            return
        what = {"code": "code", "type": "type"}.get(test.field, "text")
        subject = f"{self.snippet(test.node)} tests OpenAI's error {what} for {kind.meaning}"
        unconfirmed = fact_unconfirmed(provider, f"errors.{name}")
        data: dict[str, object] = {"error": name, "tested": test.literal, "field": test.field}
        if reply is not None:
            data.update(reply.to_json())
        lost = _lost_status(test, kind, reply)
        if lost is not None:
            status, raised = lost
            caught = " / ".join(f"openai.{c}" for c in sorted(test.caught or ()))
            self.report(
                test.node,
                f"{subject}, in a handler of {caught}; {provider.name} answers it with HTTP "
                f"{status}, which the SDK raises as openai.{raised}: this handler never sees it "
                f"after the switch{unconfirmed}",
                data=data,
            )
            return
        passes = _passes(test, reply)
        if passes:
            return
        if passes is None:
            source = "/".join(provider.source.split("/")[-2:]) or f"{provider.id}.toml"
            why = (
                f"{source} has no [errors] {name}"
                if reply is None
                else f"{source} gives no {_FIELDS[test.field]} for [errors] {name}"
            )
            self.report(
                test.node,
                f"{subject}; what {provider.name} answers there is not known ({why}), so this "
                "test may stop recognising the error after the switch: check the provider's "
                "error reference",
                data=data,
            )
            return
        self.report(
            test.node,
            f"{subject}; {_answer(provider, test.field, reply)}{unconfirmed}, so this test stops "
            "recognising the error after the switch",
            data=data,
        )


class _Tests(cst.CSTVisitor):
    """The tests of `name` (the exception an `except` clause binds) in the clause's body,
    each with the classes the code around it handles: an `isinstance(name, ...)` test guards
    the body of its `if` and what follows it in an `and`."""

    def __init__(
        self, rule: OpenAIErrorTest, name: str, caught: frozenset[str] | None, named: bool
    ) -> None:
        super().__init__()
        self.rule = rule
        self.name = name
        # innermost last: (classes, whether openai errors are handled by name); classes
        # frozenset() where an `isinstance` names others
        self.guards: list[tuple[frozenset[str] | None, bool]] = [(caught, named)]
        self.aliases: dict[str, cst.BaseExpression] = {}
        self.found: list[_Test] = []

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> bool:
        inner = node.name.name if node.name is not None else None
        return not (isinstance(inner, cst.Name) and inner.value == self.name)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> bool:
        """Statements past `if not isinstance(name, openai.X): return` are guarded by it."""
        pushed = 0
        for statement in node.body:
            statement.visit(self)
            guard = self._exit_guard(statement)
            if guard is not None:
                self.guards.append((guard, True) if guard else (frozenset(), False))
                pushed += 1
        del self.guards[len(self.guards) - pushed :]
        return False

    def _exit_guard(self, statement: cst.BaseStatement) -> frozenset[str] | None:
        if not isinstance(statement, cst.If) or statement.orelse is not None:
            return None
        test = statement.test
        if not isinstance(test, cst.UnaryOperation) or not isinstance(test.operator, cst.Not):
            return None
        return self._guard(test.expression) if ends_in_exit(statement.body) else None

    def visit_If(self, node: cst.If) -> bool:
        node.test.visit(self)
        self._guarded(self._guard(node.test), node.body)
        if node.orelse is not None:
            node.orelse.visit(self)
        return False

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> bool:
        if not isinstance(node.operator, cst.And):
            return True
        node.left.visit(self)
        self._guarded(self._guard(node.left), node.right)
        return False

    def _guarded(self, guard: frozenset[str] | None, node: cst.CSTNode) -> None:
        if guard is not None:
            self.guards.append((guard, True) if guard else (frozenset(), False))
        node.visit(self)
        if guard is not None:
            self.guards.pop()

    def _guard(self, test: cst.BaseExpression) -> frozenset[str] | None:
        """The openai classes an `isinstance(name, ...)` in an `and` chain names (frozenset()
        for other classes); None without one."""
        parts: list[cst.BaseExpression] = [test]
        while parts:
            part = parts.pop()
            if isinstance(part, cst.BooleanOperation) and isinstance(part.operator, cst.And):
                parts += [part.left, part.right]
            elif (
                isinstance(part, cst.Call)
                and isinstance(part.func, cst.Name)
                and part.func.value == "isinstance"
                and len(part.args) == 2
                and _is_name(part.args[0].value, self.name)
            ):
                return self.rule.openai_classes(part.args[1].value) or frozenset()
        return None

    def visit_Comparison(self, node: cst.Comparison) -> None:
        left = node.left
        for target in node.comparisons:
            right, op = target.comparator, target.operator
            positive = isinstance(op, (cst.In, cst.Equal))
            if isinstance(op, (cst.In, cst.NotIn)):
                self._add(node, left, right, exact=False, positive=positive)
                if isinstance(right, (cst.Tuple, cst.List, cst.Set)):
                    for element in right.elements:
                        self._add(node, element.value, left, exact=True, positive=positive)
            elif isinstance(op, (cst.Equal, cst.NotEqual)):
                self._add(node, left, right, exact=True, positive=positive)
                self._add(node, right, left, exact=True, positive=positive)
            left = right

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in ("startswith", "endswith")
            and len(node.args) == 1
        ):
            self._add(node, node.args[0].value, func.value, exact=False)

    def _add(
        self,
        node: cst.CSTNode,
        literal: cst.BaseExpression,
        held: cst.BaseExpression,
        exact: bool,
        positive: bool = True,
    ) -> None:
        value = string_value(literal)
        if not value or not value.strip():
            return
        access = _access(held, self.name, self.aliases)
        if access is None or access[0] in _HOLDERS:
            return
        field, folded = access
        if exact and field in ("text", "message"):
            return  # the whole text is never one of OpenAI's fixed words
        caught, named = self.guards[-1]
        if caught is not None and not caught and not named:
            return  # guarded by an isinstance of other classes
        self.found.append(_Test(node, value, field, folded, caught, named, positive))


def _negated(ctx: PythonContext, node: cst.CSTNode, root: cst.CSTNode | None) -> bool:
    """Whether a `not` stands between `node` and the `or` it is a side of (`root`)."""
    for parent in reversed(ctx.ancestors(node)):
        if parent is root:
            return False
        if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
            return True
    return False


def _or_root(ctx: PythonContext, node: cst.CSTNode) -> cst.BooleanOperation | None:
    """The outermost `or` that `node` is a side of, through `or`s alone; None outside one."""
    root = None
    for parent in reversed(ctx.ancestors(node)):
        if not (isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.Or)):
            break
        root = parent
    return root


def _regex_text(pattern: str) -> str | None:
    """The longest run of plain text a regular expression must match (`\\.` read as `.`);
    None for one with alternatives, groups or classes, which may match another text."""
    runs, run, index = [], "", 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern) and not pattern[index + 1].isalnum():
            run += pattern[index + 1]
            index += 2
            continue
        if char in "|()[]":
            return None
        if char in "\\.^$*+?{}":
            if char in "*?{" and run:
                run = run[:-1]  # the character before a quantifier may be left out
            runs.append(run)
            run = ""
        else:
            run += char
        index += 1
    runs.append(run)
    longest = max(runs, key=len).strip()
    return longest or None


def _builtin_class(expr: cst.BaseExpression) -> bool:
    """A built-in exception (`ValueError`), never one the API's error is wrapped in."""
    if not isinstance(expr, cst.Name):
        return False
    found = getattr(builtins, expr.value, None)
    return isinstance(found, type) and issubclass(found, BaseException)


def _tested_names(rule: OpenAIErrorTest, body: cst.BaseSuite) -> set[str]:
    """The names `body` tests with `isinstance(name, <openai exception>)`."""
    names: set[str] = set()

    class _Finder(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            if (
                isinstance(node.func, cst.Name)
                and node.func.value == "isinstance"
                and len(node.args) == 2
                and isinstance(node.args[0].value, cst.Name)
                and rule.openai_classes(node.args[1].value)
            ):
                names.add(node.args[0].value.value)

    body.visit(_Finder())
    return names


def _is_name(node: cst.CSTNode, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _aliases(block: cst.BaseSuite, name: str) -> dict[str, cst.BaseExpression]:
    """Names the block binds to what the exception holds: `msg = str(e).lower()`; a name bound
    on several paths, one of them such a value, counts as holding it."""
    bound: dict[str, list[cst.BaseExpression]] = {}

    class _Binds(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    bound.setdefault(target.target.value, []).append(node.value)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            if isinstance(node.target, cst.Name):
                bound.setdefault(node.target.value, []).append(node.value)

    block.visit(_Binds())
    aliases: dict[str, cst.BaseExpression] = {}
    for alias, values in bound.items():
        held = [
            (_PREFERRED.index(access[0]), index, value)
            for index, value in enumerate(values)
            if (access := _access(value, name, {})) is not None
        ]
        if alias != name and held:
            # bound on several paths (the code of a JSON reply, else its raw text): a string
            # compared with it tests the field it holds on one of them, `_PREFERRED` first
            aliases[alias] = min(held)[2]
    return aliases


def _access(
    expr: cst.BaseExpression, name: str, aliases: dict[str, cst.BaseExpression], depth: int = 0
) -> tuple[str, bool] | None:
    """(what of exception `name` an expression holds: `text`, `message`, `code`, `type`,
    `body` or `document` (`name.response.json()`); whether its case is folded), or None."""
    if depth > 3:
        return None
    if isinstance(expr, cst.Name):
        alias = aliases.get(expr.value)
        return _access(alias, name, aliases, depth + 1) if alias is not None else None
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in _KEPT and not expr.args:
            inner = _access(func.value, name, aliases, depth + 1)
            if inner is None or inner[0] in _HOLDERS:
                return None
            return inner[0], inner[1] or func.attr.value in _FOLDING
        if isinstance(func, cst.Name) and func.value in ("str", "repr") and len(expr.args) == 1:
            arg = expr.args[0].value
            if _is_name(arg, name):
                return "text", False
            inner = _access(arg, name, aliases, depth + 1)
            return ("text", False) if inner is not None and inner[0] in _HOLDERS else inner
        if isinstance(func, cst.Name) and func.value == "getattr" and len(expr.args) >= 2:
            field = _ATTRIBUTES.get(string_value(expr.args[1].value) or "")
            return (field, False) if field and _is_name(expr.args[0].value, name) else None
        if isinstance(func, cst.Attribute) and func.attr.value == "get" and expr.args:
            return _keyed(func.value, string_value(expr.args[0].value), name, aliases, depth)
        if isinstance(func, cst.Attribute) and func.attr.value == "json" and not expr.args:
            return ("document", False) if _is_response(func.value, name) else None
        return None
    if isinstance(expr, cst.Attribute):
        if expr.attr.value == "text" and _is_response(expr.value, name):
            return "text", False  # the raw reply: its message, code and type
        field = _ATTRIBUTES.get(expr.attr.value)
        return (field, False) if field and _is_name(expr.value, name) else None
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        if not isinstance(index, cst.Index):
            return None
        value = expr.value
        if (
            isinstance(value, cst.Attribute)
            and value.attr.value == "args"
            and _is_name(value.value, name)
        ):
            return "text", False  # e.args[0]
        return _keyed(value, string_value(index.value), name, aliases, depth)
    return None


def _keyed(
    holder: cst.BaseExpression,
    key: str | None,
    name: str,
    aliases: dict[str, cst.BaseExpression],
    depth: int,
) -> tuple[str, bool] | None:
    """What `holder[key]` (or `holder.get(key)`) holds: a field of the reply's `error`
    object, or that object in the whole reply."""
    held = _access(holder, name, aliases, depth + 1)
    if held is None or key is None:
        return None
    if held[0] == "document":
        return ("body", False) if key == "error" else None
    field = _BODY_KEYS.get(key)
    return (field, False) if field and held[0] == "body" else None


def _is_response(expr: cst.BaseExpression, name: str) -> bool:
    """`name.response`: the HTTP response an APIStatusError carries."""
    return (
        isinstance(expr, cst.Attribute)
        and expr.attr.value == "response"
        and _is_name(expr.value, name)
    )


def _error_of(test: _Test) -> tuple[str, sdk.ErrorKind] | None:
    """The OpenAI error whose text or code the test's string is, if it is one clearly
    enough for the code around it."""
    literal = test.literal.casefold() if test.folded else test.literal
    for name, kind in sdk.OPENAI_ERRORS.items():
        codes = kind.codes if test.field in ("code", "text") else ()
        types = kind.types if test.field in ("type", "text") else ()
        if any(_same(literal, word, test.folded) for word in (*codes, *types)):
            return name, kind
        if test.field not in ("text", "message"):
            continue
        for message in kind.messages:
            words = _WORDS.findall(_fixed_part(literal, message, test.folded))
            if len(words) >= 3 or (
                test.named
                and (len(words) == 2 or (len(words) == 1 and words[0].casefold() in kind.words))
            ):
                return name, kind
    return None


def _fixed_part(literal: str, message: str, folded: bool) -> str:
    """The fixed text of `message` that `literal` holds, where a text of that message can
    hold `literal`: all of it, inside one fixed part (as whole words); the part before what
    varies where it runs on into that (`"Incorrect API key provided: sk-inc"`), or the part
    after where it starts there. '' when none."""
    parts = [part.casefold() if folded else part for part in pieces(message)]
    found = ""
    for index, text in enumerate(parts):
        if _bounded(literal, text):
            return literal
        for cut in range(1, len(literal)):
            head, tail = literal[:cut], literal[cut:]
            start, end = len(text) - len(head), len(tail)
            if (
                index < len(parts) - 1
                and text.endswith(head)
                and (start == 0 or not text[start - 1].isalnum())
                and len(head) > len(found)
            ):
                found = head
            if (
                index > 0
                and text.startswith(tail)
                and (end == len(text) or not text[end].isalnum())
                and len(tail) > len(found)
            ):
                found = tail
    return found


def _same(literal: str, word: str, folded: bool) -> bool:
    return literal == (word.casefold() if folded else word)


def _bounded(literal: str, text: str) -> bool:
    """Whether `literal` is in `text` as whole words."""
    start = text.find(literal)
    while start >= 0:
        end = start + len(literal)
        if (start == 0 or not text[start - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        start = text.find(literal, start + 1)
    return False


def _catches(caught: frozenset[str], cls: str) -> bool:
    name: str | None = cls
    while name is not None:
        if name in caught:
            return True
        name = sdk.V1_ERROR_BASES.get(name)
    return False


def _lost_status(
    test: _Test, kind: sdk.ErrorKind, reply: ErrorReply | None
) -> tuple[int, str] | None:
    """(the provider's status, the class the SDK raises for it) where the code around the
    test catches OpenAI's class for the error but not that one."""
    if not test.caught or reply is None or reply.status is None:
        return None
    raised = sdk.status_error(reply.status)
    if _catches(test.caught, sdk.status_error(kind.status)) and not _catches(test.caught, raised):
        return reply.status, raised
    return None


def _passes(test: _Test, reply: ErrorReply | None) -> bool | None:
    """Whether the provider's reply passes the test as OpenAI's did; None: not known."""
    if reply is None:
        return None
    literal = test.literal.casefold() if test.folded else test.literal
    if test.field in ("code", "type"):
        value = reply.code if test.field == "code" else reply.type
        if value is None:
            return None
        return isinstance(value, str) and literal in (value.casefold() if test.folded else value)
    texts = [v for v in (reply.code, reply.type) if isinstance(v, str)]
    if test.field == "text" and any(  # earlier openai releases put the whole body in str(e)
        literal in (text.casefold() if test.folded else text) for text in texts
    ):
        return True
    if any(_holds(literal, message, test.folded) for message in reply.messages or ()):
        return True
    return False if reply.messages is not None else None


def _holds(literal: str, message: str, folded: bool) -> bool:
    """Whether some text of `message` holds `literal` (a part of it, or running on into
    what varies)."""
    if any(literal in (p.casefold() if folded else p) for p in fragments(message)):
        return True
    fixed = _fixed_part(literal, message, folded)
    return bool(fixed.strip()) and len(_WORDS.findall(fixed)) >= 1


def _answer(provider: Provider, field: str, reply: ErrorReply) -> str:
    """What the provider answers, in the test's terms."""
    said = " or ".join(f'"{shown(m)}"' for m in reply.messages or ())
    if field in ("text", "message"):
        return f"{provider.name} says {said} there"
    value = reply.code if field == "code" else reply.type
    hint = f" (its message: {said})" if said else ""
    if value is False:
        return f"{provider.name}'s reply there has no {field}{hint}"
    return f'{provider.name}\'s {field} there is "{value}"{hint}'


OPENAI_ERROR_TEST_RULES = (OpenAIErrorTest,)
