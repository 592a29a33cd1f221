"""OpenAI's account ids (`organization=`) left where the requests go to the provider (t64d):
`openai.organization = cfg[...]` of openai<1.0 code, which apply deletes (ML301 says so), and
`organization=` given to a client whose base URL is chosen at run time, which apply points at
the provider where none is given and leaves the account id on (ML003, manual: scan, and check
after apply)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

DEEPSEEK = ["--provider", "deepseek", "--no-cache"]
CONFIG = '{"api_key": "sk-config", "organization": "org-config", "model": "gpt-4o"}\n'
V0 = (
    "import json\n\nimport openai\n\n"
    'cfg = json.load(open("settings.json"))\n'
    'openai.api_key = cfg["api_key"]\n'
    'openai.organization = cfg.get("organization")\n'
    "r = openai.ChatCompletion.create(\n"
    '    model="gpt-4o", messages=[{"role": "user", "content": "hi"}], temperature=0.2\n'
    ")\n"
    "print(r.choices[0].message.content)\n"
)
V1 = (
    "import json\n\nfrom openai import OpenAI\n\n"
    'entry = json.load(open("settings.json"))\n'
    "client = OpenAI(\n"
    '    api_key=entry["api_key"],\n'
    '    organization=entry.get("organization"),\n'
    '    base_url=entry.get("api_base"),\n'
    ")\n"
)
ORGANIZATION = (
    "organization= is OpenAI's account id, which the SDK sends as the OpenAI-Organization "
    "header with every request of this client, to DeepSeek too{where}: remove it, or give it "
    "only where the client talks to OpenAI, by hand"
)


def write(root: Path, app_text: str) -> Path:
    (root / "requirements.txt").write_text("openai>=1\n")
    (root / "settings.json").write_text(CONFIG)
    (root / "app.py").write_text(app_text)
    return root


def run_on_deepseek(root: Path) -> list:
    deepseek = load_registry([]).get("deepseek")
    server = LoopbackServer.for_provider(deepseek, thinking=False).start()
    try:
        env = {deepseek.api_key_env: "sk-deepseek", deepseek.base_url_env: server.base}
        proc, blocked = run_guarded("app.py", root, env)
    finally:
        server.stop()
    assert blocked == [] and proc.returncode == 0, proc.stderr
    return server.requests


def test_openai_organization_is_deleted_as_scan_says(tmp_path, monkeypatch):
    monkeypatch.chdir(write(tmp_path, V0))
    scan = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    found = [
        (f["line"], f["fix"], f["message"])
        for f in json.loads(scan.output)["findings"]
        if f["rule"] == "ML301" and f["line"] == 7
    ]
    assert found == [
        (
            7,
            "safe",
            "openai.organization is openai<1.0 configuration, OpenAI's account id (the SDK sends "
            "it as the OpenAI-Organization header); apply deletes it: the client it builds for "
            "DeepSeek is given none",
        )
    ]
    applied = CliRunner().invoke(app, ["apply", ".", *DEEPSEEK, "--yes"])
    assert applied.exit_code == 0, applied.output
    text = (tmp_path / "app.py").read_text()
    assert "organization" not in text
    [request] = run_on_deepseek(tmp_path)
    assert "openai-organization" not in {k.lower() for k in request.headers}


def test_a_run_time_url_client_keeps_its_organization_and_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(write(tmp_path, V1))
    scan = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    found = [
        (f["rule"], f["line"], f["column"], f["severity"], f["fix"], f["data"], f["message"])
        for f in json.loads(scan.output)["findings"]
        if f["rule"] == "ML003"
    ]
    assert [f[:5] for f in found] == [
        ("ML003", 6, 10, "warning", "review"),
        ("ML003", 8, 5, "warning", "manual"),
    ]
    assert found[1][5] == {"param": "organization"}
    where = " where no base URL is given (apply points it there)"
    assert found[1][6] == ORGANIZATION.format(where=where)
    applied = CliRunner().invoke(app, ["apply", ".", *DEEPSEEK, "--yes"])
    assert applied.exit_code == 0, applied.output
    text = (tmp_path / "app.py").read_text()
    assert '    organization=entry.get("organization"),\n' in text
    line = text.splitlines().index('    organization=entry.get("organization"),') + 1
    check = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert check.exit_code == 1
    assert check.output == (
        f"app.py:{line}:5 ML003 {ORGANIZATION.format(where='')}\n"
        "1 finding for deepseek in 1 of 3 files; 0 error, 1 warning, 0 note\n"
    )
    # what the finding is about: the header reaches DeepSeek
    (tmp_path / "app.py").write_text(
        text + 'client.chat.completions.create(model="deepseek-flash", messages=[])\n'
    )
    [request] = run_on_deepseek(tmp_path)
    assert {k.lower(): v for k, v in request.headers.items()}["openai-organization"] == (
        "org-config"
    )


def test_a_client_without_an_account_id_is_not_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(
        write(tmp_path, V1.replace('    organization=entry.get("organization"),\n', ""))
    )
    scan = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    assert [f["line"] for f in json.loads(scan.output)["findings"] if f["rule"] == "ML003"] == [6]
