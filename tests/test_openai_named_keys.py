"""A key the program hands a client or class whose code names OpenAI (`settings.openai.key`,
`OPENAI_KEY`, `self.openai_api_key`) is most likely the OpenAI key: `apply` does not keep it
for the provider, and leaves that client, class or call to a person (manual), so `check`
stays red until it is given the provider's key.

The trial's D1 (qodo-ai/pr-agent, deepseek): `ChatOpenAI(openai_api_key=settings.openai.key)`
became `openai_api_key=settings.openai.key or os.environ.get("DEEPSEEK_API_KEY", "unset")` beside DeepSeek's
base URL, `check` went green, and with `OPENAI__KEY` set the OpenAI key went to DeepSeek.
Keys whose code does not name OpenAI (`api_key`, `self.key`, `settings.llm.key`) are kept as
before, with the provider's variable when they are empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer


def migrate(registry, text: str, provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert change.error is None, change.error
    again = FileScanner(ctx, Path(".")).migrate_text(change.after, "python", "app.py", "app.py")
    assert again.after == change.after  # idempotent
    assert [f for f in again.findings if f.edit is not None] == []
    return change


def rows(findings, *rules: str):
    return [(f.line, f.rule, f.fix.value, f.message) for f in findings if f.rule in rules]


def named(key: str, what: str = "this client", part: str = "") -> str:
    shown = f"`{key}` (`{part}`)" if part else f"`{key}`"
    return (
        f"its key {shown} names OpenAI, so it likely holds the OpenAI key: kept, that key "
        f"would go to Acme Cloud; give {what} Acme Cloud's key (ACME_API_KEY) in its place, by "
        f"hand: apply points it at Acme Cloud once `{part or key}` no longer names OpenAI "
        "(renamed where it is set and read, as it then holds that key)"
    )


HEAD = "from openai import OpenAI\n\nfrom config import settings\n\n"


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        pytest.param(HEAD + "c = OpenAI(api_key=settings.openai.key)\n", 5, "", id="setting"),
        pytest.param(
            HEAD + 'OPENAI_KEY = settings.get("key")\nc = OpenAI(api_key=OPENAI_KEY)\n',
            6,
            "",
            id="constant",
        ),
        pytest.param(
            HEAD + "class Bot:\n    def __init__(self, openai_api_key):\n"
            "        self.openai_api_key = openai_api_key\n"
            "        self.client = OpenAI(api_key=self.openai_api_key)\n",
            8,
            "",
            id="self-attribute",
        ),
        pytest.param(
            HEAD + "from config import get_openai_key\n\nc = OpenAI(api_key=get_openai_key())\n",
            7,
            "",
            id="callee",
        ),
    ],
)
def test_a_plain_client_given_a_key_named_for_openai_is_left(registry, text, line, key):
    change = migrate(registry, text)
    assert change.after == text
    (found,) = rows(change.findings, "ML001")
    shown = text.splitlines()[line - 1].split("api_key=", 1)[1][:-1]
    assert found == (
        line,
        "ML001",
        "manual",
        f"OpenAI() talks to OpenAI (key from `{shown}`); {named(shown)}",
    )


def test_in_a_chain_the_part_naming_openai_is_named(registry):
    text = HEAD.replace("settings", "cfg, settings") + (
        "c = OpenAI(api_key=cfg.key or settings.openai.key)\n"
    )
    change = migrate(registry, text)
    assert change.after == text
    assert rows(change.findings, "ML001") == [
        (
            5,
            "ML001",
            "manual",
            "OpenAI() talks to OpenAI (key from `cfg.key or settings.openai.key`); "
            + named("cfg.key or settings.openai.key", part="settings.openai.key"),
        )
    ]


def test_a_read_of_openais_key_beside_a_key_named_for_openai_is_left(registry):
    text = (
        "import os\n\n"
        + HEAD
        + ('c = OpenAI(api_key=settings.openai.key or os.getenv("OPENAI_API_KEY"))\n')
    )
    change = migrate(registry, text)
    assert change.after == text
    assert rows(change.findings, "ML001", "ML401") == [
        (
            7,
            "ML001",
            "manual",
            "OpenAI() talks to OpenAI (key from `settings.openai.key or "
            'os.getenv("OPENAI_API_KEY")`); ' + named("settings.openai.key"),
        ),
        (
            7,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAI() on line 7, which apply leaves talking "
            "to OpenAI or Azure OpenAI (see its finding): given Acme Cloud's key (ACME_API_KEY) "
            "it would send that key there; point that call at Acme Cloud, then read "
            "ACME_API_KEY, by hand",
        ),
    ]


KEPT = (
    "for Acme Cloud read the base URL from ACME_BASE_URL (default https://api.acme.example/v1) "
    "and keep the key your code passes (`{key}`), with ACME_API_KEY when it is empty: it must "
    "be an Acme Cloud key"
)


@pytest.mark.parametrize(
    ("text", "key", "after"),
    [
        pytest.param(
            HEAD + "c = OpenAI(api_key=settings.llm.key)\n",
            "settings.llm.key",
            "import os\n\n" + HEAD + "c = OpenAI(\n"
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    api_key=settings.llm.key or os.environ.get("ACME_API_KEY", "unset"),\n)\n',
            id="setting",
        ),
        pytest.param(
            "from openai import OpenAI\n\n\nclass Bot:\n    def __init__(self, api_key):\n"
            "        self.key = api_key\n        self.client = OpenAI(api_key=self.key)\n",
            "self.key",
            "import os\n\nfrom openai import OpenAI\n\n\nclass Bot:\n"
            "    def __init__(self, api_key):\n        self.key = api_key\n"
            "        self.client = OpenAI(\n"
            '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '            api_key=self.key or os.environ.get("ACME_API_KEY", "unset"),\n        )\n',
            id="self-attribute",
        ),
        pytest.param(
            "from openai import OpenAI\n\n\ndef make(api_key):\n"
            "    return OpenAI(api_key=api_key)\n",
            "api_key",
            "import os\n\nfrom openai import OpenAI\n\n\ndef make(api_key):\n"
            "    return OpenAI(\n"
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        api_key=api_key or os.environ.get("ACME_API_KEY", "unset"),\n    )\n',
            id="parameter",
        ),
        pytest.param(  # ML401 renames the read: the attribute holds the provider's key
            "import os\n\nfrom openai import OpenAI\n\n\nclass Bot:\n    def __init__(self):\n"
            '        self.openai_api_key = os.getenv("OPENAI_API_KEY")\n'
            "        self.client = OpenAI(api_key=self.openai_api_key)\n",
            "self.openai_api_key",
            "import os\n\nfrom openai import OpenAI\n\n\nclass Bot:\n    def __init__(self):\n"
            '        self.openai_api_key = os.getenv("ACME_API_KEY")\n'
            "        self.client = OpenAI(\n"
            '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '            api_key=self.openai_api_key or os.environ.get("ACME_API_KEY", "unset"),\n        )\n',
            id="attribute-holding-a-read-apply-renames",
        ),
    ],
)
def test_a_key_not_named_for_openai_is_kept_as_before(registry, text, key, after):
    change = migrate(registry, text)
    assert change.after == after
    ((_, _, fix, message),) = rows(change.findings, "ML001")
    assert fix == "review"
    assert message.endswith(KEPT.format(key=key))


def test_a_setting_looked_up_by_an_openai_name_is_replaced_as_before(registry):
    """A string naming OpenAI (`cfg["openai_api_key"]`) already makes the key no kept key:
    the provider's variable replaces it, so OpenAI's key is not sent."""
    text = HEAD.replace("settings", "cfg") + 'c = OpenAI(api_key=cfg["openai_api_key"])\n'
    change = migrate(registry, text)
    assert change.after == (
        "import os\n\nfrom openai import OpenAI\n\nc = OpenAI(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n)\n'
    )
    assert [r[2] for r in rows(change.findings, "ML001")] == ["safe"]


def test_a_run_time_base_url_with_a_key_named_for_openai_is_left(registry):
    # before: `base_url=settings.url or ...ACME_BASE_URL...`, the key going along
    text = (
        HEAD + "def make(openai_api_key=None):\n"
        "    return OpenAI(api_key=openai_api_key, base_url=settings.url)\n"
    )
    change = migrate(registry, text)
    assert change.after == text
    assert [r[2] for r in rows(change.findings, "ML003")] == ["manual"]


LC = (
    "from langchain_openai import ChatOpenAI\n\nfrom config import settings\n\n\n"
    "async def answer(model, messages):\n"
    "    llm = ChatOpenAI(openai_api_key=settings.openai.key)\n"
    "    return await llm.ainvoke(input=messages, model=model, temperature=0.2)\n"
)


def test_the_trials_langchain_class_is_left(registry):
    change = migrate(registry, LC)
    assert change.after == LC
    assert rows(change.findings, "ML601") == [
        (
            7,
            "ML601",
            "manual",
            "ChatOpenAI() (LangChain) talks to OpenAI (key from `settings.openai.key`); "
            + named("settings.openai.key", "it"),
        )
    ]


@pytest.mark.parametrize(
    ("text", "rule", "what"),
    [
        pytest.param(
            "from langchain_openai import OpenAIEmbeddings\n\nfrom config import settings\n\n"
            "emb = OpenAIEmbeddings(api_key=settings.OPENAI_API_KEY)\n",
            "ML601",
            "it",
            id="langchain-embeddings",
        ),
        pytest.param(
            "from llama_index.llms.openai import OpenAI\n\nfrom config import settings\n\n"
            'llm = OpenAI(model="gpt-4o", api_key=settings.openai_key)\n',
            "ML611",
            "it",
            id="llamaindex",
        ),
        pytest.param(
            "import litellm\n\nfrom config import settings\n\n"
            'r = litellm.completion(model="gpt-4o", messages=[], api_key=settings.openai.key)\n',
            "ML640",
            "this call",
            id="litellm",
        ),
    ],
)
def test_framework_classes_and_calls_given_a_key_named_for_openai_are_left(
    registry, text, rule, what
):
    change = migrate(registry, text)
    assert change.after == text
    ((line, _, fix, message),) = rows(change.findings, rule)
    key = text.splitlines()[4].split("api_key=", 1)[1].rstrip(")")
    assert (line, fix) == (5, "manual")
    assert message.endswith(named(key, what))


def test_check_stays_red_on_the_trials_repro(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(LC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == LC
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"])
    assert check.exit_code == 1
    assert "ML601" in check.stdout and "names OpenAI" in check.stdout


# --- end to end ----------------------------------------------------------------------------

CONFIG = """import json
from pathlib import Path
from types import SimpleNamespace

_raw = json.loads((Path(__file__).parent / "settings.json").read_text(encoding="utf-8"))
settings = SimpleNamespace(**{name: SimpleNamespace(**v) for name, v in _raw.items()})
"""
SETTINGS = '{"openai": {"key": "openai-secret-key"}, "deepseek": {"key": "deepseek-settings-key"}}'
APP = """from openai import OpenAI

from config import settings


def answer(question):
    client = OpenAI(api_key=settings.openai.key, max_retries=0)
    messages = [{"role": "user", "content": question}]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    return reply.choices[0].message.content


if __name__ == "__main__":
    print(answer("ping"))
"""


def _run(registry, tmp_path: Path, server: LoopbackServer):
    provider = registry.get("deepseek")
    env = {provider.api_key_env: "deepseek-env-key", provider.base_url_env: server.base}
    return run_guarded("app.py", tmp_path, env)


def test_the_openai_key_in_a_setting_never_reaches_the_provider(registry, tmp_path, monkeypatch):
    for name, text in (("config.py", CONFIG), ("settings.json", SETTINGS), ("app.py", APP)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    # the client is left, and its request's model with it: mapped, it would go to OpenAI
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP
    check = CliRunner().invoke(app, ["check", "app.py", "--provider", "deepseek"])
    assert check.exit_code == 1

    server = LoopbackServer().start()
    try:
        proc, blocked = _run(registry, tmp_path, server)
        assert server.requests == []  # the OpenAI key did not go to DeepSeek's URL
        assert set(blocked) == {"api.openai.com"}  # it still talks to OpenAI: check is red
        assert proc.returncode != 0

        # the person gives it DeepSeek's key, as the finding says; apply then points it there
        migrated = (tmp_path / "app.py").read_text(encoding="utf-8")
        (tmp_path / "app.py").write_text(
            migrated.replace("settings.openai.key", "settings.deepseek.key"), encoding="utf-8"
        )
        done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
        assert done.exit_code == 0, done.stderr
        check = CliRunner().invoke(app, ["check", "app.py", "--provider", "deepseek"])
        assert check.exit_code == 0, check.stdout
        proc, blocked = _run(registry, tmp_path, server)
        assert blocked == [], proc.stderr
        assert proc.returncode == 0, proc.stderr
        (request,) = server.requests
    finally:
        server.stop()
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == migrated.replace(
        '    reply = client.chat.completions.create(model="gpt-4o-mini", messages=messages)\n',
        "    reply = client.chat.completions.create(\n"
        '        extra_body={"thinking": {"type": "disabled"}},\n'
        '        model="deepseek-flash",\n'
        "        messages=messages,\n    )\n",
    ).replace(
        "    client = OpenAI(api_key=settings.openai.key, max_retries=0)\n",
        "    client = OpenAI(\n"
        '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '        api_key=settings.deepseek.key or os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        "        max_retries=0,\n    )\n",
    ).replace("from openai import OpenAI\n", "import os\n\nfrom openai import OpenAI\n")
    assert (request.path, request.body["model"]) == ("/chat/completions", "deepseek-flash")
    assert request.headers["authorization"] == "Bearer deepseek-settings-key"
    assert "openai-secret-key" not in repr(request.headers)


SETTINGS_CLASS = (
    "from pydantic_settings import BaseSettings\n\n\n"
    "class Settings(BaseSettings):\n"
    "    openai_api_key: str\n\n\n"
    "settings = Settings()\n"
)
SETTINGS_CLIENT = "from openai import OpenAI\n\nfrom config import settings\n\nc = OpenAI(api_key=settings.openai_api_key)\n"


@pytest.mark.parametrize(("defined", "fix"), [(True, "review"), (False, "manual")])
def test_a_settings_field_apply_switches_is_the_providers_key(tmp_path, monkeypatch, defined, fix):
    # a pydantic settings field named openai_api_key is made to read the provider's variable
    # (ML401), so a client given it gets the provider's key: kept, as before; with no such
    # field in the project the name still says OpenAI's key
    (tmp_path / "app.py").write_text(SETTINGS_CLIENT)
    if defined:
        (tmp_path / "config.py").write_text(SETTINGS_CLASS)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    found = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["rule"], f["fix"]) for f in found if f["rule"] == "ML001"] == [
        ("app.py", "ML001", fix)
    ]
