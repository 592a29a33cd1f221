"""devika on Moonshot (trial t61d): a menu of models keyed by service, no service of Moonshot's.

devika's `MODELS = {"OPENAI": [...], "GROQ": [...]}` feeds its OpenAI client, the only way the
program reaches Moonshot once that client points there. ML204 left the entries as "OpenAI's
models for OpenAI" (a note), so `check` passed while every request sent `gpt-4o` to Moonshot.
Where the program names no service of the target's own, the entry is a warning (manual).
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

MODELS = """MODELS = {
    "OPENAI": [("GPT-4o", "gpt-4o"), ("GPT-3.5 Turbo", "gpt-3.5-turbo-0125")],
    "GROQ": [("LLAMA3 70B", "llama3-70b-8192")],
}
"""

CLIENT = """import os

from openai import OpenAI


class OpenAi:
    def __init__(self):
        self.client = OpenAI(
            api_key=os.environ["MOONSHOT_API_KEY"],
            base_url=os.getenv("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
        )

    def inference(self, model_id, prompt):
        reply = self.client.chat.completions.create(
            messages=[{"role": "user", "content": prompt}], model=model_id, temperature=0
        )
        return reply.choices[0].message.content
"""

MAIN = """from client import OpenAi
from models import MODELS

print(OpenAi().inference(MODELS["OPENAI"][0][1], "hi"))
"""

# a module picking its service by name, Moonshot one of them
SERVICES = """def client_for(provider):
    if provider == "openai":
        return "OpenAi"
    if provider == "moonshot":
        return "Kimi"
    return None
"""

WARNING = (
    "models.py:2:27 ML204 'gpt-4o' and 1 more under 'OPENAI' in MODELS, a table keyed by "
    "service: OpenAI's models for OpenAI, but the program names no service of Moonshot AI "
    "(Kimi)'s own: it reaches it only through this entry's client pointed there, which then "
    "sends these models, unknown there; change them by hand (they map to kimi-k2.6), or, "
    "where OpenAI stays one of the program's services, record that with `# migrate-llm: "
    "ignore[ML204]` at the end of this line"
)


def _project(tmp_path, monkeypatch, models=MODELS, **more):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models.py").write_text(models)
    (tmp_path / "client.py").write_text(CLIENT)
    (tmp_path / "main.py").write_text(MAIN)
    for name, text in more.items():
        (tmp_path / f"{name}.py").write_text(text)


def _run(*args):
    return CliRunner().invoke(app, [*args, ".", "--provider", "moonshot", "--no-cache"])


def test_openais_menu_without_a_moonshot_service_fails_check(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    done = _run("check")
    assert done.exit_code == 1
    assert done.stdout.splitlines() == [
        WARNING,
        "1 finding for moonshot in 1 of 3 files; 0 error, 1 warning, 0 note",
    ]


def test_the_warning_is_left_by_apply(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    done = CliRunner().invoke(
        app, ["apply", ".", "--provider", "moonshot", "--yes", "--allow-dirty", "--no-cache"]
    )
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "models.py").read_text() == MODELS
    assert (tmp_path / "client.py").read_text() == CLIENT


def test_the_run_time_temperature_stays_a_note(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    done = _run("scan", "--format", "json")
    found = [
        (f["path"], f["line"], f["rule"], f["severity"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] in ("ML115", "ML118", "ML204")
    ]
    assert found == [("client.py", 14, "ML118", "note"), ("models.py", 2, "ML204", "warning")]


def test_recorded_with_an_ignore_comment_check_passes(tmp_path, monkeypatch):
    ignored = MODELS.replace(
        '("GPT-3.5 Turbo", "gpt-3.5-turbo-0125")],',
        '("GPT-3.5 Turbo", "gpt-3.5-turbo-0125")],  # migrate-llm: ignore[ML204]',
    )
    _project(tmp_path, monkeypatch, models=ignored)
    done = _run("check")
    assert done.exit_code == 0
    assert done.stdout.splitlines() == ["0 findings for moonshot in 0 of 3 files"]


def test_mapped_by_hand_check_passes(tmp_path, monkeypatch):
    _project(
        tmp_path,
        monkeypatch,
        models=MODELS.replace("gpt-4o", "kimi-k2.6").replace("gpt-3.5-turbo-0125", "kimi-k3"),
    )
    done = _run("check")
    assert done.exit_code == 0
    assert done.stdout.splitlines() == ["0 findings for moonshot in 0 of 3 files"]


def test_a_program_with_a_moonshot_service_keeps_the_note(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch, services=SERVICES)
    done = _run("check")
    assert done.exit_code == 0
    assert done.stdout.splitlines() == ["0 findings for moonshot in 0 of 4 files"]
    shown = _run("scan", "--format", "json")
    assert [
        (f["path"], f["line"], f["severity"], f["message"])
        for f in json.loads(shown.stdout)["findings"]
        if f["rule"] == "ML204"
    ] == [
        (
            "models.py",
            2,
            "note",
            "'gpt-4o' and 1 more under 'OPENAI' in MODELS, a table keyed by service: OpenAI's "
            "models for OpenAI, which stays one of the program's services; left as they are "
            "(where that entry's models now go to Moonshot AI (Kimi), change them by hand)",
        )
    ]


# D2: the key and endpoint are config.toml's, through the getters of src/config.py
CONFIG = """import toml


class Config:
    def __init__(self):
        self.config = toml.load("config.toml")

    def get_openai_api_key(self):
        return self.config["API_KEYS"]["OPENAI"]

    def get_openai_api_base_url(self):
        return self.config["API_ENDPOINTS"]["OPENAI"]
"""

GETTERS = """from openai import OpenAI

from config import Config


class OpenAi:
    def __init__(self):
        config = Config()
        api_key = config.get_openai_api_key()
        base_url = config.get_openai_api_base_url()
        self.client = OpenAI(api_key=api_key, base_url=base_url)
"""

SETTINGS_HELD = (
    "openai_client.py:11:23 ML003 OpenAI() takes its base URL from `base_url` at run time "
    "(OpenAI's when that is None) and its key from `api_key` (OPENAI_API_KEY when that is "
    "None); make sure they are Moonshot AI (Kimi)'s (https://api.moonshot.cn/v1, and a "
    "Moonshot AI (Kimi) key) where the program's settings hold them "
    "(`config.get_openai_api_base_url()` and `config.get_openai_api_key()` read them; ML502 "
    "reports a settings file of the project holding OpenAI's) in place of OpenAI's; "
    "a server of your own needs no change; once they are, record that with `# migrate-llm: "
    "ignore[ML003]` at the end of this line (or in a `check --baseline` file), as check "
    "cannot see what the program's settings hold"
)


def _settings_project(tmp_path, monkeypatch, client=GETTERS):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "openai_client.py").write_text(client)


def test_a_client_given_the_settings_getters_names_the_settings(tmp_path, monkeypatch):
    _settings_project(tmp_path, monkeypatch)
    done = _run("check")
    assert done.exit_code == 1
    assert done.stdout.splitlines() == [
        SETTINGS_HELD,
        "1 finding for moonshot in 1 of 2 files; 0 error, 1 warning, 0 note",
    ]


def test_recorded_done_the_settings_client_passes_check(tmp_path, monkeypatch):
    client = GETTERS.replace(
        "base_url=base_url)", "base_url=base_url)  # migrate-llm: ignore[ML003]"
    )
    _settings_project(tmp_path, monkeypatch, client)
    done = _run("check")
    assert done.exit_code == 0
    assert done.stdout.splitlines() == ["0 findings for moonshot in 0 of 2 files"]


def test_a_getter_of_something_else_keeps_the_variables_advice(tmp_path, monkeypatch):
    client = GETTERS.replace("config.get_openai_api_base_url()", "config.get_proxy()")
    _settings_project(tmp_path, monkeypatch, client)
    done = _run("check")
    assert done.exit_code == 1
    assert done.stdout.splitlines()[0] == (
        "openai_client.py:11:23 ML003 OpenAI() takes its base URL from `base_url` at run time "
        "(OpenAI's when that is None) and its key from `api_key` (OPENAI_API_KEY when that is "
        "None); make sure they are Moonshot AI (Kimi)'s (https://api.moonshot.cn/v1, the key "
        "from MOONSHOT_API_KEY) in place of OpenAI's; a server of your own needs no "
        "change"
    )
