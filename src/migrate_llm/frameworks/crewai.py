"""What crewAI looks like: its `LLM` class, the classes that take an `llm`, and its default.

Knowledge of the framework only; the prefix that routes a model to a provider is provider
data (`[frameworks] litellm_prefix` in providers/*.toml: crewAI takes litellm's prefixes).
Checked against crewai 1.15.17 (installed from PyPI; github.com/crewAIInc/crewAI), file named
beside each entry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# crewai/llm.py `class LLM(BaseLLM)`, `def __new__(cls, model: str, is_litellm=False,
# **kwargs)`; re-exported by crewai/__init__.py (`from crewai.llm import LLM`).
LLM_CLASSES = frozenset({"crewai.LLM", "crewai.llm.LLM"})
MODEL_KEYWORD = "model"
MODEL_POSITION = 0
# `LLM(..., base_url=...)` / `api_base=` point it at an endpoint of the program's choice;
# `provider=` picks crewAI's route whatever the model is (llm.py `explicit_provider`).
BASE_KEYWORDS = ("base_url", "api_base")
PROVIDER_KEYWORD = "provider"

# crewai/agent/core.py `class Agent(BaseAgent)`: `llm: str | BaseLLM | None = None`, made an
# LLM by `create_llm(self.llm)` (crewai/utilities/llm_utils.py: a string is `LLM(model=...)`,
# None the default below). crewai/crew.py `Crew.manager_llm` likewise (hierarchical crews).
# qualified name -> the keywords taking a model (a string or an LLM).
LLM_TAKERS: dict[str, tuple[str, ...]] = {
    "crewai.Agent": ("llm", "function_calling_llm"),
    "crewai.agent.Agent": ("llm", "function_calling_llm"),
    "crewai.agent.core.Agent": ("llm", "function_calling_llm"),
    "crewai.Crew": ("manager_llm", "function_calling_llm"),
    "crewai.crew.Crew": ("manager_llm", "function_calling_llm"),
}
# The classes that build crewAI's default LLM when given no `llm` (Agent only: a Crew's
# agents have their own).
DEFAULT_TAKERS = frozenset({"crewai.Agent", "crewai.agent.Agent", "crewai.agent.core.Agent"})
AGENT_LLM = "llm"

# The default LLM (llm_utils.py `_llm_via_environment_or_fallback`): the first of these
# variables that is set, else crewai/constants.py `DEFAULT_LLM_MODEL = "gpt-4.1-mini"`. A
# crewAI project's crew module loads its .env (crewai/project/crew_base.py `load_dotenv()`).
MODEL_ENV = ("MODEL", "MODEL_NAME", "OPENAI_MODEL_NAME")
DEFAULT_MODEL = "gpt-4.1-mini"

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

# What screening looks for: a module importing crewAI (bytes), and a .env line setting one of
# MODEL_ENV (`MODEL=...`, `export MODEL="..."`; text for the prefilter, bytes for the facts).
IMPORT = re.compile(rb"^[ \t]*\"?(?:import|from)[ \t]+crewai\b", re.MULTILINE)
_NAMES = "|".join(MODEL_ENV)
SETS_MODEL_TEXT = rf"(?m:^[ \t]*(?:export[ \t]+)?(?:{_NAMES})[ \t]*=[ \t]*[\"']?[^\s\"'#])"
SETS_MODEL = re.compile(SETS_MODEL_TEXT.encode())


def route_prefix(frameworks: Mapping[str, object]) -> str | None:
    """The prefix crewAI routes a provider's models by (its `[frameworks] litellm_prefix`),
    or None."""
    prefix = frameworks.get("litellm_prefix")
    return prefix if isinstance(prefix, str) else None


def via_litellm(prefix: str) -> bool:
    """Whether crewAI reaches a prefix through litellm (which then reads its own variables)."""
    return prefix not in NATIVE_PREFIXES


def route_note(prefix: str) -> str:
    """How crewAI reaches a prefix: its own route, or litellm's (an extra to install)."""
    if not via_litellm(prefix):
        return f"crewAI's {prefix} route"
    return f"litellm's {prefix} route: install {LITELLM_EXTRA}"
