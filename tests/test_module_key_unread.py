"""`openai.api_key` in a project where no module requests through the module-level client
(ML103 leaves it and its base URL, t65e): ML401 leaves the read of OPENAI_API_KEY given there
(renamed alone, the provider's key went to api.openai.com with any library using that client),
and a key already reading the provider's variable without `openai.base_url` fails `check`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

APP = (
    "import os\n\n"
    "import openai\n\n"
    "from llm import make_client\n\n"
    'openai.api_key = os.getenv("OPENAI_API_KEY")\n\n\n'
    "def answer(q):\n"
    "    return make_client().chat.completions.create(model=q, messages=[])\n"
)
LLM = "import openai\n\n\ndef make_client():\n    return openai.OpenAI()\n"


def write(tmp_path, app_text: str) -> None:
    (tmp_path / "app.py").write_text(app_text, encoding="utf-8")
    (tmp_path / "llm.py").write_text(LLM, encoding="utf-8")


def findings(args: list[str]) -> tuple[int, list[tuple[str, str, int, str, str]]]:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [
        (f["rule"], f["path"], f["line"], f["severity"], f["message"]) for f in found
    ]


def test_the_unread_module_key_keeps_openais_variable(tmp_path, monkeypatch):
    write(tmp_path, APP)
    monkeypatch.chdir(tmp_path)
    rc, found = findings(["scan", "-p", "siliconflow"])
    assert rc == 0
    assert [f for f in found if f[1] == "app.py" and f[2] == 7] == [
        (
            "ML103",
            "app.py",
            7,
            "note",
            "openai.api_key configures the module-level client, which no module of the "
            "project calls (its requests go through the clients it builds): nothing reads it; "
            "left as it is",
        ),
        (
            "ML401",
            "app.py",
            7,
            "note",
            "reads OPENAI_API_KEY, which goes to `openai.api_key` on line 7, the module-level "
            "client, which no module of the project requests through: ML103 leaves it and its "
            "base URL (OpenAI's) as they are, so it stays OpenAI's key; given SiliconFlow's key "
            "(SILICONFLOW_CN_API_KEY) any library using that client would send that key to "
            "api.openai.com",
        ),
    ]
    applied = CliRunner().invoke(app, ["apply", "-p", "siliconflow", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    text = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert 'openai.api_key = os.getenv("OPENAI_API_KEY")\n' in text
    assert "base_url" not in text
    assert findings(["check", "-p", "siliconflow"]) == (0, [])


def test_a_provider_key_without_a_base_url_fails_check_and_apply_adds_it(tmp_path, monkeypatch):
    write(tmp_path, APP.replace("OPENAI_API_KEY", "SILICONFLOW_CN_API_KEY"))
    monkeypatch.chdir(tmp_path)
    rc, found = findings(["check", "-p", "siliconflow"])
    assert rc == 1
    assert [f for f in found if f[1] == "app.py"] == [
        (
            "ML103",
            "app.py",
            7,
            "error",
            "openai.api_key gives the module-level client SiliconFlow's key "
            "(SILICONFLOW_CN_API_KEY), but the module sets no openai.base_url: that client "
            "sends the key to api.openai.com; set openai.base_url beside it from "
            "SILICONFLOW_BASE_URL",
        )
    ]
    applied = CliRunner().invoke(app, ["apply", "-p", "siliconflow", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    text = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert (
        'openai.api_key = os.getenv("SILICONFLOW_CN_API_KEY")\n'
        "openai.base_url = (\n"
        '    os.environ.get("SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1").rstrip("/")\n'
        '    + "/"\n'
        ")\n"
    ) in text
    assert findings(["check", "-p", "siliconflow"]) == (0, [])


# a settings module sets `openai.api_key` from OpenAI's variable; a client elsewhere is
# given that key (`OpenAI(api_key=openai.api_key)`): the key is read, so it is renamed
CONFIG = 'import os\n\nimport openai\n\nopenai.api_key = os.getenv("OPENAI_API_KEY")\n'
CHAT = (
    "import openai\n"
    "from openai import OpenAI\n\n"
    "import config  # noqa: F401\n\n\n"
    "def ask(prompt):\n"
    "    client = OpenAI(api_key=openai.api_key)\n"
    "    return client.chat.completions.create(\n"
    '        model="gpt-4o", messages=[{"role": "user", "content": prompt}]\n'
    "    )\n"
)
RUN = "from chat import ask\n\nprint(ask('hi').choices[0].message.content)\n"


def test_a_module_key_a_client_is_given_is_renamed(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "chat.py").write_text(CHAT, encoding="utf-8")
    (tmp_path / "run.py").write_text(RUN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rc, found = findings(["scan", "-p", "deepseek"])
    assert rc == 0
    assert [f for f in found if f[1] == "config.py"] == [
        (
            "ML103",
            "config.py",
            5,
            "warning",
            "openai.api_key configures the module-level client; for DeepSeek take it from "
            "DEEPSEEK_API_KEY, and set openai.base_url beside it from DEEPSEEK_BASE_URL (the "
            "module sets none: the key would go to OpenAI)",
        ),
        (
            "ML401",
            "config.py",
            5,
            "warning",
            "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
            "copied)",
        ),
    ]
    applied = CliRunner().invoke(app, ["apply", "-p", "deepseek", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "config.py").read_bytes() == (
        b'import os\n\nimport openai\n\nopenai.api_key = os.getenv("DEEPSEEK_API_KEY", "unset")\n'
        b"openai.base_url = (\n"
        b'    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/") + "/"\n'
        b")\n"
    )
    assert "OPENAI_API_KEY" not in (tmp_path / "chat.py").read_text(encoding="utf-8")
    assert findings(["check", "-p", "deepseek"]) == (0, [])
    deepseek = load_registry([]).get("deepseek")
    server = LoopbackServer.for_provider(deepseek, thinking=False).start()
    try:
        env = {
            "OPENAI_API_KEY": "sk-openai-of-the-host",
            deepseek.api_key_env: "sk-deepseek-of-the-host",
            deepseek.base_url_env: server.base,
        }
        proc, blocked = run_guarded("run.py", tmp_path, env)
    finally:
        server.stop()
    assert blocked == [] and proc.returncode == 0, proc.stderr
    assert [r.headers["authorization"] for r in server.requests] == [
        "Bearer sk-deepseek-of-the-host"
    ]


# a settings module sets `openai.base_url` from the provider's variable; the main module,
# importing it, sets the provider's key: no ML103 error, no second base URL
SETTINGS = (
    "import os\n\nimport openai\n\n"
    'openai.base_url = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
    '.rstrip("/") + "/"\n'
)
MAIN = (
    "import os\n\nimport openai\n\nimport settings  # noqa: F401\n\n"
    'openai.api_key = os.getenv("DEEPSEEK_API_KEY")\n'
    'print(openai.chat.completions.create(model="deepseek-v4-pro", messages=[]))\n'
)


def test_a_key_beside_a_base_url_another_module_sets_is_no_error(tmp_path, monkeypatch):
    (tmp_path / "settings.py").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "main.py").write_text(MAIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [f for f in findings(["check", "-p", "deepseek"])[1] if f[0] == "ML103"] == []
    applied = CliRunner().invoke(app, ["apply", "-p", "deepseek", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "main.py").read_bytes() == MAIN.encode()
    assert (tmp_path / "settings.py").read_bytes() == SETTINGS.encode()


# t65f (babyagi's tools/results.py): a module making openai<1 calls, whose `openai.api_key =
# KEY` apply drops (ML301) as it moves those calls to a client of its own
V0_MODULE = (
    "import os\n\n"
    "import openai\n\n"
    'KEY = os.getenv("OPENAI_API_KEY", "")\n'
    'assert KEY, "set the key"\n\n\n'
    "def embed(text):\n"
    '    return openai.Embedding.create(input=[text], model="text-embedding-ada-002")\n\n\n'
    "def main():\n"
    "    openai.api_key = KEY\n"
    '    return embed("hi")\n'
)


def test_a_module_making_v0_calls_has_its_key_read_renamed_once(tmp_path, monkeypatch):
    (tmp_path / "results.py").write_text(V0_MODULE, encoding="utf-8")
    (tmp_path / "llm.py").write_text(LLM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["apply", "-p", "siliconflow", "--yes", "--allow-dirty"])
    assert result.exit_code == 0, result.stdout
    first = (tmp_path / "results.py").read_text(encoding="utf-8")
    assert 'KEY = os.getenv("SILICONFLOW_CN_API_KEY", "")\n' in first
    assert "OPENAI_API_KEY" not in first
    # the key read is judged the same after the v0 calls and `openai.api_key` are gone
    again = CliRunner().invoke(app, ["apply", "-p", "siliconflow", "--yes", "--allow-dirty"])
    assert again.exit_code == 0, again.stdout
    assert (tmp_path / "results.py").read_text(encoding="utf-8") == first
