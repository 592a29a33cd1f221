"""What FutureHouse's lmi (PyPI `fhlmi`, paper-qa's model layer) looks like: the prefixes of
its embedding model names.

Knowledge of the library only; what a provider serves is in `providers/*.toml`. Checked
against fhlmi 0.45.0 (the PyPI wheel paper-qa's uv.lock pins), lmi/embeddings.py, lines named
beside each entry; paper-qa's own `embedding_model_factory` (src/paperqa/llms.py, L526, commit
d2c3c69 of github.com/Future-House/paper-qa) reads its names the same way.
"""

from __future__ import annotations

from collections.abc import Callable

# `embedding_model_factory(embedding, **kwargs)` (L311-370), paper-qa's `Settings.embedding`
# ("hybrid-text-embedding-3-small" in its configs/wikicrow.json):
# - "hybrid-<name>" builds a HybridEmbeddingModel of the dense model `<name>`, made by the
#   factory again, and a local sparse one (L327-340);
# - "litellm-<name>" a LiteLLMEmbeddingModel named `<name>` (L355-365), as a name without a
#   prefix does (L370): litellm then sends a bare OpenAI name to OpenAI;
# - "st-<name>" a local SentenceTransformer model (L342-353): no request (not listed).
# The dense model's name reaches litellm after the prefixes, with the factory's `**kwargs` as
# the model's config.
EMBEDDING_PREFIXES = ("hybrid-", "litellm-")
# LiteLLMEmbeddingModel's `config` (L112-120): its "kwargs" entry is the keyword arguments of
# `litellm.aembedding` (where `api_base` and `api_key` go); the factory's `**kwargs` are that
# config (paper-qa's `Settings.embedding_config`).
CONFIG_KWARGS = "kwargs"
LABEL = "lmi"


def embedding_tail(value: str, is_model: Callable[[str], bool]) -> tuple[str, str] | None:
    """(the prefixes, the model) of an lmi embedding name whose model after its prefixes
    (`hybrid-`, `litellm-`, one after another) `is_model` takes: ("hybrid-",
    "text-embedding-3-small") for "hybrid-text-embedding-3-small"; None for any other value."""
    rest = value
    while rest.startswith(EMBEDDING_PREFIXES):
        rest = rest.partition("-")[2]
    if rest == value or not is_model(rest):
        return None
    return value[: len(value) - len(rest)], rest
