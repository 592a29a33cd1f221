"""litellm embeddings whose model comes from run time (t67e: RD-Agent's litellm backend on
Qwen). A provider's bare embedding model in a config file litellm reads fails as a bare chat
model does (ML503); a run-time model under the module's route test, given the provider's base
URL there, is held to the batch limit (ML114); a `**extra` shown to give the provider's key and
base URL under that test is not left to a person (ML640)."""

from __future__ import annotations

from .cli_findings import cli, finding_rows, git_project, run_json, write_here

QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
QWEN_TEN = (
    "Alibaba Qwen (DashScope / Model Studio) embeds at most 10 inputs per request: send "
    "batches of 10"
)
BARE = (
    '{model} has no provider prefix, so litellm fails on it ("LLM Provider NOT provided"): a '
    "module of this project calls litellm and none uses an OpenAI client; "
)
APP = f"""import os

from dotenv import load_dotenv

load_dotenv(".env")

from litellm import embedding

MODEL = os.getenv("EMBEDDING_MODEL", "openai/text-embedding-v4")


def embed(texts):
    kwargs = (
        {{
            "api_key": os.environ["DASHSCOPE_API_KEY"],
            "api_base": os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"),
        }}
        if MODEL.startswith("openai/")
        else {{}}
    )
    return embedding(model=MODEL, input=texts[:10], **kwargs)
"""
EXPLICIT = f"""import os
from litellm import embedding

MODEL = os.environ.get("EMBEDDING_MODEL", "openai/text-embedding-v4")


def embed(texts):
    if MODEL.startswith("openai/"):
        return embedding(model=MODEL, input=texts, api_key=os.environ["DASHSCOPE_API_KEY"],
                         api_base=os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"))
    raise ValueError(MODEL)
"""
EXTRA = f"""import os
from typing import Any
from litellm import embedding

MODEL = {{model}}


def embed(texts):
    extra: dict[str, Any] = {{{{}}}}
    if MODEL.startswith("openai/"):
        extra = dict(api_key=os.environ["DASHSCOPE_API_KEY"],
                     api_base=os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"))
    return embedding(model=MODEL, input=texts, **extra)
"""
RUN_TIME = 'os.environ.get("EMBEDDING_MODEL", "openai/text-embedding-v4")'


def _rows(report: dict) -> list[tuple]:
    return finding_rows(report, "path", "line", "column", "rule", "severity", "fix", "message")


def test_a_bare_embedding_model_litellm_reads_is_written_on_the_route_that_embeds(tmp_path):
    root = git_project(
        tmp_path,
        {
            ".gitignore": ".env\n",
            ".env": "CHAT_MODEL=dashscope/qwen-plus\nEMBEDDING_MODEL=text-embedding-v4\n",
            "app.py": APP,
        },
    )
    code, report = run_json("check", str(root), "--provider", "qwen")
    assert code == 1
    read_by = f"{(root / 'app.py').as_posix()}:5"
    named = f"`apply {(root / '.env').as_posix()}`"
    rows = [
        (f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in report["findings"]
    ]
    assert rows == [
        (
            2,
            "ML503",
            "error",
            "manual",
            BARE.format(model="text-embedding-v4")
            + "apply writes dashscope/text-embedding-v4 (in a gitignored file that "
            f"{read_by} reads: apply makes this edit only when the file is named, {named})",
            {
                "model_from": "text-embedding-v4",
                "model_to": "dashscope/text-embedding-v4",
                "litellm_route": "dashscope",
                "gitignored": True,
                "read_by": read_by,
            },
        )
    ]
    # named beside the project, whose modules say litellm reads it
    applied = cli("apply", str(root), str(root / ".env"), "--provider", "qwen", "--yes")
    assert applied.exit_code == 0
    assert (root / ".env").read_bytes() == (
        b"CHAT_MODEL=dashscope/qwen-plus\nEMBEDDING_MODEL=dashscope/text-embedding-v4\n"
    )
    code, report = run_json("check", str(root), "--provider", "qwen")
    assert (code, report["findings"]) == (0, [])


def test_without_a_route_that_embeds_the_openai_route_is_named(tmp_path):
    app = APP.replace("text-embedding-v4", "embedding-3").replace("DASHSCOPE_", "ZHIPUAI_")
    root = git_project(tmp_path, {".env": "EMBEDDING_MODEL=embedding-3\n", "app.py": app})
    code, report = run_json("check", str(root), "--provider", "zhipu")
    assert code == 1
    assert [(f["rule"], f["severity"], f["fix"], f["message"]) for f in report["findings"]] == [
        (
            "ML503",
            "error",
            "manual",
            BARE.format(model="embedding-3")
            + "write openai/embedding-3 with Zhipu AI (GLM)'s api_base and key there, by hand",
        )
    ]


def test_a_run_time_model_under_the_route_test_gets_the_batch_limit(tmp_path, monkeypatch):
    write_here(
        tmp_path,
        monkeypatch,
        {
            "a_explicit.py": EXPLICIT,
            "b_extra.py": EXTRA.format(model=RUN_TIME),
            "c_literal_extra.py": EXTRA.format(model='"openai/text-embedding-v4"'),
        },
    )
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    warning = ("ML114", "warning", "manual", f"input=texts may hold more than 10 texts; {QWEN_TEN}")
    # no ML640 on c_'s `**extra`: the module shows it sets DashScope's key and base URL
    assert _rows(report) == [
        ("a_explicit.py", 9, 45, *warning),
        ("b_extra.py", 13, 41, *warning),
        ("c_literal_extra.py", 13, 41, *warning),
    ]


def test_the_openai_route_without_the_providers_base_url_is_openais(tmp_path, monkeypatch):
    source = EXPLICIT.replace(
        f',\n                         api_base=os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"))',
        ")",
    )
    assert "api_base" not in source
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert [f["rule"] for f in report["findings"]] == ["ML640"]


def test_a_dict_setting_another_key_is_still_left_to_a_person(tmp_path, monkeypatch):
    source = EXTRA.format(model='"openai/text-embedding-v4"').replace(
        'os.environ["DASHSCOPE_API_KEY"]', 'os.environ["OTHER_KEY"]'
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert [f["rule"] for f in report["findings"]] == ["ML640", "ML114"]
