"""ML207: tiktoken asked for the tokenizer of a model chosen at run time."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.model_strings import model_like, tokenizer_like
from migrate_llm.rules.models import article
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, last_name

# Exception classes whose handler catches tiktoken's KeyError for a model it does not know.
_CATCHES_KEY_ERROR = frozenset({"KeyError", "LookupError", "Exception", "BaseException"})


class TokenizerModel(PythonRule):
    """tiktoken asked for the tokenizer of a model chosen at run time.

    ## What it does
    Finds `tiktoken.encoding_for_model(model)` where `model` is not an OpenAI model id the
    module writes there, outside a `try` that catches `KeyError` (or `LookupError`,
    `Exception`, a bare `except`).

    ## Why
    tiktoken knows OpenAI's model names only. After the switch the program's models are the
    provider's (`apply` maps its settings and defaults), and `encoding_for_model("kimi-k2.6")`
    raises KeyError: a token counter that worked stops the program (gptme's `tokens count`
    did). A name written at the call (`encoding_for_model("gpt-4o")`) stays OpenAI's and keeps
    working: it is not reported, nor rewritten by the model rules; nor is a name or attribute
    named for a tokenizer (`cfg.tokenizer_model`), which the model rules leave OpenAI's. A
    constant or a default named like a model (`def count(text, model="gpt-3.5-turbo")`) is
    mapped by ML204, and so reported here before `apply` as after it.

    ## Fix (manual)
    Count with a fixed encoding (`tiktoken.get_encoding("o200k_base")`: an estimate, the
    provider's tokenizer differs), or catch KeyError and fall back to one. Reported only with
    a target provider other than OpenAI.
    """

    code = "ML207"
    name = "tokenizer-model"
    silent_when_modernising = True
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            "import tiktoken\n\n\ndef count(text, model):\n"
            "    return len(tiktoken.encoding_for_model(model).encode(text))\n",
            provider="acme",
            message="tiktoken.encoding_for_model() gets the model at run time: after the switch "
            "it names an Acme Cloud model, which tiktoken does not know (KeyError); count with "
            'tiktoken.get_encoding("o200k_base") or catch KeyError, by hand',
        ),
        Example(
            "import tiktoken\n\n\ndef count(text, model):\n    try:\n"
            "        enc = tiktoken.encoding_for_model(model)\n    except KeyError:\n"
            '        enc = tiktoken.get_encoding("cl100k_base")\n'
            "    return len(enc.encode(text))\n",
            provider="acme",
            finds=False,
        ),
        Example(
            'import tiktoken\n\nENC = tiktoken.encoding_for_model("gpt-4o")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "import tiktoken\n\n\ndef count(text, cfg):\n"
            "    return len(tiktoken.encoding_for_model(cfg.tokenizer_model).encode(text))\n",
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        # only a module that names the call, when switching: every other one costs nothing
        self.wanted = ctx.rules.switching and sdk.TOKENIZER_WORD in ctx.text
        # the module's nodes (by index) inside a `try` whose handlers catch KeyError: a
        # `try` is met before the calls it holds
        self.guarded: list[tuple[int, int]] = []

    def visit_Try(self, node: cst.Try) -> None:
        if self.wanted and _catches_key_error(node):
            at = self.ctx.index_of(node)
            self.guarded.append((at, self.ctx.ends[at]))

    def visit_Call(self, node: cst.Call) -> None:
        if not self.wanted or self.provider is None or not node.args:
            return
        rules = self.ctx.rules
        if not self.ctx.qualnames(node.func) & sdk.TOKENIZER_CALLS:
            return
        at = self.ctx.index_of(node)
        if any(start < at < end for start, end in self.guarded):
            return
        arg = next((a for a in node.args if a.keyword and a.keyword.value == "model_name"), None)
        arg = arg or node.args[0]
        resolved = self.ctx.resolve_literal(arg.value)
        if resolved is not None and rules.openai.serves(resolved[1]) and not _mapped(resolved[2]):
            return
        if tokenizer_like(last_name(arg.value)):
            return  # `cfg.tokenizer_model`: kept an OpenAI name, by its name (see sdk)
        name = self.provider.name
        self.report(
            arg.value,
            "tiktoken.encoding_for_model() gets the model at run time: after the switch it "
            f"names {article(name)} {name} model, which tiktoken does not know (KeyError); "
            'count with tiktoken.get_encoding("o200k_base") or catch KeyError, by hand',
        )


def _mapped(how: str) -> bool:
    """Whether the OpenAI model a constant or a default holds (`how`, as `resolve_literal`
    says it) is one ML204 maps: it is named like a model (`def count(text,
    model="gpt-3.5-turbo")`, chatgpt_telegram_bot's token counter, whose default became a
    GLM name)."""
    for prefix in ("constant ", "default of "):
        if how.startswith(prefix):
            return model_like(how[len(prefix) :])
    return False


def _catches_key_error(node: cst.Try) -> bool:
    """Whether a handler of the `try` (a bare `except` too) catches KeyError."""
    for handler in node.handlers:
        if handler.type is None:
            return True
        kinds = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
        for kind in kinds:
            value = kind.value if isinstance(kind, cst.Element) else kind
            last = value.attr.value if isinstance(value, cst.Attribute) else None
            if isinstance(value, cst.Name):
                last = value.value
            if last in _CATCHES_KEY_ERROR:
                return True
    return False


TOKENIZER_RULES = (TokenizerModel,)
