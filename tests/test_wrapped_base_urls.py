"""A base URL handed on through a call (`api_base=self._ensure_v1(api_base)`) and the key given
beside it move to the provider together, or stay together.

chatgpt-on-wechat's vision tool (t54d): the key side saw `self._ensure_v1(api_base)` as a URL
chosen at run time and left OPENAI_API_KEY, while the base-URL side did not follow the URL
through the call and moved it to ERNIE: the OpenAI key went to ERNIE. A function of the
module returning what its parameter holds passes the URL through (both move, as with
`api_base=api_base`); code the module does not show, given the URL alone, is taken to give
back a URL made of it (both stay).
"""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e import clean_env
from .test_key_reads_left import migrated

PROGRAM = """import json
import os
import urllib.request
from dataclasses import dataclass
{imported}

@dataclass
class Endpoint:
    api_key: str
    api_base: str


class Vision:
    @staticmethod
    def _ensure_v1(base):
        if base.rstrip("/").split("/")[-1].startswith("v"):
            return base
        return base.rstrip("/") + "/v1"

    def endpoint(self):
        api_key = os.environ.get("OPENAI_API_KEY")
        if not api_key:
            return None
        api_base = os.environ.get("OPENAI_API_BASE", "").rstrip("/") or "https://api.openai.com/v1"
        return Endpoint(api_key=api_key, api_base={wrapped}(api_base))


def ask(endpoint, model):
    request = urllib.request.Request(
        endpoint.api_base + "/chat/completions",
        data=json.dumps({{"model": model, "messages": [{{"role": "user", "content": "hi"}}]}}).encode(),
        headers={{"Authorization": "Bearer " + endpoint.api_key, "Content-Type": "application/json"}},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        print(json.load(answer)["choices"][0]["message"]["content"])


ask(Vision().endpoint(), os.environ["VISION_MODEL"])
"""

OWN = PROGRAM.format(imported="", wrapped="self._ensure_v1")
NOT_SHOWN = PROGRAM.format(imported="\nfrom urlnorm import ensure_v1\n", wrapped="ensure_v1")

OWN_MIGRATED = OWN.replace(
    'api_key = os.environ.get("OPENAI_API_KEY")', 'api_key = os.environ.get("QIANFAN_API_KEY")'
).replace(
    '        api_base = os.environ.get("OPENAI_API_BASE", "").rstrip("/") or '
    '"https://api.openai.com/v1"\n',
    "        api_base = (\n"
    '            os.environ.get("QIANFAN_BASE_URL", "").rstrip("/")\n'
    '            or "https://qianfan.baidubce.com/v2"\n'
    "        )\n",
)

ERNIE = "Baidu Qianfan (ERNIE)"


def rows(change) -> list[tuple[int, str, str, str]]:
    return [
        (f.line, f.rule, f.fix.value, f.message)
        for f in change.findings
        if f.rule in ("ML401", "ML402")
    ]


def test_a_base_url_through_the_modules_own_function_moves_with_its_key(registry, tmp_path):
    change = migrated(registry, tmp_path, OWN, "ernie")
    assert change.after == OWN_MIGRATED
    assert [(line, rule, fix) for line, rule, fix, _ in rows(change)] == [
        (21, "ML401", "safe"),
        (24, "ML401", "safe"),
        (24, "ML402", "safe"),
    ]


def test_a_base_url_through_code_not_shown_stays_with_its_key(registry, tmp_path):
    """`ensure_v1(api_base)` of a library: the key is left beside a URL chosen at run time,
    so the URL's reads are left with it, each saying why."""
    change = migrated(registry, tmp_path, NOT_SHOWN, "ernie")
    assert change.after == NOT_SHOWN
    paired = (
        "not switched: it goes to Endpoint() on line 27 with the key read "
        '`os.environ.get("OPENAI_API_KEY")` on line 23, which apply leaves (see there): '
        f"renamed alone, it would send OpenAI's key to {ERNIE}; point both at {ERNIE} (the key "
        "from QIANFAN_API_KEY) together, by hand"
    )
    assert rows(change) == [
        (
            23,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes with the base URL `ensure_v1(api_base)` of the "
            "same call on line 27, chosen at run time (OpenAI's when it is None) and left as it "
            f"is: given {ERNIE}'s key (QIANFAN_API_KEY) it could send that key to OpenAI; make "
            f"sure that URL is {ERNIE}'s, then read QIANFAN_API_KEY, by hand",
        ),
        (26, "ML401", "manual", f"reads OPENAI_API_BASE; {paired}"),
        (26, "ML402", "manual", f"hard-coded OpenAI URL https://api.openai.com/v1; {paired}"),
    ]


def _run(tmp_path, env: dict[str, str]):
    guard = tmp_path / "guard"
    given = {**clean_env(), "VISION_MODEL": "ernie-4.5-turbo-128k", **env}
    proc = run_python(
        ["app.py"], cwd=tmp_path, env=network_guard.subprocess_env(given, guard), timeout=60
    )
    return proc, network_guard.blocked_hosts(guard)


def _applied(tmp_path, monkeypatch, text: str) -> None:
    (tmp_path / "app.py").write_text(text)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "app.py", "--provider", "ernie", "--yes"])
    assert done.exit_code == 0, done.stderr


def test_the_provider_gets_its_own_key_through_the_wrapper(server, tmp_path, monkeypatch):
    """Migrated, the program sends ERNIE's key to ERNIE's URL; an OpenAI key in the
    environment goes nowhere."""
    _applied(tmp_path, monkeypatch, OWN)
    assert (tmp_path / "app.py").read_text() == OWN_MIGRATED
    env = {
        "OPENAI_API_KEY": "sk-openai-test",
        "QIANFAN_API_KEY": "bce-v3/test",
        "QIANFAN_BASE_URL": server.base + "/v2",
    }
    proc, blocked = _run(tmp_path, env)
    assert (blocked, proc.returncode) == ([], 0), proc.stderr
    assert [(r.path, r.headers["authorization"]) for r in server.requests] == [
        ("/v2/chat/completions", "Bearer bce-v3/test")
    ]


def test_the_openai_key_stays_with_the_openai_url_not_shown(server, tmp_path, monkeypatch):
    """Left together, the OpenAI key goes to OPENAI_API_BASE's server (a stand-in for
    OpenAI), never to ERNIE's."""
    _applied(tmp_path, monkeypatch, NOT_SHOWN)
    (tmp_path / "urlnorm.py").write_text("def ensure_v1(base):\n    return base\n")
    openai_stand_in = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": "sk-openai-test",
            "OPENAI_API_BASE": openai_stand_in.base + "/v1",
            "QIANFAN_API_KEY": "bce-v3/test",
            "QIANFAN_BASE_URL": server.base + "/v2",
        }
        proc, blocked = _run(tmp_path, env)
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        assert server.requests == []
        assert [(r.path, r.headers["authorization"]) for r in openai_stand_in.requests] == [
            ("/v1/chat/completions", "Bearer sk-openai-test")
        ]
    finally:
        openai_stand_in.stop()
