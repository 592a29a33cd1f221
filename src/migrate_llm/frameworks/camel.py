"""What camel (camel-ai) looks like where it reaches OpenAI (ML670): its model platforms, the
classes that build a model on its default platform, its model files, its OpenAI embedding and
speech, and the classes that build those when given none.

Checked against camel-ai 0.2.91a5 (github.com/camel-ai/camel, commit 13dc7a7dda66, checked
2026-12-05); each entry names the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass

PACKAGE = "camel-ai"
MODULE = "camel"

# camel/models/openai_model.py:125-149: the OpenAI backend requires OPENAI_API_KEY and sends
# to `url or OPENAI_API_BASE_URL` (api.openai.com when unset); so does OpenAIEmbedding
# (camel/embeddings/openai_embedding.py:45-73).
VARIABLES = ("OPENAI_API_KEY", "OPENAI_API_BASE_URL")

# camel/types/enums.py:1973 `DEFAULT = os.getenv("DEFAULT_MODEL_PLATFORM_TYPE", "openai")` and
# :34 `DEFAULT = os.getenv("DEFAULT_MODEL_TYPE", "gpt-4.1-mini-2025-04-14")`: read when
# camel.types is imported.
PLATFORM_VARIABLE = "DEFAULT_MODEL_PLATFORM_TYPE"
MODEL_VARIABLE = "DEFAULT_MODEL_TYPE"
DEFAULT_MODEL = "gpt-4.1-mini-2025-04-14"

# The enum and its members that mean OpenAI (enums.py:1972-1975), and the string
# `ModelFactory.create` turns into OPENAI (camel/models/model_factory.py:194-196).
PLATFORM_ENUM = "ModelPlatformType"
OPENAI_MEMBER = "OPENAI"
DEFAULT_MEMBER = "DEFAULT"
OPENAI_PLATFORM_STRINGS = frozenset({"openai"})
MODEL_ENUM = "ModelType"
EMBEDDING_ENUM = "EmbeddingModelType"

# camel's ModelType members of OpenAI's models and what they send (enums.py:36-62, the set
# of `ModelType.is_openai`, :638-668), and its OpenAI embedding models (enums.py:1791-1794).
OPENAI_MODEL_TYPES = {
    "GPT_3_5_TURBO": "gpt-3.5-turbo",
    "GPT_4": "gpt-4",
    "GPT_4_TURBO": "gpt-4-turbo",
    "GPT_4O": "gpt-4o",
    "GPT_4O_MINI": "gpt-4o-mini",
    "GPT_4_5_PREVIEW": "gpt-4.5-preview",
    "O1": "o1",
    "O1_PREVIEW": "o1-preview",
    "O1_MINI": "o1-mini",
    "O3_MINI": "o3-mini",
    "GPT_4_1": "gpt-4.1",
    "GPT_4_1_MINI": "gpt-4.1-mini-2025-04-14",
    "GPT_4_1_NANO": "gpt-4.1-nano-2025-04-14",
    "O4_MINI": "o4-mini",
    "O3": "o3",
    "O3_PRO": "o3-pro",
    "GPT_5_1": "gpt-5.1",
    "GPT_5_2": "gpt-5.2",
    "GPT_5_4": "gpt-5.4",
    "GPT_5_4_MINI": "gpt-5.4-mini-2026-03-17",
    "GPT_5_4_NANO": "gpt-5.4-nano-2026-03-17",
    "GPT_5_4_PRO": "gpt-5.5-pro-2026-04-23",
    "GPT_5_5": "gpt-5.5",
    "GPT_5_5_PRO": "gpt-5.5-pro-2026-04-23",
    "GPT_5": "gpt-5",
    "GPT_5_MINI": "gpt-5-mini",
    "GPT_5_NANO": "gpt-5-nano",
}
OPENAI_EMBEDDING_TYPES = {
    "TEXT_EMBEDDING_ADA_2": "text-embedding-ada-002",
    "TEXT_EMBEDDING_3_SMALL": "text-embedding-3-small",
    "TEXT_EMBEDDING_3_LARGE": "text-embedding-3-large",
}

# `ModelFactory.create(model_platform, model_type, model_config_dict=None, token_counter=None,
# api_key=None, url=None, ..., client=None, ...)` (model_factory.py:131-143): the platform's
# backend (model_factory.py:84-122) sends to `url=` or a `client=` of one's own when given.
FACTORY_CALLS = frozenset(
    {"camel.models.ModelFactory.create", "camel.models.model_factory.ModelFactory.create"}
)
FACTORY_PLATFORM = ("model_platform", 0)
FACTORY_MODEL = ("model_type", 1)
FACTORY_OWN_KEYWORDS = ("url", "client")
FACTORY_URL = ("url", 5)
FACTORY_KEY = ("api_key", 4)
# OpenAIModel.__init__ is decorated `@api_keys_required([("api_key", "OPENAI_API_KEY")])`
# (models/openai_model.py:125-129): given a `client=` of one's own but no `api_key=`, it
# raises ValueError when OPENAI_API_KEY is unset, though the client holds its own key (t53g
# D4: profiling/chatagent_overhead.py once its OpenAI() client was moved).
# It builds its async client (without `async_client=`) from `api_key=` and `url=` or
# OPENAI_API_BASE_URL, OpenAI's URL when unset (openai_model.py:186-207).
CLIENT_KEY_VARIABLE = "OPENAI_API_KEY"
FACTORY_CONFIG = ("model_config_dict", 2)

# `ModelFactory.create_from_yaml(filepath)` / `create_from_json(filepath)` load the file's
# mapping, turn its `model_platform` into the ModelPlatformType member of that name (upper-cased,
# or `ModelPlatformType.NAME`: `tongyi-qianwen`, a value, is refused) and pass every entry to
# `ModelFactory.create(**config)` (model_factory.py:239-273, 307-351): `model_type`, `url`,
# `api_key`, `model_config_dict`... `openai` (or `default`, whose value is "openai" unless
# DEFAULT_MODEL_PLATFORM_TYPE says otherwise) picks the OpenAI backend.
FILE_LOADERS = frozenset(
    f"{module}.ModelFactory.{method}"
    for module in ("camel.models", "camel.models.model_factory")
    for method in ("create_from_yaml", "create_from_json")
)
FILE_PATH = ("filepath", 0)
FILE_PLATFORM_KEY = "model_platform"
FILE_MODEL_KEY = "model_type"
FILE_URL_KEY = "url"
OPENAI_FILE_PLATFORMS = frozenset({OPENAI_MEMBER, DEFAULT_MEMBER})
# The platform that is none of the providers' own and sends to the `url=` it is given
# (models/openai_compatible_model.py:107-131).
COMPATIBLE_MEMBER = "OPENAI_COMPATIBLE_MODEL"

# `model_config_dict=` is the request's arguments: the backend sends its entries as they are
# (models/base_model.py:277-279 keeps the dict; openai_compatible_model.py:353-362 spreads it
# into `chat.completions.create`, MinimaxModel adding only its thinking switch:
# minimax_model.py:117-128). It is written as a dict or as a config object's `as_dict()`:
# camel.configs' `ChatGPTConfig`, `MinimaxConfig`, `QwenConfig`, ... (all `BaseConfig`
# subclasses named `*Config`, exported by camel/configs/__init__.py), whose fields are the
# request's keywords with the None ones left out (configs/base_config.py:64-86). A config
# takes only its own fields (`extra="forbid"`, base_config.py:31-36): a field cannot be
# renamed or added to, only changed or removed.
CONFIG_MODULE = "camel.configs"
CONFIG_SUFFIX = "Config"
CONFIG_TO_DICT = "as_dict"

# Classes that build a model on the default platform when given no model, a model name or a
# `ModelType` (the keyword and position of that argument, not counting `self`; None: keyword
# only). ChatAgent resolves None through `ModelFactory.create(ModelPlatformType.DEFAULT,
# ModelType.DEFAULT)` and a string or ModelType through `ModelPlatformType.DEFAULT`
# (camel/agents/chat_agent.py:722-746; a list of them: :775-800; a (platform, type) tuple
# picks that platform: :747-753). Its subclasses pass `model` on (agents/critic_agent.py:67-70,
# task_agent.py:60-62, 147-149, 228-232, 338-341, role_assignment_agent.py:49-51,
# search_agent.py:46-48, knowledge_graph_agent.py:125-127, mcp_agent.py:129-146,
# repo_agent.py:122-141). RolePlaying builds its agents with `model=` when given, else each on
# the default (societies/role_playing.py:103, 118, 248-252, 390-398); Workforce its
# coordinator and task agents with `default_model=` (societies/workforce/workforce.py:
# 325-330, 411-421, 472-478).
_AGENTS = {
    "ChatAgent": ("model", 1),
    "CriticAgent": ("model", 1),
    "TaskSpecifyAgent": ("model", 0),
    "TaskPlannerAgent": ("model", 0),
    "TaskCreationAgent": ("model", 2),
    "TaskPrioritizationAgent": ("model", 1),
    "RoleAssignmentAgent": ("model", 0),
    "SearchAgent": ("model", 0),
    "KnowledgeGraphAgent": ("model", 0),
    "MCPAgent": ("model", 1),
    "RepoAgent": ("model", 3),
}
_AGENT_MODULES = {
    "ChatAgent": "chat_agent",
    "CriticAgent": "critic_agent",
    "TaskSpecifyAgent": "task_agent",
    "TaskPlannerAgent": "task_agent",
    "TaskCreationAgent": "task_agent",
    "TaskPrioritizationAgent": "task_agent",
    "RoleAssignmentAgent": "role_assignment_agent",
    "SearchAgent": "search_agent",
    "KnowledgeGraphAgent": "knowledge_graph_agent",
    "MCPAgent": "mcp_agent",
    "RepoAgent": "repo_agent",
}
# Toolkits and PersonaHub take a model object and build one on the default platform without
# it: ImageAnalysisToolkit through `ModelFactory.create(ModelPlatformType.DEFAULT,
# ModelType.DEFAULT)` (toolkits/image_analysis_toolkit.py:39-63), VideoAnalysisToolkit
# (video_analysis_toolkit.py:124-128, 160-179) and AudioAnalysisToolkit for its reasoning
# agent (audio_analysis_toolkit.py:86-91, 126-131) through `ChatAgent()`, PersonaHub through
# `ChatAgent(model=None)` (personas/persona_hub.py:59-63, 122-124, 172-174); exported by
# camel/toolkits/__init__.py:62-66 and camel/personas/__init__.py:15.
_TOOLKITS = {
    "ImageAnalysisToolkit": ("model", 0, "image_analysis_toolkit"),
    "VideoAnalysisToolkit": ("model", 1, "video_analysis_toolkit"),
    "AudioAnalysisToolkit": ("audio_reasoning_model", 2, "audio_analysis_toolkit"),
}
MODEL_TAKERS: dict[str, tuple[str, int | None]] = {
    **{f"camel.agents.{name}": at for name, at in _AGENTS.items()},
    **{f"camel.agents.{_AGENT_MODULES[name]}.{name}": at for name, at in _AGENTS.items()},
    "camel.societies.RolePlaying": ("model", None),
    "camel.societies.role_playing.RolePlaying": ("model", None),
    "camel.societies.workforce.Workforce": ("default_model", 5),
    "camel.societies.workforce.workforce.Workforce": ("default_model", 5),
    **{f"camel.toolkits.{name}": (k, i) for name, (k, i, _) in _TOOLKITS.items()},
    **{f"camel.toolkits.{m}.{name}": (k, i) for name, (k, i, m) in _TOOLKITS.items()},
    "camel.personas.PersonaHub": ("model", 0),
    "camel.personas.persona_hub.PersonaHub": ("model", 0),
}

# `OpenAIModel(model_type, model_config_dict=None, api_key=None, url=None, ..., client=None,
# ...)`, camel's OpenAI backend built directly (models/openai_model.py:130-144; exported by
# camel/models/__init__.py): what `ModelFactory.create` builds for OpenAI's platform, reading
# the same variables; it sends to `url=` or a `client=` of one's own when given.
BACKENDS = frozenset({"camel.models.OpenAIModel", "camel.models.openai_model.OpenAIModel"})
BACKEND_MODEL = ("model_type", 0)
BACKEND_URL = ("url", 3)
BACKEND_CLIENT = ("client", 7)

# `OpenAIEmbedding(model_type=EmbeddingModelType.TEXT_EMBEDDING_3_SMALL, url=None,
# api_key=None)` takes OpenAI's models only (openai_embedding.py:50-60); camel's
# `OpenAICompatibleEmbedding(model_type, api_key=None, url=None, output_dim=None)`
# (camel/embeddings/openai_compatible_embedding.py:45-64) sends any model to `url`.
EMBEDDINGS = frozenset(
    {"camel.embeddings.OpenAIEmbedding", "camel.embeddings.openai_embedding.OpenAIEmbedding"}
)
EMBEDDING_DEFAULT = "text-embedding-3-small"

# Classes that build `OpenAIEmbedding()` when given no embedding model (the keyword and
# position of that argument, not counting `self`): `embedding_model or OpenAIEmbedding()` in
# VectorRetriever (retrievers/vector_retriever.py:51-63) and AutoRetriever
# (auto_retriever.py:56-64); HybridRetriever passes its own on to VectorRetriever
# (hybrid_retrival.py:24-38). Exported by camel/retrievers/__init__.py.
_RETRIEVERS = {
    "VectorRetriever": ("embedding_model", 0, "vector_retriever"),
    "AutoRetriever": ("embedding_model", 3, "auto_retriever"),
    "HybridRetriever": ("embedding_model", 0, "hybrid_retrival"),
}
EMBEDDING_TAKERS: dict[str, tuple[str, int | None]] = {
    **{f"camel.retrievers.{name}": (k, i) for name, (k, i, _) in _RETRIEVERS.items()},
    **{f"camel.retrievers.{m}.{name}": (k, i) for name, (k, i, m) in _RETRIEVERS.items()},
}
COMPATIBLE_EMBEDDING = "OpenAICompatibleEmbedding"

# `OpenAIAudioModels(api_key=None, url=None, timeout=None)` builds OpenAI clients on
# `url or OPENAI_API_BASE_URL` and `api_key or OPENAI_API_KEY` for text to speech (tts-1) and
# speech to text (whisper-1) (camel/models/openai_audio_models.py:24-49; exported by
# camel/models/__init__.py:49).
AUDIO = frozenset(
    {"camel.models.OpenAIAudioModels", "camel.models.openai_audio_models.OpenAIAudioModels"}
)
AUDIO_KEYWORDS = ("url", "api_key")
# AudioAnalysisToolkit builds `OpenAIAudioModels()` to transcribe when given no
# `transcribe_model=` (toolkits/audio_analysis_toolkit.py:86-91, 117-120), whose
# `speech_to_text` always sends whisper-1 (openai_audio_models.py:200-271).
SPEECH_TAKERS: dict[str, tuple[str, int | None]] = {
    "camel.toolkits.AudioAnalysisToolkit": ("transcribe_model", 1),
    "camel.toolkits.audio_analysis_toolkit.AudioAnalysisToolkit": ("transcribe_model", 1),
}
SPEECH_MODEL = "whisper-1"


@dataclass(frozen=True)
class CamelPlatform:
    """A camel model platform: `member` of ModelPlatformType, `value` (what
    DEFAULT_MODEL_PLATFORM_TYPE takes), the variables its backend reads for the key and the
    base URL when `ModelFactory.create` is given neither, and `source` (file and line)."""

    member: str
    value: str
    api_key_env: str
    base_url_env: str
    source: str


# Provider id -> camel's own platform for it (ModelFactory's table: model_factory.py:84-122;
# values: enums.py:1988-2017).
PLATFORMS: dict[str, CamelPlatform] = {
    "qwen": CamelPlatform(
        "QWEN", "tongyi-qianwen", "QWEN_API_KEY", "QWEN_API_BASE_URL", "models/qwen_model.py:57-77"
    ),
    "deepseek": CamelPlatform(
        "DEEPSEEK",
        "deepseek",
        "DEEPSEEK_API_KEY",
        "DEEPSEEK_API_BASE_URL",
        "models/deepseek_model.py:111-131",
    ),
    "zhipu": CamelPlatform(
        "ZHIPU",
        "zhipuai",
        "ZHIPUAI_API_KEY",
        "ZHIPUAI_API_BASE_URL",
        "models/zhipuai_model.py:65-84",
    ),
    # camel's default base URL is the international https://api.moonshot.ai/v1 (:102-103)
    "moonshot": CamelPlatform(
        "MOONSHOT",
        "moonshot",
        "MOONSHOT_API_KEY",
        "MOONSHOT_API_BASE_URL",
        "models/moonshot_model.py:84-104",
    ),
    "yi": CamelPlatform(
        "YI", "lingyiwanwu", "YI_API_KEY", "YI_API_BASE_URL", "models/yi_model.py:57-76"
    ),
    "siliconflow": CamelPlatform(
        "SILICONFLOW",
        "siliconflow",
        "SILICONFLOW_API_KEY",
        "SILICONFLOW_API_BASE_URL",
        "models/siliconflow_model.py:59-79",
    ),
    "doubao": CamelPlatform(
        "VOLCANO",
        "volcano",
        "VOLCANO_API_KEY",
        "VOLCANO_API_BASE_URL",
        "models/volcano_model.py:55-77",
    ),
    "ernie": CamelPlatform(
        "QIANFAN",
        "qianfan",
        "QIANFAN_API_KEY",
        "QIANFAN_API_BASE_URL",
        "models/qianfan_model.py:59-79",
    ),
    "minimax": CamelPlatform(
        "MINIMAX",
        "minimax",
        "MINIMAX_API_KEY",
        "MINIMAX_API_BASE_URL",
        "models/minimax_model.py:59-76",
    ),
}

# Any other provider: camel's OpenAI-compatible platform, which reads these when not given
# `api_key=` / `url=` (models/openai_compatible_model.py:130-131).
COMPATIBLE = CamelPlatform(
    "OPENAI_COMPATIBLE_MODEL",
    "openai-compatible-model",
    "OPENAI_COMPATIBILITY_API_KEY",
    "OPENAI_COMPATIBILITY_API_BASE_URL",
    "models/openai_compatible_model.py:130-131",
)

# The variables of that platform and of camel's OpenAI-compatible embedding hold the key and
# base URL of whatever server they are given (embeddings/openai_compatible_embedding.py:55-58,
# models/openai_compatible_model.py:130-131): named OPENAI_*, but never OpenAI's (t53g D2:
# renamed, the provider's key went to that other server).
SERVER_VARIABLES = (COMPATIBLE.api_key_env, COMPATIBLE.base_url_env)
