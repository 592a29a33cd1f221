"""Attributes of openai<1.0 exceptions read in an `except` handler (`e.http_status`)."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import string_value

_V1_ERRORS = frozenset({*sdk.V1_ERROR_BASES, "OpenAIError"})
_REVIEW = frozenset({"headers", "http_body"})  # an httpx object where v0 had a dict or str


def _is_status_error(v1: str) -> bool:
    """Whether every instance of the v1 class carries a response (`APIStatusError`)."""
    name: str | None = v1
    while name is not None:
        if name == "APIStatusError":
            return True
        name = sdk.V1_ERROR_BASES.get(name)
    return False


class LegacyErrorAttribute(PythonRule):
    """An attribute of an openai<1.0 exception that openai>=1.0 exceptions lack.

    ## What it does
    In an `except` clause that catches only openai exceptions (`openai.error.X` or their v1
    names) as a name, finds that name's openai<1.0 attributes: `http_status`, `headers`,
    `http_body`, `json_body`, `user_message`, `_message`, `error`, `organization`.

    ## Why
    The handler runs exactly when something went wrong, and in openai>=1.0 these reads raise
    AttributeError there: a retry on `e.http_status == 429` or a log of `e.user_message`
    turns one failed request into a crash. v1 API errors carry the httpx `response`, a
    `status_code` and `body`, the inner `error` object of the JSON document.

    ## Fix
    Where every class caught is an API status error, `apply` writes `e.status_code` for
    `e.http_status` and `e.body` for `e.json_body["error"]` (safe), `e.response.headers` for
    `e.headers` and `e.response.text` for `e.http_body` (review: an httpx object where v0
    had a dict or a string). Where the clause also catches connection or base errors,
    `e.http_status` becomes `getattr(e, "status_code", None)`, None as v0's was for them.
    The others are left to you, with what v1 offers instead.
    """

    code = "ML307"
    name = "legacy-error-attribute"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            "import openai\ntry:\n    pass\nexcept openai.error.RateLimitError as e:\n"
            "    if e.http_status == 429:\n        pass\n",
            provider="acme",
            message="e.http_status does not exist on openai>=1.0 exceptions (AttributeError "
            "in this handler); the HTTP status is e.status_code",
            after="import openai\ntry:\n    pass\nexcept openai.error.RateLimitError as e:\n"
            "    if e.status_code == 429:\n        pass\n",
        ),
        Example(
            "import openai\ntry:\n    pass\n"
            "except (openai.APIConnectionError, openai.RateLimitError) as err:\n"
            "    print(err.http_status)\n",
            provider="acme",
            message="err.http_status does not exist on openai>=1.0 exceptions (AttributeError "
            "in this handler); the HTTP status is err.status_code, which connection and base "
            'errors lack: getattr(err, "status_code", None) is None for them, as http_status was',
            after="import openai\ntry:\n    pass\nexcept (openai.APIConnectionError, "
            'openai.RateLimitError) as err:\n    print(getattr(err, "status_code", None))\n',
        ),
        Example(
            "from openai.error import InvalidRequestError\ntry:\n    pass\n"
            "except InvalidRequestError as e:\n"
            '    reason = e.json_body["error"]["code"]\n',
            provider="acme",
            after="from openai.error import InvalidRequestError\ntry:\n    pass\n"
            "except InvalidRequestError as e:\n"
            '    reason = e.body["code"]\n',
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept openai.error.APIError as e:\n"
            "    log(e.user_message)\n",
            provider="acme",
            message="e.user_message does not exist on openai>=1.0 exceptions (AttributeError "
            "in this handler); v1's e.message is \"Error code: N - <body>\"; the API's own "
            'message is e.body.get("message") when e.body is a dict',
        ),
        Example(
            "import openai\ntry:\n    pass\nexcept ValueError as e:\n    print(e.http_status)\n",
            finds=False,
        ),
    )

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is None or not isinstance(node.name.name, cst.Name) or node.type is None:
            return
        caught = self._caught(node.type)
        if not caught:
            return
        reads = _Reads(node.name.name.value)
        node.body.visit(reads)
        status = all(map(_is_status_error, caught))
        for read in reads.found:
            if isinstance(read, cst.Subscript):
                self._body(read, reads.name, status)
            else:
                self._attribute(read, reads.name, status)

    def _caught(self, expr: cst.BaseExpression) -> list[str]:
        """The v1 classes an `except` clause catches; [] unless all are openai exceptions."""
        elements = (
            [e.value for e in expr.elements] if isinstance(expr, (cst.Tuple, cst.List)) else [expr]
        )
        caught: list[str] = []
        for element in elements:
            v1 = None
            for name in sorted(self.ctx.qualnames(element)):
                parts = name.split(".")
                if parts[:2] == ["openai", "error"] and len(parts) == 3:
                    old = parts[2]
                    v1 = sdk.LEGACY_ERRORS_CAUGHT.get(old) or sdk.LEGACY_ERRORS.get(old)
                elif len(parts) == 2 and parts[0] == "openai" and parts[1] in _V1_ERRORS:
                    v1 = parts[1]
            if v1 is None:
                return []
            caught.append(v1)
        return caught

    def _body(self, node: cst.Subscript, name: str, status: bool) -> None:
        """`e.json_body["error"]`, which is v1's `e.body` on an API status error."""
        if not status:
            self._attribute(cst.ensure_type(node.value, cst.Attribute), name, status)
            return
        self.report(
            node,
            f"{name}.json_body does not exist on openai>=1.0 exceptions (AttributeError in this "
            f'handler); {name}.json_body["error"] is {name}.body',
            edit=Edit(self.ctx.span(node), f"{name}.body"),
        )

    def _attribute(self, node: cst.Attribute, name: str, status: bool) -> None:
        attr = node.attr.value
        v1, advice = sdk.LEGACY_ERROR_ATTRIBUTES[attr]
        message = (
            f"{name}.{attr} does not exist on openai>=1.0 exceptions (AttributeError in this "
            f"handler); {advice.replace('{e}', name)}"
        )
        if v1 is None:
            self.report(node, message, fix=FixClass.MANUAL)
        elif status:
            fix = FixClass.REVIEW if attr in _REVIEW else FixClass.SAFE
            self.report(node, message, fix=fix, edit=Edit(self.ctx.span(node.attr), v1))
        elif attr == "http_status":
            fallback = f'getattr({name}, "{v1}", None)'
            self.report(
                node,
                f"{message}, which connection and base errors lack: {fallback} is None for "
                "them, as http_status was",
                edit=Edit(self.ctx.span(node), fallback),
            )
        else:
            self.report(
                node,
                f"{message} (on API status errors only: this clause also catches connection or "
                "base errors, which have no response)",
                fix=FixClass.MANUAL,
            )


class _Reads(cst.CSTVisitor):
    """`name.<v0 attribute>` in a handler body (and `name.json_body["error"]`), outside the
    clauses nested in it that bind the same name."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.found: list[cst.Attribute | cst.Subscript] = []

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> bool:
        return not (node.name is not None and _is_name(node.name.name, self.name))

    def visit_Subscript(self, node: cst.Subscript) -> bool:
        value = node.value
        if (
            isinstance(value, cst.Attribute)
            and value.attr.value == "json_body"
            and _is_name(value.value, self.name)
            and len(node.slice) == 1
            and isinstance(node.slice[0].slice, cst.Index)
            and string_value(node.slice[0].slice.value) == sdk.LEGACY_ERROR_BODY_KEY
        ):
            self.found.append(node)
            return False
        return True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in sdk.LEGACY_ERROR_ATTRIBUTES and _is_name(node.value, self.name):
            self.found.append(node)


def _is_name(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


LEGACY_ERROR_ATTRIBUTE_RULES = (LegacyErrorAttribute,)
