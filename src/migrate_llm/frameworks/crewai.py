"""What crewAI looks like: its `LLM` class, the classes that take an `llm`, its default, and
what embeds with OpenAI when given no embedder.

Knowledge of the framework only; the prefix that routes a model to a provider is provider
data (`[frameworks] litellm_prefix` in providers/*.toml: crewAI takes litellm's prefixes).
Checked against crewai 1.15.17 (installed from PyPI; github.com/crewAIInc/crewAI), file named
beside each entry; what changed between releases against the wheels of 1.6.1, 1.11.1, 1.12.1
and 1.15.30 (PyPI); the embedders against crewai and crewai-tools 1.15.30.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# crewai/llm.py `class LLM(BaseLLM)`, `def __new__(cls, model: str, is_litellm=False,
# **kwargs)`; re-exported by crewai/__init__.py (`from crewai.llm import LLM`).
LLM_CLASSES = frozenset({"crewai.LLM", "crewai.llm.LLM"})
MODEL_KEYWORD = "model"
MODEL_POSITION = 0
# `LLM(..., base_url=...)` / `api_base=` point it at an endpoint of the program's choice;
# `provider=` picks crewAI's route whatever the model is (llm.py `_resolve_route`:
# `explicit_provider`). `provider="openai"` builds crewai/llms/providers/openai/completion.py
# `OpenAICompletion` with the model as written (no prefix taken off or needed) and an
# `openai.OpenAI(api_key=..., base_url=...)` client (`_get_client_params`: `base_url` or
# `api_base`, else OPENAI_BASE_URL / OPENAI_API_BASE; `api_key`, else OPENAI_API_KEY),
# sending chat completions: an OpenAI-compatible client for any endpoint (crewai 1.6.1 and
# 1.15.30 alike).
BASE_KEYWORDS = ("base_url", "api_base")
PROVIDER_KEYWORD = "provider"
OPENAI_CLIENT = "openai"  # the `provider=` value building crewAI's OpenAI client

# crewai/agent/core.py `class Agent(BaseAgent)`: `llm: str | BaseLLM | None = None`, made an
# LLM by `create_llm(self.llm)` (crewai/utilities/llm_utils.py: a string is `LLM(model=...)`,
# None the default below). crewai/crew.py `Crew.manager_llm` likewise (hierarchical crews),
# `Crew.planning_llm` (below) and `Crew.chat_llm` (utilities/crew_chat.py
# `create_llm(crew.chat_llm)`; crew.py `_memory_llm`); crewai/agent/planning_config.py
# `PlanningConfig.llm`, an agent's planning model (utilities/reasoning_handler.py and
# agents/planner_observer.py `_resolve_llm`: `create_llm(config.llm)`), re-exported by
# crewai/__init__.py.
# qualified name -> the keywords taking a model (a string or an LLM).
_CREW_LLMS = ("manager_llm", "function_calling_llm", "planning_llm", "chat_llm")
LLM_TAKERS: dict[str, tuple[str, ...]] = {
    "crewai.Agent": ("llm", "function_calling_llm"),
    "crewai.agent.Agent": ("llm", "function_calling_llm"),
    "crewai.agent.core.Agent": ("llm", "function_calling_llm"),
    "crewai.Crew": _CREW_LLMS,
    "crewai.crew.Crew": _CREW_LLMS,
    "crewai.PlanningConfig": ("llm",),
    "crewai.agent.planning_config.PlanningConfig": ("llm",),
}
# An agent's settings in a crewAI project's YAML (crewai/project/crew_base.py: a @CrewBase
# class loads `agents_config`, "config/agents.yaml" by default, one mapping per agent, and
# `_map_agent_variables` keeps its `llm` and `function_calling_llm` as written unless they
# name an @llm method of the class; `Agent(config=...)` then builds them as `llm=` strings
# are built). An agent's mapping is told by these keys beside them (`role`, `goal`: required
# by crewai/agents/agent_builder/base_agent.py `BaseAgent`).
AGENT_CONFIG_LLM_KEYS = ("llm", "function_calling_llm")
AGENT_CONFIG_KEYS = ("role", "goal")
# What a @CrewBase class reads them from (crew_base.py `_set_config_paths`: the class's
# `agents_config`, else this path; `_load_config`: relative to the directory of the class's
# module, `Path(inspect.getfile(cls)).parent`), loaded into `self.agents_config`; and
# `Agent(config=self.agents_config["x"])` (also `Agent(**self.agents_config["x"])`) takes
# each field of the entry that it is not given otherwise (utilities/config.py
# `process_config`: a field given as None is filled too), `llm` among them: checked with
# crewai 1.15.17, an entry's `llm: zai/glm-4-air-250414` is the agent's model.
CREW_BASE = "CrewBase"
AGENTS_CONFIG = "agents_config"
AGENTS_CONFIG_PATH = "config/agents.yaml"
AGENT_CONFIG_KEYWORD = "config"
# The classes that build crewAI's default LLM when given no `llm` (Agent only: a Crew's
# agents have their own).
DEFAULT_TAKERS = frozenset({"crewai.Agent", "crewai.agent.Agent", "crewai.agent.core.Agent"})
AGENT_LLM = "llm"

# The default LLM (llm_utils.py `_llm_via_environment_or_fallback`): the first of these
# variables that is set, else crewai/constants.py `DEFAULT_LLM_MODEL = "gpt-4.1-mini"`. A
# crewAI project's crew module loads its .env (crewai/project/crew_base.py `load_dotenv()`).
# Before 1.2.0 the fallback was "gpt-4o-mini" (crewai/cli/constants.py `DEFAULT_LLM_MODEL`
# in the PyPI wheels of 0.152.0, 1.0.0 and 1.1.0; "gpt-4.1-mini" in 1.2.0, 1.3.0, 1.6.1).
MODEL_ENV = ("MODEL", "MODEL_NAME", "OPENAI_MODEL_NAME")
DEFAULT_MODEL = "gpt-4.1-mini"
DEFAULT_MODEL_BEFORE = ("gpt-4o-mini", (1, 2, 0))
# crewai 1.0.0 made litellm an extra (`crewai[litellm]`, METADATA `Provides-Extra: litellm`);
# 0.x requires litellm itself and has no such extra (the wheels of 0.152.0: `litellm==1.74.3`,
# 0.203.2: `litellm==1.74.9`): pip warns of the unknown extra there.
FIRST_1 = (1, 0, 0)
# Without that extra (nor litellm itself) a model on litellm's route fails at once (t43f,
# crewai 1.6.1 from `crewai[tools]>=0.152.0`: "ImportError: Fallback to LiteLLM is not
# available"); crewai[tools] does not bring litellm. A uv.lock locking litellm installs it.
LITELLM_EXTRA_NAME = "litellm"
LITELLM_FAILURE = "ImportError: Fallback to LiteLLM is not available"
LOCKS_LITELLM = re.compile(rb'(?m)^name = "litellm"\r?$')

# How crewAI routes a model string (llm.py `LLM.__new__`): `<prefix>/<model>` goes to that
# provider, natively for these prefixes (llm.py `provider_mapping`; deepseek and dashscope
# through crewai/llms/providers/openai_compatible/completion.py, which reads DEEPSEEK_API_KEY /
# DEEPSEEK_BASE_URL and DASHSCOPE_API_KEY / DASHSCOPE_BASE_URL), any other prefix through
# litellm (the `crewai[litellm]` extra). A model without a prefix that crewAI does not know
# as another provider's goes to OpenAI (`_infer_provider_from_model` returns "openai").
NATIVE_PREFIXES = frozenset(
    {
        "openai",
        "anthropic",
        "claude",
        "azure",
        "azure_openai",
        "google",
        "gemini",
        "bedrock",
        "aws",
        "openrouter",
        "deepseek",
        "ollama",
        "ollama_chat",
        "hosted_vllm",
        "cerebras",
        "dashscope",
        "snowflake",
    }
)
LITELLM_EXTRA = "crewai[litellm]"
OPENAI_PREFIX = "openai"
# Why a provider's model goes to OpenAI (ML690's messages): written without a prefix, or after
# `openai/`, OpenAI's route (llm.py; litellm's `openai/` in crewai<1.0), which reads
# OPENAI_API_KEY and, given no base_url, OPENAI_BASE_URL / OPENAI_API_BASE, else
# api.openai.com (t43f: `LLM(model="openai/deepseek-flash")` sent the key there).
UNPREFIXED = "crewAI routes a model without a provider prefix there"
OPENAI_ROUTED = f"its {OPENAI_PREFIX}/ prefix picks OpenAI's route, with OPENAI_API_KEY"
OPENAI_BASE_ENV = ("OPENAI_BASE_URL", "OPENAI_API_BASE")

# The OpenAI-compatible prefixes crewAI routes natively only from 1.12.1 on (crewai 1.11.1's
# llm.py `provider_mapping` and `SUPPORTED_NATIVE_PROVIDERS` hold neither, 1.12.1's both; both
# wheels from PyPI). Before, `dashscope/qwen-plus` goes through litellm: "Fallback to LiteLLM is
# not available" without crewai[litellm], else litellm's variables (DASHSCOPE_API_BASE).
FIRST_COMPATIBLE_ROUTES = (1, 12, 1)
COMPATIBLE_PREFIXES = frozenset(
    {"openrouter", "deepseek", "ollama", "ollama_chat", "hosted_vllm", "cerebras", "dashscope"}
)
# What those routes read (openai_compatible/completion.py `OPENAI_COMPATIBLE_PROVIDERS`, the
# same in 1.12.1 and 1.15.30): prefix -> (base-URL variable, the URL used where it is unset).
# DashScope's default is the Singapore host: a Beijing key sent there is refused.
COMPATIBLE_BASE_URLS = {
    "deepseek": ("DEEPSEEK_BASE_URL", "https://api.deepseek.com/v1"),
    "dashscope": ("DASHSCOPE_BASE_URL", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"),
}
REQUIREMENT = "crewai"
# The version of crewai a uv.lock beside the project's pyproject.toml locks: its
# `[[package]]` table `name = "crewai"` followed by `version = "..."`, as uv writes them
# (crewAI-examples requires `crewai>=0.152.0` and locks 1.6.1). Read only for a project that
# imports crewAI whose requirements tell nothing of `FIRST_COMPATIBLE_ROUTES`.
LOCK_FILE = "uv.lock"
LOCKED = re.compile(rb'(?m)^name = "crewai"\r?\nversion = "([^"\s]+)"')
# A requirements file's crewai with a version specifier (`crewai[tools]==1.6.1`), as bytes.
# A requirements file naming crewai or litellm at all (`crewai[tools]`, unpinned), as bytes.
NAMES_CREWAI_OR_LITELLM = re.compile(rb"(?i)crewai|litellm")
REQUIRES_CREWAI = re.compile(rb"(?i)(?<![\w.-])crewai[\"']?[ \t]*(?:\[[^\]\n]*\][ \t]*)?[<>=!~^(]")

# An object that is not crewAI's (LangChain's ChatOpenAI) given as `llm=`: crewai 1.6.1's
# utilities/llm_utils.py `create_llm` builds `LLM(model=getattr(obj, "model", None) or ...,
# api_key=getattr(obj, "api_key", None), base_url=getattr(obj, "base_url", None), ...)`, and
# ChatOpenAI holds its key and URL as `openai_api_key` / `openai_api_base` (`api_key=`,
# `base_url=` are only its constructor's aliases): only the model is kept, so it goes to
# OpenAI. From crewai 1.11.1 `Agent.llm` is `str | InstanceOf[BaseLLM] | None` (agent/core.py;
# 1.11.0 still `| Any`): the object is refused.
FIRST_REFUSING_FOREIGN_LLM = (1, 11, 1)

# What embeds with OpenAI when given no embedder (checked against crewai 1.15.30 and
# crewai-tools 1.15.30, PyPI wheels, 2026-12-04):
# - knowledge: crewai/knowledge/storage/knowledge_storage.py builds no client without an
#   embedder, so `get_rag_client()` takes the default crewai/rag/chromadb/config.py
#   `_default_embedding_function`: chromadb's `OpenAIEmbeddingFunction(api_key=
#   os.getenv("OPENAI_API_KEY"), model_name="text-embedding-3-small")`, which raises at once
#   without that variable ("The OPENAI_API_KEY environment variable is not set"). crew.py
#   `create_crew_knowledge` passes `Crew.embedder`; agent/core.py `set_knowledge` the agent's
#   `embedder`, else its crew's.
# - memory: crew.py `create_crew_memory` gives `Memory(embedder=...)` the crew's `embedder`
#   (None without one); crewai/memory/unified_memory.py `_default_embedder()` is
#   `build_embedder({"provider": "openai", "config": {}})`, whose model is
#   rag/embeddings/providers/openai/openai_provider.py's `model_name="text-embedding-3-large"`;
#   `Memory(embedder=...)` takes the same specs.
# - crewai_tools' RAG tools (tools/rag/rag_tool.py `RagTool` and the classes deriving from it,
#   below): `config=` without an `embedding_model` entry builds the same chromadb default
#   when the tool is built (`_ensure_adapter`).
# An embedder is `{"provider": "openai", "config": {...}}` (rag/embeddings/providers/openai/
# types.py `OpenAIProviderConfig`: `api_key`, `model_name`, `api_base`, ...; a pydantic
# BaseSettings that also reads OPENAI_API_KEY / OPENAI_API_BASE when they are not given), sent
# by chromadb's `OpenAIEmbeddingFunction` (`base_url=api_base`), one request per batch of up to
# 100 texts (rag/chromadb/client.py `default_batch_size`).
EMBEDDER_KEYWORD = "embedder"
KNOWLEDGE_KEYWORD = "knowledge_sources"
MEMORY_KEYWORD = "memory"
KNOWLEDGE_MODEL = "text-embedding-3-small"
MEMORY_MODEL = "text-embedding-3-large"
EMBEDDER_PROVIDER = "openai"
# the keys of the embedder's config: model, key, base URL
EMBEDDER_MODEL_KEY = "model_name"
EMBEDDER_KEY_KEY = "api_key"
EMBEDDER_BASE_KEY = "api_base"
EMBEDDING_BATCH = 100
DEFAULT_EMBEDDER_KEY = "OPENAI_API_KEY"  # what the default embedders read
# An embedder spec's config names its model as `model_name` or `model` (openai_provider.py
# `_normalize_model_alias`); without one the provider's `model_name="text-embedding-3-large"`.
EMBEDDER_MODEL_KEYS = (EMBEDDER_MODEL_KEY, "model")
SPEC_DEFAULT_MODEL = "text-embedding-3-large"
# crewAI's openai embedder has no batch-size setting (OpenAIProviderConfig above; crewAI's
# knowledge storage builds `ChromaDBConfig(embedding_function=...)` with its default
# `batch_size=100`, memory embeds a save's texts in one call: memory/types.py `embed_texts`);
# an embedder of one's own is `{"provider": "custom", "config": {"embedding_callable": <an
# EmbeddingFunction class>}}` (rag/embeddings/factory.py, providers/custom/types.py)
CUSTOM_EMBEDDER = '{"provider": "custom", "config": {"embedding_callable": ...}}'
# How the openai embedder finds its key where its config gives none (crewai 1.15.30 and
# chromadb 1.5.9, its pin `chromadb~=1.5.9`; PyPI wheels, 2026-12-04): openai_provider.py's
# `api_key` is a BaseSettings field read from EMBEDDINGS_OPENAI_API_KEY, else OPENAI_API_KEY;
# with neither, chromadb's `OpenAIEmbeddingFunction(api_key=None)` reads OPENAI_API_KEY, and
# CHROMA_OPENAI_API_KEY only where OPENAI_API_KEY is unset. Given an `api_base` of another
# host and no `api_key`, it sends that OpenAI key there.
EMBEDDER_KEY_FIRST = "EMBEDDINGS_OPENAI_API_KEY"
# `LLM(api_key=...)`: the key crewAI sends to its base URL
KEY_KEYWORD = "api_key"
OPENAI_KEY_VARIABLE = "OPENAI_API_KEY"  # what its OpenAI route reads without one
# the classes whose `embedder=` their knowledge (and a Crew's memory) takes; an agent's
# `memory=True` builds `Memory()` (agents/agent_builder/base_agent.py `resolve_memory`), given
# an embedder as `memory=Memory(embedder=...)`
CREW_CLASSES = frozenset({"crewai.Crew", "crewai.crew.Crew"})
KNOWLEDGE_TAKERS = CREW_CLASSES | DEFAULT_TAKERS
MEMORY_CLASSES = frozenset(
    {"crewai.Memory", "crewai.memory.Memory", "crewai.memory.unified_memory.Memory"}
)
MEMORY_IMPORT = "from crewai import Memory"

# What memory analyses with (checked against the crewai wheels of 1.9.0, 1.10.1, 1.12.1, 1.14.1,
# 1.14.4, 1.14.6, 1.14.7, 1.15.0 and 1.15.30, PyPI, 2026-12-04): memory/unified_memory.py
# `Memory.llm`, a model string or an LLM (a string made `LLM(model=...)` when first needed, so
# routed as crewAI routes any), defaults to OpenAI's `MEMORY_LLM` (`MEMORY_LLM_BEFORE` from
# 1.10.1, where `Memory` appears, to 1.14.7), sent with OPENAI_API_KEY; it asks the model
# for the scope, categories and importance of what it saves, and to analyse deep recalls.
# - `Agent(memory=True)`: agents/agent_builder/base_agent.py `resolve_memory` builds
#   `Memory()`, from 1.15.0 `Memory(llm=self.llm)` where the agent was given an llm. That
#   validator is BaseAgent's, so it runs before agent/core.py `post_init_setup` makes the
#   default LLM of a missing one: an agent given no llm gets Memory's default whatever MODEL
#   sets. Before 1.15.0 it passes no llm, whatever the agent has (not reported: no pin tells
#   that release apart).
# - `Crew(memory=True)`: crew.py `create_crew_memory` passes, from 1.15.0, `_memory_llm()`:
#   the crew's `chat_llm`, else its first agent's `llm`, which that agent's validator has made
#   by then (its default model where it was given none: ML690's `Agent()` finding); before
#   1.15.0 none, so `MEMORY_LLM_BEFORE` (not reported, as above).
MEMORY_LLM_KEYWORD = "llm"
MEMORY_LLM = "gpt-5.4-mini"
MEMORY_LLM_BEFORE = ("gpt-4o-mini", (1, 15, 0))
MEMORY_LLM_KEY = "OPENAI_API_KEY"  # what `LLM(model=<an OpenAI model>)` reads

# What a crew plans with (checked against the crewai wheels of 1.6.1, 1.14.7, 1.15.0 and
# 1.15.30, PyPI, 2026-12-04): `Crew(planning=True)` runs crews/utils.py `prepare_kickoff` ->
# crew.py `_handle_crew_planning` -> utilities/planning_handler.py `CrewPlanner`, whose
# planning agent is `Agent(llm=planning_llm or PLANNING_LLM)`: OpenAI's model, with
# OPENAI_API_KEY, whatever the crew's agents run or MODEL sets (`PLANNING_LLM_BEFORE` before
# 1.15.0). An agent's own planning (`Agent(planning=True)`, the deprecated `reasoning=True`,
# `planning_config=PlanningConfig(...)`: agent/core.py) plans with `PlanningConfig.llm`, else
# the agent's llm (utilities/reasoning_handler.py `_resolve_llm`, agents/planner_observer.py):
# no default model of its own, so nothing to report beyond the agent's and a
# `PlanningConfig(llm=...)` given (`LLM_TAKERS`).
PLANNING_KEYWORD = "planning"
PLANNING_LLM_KEYWORD = "planning_llm"
PLANNING_LLM = "gpt-5.4-mini"
PLANNING_LLM_BEFORE = ("gpt-4o-mini", (1, 15, 0))
# crewai_tools' RAG tools: `config={"embedding_model": <embedder>}`; a config holding
# `embedder` is crewai-tools 0.x's (embedchain's) shape, left alone
TOOL_CONFIG_KEYWORD = "config"
TOOL_EMBEDDER_KEYS = ("embedding_model", "embedder")
_RAG_TOOLS = (  # (module under crewai_tools/tools/, class)
    ("rag.rag_tool", "RagTool"),
    ("code_docs_search_tool.code_docs_search_tool", "CodeDocsSearchTool"),
    ("csv_search_tool.csv_search_tool", "CSVSearchTool"),
    ("directory_search_tool.directory_search_tool", "DirectorySearchTool"),
    ("docx_search_tool.docx_search_tool", "DOCXSearchTool"),
    ("github_search_tool.github_search_tool", "GithubSearchTool"),
    ("json_search_tool.json_search_tool", "JSONSearchTool"),
    ("mdx_search_tool.mdx_search_tool", "MDXSearchTool"),
    ("mysql_search_tool.mysql_search_tool", "MySQLSearchTool"),
    ("pdf_search_tool.pdf_search_tool", "PDFSearchTool"),
    ("serply_api_tool.serply_job_search_tool", "SerplyJobSearchTool"),
    ("serply_api_tool.serply_webpage_to_markdown_tool", "SerplyWebpageToMarkdownTool"),
    ("txt_search_tool.txt_search_tool", "TXTSearchTool"),
    ("website_search.website_search_tool", "WebsiteSearchTool"),
    ("xml_search_tool.xml_search_tool", "XMLSearchTool"),
    ("youtube_channel_search_tool.youtube_channel_search_tool", "YoutubeChannelSearchTool"),
    ("youtube_video_search_tool.youtube_video_search_tool", "YoutubeVideoSearchTool"),
)
RAG_TOOLS = frozenset(
    name
    for module, cls in _RAG_TOOLS
    for name in (f"crewai_tools.{cls}", f"crewai_tools.tools.{module}.{cls}")
)

# What screening looks for: a module importing crewAI (bytes), and a .env line setting one of
# MODEL_ENV (`MODEL=...`, `export MODEL="..."`; text for the prefilter, bytes for the facts).
IMPORT = re.compile(rb"^[ \t]*\"?(?:import|from)[ \t]+crewai\b", re.MULTILINE)
_NAMES = "|".join(MODEL_ENV)
SETS_MODEL_TEXT = rf"(?m:^[ \t]*(?:export[ \t]+)?(?:{_NAMES})[ \t]*=[ \t]*[\"']?[^\s\"'#])"
SETS_MODEL = re.compile(SETS_MODEL_TEXT.encode())
# A .env line giving crewAI a model routed to another provider than OpenAI under a variable
# whose name is not OpenAI's (`MODEL=dashscope/qwen-plus`): nothing there names OpenAI.
_PLAIN_NAMES = "|".join(n for n in MODEL_ENV if "OPENAI" not in n)
ROUTED_MODEL = re.compile(
    rf"(?m)^[ \t]*(?:export[ \t]+)?(?:{_PLAIN_NAMES})[ \t]*=[ \t]*([\"']?)"
    rf"(?!{OPENAI_PREFIX}/)[\w.-]+/[\w.:/-]+\1[ \t]*(?:#.*)?$"
)


def default_model(rules: RuleContext) -> tuple[str, str]:
    """crewAI's fallback model for the project's crewai (`DEFAULT_MODEL`, or
    `DEFAULT_MODEL_BEFORE` where it pins crewai below `FIRST_1`), and how to name it in
    messages (both where the project's crewai may have either)."""
    older, first = DEFAULT_MODEL_BEFORE
    if rules.facts.crewai_1 is False:
        return older, older
    since = ".".join(map(str, first))
    return DEFAULT_MODEL, f"{DEFAULT_MODEL} ({older} before crewai {since})"


def missing_extra(rules: RuleContext, prefix: str) -> tuple[str, dict[str, object]] | None:
    """Why a model written after `prefix` cannot start where the project's crewai is 1.0 or
    later (`FIRST_1`), takes it on litellm's route (`route_of`) and its requirements name
    neither the `litellm` extra nor litellm (`RunFacts.crewai_litellm_missing_in`), with the
    finding's data; None where any of that is not known."""
    files = sorted(rules.facts.crewai_litellm_missing_in)
    if rules.facts.crewai_1 is not True or not files:
        return None
    route = route_of(rules, prefix)[1]
    if "litellm_route" not in route:
        return None
    first = ".".join(map(str, FIRST_COMPATIBLE_ROUTES))
    pinned = "" if via_litellm(prefix) else f" (the project pins crewai below {first})"
    named = ", ".join(files)
    verb = "requires" if len(files) == 1 else "require"
    since = ".".join(map(str, FIRST_1))
    text = (
        f"litellm's {prefix} route{pinned}, which crewai {since} and later load only with the "
        f"{LITELLM_EXTRA} extra, and {named} {verb} crewai without it: the program fails at "
        f"import ({LITELLM_FAILURE}); add the {LITELLM_EXTRA_NAME} extra to crewai there "
        f"({LITELLM_EXTRA}, beside any other extra)"
    )
    return text, {**route, "requirement_files": files, "requires": LITELLM_EXTRA}


def route_prefix(frameworks: Mapping[str, object]) -> str | None:
    """The prefix crewAI routes a provider's models by (its `[frameworks] litellm_prefix`),
    or None."""
    prefix = frameworks.get("litellm_prefix")
    return prefix if isinstance(prefix, str) else None


def via_litellm(prefix: str) -> bool:
    """Whether crewAI reaches a prefix through litellm (which then reads its own variables)."""
    return prefix not in NATIVE_PREFIXES


def route_of(rules: RuleContext, prefix: str) -> tuple[str, dict[str, str]]:
    """How crewAI reaches the target's models written after `prefix`, in words, and the
    finding's data for apply's Next line: litellm's route (`litellm_route`, with the extra to
    install), or crewAI's own. A route crewAI has only from `FIRST_COMPATIBLE_ROUTES` on is
    litellm's where the project pins crewai below it, and both are named where no pin tells
    (`crewai_routes_from`). Where crewAI's own route defaults to another host than the run's
    region (DashScope's Singapore one), its base-URL variable must name the region's URL
    (`crewai_base_url_env`, `crewai_base_url`: the default)."""
    # crewai<1.0 requires litellm itself: no extra to install
    install = f": install {LITELLM_EXTRA}" if rules.facts.crewai_1 is not False else ""
    litellm = f"litellm's {prefix} route{install}"
    if via_litellm(prefix):
        return litellm, {"litellm_route": prefix}
    native = f"crewAI's {prefix} route"
    if prefix not in COMPATIBLE_PREFIXES:
        return native, {}
    first = ".".join(map(str, FIRST_COMPATIBLE_ROUTES))
    routes = rules.facts.crewai_routes
    if routes is False:
        pinned = f"litellm's {prefix} route (the project pins crewai below {first})"
        return f"{pinned}{install}", {"litellm_route": prefix}
    if routes is None:
        native += f" in crewai>={first}"
    data = {"crewai_route": prefix}
    region = _region_default(rules, prefix)
    if region:
        variable, default = COMPATIBLE_BASE_URLS[prefix]
        native += f", {region}"
        data |= {"crewai_base_url_env": variable, "crewai_base_url": default}
    if routes:
        return native, data
    provider = rules.provider
    assert provider is not None
    base = provider.frameworks.get("litellm_base_url_env")
    setting = f" and set {base}={rules.base_url}" if isinstance(base, str) else ""
    data["crewai_routes_from"] = first
    return f"{native}; in older releases {litellm}{setting}", data


def _region_default(rules: RuleContext, prefix: str) -> str:
    """Where crewAI's own route for `prefix` goes by default, when that is another host than
    the run's base URL, and what to set instead; "" when it is the same host."""
    provider, url = rules.provider, rules.base_url
    known = COMPATIBLE_BASE_URLS.get(prefix)
    if provider is None or url is None or known is None:
        return ""
    variable, default = known
    host = urlsplit(default).hostname
    if host == urlsplit(url).hostname:
        return ""
    names = {urlsplit(u).hostname: r for r, u in provider.regions.items()}
    region = names.get(host)
    chosen = names.get(urlsplit(url).hostname)
    return (
        f"which reads {variable}, else {default}"
        + (f" (region {region})" if region else "")
        + f": set {variable}={url}"
        + (f" for region {chosen}" if chosen else "")
    )
