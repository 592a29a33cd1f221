"""Two ways apply sent a key to another host, found by review of session 64:

1. OpenAI's URL as the default of a read that is itself the default of a read of OpenAI's
   base-URL variable (`os.getenv("OPENAI_API_BASE", os.getenv("LLM_BASE", URL))`): ML401 left
   the outer read with the OpenAI key beside it while ML402 switched the inner default, so with
   neither variable set the OpenAI key went to the provider. ML402 now leaves a URL inside a
   read that ML401 leaves, for the same reason (`url_left`).
2. A record naming the key variable beside OpenAI's URL given through a name
   (`{"env_var": "OPENAI_API_KEY", "url": OPENAI_URL}`, `self.url`): ML401 renamed the name
   alone while ML402 left the constant, and the provider's key was POSTed to api.openai.com.
   The name and every OpenAI URL the record gives, through names too, change together.
"""

from __future__ import annotations

import subprocess
import sys

from . import network_guard
from .cli_findings import finding_rows, invoke, run_json, write
from .test_e2e_app import clean_env
from .test_project_facts import ACME, TARGET
from .test_t64b_key_names_and_url_defaults import migrate

# -- 1. a URL inside a read that ML401 leaves ------------------------------------------------

NESTED = """import os

from openai import OpenAI

BASE = os.getenv("OPENAI_API_BASE", os.getenv("LLM_BASE", "https://api.openai.com/v1"))
client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"), base_url=BASE)
reply = client.chat.completions.create(
    model="acme-small", messages=[{"role": "user", "content": "hi"}]
)
print(reply.choices[0].message.content)
"""

LEFT = (
    "it is the base URL of OpenAI() on line 6, whose key (from OPENAI_API_KEY) apply leaves "
    "OpenAI's: switched, it would send that key to Acme Cloud; point both at Acme Cloud (the "
    "key from ACME_API_KEY) together, by hand"
)


def test_a_url_inside_a_read_ml401_leaves_is_left_with_it(registry):
    rows, after = migrate(registry, NESTED)
    assert after == NESTED
    assert (5, "ML401", "warning", "manual", f"reads OPENAI_API_BASE; not switched: {LEFT}") in rows
    assert (
        5,
        "ML402",
        "warning",
        "manual",
        "hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the fallback "
        f"within the default of the read of OPENAI_API_BASE on line 5; {LEFT}",
    ) in rows


def test_a_url_after_or_inside_such_a_read_is_left_too(registry):
    text = NESTED.replace(
        'os.getenv("LLM_BASE", "https://api.openai.com/v1")',
        'os.getenv("LLM_BASE") or "https://api.openai.com/v1"',
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert [r[:4] for r in rows if r[1] == "ML402"] == [(5, "ML402", "warning", "manual")]


def test_the_openai_key_never_goes_to_the_provider_with_neither_variable_set(
    tmp_path, monkeypatch, registry
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": NESTED})
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "app.py").read_text() == NESTED
    code, report = run_json("check", ".", *ACME)
    # check stays red on the URL and both reads left for a person
    assert code == 1
    assert [r for r in finding_rows(report, "line", "rule", "fix") if r[1] != "ML003"] == [
        (5, "ML401", "manual"),
        (5, "ML402", "manual"),
        (6, "ML401", "manual"),
    ]
    guard = tmp_path / "guard"
    subprocess.run(
        [sys.executable, "app.py"],
        cwd=tmp_path,
        env=network_guard.subprocess_env(
            clean_env(registry) | {"OPENAI_API_KEY": "sk-openai-test"}, guard
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    # the OpenAI key still goes to OpenAI only (before: to api.acme.example)
    assert set(network_guard.blocked_hosts(guard)) == {"api.openai.com"}


def test_a_nested_default_of_a_read_that_is_switched_is_switched_once(registry):
    """With the outer read renamed, the inner default is ML402's edit alone; the computed
    default's `or URL` is not added around it (before: it overlapped ML402's edit, which
    was dropped, and OpenAI's URL stayed though scan said safe)."""
    text = (
        "import os\n\n"
        'BASE = os.getenv("OPENAI_API_BASE", os.getenv("LLM_BASE", '
        '"https://api.openai.com/v1"))\n'
    )
    rows, after = migrate(registry, text)
    assert after == (
        "import os\n\n"
        'BASE = os.getenv("ACME_BASE_URL", os.getenv("LLM_BASE", '
        '"https://api.acme.example/v1"))\n'
    )
    assert [r[:4] for r in rows] == [
        (3, "ML401", "warning", "safe"),
        (3, "ML402", "warning", "safe"),
    ]


# -- 2. a key-variable name and OpenAI URLs its record gives through names ------------------

RECORD = """import os

import requests

OPENAI_URL = "https://api.openai.com/v1/embeddings"

PROFILES = {
    "openai": {"env_var": "OPENAI_API_KEY", "url": OPENAI_URL},
}


def embed(name, text):
    p = PROFILES[name]
    key = os.environ[p["env_var"]]
    return requests.post(p["url"], headers={"Authorization": f"Bearer {key}"}, json={"input": text})
"""

STAYS = (
    "names OPENAI_API_KEY as the variable to read, beside OpenAI's URL {url} (line {line}) in "
    "the same record, which apply leaves: renamed alone, Acme Cloud's key would go to OpenAI; "
    "where this record now serves Acme Cloud, point its URLs at Acme Cloud (ACME_BASE_URL) and "
    "name ACME_API_KEY here together, by hand, else keep both OpenAI's"
)
EMBEDDINGS = "https://api.openai.com/v1/embeddings"


def test_a_key_name_beside_a_constant_holding_openais_url_stays(registry):
    rows, after = migrate(registry, RECORD)
    assert after == RECORD  # before: env_var renamed to ACME_API_KEY, the URL OpenAI's
    assert [r for r in rows if r[1] == "ML401"] == [
        (8, "ML401", "warning", "manual", STAYS.format(url=EMBEDDINGS, line=5))
    ]


def test_a_key_name_beside_self_attribute_holding_openais_url_stays(registry):
    text = (
        "class Embedder:\n"
        "    def __init__(self):\n"
        f'        self.url = "{EMBEDDINGS}"\n'
        '        self.profile = {"env_var": "OPENAI_API_KEY", "url": self.url}\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert [r for r in rows if r[1] == "ML401"] == [
        (4, "ML401", "warning", "manual", STAYS.format(url=EMBEDDINGS, line=3))
    ]


def test_a_base_url_constant_and_the_key_name_of_its_record_move_together(registry):
    text = (
        'OPENAI_BASE = "https://api.openai.com/v1"\n'
        'PROFILE = {"env_var": "OPENAI_API_KEY", "base": OPENAI_BASE}\n'
    )
    rows, after = migrate(registry, text)
    assert after == (
        "import os\n\n"
        'OPENAI_BASE = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        'PROFILE = {"env_var": "ACME_API_KEY", "base": OPENAI_BASE}\n'
    )
    assert [r[:4] for r in rows] == [
        (1, "ML402", "warning", "safe"),
        (2, "ML401", "warning", "review"),
    ]


HELD = (
    "hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched alone, it would "
    "take the key beside it (line 2, env_var naming OPENAI_API_KEY as the variable to read it "
    "from, which stays) to Acme Cloud. Point both at Acme Cloud together: base URL "
    "https://api.acme.example/v1, key from ACME_API_KEY"
)


def test_a_base_url_constant_stays_with_a_key_name_that_stays(registry):
    """The record also holds an endpoint URL apply leaves: its key name stays, and so does the
    base-URL constant it gives (before: switched, sending OpenAI's key to the provider)."""
    text = (
        'OPENAI_BASE = "https://api.openai.com/v1"\n'
        'PROFILE = dict(env_var="OPENAI_API_KEY", base=OPENAI_BASE, '
        f'emb="{EMBEDDINGS}")\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert (1, "ML402", "warning", "manual", HELD) in rows
    assert [r[:4] for r in rows if r[1] == "ML401"] == [(2, "ML401", "warning", "manual")]


def test_records_sharing_a_constant_move_together_or_not_at_all(registry):
    """One record could move alone (its only URL the constant), the other cannot (an endpoint
    URL): the constant they share, and so both names, stay."""
    text = (
        'OPENAI_BASE = "https://api.openai.com/v1"\n'
        'P = {"env_var": "OPENAI_API_KEY", "base": OPENAI_BASE}\n'
        f'Q = dict(env_var="OPENAI_API_KEY", base=OPENAI_BASE, emb="{EMBEDDINGS}")\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert (1, "ML402", "warning", "manual", HELD) in rows
    assert [r[:4] for r in rows if r[1] == "ML401"] == [
        (2, "ML401", "warning", "manual"),
        (3, "ML401", "warning", "manual"),
    ]
