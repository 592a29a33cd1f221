"""A file uploaded for the Assistants API (`files.create(purpose="assistants")`) is an
Assistants request (`openai_sdk.VALUE_SURFACES`), trial t55g D2: a client whose other requests
are all the Assistants API's stays on OpenAI (ML001 manual), as its siblings do, and so stays
on a second run: the advice does not ask for the switch that broke the program. OpenAI shut
that API down too (providers/openai.toml's [shut_down]): the findings say the code fails there
as well and where it can move."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

ZHIPU = "Zhipu AI (GLM)"
DOCS = "https://docs.bigmodel.cn/cn/guide/develop/openai/introduction"
UPLOADER = """from openai import OpenAI

client = OpenAI()


def upload(stream, assistant_id):
    f = client.files.create(file=stream, purpose={purpose})
    client.beta.assistants.update(assistant_id, file_ids=[f.id])
"""
# providers/zhipu.toml's [own_api.assistants]; openai.toml's [shut_down.assistants]
OWN = (
    "https://docs.bigmodel.cn/api-reference/%E5%8A%A9%E7%90%86-api/"
    "%E5%8A%A9%E6%89%8B%E5%AF%B9%E8%AF%9D"
)
MOVE = (
    "the assistants API was shut down on OpenAI on 2026-08-26, so {code} fails there as "
    "well: it needs a manual move to the responses API (on OpenAI) or to "
    f"{ZHIPU}'s own assistant API ({OWN})"
)
LEFT = (
    f"{ZHIPU} has no OpenAI-compatible assistants API; apply leaves its client on OpenAI "
    f"(ML001), but {MOVE.format(code='this call')} (see {DOCS}); no catalogued provider "
    "offers it"
)
KEEP = (
    "OpenAI() talks to OpenAI (key from OPENAI_API_KEY); its only requests are assistants, "
    f"which {ZHIPU} does not serve: apply leaves it (base URL and key); "
    + MOVE.format(code="this code")
)
ML001_DATA = {
    "client": "OpenAI",
    "key_from": "OPENAI_API_KEY",
    "key_env": "ZAI_API_KEY",
    "base_url_env": "ZAI_BASE_URL",
    "base_url": "https://open.bigmodel.cn/api/paas/v4",
    "unserved": ["assistants"],
    "shut_down": {"assistants": {"on": "2026-08-26", "instead": "responses"}},
}


def _findings(registry, text: str, provider: str = "zhipu") -> list[tuple]:
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.rule, f.severity.value, f.fix.value, f.message, dict(f.data), f.edit is None)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in ("ML001", "ML101", "ML102")
    ]


@pytest.mark.parametrize(
    ("purpose", "before"),
    [
        pytest.param('"assistants"', "", id="literal"),
        pytest.param("PURPOSE", 'PURPOSE = "assistants"\n', id="constant"),
    ],
)
def test_an_upload_for_the_assistants_leaves_its_client_on_openai(registry, purpose, before):
    text = before + UPLOADER.format(purpose=purpose)
    found = _findings(registry, text)
    assert found == [
        ("ML001", "error", "manual", KEEP, ML001_DATA, True),
        (
            "ML101",
            "error",
            "manual",
            'files.create(purpose="assistants") (for the assistants API) through an OpenAI '
            f"client; {LEFT}",
            {"surface": "assistants", "call": "files.create"},
            True,
        ),
        (
            "ML101",
            "error",
            "manual",
            f"beta.assistants.update() through an OpenAI client; {LEFT}",
            {"surface": "assistants", "call": "beta.assistants.update"},
            True,
        ),
    ]


@pytest.mark.parametrize("purpose", ['"user_data"', '"vision"', '"batch"', "kind"])
def test_an_upload_for_another_purpose_is_a_files_request(registry, purpose):
    """Another purpose (or one known only at run time) is the files API's, which Zhipu
    serves: the client has a served request and is switched; the Assistants call fails."""
    found = _findings(registry, UPLOADER.format(purpose=purpose))
    assert [(f[0], f[1], f[2], f[4].get("surface"), f[5]) for f in found] == [
        ("ML001", "error", "safe", None, False),
        ("ML101", "note", "none", "files", True),
        ("ML101", "error", "manual", "assistants", True),
    ]
    assert found[1][3] == f"files.create() through an OpenAI client; supported by {ZHIPU}"


def test_the_module_level_client_is_left_unconfigured_for_the_same(registry):
    text = (
        "import openai\n\n\ndef upload(stream, assistant_id):\n"
        '    f = openai.files.create(file=stream, purpose="assistants")\n'
        "    openai.beta.assistants.update(assistant_id, file_ids=[f.id])\n"
    )
    found = _findings(registry, text)
    assert [(f[0], f[1], f[2], f[4]["surface"], f[5]) for f in found] == [
        ("ML102", "error", "manual", "assistants", True),
        ("ML102", "error", "manual", "assistants", True),
    ]
    assert found[0][3] == (
        'openai.files.create(purpose="assistants") (for the assistants API) uses the '
        "module-level client; its endpoint is whatever openai.base_url and OPENAI_BASE_URL "
        f"say; {ZHIPU} has no OpenAI-compatible assistants API; apply leaves the module-level "
        f"client on OpenAI (unconfigured), but {MOVE.format(code='this call')} (see {DOCS}); "
        "no catalogued provider offers it"
    )


def _cli(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, [*args, "--provider", "zhipu", "--no-cache"])
    return done.exit_code, done.stdout


def test_apply_leaves_the_program_and_the_advice_stays_the_same(tmp_path: Path):
    """t55g's assistant-flask: apply used to switch the client (its upload counted as a
    files request), and every route then failed on Zhipu's 404s; reverted, ML001 asked for
    the switch again. Now apply writes nothing, and scan says the same before and after."""
    source = tmp_path / "app.py"
    text = UPLOADER.format(purpose='"assistants"')
    source.write_text(text, encoding="utf-8")
    rc, before = _cli("scan", str(source), "--format", "json")
    assert rc == 0
    assert _cli("apply", str(source), "--yes", "--allow-dirty")[0] == 0
    assert source.read_text(encoding="utf-8") == text
    rc, after = _cli("scan", str(source), "--format", "json")
    assert rc == 0 and json.loads(after)["findings"] == json.loads(before)["findings"]
    [ml001] = [f for f in json.loads(after)["findings"] if f["rule"] == "ML001"]
    assert (ml001["fix"], ml001["message"]) == ("manual", KEEP)
    rc, out = _cli("check", str(source), "--format", "json")
    assert rc == 1
    assert sorted({(f["rule"], f["severity"]) for f in json.loads(out)["findings"]}) == [
        ("ML001", "error"),
        ("ML101", "error"),
    ]
