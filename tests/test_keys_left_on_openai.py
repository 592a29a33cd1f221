"""A key field apply points at the provider, read by code that stays on OpenAI (t50g D1), and
where a request the provider lacks goes when apply leaves the module-level client (t50, h2).

reworkd/AgentGPT's settings hold `openai_api_base` (OpenAI's URL) and `openai_api_key` (a
placeholder) side by side. ML402 switches both, so that the chat model reading them moves
to DeepSeek with DeepSeek's key. The embeddings (DeepSeek serves none) and DALL-E reading
the same key field stay on OpenAI: left so, they would send DeepSeek's key to api.openai.com.
Leaving the field (and its URL) instead would leave the chat model on OpenAI, and leaving the
key alone would send whatever it holds (an OpenAI key from the environment) to DeepSeek: so
the field moves, and each reader left on OpenAI is told it must take OpenAI's key from its
own variable."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.switched_fields import switched_fields

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]

SETTINGS = """from pydantic import BaseSettings


class Settings(BaseSettings):
    openai_api_base: str = "https://api.openai.com/v1"
    openai_api_key: str = "<Should be updated via env>"


settings = Settings()
"""
# AgentGPT's own shape (t53l D3): read from APP_OPENAI_API_BASE / APP_OPENAI_API_KEY and .env
PREFIXED = SETTINGS.replace(
    '"<Should be updated via env>"\n',
    '"<Should be updated via env>"\n\n    class Config:\n        env_file = ".env"\n'
    '        env_prefix = "APP_"\n',
)
CHAT = """from langchain_openai import ChatOpenAI

from settings import settings


def llm():
    return ChatOpenAI(
        model="gpt-4o-mini",
        openai_api_base=settings.openai_api_base,
        openai_api_key=settings.openai_api_key,
    )
"""
MEMORY = """from langchain_openai import OpenAIEmbeddings

from settings import settings


def embeddings():
    return OpenAIEmbeddings(openai_api_key=settings.openai_api_key)
"""
IMAGE = """import openai

from settings import settings


def image(prompt):
    return openai.Image.create(api_key=settings.openai_api_key, prompt=prompt, n=1)
"""
# DeepSeek serves neither embeddings nor images (providers/deepseek.toml)
ELSEWHERE = "doubao, ernie, siliconflow, zhipu offer it"
EMBEDDERS = "azure, baichuan, doubao, ernie, hunyuan, qwen, siliconflow, zhipu offer it"
SWITCHED = (
    "its key `settings.openai_api_key` (`openai_api_key` of settings.py) holds DeepSeek's key "
    "after apply (the field reads DEEPSEEK_API_KEY), which would go to OpenAI: to keep it on "
    'OpenAI, give it OpenAI\'s key from its own variable ({}=os.environ["OPENAI_API_KEY"])'
)


def scan(tmp_path, monkeypatch, files: dict[str, str], *args: str) -> list[tuple]:
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = CliRunner().invoke(
        app, ["scan", ".", *(args or ("--provider", "deepseek")), "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.stderr
    return [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
    ]


PROJECT = {"settings.py": SETTINGS, "chat.py": CHAT, "memory.py": MEMORY, "image.py": IMAGE}


def test_the_readers_left_on_openai_say_the_field_holds_the_providers_key(tmp_path, monkeypatch):
    found = scan(tmp_path, monkeypatch, PROJECT)
    assert [f for f in found if f[0] == "memory.py"] == [
        (
            "memory.py",
            7,
            "ML601",
            "error",
            "manual",
            "OpenAIEmbeddings() (LangChain) talks to OpenAI (key from `settings.openai_api_key`)"
            "; DeepSeek has no OpenAI-compatible embeddings API (see "
            "https://api-docs.deepseek.com): " + SWITCHED.format("openai_api_key") + ", or "
            "point it at a provider that serves embeddings (its key and base URL), by hand; "
            + EMBEDDERS,
        )
    ]
    [key] = [f for f in found if f[0] == "image.py" and f[2] == "ML304"]
    assert key[3:] == (
        "error",
        "manual",
        "api_key= is a per-request credential of openai<1.0; v1 takes it on the client "
        "(client.with_options(...) for one request); DeepSeek does not serve this request, "
        "which stays on OpenAI (nothing configures the module-level client): "
        + SWITCHED.format("api_key")
        + ", by hand",
    )
    [call] = [f for f in found if f[0] == "image.py" and f[2] == "ML302"]
    assert call[5] == (
        "openai.Image.create() was removed in openai 1.0; use client.images.generate(); "
        "DeepSeek has no OpenAI-compatible images API; apply leaves it as it is: openai>=1, "
        "which the migrated code needs, raises APIRemovedInV1 on it, and openai<1 sends it "
        "through its module-level client, which nothing configures (OpenAI's), so this call "
        f"still goes there (see https://api-docs.deepseek.com); {ELSEWHERE}"
    )
    # the field itself moves with its URL: the chat model reading both goes to DeepSeek
    assert [(f[1], f[2], f[4]) for f in found if f[0] == "settings.py"] == [
        (5, "ML401", "review"),
        (5, "ML402", "safe"),
        (6, "ML401", "review"),
        (6, "ML402", "review"),
    ]


def test_apply_moves_the_field_and_leaves_the_readers_red(tmp_path, monkeypatch):
    scan(tmp_path, monkeypatch, PROJECT)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (
        '    openai_api_key: Annotated[str, Field(env="DEEPSEEK_API_KEY")] = os.environ.get(\n'
        '        "DEEPSEEK_API_KEY", "unset"\n' in (tmp_path / "settings.py").read_text()
    )
    assert (tmp_path / "memory.py").read_text() == MEMORY
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
    assert check.exit_code == 1
    left = json.loads(check.stdout)["findings"]
    memory = [f["message"] for f in left if f["path"] == "memory.py"]
    assert len(memory) == 1 and SWITCHED.format("openai_api_key") in memory[0]


def test_a_prefixed_settings_field_is_left_and_names_its_variables(tmp_path, monkeypatch):
    """t53l D3: pydantic reads APP_OPENAI_API_BASE / APP_OPENAI_API_KEY and .env before a
    default, so a default read of the provider's variables replaced nothing there, and an
    OpenAI key left in APP_OPENAI_API_KEY went to the provider's URL. Both fields are left."""
    found = scan(tmp_path, monkeypatch, {**PROJECT, "settings.py": PREFIXED})
    assert [f[1:] for f in found if f[0] == "settings.py"] == [
        (
            5,
            "ML402",
            "warning",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1, the default of settings field "
            "Settings.openai_api_base, which pydantic reads from APP_OPENAI_API_BASE first (and "
            "the env_file .env): a default read of DEEPSEEK_BASE_URL would not replace it, so "
            "it is left; set APP_OPENAI_API_BASE to https://api.deepseek.com and "
            "APP_OPENAI_API_KEY to DeepSeek's key (the field openai_api_key) there, by hand "
            "(code left on OpenAI that reads the key field then needs OpenAI's key from its own "
            "variable); check cannot see where the program runs: once they are set, say so "
            "with `# migrate-llm: ignore[ML402]` on this line",
        )
    ]
    [memory] = [f[5] for f in found if f[0] == "memory.py"]
    assert "holds DeepSeek's key" not in memory
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "settings.py").read_text() == PREFIXED


def test_a_prefix_the_module_imports_is_named_as_written(tmp_path, monkeypatch):
    """AgentGPT's `env_prefix = ENV_PREFIX`, and pydantic-settings' `model_config`."""
    settings = (
        "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n"
        "from app.constants import ENV_PREFIX\n\n\nclass Settings(BaseSettings):\n"
        "    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX)\n\n"
        '    base: str = "https://api.openai.com/v1"\n    api_key: str = "unset"\n'
    )
    found = scan(tmp_path, monkeypatch, {"settings.py": settings}, *ACME)
    assert [f[5] for f in found] == [
        "hard-coded OpenAI URL https://api.openai.com/v1, the default of settings field "
        "Settings.base, which pydantic reads from <ENV_PREFIX>BASE first: a default read of "
        "ACME_BASE_URL would not replace it, so it is left; set <ENV_PREFIX>BASE to "
        "https://api.acme.example/v1 and <ENV_PREFIX>API_KEY to Acme Cloud's key (the field "
        "api_key) there, by hand (code left on OpenAI that reads the key field then needs "
        "OpenAI's key from its own variable); check cannot see where the program runs: once "
        "they are set, say so with `# migrate-llm: ignore[ML402]` on this line"
    ]


def test_a_real_key_beside_the_url_leaves_the_field_and_says_nothing_more(tmp_path, monkeypatch):
    settings = SETTINGS.replace(
        '"<Should be updated via env>"', '"sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6"'
    ).replace("BaseSettings", "BaseModel")
    found = scan(tmp_path, monkeypatch, {**PROJECT, "settings.py": settings})
    [memory] = [f[5] for f in found if f[0] == "memory.py"]
    assert "keep it on OpenAI or point it at a provider that serves embeddings" in memory
    assert "holds DeepSeek's key" not in memory


def test_a_settings_field_read_from_openais_variable_counts_too(tmp_path, monkeypatch):
    """DocsGPT's shape: `OPENAI_API_KEY: str` of a settings class without a prefix, which
    ML401 gives the provider's variable as its alias."""
    settings = (
        "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
        "    OPENAI_API_KEY: str | None = None\n\n\nsettings = Settings()\n"
    )
    memory = MEMORY.replace("settings.openai_api_key", "settings.OPENAI_API_KEY")
    found = scan(tmp_path, monkeypatch, {"settings.py": settings, "memory.py": memory})
    [message] = [f[5] for f in found if f[0] == "memory.py"]
    assert (
        "its key `settings.OPENAI_API_KEY` (`OPENAI_API_KEY` of settings.py) holds DeepSeek's "
        "key after apply"
    ) in message


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (SETTINGS.encode(), {"openai_api_key"}),
        (PREFIXED.encode(), set()),
        (
            b"class S(BaseModel):\n"
            b'    openai_api_base: str = Field(default="https://api.openai.com/v1/")\n'
            b'    openai_key: str = Field("your-key")\n    api_key: str = "your-key"\n',
            {"openai_key"},  # a plain `api_key` may be any service's: not followed
        ),
        (PREFIXED.replace("<Should be updated via env>", "OPENAI_API_KEY").encode(), set()),
        (PREFIXED.replace("https://api.openai.com/v1", "https://api.x.ai/v1").encode(), set()),
        (b"class Settings(BaseSettings):\n    openai_api_key: str\n", {"openai_api_key"}),
        (
            b'class Settings(BaseSettings):\n    openai_api_key: str\n\n    env_prefix = "A_"\n',
            set(),
        ),
    ],
    ids=[
        "unprefixed",
        "agentgpt",
        "field-default",
        "variable-name",
        "other-url",
        "settings",
        "prefixed",
    ],
)
def test_the_fields_apply_switches(text, fields):
    assert switched_fields(text) == fields


# -- t50 (h2): a request the provider lacks, through the module-level client -----------------


def test_a_second_unserved_request_says_why_the_client_stays(tmp_path, monkeypatch):
    text = (
        "import openai\n\nimage = openai.images.generate(prompt=p)\n"
        "flags = openai.moderations.create(input=p)\n"
    )
    found = scan(tmp_path, monkeypatch, {"app.py": text}, *ACME)
    assert [f[5] for f in found if f[2] == "ML102"] == [
        "openai.images.generate() uses the module-level client; its endpoint is whatever "
        "openai.base_url and OPENAI_BASE_URL say; Acme Cloud has no OpenAI-compatible images "
        "API; apply leaves the module-level client on OpenAI (unconfigured), so this call "
        "still goes there (see https://docs.acme.example/openai); doubao, ernie, siliconflow, "
        "zhipu offer it",
        "openai.moderations.create() uses the module-level client; its endpoint is whatever "
        "openai.base_url and OPENAI_BASE_URL say; Acme Cloud has no OpenAI-compatible "
        "moderations API; apply leaves the module-level client on OpenAI (unconfigured: its "
        "request on line 3 asks for images, which Acme Cloud does not serve), so this call "
        "still goes there (see https://docs.acme.example/openai); no catalogued provider "
        "offers it",
    ]


def test_where_a_module_configures_the_client_the_request_fails_at_the_provider(
    tmp_path, monkeypatch
):
    files = {
        "setup_openai.py": 'import os\n\nimport openai\n\nopenai.api_key = os.environ["K"]\n',
        "app.py": "import openai\n\nimage = openai.images.generate(prompt=p)\n",
    }
    found = scan(tmp_path, monkeypatch, files, *ACME)
    [message] = [f[5] for f in found if f[2] == "ML102"]
    assert message.endswith(
        "Acme Cloud has no OpenAI-compatible images API; this call fails after the switch "
        "(see https://docs.acme.example/openai); doubao, ernie, siliconflow, zhipu offer it"
    )
