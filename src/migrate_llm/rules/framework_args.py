"""What the Agents SDK, litellm, DSPy, instructor and AutoGen rules share: finding a
framework's classes and calls by qualified name, small edits inside a call (never a rewrite of
the whole call, which would swallow the edits of calls nested in it), and the model literals
these rules own (so that ML204-ML206 leave them alone)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import cast

import libcst as cst

from migrate_llm.model import Edit, Span
from migrate_llm.rules.python_context import PythonContext, keyword, last_name, literal_value

# The last names and the set of each table `qualified` is given, by id of the table (kept
# with it: the tables are constants of their modules, so an id is never reused).
_TABLES: dict[int, tuple[Collection[str], frozenset[str], frozenset[str]]] = {}


def _table(names: Collection[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(the last dotted part of each name, the names): computed once per table."""
    entry = _TABLES.get(id(names))
    if entry is None or entry[0] is not names:
        entry = (names, frozenset(n.rsplit(".", 1)[-1] for n in names), frozenset(names))
        _TABLES[id(names)] = entry
    return entry[1], entry[2]


def qualified(ctx: PythonContext, func: cst.BaseExpression, names: Collection[str]) -> str | None:
    """The name of `names` that `func` refers to through the module's imports, or None.

    A cheap test of the last name comes first: most calls name none of them. A generic
    class (`Agent[Context]`) is looked up without its subscript. `names` is a table (a
    constant): what the test needs of it is computed once."""
    kind = type(func)  # exact types: `isinstance` goes through ABCMeta (hot)
    if kind is cst.Subscript:
        func = func.value  # type: ignore[attr-defined]
        kind = type(func)
    # `last_name`, inline: asked of every call with many tables
    if kind is cst.Name:
        last: str = func.value  # type: ignore[attr-defined]
    elif kind is cst.Attribute:
        last = func.attr.value  # type: ignore[attr-defined]
    else:
        return None
    entry = _TABLES.get(id(names))
    if entry is None or entry[0] is not names:
        _table(names)
        entry = _TABLES[id(names)]
    lasts = entry[1]
    if last not in lasts and ctx.index.import_aliases.get(last) not in lasts:
        return None
    found = ctx.qualnames(func) & entry[2]
    return min(found) if found else None


def callee(func: cst.BaseExpression) -> str:
    """`Agent` for `Agent`, `agents.Agent` and `Agent[Context]`: the name shown in messages."""
    if isinstance(func, cst.Subscript):
        func = func.value
    return last_name(func) or "call"


def argument(call: cst.Call, name: str, position: int | None) -> cst.Arg | None:
    """The argument given as `name=`, else the positional one at `position`."""
    arg = keyword(call, name)
    if arg is not None or position is None:
        return arg
    if any(a.star for a in call.args[: position + 1]):
        return None
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[position] if position < len(positional) else None


def passes_mapping(call: cst.Call) -> bool:
    """Whether the call passes `*args` or `**kwargs` (what they hold is not known)."""
    return any(a.star for a in call.args)


def _leading_space(text: str, offset: int) -> str:
    """The indentation of the line that holds `offset`."""
    line = text[text.rfind("\n", 0, offset) + 1 : offset]
    return line[: len(line) - len(line.lstrip())]


def _spread(ctx: PythonContext, call: cst.Call, at: int) -> bool:
    """Whether `call` writes its arguments on lines of their own (a line break between two of
    them, or before its only one), not all on one line (`f(\n    a, b\n)`)."""
    text = ctx.text
    if len(call.args) > 1:
        return "\n" in text[ctx.span(call.args[0]).start : ctx.span(call.args[-1]).start]
    return "\n" in text[ctx.span(call).start : at]


def insert_keywords(
    ctx: PythonContext, call: cst.Call, pairs: Mapping[str, str], after: cst.Arg | None = None
) -> Edit:
    """An insertion adding `name=value` keywords to `call`: just after the argument `after`
    when given and only keywords follow it, else before its first keyword argument, else
    after its last positional argument, else inside the empty parentheses; on lines of their
    own when the call spreads its arguments over lines."""
    text = ctx.text
    whole = ctx.span(call)
    new = [f"{k}={v}" for k, v in pairs.items()]
    later = call.args[next((i for i, a in enumerate(call.args) if a is after), 0) + 1 :]
    if after is not None and all(a.keyword is not None or a.star == "**" for a in later):
        start, at = ctx.span(after).start, ctx.span(after).end
        multiline = _spread(ctx, call, start)
        separator = ",\n" + _leading_space(text, start) if multiline else ", "
        return Edit(Span(at, at), separator + separator.join(new))
    named = [a for a in call.args if a.keyword is not None or a.star == "**"]
    if named:
        first = ctx.span(named[0]).start
        multiline = _spread(ctx, call, first)
        separator = ",\n" + _leading_space(text, first) if multiline else ", "
        return Edit(Span(first, first), separator.join(new) + separator)
    if call.args:
        at = ctx.span(call.args[-1]).end
        return Edit(Span(at, at), ", " + ", ".join(new))
    at = whole.end - 1  # ")"
    return Edit(Span(at, at), ", ".join(new))


def dict_entries(node: cst.BaseExpression) -> dict[str, cst.DictElement] | None:
    """The string-keyed entries of a dict display; None for anything else or `**` entries."""
    if not isinstance(node, cst.Dict):
        return None
    found: dict[str, cst.DictElement] = {}
    for element in node.elements:
        if not isinstance(element, cst.DictElement):
            return None
        key = element.key
        value = literal_value(key) if isinstance(key, cst.SimpleString) else None
        if not isinstance(value, str):
            return None
        found[value] = element
    return found


def insert_entries(ctx: PythonContext, node: cst.Dict, pairs: Mapping[str, str]) -> Edit:
    """An insertion adding `"key": value` entries at the end of a dict display, in its
    layout (one per line when its entries are)."""
    text = ctx.text
    new = [f'"{k}": {v}' for k, v in pairs.items()]
    elements = list(node.elements)
    if not elements:
        at = ctx.span(node).end - 1
        return Edit(Span(at, at), ", ".join(new))
    last = elements[-1]
    end = ctx.span(last).end
    first = ctx.span(elements[0]).start
    if "\n" in text[ctx.span(node).start : first]:
        indent = _leading_space(text, first)
        if isinstance(last.comma, cst.Comma):  # `"a": 1,\n}`: add after the trailing comma
            at = text.index(",", end) + 1
            return Edit(Span(at, at), "".join(f"\n{indent}{e}," for e in new))
        return Edit(Span(end, end), "".join(f",\n{indent}{e}" for e in new))
    return Edit(Span(end, end), "".join(f", {e}" for e in new))


def owns_key(
    ctx: PythonContext, node: cst.CSTNode, parent: Callable[[cst.CSTNode], cst.CSTNode | None]
) -> bool:
    """Whether the key variable named or read at `node` is given as `api_key=` to a class a
    framework rule rewrites or reports with its key (Haystack's `Secret.from_env_var(...)`,
    ML680; a Semantic Kernel service's `os.environ[...]`, ML686), or is given with crewAI's
    `LLM()` pointed at OpenAI or an OpenAI embedder spec (ML690, ML692): ML401 leaves it to
    them."""
    from migrate_llm.rules.framework_crewai_endpoints import owned_by_crewai
    from migrate_llm.rules.framework_haystack import owns_key_name
    from migrate_llm.rules.framework_semantic_kernel import semantic_kernel_key

    return (
        owns_key_name(ctx, node, parent)
        or semantic_kernel_key(ctx, node, parent)
        or id(node) in owned_by_crewai(ctx)
    )


def owned_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literals the framework rules (Agents SDK, litellm, DSPy, smolagents,
    autogen-ext, LangChain, LlamaIndex, Haystack, crewAI, Semantic Kernel, agno, instructor,
    deepeval, pinecone-text, camel, pandasai-openai, browser-use's ChatAzureOpenAI, guidance's
    create_azure_openai_model) edit or report for this call, and ML201 for a LangChain chat
    model's request method (`llm.invoke(q, model="gpt-4o")`): ML204-ML206 skip them."""
    # a framework's calls reach a module that names its package (or, for litellm and
    # autogen, a module given it unimported): the others' lookups are spared, the module's
    # finders chosen once (asked of every call of it)
    finders = cast("tuple[_Finder, ...] | None", ctx.analyses.get(owned_model_values))
    if finders is None:
        finders = ctx.analyses[owned_model_values] = tuple(
            finder
            for words, finder in _model_value_finders()
            if not words or any(ctx.mentions(word) for word in words)
        )
    for finder in finders:
        yield from finder(ctx, call)


_Finder = Callable[[PythonContext, cst.Call], Iterable[cst.CSTNode]]


@functools.cache
def _model_value_finders() -> tuple[tuple[tuple[str, ...], _Finder], ...]:
    """The framework rules' finders `owned_model_values` asks, in order, each with the words
    one of which a module must mention for it to be asked (none: always asked; imported here,
    once: their modules import this one; imported at each call, they were a tenth of its
    time)."""
    from migrate_llm.rules.framework_agents import agents_model_values
    from migrate_llm.rules.framework_agno import agno_model_values
    from migrate_llm.rules.framework_aider import aider_model_values
    from migrate_llm.rules.framework_autogen import autogen_model_values
    from migrate_llm.rules.framework_browser_use import azure_model_values
    from migrate_llm.rules.framework_classes import framework_class_model_values
    from migrate_llm.rules.framework_crewai import crewai_model_values
    from migrate_llm.rules.framework_crewai_endpoints import embedder_model_values
    from migrate_llm.rules.framework_guidance import azure_model_values as guidance_azure_values
    from migrate_llm.rules.framework_instructor_defaults import helper_model_values
    from migrate_llm.rules.framework_langchain import init_model_values, per_call_model_values
    from migrate_llm.rules.framework_litellm import litellm_model_values, subclass_model_values
    from migrate_llm.rules.framework_mirascope import mirascope_model_values
    from migrate_llm.rules.framework_outlines import outlines_model_values
    from migrate_llm.rules.framework_pandasai import pandasai_model_values
    from migrate_llm.rules.framework_semantic_kernel import semantic_kernel_model_values
    from migrate_llm.rules.framework_txtai import txtai_model_values
    from migrate_llm.rules.library_camel import camel_model_values
    from migrate_llm.rules.library_clients import client_model_values
    from migrate_llm.rules.library_configs import configured_model_values
    from migrate_llm.rules.library_judges import judged_model_values
    from migrate_llm.rules.library_lagent import lagent_model_values

    return (
        (("agents",), agents_model_values),
        (("litellm", "dspy", "smolagents"), litellm_model_values),
        ((), subclass_model_values),  # a DSPy subclass of the project built elsewhere
        (("autogen",), autogen_model_values),
        (("crewai",), crewai_model_values),
        (("crewai",), embedder_model_values),  # ML692's OpenAI embedder specs
        ((), semantic_kernel_model_values),  # only where it names semantic_kernel
        (("agno",), agno_model_values),
        (("browser_use",), azure_model_values),  # ChatAzureOpenAI (ML687)
        (("guidance",), guidance_azure_values),  # create_azure_openai_model() (ML688)
        # LangChain, LlamaIndex, Haystack, agno, browser-use, guidance
        ((), framework_class_model_values),
        (("langchain", "deepagents"), init_model_values),  # init_chat_model(), create_agent()
        (("langchain", "deepagents"), per_call_model_values),  # llm.invoke(model=...): ML201's
        (("instructor",), helper_model_values),  # instructor's llm_validator()
        ((), configured_model_values),  # embedchain, mem0, scrapegraphai configs
        ((), judged_model_values),  # deepeval's metrics (ML670)
        ((), client_model_values),  # pinecone-text's OpenAIEncoder() (ML670)
        (("camel",), camel_model_values),  # camel's agents and ModelFactory (ML670)
        (("pandasai_openai",), pandasai_model_values),  # pandasai-openai's classes (ML694)
        (("aider",), aider_model_values),  # aider's Model() (ML620)
        (("txtai",), txtai_model_values),  # txtai's LLM(), RAG(), Embeddings() (ML622)
        (("mirascope",), mirascope_model_values),  # openai.call(), llm.call() (ML695)
        (("outlines",), outlines_model_values),  # outlines.from_openai() (ML696)
        (("lagent",), lagent_model_values),  # GPTAPI's model_type lagent refuses (ML697)
    )
