"""gptme on Moonshot (trial t51f): a multi-provider program that already talks to Moonshot.

- A client built from a custom provider the user configured (`providers test`): its key is
  read from that provider's own variable, its base URL from its entry. apply had given the
  URL Moonshot's as a fallback, and the custom provider's key went to Moonshot (defect 1).
- `MODEL_ALIASES` keyed by service: the entries under "openai" name OpenAI's models (2).
- A Responses request only made where the program's service is OpenAI, and test keys of
  Anthropic and OpenRouter: errors `check` could never clear (5).
- A Moonshot client on api.moonshot.ai (intl) while the run's region is cn (3).
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def scan(registry, text, path="app.py", provider="moonshot"):
    found = check_python(
        text, RuleContext(registry, registry.get(provider)), PYTHON_RULES, path=path
    )
    return found, migrate_text(text, "python", path, found)[0]


def rows(found, *rules):
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message) for f in found if f.rule in rules
    ]


PROVIDERS_TEST = """import os

from openai import OpenAI


def providers_test(base_url: str, key_env: str):
    api_key = os.environ.get(key_env) or "default-key"
    client = OpenAI(api_key=api_key, base_url=base_url, timeout=10)
    return list(client.models.list())
"""

ENTRY = """from openai import OpenAI


def test_provider(custom):
    client = OpenAI(api_key=custom.api_key, base_url=custom.base_url)
    return client.chat.completions.create(model="gpt-4o", messages=[])
"""

LEFT = (
    "the settings of a service the program's user configures (neither is OpenAI's); left as it is"
)


def test_a_key_read_from_a_variable_named_at_run_time_leaves_the_client(registry):
    found, after = scan(registry, PROVIDERS_TEST)
    assert after == PROVIDERS_TEST
    assert rows(found, "ML003") == [
        (
            8,
            "ML003",
            "note",
            "none",
            "OpenAI() takes its base URL from `base_url` and its key from "
            "`os.environ.get(key_env)`, a variable the program names at run time: "
            f"{LEFT}: configure Moonshot AI (Kimi) there if it should reach it",
        )
    ]
    assert found[0].data == {"client": "OpenAI", "endpoint": "custom", "configured": True}


def test_a_key_and_url_of_one_provider_entry_leave_the_client_and_its_model(registry):
    found, after = scan(registry, ENTRY)
    assert after == ENTRY
    assert rows(found, "ML003", "ML201") == [
        (
            5,
            "ML003",
            "note",
            "none",
            "OpenAI() takes its base URL from `custom.base_url` and its key from "
            "`custom.api_key`, both read on `custom`, an entry of the program's own services: "
            f"{LEFT}: configure Moonshot AI (Kimi) there if it should reach it",
        )
    ]


def test_a_config_not_named_for_a_provider_entry_still_gets_the_fallback(registry):
    text = (
        "from openai import OpenAI\n\n\ndef make(cfg):\n"
        "    return OpenAI(api_key=cfg.key, base_url=cfg.url)\n"
    )
    _, after = scan(registry, text)
    assert after == (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(cfg):\n    return OpenAI(\n"
        '        api_key=os.environ.get("MOONSHOT_API_KEY", "unset")\n'
        "        if not cfg.url\n"
        "        else (\n"
        "            cfg.key\n"
        "            or (\n"
        '                os.environ.get("MOONSHOT_API_KEY", "unset")\n'
        '                if str(cfg.url).rstrip("/").lower()\n'
        "                in (\n"
        '                    os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")\n'
        '                    .rstrip("/")\n'
        "                    .lower(),\n"
        '                    "https://api.moonshot.cn/v1",\n'
        '                    "https://api.moonshot.ai/v1",\n'
        "                )\n"
        "                else cfg.key\n"
        "            )\n"
        "        ),\n"
        "        base_url=cfg.url\n"
        '        or os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        "    )\n"
    )


def test_apply_names_no_key_slot_for_a_configured_provider(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "util.py").write_text(PROVIDERS_TEST)
    done = CliRunner().invoke(
        app, ["apply", ".", "--provider", "moonshot", "--yes", "--allow-dirty"]
    )
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "util.py").read_text() == PROVIDERS_TEST
    assert "Put your" not in done.stderr and "MOONSHOT_BASE_URL" not in done.stderr


ALIASES = """MODEL_ALIASES: dict[str, dict[str, str]] = {
    "openai": {"gpt-5.6": "gpt-5.6-sol"},
    "openai-subscription": {"gpt-5.6": "gpt-5.6-sol"},
    "anthropic": {"claude-opus-4-1": "claude-opus-4-1-20250805"},
    "moonshot": {"kimi": "kimi-k2.6"},
}
DEFAULTS = {"openai": "gpt-4o", "openrouter": "openai/gpt-4o-mini"}
MODELS = {"fast": "gpt-4o-mini", "best": "gpt-4o"}
"""


def test_a_table_keyed_by_service_keeps_openais_entries(registry):
    found, after = scan(registry, ALIASES)
    assert after == ALIASES.replace(
        'MODELS = {"fast": "gpt-4o-mini", "best": "gpt-4o"}',
        'MODELS = {"fast": "kimi-k2.6", "best": "kimi-k2.6"}',
    )
    kept = (
        "a table keyed by service: OpenAI's models for OpenAI, which stays one of the "
        "program's services; left as they are (where that entry's models now go to Moonshot "
        "AI (Kimi), change them by hand)"
    )
    assert rows(found, "ML204", "ML205")[:3] == [
        (
            2,
            "ML204",
            "note",
            "none",
            f"'gpt-5.6' and 1 more under 'openai' in MODEL_ALIASES, {kept}",
        ),
        (
            3,
            "ML204",
            "note",
            "none",
            f"'gpt-5.6' and 1 more under 'openai-subscription' in MODEL_ALIASES, {kept}",
        ),
        (7, "ML204", "note", "none", f"'gpt-4o' under 'openai' in DEFAULTS, {kept}"),
    ]
    assert [f.line for f in found if f.rule in ("ML204", "ML205")][3:] == [8, 8]


RESPONSES = """from openai import OpenAI


def _use_responses(provider, meta):
    return provider == "openai" and meta.responses


def _stream(client, q):
    return client.responses.create(model="gpt-5", input=q, stream=True)


def chat(provider, meta, client, q):
    if _use_responses(provider, meta):
        return _stream(client, q)
    return client.chat.completions.create(model="gpt-5", messages=q)


class LLM:
    def __init__(self, provider, client):
        self.provider = provider
        self.client = client

    def ask(self, q):
        if self.provider == "openai":
            return self.client.responses.create(model="gpt-5", input=q)
        return None


def moved(provider, q):
    own = OpenAI()
    own.chat.completions.create(model="gpt-5", messages=q)
    if provider == "openai":
        return own.responses.create(model="gpt-5", input=q)
    return None
"""


def test_a_responses_request_made_only_for_openai_is_a_note(registry):
    found, _ = scan(registry, RESPONSES)
    lacks = "Moonshot AI (Kimi) has no OpenAI-compatible responses API"
    still = "which still goes to OpenAI after apply: left as it is"
    got = [
        (f.line, f.severity.value, f.fix.value, f.message, f.data.get("openai_branch"))
        for f in found
        if f.rule == "ML101" and "responses" in f.message
    ]
    assert got[:2] == [
        (
            9,
            "note",
            "none",
            "responses.create() on `client`, which looks like an OpenAI client (not traced to "
            f"its construction); {lacks}, but the call stands in code run only where the "
            "program's service is OpenAI (`if _use_responses(provider, meta)` around every call "
            f"of _stream()), {still}",
            "`if _use_responses(provider, meta)` around every call of _stream()",
        ),
        (
            25,
            "note",
            "none",
            "responses.create() on `self.client`, which looks like an OpenAI client (not traced "
            f"to its construction); {lacks}, but the call stands in code run only where the "
            f'program\'s service is OpenAI (`if self.provider == "openai"`), {still}',
            '`if self.provider == "openai"`',
        ),
    ]
    # apply points `OpenAI()` at Moonshot: that branch now talks to Moonshot
    assert got[2][:3] == (33, "error", "manual")


KEYS = """def test_keys(monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test1234567890")
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-test-12345678")
    monkeypatch.setenv("KEY", "sk-test-secret-key-12345")
"""


def test_test_keys_of_other_services_are_notes_that_name_them(registry):
    found, _ = scan(registry, KEYS, path="tests/test_keys.py")
    assert rows(found, "ML004") == [
        (
            2,
            "ML004",
            "note",
            "none",
            "Anthropic API key sk-an…90, another service's key (not OpenAI's) in test code; "
            "left as it is",
        ),
        (
            3,
            "ML004",
            "note",
            "none",
            "OpenRouter API key sk-or…78, another service's key (not OpenAI's) in test code; "
            "left as it is",
        ),
        (
            4,
            "ML004",
            "note",
            "none",
            "test API key sk-te…45, a stand-in in test code; left as it is",
        ),
    ]


def test_another_services_key_outside_tests_is_named_as_its(registry):
    found, _ = scan(registry, 'KEY = "sk-ant-api03-0123456789abcdefghij"\n', path="app.py")
    assert rows(found, "ML004") == [
        (
            1,
            "ML004",
            "error",
            "manual",
            "hard-coded Anthropic API key sk-an…ij, another service's key (not OpenAI's); read "
            "it from ANTHROPIC_API_KEY and rotate it",
        )
    ]


REGIONS = """import os

from openai import OpenAI


def client_for(provider: str) -> OpenAI:
    if provider == "moonshot":
        return OpenAI(api_key=os.environ["MOONSHOT_API_KEY"], base_url="https://api.moonshot.ai/v1")
    return OpenAI(api_key=os.environ["OPENAI_API_KEY"])
"""

INTL = (
    "Moonshot AI (Kimi), in its region intl (https://api.moonshot.ai/v1); this run is for "
    "https://api.moonshot.cn/v1, where apply points the clients it moves and MOONSHOT_BASE_URL "
    "defaults to (providers/moonshot.toml: api.moonshot.cn and api.moonshot.ai are separate "
    "platforms with separate keys: a key sent to the other one gets HTTP 401): pass --region "
    "intl (apply and check) to keep the program on one of them"
)


def test_a_client_on_another_region_is_named_with_the_region_to_pass(registry):
    found, _ = scan(registry, REGIONS)
    assert rows(found, "ML003") == [
        (8, "ML003", "warning", "manual", f"OpenAI() already points at {INTL}")
    ]
    assert found[0].data["region"] == "intl"


def test_a_url_of_another_region_outside_a_client_is_a_note(registry):
    text = (
        'MOONSHOT_URL = "https://api.moonshot.ai/v1"\n\n\n'
        "def f(OpenAI):\n    return OpenAI(base_url=MOONSHOT_URL)\n"
    )
    found, _ = scan(registry, text)
    assert rows(found, "ML003")[0] == (
        1,
        "ML003",
        "note",
        "manual",
        f"this URL points at {INTL}",
    )


@pytest.mark.parametrize("region", ["cn", "intl"])
def test_apply_next_names_the_region_the_program_already_uses(tmp_path, monkeypatch, region):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "llm.py").write_text(REGIONS)
    extra = ["--region", region] if region == "intl" else []
    done = CliRunner().invoke(
        app, ["apply", ".", "--provider", "moonshot", *extra, "--yes", "--allow-dirty"]
    )
    assert done.exit_code == 0, done.stderr
    said = (
        "llm.py:8 already talks to Moonshot AI (Kimi) in region intl (its URL not read from "
        "MOONSHOT_BASE_URL): apply with --region intl to keep the program on one platform."
    )
    last = done.stderr.splitlines()[-1]
    assert last.endswith(said) == (region == "cn")
    url = "https://api.moonshot.ai/v1" if region == "intl" else "https://api.moonshot.cn/v1"
    assert f'os.environ.get("MOONSHOT_BASE_URL", "{url}")' in (tmp_path / "llm.py").read_text()
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot", *extra])
    assert checked.exit_code == (1 if region == "cn" else 0), checked.stdout


def test_the_else_of_a_test_against_openai_is_openais_too(registry):
    text = (
        "def answer(provider, client, q):\n"
        '    if provider != "openai":\n'
        "        return client.chat.completions.create(model=m, messages=q)\n"
        "    return client.responses.create(model=m, input=q)\n"
    )
    found, _ = scan(registry, text)
    assert [f.severity.value for f in found if f.rule == "ML101"] == ["note", "error"]
    text = text.replace("    return client.responses", "    else:\n        return client.responses")
    found, _ = scan(registry, text)
    assert [f.data.get("openai_branch") for f in found if f.rule == "ML101"] == [
        None,
        'the `else` of `if provider != "openai"`',
    ]
