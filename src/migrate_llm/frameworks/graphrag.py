"""What GraphRAG (graphrag, graphrag-llm) looks like where it reaches OpenAI: its model entries
(settings.yaml's `completion_models` / `embedding_models`, graphrag_llm's `ModelConfig`), which
pick litellm's provider with `model_provider` (ML502 in a settings file, ML670 in code), and the
batch its text embeddings are sent in (ML502).

Checked against graphrag 3.1.2 (github.com/microsoft/graphrag at 6dad6d2b, "Release v3.1.2",
installed from that snapshot; checked 2026-12-05), each entry naming its file and line.
"""

from __future__ import annotations

import re

PACKAGE = "graphrag-llm"

# packages/graphrag-llm/graphrag_llm/config/model_config.py:19-88 `ModelConfig`: `model_provider`
# and `model` (required), `api_base` (None unless given), `api_key`; completion/
# lite_llm_completion.py:239 and embedding/lite_llm_embedding.py:172 send litellm the model
# `f"{model_provider}/{model}"` with `api_base` and `api_key`: `openai` without an `api_base`
# goes to api.openai.com (litellm 1.92.0 main.py:1536-1542 reads OPENAI_BASE_URL and
# OPENAI_API_BASE first).
PROVIDER_KEY = "model_provider"
MODEL_KEY = "model"
BASE_URL_KEY = "api_base"
KEY_KEY = "api_key"
TYPE_KEY = "type"
# config/types.py:10-14 `LLMProviderType`: `mock` (`LLMProviderType.MockLLM`) answers from
# `mock_responses`, sending nothing
MOCK_TYPE = "mock"
MOCK_MEMBER = ("LLMProviderType", "MockLLM")
OPENAI_PROVIDER = "openai"
# model_config.py:90-96: `azure` takes its `api_base` (the resource's endpoint) and deployments;
# another provider given `azure_deployment_name` fails validation
AZURE_PROVIDER = "azure"
AZURE_KEYS = ("azure_deployment_name", "api_version")
# packages/graphrag/graphrag/config/init_content.py (`INIT_YAML`, `INIT_DOTENV`): `graphrag
# init` writes both model entries with `api_key: ${GRAPHRAG_API_KEY}` for `model_provider:
# openai`, and a .env of `GRAPHRAG_API_KEY=<API_KEY>` for the OpenAI key: an entry pointed at
# another provider that still reads it sends that key there.
INIT_KEY = "GRAPHRAG_API_KEY"
# How litellm's OpenAI route reads its base URL where the entry names none.
VARIABLES = ("OPENAI_BASE_URL", "OPENAI_API_BASE")

# The config class whose keyword arguments are an entry (graphrag_llm/config/__init__.py:7
# re-exports it).
CONFIG_CLASSES = frozenset(
    {"graphrag_llm.config.ModelConfig", "graphrag_llm.config.model_config.ModelConfig"}
)

# packages/graphrag/graphrag/config/models/graph_rag_config.py:51-58: the settings file's
# mappings of model entries (`dict[str, ModelConfig]`), with the API surface each calls.
SECTIONS = {"completion_models": "chat", "embedding_models": "embeddings"}

# packages/graphrag-common/graphrag_common/config/load_config.py:88: the settings text goes
# through `string.Template(text).substitute(os.environ)` after the .env beside it is loaded
# (:48-55): `${VAR}` or `$VAR`, with no default (`${VAR:-x}` is not Template's); a variable
# that is not set fails the load.
ENV_REFERENCE = r"\$(?:\{{{name}\}}|{name}(?![A-Za-z0-9_]))"
WHOLE_REFERENCE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")

# packages/graphrag/graphrag/config/defaults.py:117-124 `EmbedTextDefaults` (read by
# config/models/embed_text_config.py:22-25): `embed_text.batch_size` 16 texts a request to the
# embedding model named by `embed_text.embedding_model_id` ("default_embedding_model",
# defaults.py:34); index/workflows/generate_text_embeddings.py:80, 151 send them so.
EMBED_TEXT = "embed_text"
BATCH_SIZE = "batch_size"
BATCH_DEFAULT = 16
EMBEDDING_MODEL_ID = "embedding_model_id"
DEFAULT_EMBEDDING_MODEL = "default_embedding_model"
EMBEDDING_SECTION = "embedding_models"
# graphrag 2.7.2 config/defaults.py:176-185 `EmbedTextDefaults`: the same batch of 16, sent to
# the `models:` entry `embed_text.model_id` names ("default_embedding_model", :52)


def reference(name: str) -> re.Pattern[str]:
    """Finds a reference of GraphRAG's settings text to the variable `name`."""
    return re.compile(ENV_REFERENCE.format(name=re.escape(name)))


def referenced(value: str) -> str | None:
    """The variable a whole settings value reads (`${GRAPHRAG_API_KEY}`), else None."""
    found = WHOLE_REFERENCE.fullmatch(value.strip())
    return None if found is None else found[1] or found[2]


# packages/graphrag-common/graphrag_common/config/load_config.py:18, 140-146: the settings
# file GraphRAG loads from a project directory, and the .env it loads beside it (its `${VAR}`s
# are read from the environment that file sets).
SETTINGS_FILES = ("settings.yaml", "settings.yml", "settings.json")

# What an index is built from: config/defaults.py:28-29, 248, 278, 337 (`output_storage.
# base_dir` "output", `cache.storage.base_dir` "cache", `vector_store.db_uri`
# "output/lancedb"), each a directory relative to the settings file's. The index holds parquet
# tables and the lancedb vectors, made with the embedding model of the run that built them
# (query embeds its question with the configured model: a model of another width fails,
# "query dim(1024) doesn't match the column vector vector dim(3072)"); the cache keeps each
# model answer and embedding under a key that leaves the model out (graphrag-llm
# cache/create_cache_key.py:48-70: the request's arguments but `api_base`, `api_key`...; the
# model name is not among the arguments hashed), so a re-index with another model reads the
# old model's vectors back. Checked with graphrag 3.1.2 (t53f, 2026-12-05).
INDEX_DIRECTORIES = (
    (("output_storage", "base_dir"), "output"),
    (("vector_store", "db_uri"), "output/lancedb"),
    (("cache", "storage", "base_dir"), "cache"),
)
# what a directory of them holds once something was built: parquet tables, lancedb tables
# (`<name>.lance`), cache entries (files of any name)
INDEX_FILE_ENDINGS = (".parquet", ".lance")

# Where GraphRAG asks a model entry for structured outputs (a pydantic class as
# `response_format`, which litellm sends as a json_schema format), by the settings section
# naming that entry, with when it does. graphrag 3.1.2: index/operations/summarize_communities/
# community_reports_extractor.py:82-85 (`response_format=CommunityReportResponse`, on every
# `graphrag index`, from `community_reports.completion_model_id`, index/workflows/
# create_community_reports.py:58-60) and query/structured_search/drift_search/primer.py:162-166
# (`response_format=PrimerResponse`, `drift_search.completion_model_id`, query/factory.py:196-
# 198); graphrag_llm completion/lite_llm_completion.py:155-160 hands it to litellm. graphrag
# 2.7.2 (github.com/microsoft/graphrag tag v2.7.2): community_reports_extractor.py:80-85
# `json_model=CommunityReportResponse`, which a `type: chat` entry (litellm) sends as
# `response_format` (language_model/providers/litellm/chat_model.py:253-262); its drift primer
# asks for JSON mode only (primer.py:140 `json=True`).
STRUCTURED_SECTIONS = {
    "community_reports": "community reports, on every `graphrag index`",
    "drift_search": "drift search's primer (`graphrag query --method drift`)",
}
# graphrag 2.x drift asks for json_object only (above)
STRUCTURED_SECTIONS_V2 = ("community_reports",)
# The key of a workflow section naming its completion entry, and the entry it names unset:
# 3.1.2 config/defaults.py:31, 84, 113 (`completion_model_id`, "default_completion_model");
# 2.7.2 config/defaults.py:48, 129 (`model_id`, "default_chat_model") over its `models:`
# mapping, whose `type: chat` entries go through litellm (2.7.2 config/enums.py:94).
COMPLETION_MODEL_ID = "completion_model_id"
DEFAULT_COMPLETION_MODEL = "default_completion_model"
COMPLETION_SECTION = "completion_models"
V2_SECTION = "models"
V2_MODEL_ID = "model_id"
V2_DEFAULT_CHAT_MODEL = "default_chat_model"
V2_LITELLM_CHAT = "chat"

# The width GraphRAG creates every vector index with (3.1.2: packages/graphrag-vectors/
# graphrag_vectors/index_schema.py:10 `DEFAULT_VECTOR_SIZE = 3072`, text-embedding-3-large's),
# set for all of them by `vector_store.vector_size` (vector_store_config.py:53-56) and per
# index by `vector_store.index_schema.<index>.vector_size` (index_schema.py:37-40;
# graph_rag_config.py:253-266 fills the unnamed ones from the first). lancedb.py:94-100 rejects
# a vector of another width ("Vector for document ... has dimension 1024, but index
# 'entity_description' is configured with vector_size 3072"). Only the `graphrag index`
# command measures the model and sets it (cli/index.py:110 `validate_config_names`);
# `graphrag.api.build_index` and the query API use the setting as written (t61a, run F1).
VECTOR_STORE = "vector_store"
VECTOR_SIZE = "vector_size"
VECTOR_SIZE_DEFAULT = 3072
INDEX_SCHEMA = "index_schema"
