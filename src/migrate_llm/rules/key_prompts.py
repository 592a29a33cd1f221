"""The text of a prompt at which a person types the key a call sends to the provider (ML001,
ML601, ML611, ML640, ML680) or that is stored in the provider's variable (ML404): reworded by
`apply` where it names OpenAI's key in a known way, else left to a person."""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.edits import apply_edits
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.models import article
from migrate_llm.rules.python import PythonRule, snippet
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.rewrite import string_like

# "OpenAI key", "OpenAI API key", "Open AI api key": the provider's name takes OpenAI's
_OPENAI_KEY = re.compile(r"\bopen ?ai(?=\s+(?:api\s+)?key\b)", re.IGNORECASE)
_OPENAI_VARIABLE = re.compile(r"\bOPENAI_API_KEY\b")
_KEY_WORD = re.compile(r"key|token", re.IGNORECASE)


@dataclass(frozen=True)
class PromptWording:
    """A prompt's text that names OpenAI at `node`, as messages show it (`shown`), and the
    literal `apply` writes in its place (None: left to a person)."""

    node: cst.BaseExpression
    shown: str
    new: str | None

    def edit(self, ctx: PythonContext) -> Edit | None:
        return Edit(ctx.span(self.node), self.new) if self.new is not None else None

    def written_in(self, ctx: PythonContext, node: cst.CSTNode) -> str | None:
        """The code of `node` with this text reworded, where `apply` rewords it and it is
        written in `node` (the key an edit keeps: that edit then writes the new text); else
        None."""
        edit = self.edit(ctx)
        whole = ctx.span(node)
        if edit is None or not (whole.start <= edit.span.start and edit.span.end <= whole.end):
            return None
        local = Edit(Span(edit.span.start - whole.start, edit.span.end - whole.start), edit.text)
        return apply_edits(ctx.code(node), [local])[0]


def reworded(text: str, provider: Provider) -> str | None:
    """`text` asking for the provider's key where it names OpenAI's only as `OpenAI key`,
    `OpenAI API key` (any case) or `OPENAI_API_KEY`; None where OpenAI is named otherwise
    (`platform.openai.com`)."""
    new = _OPENAI_VARIABLE.sub(provider.api_key_env, text)
    new = _OPENAI_KEY.sub(provider.name, new)
    return None if "openai" in new.lower() else new


def prompt_wording(ctx: PythonContext, prompt: cst.Call) -> PromptWording | None:
    """The text of `prompt` (`input(...)`, `getpass.getpass(...)`, prompt_toolkit's
    `prompt(...)`; of its builder where a builder's method asks, `questionary.password(
    "...").ask()`: `sdk.PROMPT_BUILDERS`) where it names OpenAI, or None. Only a string
    literal written in the call is reworded: a constant, an f-string or a concatenation is
    left to a person."""
    provider = ctx.rules.provider
    node = prompt_text(ctx, prompt)
    if provider is None or node is None:
        return None
    text = string_value(node) if isinstance(node, cst.SimpleString) else None
    if text is not None:
        new = reworded(text, provider)
        shown = repr(text.strip())
    else:
        resolved = ctx.resolve_literal(node) if isinstance(node, cst.Name) else None
        text = resolved[1] if resolved is not None else ctx.code(node)
        new, shown = None, f"`{snippet(ctx, node)}`"
    if "openai" not in text.lower():
        return None
    return PromptWording(node, shown, string_like(node, new) if new is not None else None)


def prompt_text(ctx: PythonContext, prompt: cst.Call) -> cst.BaseExpression | None:
    """The expression giving `prompt`'s text: its own, else its builder's."""
    node = _text_argument(prompt)
    if node is None and (builder := env_names(ctx).prompt_builder(prompt)) is not None:
        node = _text_argument(builder)
    return node


def asks_for_key(ctx: PythonContext, prompt: cst.Call) -> bool:
    """Whether the text of `prompt` asks for a key: says "key" or "token" (a literal, a
    constant bound to one, or the code of an f-string or other expression)."""
    node = prompt_text(ctx, prompt)
    if node is None:
        return False
    resolved = ctx.resolve_literal(node)
    return _KEY_WORD.search(resolved[1] if resolved else ctx.code(node)) is not None


def _text_argument(prompt: cst.Call) -> cst.BaseExpression | None:
    for arg in prompt.args:
        if arg.keyword is None and not arg.star:
            return arg.value
        if arg.keyword is not None and arg.keyword.value in sdk.PROMPT_TEXT_KEYWORDS:
            return arg.value
    return None


def report_prompt(rule: PythonRule, wording: PromptWording, editable: bool = True) -> None:
    """Report a prompt naming OpenAI whose answer goes to the provider as its key: reworded
    (review; `editable`: unless the caller's own edit holds it and cannot write the new text),
    else left to a person (manual, so `check` fails until it no longer names OpenAI). Once
    for each prompt."""
    provider = rule.provider
    assert provider is not None
    said: set[int] = vars(rule).setdefault("_prompts_said", set())
    if id(wording.node) in said:  # a prompt whose answer two calls take: said once
        return
    said.add(id(wording.node))
    head = (
        f"the prompt {wording.shown} asks for an OpenAI key, and the key typed there "
        f"goes to {provider.name}"
    )
    edit = wording.edit(rule.ctx) if editable else None
    if edit is None:
        rule.report(
            wording.node,
            f"{head}: make it ask for {article(provider.name)} {provider.name} key, by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
        )
        return
    rule.report(
        wording.node,
        f"{head}; apply writes {edit.text}",
        severity=Severity.WARNING,
        fix=FixClass.REVIEW,
        edit=edit,
    )
