"""txtai (PyPI `txtai`, neuml/txtai): where it takes the model strings it hands to litellm, read
from txtai 9.14.0 (the wheel's sources, file named beside each entry).

Its `LLM` picks a framework from `method=`, else from the model string: `LiteLLM.ismodel(path)`
(`litellm.get_llm_provider(path)` finds a provider and the string is no Hugging Face repo) makes
it litellm's, which sends `litellm.completion(model=path, ...)` (pipeline/llm/factory.py
`GenerationFactory.method`, pipeline/llm/litellm.py `LiteLLM.stream`). So `gpt-4o` and
`openai/gpt-4o` go to OpenAI, and a provider's model without litellm's route (`qwen4-max`)
is no litellm model: txtai loads it from the Hugging Face Hub with transformers (t62b: OSError
"Can't load the configuration of 'qwen4-max'"). `Embeddings` does the same with its `path`
(vectors/dense/factory.py `VectorsFactory.method`, vectors/dense/litellm.py)."""

from __future__ import annotations

import re

PACKAGE = "txtai"
# txtai/__init__.py: `from .pipeline import LLM, RAG`, `from .embeddings import Embeddings`;
# pipeline/llm/__init__.py: `from .llm import LLM`, `from .rag import RAG`
LLM_CLASSES = frozenset(
    {"txtai.LLM", "txtai.pipeline.LLM", "txtai.pipeline.llm.LLM", "txtai.pipeline.llm.llm.LLM"}
)
RAG_CLASSES = frozenset(
    {"txtai.RAG", "txtai.pipeline.RAG", "txtai.pipeline.llm.RAG", "txtai.pipeline.llm.rag.RAG"}
)
EMBEDDINGS_CLASSES = frozenset(
    {"txtai.Embeddings", "txtai.embeddings.Embeddings", "txtai.embeddings.base.Embeddings"}
)
# the model argument of each: `LLM.__init__(self, path=None, method=None, **kwargs)`
# (pipeline/llm/llm.py L25), `RAG.__init__(self, similarity, path, ...)` (pipeline/llm/rag.py
# L24-27, a string is built into an LLM), `Embeddings.__init__(self, config=None, models=None,
# **kwargs)` whose config (or keywords) holds `path` (embeddings/base.py L29)
MODEL_KEYWORD = "path"
MODEL_POSITIONS: tuple[tuple[frozenset[str], int | None], ...] = (
    (LLM_CLASSES, 0),
    (RAG_CLASSES, 1),
    (EMBEDDINGS_CLASSES, None),
)
CONFIG_POSITION = 0  # Embeddings' config dict: `Embeddings({"path": ..., "method": ...})`
# `method=` names the framework; another than litellm's does not send the model to litellm
# (GenerationFactory.create: "litert", "llama.cpp", "opencode", "transformers")
METHOD_KEYWORD = "method"
LITELLM_METHOD = "litellm"
# An application's YAML config (app/base.py `Application.__init__`): a top-level section per
# pipeline, named by its class in lower case, built as `pipeline(**config)`
# (pipeline/factory.py `PipelineFactory.create`), and `embeddings:`, the index's config;
# `extractor` is RAG's older name (app/base.py L112, L125).
APP_SECTIONS = frozenset({"llm", "rag", "extractor", "embeddings"})
EMBEDDINGS_SECTION = "embeddings"
# Embeddings hands litellm's vectors `batch` texts at a time (embeddings/index/transform.py L43:
# `self.batch = embeddings.config.get("batch", 1024)`, passed to `Vectors.index(documents,
# batchsize)`, vectors/base.py L119-147), and LiteLLM's `encode` sends each batch as one
# `litellm.embedding(input=data)` (vectors/dense/litellm.py L81-84: "Batching is handled
# server-side"); `encodebatch` (vectors/base.py L51) bounds only local models' batches. t62b:
# 12 texts went in one request, 10 and 2 with `batch=10`.
BATCH_KEY = "batch"
BATCH_DEFAULT = 1024
# Where a Python file's bytes show it imports txtai
IMPORT_TEXT = re.compile(rb"^[ \t]*(?:from|import)[ \t]+txtai\b", re.MULTILINE)


def app_model(keys: tuple[str, ...]) -> bool:
    """Whether the entry at `keys` of a YAML file is the model of a txtai application's
    pipeline or index (`llm: {path: gpt-4o}`)."""
    return len(keys) == 2 and keys[0] in APP_SECTIONS and keys[1] == MODEL_KEYWORD
