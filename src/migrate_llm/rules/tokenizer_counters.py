"""LangChain calls that count tokens with one of LangChain's OpenAI classes, which counts
with tiktoken: a token-counting memory given such a model (`ConversationTokenBufferMemory(
llm=ChatOpenAI())`), a chain told to count (`max_tokens_limit=`), or the class's own counting
method (`llm.get_num_tokens(text)`): `frameworks.tokenizers.MODEL_COUNTERS`. Each loads a
tiktoken encoding, which tiktoken downloads from OpenAI's host on first use (ML208)."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks import tokenizers
from migrate_llm.frameworks.tokenizers import ModelCounter
from migrate_llm.rules.framework_args import argument
from migrate_llm.rules.model_values import reaching_values
from migrate_llm.rules.python_context import PythonContext

# what every module with such a call holds
WORDS = tuple(sorted({c.word for c in tokenizers.MODEL_COUNTERS} | tokenizers.COUNTING_METHODS))
_OFF = ("None", "False", "0")


def model_counter(ctx: PythonContext, call: cst.Call) -> str | None:
    """How messages name `call` where it counts tokens with one of LangChain's OpenAI classes
    the module builds (`ChatOpenAI()`, through a name each of whose assignments reaching the
    call may be one, `self.X`, or the construction itself); else None. A model the module
    does not show (a parameter) is not read as one."""
    func = call.func
    if not isinstance(func, (cst.Name, cst.Attribute)) or not ctx.mentions("langchain"):
        return None
    if isinstance(func, cst.Attribute) and func.attr.value in tokenizers.COUNTING_METHODS:
        cls = _openai_class(ctx, func.value)
        return f"{cls}().{func.attr.value}()" if cls is not None else None
    names = ctx.qualnames(func)
    counter = next((c for c in tokenizers.MODEL_COUNTERS if names & c.names), None)
    if counter is None or not _counts(call, counter):
        return None
    llm = argument(call, *counter.llm)
    cls = _openai_class(ctx, llm.value) if llm is not None else None
    return f"{counter.label}, counting tokens with {cls}()," if cls is not None else None


def _counts(call: cst.Call, counter: ModelCounter) -> bool:
    """Whether `call` turns the count on, where `counter` counts only when told to."""
    if counter.given is None:
        return True
    arg = argument(call, counter.given, None)
    return arg is not None and not (
        isinstance(arg.value, (cst.Name, cst.Integer)) and arg.value.value in _OFF
    )


def _openai_class(ctx: PythonContext, model: cst.BaseExpression) -> str | None:
    """The name of the LangChain OpenAI class counting with tiktoken (`COUNTING_KINDS`) that
    `model` may be built from."""
    for built in reaching_values(ctx, model):
        if isinstance(built, cst.Call) and isinstance(built.func, (cst.Name, cst.Attribute)):
            for name in sorted(ctx.qualnames(built.func)):
                cls = lc.CLASSES.get(name)
                if cls is not None and cls.kind in tokenizers.COUNTING_KINDS:
                    return cls.name
    return None
