"""The rule registry: every rule, in code order. Users extend providers, not rules."""

from __future__ import annotations

from migrate_llm.rules.base import Rule
from migrate_llm.rules.calls import CALL_RULES
from migrate_llm.rules.clients import CLIENT_RULES
from migrate_llm.rules.compat import COMPAT_RULES
from migrate_llm.rules.environment import ENVIRONMENT_RULES
from migrate_llm.rules.legacy import LEGACY_RULES
from migrate_llm.rules.legacy_results import LEGACY_RESULT_RULES
from migrate_llm.rules.model_strings import MODEL_STRING_RULES
from migrate_llm.rules.models import MODEL_RULES

PYTHON_RULES = (
    *CLIENT_RULES,
    *CALL_RULES,
    *MODEL_RULES,
    *MODEL_STRING_RULES,
    *LEGACY_RULES,
    *LEGACY_RESULT_RULES,
    *ENVIRONMENT_RULES,
    *COMPAT_RULES,
)


def all_rules() -> tuple[type[Rule], ...]:
    """Every rule, Python and config, sorted by code."""
    from migrate_llm.rules.config_files import CONFIG_RULES
    from migrate_llm.rules.suppressions import UnusedSuppression

    return tuple(sorted((*PYTHON_RULES, *CONFIG_RULES, UnusedSuppression), key=lambda r: r.code))


def rule_by_code(code: str) -> type[Rule] | None:
    wanted = code.strip().upper()
    return next((r for r in all_rules() if r.code == wanted), None)
