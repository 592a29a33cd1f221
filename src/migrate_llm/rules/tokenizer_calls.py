"""The calls that ask tiktoken for a model's tokenizer: tiktoken's own
(`openai_sdk.TOKENIZER_CALLS`) and the frameworks' (`frameworks.tokenizers`).

A model id given to one of them is never sent, and tiktoken knows it only as OpenAI's name:
the model rules leave it (ML204-ML206), and ML207 reports one chosen at run time. Each of
them, and `tiktoken.get_encoding()`, loads an encoding tiktoken downloads from OpenAI's host
on first use (`openai_sdk.TIKTOKEN_LOADERS`): ML207 notes it.
"""

from __future__ import annotations

import itertools

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import tokenizers
from migrate_llm.frameworks.tokenizers import TokenizerCall
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.tokenizer_counters import WORDS as COUNTER_WORDS
from migrate_llm.rules.tokenizer_counters import model_counter

TIKTOKEN = TokenizerCall(
    label="tiktoken.encoding_for_model()",
    model=("model_name", 0),
    instead='count with tiktoken.get_encoding("{encoding}")',
    fallback='tiktoken.get_encoding("{encoding}")',
    names=sdk.TOKENIZER_CALLS,
)
_CALLS = (TIKTOKEN, *tokenizers.CALLS)
_WORDS = (sdk.TOKENIZER_WORD, *tokenizers.WORDS)
# ... and of the calls that load an encoding (also through a LangChain OpenAI class counting
# with tiktoken)
_LOADER_WORDS = tuple(
    sorted({*_WORDS, *COUNTER_WORDS, *(n.rpartition(".")[2] for n in sdk.TIKTOKEN_LOADERS)})
)


def mentions_tokenizer(ctx: PythonContext) -> bool:
    """Whether the module may call one of them: it holds a word each of them needs (searched
    once per module)."""
    found = ctx.analyses.get(mentions_tokenizer)
    if found is None:
        found = ctx.analyses[mentions_tokenizer] = any(word in ctx.text for word in _WORDS)
    return bool(found)


def mentions_loader(ctx: PythonContext) -> bool:
    """Whether the module may call one of them or another of tiktoken's loaders."""
    found = ctx.analyses.get(mentions_loader)
    if found is None:
        found = ctx.analyses[mentions_loader] = any(word in ctx.text for word in _LOADER_WORDS)
    return bool(found)


def encoding_loader(ctx: PythonContext, call: cst.Call) -> str | None:
    """How messages name `call` when it loads a tiktoken encoding: one of tiktoken's loaders
    (`tiktoken.get_encoding()`), a lookup above (its label), or a LangChain call counting
    with an OpenAI class (`tokenizer_counters`); else None."""
    if not isinstance(call.func, (cst.Name, cst.Attribute)) or not mentions_loader(ctx):
        return None
    names = ctx.qualnames(call.func) & sdk.TIKTOKEN_LOADERS
    if names:
        return f"tiktoken.{min(names).rpartition('.')[2]}()"
    found = tokenizer_call(ctx, call)
    return found.label if found is not None else model_counter(ctx, call)


def loaded_encoding(ctx: PythonContext, call: cst.Call) -> tuple[str | None, bool]:
    """The encoding a loader `call` loads, where the module names it (the literal given
    `tiktoken.get_encoding()` or a framework call's encoding parameter; None: chosen at run
    time, or a model's, which tiktoken picks), and whether it is the call's default, written
    nowhere (`from_tiktoken_encoder()` given neither: gpt2)."""
    if ctx.qualnames(call.func) & (sdk.TIKTOKEN_LOADERS - sdk.TOKENIZER_CALLS):
        given = _given(call, ("encoding_name", 0))
        return (_literal(ctx, given) if given else None), False
    found = tokenizer_call(ctx, call)
    if found is None:
        return None, False
    if _given(call, found.model) is not None:
        return None, False
    encoding = _given(call, found.encoding) if found.encoding else None
    if encoding is not None:
        return _literal(ctx, encoding), False
    return found.default_encoding, found.default_encoding is not None


def _literal(ctx: PythonContext, arg: cst.Arg) -> str | None:
    """The string `arg` holds, where the module shows it."""
    resolved = ctx.resolve_literal(arg.value)
    return resolved[1] if resolved is not None else None


def tokenizer_call(ctx: PythonContext, call: cst.Call) -> TokenizerCall | None:
    """The tokenizer lookup `call` is, if it is one."""
    if not isinstance(call.func, (cst.Name, cst.Attribute)) or not mentions_tokenizer(ctx):
        return None  # not `get_tokenizer(model)(text)`, which calls what the lookup returns
    names = ctx.qualnames(call.func)
    return next((c for c in _CALLS for name in names if c.takes(name)), None)


def tokenizer_model(ctx: PythonContext, call: cst.Call) -> tuple[TokenizerCall, cst.Arg] | None:
    """The tokenizer lookup `call` is and the argument naming its model, where it is given."""
    found = tokenizer_call(ctx, call)
    arg = _given(call, found.model) if found is not None else None
    return (found, arg) if found is not None and arg is not None else None


def tokenizer_argument(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `arg` of `call` names the model (or the encoding) of a tokenizer lookup."""
    found = tokenizer_call(ctx, call)
    if found is None:
        return False
    parameters = (found.model, found.encoding) if found.encoding else (found.model,)
    return any(_given(call, parameter) is arg for parameter in parameters)


def _given(call: cst.Call, parameter: tuple[str, int]) -> cst.Arg | None:
    """The argument `call` gives `parameter`: by its keyword, or at its position among the
    arguments before any keyword or star argument."""
    keyword, position = parameter
    named = next((a for a in call.args if a.keyword and a.keyword.value == keyword), None)
    if named is not None:
        return named
    positional = list(itertools.takewhile(lambda a: a.keyword is None and not a.star, call.args))
    return positional[position] if position < len(positional) else None


def named_tokenizer_argument(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `arg` of `call` names the repository a Hugging Face tokenizer is loaded from
    (`AutoTokenizer.from_pretrained(name)`: `tokenizers.NAMED_LOADS`)."""
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value != "from_pretrained":
        return False
    names = ctx.qualnames(func)
    load = next((x for x in tokenizers.NAMED_LOADS for n in names if x.takes(n)), None)
    return load is not None and _given(call, load.name) is arg
