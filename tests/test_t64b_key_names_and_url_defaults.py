"""Trial t64b (DB-GPT, `--provider zhipu`): three ways apply sent the provider's key to another
host.

1. A record naming the variable to read its key from beside OpenAI URLs (DB-GPT's service
   profiles, `Profile(env_var="OPENAI_API_KEY", ..., embedding_api_url=URL)`): ML401 renamed
   the name alone while ML402 left the URLs, and `check` passed while the profile POSTed the
   provider's key to api.openai.com. The name and the URLs of one record now change together
   or not at all, and ML402 counts the name as the entry's key.
2. `os.getenv("OPENAI_API_BASE", os.getenv(X))` renamed with no default of the provider's
   while the key read was switched: with neither variable set, the SDK went to
   api.openai.com with the provider's key.
3. A key read tied to the caller's URL only where the URL is a parameter: with the URL taken
   from a dataclass the caller hands (`init_params.api_base`), the key read was renamed plain,
   and another provider's subclass given no key of its own sent the provider's key there.
"""

from __future__ import annotations

import subprocess
import sys

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .cli_findings import finding_rows, invoke, run_json, write
from .loopback_server import LoopbackServer
from .test_e2e_app import clean_env
from .test_project_facts import ACME, TARGET


def migrate(registry, text: str) -> tuple[list[tuple], str]:
    """(line, rule, severity, fix, message) of each ML401/ML402 finding, and the text after
    apply for acme; a second run has nothing to edit."""
    found = check_python(text, RuleContext(registry, registry.get("acme")), PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, RuleContext(registry, registry.get("acme")), PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    rows = [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in found
        if f.rule in ("ML401", "ML402")
    ]
    return rows, after


# -- 1. a key-variable name and the URLs of its record -------------------------------------

PROFILES = """from dataclasses import dataclass


@dataclass
class Profile:
    env_var: str
    api_base: str
    embedding_url: str
    embedding_env_var: str = ""


PROFILES = {
    "openai": Profile(
        env_var="OPENAI_API_KEY",
        api_base="https://api.openai.com/v1",
        embedding_url="https://api.openai.com/v1/embeddings",
    ),
    "kimi": Profile(
        env_var="MOONSHOT_API_KEY",
        api_base="https://api.moonshot.cn/v1",
        embedding_url="https://api.openai.com/v1/embeddings",
        embedding_env_var="OPENAI_API_KEY",
    ),
}
"""

LEFT_IN_RECORD = (
    "names OPENAI_API_KEY as the variable to read, under {service!r} in PROFILES, beside "
    "OpenAI's URL {url} (line {line}) in the same record, which apply leaves: renamed alone, "
    "Acme Cloud's key would go to OpenAI; where this record now serves Acme Cloud, point its "
    "URLs at Acme Cloud (ACME_BASE_URL) and name ACME_API_KEY here together, by hand, else "
    "keep both OpenAI's"
)


def test_a_key_name_beside_openai_urls_of_a_service_table_stays_with_them(registry):
    rows, after = migrate(registry, PROFILES)
    assert after == PROFILES
    assert [r for r in rows if r[1] == "ML401"] == [
        (
            14,
            "ML401",
            "warning",
            "manual",
            LEFT_IN_RECORD.format(service="openai", url="https://api.openai.com/v1", line=15),
        ),
        (
            22,
            "ML401",
            "warning",
            "manual",
            LEFT_IN_RECORD.format(
                service="kimi", url="https://api.openai.com/v1/embeddings", line=21
            ),
        ),
    ]
    # the URLs stay, each beside its entry's own (OpenAI) key name: a note under kimi; under
    # openai a warning, the program naming no service of Acme Cloud's own (t68e)
    assert [r[:4] for r in rows if r[1] == "ML402"] == [
        (15, "ML402", "warning", "manual"),
        (16, "ML402", "warning", "manual"),
        (21, "ML402", "note", "none"),
    ]


def test_the_providers_key_name_beside_openai_urls_fails_check(tmp_path, monkeypatch):
    """What t64b's user had after following apply: the names renamed, the URLs OpenAI's."""
    monkeypatch.chdir(tmp_path)
    renamed = PROFILES.replace('env_var="OPENAI_API_KEY"', 'env_var="ACME_API_KEY"')
    write(tmp_path, {"profiles.py": renamed})
    code, report = run_json("check", ".", *ACME)
    said = (
        "OpenAI URL {url} under {service!r} in PROFILES, a table keyed by service, whose "
        "{name} (line {line}) names ACME_API_KEY, Acme Cloud's key variable, as the one to read "
        "its key from: Acme Cloud's key goes to OpenAI; point this entry's URLs at Acme Cloud "
        "(ACME_BASE_URL) or make it name OpenAI's key variable again, by hand"
    )
    base, embeddings = "https://api.openai.com/v1", "https://api.openai.com/v1/embeddings"
    assert code == 1
    assert finding_rows(report, "line", "rule", "severity", "fix", "message") == [
        (15, "ML402", "error", "manual", said.format(url=base, service="openai", name="env_var", line=14)),
        (16, "ML402", "error", "manual", said.format(url=embeddings, service="openai", name="env_var", line=14)),
        (21, "ML402", "error", "manual", said.format(url=embeddings, service="kimi", name="embedding_env_var", line=22)),
    ]  # fmt: skip


def test_openais_entry_is_a_note_where_the_program_has_a_service_of_the_providers(registry):
    """With an entry of the provider's own, OpenAI's entry stays for OpenAI (as its URLs)."""
    text = PROFILES.replace('    "kimi": Profile(', '    "acme": Profile(').replace(
        '        embedding_env_var="OPENAI_API_KEY",\n', ""
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert [r for r in rows if r[1] == "ML401"] == [
        (
            14,
            "ML401",
            "note",
            "none",
            "names OPENAI_API_KEY under 'openai' in PROFILES, a table keyed by service: "
            "OpenAI's entry stays for OpenAI",
        )
    ]


def test_a_record_whose_urls_apply_switches_takes_the_key_name_with_them(registry):
    text = (
        "import os\n\n"
        'CLIENT = dict(env_var="OPENAI_API_KEY", api_base="https://api.openai.com/v1")\n'
    )
    rows, after = migrate(registry, text)
    assert after == (
        "import os\n\n"
        'CLIENT = dict(\n    env_var="ACME_API_KEY",\n'
        '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n'
    )
    assert [r[:4] for r in rows] == [
        (3, "ML401", "warning", "review"),
        (3, "ML402", "warning", "safe"),
    ]


def test_a_record_with_a_url_apply_cannot_switch_keeps_both(registry):
    """An endpoint URL (not the base URL) is replaced by hand: its key name waits with it."""
    text = (
        'EMBED = dict(env_var="OPENAI_API_KEY", '
        'url="https://api.openai.com/v1/embeddings", base="https://api.openai.com/v1")\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows[0] == (
        1,
        "ML401",
        "warning",
        "manual",
        "names OPENAI_API_KEY as the variable to read, beside OpenAI's URL "
        "https://api.openai.com/v1/embeddings (line 1) in the same record, which apply leaves: "
        "renamed alone, Acme Cloud's key would go to OpenAI; where this record now serves Acme "
        "Cloud, point its URLs at Acme Cloud (ACME_BASE_URL) and name ACME_API_KEY here "
        "together, by hand, else keep both OpenAI's",
    )
    # the base URL is left with the name that stays (switched alone, OpenAI's key would go)
    assert rows[2] == (
        1,
        "ML402",
        "warning",
        "manual",
        "hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched alone, it would "
        "take the key beside it (line 1, env_var naming OPENAI_API_KEY as the variable to read "
        "it from, which stays) to Acme Cloud. Point both at Acme Cloud together: base URL "
        "https://api.acme.example/v1, key from ACME_API_KEY",
    )


# -- 2. a base-URL read whose default is computed -------------------------------------------

SETTINGS_APP = """import os

from openai import OpenAI


def settings():
    base_url = os.getenv("OPENAI_API_BASE", os.getenv("MY_PROXY_URL"))
    api_key = os.getenv("OPENAI_API_KEY")
    params = {"api_key": api_key}
    if base_url:
        params["base_url"] = base_url
    return params


reply = OpenAI(**settings()).chat.completions.create(
    model="acme-small", messages=[{"role": "user", "content": "hi"}]
)
print(reply.choices[0].message.content)
"""


def test_a_computed_default_falls_back_to_the_providers_url(tmp_path, monkeypatch, registry):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": SETTINGS_APP})
    code, report = run_json("scan", ".", *ACME)
    assert finding_rows(report, "line", "fix", "message", rules={"ML401"}) == [
        (
            7,
            "safe",
            "reads OPENAI_API_BASE; Acme Cloud's base URL is in ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
        ),
        (
            8,
            "safe",
            "reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not "
            "copied)",
        ),
    ]
    assert finding_rows(report, "message", rules={"ML001"}) == [
        (
            "OpenAI() talks to OpenAI (key from `**settings()` or OPENAI_API_KEY); `**settings()` "
            "may hold your callers' key and base URL, which apply cannot keep: for Acme Cloud "
            "read the key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1) in settings() on line 6, which builds it, where it "
            "holds none (and no OpenAI variable there), by hand (apply switches there the reads "
            "of OpenAI's variables it can; once settings() reads ACME_API_KEY and ACME_BASE_URL "
            "and none of OpenAI's, this client counts as pointed at Acme Cloud)",
        )
    ]
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "app.py").read_text() == SETTINGS_APP.replace(
        '    base_url = os.getenv("OPENAI_API_BASE", os.getenv("MY_PROXY_URL"))\n'
        '    api_key = os.getenv("OPENAI_API_KEY")\n',
        "    base_url = os.getenv(\n"
        '        "ACME_BASE_URL", os.getenv("MY_PROXY_URL") or "https://api.acme.example/v1"\n'
        "    )\n"
        '    api_key = os.getenv("ACME_API_KEY")\n',
    )
    assert invoke("apply", ".", *TARGET, "--diff", "--no-cache") == (0, "")
    # the client now takes the provider's variables: ML001 is a note, check passes
    code, report = run_json("check", ".", *ACME)
    assert (code, finding_rows(report, "rule")) == (0, [])
    env = clean_env(registry) | {"ACME_API_KEY": "acme-key"}

    def run(tag: str, **given: str) -> list[str]:
        guard = tmp_path / tag
        subprocess.run(
            [sys.executable, "app.py"],
            cwd=tmp_path,
            env=network_guard.subprocess_env(env | given, guard),
            capture_output=True,
            text=True,
            timeout=120,
        )
        return network_guard.blocked_hosts(guard)

    # neither variable set: the provider's URL, never api.openai.com (before: api.openai.com)
    assert set(run("unset")) == {"api.acme.example"}
    proxy = LoopbackServer().start()
    try:
        assert run("proxy", MY_PROXY_URL=proxy.base + "/v1") == []
    finally:
        proxy.stop()
    assert [(r.path, r.headers.get("authorization")) for r in proxy.requests] == [
        ("/v1/chat/completions", "Bearer acme-key")
    ]


def test_a_default_holding_an_openai_read_is_left_as_it_was(registry):
    """Two OpenAI variables for one role: the inner read has its own finding and edit."""
    text = 'import os\n\nURL = os.getenv("OPENAI_BASE_URL", os.getenv("OPENAI_API_BASE"))\n'
    _, after = migrate(registry, text)
    assert 'os.getenv("ACME_BASE_URL", os.getenv(' in after
    assert " or " not in after


def test_a_conditional_default_is_parenthesised(registry):
    """DB-GPT's shape: Azure's endpoint variable (left to a person) for one kind, else None."""
    text = (
        "import os\n\n\ndef base(kind):\n"
        '    return os.getenv("OPENAI_API_BASE", os.getenv("AZURE_OPENAI_ENDPOINT") if kind '
        '== "azure" else None)\n'
    )
    _, after = migrate(registry, text)
    assert after == (
        "import os\n\n\ndef base(kind):\n"
        "    return os.getenv(\n"
        '        "ACME_BASE_URL",\n'
        '        (os.getenv("AZURE_OPENAI_ENDPOINT") if kind == "azure" else None)\n'
        '        or "https://api.acme.example/v1",\n'
        "    )\n"
    )


# -- 3. the caller's URL taken from a value the caller hands --------------------------------

UTILS = """import os
from dataclasses import dataclass
from typing import Optional

from openai import OpenAI


@dataclass
class Params:
    api_base: Optional[str] = None
    api_key: Optional[str] = None


def _settings(init_params: Params):
    api_base = init_params.api_base
    api_key = init_params.api_key
    base_url = api_base or os.getenv("OPENAI_API_BASE")
    api_key = api_key or os.getenv("OPENAI_API_KEY")
    if api_key is None:
        raise ValueError("api_key is required")
    params = {"api_key": api_key}
    if base_url:
        params["base_url"] = base_url
    return params


def build_client(api_key=None, api_base=None):
    return OpenAI(**_settings(Params(api_base=api_base, api_key=api_key)))
"""
BASE = """from pkg.utils import build_client


class LLMClient:
    def __init__(self, api_key=None, api_base=None):
        self.client = build_client(api_key=api_key, api_base=api_base)
"""
OTHER = """import os

from pkg.base import LLMClient


class OtherCloudClient(LLMClient):
    \"\"\"Another provider's client, with its own key and URL.\"\"\"

    def __init__(self, api_key=None):
        api_key = api_key or os.getenv("OTHER_CLOUD_KEY")
        super().__init__(api_key=api_key, api_base=os.environ["OTHER_CLOUD_URL"])
"""
MAIN = """import sys

from pkg.base import LLMClient
from pkg.other import OtherCloudClient

client = (OtherCloudClient() if sys.argv[1:] == ["other"] else LLMClient()).client
reply = client.chat.completions.create(
    model="acme-small", messages=[{"role": "user", "content": "hi"}]
)
print(reply.choices[0].message.content)
"""


def test_a_key_read_beside_a_url_the_caller_hands_in_a_dataclass_is_tied(tmp_path, registry):
    root = tmp_path / "p"
    files = {"pkg/__init__.py": "", "pkg/utils.py": UTILS, "pkg/base.py": BASE}
    write(root, files | {"pkg/other.py": OTHER, "main.py": MAIN})
    assert invoke("apply", str(root), *TARGET, "--yes", "--allow-dirty")[0] == 0
    assert (root / "pkg/utils.py").read_text() == UTILS.replace(
        '    base_url = api_base or os.getenv("OPENAI_API_BASE")\n'
        '    api_key = api_key or os.getenv("OPENAI_API_KEY")\n',
        '    base_url = api_base or os.getenv("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        "    api_key = api_key or (\n"
        '        os.getenv("ACME_API_KEY")\n'
        "        if not api_base\n"
        '        or str(api_base).rstrip("/").lower()\n'
        "        in (\n"
        '            str(os.getenv("ACME_BASE_URL", "https://api.acme.example/v1"))\n'
        '            .rstrip("/")\n'
        "            .lower(),\n"
        '            "https://api.acme.example/v1",\n'
        "        )\n"
        "        else api_key\n"
        "    )\n",
    )
    assert invoke("apply", str(root), *TARGET, "--diff", "--no-cache") == (0, "")
    env = clean_env(registry) | {"ACME_API_KEY": "acme-key"}

    def run(tag: str, *argv: str, **given: str) -> tuple[int, list, list]:
        other, acme = LoopbackServer().start(), LoopbackServer().start()
        guard = tmp_path / tag
        variables = env | given | {"ACME_BASE_URL": acme.base + "/v1"}
        variables["OTHER_CLOUD_URL"] = other.base + "/v1"
        try:
            proc = subprocess.run(
                [sys.executable, "main.py", *argv],
                cwd=root,
                env=network_guard.subprocess_env(variables, guard),
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            other.stop()
            acme.stop()
        assert network_guard.blocked_hosts(guard) == []
        seen = [
            [(r.path, r.headers.get("authorization")) for r in s.requests] for s in (other, acme)
        ]
        return proc.returncode, seen[0], seen[1]

    sent = "/v1/chat/completions"
    assert run("acme") == (0, [], [(sent, "Bearer acme-key")])
    # the other provider's client with no key of its own stops as before (ValueError), and
    # the provider's key goes nowhere (before: to the other provider's server)
    code, to_other, to_acme = run("other-unset", "other")
    assert (code != 0, to_other, to_acme) == (True, [], [])
    assert run("other-key", "other", OTHER_CLOUD_KEY="other-key") == (
        0,
        [(sent, "Bearer other-key")],
        [],
    )


def test_the_tie_needs_the_callers_value_bound_only_so(registry):
    """A URL also bound otherwise (`api_base = DEFAULT`) is not the caller's: no tie."""
    text = UTILS.replace(
        "    api_key = init_params.api_key\n",
        '    api_key = init_params.api_key\n    if not api_base:\n        api_base = "x"\n',
    )
    _, after = migrate(registry, text)
    assert '    api_key = api_key or os.getenv("ACME_API_KEY")\n' in after


ANNOTATED = """import os
from typing import Optional


def settings(init_params):
    api_type: Optional[str] = init_params.api_type
    api_base: Optional[str] = init_params.api_base
    api_key: Optional[str] = init_params.api_key
    base_url = api_base or os.getenv(
        "OPENAI_API_BASE",
        os.getenv("AZURE_OPENAI_ENDPOINT") if api_type == "azure" else None,
    )
    api_key = api_key or os.getenv(
        "OPENAI_API_KEY",
        os.getenv("AZURE_OPENAI_KEY") if api_type == "azure" else None,
    )
    params = {"api_key": api_key}
    if base_url:
        params["base_url"] = base_url
    return params
"""


def test_annotated_bindings_and_reads_over_several_lines_are_tied_and_laid_out(tmp_path):
    """DB-GPT's `_initialize_openai_v1` as written: annotated bindings of the dataclass's
    values, each read over several lines. The tie joins the reads and the layout splits the
    whole as black would (before: 120-character lines)."""
    write(tmp_path, {"gen.py": ANNOTATED})
    assert invoke("apply", str(tmp_path), *TARGET, "--yes", "--allow-dirty")[0] == 0
    after = (tmp_path / "gen.py").read_text()
    head, tail = ANNOTATED.split("    base_url = ")[0], ANNOTATED.split("    )\n")[-1]
    assert (
        after
        == head
        + (
            "    base_url = api_base or os.getenv(\n"
            '        "ACME_BASE_URL",\n'
            '        (os.getenv("AZURE_OPENAI_ENDPOINT") if api_type == "azure" else None)\n'
            '        or "https://api.acme.example/v1",\n'
            "    )\n"
            "    api_key = api_key or (\n"
            "        os.getenv(\n"
            '            "ACME_API_KEY",\n'
            '            os.getenv("AZURE_OPENAI_KEY") if api_type == "azure" else None,\n'
            "        )\n"
            "        if not api_base\n"
            '        or str(api_base).rstrip("/").lower()\n'
            "        in (\n"
            "            str(\n"
            "                os.getenv(\n"
            '                    "ACME_BASE_URL",\n'
            "                    (\n"
            '                        os.getenv("AZURE_OPENAI_ENDPOINT")\n'
            '                        if api_type == "azure"\n'
            "                        else None\n"
            "                    )\n"
            '                    or "https://api.acme.example/v1",\n'
            "                )\n"
            "            )\n"
            '            .rstrip("/")\n'
            "            .lower(),\n"
            '            "https://api.acme.example/v1",\n'
            "        )\n"
            "        else api_key\n"
            "    )\n"
        )
        + tail
    )
    assert max(len(line) for line in after.splitlines()) <= 88
    assert invoke("apply", str(tmp_path), *TARGET, "--diff", "--no-cache") == (0, "")


def test_a_default_named_constant_holding_a_url_gets_no_fallback(registry):
    """`os.getenv(X, LEGACY_URL)` where LEGACY_URL is bound to a URL is never empty: only
    the variable is renamed (the constant's own URL is ML402's), no `or <url>` added."""
    text = (
        "import os\n\n"
        'LEGACY_URL = "https://api.openai.com/v1"\n\n\n'
        "def base() -> str:\n"
        '    return os.getenv("OPENAI_BASE_URL", LEGACY_URL)\n'
    )
    _, after = migrate(registry, text)
    assert after.splitlines()[-1] == '    return os.getenv("ACME_BASE_URL", LEGACY_URL)'
