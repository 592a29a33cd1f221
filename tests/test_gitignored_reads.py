"""Gitignored config files: scanned where the scanned code opens them by name (their
findings left to a person: apply edits such a file only when it is named), listed where not,
and never listed as not migrated when named on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate_llm.discover import discover
from migrate_llm.engine import ScanOptions, plan, scan
from migrate_llm.gitignored import readers

from .cli_findings import cli as invoke
from .cli_findings import git_project

KEY = "sk-proj-" + "kVakgKPQ58tBFr5o5FRHVlUPrEqMiWiYx1rpq6h7sA91M2fl"
CONFIG = '{"openai": {"api_key": "KEY", "model": "gpt-4o"}}\n'.replace("KEY", KEY)
# gpt-pilot's way (t51h): the key and model of a gitignored config.json, a client already
# pointed at DeepSeek, so the OpenAI key goes there
APP = """\
import json
import os

from openai import OpenAI

cfg = json.load(open("config.json"))["openai"]
client = OpenAI(
    api_key=cfg["api_key"] or os.environ.get("DEEPSEEK_API_KEY"),
    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
)
"""
READ = "in a gitignored file that app.py:6 reads"
NAMED = "apply makes this edit only when the file is named, `apply config.json`"
ML505 = (
    "config.json:1:25 ML505 hard-coded OpenAI key sk-pr…fl in a config file: a program "
    "reading it sends it with its requests, which go to DeepSeek after the switch: rejected "
    "there, and the key leaks there; rotate it, and replace it here (openai.api_key) with a "
    "DeepSeek key, where the program reads it (keep a file holding a real key out of version "
    "control)"
)
ML503 = "config.json:1:93 ML503 gpt-4o is an OpenAI model; it maps to deepseek-v4-pro on DeepSeek"
HEADING = (
    "Ignored by .gitignore, so not migrated, but naming OpenAI (the settings your program "
    "reads? name the file, or pass --no-gitignore):"
)


@pytest.fixture
def leaky(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return git_project(
        tmp_path, {".gitignore": "config.json\n", "config.json": CONFIG, "app.py": APP}
    )


def test_check_fails_on_the_openai_key_of_a_gitignored_config_the_code_opens(leaky):
    for _ in range(2):  # the second run from the result cache
        checked = invoke("check", ".", "-p", "deepseek")
        assert checked.exit_code == 1
        assert checked.stdout.splitlines() == [
            f"{ML505} ({READ})",
            f"{ML503} ({READ}: {NAMED})",
            "2 findings for deepseek in 1 of 2 files; 1 error, 1 warning, 0 note",
        ]
        assert KEY not in checked.output


def test_the_findings_say_apply_leaves_the_file_and_apply_does(leaky):
    scanned = json.loads(invoke("scan", ".", "-p", "deepseek", "-f", "json").stdout)
    assert scanned["ignored"] == [] and scanned["files"] == 2
    found = {f["rule"]: f for f in scanned["findings"] if f["path"] == "config.json"}
    assert {rule: (f["fix"], f["severity"]) for rule, f in found.items()} == {
        "ML505": ("manual", "error"),
        "ML503": ("manual", "warning"),
    }
    assert found["ML505"]["data"] == {
        "secret": "sk-pr…fl",
        "setting": "api_key",
        "gitignored": True,
        "read_by": "app.py:6",
    }
    assert found["ML503"]["data"] == {
        "model_from": "gpt-4o",
        "model_to": "deepseek-v4-pro",
        "gitignored": True,
        "read_by": "app.py:6",
    }
    assert KEY not in json.dumps(scanned)
    assert invoke("apply", ".", "-p", "deepseek", "--diff").stdout == ""
    applied = invoke("apply", ".", "-p", "deepseek", "--yes")
    assert applied.exit_code == 0
    assert (leaky / "config.json").read_text() == CONFIG
    assert f"  {ML503.replace(' ML503 ', ' ML503 warning ')} ({READ}: {NAMED})" in (
        applied.stderr.splitlines()
    )
    assert HEADING not in applied.output


def test_scan_and_plan_agree_on_a_gitignored_config_the_code_opens(leaky):
    options = ScanOptions(paths=(leaky,), provider="deepseek", cwd=leaky)
    scanned = [f for f in scan(options).findings if f.path == "config.json"]
    (change,) = [p.change for p in plan(options).planned if p.change.path == "config.json"]
    assert change.after == change.before and change.fixed == ()
    assert [(f.rule, f.fix, f.edit, f.message) for f in change.findings] == [
        (f.rule, f.fix, f.edit, f.message) for f in scanned
    ]


def test_a_gitignored_config_named_is_migrated_and_not_listed_as_ignored(leaky):
    applied = invoke("apply", ".", "config.json", "-p", "deepseek", "--yes")
    assert applied.exit_code == 0
    assert HEADING not in applied.output
    assert (leaky / "config.json").read_text() == CONFIG.replace("gpt-4o", "deepseek-v4-pro")
    named = json.loads(invoke("check", "config.json", ".", "-p", "deepseek", "-f", "json").stdout)
    assert named["ignored"] == []
    (finding,) = named["findings"]
    assert (finding["rule"], finding["fix"], "gitignored" in finding["data"]) == (
        "ML505",
        "manual",
        False,
    )
    # not named, the program still reads it: the key keeps check red
    left = invoke("check", ".", "-p", "deepseek")
    assert (left.exit_code, left.stdout.splitlines()[0]) == (1, f"{ML505} ({READ})")


# t52a: OpenManus's config/config.toml once moved to Kimi by hand (no OpenAI value left)
MOVED = """[llm]
model = "kimi-k2.6"
base_url = "https://api.moonshot.cn/v1"
api_key = ""
max_tokens = 4096
"""
TOML_APP = """import tomllib

from openai import OpenAI

with open("config/config.toml", "rb") as f:
    cfg = tomllib.load(f)["llm"]
client = OpenAI(base_url=cfg["base_url"], api_key=cfg["api_key"])
"""


def test_a_gitignored_config_the_code_opens_stays_scanned_once_moved(tmp_path, monkeypatch):
    """The file is scanned by the test any config file of the run passes: the provider's
    model as apply writes it keeps it in, so `check .` says what `check config/config.toml`
    does (ML507 here)."""
    monkeypatch.chdir(tmp_path)
    files = {"config/.gitignore": "config.toml\n", "config/config.toml": MOVED, "app.py": TOML_APP}
    git_project(tmp_path, files)
    whole = json.loads(invoke("check", ".", "-p", "moonshot", "-f", "json").stdout)
    named = json.loads(invoke("check", "config/config.toml", "-p", "moonshot", "-f", "json").stdout)
    read = [f for f in whole["findings"] if f["path"] == "config/config.toml"]
    assert [(f["rule"], f["data"]["read_by"]) for f in read] == [("ML507", "app.py:5")]
    assert [f["message"] for f in named["findings"]] == [
        f["message"].removesuffix(" (in a gitignored file that app.py:5 reads)") for f in read
    ]
    assert whole["ignored"] == []


def test_a_gitignored_config_no_module_opens_is_only_listed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app_text = APP.replace('json.load(open("config.json"))', "json.load(open(path))")
    files = {".gitignore": "config.json\n", "config.json": CONFIG, "app.py": app_text}
    git_project(tmp_path, files)
    checked = invoke("check", ".", "-p", "deepseek")
    assert checked.exit_code == 0
    assert checked.stdout.splitlines() == [
        HEADING,
        "  config.json",
        "0 findings for deepseek in 0 of 1 file",
    ]
    assert invoke("check", ".", "--no-gitignore", "-p", "deepseek").exit_code == 1


def test_an_autogen_model_config_beside_its_sample_is_read_from_there(tmp_path, monkeypatch):
    """t51g: agentchat_chess_game/main.py opens model_config.yaml, run from its directory."""
    monkeypatch.chdir(tmp_path)
    main = (
        "import yaml\n"
        "from autogen_core.models import ChatCompletionClient\n\n"
        'with open("model_config.yaml", "r") as f:\n'
        "    model_config = yaml.safe_load(f)\n"
        "client = ChatCompletionClient.load_component(model_config)\n"
    )
    config = (
        "provider: autogen_ext.models.openai.OpenAIChatCompletionClient\n"
        "config:\n  model: gpt-4o\n  api_key: REPLACE_WITH_YOUR_API_KEY\n"
    )
    files = {"chess/.gitignore": "model_config.yaml\n", "chess/main.py": main}
    git_project(tmp_path, {**files, "chess/model_config.yaml": config})
    result = json.loads(invoke("check", ".", "-p", "siliconflow", "-f", "json").stdout)
    assert result["ignored"] == []
    assert [
        (f["path"], f["line"], f["rule"], f["fix"], f["data"]["read_by"])
        for f in result["findings"]
    ] == [
        ("chess/model_config.yaml", 1, "ML663", "manual", "chess/main.py:4"),
        ("chess/model_config.yaml", 3, "ML503", "manual", "chess/main.py:4"),
    ]
    assert invoke("check", ".", "-p", "siliconflow").exit_code == 1
    applied = invoke("apply", ".", "chess/model_config.yaml", "-p", "siliconflow", "--yes")
    assert applied.exit_code == 0 and HEADING not in applied.output
    assert (
        "base_url: https://api.siliconflow.cn/v1"
        in (tmp_path / "chess/model_config.yaml").read_text()
    )
    checked = invoke("check", ".", "-p", "siliconflow")
    assert (checked.exit_code, checked.stdout) == (
        0,
        "0 findings for siliconflow in 0 of 2 files\n",
    )


def test_a_file_named_and_walked_is_not_listed_as_left_out(tmp_path):
    git_project(tmp_path, {".gitignore": "config.json\n.env\n", "config.json": "{}", ".env": ""})
    for paths in ([tmp_path, tmp_path / "config.json"], [tmp_path / "config.json", tmp_path]):
        left_out: list[Path] = []
        found = discover(paths, cwd=tmp_path, ignored=left_out)
        assert [Path(s.name).name for s in found] == ["config.json"]
        assert left_out == [tmp_path / ".env"]


@pytest.mark.parametrize(
    ("module", "code"),
    [
        ("app.py", 'data = json.load(open("config.json"))'),
        ("app.py", 'text = Path("config.json").read_text()'),
        ("app.py", 'cfg = yaml.safe_load(open("./config.json"))'),
        ("app.py", 'CONFIG_FILE = "config.json"'),
        ("app.py", 'CONFIG_FILE: str = "config.json"'),
        ("app.py", 'def load(path="config.json"):\n    pass'),
        ("app.py", 'def load(*, path="config.json"):\n    pass'),
        ("app.py", 'parser.add_argument("--config", default="config.json")'),
        ("app.py", 'path = os.getenv("CONFIG", "config.json")'),
        ("pkg/sub/app.py", 'here = Path(__file__).parent.parent.parent / "config.json"'),
        ("pkg/app.py", 'open(os.path.join(os.path.dirname(__file__), "..", "config.json"))'),
        ("pkg/app.py", 'open(os.path.join(here, "settings", "model.yaml"))'),
        ("pkg/app.py", 'open(Path(__file__).parent / "settings" / "model.yaml")'),
        ("pkg/app.py", 'load_dotenv(".env")'),
    ],
)
def test_the_forms_that_name_a_file(tmp_path, module, code):
    configs = [str(tmp_path / "config.json"), str(tmp_path / "pkg/settings/model.yaml")]
    configs.append(str(tmp_path / "pkg/.env"))
    (tmp_path / module).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / module).write_text(f"import os\n{code}\n")
    found = readers(configs, [str(tmp_path / module)], [str(tmp_path)])
    assert [(Path(c).name, m, line) for c, (m, line) in found.items()] == [
        (Path(next(c for c in configs if Path(c).name in code)).name, str(tmp_path / module), 2)
    ]


@pytest.mark.parametrize(
    ("module", "code"),
    [
        ("app.py", '"""Reads config.json and "config.json"."""'),
        ("app.py", '# open("config.json")'),
        ("app.py", 'print(f"{base}/config.json")'),
        ("app.py", "x = os.environ['HOME']"),
        ("app.py", 'open("config.json.bak")'),
        ("app.py", 'open("other/config.json")'),
        # a sibling package's file: not in the module's directory nor above it
        ("other/app.py", 'open("settings/model.yaml")'),
        ("app.py", 'open("/etc/config.json")'),
    ],
)
def test_what_does_not_name_a_file(tmp_path, module, code):
    configs = [str(tmp_path / "config.json"), str(tmp_path / "pkg/settings/model.yaml")]
    (tmp_path / module).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / module).write_text(f"import os\n{code}\n")
    assert readers(configs, [str(tmp_path / module)], [str(tmp_path)]) == {}
