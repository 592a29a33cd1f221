"""ML405: a check of a key against OpenAI's key format, which the provider's keys fail."""

from __future__ import annotations

import re

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import string_value
from migrate_llm.secrets import mask_secrets

_SUBJECT = "tests a key against OpenAI's key format"


class OpenAIKeyFormat(PythonRule):
    """A check of a key against OpenAI's key format (`re.match(r"sk-[A-Za-z0-9]{48}$", key)`).

    ## What it does
    With `--provider`, finds a regular expression shaped like OpenAI's keys (`sk-` or
    `sk-proj-`, then a character class with a count or `+`) given to `re.match`,
    `re.fullmatch`, `re.search` or `re.compile` (a literal, literals joined with `+`, or a
    module constant), and tests a made-up key of the provider's documented shape against it
    (the provider file's `key_example`; a compiled pattern is tested as `.match` uses it).

    ## Why
    Such a check turns the provider's key away before any request is made: a Zhipu key is
    `<id>.<secret>`, DeepSeek's `sk-` keys are shorter than OpenAI's. scan and check said
    nothing, and the migrated program could not run.

    ## Fix
    Manual: accept the provider's key format (or drop the check). A pattern the provider's
    keys match is not reported; where the provider file documents no key shape, the check is
    reported as one to verify. Without `--provider`, and with `--provider openai`, nothing is
    reported. The made-up key is never shown, only its shape.
    """

    code = "ML405"
    name = "openai-key-format"
    silent_when_modernising = True
    category = "environment"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            'import re\n\n\ndef valid(key):\n    return re.match(r"sk-[A-Za-z0-9]{48}$", key)\n',
            provider="acme",
            message="tests a key against OpenAI's key format: Acme Cloud's keys "
            '("acme-" + 32 characters) do not match it; accept the provider\'s key format',
        ),
        Example(
            "import re\n\nKEY = re.compile(\n"
            '    r"^sk-[a-zA-Z0-9_-]{48}$|" + r"^sk-proj-[a-zA-Z0-9_-]{156}$"\n)\n',
            provider="acme",
            message="tests a key against OpenAI's key format: Acme Cloud's keys "
            '("acme-" + 32 characters) do not match it; accept the provider\'s key format',
        ),
        Example(
            'import re\n\nKEY = re.compile(r"^(sk-[A-Za-z0-9]{48}|acme-[0-9a-f]{32})$")\n',
            provider="acme",
            finds=False,
        ),
        Example('import re\n\nre.match(r"sk-[A-Za-z0-9]{48}$", key)\n', finds=False),
    )

    def visit_Call(self, node: cst.Call) -> None:
        provider = self.provider
        if provider is None or not self.ctx.rules.switching or not node.args:
            return
        arg = node.args[0]
        if arg.keyword is not None and arg.keyword.value != "pattern":
            return
        if not self.ctx.mentions("sk-"):
            return
        pattern = self._pattern(arg.value)
        if pattern is None or not sdk.KEY_FORMAT.search(pattern):
            return
        how = next(
            (
                sdk.KEY_TEST_FUNCTIONS[q]
                for q in self.ctx.qualnames(node.func)
                if q in sdk.KEY_TEST_FUNCTIONS
            ),
            None,
        )
        if how is None:
            return
        try:
            compiled = re.compile(pattern)
        except (re.error, RecursionError, OverflowError):
            return
        data = {"pattern": mask_secrets(pattern)}
        shape = provider.key_shape()
        if shape is None or provider.key_example is None:
            self.report(
                arg.value,
                f"{_SUBJECT}: {provider.name}'s key format is unknown to migrate-llm; make sure "
                "the check accepts the provider's keys",
                data=data,
            )
            return
        if getattr(compiled, how)(provider.key_example) is not None:
            return
        self.report(
            arg.value,
            f"{_SUBJECT}: {provider.name}'s keys ({shape}) do not match it; accept the "
            "provider's key format",
            data={**data, "key_shape": shape},
        )

    def _pattern(self, expr: cst.BaseExpression) -> str | None:
        """The text of a pattern written as a literal, literals joined with `+` (in
        parentheses or not), or a name bound once to such a literal."""
        text = string_value(expr)
        if text is not None:
            return text
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            left, right = self._pattern(expr.left), self._pattern(expr.right)
            return left + right if left is not None and right is not None else None
        if isinstance(expr, cst.Name):
            found = self.ctx.resolve_literal(expr)
            return found[1] if found is not None and found[2].startswith("constant") else None
        return None
