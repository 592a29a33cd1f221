"""A settings field's alias in a class deriving from a settings class of another module of the
project (t67d, WrenAI eval/): `class EvalSettings(Settings)`, `Settings` deriving from
`BaseSettings` in src/config.py. ML401 left `alias="OPENAI_API_KEY"` ("does not show how it
is used") while ML001 moved the client a caller hands that key to: the OpenAI key went to
DeepSeek. Now the alias is renamed as for a class deriving from `BaseSettings` itself."""

from __future__ import annotations

import json
import os
import time

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded

CONFIG = "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    batch_size: int = 4\n"
EVAL = (
    "from pydantic import Field, SecretStr\n\nfrom src.config import Settings\n\n\n"
    "class EvalSettings(Settings):\n"
    '    openai_api_key: SecretStr = Field(alias="OPENAI_API_KEY")\n\n'
    "    def get_openai_api_key(self) -> str:\n"
    "        return self.openai_api_key.get_secret_value()\n"
)
UTILS = (
    "import os\n\nfrom openai import OpenAI\n\n\n"
    'def get_client(api_key: str = os.getenv("OPENAI_API_KEY"), timeout: float = 60) -> OpenAI:\n'
    "    return OpenAI(api_key=api_key, timeout=timeout)\n"
)
APP = (
    "from src import EvalSettings as Settings\nfrom src.utils import get_client\n\n"
    "client = get_client(api_key=Settings().get_openai_api_key())\n"
    'reply = client.chat.completions.create(model="deepseek-flash", messages=[{"role": "user", "content": "hi"}])\n'
    "print(reply.choices[0].message.content)\n"
)
RENAMED = "names OPENAI_API_KEY, the variable a settings field reads; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not copied)"
UNSEEN = "names OPENAI_API_KEY, but the module does not show how it is used; make it name DEEPSEEK_API_KEY by hand"


def _project(root, config=CONFIG):
    (root / "src").mkdir()
    (root / "src" / "config.py").write_text(config, encoding="utf-8")
    (root / "src" / "__init__.py").write_text(EVAL, encoding="utf-8")
    (root / "src" / "utils.py").write_text(UTILS, encoding="utf-8")
    (root / "src" / "app.py").write_text(APP, encoding="utf-8")


def _alias_findings(*options):
    scan = CliRunner().invoke(
        app, ["scan", ".", "--provider", "deepseek", "--format", "json", *options]
    )
    return [
        (f["line"], f["column"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML401" and f["path"] == "src/__init__.py"
    ]


def test_an_alias_in_a_class_deriving_from_a_project_settings_class_is_renamed(
    tmp_path, monkeypatch
):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _alias_findings("--no-cache") == [(7, 45, "warning", "safe", RENAMED)]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    renamed = EVAL.replace('alias="OPENAI_API_KEY"', 'alias="DEEPSEEK_API_KEY"')
    assert (tmp_path / "src" / "__init__.py").read_text(encoding="utf-8") == renamed
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--no-cache"])
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for deepseek in 0 of 4 files\n")


def test_a_project_base_that_is_no_settings_class_leaves_the_alias(tmp_path, monkeypatch):
    _project(tmp_path, CONFIG.replace("(BaseSettings)", "(BaseModel)"))
    monkeypatch.chdir(tmp_path)
    assert _alias_findings("--no-cache") == [(7, 45, "warning", "manual", UNSEEN)]


def test_editing_only_the_base_module_reaches_a_cached_scan(tmp_path, monkeypatch):
    """The base's module keys the project's cached results (`RunFacts.settings_bases`)."""
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _alias_findings() == [(7, 45, "warning", "safe", RENAMED)]
    config = tmp_path / "src" / "config.py"
    config.write_text(CONFIG.replace("(BaseSettings)", "(object)"), encoding="utf-8")
    later = time.time() + 5  # past the cache's check of a file modified within its clock tick
    os.utime(config, (later, later))
    assert _alias_findings() == [(7, 45, "warning", "manual", UNSEEN)]


@pytest.mark.frameworks
def test_after_apply_the_caller_sends_no_openai_key_to_the_provider(server, tmp_path, monkeypatch):
    """The caller hands the settings field's key to the client apply moves: as apply writes it
    now, the request carries DEEPSEEK_API_KEY; as it wrote it before (the alias left), it
    carried the OpenAI key to DeepSeek's stand-in."""
    pytest.importorskip("pydantic_settings")
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    (tmp_path / "run.py").write_text("import runpy\n\nrunpy.run_module('src.app')\n")
    env = {
        "OPENAI_API_KEY": "sk-openai-test",
        "DEEPSEEK_API_KEY": "sk-deepseek-test",
        "DEEPSEEK_BASE_URL": server.base + "/v1",
    }
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    (request,) = server.requests
    assert (request.path, request.headers["authorization"]) == (
        "/v1/chat/completions",
        "Bearer sk-deepseek-test",
    )
    # what apply wrote before: the alias left, the OpenAI key sent to the provider
    (tmp_path / "src" / "__init__.py").write_text(EVAL, encoding="utf-8")
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert server.requests[-1].headers["authorization"] == "Bearer sk-openai-test"


EMBED_SETTINGS = (
    "from pydantic import Field\n\nfrom src.config import Settings\n\n\n"
    "class EmbedSettings(Settings):\n"
    '    openai_api_key: str = Field(alias="OPENAI_API_KEY")\n'
)
ASKS = (
    "from openai import OpenAI\n\nfrom src.embed_settings import EmbedSettings\n\n"
    "s = EmbedSettings()\nclient = OpenAI(api_key=s.openai_api_key)\n\n\n"
    "def ask(t):\n"
    '    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": t}])\n'
)
ASKS_MOVED = (
    "import os\n\nfrom openai import OpenAI\n\nfrom src.embed_settings import EmbedSettings\n\n"
    "s = EmbedSettings()\nclient = OpenAI(\n"
    '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    '    api_key=s.openai_api_key or os.environ.get("DEEPSEEK_API_KEY", "unset"),\n)\n\n\n'
    "def ask(t):\n    return client.chat.completions.create(\n"
    '        extra_body={"thinking": {"type": "disabled"}},\n'
    '        model="deepseek-v4-pro",\n'
    '        messages=[{"role": "user", "content": t}],\n    )\n'
)


def test_a_client_given_a_field_renamed_through_a_project_base_moves_with_it(tmp_path, monkeypatch):
    """Review r4: the alias was renamed through `Settings` of src/config.py while app.py's
    client, given `s.openai_api_key`, stayed on OpenAI (its key "names OpenAI"): DeepSeek's
    key went to api.openai.com. The client now sees the same settings class and moves."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "config.py").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "src" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "src" / "embed_settings.py").write_text(EMBED_SETTINGS, encoding="utf-8")
    (tmp_path / "src" / "app.py").write_text(ASKS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.stderr
    renamed = EMBED_SETTINGS.replace('alias="OPENAI_API_KEY"', 'alias="DEEPSEEK_API_KEY"')
    assert (tmp_path / "src" / "embed_settings.py").read_text(encoding="utf-8") == renamed
    assert (tmp_path / "src" / "app.py").read_text(encoding="utf-8") == ASKS_MOVED
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--no-cache"])
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for deepseek in 0 of 4 files\n")


@pytest.mark.parametrize(
    ("field", "config_extra"),
    [
        ("openai_api_key: str", ""),
        ('openai_api_key: str = Field(alias="MY_OPENAI_KEY")', ""),
        ('openai_api_key: str = Field(validation_alias="LEGACY_OPENAI_KEY")', ""),
        ("openai_api_key: str", '    model_config = {"env_prefix": "APP_"}\n'),
    ],
)
def test_a_client_given_a_field_ml401_does_not_rename_stays(
    field, config_extra, tmp_path, monkeypatch
):
    """Review r5: a field with no alias (or another variable's) through a project base is
    not renamed, so the client given it keeps OpenAI's key and stays: it was moved to
    DeepSeek with `Bearer <the OpenAI key>`."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "config.py").write_text(CONFIG + config_extra, encoding="utf-8")
    (tmp_path / "src" / "__init__.py").write_text("", encoding="utf-8")
    settings = EMBED_SETTINGS.replace('openai_api_key: str = Field(alias="OPENAI_API_KEY")', field)
    assert settings != EMBED_SETTINGS
    (tmp_path / "src" / "embed_settings.py").write_text(settings, encoding="utf-8")
    (tmp_path / "src" / "app.py").write_text(ASKS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(
        app, ["scan", ".", "--provider", "deepseek", "--format", "json", "--no-cache"]
    )
    ml001 = [
        (f["line"], f["severity"], f["fix"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML001" and f["path"] == "src/app.py"
    ]
    assert ml001 == [(6, "error", "manual")]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes", "--no-cache"])
    assert "OpenAI(api_key=s.openai_api_key)" in (tmp_path / "src" / "app.py").read_text(
        encoding="utf-8"
    ), done.stdout
