"""A provider's bare chat model in a config file of a project where litellm and an OpenAI
client may both read it (ML503, t67b: RD-Agent's gitignored `.env` `CHAT_MODEL=qwen-plus`).
litellm raises "LLM Provider NOT provided" on it, the client takes it: reported as an OpenAI
model there is, both spellings named, not silenced by the client's module."""

from __future__ import annotations

from .cli_findings import cli, git_project, run_json

QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
APP = f"""import os

from dotenv import load_dotenv

load_dotenv(".env")

from litellm import completion

MODEL = os.getenv("CHAT_MODEL", "dashscope/qwen-plus")


def ask(q):
    kwargs = (
        {{
            "api_key": os.environ["DASHSCOPE_API_KEY"],
            "api_base": os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"),
        }}
        if MODEL.startswith("dashscope/")
        else {{}}
    )
    r = completion(model=MODEL, messages=[{{"role": "user", "content": q}}], **kwargs)
    return r.choices[0].message.content
"""
CLIENT = f"""import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ["DASHSCOPE_API_KEY"],
    base_url=os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"),
)


def ask(q):
    model = os.getenv("CHAT_MODEL", "qwen-plus")
    r = client.chat.completions.create(model=model, messages=[{{"role": "user", "content": q}}])
    return r.choices[0].message.content
"""
BOTH = (
    'has no provider prefix, so litellm fails on it ("LLM Provider NOT provided"), and a '
    "module of this project calls litellm and one uses an OpenAI client, which takes it as it "
    "is: write {need} where litellm reads it, {model} where an OpenAI client does, by hand "
    "(where only an OpenAI client reads it, record that with `# migrate-llm: ignore[ML503]` "
    "on the line above)"
)


def _rows(report: dict) -> list[tuple]:
    return [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in report["findings"]
    ]


def test_a_gitignored_dotenvs_bare_model_read_by_litellm_and_a_client_fails_check(tmp_path):
    root = git_project(
        tmp_path,
        {
            ".gitignore": ".env\n",
            ".env": "CHAT_MODEL=qwen-plus\n",
            "app.py": APP,
            "sdk_backend.py": CLIENT,
        },
    )
    code, report = run_json("check", str(root), "--provider", "qwen")
    assert code == 1
    message = "qwen-plus " + BOTH.format(need="dashscope/qwen-plus", model="qwen-plus")
    read_by = f"{(root / 'app.py').as_posix()}:5"
    assert _rows(report) == [
        (
            f"{root.as_posix()}/.env",
            1,
            "ML503",
            "warning",
            "manual",
            f"{message} (in a gitignored file that {read_by} reads)",
            {
                "model_from": "qwen-plus",
                "model_to": "dashscope/qwen-plus",
                "litellm_route": "dashscope",
                "gitignored": True,
                "read_by": read_by,
            },
        )
    ]
    # apply leaves the line (manual): nothing to write
    applied = cli("apply", str(root / ".env"), "--provider", "qwen", "--yes")
    assert applied.exit_code == 0
    assert (root / ".env").read_bytes() == b"CHAT_MODEL=qwen-plus\n"


def test_without_a_route_of_its_own_both_spellings_are_named(tmp_path):
    root = git_project(
        tmp_path,
        {
            ".env": "CHAT_MODEL=hunyuan-lite\n",
            "app.py": APP.replace("dashscope/qwen-plus", "openai/hunyuan-lite"),
            "sdk_backend.py": CLIENT.replace("qwen-plus", "hunyuan-lite"),
        },
    )
    code, report = run_json("check", str(root), "--provider", "hunyuan")
    assert code == 1
    need = "openai/hunyuan-lite with Tencent Hunyuan's api_base and key"
    rows = [row for row in _rows(report) if row[0].endswith(".env")]
    assert rows == [
        (
            f"{root.as_posix()}/.env",
            1,
            "ML503",
            "warning",
            "manual",
            "hunyuan-lite " + BOTH.format(need=need, model="hunyuan-lite"),
            {"model_from": "hunyuan-lite"},
        )
    ]


def test_a_key_naming_the_client_or_a_recorded_choice_is_not_reported(tmp_path):
    root = git_project(
        tmp_path,
        {
            ".env": "# migrate-llm: ignore[ML503]\nCHAT_MODEL=qwen-plus\n",
            "config.yaml": "openai:\n  model: qwen-plus\nllm:\n  model: qwen-plus\n",
            "app.py": APP,
            "sdk_backend.py": CLIENT,
        },
    )
    code, report = run_json("check", str(root), "--provider", "qwen")
    assert code == 1
    message = "qwen-plus " + BOTH.format(need="dashscope/qwen-plus", model="qwen-plus")
    data = {"model_from": "qwen-plus", "model_to": "dashscope/qwen-plus"}
    assert _rows(report) == [
        (
            f"{root.as_posix()}/config.yaml",
            4,
            "ML503",
            "warning",
            "manual",
            message,
            {**data, "litellm_route": "dashscope"},
        )
    ]


def test_a_variable_no_litellm_module_names_still_warns(tmp_path):
    """Review r2 t2: litellm called with a model of its own, the client reading CHAT_MODEL:
    litellm never reads the .env's model, yet the line is still taken for both readers (a
    known false warning, recorded by the ignore comment): a variable no litellm module names
    may be read by a settings module it imports (review r5, the next test)."""
    app = APP.replace('os.getenv("CHAT_MODEL", "dashscope/qwen-plus")', '"dashscope/qwen-plus"')
    root = git_project(
        tmp_path, {".env": "CHAT_MODEL=qwen-plus\n", "app.py": app, "sdk_backend.py": CLIENT}
    )
    code, report = run_json("check", str(root), "--provider", "qwen")
    rows = [row[1:5] for row in _rows(report) if row[2] == "ML503"]
    assert (code, rows) == (1, [(1, "ML503", "warning", "manual")])
    (root / ".env").write_text("# migrate-llm: ignore[ML503]\nCHAT_MODEL=qwen-plus\n")
    code, report = run_json("check", str(root), "--provider", "qwen")
    assert [row for row in _rows(report) if row[2] == "ML503"] == []


def test_a_variable_a_settings_module_imported_by_litellms_reads_is_both(tmp_path):
    """Review r5: config.py reads CHAT_MODEL, llm.py imports it from there and hands it to
    litellm, embed.py has an OpenAI client. No litellm module names the variable, and it was
    taken for the client's alone: apply wrote a bare model litellm rejects under a green
    check. Now both spellings are named, by hand, and apply leaves the line."""
    root = git_project(
        tmp_path,
        {
            ".env": "CHAT_MODEL=gpt-4o\n",
            "config.py": 'import os\n\nCHAT_MODEL = os.environ["CHAT_MODEL"]\n',
            "llm.py": (
                "import litellm\n\nfrom config import CHAT_MODEL\n\n\ndef ask(text):\n"
                "    return litellm.completion(model=CHAT_MODEL, messages=[])\n"
            ),
            "embed.py": (
                "import os\n\nfrom openai import OpenAI\n\n"
                'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n'
            ),
        },
    )
    code, report = run_json("scan", str(root), "--provider", "qwen")
    assert code == 0
    rows = [row[1:5] for row in _rows(report) if row[2] == "ML503"]
    assert rows == [(1, "ML503", "warning", "manual")]
    applied = cli("apply", str(root), "--provider", "qwen", "--yes")
    assert applied.exit_code == 0
    assert (root / ".env").read_bytes() == b"CHAT_MODEL=gpt-4o\n"
