"""ML009: a gateway's own SDK client (Portkey's) passing its requests on to OpenAI.

The trial's defect (t61e, mshumer/gpt-prompt-engineer on deepseek): `Portkey(provider="openai",
Authorization="Bearer " + key)` with `client.chat.completions.create(model=MODEL)`: apply
rewrote MODEL to the provider's model (ML204) and added the thinking switch (ML118) while the
client still sent everything through Portkey to OpenAI, and check was green."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

REPRO = """import os
from portkey_ai import Portkey
MODEL = "gpt-4o"
client = Portkey(api_key=os.environ.get("PORTKEY_API_KEY", ""), provider="openai",
                 Authorization="Bearer " + os.environ.get("PROVIDER_API_KEY", ""))
print(client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "hi"}]))
"""

MESSAGE = (
    "Portkey's client passes its requests on to OpenAI (provider='openai'), and apply does not "
    "move it nor change its requests: set Portkey up for DeepSeek (an entry of its model "
    "catalogue holding DeepSeek's key, named by provider=), give the client that key "
    "(DEEPSEEK_API_KEY) instead of OpenAI's and its requests DeepSeek's models, or use an "
    "OpenAI client pointed at DeepSeek, by hand"
)


def _run(*args: str):
    return CliRunner().invoke(app, [*args, ".", "--provider", "deepseek"])


def test_scan_reports_only_the_portkey_client(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(REPRO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 0
    found = [
        {k: f[k] for k in ("rule", "line", "column", "severity", "fix", "message", "data")}
        for f in json.loads(result.stdout)["findings"]
    ]
    assert found == [
        {
            "rule": "ML009",
            "line": 4,
            "column": 10,
            "severity": "error",
            "fix": "manual",
            "message": MESSAGE,
            "data": {"gateway": "Portkey", "keyword": "provider", "value": "openai"},
        }
    ]


def test_apply_leaves_the_file_byte_identical_and_check_stays_red(tmp_path, monkeypatch):
    path = tmp_path / "app.py"
    path.write_bytes(REPRO.encode())
    monkeypatch.chdir(tmp_path)
    assert _run("apply", "--yes").exit_code == 0
    assert path.read_bytes() == REPRO.encode()
    check = CliRunner().invoke(app, ["check", ".", "-p", "deepseek", "--format", "json"])
    assert check.exit_code == 1
    assert [f["rule"] for f in json.loads(check.stdout)["findings"]] == ["ML009"]


def test_check_is_green_once_portkey_is_set_up_for_the_provider(tmp_path, monkeypatch):
    """As the finding advises: provider= names the catalogue entry holding the provider's
    key, the request the provider's model."""
    text = REPRO.replace('provider="openai"', 'provider="@deepseek"').replace(
        '"gpt-4o"', '"deepseek-v4-pro"'
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run("check").exit_code == 0


def test_an_openai_client_beside_it_is_still_migrated(tmp_path, monkeypatch):
    """In a module that also builds an OpenAI client, only the Portkey client's requests are
    left: the OpenAI client's model and switch are rewritten as before."""
    text = (
        "from openai import OpenAI\n"
        "from portkey_ai import AsyncPortkey\n\n"
        'gateway = AsyncPortkey(provider="openai")\n'
        "direct = OpenAI()\n\n\n"
        "async def ask():\n"
        '    await gateway.chat.completions.create(model="gpt-4o-mini", messages=[])\n'
        '    return direct.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    path = tmp_path / "app.py"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "-p", "deepseek", "--format", "json"])
    rules = sorted((f["line"], f["rule"]) for f in json.loads(scan.stdout)["findings"])
    # the Portkey request (line 9): nothing
    assert rules == [(4, "ML009"), (5, "ML001"), (10, "ML101"), (10, "ML118"), (10, "ML201")]
    assert _run("apply", "--yes").exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert '    await gateway.chat.completions.create(model="gpt-4o-mini", messages=[])\n' in after
    assert 'model="gpt-4o"' not in after


def test_a_constant_also_shown_in_text_is_left_one_also_sent_to_openai_is_mapped(
    tmp_path, monkeypatch
):
    """gpt-prompt-engineer's XL_to_XS notebook prints SMALL_MODEL beside sending it through
    Portkey: left. A constant also given to an OpenAI client's request is still mapped."""
    text = (
        "from openai import OpenAI\n"
        "from portkey_ai import Portkey\n\n"
        'SMALL_MODEL = "gpt-4o-mini"\n'
        'SHARED_MODEL = "gpt-4o"\n'
        'gateway = Portkey(provider="openai")\n'
        "direct = OpenAI()\n"
        'print("Testing on " + SMALL_MODEL, f"{SMALL_MODEL} said:")\n'
        "gateway.chat.completions.create(model=SMALL_MODEL, messages=[])\n"
        "gateway.chat.completions.create(model=SHARED_MODEL, messages=[])\n"
        "direct.chat.completions.create(model=SHARED_MODEL, messages=[])\n"
    )
    path = tmp_path / "app.py"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run("apply", "--yes").exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        "import os\n\n"
        "from openai import OpenAI\n"
        "from portkey_ai import Portkey\n\n"
        'SMALL_MODEL = "gpt-4o-mini"\n'
        'SHARED_MODEL = "deepseek-v4-pro"\n'
        'gateway = Portkey(provider="openai")\n'
        "direct = OpenAI(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        ")\n"
        'print("Testing on " + SMALL_MODEL, f"{SMALL_MODEL} said:")\n'
        "gateway.chat.completions.create(model=SMALL_MODEL, messages=[])\n"
        "gateway.chat.completions.create(model=SHARED_MODEL, messages=[])\n"
        "direct.chat.completions.create(\n"
        '    extra_body={"thinking": {"type": "disabled"}}, model=SHARED_MODEL, messages=[]\n'
        ")\n"
    )
