"""lagent's GPTAPI and where it posts (session-66 review, l1 and l3): given no `api_base`
(v0.1's `openai_api_base`) it posts to OpenAI's https://api.openai.com/v1/chat/completions,
so an OpenAI key given to it stays OpenAI's (ML401 manual, before: renamed to DeepSeek's,
which then went to OpenAI); pointed at a server of one's own by a literal URL, its model is
ML206's warning, not ML697's error. Exact findings, bytes after `apply`, exit codes."""

from __future__ import annotations

from .cli_findings import cli, finding_rows, run_json, write_here

KEY_LEFT = (
    "reads OPENAI_API_KEY, which goes to {callee} on line {line}, lagent's GPTAPI, given no "
    "api_base: it posts to its default URL, OpenAI's "
    "https://api.openai.com/v1/chat/completions, so given DeepSeek's key (DEEPSEEK_API_KEY) "
    "it would send that key there; give it DeepSeek's chat completions URL as api_base, then "
    "read DEEPSEEK_API_KEY, by hand"
)
DEFAULT_URL = (
    "import os\n\nfrom lagent.llms import GPTAPI\n\n"
    'llm = GPTAPI(model_type="gpt-4o", key=os.environ["OPENAI_API_KEY"])\n'
    'cfg = dict(type=GPTAPI, model_type="gpt-4o", key=os.getenv("OPENAI_API_KEY"))\n'
    'pos = GPTAPI("gpt-4o", 1, 2, os.environ["OPENAI_API_KEY"])\n'
)


def test_an_openai_key_given_to_gptapi_without_a_url_stays_openais(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": DEFAULT_URL})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    rows = finding_rows(report, "line", "severity", "fix", "message", rules={"ML401"})
    assert rows == [
        (5, "warning", "manual", KEY_LEFT.format(callee="GPTAPI()", line=5)),
        (6, "warning", "manual", KEY_LEFT.format(callee="the dict(type=GPTAPI) config", line=6)),
        (7, "warning", "manual", KEY_LEFT.format(callee="GPTAPI()", line=7)),
    ]
    assert cli("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == DEFAULT_URL.encode()  # was DEEPSEEK_API_KEY


def test_a_key_given_beside_a_url_or_kwargs_is_not_judged_by_the_default(tmp_path, monkeypatch):
    text = (
        "import os\n\nfrom lagent.llms import GPTAPI\n\n"
        "llm = GPTAPI(\n"
        '    model_type="qwen-plus",\n'
        '    key=os.environ["OPENAI_API_KEY"],\n'
        '    openai_api_base="https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions",'
        "\n)\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    assert cli("apply", ".", "--provider", "qwen", "--yes", "--allow-dirty").exit_code == 0
    after = text.replace('environ["OPENAI_API_KEY"]', 'environ["DASHSCOPE_API_KEY"]')
    assert (tmp_path / "app.py").read_bytes() == after.encode()


OWN_SERVER = (
    "from lagent.llms import GPTAPI\n\n"
    'local = dict(\n    type=GPTAPI,\n    model_type="gpt-4o",\n    key="EMPTY",\n'
    '    api_base="http://localhost:23333/v1/chat/completions",\n)\n'
    "llm = GPTAPI(\n"
    '    model_type="gpt-4o-mini",\n    key="EMPTY",\n'
    '    api_base="http://127.0.0.1:8000/v1/chat/completions",\n)\n'
)


def test_gptapi_on_a_server_of_ones_own_is_no_ml697_error(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": OWN_SERVER})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "line", "rule", "severity", "fix") == [
        (5, "ML204", "note", "none"),
        (10, "ML206", "warning", "manual"),
    ]
    assert finding_rows(report, "message", rules={"ML206"}) == [
        (
            "model_type='gpt-4o-mini' goes to GPTAPI(), which is not an OpenAI SDK call, so "
            "apply leaves it; if it talks to DeepSeek, use a DeepSeek model there (the model "
            "table says 'deepseek-flash')",
        )
    ]
    assert cli("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == OWN_SERVER.encode()
    # an OpenAI URL written there keeps ML697's error
    text = OWN_SERVER.replace("http://127.0.0.1:8000", "https://api.openai.com")
    write_here(tmp_path, monkeypatch, {"app.py": text})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "line", "rule", "severity", rules={"ML697", "ML206"}) == [
        (10, "ML697", "error")
    ]
