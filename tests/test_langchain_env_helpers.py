"""LangChain's `get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")` and
`get_from_env(key, env_key)` read the variable named by their env_key argument: ML401 reads
them as `os.getenv(...)`, not as a name whose use the module does not show (s58). Exact
findings and before/after text."""

from __future__ import annotations

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

VALIDATOR = (
    "from langchain_core.utils import get_from_dict_or_env\n\n\n"
    "def validate_environment(values):\n"
    '    values["openai_api_key"] = get_from_dict_or_env(values, "openai_api_key", '
    '"OPENAI_API_KEY")\n'
    '    values["org"] = get_from_dict_or_env(values, "org", env_key="OPENAI_ORG_ID", '
    'default="")\n'
    "    return values\n"
)


def found(registry, text: str) -> list[tuple]:
    ctx = RuleContext(registry, registry.get("deepseek"))
    return [
        (f.line, f.column, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML401"
    ]


def migrated(registry, text: str) -> str:
    ctx = RuleContext(registry, registry.get("deepseek"))
    after, _ = migrate_text(text, "python", "settings.py", check_python(text, ctx, PYTHON_RULES))
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f for f in again if f.edit is not None] == []  # a second apply changes nothing
    return after


def test_the_helpers_read_the_variable_their_env_key_names(registry):
    assert found(registry, VALIDATOR) == [
        (
            5,
            32,
            "warning",
            "safe",
            "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
            "copied)",
        ),
        (
            6,
            21,
            "warning",
            "manual",
            "reads OPENAI_ORG_ID, an OpenAI-only setting; DeepSeek has no equivalent",
        ),
    ]
    assert migrated(registry, VALIDATOR) == VALIDATOR.replace(
        'get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")\n',
        'get_from_dict_or_env(\n        values, "openai_api_key", "DEEPSEEK_API_KEY"\n    )\n',
    )


def test_a_key_read_by_get_from_env_is_followed_to_its_client(registry):
    text = (
        "import openai\n"
        "from langchain_core.utils.env import get_from_env\n\n\n"
        "def build(base):\n"
        '    key = get_from_env("openai_api_key", "OPENAI_API_KEY")\n'
        "    return openai.OpenAI(api_key=key, base_url=base)\n"
    )
    assert found(registry, text) == [
        (
            6,
            11,
            "warning",
            "manual",
            "reads OPENAI_API_KEY, which goes to openai.OpenAI() on line 7, a client whose base "
            "URL is chosen at run time (OpenAI's when none is given): given DeepSeek's key "
            "(DEEPSEEK_API_KEY) it could send that key to OpenAI; make sure the client gets "
            "DeepSeek's base URL, then read DEEPSEEK_API_KEY, by hand",
        )
    ]


def test_another_function_of_that_name_is_not_a_read(registry):
    text = (
        "def get_from_env(key, env_key):\n    return CONFIG[key]\n\n\n"
        'KEY = get_from_env("openai_api_key", "OPENAI_API_KEY")\n'
    )
    assert found(registry, text) == [
        (
            5,
            38,
            "warning",
            "manual",
            "names OPENAI_API_KEY, but the module does not show how it is used; make it name "
            "DEEPSEEK_API_KEY by hand",
        )
    ]
