"""A module using a package that runs on openai<1 only (GPTCache's OpenAI adapter and
embeddings: `frameworks.pins.OPENAI_V0_LIBRARIES`) stays on openai<1, whose module settings
(`openai.api_key`, `openai.api_base`) that package's requests carry (t62c). apply keeps those
settings and points them at the provider as for a module importing what openai 1.0 removed;
the key and the base URL of a request left on openai<1 stay together; ML504 leaves openai<1
pinned beside gptcache; ML670 keeps `check` red while the package would reach OpenAI.

The end-to-end run installs openai 0.28.1 from the package index (`network`); GPTCache is
replaced by a stand-in package written here that subclasses openai<1's classes as it does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from migrate_llm.formats.document import ConfigDocument
from migrate_llm.registry import load_registry
from migrate_llm.rules.dependency_pin import keeps_openai_0

from . import network_guard
from .cli_findings import invoke, run_json, write_here
from .loopback_server import LoopbackServer
from .program_runner import run_python

# the user's hand fix for DeepSeek: openai<1's settings, which the adapter reads
HAND_FIXED = """import os

import openai as sdk
from gptcache import cache
from gptcache.adapter import openai

cache.init()
sdk.api_key = os.environ["DEEPSEEK_API_KEY"]
sdk.api_base = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
reply = openai.ChatCompletion.create(model="deepseek-v4-flash", messages=[])
print(reply["choices"][0]["message"]["content"])
"""

OPENAI_KEY = """import os

import openai
from gptcache import cache
from gptcache.adapter import openai as cached

cache.init()
openai.api_key = os.environ["OPENAI_API_KEY"]
reply = cached.ChatCompletion.create(model="deepseek-v4-flash", messages=[])
print(reply["choices"][0]["message"]["content"])
"""

OPENAI_KEY_AFTER = OPENAI_KEY.replace(
    'openai.api_key = os.environ["OPENAI_API_KEY"]\n',
    'openai.api_key = os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
    "openai.base_url = (\n"
    '    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/") + "/"\n'
    ")\n"
    "openai.api_base = os.environ.get(\n"
    '    "DEEPSEEK_BASE_URL", "https://api.deepseek.com"\n'
    ').rstrip("/")\n',
)

# both settings from OpenAI's variables: renaming the base URL alone would send OpenAI's key
BOTH_OPENAI = """import os

import openai
from gptcache.adapter import openai as cached

openai.api_key = os.getenv("OPENAI_API_KEY")
openai.api_base = os.getenv("OPENAI_API_BASE", "https://api.openai.com/v1")
reply = cached.ChatCompletion.create(model="deepseek-v4-flash", messages=[])
"""

ADAPTER = """from gptcache import cache
from gptcache.adapter import openai
from gptcache.embedding import OpenAI

emb = OpenAI()
cache.init(embedding_func=emb.to_embeddings)
cache.set_openai_key()
reply = openai.ChatCompletion.create(model="deepseek-v4-flash", messages=[])
"""

# GPTCache's gptcache/embedding/openai.py, in our words: a request left on openai<1 (DeepSeek
# serves no embeddings) whose base URL comes from `openai.api_base` or OPENAI_API_BASE
EMBEDDER = """import os

import openai


class Embedder:
    def __init__(self, api_key=None, api_base=None):
        if not api_key:
            if openai.api_key:
                api_key = openai.api_key
            else:
                api_key = os.getenv("OPENAI_API_KEY")
        if not api_base:
            if openai.api_base:
                api_base = openai.api_base
            else:
                api_base = os.getenv("OPENAI_API_BASE")
        openai.api_key = api_key
        self.api_base = api_base

    def embed(self, text):
        out = openai.Embedding.create(
            model="text-embedding-ada-002", input=text, api_base=self.api_base
        )
        return out["data"][0]["embedding"]


if __name__ == "__main__":
    print(len(Embedder().embed("hello")))
"""

V0_SETTINGS = (
    "openai<1 sends the module's requests with this setting (without it, to OpenAI's defaults: "
    "api.openai.com, OPENAI_API_KEY)"
)
USES = "the module uses gptcache.adapter.openai, which runs on openai<1 only (frameworks/pins.py)"
SENDS = (
    "sends its requests through openai<1 with the module's openai.api_key and openai.api_base "
    "(unset: OPENAI_API_KEY, read at import, and api.openai.com)"
)
POINT = "set openai.api_key from DEEPSEEK_API_KEY and openai.api_base from DEEPSEEK_BASE_URL"


def _findings(*args: str) -> tuple[int, list[tuple[str, str, int, str, str]]]:
    code, report = run_json(*args)
    rows = [
        (f["rule"], f["path"], f["line"], f["severity"], f["message"]) for f in report["findings"]
    ]
    return code, rows


def test_the_hand_fix_on_openai_0_stays_and_check_passes(tmp_path, monkeypatch):
    """t62c v0-fix-flagged: ML301 deleted `sdk.api_base = ...` and kept the key, sending
    DeepSeek's key to api.openai.com."""
    write_here(tmp_path, monkeypatch, {"app.py": HAND_FIXED})
    code, out = invoke("apply", ".", "--provider", "deepseek", "--yes")
    assert code == 0, out
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == HAND_FIXED
    assert _findings("check", ".", "--provider", "deepseek") == (0, [])


def test_an_openai_key_line_is_pointed_at_the_provider_with_both_base_urls(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": OPENAI_KEY})
    assert _findings("scan", ".", "--provider", "deepseek")[0] == 0
    rows = _findings("scan", ".", "--provider", "deepseek")[1]
    assert [r[:3] for r in rows] == [
        ("ML670", "app.py", 5),
        ("ML103", "app.py", 8),
        ("ML401", "app.py", 8),
    ]
    assert rows[1][4] == (
        "openai.api_key configures the module-level client; for DeepSeek take it from "
        "DEEPSEEK_API_KEY, and set openai.base_url and openai.api_base beside it from "
        "DEEPSEEK_BASE_URL (the module sets none: the key would go to OpenAI; the module uses "
        "gptcache.adapter.openai, which runs on openai<1 only, which reads openai.api_base, not "
        "openai.base_url)"
    )
    # before apply, the adapter goes to OpenAI: ML670 says so
    assert rows[0][3:] == (
        "error",
        "gptcache.adapter.openai "
        + SENDS.replace(
            "unset: OPENAI_API_KEY, read at import, and api.openai.com",
            "openai.api_key from OPENAI_API_KEY; openai.api_base unset: api.openai.com",
        )
        + f": for DeepSeek {POINT} before using it, by hand",
    )
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == OPENAI_KEY_AFTER
    assert _findings("check", ".", "--provider", "deepseek") == (0, [])


def test_key_and_base_url_from_openai_variables_stay_together(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": BOTH_OPENAI})
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == BOTH_OPENAI
    code, rows = _findings("check", ".", "--provider", "deepseek")
    assert code == 1
    by_place = {(r[0], r[2]): r[4] for r in rows}
    assert by_place[("ML301", 6)] == (
        f"openai.api_key is openai<1.0 configuration; pass api_key= to the client; apply leaves "
        f"it while {USES}: {V0_SETTINGS}; read it from DEEPSEEK_API_KEY, with openai.api_base "
        "beside it pointed at DeepSeek"
    )
    assert by_place[("ML301", 7)] == (
        f"openai.api_base is openai<1.0 configuration; pass base_url= to the client; apply "
        f"leaves it while {USES}: {V0_SETTINGS}; read it from DEEPSEEK_BASE_URL, with "
        "openai.api_key beside it pointed at DeepSeek"
    )
    left = (
        "it goes to openai.api_base on line 7, which apply leaves for the module's openai<1 code "
        '(ML301 says why), and openai<1 sends the key `os.getenv("OPENAI_API_KEY")` (on line 6) '
        "with it: renamed alone, it would send OpenAI's key to DeepSeek; point openai.api_key "
        "and openai.api_base at DeepSeek (the key from DEEPSEEK_API_KEY) together, by hand"
    )
    assert by_place[("ML401", 7)] == f"reads OPENAI_API_BASE; not switched: {left}"
    assert by_place[("ML402", 7)] == (
        f"hard-coded OpenAI URL https://api.openai.com/v1; not switched: {left}"
    )
    assert by_place[("ML670", 4)] == (
        "gptcache.adapter.openai "
        + SENDS.replace(
            "unset: OPENAI_API_KEY, read at import, and api.openai.com",
            "openai.api_key from OPENAI_API_KEY; openai.api_base from OPENAI_API_BASE",
        )
        + f": for DeepSeek {POINT} before using it, by hand"
    )


def test_the_adapter_embeddings_and_set_openai_key_keep_check_red(tmp_path, monkeypatch):
    """t62c gptcache-adapter-check-green: 0 findings, check rc 0, the run at api.openai.com."""
    write_here(tmp_path, monkeypatch, {"app.py": ADAPTER})
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == ADAPTER
    assert _findings("check", ".", "--provider", "deepseek") == (
        1,
        [
            (
                "ML670",
                "app.py",
                2,
                "error",
                f"gptcache.adapter.openai {SENDS}: for DeepSeek {POINT} before using it, by hand",
            ),
            (
                "ML670",
                "app.py",
                5,
                "error",
                f"gptcache.embedding.OpenAI() {SENDS}; DeepSeek has no OpenAI-compatible "
                "embeddings API: choose another embedding for gptcache (not OpenAI's), or point "
                "it at a provider that serves embeddings (its key and base URL), by hand",
            ),
            (
                "ML670",
                "app.py",
                7,
                "error",
                "cache.set_openai_key() sets openai<1's openai.api_key from OPENAI_API_KEY, "
                "which gptcache's OpenAI adapter and embeddings send with their requests (to "
                f"openai.api_base, else api.openai.com): for DeepSeek {POINT} instead, by hand",
            ),
        ],
    )
    # modernising only, nothing moves: not reported
    assert _findings("check", ".", "--provider", "openai") == (0, [])


def test_a_request_left_on_openai_0_keeps_openai_key_and_url_together(tmp_path, monkeypatch):
    """t62c v0-embedding-key-leak: apply pointed the `openai.api_base` reads and
    OPENAI_API_BASE at DeepSeek and deleted `openai.api_key = api_key`, leaving the
    embeddings request on openai<1 with OPENAI_API_KEY (read at import)."""
    write_here(tmp_path, monkeypatch, {"emb.py": EMBEDDER})
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "emb.py").read_text(encoding="utf-8") == EMBEDDER
    code, rows = _findings("check", ".", "--provider", "deepseek")
    assert code == 1
    by_place = {(r[0], r[2]): r[4] for r in rows}
    left = "apply leaves some of the module's openai<1 requests on openai<1 (see ML302)"
    assert by_place[("ML301", 18)] == (
        f"openai.api_key is openai<1.0 configuration; pass api_key= to the client; apply leaves "
        f"it while {left}: {V0_SETTINGS}; keep the module's key and base URL together: OpenAI's "
        "both where those requests stay on OpenAI, or both the provider's where it serves them, "
        "by hand"
    )
    assert by_place[("ML401", 17)] == (
        "reads OPENAI_API_BASE; not switched: it is the base URL of openai.Embedding.create() "
        "on line 22, a call to the embeddings API, which DeepSeek does not offer, and apply "
        "leaves that call as it is: switched, it would send the call and its key to DeepSeek; "
        "keep it on OpenAI, or point it at a provider that serves embeddings (its key and base "
        "URL), by hand"
    )
    assert "still goes there" not in by_place[("ML302", 22)]


def test_gptcache_keeps_openai_0_pinned(tmp_path, monkeypatch):
    """t62c gptcache-pin-bump: ML504 raised openai==0.28.1 to openai>=1 beside gptcache,
    whose adapter then failed at import (APIRemovedInV1)."""
    requirements = "gptcache==0.1.44\nopenai==0.28.1\n"
    write_here(tmp_path, monkeypatch, {"requirements.txt": requirements, "app.py": HAND_FIXED})
    assert keeps_openai_0(ConfigDocument.read("requirements.txt", "requirements", requirements))
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == requirements
    instead = (
        "keep openai<1 for it (its OpenAI adapter and embeddings subclass and call openai<1's API "
        "in every release, 0.1.44 included), pointing openai.api_key and openai.api_base at the "
        "provider, or replace its OpenAI adapter"
    )
    # notes: check passes on them
    assert _findings("check", ".", "--provider", "deepseek") == (0, [])
    assert _findings("scan", "requirements.txt", "--provider", "deepseek") == (
        0,
        [
            (
                "ML504",
                "requirements.txt",
                1,
                "note",
                "gptcache==0.1.44 works only with openai<1 (openai==0.28.1 here): no release of "
                f"gptcache works with openai>=1, so apply leaves both pins; {instead}",
            ),
            (
                "ML504",
                "requirements.txt",
                2,
                "note",
                "openai==0.28.1 pins the pre-1.0 SDK; migrated code needs openai>=1, but "
                f"gptcache==0.1.44 (line 1) needs openai<1: {instead}; apply leaves the openai pin",
            ),
        ],
    )


# A stand-in for GPTCache's OpenAI adapter (gptcache/adapter/openai.py subclasses openai<1's
# ChatCompletion and calls it with the module settings), in our words.
STAND_IN = {
    "gptcache/__init__.py": "class _Cache:\n    def init(self, **kw):\n        pass\n\n\n"
    "cache = _Cache()\n",
    "gptcache/adapter/__init__.py": "",
    "gptcache/adapter/openai.py": "import openai\n\n\n"
    "class ChatCompletion(openai.ChatCompletion):\n"
    "    @classmethod\n    def create(cls, *args, **kwargs):\n"
    "        return openai.ChatCompletion.create(*args, **kwargs)\n",
}


@pytest.fixture(scope="module")
def openai_0(tmp_path_factory) -> Path:
    """openai 0.28.1 installed from the package index into a folder of its own."""
    target = tmp_path_factory.mktemp("openai0")
    pip = [sys.executable, "-m", "pip", "install", "-q", "--target", str(target)]
    subprocess.run([*pip, "openai==0.28.1"], check=True, timeout=600)
    return target


def _run(project: Path, libs: list[Path], env: dict[str, str]):
    server = LoopbackServer.for_provider(
        load_registry().get("deepseek"),
        key="sk-deepseek-test",
        unsupported=frozenset({"/embeddings"}),
    ).start()
    try:
        given = {
            "DEEPSEEK_API_KEY": "sk-deepseek-test",
            "DEEPSEEK_BASE_URL": server.base,
            "OPENAI_API_KEY": "sk-user-openai-key",
            "PYTHONPATH": ":".join(str(p) for p in libs),
            **env,
        }
        guard = project / "guard"
        proc = run_python(
            [str(next(project.glob("*.py")))],
            cwd=project,
            env=network_guard.subprocess_env(given, guard),
            timeout=120,
        )
        sent = [(r.path, r.headers.get("authorization")) for r in server.requests]
        return proc, sent, network_guard.blocked_hosts(guard)
    finally:
        server.stop()


@pytest.mark.network
def test_no_openai_key_reaches_the_provider_on_openai_0(tmp_path, monkeypatch, openai_0):
    """Loopback run under openai 0.28.1 of what apply leaves: the adapter's module sends
    DeepSeek's key to DeepSeek; the embedder's request keeps OpenAI's key and URL (the guard
    refuses api.openai.com), never OpenAI's key to DeepSeek."""
    stand_in = tmp_path / "lib"
    for name, text in STAND_IN.items():
        (stand_in / name).parent.mkdir(parents=True, exist_ok=True)
        (stand_in / name).write_text(text, encoding="utf-8")
    for name, text in {"chat": OPENAI_KEY, "emb": EMBEDDER}.items():
        root = tmp_path / name
        root.mkdir()
        write_here(root, monkeypatch, {f"{name}.py": text})
        assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    proc, sent, blocked = _run(tmp_path / "chat", [openai_0, stand_in], {})
    assert proc.returncode == 0, proc.stderr
    assert sent == [("/chat/completions", "Bearer sk-deepseek-test")]
    assert blocked == []
    proc, sent, blocked = _run(tmp_path / "emb", [openai_0], {})
    assert sent == []  # nothing to DeepSeek: the request stays OpenAI's, key and URL
    assert blocked == ["api.openai.com"]


POINTED_EMBEDDINGS = """import os

import openai
from gptcache import cache
from gptcache.embedding import OpenAI as Embeddings

openai.api_key = os.environ.get("DEEPSEEK_API_KEY", "unset")
openai.api_base = "https://example.invalid/v1"
cache.init(embedding_func=Embeddings().to_embeddings)
"""


def test_the_embeddings_message_says_what_the_module_sets(tmp_path, monkeypatch):
    """r2 t2: after apply had set both settings, the message still said they were unset."""
    write_here(tmp_path, monkeypatch, {"app.py": POINTED_EMBEDDINGS})
    code, rows = _findings("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert next(r[4] for r in rows if r[0] == "ML670" and r[2] == 9) == (
        "gptcache.embedding.OpenAI() sends its requests through openai<1 with the module's "
        "openai.api_key and openai.api_base (openai.api_key from DEEPSEEK_API_KEY; "
        "openai.api_base set on line 8); DeepSeek has no OpenAI-compatible embeddings API: "
        "choose another embedding for gptcache (not OpenAI's), or point it at a provider that "
        "serves embeddings (its key and base URL), by hand"
    )


V1_REQUIRED = """import os

import openai
from gptcache import cache
from gptcache.adapter import openai as cached

openai.api_base = os.environ.get("OPENAI_API_BASE", "https://api.openai.com/v1")
cache.init()
"""


def test_the_package_is_the_reason_even_where_requirements_ask_for_openai_1(tmp_path, monkeypatch):
    """r2 t5: with `openai>=1.0` required beside gptcache, ML301 said the requirements kept
    openai<1 and that apply would delete the line once the pins moved."""
    write_here(
        tmp_path,
        monkeypatch,
        {"app.py": V1_REQUIRED, "requirements.txt": "gptcache\nopenai>=1.0\n"},
    )
    code, rows = _findings("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert next(r[4] for r in rows if r[0] == "ML301" and r[2] == 7) == (
        f"openai.api_base is openai<1.0 configuration; pass base_url= to the client; apply "
        f"leaves it while {USES}: {V0_SETTINGS}; read it from DEEPSEEK_BASE_URL, with "
        "openai.api_key beside it pointed at DeepSeek"
    )
