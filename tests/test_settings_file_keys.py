"""A program whose key is an entry of its own settings file (trials t52i N1/N2, t52k defect 3).

VideoLingo reads `api.key` from config.yaml and MoneyPrinterTurbo `openai_api_key` from
config.toml, and each raises where it is empty; neither reads an environment variable. ML505
said to "give the program DeepSeek's key (DEEPSEEK_API_KEY)" (or to "move it to an
environment variable"): a person removed the key, exported the variable, and the program
stopped at `ValueError: API key is not set`. ML505 now says to replace the key in that entry.
Once the provider's key and URL are there, `check` cannot see it: ML505 (a key kept in the
file) and ML003 (a client whose settings are the program's) say how to record that done.
scan's table wrote "base URL (below)" where apply and check wrote the URL (t52i N3).
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

# t52k's repro/r3
APP = """import os
import tomllib

from openai import OpenAI

cfg = tomllib.load(open("config.toml", "rb"))


def ask(prompt):
    api_key = cfg.get("openai_api_key", "")
    base_url = cfg.get("openai_base_url", "") or os.environ.get(
        "HUNYUAN_BASE_URL", "https://api.hunyuan.cloud.tencent.com/v1"
    )
    if not api_key:
        raise ValueError("openai_api_key is not set in config.toml")
    client = OpenAI(api_key=api_key, base_url=base_url)
    return client.chat.completions.create(model="hunyuan-turbos-latest", messages=[])
"""
OPENAI_KEY = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefGHIJ"
PROVIDER_KEY = "sk-4f9c2a7e1b8d3f6a0c5e9b2d7a4f1c8e"  # hex: not OpenAI's shape
RECORD = (
    "once the file is, record that with `# migrate-llm: ignore[ML505]` at the end of this line "
    "(or in a `check --baseline` file), as check cannot see where the file is kept"
)


def check(*args: str):
    done = CliRunner().invoke(app, ["check", *args, "--no-cache", "--format", "json"])
    found = [
        (f["path"], f["line"], f["rule"], f["message"]) for f in json.loads(done.stdout)["findings"]
    ]
    return done.exit_code, found


def test_an_openai_key_the_program_reads_from_its_file_is_replaced_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    config = tmp_path / "config.toml"
    config.write_text(f'openai_api_key = "{OPENAI_KEY}"\nopenai_base_url = ""\n')
    assert check(".", "--provider", "hunyuan") == (
        1,
        [
            (
                "config.toml",
                1,
                "ML505",
                "hard-coded OpenAI key sk-pr…IJ in a config file: a program reading it sends it "
                "with its requests, which go to Tencent Hunyuan after the switch: rejected "
                "there, and the key leaks there; rotate it, and replace it here "
                "(openai_api_key) with a Tencent Hunyuan key, where the program reads it (keep "
                "a file holding a real key out of version control)",
            )
        ],
    )
    # done as told: the provider's key in that entry
    config.write_text(f'openai_api_key = "{PROVIDER_KEY}"\nopenai_base_url = ""\n')
    assert check(".", "--provider", "hunyuan") == (
        1,
        [
            (
                "config.toml",
                1,
                "ML505",
                "hard-coded API key sk-4f…8e in a config file (openai_api_key): keep a file "
                f"holding a real key out of version control (rotate a key that was committed); "
                f"{RECORD}",
            )
        ],
    )
    config.write_text(
        f'openai_api_key = "{PROVIDER_KEY}"  # migrate-llm: ignore[ML505]\nopenai_base_url = ""\n'
    )
    assert check(".", "--provider", "hunyuan") == (0, [])


def test_a_placeholder_in_a_settings_entry_names_no_variable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.yaml").write_text("api:\n  key: sk-xxxxxxxxxxxxxxxxxxxxxxxx\n")
    args = ["config.yaml", "--provider", "deepseek", "--no-cache", "--format", "json"]
    scanned = CliRunner().invoke(app, ["scan", *args])
    assert [
        (f["path"], f["line"], f["rule"], f["message"])
        for f in json.loads(scanned.stdout)["findings"]
    ] == [
        (
            "config.yaml",
            2,
            "ML505",
            "placeholder API key sk-xx…xx in a config file (api.key): the real key goes where "
            "the program reads it; keep a file holding one out of version control",
        )
    ]


# t52i's VideoLingo, cut down: the key tested first, the URL made to end in /v1
ASK = """from openai import OpenAI
from settings import load_key


def ask(prompt):
    if not load_key("api.key"):
        raise ValueError("API key is not set")
    base_url = load_key("api.base_url")
    if 'v1' not in base_url:
        base_url = base_url.strip('/') + '/v1'
    client = OpenAI(api_key=load_key("api.key"), base_url=base_url)
    return client.chat.completions.create(model=load_key("api.model"), messages=[])
"""
SETTINGS = f"""api:
  key: '{PROVIDER_KEY}'
  base_url: 'https://api.deepseek.com'
  model: 'deepseek-flash'
"""


def test_settings_set_by_hand_can_be_recorded_done(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ask.py").write_text(ASK)
    (tmp_path / "config.yaml").write_text(SETTINGS)
    code, found = check(".", "--provider", "deepseek")
    assert code == 1
    assert [(path, line, rule) for path, line, rule, _ in found] == [
        ("ask.py", 11, "ML003"),
        ("config.yaml", 2, "ML505"),
    ]
    assert found[0][3].endswith(
        "a DeepSeek key set there alone would go to whatever base URL is set beside it; once "
        "they are set, record that with `# migrate-llm: ignore[ML003]` at the end of this line "
        "(or in a `check --baseline` file), as check cannot see what the program's settings hold"
    )
    assert found[1][3].endswith(RECORD)
    (tmp_path / "ask.py").write_text(
        ASK.replace("base_url=base_url)\n", "base_url=base_url)  # migrate-llm: ignore[ML003]\n")
    )
    (tmp_path / "config.yaml").write_text(
        SETTINGS.replace("8e'\n", "8e'  # migrate-llm: ignore[ML505]\n")
    )
    assert check(".", "--provider", "deepseek") == (0, [])


def test_scans_table_writes_the_base_url_out_as_apply_and_check_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ask.py").write_text(ASK)
    args = ["ask.py", "--provider", "deepseek", "--no-cache"]
    scanned = CliRunner().invoke(app, ["scan", *args])
    checked = CliRunner().invoke(app, ["check", *args])
    said = "(base URL https://api.deepseek.com, a deepseek key, a deepseek model"
    assert said in " ".join(scanned.stdout.split())
    assert said.replace("deepseek k", "DeepSeek k").replace("deepseek m", "DeepSeek m") in (
        checked.stdout
    )
    assert "(below)" not in scanned.stdout
