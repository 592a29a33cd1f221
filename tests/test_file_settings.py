"""OpenAI's key and base URL a config module reads from a settings file it loads
(`file_settings`, `RunFacts.config_file_settings`). chatgpt-telegram-bot's bot/config.py reads
`openai_api_key` and `openai_api_base` from config/config.yml, and its client takes them; the
example file shows `openai_api_key: ""` and `openai_api_base: null`, which scan passed over
(t50c), while ML003 told the user to use ZAI_API_KEY, which the program never reads. Now ML502
reports the base URL entry of that file, or of its example (manual: the provider's URL and key
go there together), and ML003 names the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.file_settings import FileSetting, reads_file_setting, settings_of, stands_for

CONFIG = """import yaml
from pathlib import Path

config_dir = Path(__file__).parent.parent.resolve() / "config"

with open(config_dir / "config.yml", "r") as f:
    config_yaml = yaml.safe_load(f)

openai_api_key = config_yaml["openai_api_key"]
openai_api_base = config_yaml.get("openai_api_base", None)
openrouter_api_key = config_yaml.get("openrouter_api_key", None)

with open(config_dir / "models.yml", "r") as f:
    models = yaml.safe_load(f)
"""

CLIENT = """import config
from openai import AsyncOpenAI

client = AsyncOpenAI(
    api_key=config.openai_api_key,
    base_url=config.openai_api_base,
)
"""

EXAMPLE = """telegram_token: ""
openai_api_key: ""
openai_api_base: null  # leave null to use the default api base
openrouter_api_key: ""
"""


def test_a_config_module_reading_the_key_and_base_url_from_its_file():
    data = CONFIG.encode()
    assert reads_file_setting(data)
    assert settings_of("bot/config.py", "bot/config.py", data) == [
        FileSetting(
            "bot/config.py",
            "bot/config.py",
            "openai_api_key",
            "config.yml",
            "openai_api_key",
            "key",
        ),
        FileSetting(
            "bot/config.py",
            "bot/config.py",
            "openai_api_base",
            "config.yml",
            "openai_api_base",
            "base_url",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('import json\ncfg = json.load(open("settings.json"))\nbase = cfg["openai_base_url"]\n', 1),
        (
            "import toml\nfrom pathlib import Path\n"
            'cfg = toml.load(Path("conf/app.toml"))\nkey = cfg.get("OPENAI_API_KEY")\n',
            1,
        ),
        # not a file the module loads
        ('import os\ncfg = dict(os.environ)\nbase = cfg["openai_api_base"]\n', 0),
        # another service's settings
        ('import json\ncfg = json.load(open("s.json"))\nbase = cfg["openrouter_api_base"]\n', 0),
        # bound twice: not known
        (
            'import json\ncfg = json.load(open("s.json"))\ncfg = {}\n'
            'base = cfg["openai_api_base"]\n',
            0,
        ),
    ],
)
def test_the_forms_that_count(text, found):
    assert len(settings_of("m.py", "m.py", text.encode())) == found


@pytest.mark.parametrize(
    ("name", "stands"),
    [
        ("config/config.yml", True),
        ("config/config.example.yml", True),
        ("config/config.yml.example", True),
        ("config/config-sample.yml", True),
        ("config/models.yml", False),
        ("config/config.yaml", False),
    ],
)
def test_the_file_or_an_example_of_it(name, stands):
    assert stands_for(name, "config.yml") is stands


def scan(tmp_path: Path, monkeypatch, example: str = EXAMPLE, client: str = CLIENT) -> list:
    for name, text in {
        "bot/config.py": CONFIG,
        "bot/openai_utils.py": client,
        "config/config.example.yml": example,
    }.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "-p", "zhipu", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in ("ML502", "ML003")
    ]


ML502 = (
    "config/config.example.yml",
    3,
    "ML502",
    "warning",
    "manual",
    "openai_api_base is the base URL bot/config.py reads for the program's OpenAI client (null "
    "here: OpenAI's), and openai_api_key (line 2) its key: write Zhipu AI (GLM)'s "
    "https://open.bigmodel.cn/api/paas/v4 here and a Zhipu AI (GLM) key (not an OpenAI one) in "
    "openai_api_key, together, by hand",
    {
        "setting": "openai_api_base",
        "read_in": "bot/config.py",
        "url_to": "https://open.bigmodel.cn/api/paas/v4",
        "key_setting": "openai_api_key",
    },
)


def test_the_example_files_base_url_and_key_are_reported(tmp_path, monkeypatch):
    found = scan(tmp_path, monkeypatch)
    assert found[0] == (
        "bot/openai_utils.py",
        4,
        "ML003",
        "warning",
        "manual",
        "AsyncOpenAI() takes its base URL from `config.openai_api_base` at run time (OpenAI's "
        "when that is None) and its key from `config.openai_api_key` (OPENAI_API_KEY when that "
        "is None); make sure they are Zhipu AI (GLM)'s (https://open.bigmodel.cn/api/paas/v4, "
        "and a Zhipu AI (GLM) key) where config.yml sets them (openai_api_base, openai_api_key, "
        "read in bot/config.py; ML502 reports them there) in place of OpenAI's; a "
        "server of your own needs no change; once they are, record that with `# migrate-llm: "
        "ignore[ML003]` at the end of this line (or in a `check --baseline` file), as check "
        "cannot see what the program's settings hold",
        found[0][6],
    )
    assert found[1] == ML502
    # an empty value says the same
    empty = scan(
        tmp_path, monkeypatch, EXAMPLE.replace("openai_api_base: null", "openai_api_base:")
    )
    assert empty[1][5] == ML502[5].replace("(null here", "(empty here")


@pytest.mark.parametrize(
    "url",
    ["https://open.bigmodel.cn/api/paas/v4", "http://localhost:8000/v1"],
)
def test_a_url_written_there_is_left(tmp_path, monkeypatch, url):
    example = EXAMPLE.replace("openai_api_base: null", f"openai_api_base: {url}")
    assert [f[2] for f in scan(tmp_path, monkeypatch, example)] == ["ML003"]


def test_a_project_without_an_openai_client_reads_nothing(tmp_path, monkeypatch):
    assert (
        scan(tmp_path, monkeypatch, client="import config\n\nprint(config.openai_api_key)\n") == []
    )
