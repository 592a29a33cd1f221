"""A config file's OpenAI base URL is not switched alone where an OpenAI key goes with it
(ML502): the program would send that key, or the OpenAI key a stand-in asks for, to the
provider, and the variables migrated code falls back on would not count while both are set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass
from migrate_llm.registry import Registry

from .apply_summary import placeholder_step
from .conftest import ACME_DIR
from .test_config_edits import migrate

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
# the fallback of the key the program hands the client, read with the placeholder
UNSET = placeholder_step("Acme Cloud", "app.py:23", "app.py:28")
# devika's shape: a key table and an endpoint table, each keyed by service
CONFIG = (
    '[API_KEYS]\nOPENAI = "<YOUR_OPENAI_API_KEY>"\n\n'
    '[API_ENDPOINTS]\nOPENAI = "https://api.openai.com/v1"\n'
)
APP = (
    "import toml\nfrom openai import OpenAI\n\n\nclass Settings:\n"
    "    def __init__(self):\n"
    '        self.values = toml.load("config.toml")\n\n'
    "    def key(self):\n"
    '        return self.values["API_KEYS"]["OPENAI"]\n\n'
    "    def url(self):\n"
    '        return self.values["API_ENDPOINTS"]["OPENAI"]\n\n\n'
    "def make():\n"
    "    settings = Settings()\n"
    "    api_key = settings.key()\n"
    "    base_url = settings.url()\n"
    "    return OpenAI(api_key=api_key, base_url=base_url)\n"
)
APP_AFTER = "import os\n\n" + APP.replace(
    "    return OpenAI(api_key=api_key, base_url=base_url)\n",
    "    return OpenAI(\n"
    '        api_key=os.environ.get("ACME_API_KEY", "unset")\n'
    "        if not base_url\n"
    "        else (\n"
    "            api_key\n"
    "            or (\n"
    '                os.environ.get("ACME_API_KEY", "unset")\n'
    '                if str(base_url).rstrip("/").lower()\n'
    "                in (\n"
    '                    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
    '                    .rstrip("/")\n'
    "                    .lower(),\n"
    '                    "https://api.acme.example/v1",\n'
    "                )\n"
    "                else api_key\n"
    "            )\n"
    "        ),\n"
    "        base_url=base_url\n"
    '        or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    "    )\n",
)
HELD = (
    "https://api.openai.com/v1 is OpenAI's endpoint; left alone: switched alone, it would take "
    "the OpenAI key that API_KEYS.OPENAI (line 2) asks for to Acme Cloud. Point both at Acme "
    "Cloud together: base URL https://api.acme.example/v1 here, and an Acme Cloud key where the "
    "program reads line 2's (your own copy of the file: a key committed there is ML505's error)"
)


def invoke(*args: str):
    return CliRunner().invoke(app, [*args, *ACME])


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str = CONFIG) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.toml").write_text(config)
    (tmp_path / "app.py").write_text(APP)
    return tmp_path


def test_apply_leaves_the_url_and_the_key_and_the_next_line_names_both(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch)
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (root / "config.toml").read_text() == CONFIG
    assert (root / "app.py").read_text() == APP_AFTER
    lines = done.stderr.splitlines()
    assert f"  config.toml:5:10 ML502 error {HELD}" in lines
    assert lines[-1] == (
        "Next: export ACME_API_KEY=<your Acme Cloud key> (the OpenAI key does not work there). "
        f"{UNSET} "
        "ACME_BASE_URL overrides the base URL https://api.acme.example/v1 (a proxy, a region, a "
        "test server). Put your Acme Cloud key where the program keeps the key it hands this "
        "client: `api_key` (app.py:20:12); an OpenAI key left there would be sent to the "
        "provider. OpenAI's base URL and key stay in config.toml:5 and config.toml:2 (left for "
        "you): where the program reads them, they win over any variable; point both at Acme "
        "Cloud together: its base URL in the URL entry, the key entry left empty if the program "
        "then reads ACME_API_KEY (a key written there fails check: ML505)."
    )
    again = invoke("apply", ".", "--yes", "--allow-dirty")
    assert again.exit_code == 0, again.stderr
    assert (root / "config.toml").read_text() == CONFIG
    assert (root / "app.py").read_text() == APP_AFTER


def test_check_fails_on_the_pair_until_both_point_at_the_provider(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch)
    assert invoke("apply", ".", "--yes", "--allow-dirty").exit_code == 0
    checked = invoke("check", ".", "--format", "json")
    assert checked.exit_code == 1
    found = json.loads(checked.stdout)["findings"]
    assert [(f["path"], f["line"], f["rule"], f["fix"], f["message"]) for f in found] == [
        ("config.toml", 5, "ML502", "manual", HELD)
    ]
    assert found[0]["data"] == {
        "url_from": "https://api.openai.com/v1",
        "url_to": "https://api.acme.example/v1",
        "key_line": 2,
        "key_setting": "API_KEYS.OPENAI",
    }
    (root / "config.toml").write_text(
        CONFIG.replace("https://api.openai.com/v1", "https://api.acme.example/v1").replace(
            "<YOUR_OPENAI_API_KEY>", "<YOUR_ACME_API_KEY>"
        )
    )
    assert invoke("check", ".").exit_code == 0


def test_following_the_advice_passes_check_and_a_written_key_does_not(tmp_path, monkeypatch):
    """The advice (the URL here, the key entry emptied: apply's fallback then reads
    ACME_API_KEY) leads to a passing check; the provider's key written into the file instead
    is ML505's error, which the advice names (devika's re-run, N1)."""
    root = project(tmp_path, monkeypatch)
    assert invoke("apply", ".", "--yes", "--allow-dirty").exit_code == 0
    pointed = CONFIG.replace("https://api.openai.com/v1", "https://api.acme.example/v1")
    (root / "config.toml").write_text(pointed.replace("<YOUR_OPENAI_API_KEY>", ""))
    assert invoke("check", ".").exit_code == 0
    (root / "config.toml").write_text(
        pointed.replace("<YOUR_OPENAI_API_KEY>", "sk-acme-4fJx9Qm2LwT7vRb8NcYk3PzD6q")
    )
    checked = invoke("check", ".", "--format", "json")
    assert checked.exit_code == 1
    assert [(f["line"], f["rule"]) for f in json.loads(checked.stdout)["findings"]] == [
        (2, "ML505")
    ]


def test_a_real_openai_key_in_the_key_table_holds_the_url_back(registry: Registry) -> None:
    text = CONFIG.replace("<YOUR_OPENAI_API_KEY>", "sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6")
    after, findings = migrate(registry, "config.toml", text)
    assert after == text
    held = [(f.line, f.fix, f.message) for f in findings if f.rule == "ML502"]
    assert held == [
        (
            5,
            FixClass.MANUAL,
            "https://api.openai.com/v1 is OpenAI's endpoint; left alone: switched alone, it "
            "would take the OpenAI key of API_KEYS.OPENAI (line 2) to Acme Cloud. Point both at "
            "Acme Cloud together: base URL https://api.acme.example/v1 here, and an Acme Cloud "
            "key where the program reads line 2's (your own copy of the file: a key committed "
            "there is ML505's error)",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the code reads the key from a variable: no key entry in the file
        '[API_ENDPOINTS]\nOPENAI = "https://api.openai.com/v1"\n',
        # an empty key entry: the provider's variable fills it
        '[API_KEYS]\nOPENAI = ""\n\n[API_ENDPOINTS]\nOPENAI = "https://api.openai.com/v1"\n',
        # the URL's own table holds its key, the provider's variable
        '[API_KEYS]\nOPENAI = "sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6"\n\n'
        '[llm]\nbase_url = "https://api.openai.com/v1"\napi_key = "${ACME_API_KEY}"\n',
        # the OpenAI key goes with a base URL of its own, another service's
        '[openai]\nbase_url = "https://proxy.internal.example/v1"\napi_key = "<your openai key>"\n\n'
        '[llm]\nbase_url = "https://api.openai.com/v1"\n',
    ],
    ids=["no-key-entry", "empty-key", "own-key", "key-with-its-own-url"],
)
def test_without_an_openai_key_going_with_it_the_url_is_switched(registry, text):
    after, findings = migrate(registry, "config.toml", text)
    assert after == text.replace("https://api.openai.com/v1", "https://api.acme.example/v1")
    assert [f.fix for f in findings if f.rule == "ML502"] == [FixClass.SAFE]
    assert [f for f in migrate(registry, "config.toml", after)[1] if f.edit is not None] == []


def test_a_stand_in_asking_for_an_openai_key_beside_the_url_holds_it_back(registry):
    text = "BASE_URL=https://api.openai.com/v1\nAPI_KEY=sk-your-openai-api-key-here\n"
    after, findings = migrate(registry, ".env.example", text)
    assert after == text
    assert [(f.rule, f.fix, f.data.get("key_line")) for f in findings] == [
        ("ML502", FixClass.MANUAL, 2)
    ]


EMPTY_KEY = '[API_KEYS]\nOPENAI = ""\n\n[API_ENDPOINTS]\nOPENAI = "https://api.openai.com/v1"\n'
KEEPS_KEY = (
    " Put your Acme Cloud key where the program keeps the key it hands this client: `api_key` "
    "(app.py:20:12); an OpenAI key left there would be sent to the provider."
)


def test_the_next_line_names_the_switched_entry_that_wins_over_the_variable(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch, EMPTY_KEY)
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (root / "config.toml").read_text() == EMPTY_KEY.replace(
        "https://api.openai.com/v1", "https://api.acme.example/v1"
    )
    assert done.stderr.splitlines()[-1] == (
        "Next: export ACME_API_KEY=<your Acme Cloud key> (the OpenAI key does not work there). "
        f"{UNSET} "
        "config.toml:5 now holds Acme Cloud's base URL https://api.acme.example/v1: where the "
        "program reads it, it wins over ACME_BASE_URL (change it there for a proxy, a region, "
        "a test server)." + KEEPS_KEY
    )


def test_the_next_line_names_three_switched_entries_then_a_count(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch, EMPTY_KEY)
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (root / name).write_text("llm:\n  base_url: https://api.openai.com/v1\n")
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert done.stderr.splitlines()[-1] == (
        "Next: export ACME_API_KEY=<your Acme Cloud key> (the OpenAI key does not work there). "
        f"{UNSET} "
        "a.yaml:2, b.yaml:2, c.yaml:2 and 1 more now hold Acme Cloud's base URL "
        "https://api.acme.example/v1: where the program reads them, they win over "
        "ACME_BASE_URL (change them there for a proxy, a region, a test server)." + KEEPS_KEY
    )


STAND_IN = 'llm:\n  api_type: "openai"\n  base_url: "https://api.openai.com/v1"\n  api_key: "YOUR_API_KEY"\n'


def test_the_next_line_names_a_stand_in_key_beside_the_switched_entry(tmp_path, monkeypatch):
    """MetaGPT reads its key only from the config whose base URL apply switched: the stand-in
    beside it would go to the provider, and exporting the provider's variable does nothing."""
    root = project(tmp_path, monkeypatch, EMPTY_KEY)
    (root / "config2.yaml").write_text(STAND_IN)
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (root / "config2.yaml").read_text() == STAND_IN.replace(
        "https://api.openai.com/v1", "https://api.acme.example/v1"
    )
    assert done.stderr.splitlines()[-1] == (
        "Next: export ACME_API_KEY=<your Acme Cloud key> (the OpenAI key does not work there). "
        f"{UNSET} "
        "config.toml:5, config2.yaml:3 now hold Acme Cloud's base URL "
        "https://api.acme.example/v1: where the program reads them, they win over "
        "ACME_BASE_URL (change them there for a proxy, a region, a test server). Beside them, "
        "config2.yaml:4 holds a stand-in for the key: a program reading its key from there "
        "sends the stand-in to Acme Cloud: give it your Acme Cloud key where it reads it (your "
        "own copy of the file: a key committed there is ML505's error), or leave the entry "
        "empty where the program then reads ACME_API_KEY." + KEEPS_KEY
    )
