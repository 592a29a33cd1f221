"""What agno (formerly phidata) looks like: its OpenAI classes, its defaults, its model strings
(ML685).

Knowledge of the framework only; what a provider serves is in `providers/*.toml`.

Checked against agno 3.1.10 (PyPI wheel; github.com/agno-agi/agno under libs/agno/agno/), file
named beside each entry. Each OpenAI class is a dataclass that takes the model as `id` (its
first field: `OpenAIChat("gpt-4o")`), `api_key=None` (then OPENAI_API_KEY; the models raise
without it), `base_url=None` (the SDK then reads OPENAI_BASE_URL, else api.openai.com) and
`organization`, and hands them to `openai.OpenAI(...)`.
"""

from __future__ import annotations

import re

from migrate_llm.frameworks import FrameworkClass

FRAMEWORK = "agno"
LABEL = "agno"

KEY = "api_key"
BASE_URL = "base_url"
MODEL = "id"
DIMENSIONS = "dimensions"

# kind "responses": sends OpenAI's Responses API (`client.responses.create`).
RESPONSES = "responses"

# models/openai/like.py `OpenAILike(OpenAIChat)`: `id="not-provided"`,
# `api_key="not-provided"`, and a `default_role_map` that keeps "system" (OpenAIChat's sends
# the system prompt as "developer", which not every provider takes).
OPENAI_LIKE = "agno.models.openai.OpenAILike"
OPENAI_LIKE_IMPORT = "from agno.models.openai import OpenAILike"
OPENAI_LIKE_NAME = "OpenAILike"
# OpenAIChat's `supports_native_structured_outputs: bool = True` (models/openai/chat.py L45;
# agno 2.9.0: L44; OpenAILike inherits it): an agent given an `output_schema` (agno 1.x:
# `response_model`) then sends `response_format` type json_schema, and so do agno's memory
# manager, session summaries and follow-ups (memory/manager.py L646, session/summary.py L105,
# agent/_response.py L1722); False makes `get_response_format` (agent/_response.py L857-896)
# send {"type": "json_object"} and put the schema in the system prompt (agent/_messages.py
# L1185-1195). agno 1.0.0 to 1.1.13 named the field `supports_structured_outputs`, renamed in
# 1.1.14 (github.com/agno-agi/agno commit 626db7e; tag v1.1.14, models/openai/chat.py L44).
NATIVE_OUTPUTS = "supports_native_structured_outputs"
OLD_NATIVE_OUTPUTS = "supports_structured_outputs"
FIRST_NATIVE_OUTPUTS = (1, 1, 14)
# What a requirements file's bytes hold where it may pin agno: the name, then a specifier's
# first character (`agno==1.1.5`, TOML's `agno = "^1.1"`), as `li.REQUIRES_LLAMA_INDEX`.
REQUIRES_AGNO = re.compile(rb"(?i)(?<![\w.-])agno[\"']?[ \t]*(?:\[[^\]\n]*\][ \t]*)?[<>=!~^(]")
# OpenAIChat's `invoke_stream` / `ainvoke_stream` pass `stream_options={"include_usage": True}`
# with every streamed request; no field leaves it out (models/openai/chat.py L601, L688; agno
# 1.0.0 to 2.9.0 alike). A run streams given `stream=True`: the agent's `stream` field
# (agent/agent.py L349, `Agent.__init__` L513), `print_response(stream=...)` (L1298) or
# `run(stream=...)` (L1526).
STREAM_OPTIONS = "stream_options"
STREAM = "stream"

# OpenAIChat's `extra_body: Optional[Any] = None` (models/openai/chat.py L74; OpenAILike
# inherits it), handed to `chat.completions.create` with each request (`get_request_params`
# L222, `**self.get_request_params(...)` L422-689): where the class becomes OpenAILike for a
# model that thinks by default, the provider's switch turning that off goes there (ML118).
EXTRA_BODY = "extra_body"

EMBEDDER_NAME = "OpenAIEmbedder"
EMBEDDER_IMPORT = "from agno.knowledge.embedder.openai import OpenAIEmbedder"


def _entry(name: str, kind: str, default_model: str, *modules: str, **more) -> dict:
    entry = FrameworkClass(
        FRAMEWORK,
        name,
        kind,
        (MODEL,),
        (KEY,),
        (BASE_URL,),
        default_model,
        drop=frozenset({"organization"}),
        model_position=0,
        **more,
    )
    return {f"agno.{module}.{name}": entry for module in modules}


# Qualified name -> class.
CLASSES: dict[str, FrameworkClass] = {
    # models/openai/chat.py (re-exported by models/openai/__init__.py): chat completions,
    # `id="gpt-5.4-mini"`
    **_entry(
        "OpenAIChat",
        "chat",
        "gpt-5.4-mini",
        "models.openai",
        "models.openai.chat",
        replacement=OPENAI_LIKE,
        extra_body=EXTRA_BODY,
    ),
    # models/openai/responses.py: the Responses API, `id="gpt-5.4-mini"`
    **_entry(
        "OpenAIResponses", RESPONSES, "gpt-5.4-mini", "models.openai", "models.openai.responses"
    ),
    # knowledge/embedder/openai.py (agno 1.x: embedder/openai.py, the same keywords):
    # `id="text-embedding-3-small"`; `dimensions` None becomes 1536 (3072 for
    # text-embedding-3-large) and is sent with every request given a `base_url`
    **_entry(
        "OpenAIEmbedder",
        "embeddings",
        "text-embedding-3-small",
        "knowledge.embedder.openai",
        "embedder.openai",
        dimensions=DIMENSIONS,
        sends_dimensions=True,
    ),
}
# What OpenAIEmbedder sends as `dimensions` to a base URL of its own when given none.
EMBEDDER_DIMENSIONS = 1536

# agent/agent.py `Agent.__init__(self, *, model=None, ...)`, team/team.py `Team.__init__(self,
# members, *, model=None, ...)`: each keyword below takes a Model or a "provider:model"
# string (agent/_init.py, team/_init.py: `get_model(...)`).
AGENT_CLASSES = frozenset({"agno.agent.Agent", "agno.agent.agent.Agent"})
TEAM_CLASSES = frozenset({"agno.team.Team", "agno.team.team.Team"})
TEAM_MODULE = "agno.team"
MODEL_KEYWORDS = ("model", "reasoning_model", "parser_model", "output_model", "followup_model")
AGENT_MODEL = "model"

# The methods that run an agent or a team on its model: agent/agent.py `print_response`
# (L1286), `aprint_response` (L1344), `run` (L1468-1522), `arun` (L1575-1629); team/team.py
# likewise (L863-1025, L1284, L1344). Each takes `images: Optional[Sequence[Image]]`, sent to
# the model with the input as image parts (`agno.media.Image`); an Agent or Team takes no
# `images=` of its own (agno 3.x; Team's `images` field holds what a run made).
RUN_METHODS = frozenset({"run", "arun", "print_response", "aprint_response"})
IMAGES = "images"

# Given no `model`, agent/_init.py `set_default_model` (team/_init.py likewise) builds
# `OpenAIResponses(id="gpt-5.4")`; a team's member agent without one takes the team's
# (team/_init.py `_initialize_member`).
DEFAULT_CLASS = "OpenAIResponses"
DEFAULT_MODEL = "gpt-5.4"

# models/utils.py `_parse_model_string`: "<provider>:<id>", split at the first colon, the
# provider looked up in `_PROVIDERS`, the class built as `cls(id=...)`: these three build an
# OpenAI class (OpenAI's key, no base URL), whatever the model.
OPENAI_PREFIXES = {
    "openai:": "OpenAIResponses",
    "openai-responses:": "OpenAIResponses",
    "openai-chat:": "OpenAIChat",
}

# Vector databases that build `OpenAIEmbedder()` when given no `embedder` (`if embedder is
# None: ... embedder = OpenAIEmbedder()` in each `__init__`): qualified name -> the position
# of `embedder` among the positional parameters.
_VECTOR_DBS = (  # (package, module, class, position of `embedder`)
    ("pgvector", "pgvector", "PgVector", 7),
    ("lancedb", "lance_db", "LanceDb", 10),
    ("chroma", "chromadb", "ChromaDb", 4),
    ("qdrant", "qdrant", "Qdrant", 4),
    ("milvus", "milvus", "Milvus", 4),
    ("mongodb", "mongodb", "MongoDb", 6),
    ("weaviate", "weaviate", "Weaviate", 10),
    ("pineconedb", "pineconedb", "PineconeDb", 5),
    ("redis", "redisdb", "RedisDb", 3),
)
VECTOR_DBS: dict[str, int] = {
    f"agno.vectordb.{package}{module}.{name}": position
    for package, inner, name, position in _VECTOR_DBS
    for module in ("", f".{inner}")
}
EMBEDDER_KEYWORD = "embedder"
