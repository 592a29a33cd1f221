"""Trial t64f (Agently, `--provider qwen`): three ways apply sent a key where it does not belong
while `check` passed.

1. Settings given to a library no table knows, holding an OpenAI model and a read of
   OPENAI_API_KEY but no base URL (`set_settings("OpenAI", {"model": ..., "auth": ...})`, or a
   chain of `set_settings(...)` calls): ML401 renamed the read and ML204 mapped the model, no
   URL was added, and the library's default URL (OpenAI's) got the provider's key. Both are
   now left (manual), and `check` fails; with a URL setting in the chain all three move.
2. `${ENV.OPENAI_API_KEY}` (Agently's placeholder) in a YAML file was not seen as a read of
   OpenAI's key (ML501), while the URL and model beside it moved.
3. An `auth` entry holding a stand-in key beside OpenAI's URL was left as it was, while the
   URL and model moved: `auth` now names a key entry, as `api_key` does.
"""

from __future__ import annotations

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_placeholders import placeholder
from migrate_llm.rules.python import check_python

from .cli_findings import finding_rows, invoke, run_json, write
from .test_project_facts import ACME, TARGET


def migrate(registry, text: str) -> tuple[list[tuple], str]:
    """(line, rule, fix, message) of each finding, and the text after apply for acme; a second
    run has nothing to edit."""
    found = check_python(text, RuleContext(registry, registry.get("acme")), PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, RuleContext(registry, registry.get("acme")), PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    return [(f.line, f.rule, f.fix.value, f.message) for f in found], after


LEFT_KEY = (
    "reads OPENAI_API_KEY, which goes to {callee} on line {line} with the OpenAI model "
    "`{model}` and no base URL: migrate-llm does not know that library and gives it none, so "
    "its default URL, which may be OpenAI's, would get Acme Cloud's key (ACME_API_KEY); move "
    "the key, a base URL of Acme Cloud's and the model together, by hand"
)
LEFT_MODEL = (
    "model='{model}' goes to {callee}, which is not an OpenAI SDK call, so apply leaves it; if "
    "it talks to Acme Cloud, use an Acme Cloud model there (the model table says '{mapped}')"
)

# -- 1. an unknown library's settings with the key and the model, no URL ------------------

SETTINGS_DICT = (
    "import os\n\nfrom agentfw import Framework\n\n"
    'Framework.set_settings("OpenAI", {"model": "gpt-4o-mini", "auth": os.environ["OPENAI_API_KEY"]})\n'
)

CHAIN = (
    "import os\n\nfrom agentfw import create_agent\n\n"
    "agent = (\n"
    "    create_agent()\n"
    '    .set_settings("model.OpenAI.auth", {"api_key": os.environ["OPENAI_API_KEY"]})\n'
    '    .set_settings("model.OpenAI.options", {"model": "gpt-4o"})\n'
    ")\n"
)


def test_a_settings_dict_without_url_keeps_its_key_and_model(registry):
    rows, after = migrate(registry, SETTINGS_DICT)
    callee = "Framework.set_settings()"
    assert rows == [
        (5, "ML206", "manual", LEFT_MODEL.format(model="gpt-4o-mini", callee=callee, mapped="acme-small")),
        (5, "ML401", "manual", LEFT_KEY.format(callee=callee, line=5, model='"gpt-4o-mini"')),
    ]  # fmt: skip
    assert after == SETTINGS_DICT


def test_a_chain_of_settings_calls_without_url_keeps_its_key_and_model(registry):
    rows, after = migrate(registry, CHAIN)
    assert [row[:3] for row in rows] == [(7, "ML401", "manual"), (8, "ML206", "manual")]
    assert rows[0][3] == LEFT_KEY.format(
        callee="create_agent() .set_settings()", line=6, model='"gpt-4o"'
    )
    assert after == CHAIN


def test_the_key_given_alone_in_the_chain_is_left_too(registry):
    text = CHAIN.replace(
        '{"api_key": os.environ["OPENAI_API_KEY"]}', 'os.environ["OPENAI_API_KEY"]'
    )
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows] == [(7, "ML401", "manual"), (8, "ML206", "manual")]
    assert after == text


def test_with_a_url_setting_in_the_chain_all_three_move(registry):
    text = CHAIN.replace(
        '    .set_settings("model.OpenAI.options"',
        '    .set_settings("model.OpenAI.url", "https://api.openai.com/v1")\n'
        '    .set_settings("model.OpenAI.options"',
    )
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows] == [
        (7, "ML401", "safe"),
        (8, "ML402", "safe"),
        (9, "ML204", "review"),
    ]
    assert after == (
        "import os\n\nfrom agentfw import create_agent\n\n"
        "agent = (\n"
        "    create_agent()\n"
        '    .set_settings("model.OpenAI.auth", {"api_key": os.environ["ACME_API_KEY"]})\n'
        "    .set_settings(\n"
        '        "model.OpenAI.url",\n'
        '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    )\n"
        '    .set_settings("model.OpenAI.options", {"model": "acme-large"})\n'
        ")\n"
    )


def test_a_container_update_is_not_an_unknown_library(registry):
    text = (
        "import os\n\nimport streamlit as st\n\n"
        'st.session_state.update({"model": "gpt-4o", "api_key": os.environ["OPENAI_API_KEY"]})\n'
    )
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows] == [(5, "ML204", "review"), (5, "ML401", "safe")]
    assert after == text.replace("gpt-4o", "acme-large").replace("OPENAI_API_KEY", "ACME_API_KEY")


def test_check_fails_on_the_settings_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": SETTINGS_DICT, "chain.py": CHAIN})
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == SETTINGS_DICT
    assert (tmp_path / "chain.py").read_text(encoding="utf-8") == CHAIN
    code, report = run_json("check", ".", *ACME)
    assert code == 1
    assert finding_rows(report, "path", "line", "rule") == [
        ("app.py", 5, "ML206"),
        ("app.py", 5, "ML401"),
        ("chain.py", 7, "ML401"),
        ("chain.py", 8, "ML206"),
    ]


# -- 2. Agently's `${ENV.VAR}` placeholder -------------------------------------------------


def test_agentlys_placeholder_is_a_read_of_the_environment():
    assert placeholder("${ENV.OPENAI_API_KEY}") == ("OPENAI_API_KEY", None)
    assert placeholder("${ ENV.LLM_KEY }") == ("LLM_KEY", None)
    assert placeholder("${ENV.LLM_KEY:-x}") is None  # Agently has no default form


def test_a_yaml_key_read_through_env_dot_fails_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = (
        "llm:\n  base_url: https://api.openai.com/v1\n  model: gpt-4o\n"
        "  auth: ${ENV.OPENAI_API_KEY}\n"
    )
    write(tmp_path, {"settings.yaml": settings})
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "settings.yaml").read_text(encoding="utf-8") == (
        "llm:\n  base_url: https://api.acme.example/v1\n  model: acme-large\n"
        "  auth: ${ENV.OPENAI_API_KEY}\n"
    )
    code, report = run_json("check", ".", *ACME)
    assert code == 1
    assert finding_rows(report, "line", "rule", "severity", "fix") == [
        (4, "ML501", "warning", "manual")
    ]


def test_a_url_placeholder_through_env_dot_is_noted_as_one_through_braces(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = "llm:\n  base_url: ${ENV.LLM_URL}\n  model: gpt-4o\n  auth: ${ENV.LLM_KEY}\n"
    write(tmp_path, {"a.yaml": settings, "b.yaml": settings.replace("ENV.", "")})
    code, report = run_json("scan", ".", *ACME)
    assert code == 0
    rows = finding_rows(report, "path", "line", "rule", "message", rules={"ML502"})
    assert [row[:3] for row in rows] == [("a.yaml", 2, "ML502"), ("b.yaml", 2, "ML502")]
    assert rows[0][3] == rows[1][3].replace("${LLM_URL}", "${ENV.LLM_URL}")


# -- 3. a stand-in key under `auth` beside OpenAI's URL ------------------------------------


def test_a_stand_in_under_auth_moves_with_the_url(registry):
    text = (
        "from agentfw import Framework\n\n"
        "Framework.set_settings(\n"
        '    "OpenAICompatible",\n'
        "    {\n"
        '        "base_url": "https://api.openai.com/v1",\n'
        '        "model": "gpt-4o",\n'
        '        "auth": "<OpenAI-API-Key>",\n'
        "    },\n"
        ")\n"
    )
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows] == [
        (6, "ML402", "safe"),
        (7, "ML204", "review"),
        (8, "ML402", "review"),
    ]
    assert after == (
        "import os\n\n"
        "from agentfw import Framework\n\n"
        "Framework.set_settings(\n"
        '    "OpenAICompatible",\n'
        "    {\n"
        '        "base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '        "model": "acme-large",\n'
        '        "auth": os.environ.get("ACME_API_KEY", "unset"),\n'
        "    },\n"
        ")\n"
    )


def test_an_openai_key_written_under_auth_keeps_the_url_beside_it(registry):
    text = (
        "from agentfw import Framework\n\n"
        'Framework.set_settings("OpenAI", {"base_url": "https://api.openai.com/v1", '
        '"auth": "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD"})\n'
    )
    rows, after = migrate(registry, text)
    assert [row[:3] for row in rows if row[1] == "ML402"] == [(3, "ML402", "manual")]
    assert after == text
