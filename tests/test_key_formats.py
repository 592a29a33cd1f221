"""ML405: a check of a key against OpenAI's key format, tested with a made-up key of the
provider's documented shape; and the `key_example` fact itself, never shown as a key."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.errors import ProviderError
from migrate_llm.registry import parse_provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

ACME_MISMATCH = (
    "tests a key against OpenAI's key format: Acme Cloud's keys "
    '("acme-" + 32 characters) do not match it; accept the provider\'s key format'
)


def findings(registry, text: str, provider=None, rule: str = "ML405"):
    if isinstance(provider, str):
        provider = registry.get(provider)
    ctx = RuleContext(registry, provider)
    return [
        (f.line, f.severity.value, f.fix.value, f.message, f.data)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == rule
    ]


def test_an_openai_key_pattern_rejects_the_providers_key(registry):
    text = (
        'import re\n\n\ndef ok(key):\n    return bool(re.fullmatch(r"sk-[A-Za-z0-9]{48}", key))\n'
    )
    assert findings(registry, text, "acme") == [
        (
            5,
            "warning",
            "manual",
            ACME_MISMATCH,
            {"pattern": "sk-[A-Za-z0-9]{48}", "key_shape": '"acme-" + 32 characters'},
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        'import re\nre.search("^sk-\\\\w{48}$", key)\n',
        'import re\nre.match(r"sk-proj-[A-Za-z0-9_-]+", key)\n',
        'import re\nPATTERN = r"^sk-[a-zA-Z0-9]{48}$"\nre.match(PATTERN, key)\n',
        'from re import compile as rx\nKEY = rx((r"sk-[a-z0-9]{48}$|" r"sk-proj-\\S{20,}$"))\n',
        'import re\nre.match(pattern=r"sk-.{48}$", string=key)\n',
    ],
)
def test_the_ways_a_pattern_is_written_and_used(registry, text):
    assert [m for _, _, _, m, _ in findings(registry, text, "acme")] == [ACME_MISMATCH]


@pytest.mark.parametrize(
    "text",
    [
        # not a test of a value: a substitution (masking keys in logs)
        'import re\nre.sub(r"sk-[A-Za-z0-9]{48}", "***", text)\n',
        # OpenRouter's keys, Anthropic's: not OpenAI's format
        'import re\nre.match(r"sk-or-v1-[a-z0-9]{64}$", key)\n',
        'import re\nre.match(r"sk-ant-[A-Za-z0-9_-]{95}$", key)\n',
        # a pattern computed at run time
        'import re\nre.match(prefix + r"[A-Za-z0-9]{48}$", key)\n',
        # the provider's keys pass it
        'import re\nre.match(r"(sk-[A-Za-z0-9]{48}|acme-[0-9a-f]{32})$", key)\n',
        # a string that is not a regular expression
        'import re\nre.match(r"sk-[A-Z", key)\n',
    ],
)
def test_what_is_not_reported(registry, text):
    assert findings(registry, text, "acme") == []


def test_silent_without_a_provider_and_for_openai(registry):
    text = 'import re\nre.match(r"sk-[A-Za-z0-9]{48}$", key)\n'
    assert findings(registry, text) == []
    assert findings(registry, text, "openai") == []


def test_a_provider_without_a_documented_shape(registry):
    unknown = replace(registry.get("acme"), key_example=None)
    text = 'import re\nre.match(r"sk-[A-Za-z0-9]{48}$", key)\n'
    assert findings(registry, text, unknown) == [
        (
            2,
            "warning",
            "manual",
            "tests a key against OpenAI's key format: Acme Cloud's key format is unknown to "
            "migrate-llm; make sure the check accepts the provider's keys",
            {"pattern": "sk-[A-Za-z0-9]{48}$"},
        )
    ]


def test_the_built_in_shapes_against_openais_pattern(registry):
    text = 'import re\nre.match(r"sk-[a-zA-Z0-9_-]{48}$", key)\n'
    assert [m for _, _, _, m, _ in findings(registry, text, "zhipu")] == [
        "tests a key against OpenAI's key format: Zhipu AI (GLM)'s keys "
        '(32 characters + "." + 16 characters) do not match it; accept the provider\'s key format'
    ]
    assert [m for _, _, _, m, _ in findings(registry, text, "deepseek")] == [
        "tests a key against OpenAI's key format: DeepSeek's keys "
        '("sk-" + 32 characters) do not match it; accept the provider\'s key format'
    ]


def test_a_key_pattern_is_not_a_hardcoded_key(registry):
    text = (
        "import re\nKEYS = re.compile(\n"
        '    r"sk-[a-zA-Z0-9_-]{48}$|" + r"sk-proj-[a-zA-Z0-9_-]{156}$|" + "^sk-\\\\w{92}$"\n)\n'
    )
    assert findings(registry, text, "acme", rule="ML004") == []
    assert findings(registry, text, None, rule="ML004") == []


def test_check_fails_on_a_module_that_only_checks_the_key(tmp_path):
    (tmp_path / "keys.py").write_text(
        'import re\n\nVALID = re.compile(r"^sk-[A-Za-z0-9]{48}$")\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "--provider", "zhipu", "--format", "json"]
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(f["rule"], f["line"], f["column"]) for f in report["findings"]] == [("ML405", 3, 20)]
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--provider", "openai"])
    assert result.exit_code == 0


def test_the_example_is_never_shown(registry):
    deepseek = registry.get("deepseek")
    assert deepseek.key_example is not None
    shown = json.dumps(deepseek.to_json()) + repr(deepseek)
    assert deepseek.key_example not in shown
    assert deepseek.to_json()["key_shape"] == '"sk-" + 32 characters'
    assert registry.get("moonshot").to_json()["key_shape"] is None
    result = CliRunner().invoke(app, ["providers", "show", "deepseek", "--format", "json"])
    assert result.exit_code == 0
    assert deepseek.key_example not in result.stdout


@pytest.mark.parametrize("value", ["", "sk-short", "has space in it", 'sk-"quoted"12345', 42])
def test_a_bad_key_example_is_refused(registry, value):
    table = {
        "schema": 1,
        "id": "tiny",
        "name": "Tiny",
        "docs": "https://tiny.example/docs",
        "as_of": registry.get("acme").as_of,
        "api_key_env": "TINY_API_KEY",
        "base_url_env": "TINY_BASE_URL",
        "base_url": "https://api.tiny.example/v1",
        "key_example": value,
    }
    if value == "sk-short":
        assert parse_provider(table, "tiny.toml").key_shape() == '"sk-short"'
        return
    with pytest.raises(ProviderError, match=r"tiny\.toml: key_example: expected a made-up key"):
        parse_provider(table, "tiny.toml")


# -- prefix tests (t44c D3: Streamlit's LangChain quickstart) ---------------------------------

QUICKSTART = """import streamlit as st
from langchain_openai import ChatOpenAI

openai_api_key = st.sidebar.text_input("OpenAI API Key", type="password")
with st.form("my_form"):
    text = st.text_area("Enter text:")
    submitted = st.form_submit_button("Submit")
    if not openai_api_key.startswith("sk-"):
        st.warning("Please enter your OpenAI API key!")
    if submitted and openai_api_key.startswith("sk-"):
        st.info(ChatOpenAI(api_key=openai_api_key).invoke(text).content)
"""

ZHIPU_PREFIX = (
    "tests a key against OpenAI's key format: Zhipu AI (GLM)'s keys "
    '(32 characters + "." + 16 characters) do not start with "sk-"; accept the provider\'s '
    "key format"
)
ZHIPU_DATA = {"prefix": "sk-", "key_shape": '32 characters + "." + 16 characters'}


def test_a_typed_keys_startswith_gate_rejects_the_providers_key(registry):
    assert findings(registry, QUICKSTART, "zhipu") == [
        (8, "warning", "manual", ZHIPU_PREFIX, ZHIPU_DATA),
        (10, "warning", "manual", ZHIPU_PREFIX, ZHIPU_DATA),
    ]
    assert findings(registry, QUICKSTART, "deepseek") == []  # "sk-" + 32 characters
    assert findings(registry, QUICKSTART, None) == []
    assert findings(registry, QUICKSTART, "openai") == []


@pytest.mark.parametrize(
    ("test", "how"),
    [
        ('key.startswith(("sk-", "sk-proj-"))', "start with"),
        ('key[:3] == "sk-"', "start with"),
        ('"sk-" != api_key[:3]', "start with"),
        ('"sk-" not in os.environ["OPENAI_API_KEY"]', "contain"),
        ('getpass("Key: ").startswith("sk-proj-")', "start with"),
    ],
)
def test_the_prefix_tests_of_a_key(registry, test, how):
    text = f"import os\nfrom getpass import getpass\n\nif {test}:\n    raise SystemExit(1)\n"
    [(line, severity, fix, message, data)] = findings(registry, text, "acme")
    prefix = "sk-proj-" if 'startswith("sk-proj-")' in test else "sk-"
    assert (line, severity, fix, data["prefix"]) == (4, "warning", "manual", prefix)
    assert message == (
        "tests a key against OpenAI's key format: Acme Cloud's keys "
        f'("acme-" + 32 characters) do not {how} "{prefix}"; accept the provider\'s key format'
    )


@pytest.mark.parametrize(
    "test",
    [
        'anthropic_key.startswith("sk-")',  # another vendor's sk- key
        'key.startswith("sk-ant-")',  # not OpenAI's prefix
        'name.startswith("sk-")',  # not a key
        "key.startswith(PREFIX)",  # not a literal
    ],
)
def test_other_prefix_tests_are_not_read(registry, test):
    assert findings(registry, f"if {test}:\n    pass\n", "acme") == []


def test_a_prefix_test_for_a_provider_of_undocumented_key_shape_is_to_verify(registry):
    qwen = registry.get("qwen")
    assert qwen.key_example is None
    assert findings(registry, 'ok = api_key.startswith("sk-")\n', qwen) == [
        (
            1,
            "warning",
            "manual",
            'tests a key against OpenAI\'s key format (it must start with "sk-"): '
            f"{qwen.name}'s key format is unknown to migrate-llm; make sure the check accepts "
            "the provider's keys",
            {"prefix": "sk-"},
        )
    ]


def test_check_fails_on_the_quickstarts_gate_for_zhipu_only(tmp_path):
    applied = (
        QUICKSTART.replace('"OpenAI API Key"', '"Zhipu AI (GLM) API Key"')
        .replace(
            "ChatOpenAI(api_key=openai_api_key)",
            'ChatOpenAI(base_url="https://open.bigmodel.cn/api/paas/v4", model="glm-4-flash", '
            "api_key=openai_api_key)",
        )
        .replace("Please enter your OpenAI API key!", "Please enter your key!")
    )
    (tmp_path / "app.py").write_text(applied, encoding="utf-8")
    args = ["check", str(tmp_path), "--format", "json", "--no-cache", "--provider"]
    result = CliRunner().invoke(app, [*args, "zhipu"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("ML405", 8), ("ML405", 10)]
    (tmp_path / "app.py").write_text(applied.replace('.startswith("sk-")', ""), encoding="utf-8")
    assert CliRunner().invoke(app, [*args, "zhipu"]).exit_code == 0


# t66c: MindSearch's msdl installer, `validate_api_key`: the pattern looked up by variable name
LOOKUPS = (
    "import re\n\n\ndef valid(key, kind):\n"
    '    sk = r"^sk-[A-Za-z0-9]+$"\n'
    '    rules = {"OTHER_KEY": r"^[a-z]+$", "OPENAI_API_KEY": sk}\n'
    "    {test}\n"
)


@pytest.mark.parametrize(
    ("test", "entry"),
    [
        ("return re.match(rules[kind], key)", "OPENAI_API_KEY"),
        ("pattern = rules[kind]\n    return re.match(pattern, key)", "OPENAI_API_KEY"),
        ('return re.match(rules["OPENAI_API_KEY"], key)', "OPENAI_API_KEY"),
    ],
)
def test_a_pattern_looked_up_in_a_dict_by_variable_name(registry, test, entry):
    text = LOOKUPS.replace("{test}", test)
    line = 7 if "\n" not in test else 8
    message = ACME_MISMATCH.replace("format:", f"format (entry {entry!r} of rules):")
    assert findings(registry, text, "acme") == [
        (
            line,
            "warning",
            "manual",
            message,
            {"pattern": "^sk-[A-Za-z0-9]+$", "key_shape": '"acme-" + 32 characters'},
        )
    ]


@pytest.mark.parametrize(
    "test",
    [
        'return re.match(rules["OTHER_KEY"], key)',  # the entry named is not OpenAI's format
        "return re.match(other[kind], key)",  # a table the module does not show
    ],
)
def test_a_lookup_of_another_pattern_is_not_reported(registry, test):
    assert findings(registry, LOOKUPS.replace("{test}", test), "acme") == []


def test_a_variable_name_given_to_a_function_is_not_a_message(registry):
    text = (
        "import os\n\n\ndef valid(key, kind):\n    return bool(key and kind)\n\n\n"
        'KEY = os.environ.get("OPENAI_API_KEY", "")\n'
        'print(valid(KEY, "OPENAI_API_KEY"))\n'
        'print("Set OPENAI_API_KEY first")\n'
        'print("Set {} first".format("OPENAI_API_KEY"))\n'
        'print(colored("Set OPENAI_API_KEY", "red"))\n'
    )
    rows = [
        (line, severity, message)
        for line, severity, _, message, _ in findings(registry, text, "zhipu", "ML401")
    ]
    reword = "names OPENAI_API_KEY in a message; Zhipu AI (GLM)'s key is in ZAI_API_KEY: reword it"
    assert [r for r in rows if r[0] >= 9] == [
        (
            9,  # before: "names OPENAI_API_KEY in a message" (a note)
            "warning",
            "names OPENAI_API_KEY, but the module does not show how it is used (the module reads "
            "it on line 8: if this names it for a check that it is set, that check stops the "
            "program until both name the same variable); make it name ZAI_API_KEY by hand",
        ),
        (10, "note", reword),
        (11, "note", reword),
        (12, "note", reword),  # a call the module does not define: message text, as before
    ]
