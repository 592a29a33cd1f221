"""A config file held in a Python string: a YAML template the program writes or reads
(MetaGPT's `DEFAULT_CONFIG`, which `metagpt --init-config` writes to the user's config file)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from migrate_llm.model import Span
from migrate_llm.openai_sdk import CONFIG_MODEL_KEYS
from migrate_llm.rules.python_context import PythonContext

# a line of the text setting a model (`  model: "gpt-4-turbo"`), before the text is parsed
_MODEL_LINE = re.compile(r"""(?im)^[ \t]*["']?model[_-]?(?:name|id)?["']?[ \t]*:""")


@dataclass(frozen=True)
class TextModel:
    """A model value of a config text: where it stands in the module (the whole string where
    the text is not its literal body, escapes in it), the model, and its key path."""

    span: Span
    model: str
    setting: str


def config_text_models(ctx: PythonContext, node: cst.SimpleString) -> list[TextModel]:
    """The values under a model key (`model`, `model_name`, `model_id`) of the YAML mapping a
    multi-line string holds; none for a docstring or a text that is no mapping."""
    raw = node.value
    if ("odel" not in raw and "ODEL" not in raw) or ("\n" not in raw and "\\n" not in raw):
        return []  # most strings, told apart without evaluating them
    value = node.evaluated_value
    if not isinstance(value, str) or "\n" not in value.strip() or not _MODEL_LINE.search(value):
        return []
    parents = ctx.ancestors(node)
    if parents and isinstance(parents[-1], cst.Expr):
        return []  # a docstring or a bare string: nothing the program writes
    from migrate_llm.formats import FormatError, yamldoc  # PyYAML only where a text may be one

    try:
        entries = yamldoc.read(value)
    except FormatError:
        return []
    body = node.value[len(node.prefix) + len(node.quote) : -len(node.quote)]
    whole = ctx.span(node)
    start = whole.start + len(node.prefix) + len(node.quote)
    found = []
    for entry in entries:
        key = (entry.key or "").lower().replace("_", "").replace("-", "")
        if key not in CONFIG_MODEL_KEYS or not entry.value or entry.value_span is None:
            continue
        span = whole
        if body == value:  # the text as written: its offsets are the module's
            span = Span(start + entry.value_span.start, start + entry.value_span.end)
        found.append(TextModel(span, entry.value.strip(), ".".join(entry.path)))
    return found
