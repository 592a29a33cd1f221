"""Trial t65 (hC's find, session 64's record rule): a record naming the variable to read its key
from (`Profile(env_var="OPENAI_API_KEY", api_base=URL)`) of a class imported from the project.

ML401 renamed the name (the record's URLs all plain base URLs, `name_moves`) while ML402 left
the URL as "the project's own ... with no key beside it", so the provider's key went to
api.openai.com. The name and the URLs of a record now move together or not at all, wherever the
class is defined; the mirror (the name left, a class named like OpenAI, the URL switched: the
OpenAI key to the provider) keeps both, and so does a base-URL read beside a name that stays.
"""

from __future__ import annotations

import subprocess
import sys

from . import network_guard
from .cli_findings import finding_rows, invoke, run_json, write
from .loopback_server import LoopbackServer
from .test_e2e_app import clean_env
from .test_project_facts import ACME, TARGET

SPEC = """from dataclasses import dataclass


@dataclass
class Profile:
    env_var: str
    api_base: str
    embedding_url: str = ""


class OpenAIProfile(Profile):
    pass
"""
CATALOG = """from .spec import Profile

PROFILES = [
    Profile(env_var="OPENAI_API_KEY", api_base="https://api.openai.com/v1"),
]
"""
CLIENT = """import os

from openai import OpenAI

from .catalog import PROFILES


def make_client():
    profile = PROFILES[0]
    return OpenAI(api_key=os.environ[profile.env_var], base_url=profile.api_base)
"""
MAIN = """from app.client import make_client

reply = make_client().chat.completions.create(
    model="acme-small", messages=[{"role": "user", "content": "hi"}]
)
print(reply.choices[0].message.content)
"""


def project(root, catalog: str) -> None:
    write(
        root,
        {
            "app/__init__.py": "",
            "app/spec.py": SPEC,
            "app/catalog.py": catalog,
            "app/client.py": CLIENT,
            "main.py": MAIN,
        },
    )


def run(root, registry, tag: str, **given: str) -> tuple[int, list[str], list[tuple]]:
    """main.py under the network guard, the loopback server as ACME_BASE_URL: (rc, the hosts
    it tried to reach, (path, authorization) of each request the server received)."""
    server = LoopbackServer().start()
    guard = root.parent / tag
    env = clean_env(registry) | {"ACME_BASE_URL": server.base + "/v1"} | given
    try:
        proc = subprocess.run(
            [sys.executable, "main.py"],
            cwd=root,
            env=network_guard.subprocess_env(env | {"OPENAI_MAX_RETRIES": "0"}, guard),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.stop()
    seen = [(r.path, r.headers.get("authorization")) for r in server.requests]
    return proc.returncode, network_guard.blocked_hosts(guard), seen


def test_an_imported_records_name_and_url_move_together(tmp_path, registry, monkeypatch):
    root = tmp_path / "p"
    project(root, CATALOG)
    monkeypatch.chdir(root)
    code, report = run_json("scan", ".", *ACME)
    assert finding_rows(report, "path", "line", "rule", "fix", rules={"ML401", "ML402"}) == [
        ("app/catalog.py", 4, "ML401", "review"),
        ("app/catalog.py", 4, "ML402", "safe"),
    ]
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (root / "app/catalog.py").read_text() == (
        "import os\n\nfrom .spec import Profile\n\n"
        "PROFILES = [\n"
        "    Profile(\n"
        '        env_var="ACME_API_KEY",\n'
        '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    ),\n"
        "]\n"
    )
    assert invoke("apply", ".", *TARGET, "--diff", "--no-cache") == (0, "")
    code, report = run_json("check", ".", *ACME)
    assert (code, finding_rows(report, "rule")) == (0, [])
    # the provider's key goes to the provider's URL (before: to api.openai.com)
    assert run(root, registry, "moved", ACME_API_KEY="acme-key") == (
        0,
        [],
        [("/v1/chat/completions", "Bearer acme-key")],
    )


def test_before_the_fix_the_renamed_name_sent_the_providers_key_to_openai(tmp_path, registry):
    """What t65's apply wrote (the name renamed, the URL left): the program's only key, the
    provider's, goes to api.openai.com; `check` fails, and apply now switches the URL to go
    with the provider's key named beside it."""
    root = tmp_path / "p"
    project(root, CATALOG.replace('"OPENAI_API_KEY"', '"ACME_API_KEY"'))
    code, report = run_json("check", str(root), *ACME)
    assert (code, finding_rows(report, "line", "rule", "fix")) == (1, [(4, "ML402", "safe")])
    assert run(root, registry, "leak", ACME_API_KEY="acme-key") == (1, ["api.openai.com"], [])


MIRROR = CATALOG.replace("import Profile", "import OpenAIProfile").replace(
    "    Profile(", "    OpenAIProfile("
)


def test_the_mirror_a_name_left_keeps_the_url_with_it(tmp_path, registry, monkeypatch):
    """A class named like OpenAI (`foreign_user`): ML401 leaves the name, so ML402 leaves the
    URL beside it (before the fix of the first case, switching that URL alone would send the
    OpenAI key to the provider)."""
    root = tmp_path / "p"
    project(root, MIRROR)
    monkeypatch.chdir(root)
    before = (root / "app/catalog.py").read_bytes()
    _, report = run_json("scan", ".", *ACME)
    assert finding_rows(report, "line", "rule", "fix", "message", rules={"ML401", "ML402"}) == [
        (
            4,
            "ML401",
            "manual",
            "names OPENAI_API_KEY as the variable to read, beside OpenAI's URL "
            "https://api.openai.com/v1 (line 4) in the same record, which apply leaves: renamed "
            "alone, Acme Cloud's key would go to OpenAI; where this record now serves Acme "
            "Cloud, point its URLs at Acme Cloud (ACME_BASE_URL) and name ACME_API_KEY here "
            "together, by hand, else keep both OpenAI's",
        ),
        (
            4,
            "ML402",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched alone, it "
            "would take the key beside it (line 4, env_var naming OPENAI_API_KEY as the variable "
            "to read it from, which stays) to Acme Cloud. Point both at Acme Cloud together: "
            "base URL https://api.acme.example/v1, key from ACME_API_KEY",
        ),
    ]
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (root / "app/catalog.py").read_bytes() == before
    # the OpenAI key stays with OpenAI's URL; nothing reaches the provider
    assert run(root, registry, "kept", OPENAI_API_KEY="openai-key", ACME_API_KEY="acme-key") == (
        1,
        ["api.openai.com"],
        [],
    )


READ = """import os

from .spec import Profile

PROFILES = [
    Profile(
        env_var="OPENAI_API_KEY",
        api_base=os.getenv("OPENAI_BASE_URL"),
        embedding_url="https://api.openai.com/v1/embeddings",
    ),
]
"""


def test_a_base_url_read_beside_a_name_that_stays_is_left(tmp_path, registry, monkeypatch):
    """The endpoint URL of the record keeps the name OpenAI's (`name_moves`): the read of
    OPENAI_BASE_URL beside it stays too (renamed, the OpenAI key went to the provider)."""
    root = tmp_path / "p"
    project(root, READ)
    monkeypatch.chdir(root)
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (root / "app/catalog.py").read_text() == READ
    assert run(root, registry, "read", OPENAI_API_KEY="openai-key", ACME_API_KEY="acme-key") == (
        1,
        ["api.openai.com"],
        [],
    )


def test_a_base_url_read_beside_an_imported_records_name_moves_with_it(tmp_path, registry):
    """With no URL that stays, the read and the name are renamed together (before: the name
    alone, the read left; with OPENAI_BASE_URL unset the provider's key went to OpenAI)."""
    root = tmp_path / "p"
    text = READ.replace('        embedding_url="https://api.openai.com/v1/embeddings",\n', "")
    project(root, text)
    assert invoke("apply", str(root), *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (root / "app/catalog.py").read_text() == text.replace(
        '        env_var="OPENAI_API_KEY",\n        api_base=os.getenv("OPENAI_BASE_URL"),\n',
        '        env_var="ACME_API_KEY",\n'
        '        api_base=os.getenv("ACME_BASE_URL", "https://api.acme.example/v1"),\n',
    )
    assert run(root, registry, "read-moved", ACME_API_KEY="acme-key") == (
        0,
        [],
        [("/v1/chat/completions", "Bearer acme-key")],
    )


def test_the_same_module_case_still_moves_whole(tmp_path):
    """The class beside its records, as before."""
    text = SPEC + "\n\n" + CATALOG.split("\n\n", 1)[1]
    write(tmp_path, {"catalog.py": text})
    assert invoke("apply", str(tmp_path), *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (
        (tmp_path / "catalog.py")
        .read_text()
        .endswith(
            "PROFILES = [\n"
            "    Profile(\n"
            '        env_var="ACME_API_KEY",\n'
            '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    ),\n"
            "]\n"
        )
    )


TWO_NAMES = """KIMI = dict(
    env_var="MOONSHOT_API_KEY",
    url="https://api.moonshot.cn/v1",
    embedding_env_var="OPENAI_API_KEY",
    embedding_url="https://api.openai.com/v1",
)
"""


def test_another_services_key_name_in_the_record_keeps_openais_with_the_url(tmp_path, monkeypatch):
    """ML402 leaves the URL beside the other service's key name: OpenAI's name, renamed alone
    (before), sent the provider's key to api.openai.com for embeddings."""
    write(tmp_path, {"kimi.py": TWO_NAMES})
    monkeypatch.chdir(tmp_path)
    _, report = run_json("scan", ".", *ACME)
    assert finding_rows(report, "line", "rule", "fix", rules={"ML401", "ML402"}) == [
        (4, "ML401", "manual"),
        (5, "ML402", "manual"),
    ]
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "kimi.py").read_text() == TWO_NAMES


def test_a_base_url_read_beside_a_name_that_stays_in_the_class_module_is_left(tmp_path):
    """The same in the class's own module (before: the read renamed, the name left)."""
    text = "import os\n" + SPEC + "\n\n" + READ.split("\n\n", 2)[2]
    write(tmp_path, {"catalog.py": text})
    assert invoke("apply", str(tmp_path), *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "catalog.py").read_text() == text
