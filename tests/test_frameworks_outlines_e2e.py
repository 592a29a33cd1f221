"""End to end with Outlines 1.x (ML696, t63f): tests/frameworks_apps/outlines_app gives
`outlines.from_openai()` an OpenAI client and an OpenAI model; migrated with `apply`, it runs
against tests/loopback_server.py answering as Qwen's file says (json_schema refused but for
`[params] structured_models`). A Pydantic output type given to a model that refuses
json_schema keeps `check` red, and the program does fail with the server's 400; with a model
from the list `check` passes and the request carries the strict json_schema.

Marked `frameworks`: it needs `outlines` (the `frameworks` extra).
"""

from __future__ import annotations

import pytest

from . import network_guard
from .cli_findings import cli, run_json, write
from .loopback_server import JSON_SCHEMA, LoopbackServer
from .test_frameworks_agents_e2e import migrated_copy, needs, run_app

pytestmark = pytest.mark.frameworks

STRUCTURED = """\
import os

import openai
import outlines
from pydantic import BaseModel


class Pick(BaseModel):
    color: str


client = openai.OpenAI(
    api_key=os.environ["DASHSCOPE_API_KEY"], base_url=os.environ["DASHSCOPE_BASE_URL"]
)
model = outlines.from_openai(client, "MODEL")
print(model("Pick a color.", Pick))
"""


MIGRATED = """\
import os

import openai
import outlines

model = outlines.from_openai(
    openai.OpenAI(
        api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),
        base_url=os.environ.get(
            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
        ),
    ),
    "qwen-plus",
)
print(model("Say hi.", max_tokens=20))
"""


@pytest.fixture
def qwen_server(registry):
    running = LoopbackServer.for_provider(registry.get("qwen")).start()
    yield running
    running.stop()


def test_an_openai_model_given_to_from_openai_runs_on_the_provider(
    registry, qwen_server, tmp_path, monkeypatch
):
    needs("outlines")
    provider = registry.get("qwen")
    project = migrated_copy("outlines_app", "qwen", tmp_path, monkeypatch)
    assert (project / "app.py").read_text() == MIGRATED

    proc, path, key = run_app(registry, provider, project, "app.py", qwen_server, tmp_path)
    assert proc.stdout.splitlines() == ["reply from qwen-plus"]
    [request] = qwen_server.requests
    assert (request.path, request.body["model"], request.body["max_tokens"]) == (
        f"{path}/chat/completions",
        "qwen-plus",
        20,
    )
    assert "response_format" not in request.body
    assert request.headers.get("authorization") == f"Bearer {key}"


def test_a_json_schema_refused_by_the_model_is_an_error_and_fails_on_the_provider(
    registry, qwen_server, tmp_path, monkeypatch
):
    needs("outlines")
    provider = registry.get("qwen")
    project = tmp_path / "structured"
    write(project, {"app.py": STRUCTURED.replace("MODEL", "qwen-plus")})
    monkeypatch.chdir(project)
    code, report = run_json("check", ".", "--provider", "qwen")
    assert (code, [(f["rule"], f["line"]) for f in report["findings"]]) == (1, [("ML696", 16)])

    # as check says: the program fails (the server refuses the json_schema, HTTP 400)
    with pytest.raises(AssertionError, match=r"BadRequestError|400"):
        run_app(registry, provider, project, "app.py", qwen_server, tmp_path)
    assert network_guard.blocked_hosts(tmp_path / "guard") == []
    [refused] = qwen_server.requests
    assert (refused.body["model"], refused.body["response_format"]["type"]) == (
        "qwen-plus",
        JSON_SCHEMA,
    )

    # a model of `structured_models`: check passes, and so does the program
    (project / "app.py").write_text(STRUCTURED.replace("MODEL", "qwen4-max"))
    assert cli("check", ".", "--provider", "qwen").exit_code == 0
    proc, _, _ = run_app(registry, provider, project, "app.py", qwen_server, tmp_path)
    assert proc.stdout.splitlines() == ["reply from qwen4-max"]
    taken = qwen_server.requests[-1]
    schema = taken.body["response_format"]
    assert (taken.body["model"], schema["type"], schema["json_schema"]["strict"]) == (
        "qwen4-max",
        JSON_SCHEMA,
        True,
    )
    assert schema["json_schema"]["schema"]["properties"] == {
        "color": {"title": "Color", "type": "string"}
    }
