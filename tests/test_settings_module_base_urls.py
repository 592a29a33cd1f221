"""A settings module's read of OpenAI's base-URL variable with None as its default, which a
client built in another module takes (t58d D2, screenshot-to-code's config.py and factory).

`OPENAI_BASE_URL = os.environ.get("OPENAI_BASE_URL", None)` is None where the variable is
unset, and `AsyncOpenAI(base_url=None)` then goes to OpenAI's URL. apply renamed the read but
kept the None: a user exporting only the provider's key (the Next line calls its base-URL
variable an override) sent that key to api.openai.com. A None default is now the provider's
URL, as a read with no default gets, and `check` knows the other module's setting holds it.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e import clean_env
from .test_key_reads_left import migrated

URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
QWEN = "Alibaba Qwen (DashScope / Model Studio)"

SETTINGS = """import os

OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY")
OPENAI_BASE_URL = os.environ.get("OPENAI_BASE_URL", None)
"""

SETTINGS_APPLIED = f"""import os

OPENAI_API_KEY = os.environ.get("DASHSCOPE_API_KEY")
OPENAI_BASE_URL = os.environ.get(
    "DASHSCOPE_BASE_URL", "{URL}"
)
"""

FACTORY = """from openai import OpenAI

import settings


def make_client() -> OpenAI:
    return OpenAI(api_key=settings.OPENAI_API_KEY, base_url=settings.OPENAI_BASE_URL)
"""

# ML003 gives the URL the provider's fallback beside the key ML401 makes the provider's
# (redundant here, where ML401 gives the setting the provider's URL as its default)
FACTORY_APPLIED = f"""import os

from openai import OpenAI

import settings


def make_client() -> OpenAI:
    return OpenAI(
        api_key=settings.OPENAI_API_KEY,
        base_url=settings.OPENAI_BASE_URL
        or os.environ.get(
            "DASHSCOPE_BASE_URL", "{URL}"
        ),
    )
"""

MAIN = """from factory import make_client

reply = make_client().chat.completions.create(
    model="qwen-plus", messages=[{"role": "user", "content": "ping"}]
)
print(reply.choices[0].message.content)
"""


def project(tmp_path):
    for name, text in (("settings.py", SETTINGS), ("factory.py", FACTORY), ("main.py", MAIN)):
        (tmp_path / name).write_text(text)


def invoke(tmp_path, monkeypatch, *args: str):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, [*args, ".", "--provider", "qwen", "--no-cache"])


def test_scan_says_the_none_default_becomes_the_providers_url(tmp_path, monkeypatch):
    project(tmp_path)
    done = invoke(tmp_path, monkeypatch, "scan", "-f", "json")
    assert done.exit_code == 0, done.stderr
    rows = [
        (f["path"], f["line"], f["rule"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if f["path"] == "settings.py"
    ]
    assert rows == [
        (
            "settings.py",
            3,
            "ML401",
            "safe",
            f"reads OPENAI_API_KEY; {QWEN}'s key is in DASHSCOPE_API_KEY (the OpenAI key is not "
            "copied)",
        ),
        (
            "settings.py",
            4,
            "ML401",
            "safe",
            f"reads OPENAI_BASE_URL; {QWEN}'s base URL is in DASHSCOPE_BASE_URL (default {URL})",
        ),
    ]


def test_apply_writes_the_providers_url_and_check_passes(tmp_path, monkeypatch):
    project(tmp_path)
    assert invoke(tmp_path, monkeypatch, "check").exit_code == 1
    done = invoke(tmp_path, monkeypatch, "apply", "--yes")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "settings.py").read_text() == SETTINGS_APPLIED
    assert (tmp_path / "factory.py").read_text() == FACTORY_APPLIED
    done = invoke(tmp_path, monkeypatch, "check", "-f", "json")
    assert (done.exit_code, json.loads(done.stdout)["findings"]) == (0, [])


def test_the_providers_key_alone_never_goes_to_openai(tmp_path, monkeypatch):
    """With only DASHSCOPE_API_KEY exported the client goes to DashScope's own host (the
    guard blocks it here, as it would any host but the loopback); with DASHSCOPE_BASE_URL
    set, the loopback server gets the request with the DashScope key."""
    project(tmp_path)
    assert invoke(tmp_path, monkeypatch, "apply", "--yes").exit_code == 0
    guard = tmp_path / "guard"
    env = {**clean_env(), "DASHSCOPE_API_KEY": "test-key-dashscope"}
    proc = run_python(
        ["main.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard), timeout=60
    )
    assert proc.returncode != 0
    assert network_guard.blocked_hosts(guard) == ["dashscope.aliyuncs.com"]

    server = LoopbackServer().start()
    try:
        env["DASHSCOPE_BASE_URL"] = server.base + "/compatible-mode/v1"
        guard = tmp_path / "guard-set"
        proc = run_python(
            ["main.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard), timeout=60
        )
        assert (proc.returncode, network_guard.blocked_hosts(guard)) == (0, []), proc.stderr
        (request,) = server.requests
        assert request.path == "/compatible-mode/v1/chat/completions"
        assert request.body["model"] == "qwen-plus"
        assert request.headers["authorization"] == "Bearer test-key-dashscope"
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("read", "renamed"),
    [
        ('os.getenv("OPENAI_BASE_URL", None)', f'os.getenv(\n    "DASHSCOPE_BASE_URL", "{URL}"\n)'),
        (
            'os.environ.get("OPENAI_BASE_URL", default=None)',
            f'os.environ.get(\n    "DASHSCOPE_BASE_URL", default="{URL}"\n)',
        ),
    ],
)
def test_a_none_default_becomes_the_providers_url(registry, tmp_path, read, renamed):
    change = migrated(registry, tmp_path, f"import os\n\nBASE_URL = {read}\n", "qwen")
    assert change.after == f"import os\n\nBASE_URL = {renamed}\n"


def test_a_none_default_before_an_or_is_kept(registry, tmp_path):
    """`os.getenv(X, None) or fallback`: the value after it decides, as with no default."""
    text = 'import os\n\nBASE_URL = os.getenv("OPENAI_BASE_URL", None) or os.getenv("API_BASE")\n'
    change = migrated(registry, tmp_path, text, "qwen")
    assert change.after == text.replace("OPENAI_BASE_URL", "DASHSCOPE_BASE_URL")


def test_a_url_left_none_gets_the_providers_url_beside_the_renamed_key(tmp_path, monkeypatch):
    """`os.environ.get("OPENAI_BASE_URL") or None` kept None where the variable is unset, and
    the key, `settings.OPENAI_API_KEY`, is DashScope's once ML401 renames its read: that key
    went to api.openai.com (review of session 59, finding 2; t60b). ML401 now gives that read
    the provider's URL in place of the None, and `check` passes; a second apply changes
    nothing."""
    project(tmp_path)
    settings = SETTINGS.replace('"OPENAI_BASE_URL", None)', '"OPENAI_BASE_URL") or None')
    (tmp_path / "settings.py").write_text(settings)
    scanned = invoke(tmp_path, monkeypatch, "scan", "-f", "json")
    assert [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scanned.stdout)["findings"]
        if f["rule"] == "ML003"
    ] == [
        (
            "factory.py",
            7,
            "ML003",
            "warning",
            "review",
            "OpenAI() takes its base URL from `settings.OPENAI_BASE_URL` at run time (OpenAI's "
            "when that is None) and its key from `settings.OPENAI_API_KEY` (OPENAI_API_KEY when "
            f"that is None); for {QWEN} it falls back to DASHSCOPE_BASE_URL (default {URL}): "
            "its key `settings.OPENAI_API_KEY` (`OPENAI_API_KEY` of settings.py) is "
            f"{QWEN}'s once apply renames its read to DASHSCOPE_API_KEY, which went to OpenAI "
            "while the URL was None",
        )
    ]
    assert invoke(tmp_path, monkeypatch, "apply", "--yes").exit_code == 0
    assert (tmp_path / "settings.py").read_text() == (
        "import os\n\n"
        'OPENAI_API_KEY = os.environ.get("DASHSCOPE_API_KEY")\n'
        "OPENAI_BASE_URL = (\n"
        '    os.environ.get("DASHSCOPE_BASE_URL")\n'
        f'    or "{URL}"\n'
        ")\n"
    )
    assert (tmp_path / "factory.py").read_text() == FACTORY_APPLIED
    done = invoke(tmp_path, monkeypatch, "check", "-f", "json")
    assert (done.exit_code, json.loads(done.stdout)["findings"]) == (0, [])
    assert invoke(tmp_path, monkeypatch, "apply", "--yes").exit_code == 0
    assert (tmp_path / "factory.py").read_text() == FACTORY_APPLIED
    # only DashScope's key exported: the request goes to DashScope's host (blocked here, as
    # any host but the loopback), no longer to api.openai.com
    guard = tmp_path / "guard"
    env = {**clean_env(), "DASHSCOPE_API_KEY": "test-key-dashscope"}
    proc = run_python(
        ["main.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard), timeout=60
    )
    assert proc.returncode != 0
    assert network_guard.blocked_hosts(guard) == ["dashscope.aliyuncs.com"]


def test_an_imported_key_name_gets_the_same(tmp_path, monkeypatch):
    """`from settings import OPENAI_API_KEY`, the URL a local read that may be None."""
    project(tmp_path)
    factory = (
        "import os\n\nfrom openai import OpenAI\n\nfrom settings import OPENAI_API_KEY\n\n\n"
        "def make_client() -> OpenAI:\n"
        '    url = os.environ.get("LLM_BASE_URL")\n'
        "    return OpenAI(api_key=OPENAI_API_KEY, base_url=url)\n"
    )
    (tmp_path / "factory.py").write_text(factory)
    assert invoke(tmp_path, monkeypatch, "apply", "--yes").exit_code == 0
    assert (tmp_path / "factory.py").read_text() == factory.replace(
        "    return OpenAI(api_key=OPENAI_API_KEY, base_url=url)\n",
        "    return OpenAI(\n"
        "        api_key=OPENAI_API_KEY,\n"
        "        base_url=url\n"
        "        or os.environ.get(\n"
        f'            "DASHSCOPE_BASE_URL", "{URL}"\n'
        "        ),\n"
        "    )\n",
    )


@pytest.mark.parametrize(
    "key",
    [
        # not a read of OpenAI's key variable alone: what the rest gives may be OpenAI's key
        'os.environ.get("OPENAI_API_KEY") or load_key()',
        "load_key()",
    ],
)
def test_a_key_apply_does_not_make_the_providers_stays_an_error(tmp_path, monkeypatch, key):
    """Where the other module's name may hold OpenAI's key after apply, a fallback would send
    it to the provider: the client is left, the error says where the key goes."""
    project(tmp_path)
    settings = (
        f"import os\n\nfrom keys import load_key\n\nOPENAI_API_KEY = {key}\n"
        'OPENAI_BASE_URL = os.environ.get("OPENAI_BASE_URL") or None\n'
    )
    (tmp_path / "settings.py").write_text(settings)
    assert invoke(tmp_path, monkeypatch, "apply", "--yes").exit_code == 0
    assert (tmp_path / "factory.py").read_text() == FACTORY
    done = invoke(tmp_path, monkeypatch, "check", "-f", "json")
    assert (done.exit_code, json.loads(done.stdout)["findings"]) == (0, [])
