"""A request's model read from a settings file the module loads (t60d D1, TaskWeaver on Kimi).

`cfg = json.load(open("settings.json"))` and `model=cfg["model"]`, with `temperature=
cfg.get("temperature", 0)`: apply mapped the file's gpt-4o to kimi-k2.6, which rejects any
temperature but its own, and left the request sending temperature 0 and top_p 0; ML115 saw a
model chosen at run time, so check was green. Now the file's model entry (as ML503 maps it) is
the request's model (`file_models`, `RunFacts.config_file_models`)."""

from __future__ import annotations

import ast
import json
import os

import pytest

from migrate_llm.file_models import FileModel, entry_models, names_model
from migrate_llm.file_settings import loaded_files

from . import network_guard
from .cli_findings import cli, write_here
from .loopback_server import LoopbackServer
from .program_runner import run_python

SETTINGS = '{"api_base": "https://api.openai.com/v1", "api_key": "", "model": "gpt-4o"}\n'
APP = """import json

from openai import OpenAI

cfg = json.load(open("settings.json"))
TEMPERATURE = cfg.get("temperature", 0)


def ask(text):
    client = OpenAI(base_url=cfg["api_base"], api_key=cfg["api_key"])
    r = client.chat.completions.create(
        model=cfg["model"],
        messages=[{"role": "user", "content": text}],
        temperature=TEMPERATURE,
        top_p=cfg.get("top_p", 0),
    )
    return r.choices[0].message.content
"""
APPLIED = """import json
import os

from openai import OpenAI

cfg = json.load(open("settings.json"))
TEMPERATURE = cfg.get("temperature", 0)


def ask(text):
    client = OpenAI(
        base_url=cfg["api_base"]
        or os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
        api_key=os.environ.get("MOONSHOT_API_KEY", "unset")
        if not cfg["api_base"]
        else (
            cfg["api_key"]
            or (
                os.environ.get("MOONSHOT_API_KEY", "unset")
                if str(cfg["api_base"]).rstrip("/").lower()
                in (
                    os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")
                    .rstrip("/")
                    .lower(),
                    "https://api.moonshot.cn/v1",
                    "https://api.moonshot.ai/v1",
                )
                else cfg["api_key"]
            )
        ),
    )
    r = client.chat.completions.create(
        extra_body={"thinking": {"type": "disabled"}},
        model=cfg["model"],
        messages=[{"role": "user", "content": text}],
    )
    return r.choices[0].message.content
"""
REMOVED = "{} (mapped from gpt-4o) fixes {} on Moonshot AI (Kimi): {}= is removed (the model ignores or rejects it)"


def _check(*args: str) -> tuple[int, list[str]]:
    result = cli("check", ".", "--provider", "moonshot", *args)
    return result.exit_code, result.stdout.splitlines()


def test_a_config_file_naming_a_model_entry_is_marked():
    assert names_model(b'{"api_base": "", "model": "gpt-4o"}')
    assert names_model(b"llm:\n  model_name: gpt-4o\n")
    assert names_model(b'[llm]\nmodel = "gpt-4o"\n')
    assert not names_model(b'{"models_dir": "x", "api_key": ""}')


def test_the_names_a_module_binds_to_a_settings_files_loader():
    tree = ast.parse(
        "import json, yaml\n"
        'cfg = json.load(open("conf/settings.json"))\n'
        'with open("config.yaml") as f:\n    conf = yaml.safe_load(f)\n'
        "other = json.loads(text)\n"
        'twice = json.load(open("a.json"))\ntwice = {}\n'
    )
    assert loaded_files(tree) == {"cfg": "settings.json", "conf": "config.yaml"}
    assert loaded_files(tree, whole=True) == {"cfg": "conf/settings.json", "conf": "config.yaml"}


def test_the_nearest_file_at_or_above_the_module_and_before_its_examples():
    models = [
        FileModel("/p/settings.json", "model", "kimi-k2.6", "gpt-4o"),
        FileModel("/p/app/settings.example.json", "model", "moonshot-v1-8k", ""),
        FileModel("/p/app/settings.json", "model", "kimi-k3", "o3"),
        FileModel("/p/other/settings.json", "model", "kimi-k2.6", ""),
        FileModel("/p/app/settings.json", "llm.model", "kimi-k2.6", ""),
    ]
    assert entry_models(models, "/p/app/main.py", "settings.json", "model") == [models[2]]
    assert entry_models(models, "/p/app/sub/main.py", "settings.json", "model") == [models[2]]
    assert entry_models(models, "/p/main.py", "settings.json", "model") == [models[0]]
    assert entry_models(models[1:2], "/p/app/main.py", "settings.json", "model") == [models[1]]
    assert entry_models(models, "/q/main.py", "settings.json", "model") == []
    assert entry_models(models, "/p/app/main.py", "config.json", "model") == []
    # a path below the directory it is opened from
    assert entry_models(models, "/p/main.py", "app/settings.json", "model") == [models[2]]
    assert entry_models(models, "/p/app/main.py", "other/settings.json", "model") == [models[3]]
    assert entry_models(models, "/p/app/main.py", "conf/settings.json", "model") == []
    assert entry_models(models, "/p/app/main.py", "../settings.json", "model") == []
    # `./` spelled out names the same file
    assert entry_models(models, "/p/app/main.py", "./settings.json", "model") == [models[2]]
    assert entry_models(models, "/p/main.py", "./app/settings.json", "model") == [models[2]]
    assert entry_models(models, "/p/app/main.py", "/p/settings.json", "model") == []


def test_apply_removes_what_the_settings_files_model_fixes_and_check_goes_green(
    tmp_path, monkeypatch
):
    write_here(tmp_path, monkeypatch, {"settings.json": SETTINGS, "app.py": APP})
    code, lines = _check()
    assert code == 1
    assert [line for line in lines if " ML115 " in line] == [
        f"app.py:14:9 ML115 {REMOVED.format('kimi-k2.6', 'temperature', 'temperature')}",
        f"app.py:15:9 ML115 {REMOVED.format('kimi-k2.6', 'top_p', 'top_p')}",
    ]
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.stdout
    assert (tmp_path / "app.py").read_text() == APPLIED
    assert json.loads((tmp_path / "settings.json").read_text()) == {
        "api_base": "https://api.moonshot.cn/v1",
        "api_key": "",
        "model": "kimi-k2.6",
    }
    assert _check() == (0, ["0 findings for moonshot in 0 of 2 files"])
    again = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert again.exit_code == 0
    assert (tmp_path / "app.py").read_text() == APPLIED


# the t60d tree as the earlier apply left it: the file's model written as Kimi's
EARLIER = APP.replace("from openai", "import os\n\nfrom openai", 1).replace(
    '    client = OpenAI(base_url=cfg["api_base"], api_key=cfg["api_key"])\n',
    '    client = OpenAI(\n        base_url=cfg["api_base"]\n'
    '        or os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
    '        api_key=cfg["api_key"] or os.environ.get("MOONSHOT_API_KEY", "unset"),\n    )\n',
)
EARLIER_SETTINGS = '{"api_base": "https://api.moonshot.cn/v1", "api_key": "", "model": "kimi-k2.6"}'


def test_check_fails_on_the_tree_an_earlier_apply_left(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"settings.json": EARLIER_SETTINGS, "app.py": EARLIER})
    fixes = (
        "kimi-k2.6 fixes {} on Moonshot AI (Kimi): {}= is removed (the model ignores or rejects it)"
    )
    assert _check() == (
        1,
        [
            f"app.py:20:9 ML115 {fixes.format('temperature', 'temperature')}",
            f"app.py:21:9 ML115 {fixes.format('top_p', 'top_p')}",
            "2 findings for moonshot in 1 of 2 files; 0 error, 2 warning, 0 note",
        ],
    )
    # a model of the file that takes both: nothing to say (the cached result is not reused)
    (tmp_path / "settings.json").write_text(EARLIER_SETTINGS.replace("kimi-k2.6", "moonshot-v1-8k"))
    assert _check() == (0, ["0 findings for moonshot in 0 of 2 files"])
    (tmp_path / "settings.json").write_text(EARLIER_SETTINGS)
    assert _check()[0] == 1
    # removed by hand: green
    (tmp_path / "app.py").write_text(
        EARLIER.replace("        temperature=TEMPERATURE,\n", "").replace(
            '        top_p=cfg.get("top_p", 0),\n', ""
        )
    )
    assert _check() == (0, ["0 findings for moonshot in 0 of 2 files"])


YAML_APP = """import yaml
from openai import OpenAI

with open("conf/config.yaml") as f:
    conf = yaml.safe_load(f)
client = OpenAI()


def ask(q):
    return client.chat.completions.create(
        model=conf["llm"]["model"], messages=q, temperature=0.2
    )
"""


def test_a_nested_entry_of_a_yaml_file_loaded_in_a_with_block(tmp_path, monkeypatch):
    write_here(
        tmp_path,
        monkeypatch,
        {"conf/config.yaml": "llm:\n  model: gpt-4o-mini\n", "app.py": YAML_APP},
    )
    code, lines = _check()
    assert code == 1
    assert [line for line in lines if " ML115 " in line] == [
        "app.py:11:49 ML115 kimi-k2.6 (mapped from gpt-4o-mini) fixes temperature on Moonshot AI "
        "(Kimi): temperature= is removed (the model ignores or rejects it)"
    ]


@pytest.mark.parametrize(
    "app",
    [
        # the loader's result bound in the function: not followed
        APP.replace('cfg = json.load(open("settings.json"))\n', "")
        .replace("def ask(text):\n", 'def ask(text):\n    cfg = json.load(open("settings.json"))\n')
        .replace('TEMPERATURE = cfg.get("temperature", 0)\n', "TEMPERATURE = 0\n"),
        # a file whose name the module does not write
        APP.replace('open("settings.json")', 'open(os.environ["SETTINGS"])').replace(
            "import json\n", "import json\nimport os\n"
        ),
    ],
)
def test_a_model_the_module_does_not_show_from_a_file_is_left(tmp_path, monkeypatch, app):
    write_here(tmp_path, monkeypatch, {"settings.json": EARLIER_SETTINGS, "app.py": app})
    assert [line for line in _check()[1] if " ML115 " in line] == []


@pytest.fixture
def server():
    running = LoopbackServer(key="test-key").start()
    yield running
    running.stop()


def test_the_applied_program_sends_kimi_no_sampling_it_rejects(server, tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"settings.json": SETTINGS, "app.py": APP})
    assert cli("apply", ".", "--provider", "moonshot", "--yes").exit_code == 0
    # Next: the settings file's URL wins; a test server goes there and in MOONSHOT_BASE_URL
    settings = json.loads((tmp_path / "settings.json").read_text())
    url = server.base + "/v1"
    (tmp_path / "settings.json").write_text(json.dumps({**settings, "api_base": url}))
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {"MOONSHOT_API_KEY": "test-key", "MOONSHOT_BASE_URL": url}
    guard = tmp_path.parent / f"{tmp_path.name}-guard"
    program = "import app\nprint(app.ask('hi'))\n"
    proc = run_python(
        ["-c", program], cwd=tmp_path, env=network_guard.subprocess_env(env, guard), timeout=60
    )
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (sent,) = server.requests
    assert (sent.path, sent.headers["authorization"]) == ("/v1/chat/completions", "Bearer test-key")
    assert sent.body == {
        "model": "kimi-k2.6",
        "messages": [{"role": "user", "content": "hi"}],
        "thinking": {"type": "disabled"},
    }


def _notes(code: str) -> list[str]:
    result = cli("scan", ".", "--provider", "moonshot", "--format", "json")
    found = json.loads(result.stdout)["findings"]
    return [f"{f['line']}:{f['column']} {f['message']}" for f in found if f["rule"] == code]


def test_the_model_note_names_the_settings_entry_not_run_time(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"settings.json": SETTINGS, "app.py": APP})
    assert _notes("ML203") == [
        '12:15 model comes from `cfg["model"]`, the `model` entry of settings.json (gpt-4o, '
        "which ML503 maps to kimi-k2.6); make sure it names a Moonshot AI (Kimi) model "
        "(kimi-k2.6, kimi-k3)"
    ]
    (tmp_path / "settings.json").write_text(EARLIER_SETTINGS)
    assert _notes("ML203")[0].startswith(
        '12:15 model comes from `cfg["model"]`, the `model` entry of settings.json (kimi-k2.6); '
    )
    (tmp_path / "settings.json").unlink()
    assert _notes("ML203") == [
        '12:15 model comes from `cfg["model"]` at run time; make sure it names a Moonshot AI '
        "(Kimi) model (kimi-k2.6, kimi-k3)"
    ]
