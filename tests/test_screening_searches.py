"""The byte searches the screening makes of every module and notebook, pinned where they were
rewritten for speed: `\\bword` as `word(?<=\\bword)` (NAMES_TOKEN_LIMIT, USES_OPENAI_V0),
and LlamaIndex's default-model calls as one search per expression
(`frameworks.llamaindex.uses_default`, MAY_USE_LLAMAINDEX_DEFAULT) rather than one
alternation. A notebook's bytes are its JSON, outputs and markdown included."""

from __future__ import annotations

import json

import pytest

from migrate_llm.frameworks import llamaindex as li
from migrate_llm.run_facts import (
    MAY_USE_LLAMAINDEX_DEFAULT,
    NAMES_TOKEN_LIMIT,
    USES_OPENAI_V0,
    facts_of,
)


def _notebook(code: str, markdown: str = "", output: str = "") -> bytes:
    """A notebook's JSON: one markdown cell, one code cell with one stream output."""
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [markdown]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": [output]}],
            "source": [code],
        },
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}, indent=1).encode()


@pytest.mark.parametrize(
    ("kind", "data", "found"),
    [
        ("python", b"max_tokens=3\n", True),  # at the very start
        ("python", b"self.max_tokens = 3\n", True),
        ("python", b"f(max_completion_tokens=3)\n", True),
        ("python", b"f(mymax_tokens=3)\n", False),  # not a word of its own
        ("python", b"f(_max_tokens=3)\n", False),
        ("python", b"f(max_tokens_x=3)\n", False),
        ("notebook", _notebook('kw = {"max_tokens": 3}'), True),
        ("notebook", _notebook("x = 1", markdown="Set max_tokens = 30"), True),
        ("notebook", _notebook("x = 1", markdown="Set the_max_tokens = 30"), False),
        ("notebook", _notebook("print(cfg)", output="max_tokens = 30"), True),  # an output
    ],
)
def test_a_token_limit_is_named_where_max_tokens_starts_a_word(kind, data, found):
    assert bool(facts_of(kind, data, True, True, None) & NAMES_TOKEN_LIMIT) is found


@pytest.mark.parametrize(
    ("kind", "data", "found"),
    [
        ("python", b"openai.ChatCompletion.create(model=m)\n", True),
        ("python", b"x = openai . Embedding.create(input=t)\n", True),
        ("python", b"from openai import (\n    Completion,\n)\n", True),
        ("python", b"import openai\nmyopenai.ChatCompletion.create(model=m)\n", False),
        ("python", b"import openai\nnot_openai.Completion\n", False),
        ("python", b"import openai\nopenai.ChatCompletions\n", False),  # not the class
        ("notebook", _notebook("r = openai.Completion.create(model=m)"), True),
        ("notebook", _notebook("import openai", output="openai.Embedding is gone"), True),
        ("notebook", _notebook("import openai", output="use myopenai.Embedding"), False),
    ],
)
def test_a_v0_resource_is_found_where_openai_starts_a_word(kind, data, found):
    assert bool(facts_of(kind, data, True, True, None) & USES_OPENAI_V0) is found


# One call for each expression of `li.default_use()`, in its order
DEFAULT_CALLS = (
    "index.as_query_engine()",
    "index.as_chat_engine()",
    "VectorStoreIndex.from_documents(docs)",
    "load_index_from_storage(ctx)",
    "KeywordTableIndex.from_documents(docs)",
    "TreeIndex.from_documents(docs)",
    "DocumentSummaryIndex.from_documents(docs)",
    "KnowledgeGraphIndex.from_documents(docs)",
    "PropertyGraphIndex.from_documents(docs)",
    "Settings.llm.complete('hi')",
    "ReActAgent.from_tools(tools)",
    "FunctionAgent(tools=tools)",
    "FunctionCallingAgent.from_tools(tools)",
    "AgentWorkflow.from_tools_or_functions(tools)",
    "RetrieverQueryEngine.from_args(retriever)",
    "CondensePlusContextChatEngine.from_defaults(retriever)",
    "get_response_synthesizer()",
    "ServiceContext.from_defaults()",
)
# Near misses: no call of what may use a default model
NOT_DEFAULT_CALLS = (
    "llm = llm or Settings.llm",  # a read, not a call on it
    "index.as_retriever()",
    "VectorStoreIndex",  # named, not called
    "Settings.llm = OpenAI()",
    "ReActAgentWorker(tools)",
    "QueryEngine.from_retriever(r)",
)


def test_every_default_use_expression_is_listed_once():
    assert len(li.default_use()) == len(DEFAULT_CALLS) == len(li.default_use_text())
    for expression, text_expression, call in zip(
        li.default_use(), li.default_use_text(), DEFAULT_CALLS, strict=True
    ):
        assert expression.search(call.encode()) is not None, call
        assert text_expression.search(call) is not None, call


@pytest.mark.parametrize("call", DEFAULT_CALLS + NOT_DEFAULT_CALLS)
def test_a_default_use_is_found_in_bytes_and_text_alike(call):
    found = call in DEFAULT_CALLS
    assert li.uses_default(call.encode()) is found
    assert li.uses_default_text(f"x = 1\n{call}\n") is found


@pytest.mark.parametrize(
    ("code", "markdown", "found"),
    [
        ("from llama_index.core import VectorStoreIndex\nVectorStoreIndex(nodes)", "", True),
        ("from llama_index.core import Settings\nx = Settings.llm", "", False),
        # the notebook's JSON is searched whole: a markdown cell's call counts as before
        ("import llama_index", "Then call `index.as_query_engine()`", True),
    ],
)
def test_a_notebook_not_worth_examining_may_use_llamaindex_defaults(code, markdown, found):
    data = _notebook(code, markdown=markdown)
    facts = facts_of("notebook", data, False, False, None)
    assert bool(facts & MAY_USE_LLAMAINDEX_DEFAULT) is found
