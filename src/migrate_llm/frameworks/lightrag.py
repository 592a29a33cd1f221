"""What LightRAG (lightrag-hku) looks like where it reaches OpenAI (ML670): its OpenAI and Azure
OpenAI helpers, passed to `LightRAG(llm_model_func=..., embedding_func=...)` or called.

Checked against the lightrag-hku 1.5.7 sdist (lightrag/llm/openai.py, lightrag/llm/
azure_openai.py) and, for the older module `lightrag.llm` (a single lightrag/llm.py up to 1.1.x;
from 1.2 the package lightrag/llm/ shadows it), the 1.0.9 and 1.1.0 sdists (checked
2026-12-05); each entry names the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass

PACKAGE = "lightrag-hku"
MODULE = "lightrag"

# 1.5.7 lightrag/llm/openai.py:249-250 `api_key = os.environ["OPENAI_API_KEY"]` unless given
# `api_key=`, :272-277 `base_url` else OPENAI_API_BASE else https://api.openai.com/v1; up to
# 1.4 the client was `AsyncOpenAI(api_key=...)` without a base URL (1.2.1 llm/openai.py:65-83;
# 1.0.9 llm.py:63-68), which reads the SDK's OPENAI_BASE_URL.
VARIABLES = ("OPENAI_API_KEY", "OPENAI_API_BASE", "OPENAI_BASE_URL")
KEY_VARIABLE = "OPENAI_API_KEY"
BASE_VARIABLE = "OPENAI_API_BASE"
OLD_BASE_VARIABLE = "OPENAI_BASE_URL"
OPENAI_URL = "https://api.openai.com/v1"

# The keywords of `openai_complete_if_cache` (1.5.7 openai.py:305-321; 1.0.9 llm.py:54-62) and
# `openai_embed` (1.5.7 openai.py:1054-1060; `openai_embedding`, 1.0.9 llm.py:891-896) that
# point it at another endpoint.
BASE_URL_KEYWORD = "base_url"
KEY_KEYWORD = "api_key"
MODEL_KEYWORD = "model"

# `openai_embed` is an `EmbeddingFunc` (the `@wrap_embedding_func_with_attrs(embedding_dim=1536,
# max_token_size=8192, model_name="text-embedding-3-small")` of 1.5.7 openai.py:1035-1040);
# `.func` is the function it wraps, which LightRAG's recipe calls from an embedding function of
# one's own (docs/ProgramingWithCore.md, "Using OpenAI-like APIs").
UNWRAPPED = "func"
WRAPPER = "wrap_embedding_func_with_attrs"
EMBEDDING_SIZE = 1536
EMBEDDING_TOKENS = 8192


@dataclass(frozen=True)
class Helper:
    """One of LightRAG's helpers that talk to OpenAI.

    `kind`: "chat" (a model of its own, or LightRAG's `llm_model_name` where `model` is None),
    "complete" (`openai_complete_if_cache`: takes the model, `base_url=` and `api_key=`),
    "embedding" (`openai_embed`: sends `model` unless given another, takes `base_url=` and
    `api_key=`), "azure_chat" / "azure_embedding" (Azure OpenAI whatever they are given).
    `variables`: what it reads beside OpenAI's (the Azure ones). `source`: file and line."""

    kind: str
    model: str | None
    source: str
    variables: tuple[str, ...] = ()


_AZURE_CHAT = (
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_API_VERSION",
)
# 1.5.7 openai.py:1357-1376 (1.0.9 llm.py:992-1001 reads the AZURE_OPENAI_* ones)
_AZURE_EMBEDDING = (
    "AZURE_EMBEDDING_ENDPOINT",
    "AZURE_EMBEDDING_API_KEY",
    "AZURE_EMBEDDING_API_VERSION",
)

_NEW = {
    # openai.py:985-1008: openai_complete_if_cache("gpt-4o-mini", ...)
    "gpt_4o_mini_complete": Helper("chat", "gpt-4o-mini", "llm/openai.py:985-1008"),
    # openai.py:961-984: openai_complete_if_cache("gpt-4o", ...)
    "gpt_4o_complete": Helper("chat", "gpt-4o", "llm/openai.py:961-984"),
    # openai.py:937-958: the model is LightRAG's `llm_model_name` (`global_config`, :949),
    # "gpt-4o-mini" unless given (lightrag.py:707)
    "openai_complete": Helper("chat", None, "llm/openai.py:937-958"),
    "openai_complete_if_cache": Helper("complete", None, "llm/openai.py:305-321"),
    "openai_embed": Helper("embedding", "text-embedding-3-small", "llm/openai.py:1035-1060"),
    # openai.py:1216-1258: AsyncAzureOpenAI, AZURE_OPENAI_ENDPOINT or LLM_BINDING_HOST,
    # AZURE_OPENAI_API_KEY or LLM_BINDING_API_KEY, AZURE_OPENAI_API_VERSION
    "azure_openai_complete_if_cache": Helper(
        "azure_chat", None, "llm/openai.py:1216-1258", _AZURE_CHAT
    ),
    # openai.py:1274-1297: LLM_MODEL, else "gpt-4o-mini" (:1290)
    "azure_openai_complete": Helper(
        "azure_chat", "gpt-4o-mini", "llm/openai.py:1274-1297", _AZURE_CHAT
    ),
    "azure_openai_embed": Helper(
        "azure_embedding", "text-embedding-3-small", "llm/openai.py:1301-1376", _AZURE_EMBEDDING
    ),
}
_OLD = {
    # 1.0.9 / 1.1.0 lightrag/llm.py: the same helpers before the package split
    "gpt_4o_mini_complete": Helper("chat", "gpt-4o-mini", "llm.py:591-603 (1.0.9)"),
    "gpt_4o_complete": Helper("chat", "gpt-4o", "llm.py:576-588 (1.0.9)"),
    "openai_complete": Helper("chat", None, "llm.py:560-573 (1.0.9)"),
    "openai_complete_if_cache": Helper("complete", None, "llm.py:54-68 (1.0.9)"),
    "openai_embedding": Helper("embedding", "text-embedding-3-small", "llm.py:883-901 (1.0.9)"),
    "azure_openai_complete_if_cache": Helper(
        "azure_chat", None, "llm.py:117-138 (1.0.9)", _AZURE_CHAT
    ),
    "azure_openai_complete": Helper(
        "azure_chat", "conversation-4o-mini", "llm.py:623-636 (1.0.9)", _AZURE_CHAT
    ),
    "azure_openai_embedding": Helper(
        "azure_embedding", "text-embedding-3-small", "llm.py:976-1001 (1.0.9)", _AZURE_CHAT
    ),
}
# azure_openai.py:12-16 re-exports the Azure helpers of llm/openai.py
_AZURE_MODULE = {name: helper for name, helper in _NEW.items() if name.startswith("azure_")}

HELPERS: dict[str, Helper] = {
    **{f"lightrag.llm.openai.{name}": helper for name, helper in _NEW.items()},
    **{f"lightrag.llm.azure_openai.{name}": helper for name, helper in _AZURE_MODULE.items()},
    **{f"lightrag.llm.{name}": helper for name, helper in _OLD.items()},
}
NAMES = frozenset(name.rpartition(".")[2] for name in HELPERS)

# `LightRAG(llm_model_func=..., llm_model_kwargs={...})` gives the function those keywords
# (lightrag.py:736; llm_roles.py:162-168, 216-221): `openai_complete`, which sends LightRAG's
# `llm_model_name`, given `base_url` and `api_key` there goes where they say.
LIGHTRAG_CLASSES = frozenset({"lightrag.LightRAG", "lightrag.lightrag.LightRAG"})
FUNC_KEYWORD = "llm_model_func"
KWARGS_KEYWORD = "llm_model_kwargs"

# `functools.partial(helper, ...)`: the keywords it is given are the call's.
PARTIALS = frozenset({"functools.partial"})
