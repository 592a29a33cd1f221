"""openai<1.0's coroutine methods (`acreate`) written on openai>=1.0 clients (ML302, s64)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_findings import finding_rows, invoke, run_json, write_here

APP = """import openai
from openai import AsyncOpenAI, OpenAI

client = OpenAI()
aclient = AsyncOpenAI()


async def go(q, helper):
    a = await aclient.chat.completions.acreate(model="gpt-4o", messages=q)
    b = await client.chat.completions.acreate(model="gpt-4o", messages=q)
    c = await openai.chat.completions.acreate(model="gpt-4o", messages=q)
    d = await aclient.images.acreate(prompt=q)
    e = await aclient.embeddings.acreate(model="text-embedding-3-small", input=q)
    f = await aclient.audio.transcriptions.atranscribe(file=q, model="whisper-1")
    g = await helper.client.embeddings.acreate(model="text-embedding-3-small", input=q)
    h = await aclient.files.alist()
    return a, b, c, d, e, f, g, h
"""


def test_scan_reports_each_async_legacy_method(tmp_path: Path, monkeypatch) -> None:
    write_here(tmp_path, monkeypatch, {"app.py": APP, "requirements.txt": "openai>=1.0\n"})
    code, report = run_json("scan", ".", "--provider", "openai")
    assert code == 0
    rows = finding_rows(report, "line", "severity", "fix", "data", rules={"ML302"})
    assert rows == [
        (
            9,
            "error",
            "safe",
            {
                "surface": "chat",
                "call": "chat.completions.acreate",
                "v1_call": "chat.completions.create",
            },
        ),
        (
            10,
            "error",
            "manual",
            {
                "surface": "chat",
                "call": "chat.completions.acreate",
                "v1_call": "chat.completions.create",
            },
        ),
        (
            11,
            "error",
            "manual",
            {
                "surface": "chat",
                "call": "chat.completions.acreate",
                "v1_call": "chat.completions.create",
            },
        ),
        (
            12,
            "error",
            "safe",
            {"surface": "images", "call": "images.acreate", "v1_call": "images.generate"},
        ),
        (
            13,
            "error",
            "safe",
            {"surface": "embeddings", "call": "embeddings.acreate", "v1_call": "embeddings.create"},
        ),
        (
            14,
            "error",
            "safe",
            {
                "surface": "audio",
                "call": "audio.transcriptions.atranscribe",
                "v1_call": "audio.transcriptions.create",
            },
        ),
        (
            15,
            "error",
            "manual",
            {"surface": "embeddings", "call": "embeddings.acreate", "v1_call": "embeddings.create"},
        ),
        (16, "error", "safe", {"surface": "files", "call": "files.alist", "v1_call": "files.list"}),
    ]
    messages = {f["line"]: f["message"] for f in report["findings"] if f["rule"] == "ML302"}
    assert messages[11] == (
        "openai.chat.completions.acreate() is openai<1.0's coroutine method; openai>=1.0's "
        "resources have no acreate (AttributeError on every run), and openai's module-level "
        "client is synchronous: make this request on an openai.AsyncOpenAI() client, `await "
        "async_client.chat.completions.create(...)`, by hand"
    )
    assert messages[15] == (
        "embeddings.acreate() is openai<1.0's coroutine method; openai>=1.0's resources have no "
        "acreate (AttributeError on every run), and `helper.client` is not traced to an "
        "AsyncOpenAI client: make this request on an openai.AsyncOpenAI() client, `await "
        "async_client.embeddings.create(...)`, by hand"
    )


def test_apply_renames_on_async_clients_and_check_stays_red(tmp_path: Path, monkeypatch) -> None:
    write_here(tmp_path, monkeypatch, {"app.py": APP, "requirements.txt": "openai>=1.0\n"})
    code, _ = invoke("apply", ".", "--provider", "openai", "--yes", "--allow-dirty")
    assert code == 0
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    body = after.split("async def go(q, helper):\n", 1)[1]
    assert body == (
        '    a = await aclient.chat.completions.create(model="gpt-4o", messages=q)\n'
        '    b = await client.chat.completions.acreate(model="gpt-4o", messages=q)\n'
        '    c = await openai.chat.completions.acreate(model="gpt-4o", messages=q)\n'
        "    d = await aclient.images.generate(prompt=q)\n"
        '    e = await aclient.embeddings.create(model="text-embedding-3-small", input=q)\n'
        '    f = await aclient.audio.transcriptions.create(file=q, model="whisper-1")\n'
        '    g = await helper.client.embeddings.acreate(model="text-embedding-3-small", input=q)\n'
        "    h = await aclient.files.list()\n"
        "    return a, b, c, d, e, f, g, h\n"
    )
    code, report = run_json("check", ".", "--provider", "openai")
    assert code == 1
    assert finding_rows(report, "line", "fix", rules={"ML302"}) == [
        (10, "manual"),
        (11, "manual"),
        (15, "manual"),
    ]


@pytest.mark.parametrize(
    "source",
    [
        # a client built as sync on one path: the rename would not be awaitable there
        "from openai import AsyncOpenAI, OpenAI\n\nc = AsyncOpenAI() if ASYNC else OpenAI()\n\n\n"
        "async def f(q):\n    return await c.chat.completions.acreate(model=m, messages=q)\n",
    ],
)
def test_a_client_not_surely_async_is_left(tmp_path: Path, monkeypatch, source: str) -> None:
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("scan", ".", "--provider", "openai")
    assert code == 0
    assert finding_rows(report, "line", "fix", rules={"ML302"}) == [(7, "manual")]
