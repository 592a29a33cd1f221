"""Framework calls that take an OpenAI model name only to ask tiktoken for its tokenizer.

A model id given there is never sent: the framework passes it to
`tiktoken.encoding_for_model()`, which knows OpenAI's names only (a provider's raises
KeyError). So it stays OpenAI's, as one written at `tiktoken.encoding_for_model()` does
(`openai_sdk.TOKENIZER_CALLS`), and one chosen at run time is ML207's. Each of them also
loads a tiktoken encoding, which tiktoken downloads from OpenAI's host on first use
(`openai_sdk.TIKTOKEN_LOADERS`; ML207's note). Each entry names the release and the file it
was checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TokenizerCall:
    """A call that asks tiktoken for the tokenizer of the model it is given.

    `label`: how messages name it. `model`: the keyword and the position (not counting
    `self` or `cls`) of the parameter naming the model. `encoding`: likewise for one naming
    a tiktoken encoding instead (`"cl100k_base"`): a model id given there is not sent either.
    `names`: its qualified names; or `method`, a method of every class of the `modules`
    (qualified-name prefixes). `instead`: how to count without the model's name (ML207),
    with a fixed `{encoding}` (`fixed_encoding`); `fallback`: what to fall back to where the
    call raises KeyError, which keeps the model's name as a setting (`{encoding}` too).
    `default_encoding`: the encoding it loads when given neither (ML208 names it).
    `bare_screened`: whether a module calling it with no argument is examined for it alone
    (ML208); not for a call a framework's own modules make everywhere.
    """

    label: str
    model: tuple[str, int]
    instead: str
    fallback: str
    encoding: tuple[str, int] | None = None
    names: frozenset[str] = frozenset()
    method: str | None = None
    modules: tuple[str, ...] = ()
    bare_screened: bool = True
    default_encoding: str | None = None

    def advice(self, old_tiktoken: bool) -> str:
        """`instead` with its encoding (`fixed_encoding`)."""
        return self.instead.format(encoding=fixed_encoding(old_tiktoken))

    def fallback_advice(self, old_tiktoken: bool) -> str:
        """Catching KeyError with `fallback` (`fixed_encoding`): the advice where the model is
        a setting of the counter, which counting with a fixed encoding would leave unread."""
        encoding = fixed_encoding(old_tiktoken)
        return f"catch KeyError and fall back to {self.fallback.format(encoding=encoding)}"

    @property
    def word(self) -> str:
        """The name every call of it writes: its method's, or the last part of its names."""
        return self.method or min(self.names).rpartition(".")[2]

    @property
    def package(self) -> str:
        """What every module calling it holds: the shortest name of its packages, which the
        others start with (`langchain` of `langchain_text_splitters`)."""
        return min((n.partition(".")[0] for n in (*self.modules, *self.names)), key=len)

    def takes(self, qualname: str) -> bool:
        """Whether `qualname` (of a call's callee) is this call."""
        if qualname in self.names:
            return True
        return (
            self.method is not None
            and qualname.endswith("." + self.method)
            and qualname.startswith(self.modules)
        )


# LangChain's text splitters, checked against langchain-text-splitters 1.1.3 (PyPI),
# langchain_text_splitters/base.py: `TextSplitter.from_tiktoken_encoder(cls,
# encoding_name="gpt2", model_name=None, allowed_special=None, disallowed_special="all",
# **kwargs)`, a classmethod every splitter inherits (`RecursiveCharacterTextSplitter`,
# `CharacterTextSplitter`, ...), and `TokenTextSplitter.__init__(self, encoding_name="gpt2",
# model_name=None, ...)`: both call `tiktoken.encoding_for_model(model_name)` when it is
# given, else `tiktoken.get_encoding(encoding_name)`. The older `langchain.text_splitter`
# (langchain-ai/langchain, libs/langchain/langchain/text_splitter.py) has the same
# signatures.
_SPLITTER_MODULES = ("langchain_text_splitters.", "langchain.text_splitter.")
_SPLITTER_INSTEAD = 'give encoding_name="{encoding}" instead of model_name='
_SPLITTER_FALLBACK = 'encoding_name="{encoding}"'
_SPLITTER_ENCODING = "gpt2"  # `encoding_name="gpt2"` of both signatures above

CALLS = (
    TokenizerCall(
        label="LangChain's from_tiktoken_encoder()",
        model=("model_name", 1),
        encoding=("encoding_name", 0),
        instead=_SPLITTER_INSTEAD,
        fallback=_SPLITTER_FALLBACK,
        method="from_tiktoken_encoder",
        modules=_SPLITTER_MODULES,
        default_encoding=_SPLITTER_ENCODING,
    ),
    TokenizerCall(
        label="LangChain's TokenTextSplitter()",
        model=("model_name", 1),
        encoding=("encoding_name", 0),
        instead=_SPLITTER_INSTEAD,
        fallback=_SPLITTER_FALLBACK,
        names=frozenset(module + "TokenTextSplitter" for module in _SPLITTER_MODULES)
        | {"langchain_text_splitters.base.TokenTextSplitter"},
        default_encoding=_SPLITTER_ENCODING,
    ),
    # llama-index-core 0.14.25 (PyPI), llama_index/core/utils.py: `get_tokenizer(model_name=
    # "gpt-3.5-turbo")` calls `tiktoken.encoding_for_model(model_name)` while no global
    # tokenizer is set (`set_global_tokenizer`); llama_index/core/__init__.py exports it.
    # (`TokenCountingHandler(tokenizer=tiktoken.encoding_for_model(...).encode)` is
    # tiktoken's own call.)
    TokenizerCall(
        label="LlamaIndex's get_tokenizer()",
        model=("model_name", 0),
        instead='call set_global_tokenizer(tiktoken.get_encoding("{encoding}").encode) first',
        fallback='set_global_tokenizer(tiktoken.get_encoding("{encoding}").encode)',
        names=frozenset({"llama_index.core.get_tokenizer", "llama_index.core.utils.get_tokenizer"}),
        # llama-index-core's own modules call it given nothing, everywhere
        bare_screened=False,
    ),
)


@dataclass(frozen=True)
class ModelCounter:
    """A LangChain call that counts tokens with the chat or text model it is given
    (`llm.get_num_tokens_from_messages()`, `get_num_tokens()`): with one of LangChain's OpenAI
    classes (`COUNTING_KINDS`) that count loads a tiktoken encoding, which tiktoken downloads
    from OpenAI's host on first use, whatever model or base URL the class is given.

    `label`: how messages name it. `names`: the qualified names of its callee (a class, or a
    classmethod building one). `llm`: the keyword and the position (not counting `cls`; None:
    keyword only) of the parameter taking the model. `given`: a keyword that turns the count
    on, where it counts only then (a value other than None, False or 0).
    """

    label: str
    names: frozenset[str]
    llm: tuple[str, int | None] = ("llm", None)
    given: str | None = None

    @property
    def word(self) -> str:
        """The class name every call of it writes."""
        return next(p for p in reversed(min(self.names).split(".")) if p[:1].isupper())


def _names(name: str, *modules: str) -> frozenset[str]:
    return frozenset(f"{module}.{name}" for module in modules)


# Checked against langchain-classic 1.0.8 (the memories and chains of langchain<1, moved
# there whole) in /work/venv-fw, 2026-12-06. memory/token_buffer.py L69-74
# (`ConversationTokenBufferMemory.save_context`), memory/summary_buffer.py L115-137
# (`ConversationSummaryBufferMemory.prune`, run by `save_context`),
# memory/vectorstore_token_buffer_memory.py L151-155 and agents/openai_functions_agent/
# agent_token_buffer_memory.py L95 each call `self.llm.get_num_tokens_from_messages(buffer)`
# on every turn saved; they are pydantic models (keywords only). langchain 0.2.3 (t59b, the
# course's pin) has the same classes under `langchain.memory` (its `__init__` re-exports
# them). ConversationalRetrievalChain (chains/conversational_retrieval/base.py L383-401) and
# RetrievalQAWithSourcesChain (chains/qa_with_sources/retrieval.py L22-40) count each
# retrieved document with their "stuff" chain's model (`llm_chain._get_num_tokens`, which is
# `llm.get_num_tokens`) only where `max_tokens_limit` / `reduce_k_below_max_tokens` is set;
# `from_llm(llm, retriever, ...)` and `from_chain_type(llm, chain_type="stuff", ...)` pass it
# on.
_MEMORIES = ("langchain.memory", "langchain_classic.memory")
_CHAINS = ("langchain.chains", "langchain_classic.chains")
MODEL_COUNTERS = (
    ModelCounter(
        "LangChain's ConversationTokenBufferMemory()",
        _names("ConversationTokenBufferMemory", *_MEMORIES)
        | _names("token_buffer.ConversationTokenBufferMemory", *_MEMORIES),
    ),
    ModelCounter(
        "LangChain's ConversationSummaryBufferMemory()",
        _names("ConversationSummaryBufferMemory", *_MEMORIES)
        | _names("summary_buffer.ConversationSummaryBufferMemory", *_MEMORIES),
    ),
    ModelCounter(
        "LangChain's ConversationVectorStoreTokenBufferMemory()",
        _names("ConversationVectorStoreTokenBufferMemory", *_MEMORIES)
        | _names(
            "vectorstore_token_buffer_memory.ConversationVectorStoreTokenBufferMemory", *_MEMORIES
        ),
    ),
    ModelCounter(
        "LangChain's AgentTokenBufferMemory()",
        _names(
            "AgentTokenBufferMemory",
            "langchain.agents.openai_functions_agent.agent_token_buffer_memory",
            "langchain_classic.agents.openai_functions_agent.agent_token_buffer_memory",
            "langchain.agents.agent_toolkits.conversational_retrieval.openai_functions",
            "langchain_classic.agents.agent_toolkits.conversational_retrieval.openai_functions",
        ),
    ),
    ModelCounter(
        "LangChain's ConversationalRetrievalChain.from_llm()",
        _names("ConversationalRetrievalChain.from_llm", *_CHAINS)
        | _names("conversational_retrieval.base.ConversationalRetrievalChain.from_llm", *_CHAINS),
        llm=("llm", 0),
        given="max_tokens_limit",
    ),
    ModelCounter(
        "LangChain's RetrievalQAWithSourcesChain.from_chain_type()",
        _names("RetrievalQAWithSourcesChain.from_chain_type", *_CHAINS)
        | _names("qa_with_sources.retrieval.RetrievalQAWithSourcesChain.from_chain_type", *_CHAINS),
        llm=("llm", 0),
        given="reduce_k_below_max_tokens",
    ),
)
# The kinds of LangChain's OpenAI classes (`frameworks.langchain.CLASSES`) that count tokens
# with tiktoken: langchain_openai 1.8.1 chat_models/base.py L2387-2401 (`_get_encoding_model`:
# `encoding_for_model(tiktoken_model_name or model_name)`, on KeyError `get_encoding(
# "cl100k_base")` or "o200k_base"), llms/base.py L654-666 (`get_token_ids`, the same);
# langchain_community 0.4.2 chat_models/openai.py L620-641 and llms/openai.py L623-643. Their
# `get_num_tokens()` and `get_num_tokens_from_messages()` go through `get_token_ids()` or that
# lookup; the embeddings classes count otherwise (ML601's `tiktoken_model_name`).
COUNTING_KINDS = ("chat", "llm")
# The methods of those classes that count a program calls itself (`llm.get_num_tokens(text)`).
COUNTING_METHODS = frozenset({"get_num_tokens", "get_num_tokens_from_messages", "get_token_ids"})


# The fixed encoding ML207 advises counting with (`TokenizerCall.instead`'s `{encoding}`):
# GPT-4o's, or GPT-4's and GPT-3.5's where the project's requirements pin tiktoken below the
# release that brought GPT-4o's, on which `get_encoding("o200k_base")` raises ValueError
# ("Unknown encoding"). Checked on the PyPI sdists (`pip download --no-deps tiktoken==X`),
# 2026-12-05: tiktoken_ext/openai_public.py defines o200k_base from 0.7.0 (CHANGELOG.md
# "v0.7.0: Support for gpt-4o"; 0.6.0 none), cl100k_base from the first release, 0.1.1.
ENCODING = "o200k_base"
OLD_ENCODING = "cl100k_base"
FIRST_WITH_ENCODING = (0, 7, 0)
TIKTOKEN_REQUIREMENT = "tiktoken"
# What a requirements file's bytes hold where it may pin tiktoken (the name, then a
# specifier's first character, also Poetry's `tiktoken = "^0.4.0"`).
REQUIRES_TIKTOKEN = re.compile(rb"(?i)(?<![\w.-])tiktoken[\"']?[ \t]*(?:=[ \t]*[\"'])?[<>=!~^(]")


def fixed_encoding(old_tiktoken: bool) -> str:
    """The encoding to count with: `OLD_ENCODING` where the project pins tiktoken below
    `FIRST_WITH_ENCODING` (`RunFacts.tiktoken_before_encoding`), else `ENCODING`."""
    return OLD_ENCODING if old_tiktoken else ENCODING


# A word every module calling one of them holds (the method's, or an imported name): a
# module with none of them has none of these calls.
WORDS = ("from_tiktoken_encoder", "TokenTextSplitter", "get_tokenizer")


@dataclass(frozen=True)
class NamedTokenizerLoad:
    """A call loading a Hugging Face tokenizer by the name of its repository: `method` of a
    class of `modules` whose name holds `class_word`, given the name as `name` (keyword,
    position not counting `cls`). The name is a Hub repository id (or a local path), never a
    request's model: a value read only there and by a tiktoken lookup sets how tokens are
    counted (`TokenizerWrapper(tokenizer_type="hf", model_name=...)`), not what is sent."""

    modules: tuple[str, ...]
    class_word: str
    name: tuple[str, int]
    method: str = "from_pretrained"

    def takes(self, qualname: str) -> bool:
        """Whether `qualname` (of a call's callee) is this load."""
        owner, _, method = qualname.rpartition(".")
        return (
            method == self.method
            and owner.startswith(self.modules)
            and self.class_word in owner.rpartition(".")[2]
        )


# transformers 5.25.0 (PyPI), tokenization_utils_base.py: `PreTrainedTokenizerBase.
# from_pretrained(cls, pretrained_model_name_or_path, *init_inputs, ...)`, which every
# tokenizer class inherits, and models/auto/tokenization_auto.py: `AutoTokenizer.
# from_pretrained(cls, pretrained_model_name_or_path, *inputs, **kwargs)`; tokenizers 0.23.3
# (PyPI): `Tokenizer.from_pretrained(identifier, revision="main", token=None)`.
NAMED_LOADS = (
    NamedTokenizerLoad(("transformers.",), "Tokenizer", ("pretrained_model_name_or_path", 0)),
    NamedTokenizerLoad(("tokenizers.",), "Tokenizer", ("identifier", 0)),
)
