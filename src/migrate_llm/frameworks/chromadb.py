"""What chromadb's OpenAI embedding function looks like (ML401, ML114).

Knowledge of the library only; what a provider serves is in `providers/*.toml`. Its
`openai<1` part is in `pins.OPENAI_V0_PARTS` (ML504).

Checked on the wheels published on PyPI (https://pypi.org/project/chromadb/, `pip download
--no-deps chromadb==VERSION`), 2026-12-05: `OpenAIEmbeddingFunction.__init__` in
chromadb/utils/embedding_functions.py (the 0.3 and 0.4 releases) and
chromadb/utils/embedding_functions/openai_embedding_function.py (0.5.0 and later; 0.3.0,
0.3.10, 0.3.21, 0.3.23, 0.3.25, 0.3.26, 0.3.29, 0.4.0, 0.4.6, 0.4.17, 0.5.0, 0.5.11, 0.5.13,
0.5.15, 0.5.16, 0.5.17, 0.5.18, 0.5.20, 0.5.23, 0.6.0, 0.6.3, 1.0.0, 1.0.21, 1.1.0, 1.3.7
and 1.5.9 read).
"""

from __future__ import annotations

LABEL = "chromadb's OpenAIEmbeddingFunction"
# the class, as chromadb exports it and where 0.5.0 and later define it
FUNCTIONS = frozenset(
    {
        "chromadb.utils.embedding_functions.OpenAIEmbeddingFunction",
        "chromadb.utils.embedding_functions.openai_embedding_function.OpenAIEmbeddingFunction",
    }
)
# `api_key=None` (every release): the key, given to the openai SDK (0.4.17 and later under
# openai 1.x: `openai.OpenAI(api_key=..., base_url=api_base)`; before, `openai.api_key`)
KEY = "api_key"
# `api_base=None` since 0.3.25 (not in 0.3.23): the base URL (`openai.api_base` under openai<1,
# `base_url=` of `openai.OpenAI` under 1.x); None is api.openai.com
BASE_URL = "api_base"
FIRST_BASE_URL = (0, 3, 25)
# `model_name="text-embedding-ada-002"` (every release): the model of each request
MODEL = "model_name"
DEFAULT_MODEL = "text-embedding-ada-002"
# the embedding function chromadb gives a collection given none: all-MiniLM-L6-v2 run on the
# machine itself, with no key (https://docs.trychroma.com/docs/embeddings/embedding-functions,
# "Default: all-MiniLM-L6-v2", read 2026-12-06): what a program may use where the provider
# serves no embeddings and OpenAI cannot be reached
LOCAL_FUNCTION = "DefaultEmbeddingFunction"
# `dimensions=None` since 0.5.15 (not in 0.5.13): 0.5.15 to 0.6.3 send it whatever the model;
# 1.0.0 and later send it only where the model's name holds "text-embedding-3"
# (`if self.dimensions is not None and "text-embedding-3" in self.model_name`), so another
# provider's model gets its own default width there
DIMENSIONS = "dimensions"
FIRST_DIMENSIONS = (0, 5, 15)
FIRST_DIMENSIONS_BY_NAME = (1, 0, 0)
DIMENSIONS_MODELS = "text-embedding-3"
