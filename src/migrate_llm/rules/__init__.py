"""The rule registry: every rule, in code order. Users extend providers, not rules.

The rule modules import libcst; they are imported on first use of `PYTHON_RULES`,
`all_rules()` or `rule_by_code()`, so that importing `migrate_llm.rules.base` (the engine,
`--help`, `providers`) stays light.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migrate_llm.rules.base import Rule
    from migrate_llm.rules.python import PythonRule


@functools.cache
def python_rules() -> tuple[type[PythonRule], ...]:
    """The Python rules, in the order they report."""
    from migrate_llm.rules.calls import CALL_RULES
    from migrate_llm.rules.clients import CLIENT_RULES
    from migrate_llm.rules.compat import COMPAT_RULES
    from migrate_llm.rules.environment import ENVIRONMENT_RULES
    from migrate_llm.rules.error_tests import OPENAI_ERROR_TEST_RULES
    from migrate_llm.rules.framework_agents import AGENTS_RULES
    from migrate_llm.rules.framework_agno import AGNO_RULES
    from migrate_llm.rules.framework_aider import AIDER_RULES
    from migrate_llm.rules.framework_autogen import AUTOGEN_RULES
    from migrate_llm.rules.framework_browser_use import BROWSER_USE_RULES
    from migrate_llm.rules.framework_crewai import CREWAI_RULES
    from migrate_llm.rules.framework_crewai_embedders import CREWAI_EMBEDDER_RULES
    from migrate_llm.rules.framework_graphiti import GRAPHITI_RULES
    from migrate_llm.rules.framework_guidance import GUIDANCE_RULES
    from migrate_llm.rules.framework_haystack import HAYSTACK_RULES
    from migrate_llm.rules.framework_instructor import INSTRUCTOR_RULES
    from migrate_llm.rules.framework_instructor_defaults import INSTRUCTOR_DEFAULT_RULES
    from migrate_llm.rules.framework_instructor_responses import INSTRUCTOR_RESPONSE_RULES
    from migrate_llm.rules.framework_langchain import LANGCHAIN_RULES
    from migrate_llm.rules.framework_langchain_runtime import LANGCHAIN_RUNTIME_RULES
    from migrate_llm.rules.framework_langroid import LANGROID_RULES
    from migrate_llm.rules.framework_libraries import LIBRARY_RULES
    from migrate_llm.rules.framework_litellm import LITELLM_RULES
    from migrate_llm.rules.framework_litellm_routes import LITELLM_ROUTE_RULES
    from migrate_llm.rules.framework_llamaindex import LLAMAINDEX_RULES
    from migrate_llm.rules.framework_mirascope import MIRASCOPE_RULES
    from migrate_llm.rules.framework_outlines import OUTLINES_RULES
    from migrate_llm.rules.framework_pandasai import PANDASAI_RULES
    from migrate_llm.rules.framework_semantic_kernel import SEMANTIC_KERNEL_RULES
    from migrate_llm.rules.framework_txtai import TXTAI_RULES
    from migrate_llm.rules.gateway_clients import GATEWAY_CLIENT_RULES
    from migrate_llm.rules.gateway_headers import GATEWAY_HEADER_RULES
    from migrate_llm.rules.image_results import IMAGE_RESULT_RULES
    from migrate_llm.rules.legacy import LEGACY_RULES
    from migrate_llm.rules.legacy_config import LEGACY_CONFIG_RULES
    from migrate_llm.rules.legacy_error_attributes import LEGACY_ERROR_ATTRIBUTE_RULES
    from migrate_llm.rules.legacy_results import LEGACY_RESULT_RULES
    from migrate_llm.rules.library_lagent import LAGENT_RULES
    from migrate_llm.rules.litellm_key_fallback import LITELLM_KEY_FALLBACK_RULES
    from migrate_llm.rules.litellm_model_info import LITELLM_MODEL_INFO_RULES
    from migrate_llm.rules.litellm_refused_params import LITELLM_REFUSED_RULES
    from migrate_llm.rules.model_merges import MODEL_MERGE_RULES
    from migrate_llm.rules.model_strings import MODEL_STRING_RULES
    from migrate_llm.rules.models import MODEL_RULES
    from migrate_llm.rules.other_server_keys import KEY_TO_OTHER_SERVER_RULES
    from migrate_llm.rules.runtime_pins import RUNTIME_PIN_RULES
    from migrate_llm.rules.thinking import THINKING_RULES
    from migrate_llm.rules.tokenizer_downloads import TOKENIZER_DOWNLOAD_RULES
    from migrate_llm.rules.tokenizer_models import TOKENIZER_RULES
    from migrate_llm.rules.tool_turns import TOOL_TURN_RULES

    return (
        *CLIENT_RULES,
        *KEY_TO_OTHER_SERVER_RULES,
        *GATEWAY_HEADER_RULES,
        *GATEWAY_CLIENT_RULES,
        *CALL_RULES,
        *MODEL_RULES,
        *MODEL_STRING_RULES,
        *MODEL_MERGE_RULES,
        *TOKENIZER_RULES,
        *TOKENIZER_DOWNLOAD_RULES,
        *LEGACY_CONFIG_RULES,
        *LEGACY_RULES,
        *LEGACY_ERROR_ATTRIBUTE_RULES,
        *LEGACY_RESULT_RULES,
        *RUNTIME_PIN_RULES,
        *ENVIRONMENT_RULES,
        *COMPAT_RULES,
        *IMAGE_RESULT_RULES,
        *TOOL_TURN_RULES,
        *THINKING_RULES,
        *OPENAI_ERROR_TEST_RULES,
        *AGENTS_RULES,
        *LITELLM_RULES,
        *LITELLM_ROUTE_RULES,
        *LITELLM_MODEL_INFO_RULES,
        *LITELLM_REFUSED_RULES,
        *LITELLM_KEY_FALLBACK_RULES,
        *INSTRUCTOR_RULES,
        *INSTRUCTOR_DEFAULT_RULES,
        *INSTRUCTOR_RESPONSE_RULES,
        *AUTOGEN_RULES,
        *LIBRARY_RULES,
        *LANGCHAIN_RULES,
        *LANGCHAIN_RUNTIME_RULES,
        *LLAMAINDEX_RULES,
        *HAYSTACK_RULES,
        *AGNO_RULES,
        *BROWSER_USE_RULES,
        *GUIDANCE_RULES,
        *GRAPHITI_RULES,
        *CREWAI_RULES,
        *CREWAI_EMBEDDER_RULES,
        *LANGROID_RULES,
        *PANDASAI_RULES,
        *AIDER_RULES,
        *TXTAI_RULES,
        *MIRASCOPE_RULES,
        *OUTLINES_RULES,
        *LAGENT_RULES,
        *SEMANTIC_KERNEL_RULES,
    )


def __getattr__(name: str) -> object:
    if name == "PYTHON_RULES":
        return python_rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def all_rules() -> tuple[type[Rule], ...]:
    """Every rule, Python, notebook and config, sorted by code."""
    from migrate_llm.rules.config_files import CONFIG_RULES
    from migrate_llm.rules.notebook_magics import NOTEBOOK_RULES
    from migrate_llm.rules.suppressions import UnusedSuppression

    rules = (*python_rules(), *NOTEBOOK_RULES, *CONFIG_RULES, UnusedSuppression)
    return tuple(sorted(rules, key=lambda r: r.code))


def rule_by_code(code: str) -> type[Rule] | None:
    wanted = code.strip().upper()
    return next((r for r in all_rules() if r.code == wanted), None)
