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


# --- session 62: Portkey's other ways of naming OpenAI, and a client set up for the provider --


def _scan(tmp_path, monkeypatch, text: str) -> list[dict]:
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 0
    return [
        {k: f[k] for k in ("rule", "line", "column", "fix", "message", "data")}
        for f in json.loads(result.stdout)["findings"]
    ]


def _left_alone(tmp_path) -> None:
    """apply changes nothing and check stays red."""
    before = (tmp_path / "app.py").read_bytes()
    assert _run("apply", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == before
    assert _run("check").exit_code == 1


ADVICE = (
    "set Portkey up for DeepSeek (an entry of its model catalogue holding DeepSeek's key, named "
    "by provider=), give the client that key (DEEPSEEK_API_KEY) instead of OpenAI's and its "
    "requests DeepSeek's models, or use an OpenAI client pointed at DeepSeek, by hand"
)


def test_a_request_picking_an_openai_catalogue_entry_is_reported_at_its_model(
    tmp_path, monkeypatch
):
    """Before: no finding, check green (rc 0) while Portkey sent the request to OpenAI."""
    text = (
        "import os\n\nfrom portkey_ai import Portkey\n\n"
        'client = Portkey(api_key=os.environ["PORTKEY_API_KEY"])\n'
        "reply = client.chat.completions.create(\n"
        '    model="@openai/gpt-4o", messages=[{"role": "user", "content": "hi"}]\n)\n'
    )
    assert _scan(tmp_path, monkeypatch, text) == [
        {
            "rule": "ML009",
            "line": 7,
            "column": 11,
            "fix": "manual",
            "message": "Portkey passes this request on to OpenAI (model='@openai/gpt-4o': an "
            "entry of its model catalogue for OpenAI), and apply does not move it nor change "
            f"it: {ADVICE}",
            "data": {"gateway": "Portkey", "keyword": "model", "value": "@openai/gpt-4o"},
        }
    ]
    _left_alone(tmp_path)


def test_a_config_naming_openai_keeps_its_key_and_is_reported(tmp_path, monkeypatch):
    """Before: no ML009, and ML401 (safe) renamed the config's OPENAI_API_KEY to
    DEEPSEEK_API_KEY: DeepSeek's key went to Portkey, which passed it on to OpenAI."""
    text = (
        "import os\n\nfrom portkey_ai import Portkey\n\n"
        "client = Portkey(\n"
        '    api_key=os.environ["PORTKEY_API_KEY"],\n'
        '    config={"provider": "openai", "api_key": os.environ["OPENAI_API_KEY"]},\n'
        ")\n"
        'reply = client.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    assert _scan(tmp_path, monkeypatch, text) == [
        {
            "rule": "ML009",
            "line": 5,
            "column": 10,
            "fix": "manual",
            "message": "Portkey's client passes its requests on to OpenAI (config's provider="
            f"'openai'), and apply does not move it nor change its requests: {ADVICE}",
            "data": {"gateway": "Portkey", "keyword": "config's provider", "value": "openai"},
        },
        {
            "rule": "ML401",
            "line": 7,
            "column": 46,
            "fix": "manual",
            "message": "reads OPENAI_API_KEY, which goes to Portkey() on line 5, a gateway's "
            "own client that passes it on with its requests to the service its settings name "
            "(ML009), and apply leaves the call: given DeepSeek's key (DEEPSEEK_API_KEY) it "
            "would send that key there; set the gateway up for DeepSeek first, then give it "
            "DEEPSEEK_API_KEY, by hand",
            "data": {"variable_from": "OPENAI_API_KEY", "variable_to": "DEEPSEEK_API_KEY"},
        },
    ]
    _left_alone(tmp_path)


def test_the_openai_key_in_an_authorization_header_is_not_renamed(tmp_path, monkeypatch):
    """Before: ML401 safe, apply wrote `"Bearer " + os.environ["DEEPSEEK_API_KEY"]` into the
    client Portkey passes on to OpenAI."""
    text = REPRO.replace("PROVIDER_API_KEY", "OPENAI_API_KEY")
    found = _scan(tmp_path, monkeypatch, text)
    assert [(f["rule"], f["line"], f["fix"]) for f in found] == [
        ("ML009", 4, "manual"),
        ("ML401", 5, "manual"),
    ]
    _left_alone(tmp_path)


def test_a_fallback_target_naming_openai_leaves_the_config_models(tmp_path, monkeypatch):
    """Before: no ML009, and ML204 rewrote the OpenAI target's override model to DeepSeek's,
    sent on to OpenAI; a config's ID says nothing here and stays silent."""
    text = (
        "from portkey_ai import Portkey\n\n"
        "CONFIG = {\n"
        '    "strategy": {"mode": "fallback"},\n'
        '    "targets": [\n'
        '        {"virtual_key": "anthropic-vk", "override_params": {"model": "claude-3-5"}},\n'
        '        {"virtual_key": "openai-vk", "override_params": {"model": "gpt-4o"}},\n'
        "    ],\n"
        "}\n"
        "client = Portkey(config=CONFIG)\n"
        'by_id = Portkey(config="pc-openai-1a2b")\n'
    )
    found = _scan(tmp_path, monkeypatch, text)
    assert [(f["rule"], f["line"], f["data"]) for f in found] == [
        (
            "ML009",
            10,
            {"gateway": "Portkey", "keyword": "config's virtual_key", "value": "openai-vk"},
        )
    ]
    _left_alone(tmp_path)


def test_targets_bound_to_a_module_name_are_read(tmp_path, monkeypatch):
    """`config={..., "targets": TARGETS}` with `TARGETS = [{"provider": "openai", ...}]`:
    before, no ML009 and check green (rc 0) while Portkey passed the requests on to OpenAI;
    only the target's key read was reported (ML401)."""
    text = (
        "import os\n\nfrom portkey_ai import Portkey\n\n"
        "TARGETS = [\n"
        '    {"provider": "openai", "api_key": os.environ["OPENAI_API_KEY"]},\n'
        "]\n"
        'client = Portkey(config={"strategy": {"mode": "fallback"}, "targets": TARGETS})\n'
        'reply = client.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    found = _scan(tmp_path, monkeypatch, text)
    assert [(f["rule"], f["line"], f["column"], f["fix"]) for f in found] == [
        ("ML401", 6, 39, "manual"),
        ("ML009", 8, 10, "manual"),
    ]
    assert found[1]["message"] == (
        "Portkey's client passes its requests on to OpenAI (config's provider='openai'), and "
        f"apply does not move it nor change its requests: {ADVICE}"
    )
    assert found[1]["data"] == {
        "gateway": "Portkey",
        "keyword": "config's provider",
        "value": "openai",
    }
    _left_alone(tmp_path)


def test_a_config_and_its_targets_both_bound_to_names_are_read(tmp_path, monkeypatch):
    """The config bound to a name too (`config=CONFIG`, `"targets": TARGETS`); a name bound
    twice is not followed (its value is chosen at run time)."""
    text = (
        "from portkey_ai import Portkey\n\n"
        'TARGETS = [{"virtual_key": "openai-vk"}]\n'
        'CONFIG = {"strategy": {"mode": "loadbalance"}, "targets": TARGETS}\n'
        "client = Portkey(config=CONFIG)\n"
        'client.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    found = _scan(tmp_path, monkeypatch, text)
    assert [(f["rule"], f["line"], f["data"]) for f in found] == [
        (
            "ML009",
            5,
            {"gateway": "Portkey", "keyword": "config's virtual_key", "value": "openai-vk"},
        )
    ]
    _left_alone(tmp_path)
    twice = text.replace("CONFIG = {", 'TARGETS = [{"virtual_key": "acme-vk"}]\nCONFIG = {')
    assert _scan(tmp_path, monkeypatch, twice) == []


TO_PROVIDER = """import os

from portkey_ai import Portkey

client = Portkey(provider="deepseek", Authorization="Bearer " + os.environ["OPENAI_API_KEY"])
client.chat.completions.create(model="gpt-4o", messages=[])
"""


def test_a_client_set_up_for_the_provider_gets_the_model_finding(tmp_path, monkeypatch):
    """Before: the OpenAI model sent through Portkey to DeepSeek had no finding (check rc 0
    once the key was renamed). Now ML206 (manual) names the model to write, which apply does
    not write; the key given to the client is the provider's, renamed as usual (ML401)."""
    found = _scan(tmp_path, monkeypatch, TO_PROVIDER)
    assert found == [
        {
            "rule": "ML401",
            "line": 5,
            "column": 65,
            "fix": "safe",
            "message": "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI "
            "key is not copied)",
            "data": {"variable_from": "OPENAI_API_KEY", "variable_to": "DEEPSEEK_API_KEY"},
        },
        {
            "rule": "ML206",
            "line": 6,
            "column": 38,
            "fix": "manual",
            "message": "model='gpt-4o' goes to client.chat.completions.create(), a request "
            "through Portkey's client, which passes it on to DeepSeek (provider='deepseek') "
            "with its model as written, and apply does not change requests through Portkey: "
            "DeepSeek does not serve gpt-4o; use a DeepSeek model there (the model table says "
            "'deepseek-v4-pro'), by hand",
            "data": {"gateway": "Portkey", "setting": "provider='deepseek'"},
        },
    ]
    assert _run("apply", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == TO_PROVIDER.replace(
        'client = Portkey(provider="deepseek", Authorization="Bearer " + os.environ['
        '"OPENAI_API_KEY"])\n',
        "client = Portkey(\n"
        '    provider="deepseek", Authorization="Bearer " + os.environ["DEEPSEEK_API_KEY"]\n'
        ")\n",
    )
    check = CliRunner().invoke(app, ["check", ".", "-p", "deepseek", "--format", "json"])
    assert check.exit_code == 1
    assert [f["rule"] for f in json.loads(check.stdout)["findings"]] == ["ML206"]
    applied = (tmp_path / "app.py").read_text(encoding="utf-8")
    (tmp_path / "app.py").write_text(applied.replace('"gpt-4o"', '"deepseek-v4-pro"'))
    assert _run("check").exit_code == 0  # as the finding advises


def test_a_constant_only_such_requests_send_is_reported_where_it_is_written(tmp_path, monkeypatch):
    """A catalogue slug of the provider's (`@deepseek-prod`), the model in a constant given
    as a parameter's default: the finding is at the constant, nothing is rewritten; so for a
    client whose base URL is the provider's."""
    text = (
        "import os\n\nfrom portkey_ai import Portkey\n\n"
        'MODEL = "gpt-4o-mini"\n'
        'client = Portkey(provider="@deepseek-prod")\n'
        'direct = Portkey(base_url=os.environ.get("DEEPSEEK_BASE_URL", '
        '"https://api.deepseek.com"))\n\n\n'
        "def ask(prompt, model=MODEL):\n"
        "    return client.chat.completions.create(model=model, messages=[])\n\n\n"
        "def fast(prompt):\n"
        '    return direct.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    found = _scan(tmp_path, monkeypatch, text)
    assert [(f["rule"], f["line"], f["column"], f["fix"], f["data"]) for f in found] == [
        ("ML206", 5, 9, "manual", {"gateway": "Portkey", "setting": "provider='@deepseek-prod'"}),
        (
            "ML206",
            15,
            49,
            "manual",
            {
                "gateway": "Portkey",
                "setting": 'base_url=os.environ.get("DEEPSEEK_BASE_URL", '
                '"https://api.deepseek.com")',
            },
        ),
    ]
    assert "(the model table says 'deepseek-flash'), by hand" in found[0]["message"]
    _left_alone(tmp_path)


def test_a_client_built_through_the_gateways_module_under_another_name_is_reported(
    tmp_path, monkeypatch
):
    """The rule looks at a module's calls only where its text spells the gateway's module
    (`GATEWAY_MODULES`): an alias of the module, and a dotted name written out, still do."""
    text = (
        "import portkey_ai\nimport portkey_ai as gateway\n\n"
        'client = gateway.Portkey(provider="openai")\n'
        'other = portkey_ai.AsyncPortkey(provider="openai")\n'
    )
    found = _scan(tmp_path, monkeypatch, text)
    data = {"gateway": "Portkey", "keyword": "provider", "value": "openai"}
    assert [(f["rule"], f["line"], f["column"], f["data"]) for f in found] == [
        ("ML009", 4, 10, data),
        ("ML009", 5, 9, data),
    ]
    _left_alone(tmp_path)


def test_a_request_through_a_client_imported_from_the_project_is_reported_where_built(
    tmp_path, monkeypatch
):
    """A module naming no gateway's module is not asked about (its calls' qualified names
    come from its own imports): the module building the client carries the finding."""
    (tmp_path / "gateway.py").write_text(
        'from portkey_ai import Portkey\n\nclient = Portkey(provider="openai")\n',
        encoding="utf-8",
    )
    text = (
        "from gateway import client\n\n"
        "reply = client.chat.completions.create(\n"
        '    model="@openai/gpt-4o", messages=[{"role": "user", "content": "hi"}]\n)\n'
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 0
    found = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["rule"], f["line"]) for f in found if f["rule"] == "ML009"] == [
        ("gateway.py", "ML009", 3),
    ]
