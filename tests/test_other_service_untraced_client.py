"""A request shaped as the SDK's through a client another module builds, in a module that
imports openai (t68g: Skyvern's `app.YUTORI_CLIENT`, an `AsyncYutoriClient` its forge_app
builds, beside an `AsyncOpenAI` of the caller's own). Before, the untraced receiver was taken
for an OpenAI client: ML005 said calls through it were migrated and ML112 renamed
`max_completion_tokens=` on Yutori's request. Now a request whose model, as written, is
neither an OpenAI model nor the provider's is another service's: left alone. One naming an
OpenAI model is still migrated through an untraced `client`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

STATE = "class _State:\n    YUTORI_CLIENT = None\n\n\napp = _State()\n"
SETUP = (
    "from yutori import AsyncYutoriClient\n\nfrom pkg.state import app\n\n\n"
    "def build() -> None:\n"
    '    app.YUTORI_CLIENT = AsyncYutoriClient(api_key="y")\n'
)
CALLER = (
    "import os\n\nfrom openai import AsyncOpenAI\n\nfrom pkg.state import app\n\n"
    "fallback = AsyncOpenAI(\n"
    '    api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com"\n'
    ")\n\n\n"
    "async def act(messages, n: int):\n"
    "    return await app.YUTORI_CLIENT.chat.completions.create(\n"
    '        model="{model}",\n'
    "        messages=messages,\n"
    "        max_completion_tokens=n,\n"
    "    )\n"
)


def _run(tmp_path, monkeypatch, model: str) -> tuple[int, list[tuple[str, str]], str]:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "state.py").write_text(STATE, encoding="utf-8")
    (pkg / "setup_app.py").write_text(SETUP, encoding="utf-8")
    (pkg / "caller.py").write_text(CALLER.format(model=model), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    found = [
        (f["rule"], f["fix"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] in {"ML005", "ML112"}
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert (pkg / "setup_app.py").read_text(encoding="utf-8") == SETUP
    return done.exit_code, found, (pkg / "caller.py").read_text(encoding="utf-8")


def test_another_services_request_through_an_untraced_client_is_left(tmp_path, monkeypatch):
    before = CALLER.format(model="n1-latest")
    assert _run(tmp_path, monkeypatch, "n1-latest") == (0, [], before)


def test_an_openai_models_request_through_it_is_still_migrated(tmp_path, monkeypatch):
    assert _run(tmp_path, monkeypatch, "gpt-4o") == (
        0,
        [("ML005", "manual"), ("ML112", "safe")],
        CALLER.format(model="deepseek-v4-pro")
        .replace("create(\n", 'create(\n        extra_body={"thinking": {"type": "disabled"}},\n')
        .replace("max_completion_tokens=n", "max_tokens=n"),
    )
