"""ML405: a check of a key against OpenAI's key format, which the provider's keys fail."""

from __future__ import annotations

import re

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import string_value
from migrate_llm.secrets import mask_secrets

_SUBJECT = "tests a key against OpenAI's key format"
_KEY_WORD = re.compile(r"key|token", re.IGNORECASE)


class OpenAIKeyFormat(PythonRule):
    """A check of a key against OpenAI's key format (`re.match(r"sk-[A-Za-z0-9]{48}$", key)`).

    ## What it does
    With `--provider`, finds a regular expression shaped like OpenAI's keys (`sk-` or
    `sk-proj-`, then a character class with a count or `+`) given to `re.match`,
    `re.fullmatch`, `re.search` or `re.compile` (a literal, literals joined with `+`, or a
    module constant; or looked up in a dict of patterns by variable name bound once in the
    module, `re.match(rules[kind], key)` or `pattern = rules[kind]` first, MindSearch's msdl
    installer: the entry named, or, by a value not shown, the first entry shaped like
    OpenAI's keys, one whose name says OpenAI first, t66c), and tests a made-up key of the
    provider's documented shape against it (the provider file's `key_example`; a compiled
    pattern is tested as `.match` uses it).
    Also a test of a key against OpenAI's key prefixes (`sk-`, `sk-proj-`):
    `key.startswith("sk-")` (Streamlit's LangChain quickstart), `key[:3] == "sk-"`, `"sk-"
    in key`, where the tested value is a prompt's answer or names a key or token (not
    Anthropic's, whose keys start with `sk-ant-`): the made-up key is tested the same way.

    ## Why
    Such a check turns the provider's key away before any request is made: a Zhipu key is
    `<id>.<secret>`, DeepSeek's `sk-` keys are shorter than OpenAI's. scan and check said
    nothing, and the migrated program could not run.

    ## Fix
    Manual: accept the provider's key format (or drop the check). A pattern the provider's
    keys match is not reported; where the provider file documents no key shape, the check is
    reported as one to verify (a comment in the provider file says its keys' shape is not
    documented). Without `--provider`, and with `--provider openai`, nothing is
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
        Example(
            "import re\n\n\ndef valid(key, kind):\n"
            '    rules = {"OPENAI_API_KEY": r"^sk-[A-Za-z0-9]+$", "OTHER": r"^[a-z]+$"}\n'
            "    return re.match(rules[kind], key)\n",
            provider="acme",
            message="tests a key against OpenAI's key format (entry 'OPENAI_API_KEY' of rules): "
            'Acme Cloud\'s keys ("acme-" + 32 characters) do not match it; accept the '
            "provider's key format",
        ),
        Example(
            'import streamlit as st\n\nkey = st.text_input("API key", type="password")\n'
            'if not key.startswith("sk-"):\n    st.stop()\n',
            provider="acme",
            message="tests a key against OpenAI's key format: Acme Cloud's keys "
            '("acme-" + 32 characters) do not start with "sk-"; accept the provider\'s key '
            "format",
        ),
        Example('if not api_key.startswith("sk-"):\n    pass\n', provider="deepseek", finds=False),
    )

    def visit_Call(self, node: cst.Call) -> None:
        provider = self.provider
        if provider is None or not self.ctx.rules.switching or not node.args:
            return
        if not self.ctx.mentions("sk-") or self._startswith(node):
            return
        arg = node.args[0]
        if arg.keyword is not None and arg.keyword.value != "pattern":
            return
        pattern, where = self._pattern(arg.value), ""
        if pattern is None:
            pattern, where = self._looked_up(arg.value) or (None, "")
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
                f"{_SUBJECT}{where}: {provider.name}'s key format is unknown to migrate-llm; "
                "make sure the check accepts the provider's keys",
                data=data,
            )
            return
        if getattr(compiled, how)(provider.key_example) is not None:
            return
        self.report(
            arg.value,
            f"{_SUBJECT}{where}: {provider.name}'s keys ({shape}) do not match it; accept the "
            "provider's key format",
            data={**data, "key_shape": shape},
        )

    def visit_Comparison(self, node: cst.Comparison) -> None:
        """`key[:3] == "sk-"`, `key[:3] != "sk-"`, `"sk-" in key`, `"sk-" not in key`."""
        if len(node.comparisons) != 1:
            return
        op, right = node.comparisons[0].operator, node.comparisons[0].comparator
        if isinstance(op, (cst.Equal, cst.NotEqual)):
            for text, other in ((node.left, right), (right, node.left)):
                prefix, key = string_value(text), _prefix_slice(other)
                if prefix is not None and key is not None:
                    self._prefix_test(text, (prefix,), key, "start with")
                    return
        elif isinstance(op, (cst.In, cst.NotIn)) and (prefix := string_value(node.left)):
            self._prefix_test(node.left, (prefix,), right, "contain")

    def _startswith(self, node: cst.Call) -> bool:
        """`key.startswith("sk-")` or `key.startswith(("sk-", "sk-proj-"))`: tested."""
        func = node.func
        if not isinstance(func, cst.Attribute) or func.attr.value != "startswith":
            return False
        arg = node.args[0]
        if arg.keyword is not None or arg.star:
            return False
        parts = (
            [e.value for e in arg.value.elements]
            if isinstance(arg.value, cst.Tuple)
            else [arg.value]
        )
        prefixes = [string_value(p) for p in parts]
        if not prefixes or None in prefixes:
            return False
        self._prefix_test(arg.value, tuple(p for p in prefixes if p), func.value, "start with")
        return True

    def _prefix_test(
        self,
        node: cst.BaseExpression,
        prefixes: tuple[str, ...],
        subject: cst.BaseExpression | None,
        how: str,
    ) -> None:
        """A test of `subject` against OpenAI's key prefixes (`sdk.OPENAI_KEY_PREFIXES`):
        reported where the provider's key (`key_example`) passes none of `prefixes`, or its
        shape is not documented. Only a key's: the subject is a prompt's answer or names a
        key or token, and no vendor whose keys also start with `sk-`."""
        provider = self.provider
        openai = [p for p in prefixes if p in sdk.OPENAI_KEY_PREFIXES]
        if provider is None or subject is None or not openai or not self.ctx.rules.switching:
            return
        code = self.ctx.code(subject)
        if sdk.OTHER_SK_KEY_WORDS.search(code):
            return
        if not _KEY_WORD.search(code) and env_names(self.ctx).is_prompt(subject) is None:
            return
        data: dict[str, object] = {"prefix": openai[0]}
        shape = provider.key_shape()
        example = provider.key_example
        if shape is None or example is None:
            self.report(
                node,
                f"{_SUBJECT} (it must {how} {_quoted(openai[0])}): {provider.name}'s key format "
                "is unknown to migrate-llm; make sure the check accepts the provider's keys",
                data=data,
            )
            return
        test = example.startswith if how == "start with" else example.__contains__
        if any(test(p) for p in prefixes):
            return
        self.report(
            node,
            f"{_SUBJECT}: {provider.name}'s keys ({shape}) do not {how} {_quoted(openai[0])}; "
            "accept the provider's key format",
            data={**data, "key_shape": shape},
        )

    def _looked_up(self, expr: cst.BaseExpression) -> tuple[str, str] | None:
        """A pattern looked up in a dict of the module (`re.match(rules[kind], key)`, `rules`
        bound once to a dict display or `dict(...)` of patterns by variable name, as
        MindSearch's msdl installer checks keys): the entry the subscript names, or, looked
        up by a value the module does not show, the first entry shaped like OpenAI's keys (one
        whose name says OpenAI first); also through a name bound once to such a lookup
        (`pattern = rules[kind]`); with ` (entry 'OPENAI_API_KEY' of rules)` for the message.
        None elsewhere."""
        if isinstance(expr, cst.Name):  # `pattern = rules[kind]`, then `re.match(pattern, ...)`
            bound = self.ctx.bound_value(expr)
            return self._looked_up(bound) if isinstance(bound, cst.Subscript) else None
        if not isinstance(expr, cst.Subscript) or len(expr.slice) != 1:
            return None
        index = expr.slice[0].slice
        if not isinstance(index, cst.Index) or not isinstance(expr.value, cst.Name):
            return None
        table = self.ctx.bound_value(expr.value)
        entries: list[tuple[str | None, cst.BaseExpression]] = []
        if isinstance(table, cst.Dict):
            entries = [
                (string_value(e.key), e.value)
                for e in table.elements
                if isinstance(e, cst.DictElement)
            ]
        elif isinstance(table, cst.Call) and self.ctx.code(table.func) == "dict":
            entries = [(a.keyword.value, a.value) for a in table.args if a.keyword is not None]
        wanted = string_value(index.value)
        entries.sort(key=lambda entry: "OPENAI" not in (entry[0] or "").upper())
        for key, value in entries:
            if key is None or (wanted is not None and key != wanted):
                continue
            pattern = self._pattern(value)
            if pattern is not None and sdk.KEY_FORMAT.search(pattern):
                return pattern, f" (entry {key!r} of {expr.value.value})"
        return None

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


def _prefix_slice(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """`key` of `key[:3]` (a slice from the start), else None."""
    if not isinstance(expr, cst.Subscript) or len(expr.slice) != 1:
        return None
    piece = expr.slice[0].slice
    if isinstance(piece, cst.Slice) and piece.lower is None and piece.step is None:
        return expr.value if isinstance(piece.upper, cst.Integer) else None
    return None


def _quoted(text: str) -> str:
    return '"' + text + '"'
