"""A base-URL variable that holds a whole endpoint (t66c, MindSearch's OPENAI_API_BASE,
"https://api.openai.com/v1/chat/completions", posted to as it is): the .env line keeps it
(ML501, ML502 manual, the provider's endpoint named with its path), the code reading it is
told to read the provider's base-URL variable and add the path (ML401), a read of the
provider's variable with such a default is reported (ML401), and a raw request through such a
read says why (ML403). Exact findings, bytes after `apply`, exit codes of `check`, and the
requests a loopback server gets from the code as the messages say to write it."""

from __future__ import annotations

import os
import re

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .cli_findings import cli, finding_rows, run_json, write_here
from .loopback_server import LoopbackServer
from .program_runner import run_python

BASE = "https://open.bigmodel.cn/api/paas/v4"
READ = f'os.environ.get("ZAI_BASE_URL", "{BASE}") + "/chat/completions"'
ENDPOINT = "https://api.openai.com/v1/chat/completions"
DOTENV = f"OPENAI_API_KEY=sk-test\nOPENAI_API_BASE={ENDPOINT}\n"
# the program posts to the variable's value as it is (lagent's GPTAPI api_base, MindSearch)
POSTS = (
    "import json\nimport os\nimport urllib.request\n\n"
    "URL = {url}\n"
    'KEY = os.environ.get("ZAI_API_KEY", "")\n'
    "body = json.dumps({{'model': 'glm-4-air-250414', 'messages': []}}).encode()\n"
    "headers = {{'Authorization': f'Bearer {{KEY}}', 'Content-Type': 'application/json'}}\n"
    "request = urllib.request.Request(URL, body, headers)\n"
    "try:\n    print(urllib.request.urlopen(request).status)\n"
    "except OSError as error:\n    print(error.code)\n"
)


def found(registry, text: str) -> list[tuple[int, str, str, str, str]]:
    """(line, rule, severity, fix, message) of every finding on `text` but the notes."""
    ctx = RuleContext(registry, registry.get("zhipu"))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.severity.value != "note"
    ]


def test_an_endpoint_in_a_dotenv_base_url_line_is_left_with_its_path(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {".env": DOTENV})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    rows = finding_rows(report, "line", "rule", "fix", "message", "data")
    assert (code, [r for r in rows if r[0] == 2]) == (
        0,
        [
            (
                2,
                "ML501",
                "manual",
                "OPENAI_API_BASE holds a whole endpoint (it ends in /chat/completions), not a "
                "base URL: the code reading it takes it as the whole URL, and ZAI_BASE_URL, "
                "which apply renames a base URL to, holds Zhipu AI (GLM)'s base URL without the "
                "path; left alone: change it with the code that reads it (ML401 says there), "
                "by hand",
                {"variable_from": "OPENAI_API_BASE", "variable_to": "ZAI_BASE_URL"},
            ),
            (
                2,
                "ML502",
                "manual",
                f"{ENDPOINT} is OpenAI's endpoint /chat/completions, set as OPENAI_API_BASE, "
                "which holds the whole endpoint (the code reading it takes it as the whole "
                "URL); left alone: its Zhipu AI (GLM) value is "
                f"{BASE}/chat/completions (the path kept; ZAI_BASE_URL holds the base URL "
                f"{BASE} only), set with the code that reads it and its key, by hand",
                {
                    "url_from": ENDPOINT,
                    "variable": "OPENAI_API_BASE",
                    "url_to": f"{BASE}/chat/completions",
                },
            ),
        ],
    )
    assert cli("apply", ".", "--provider", "zhipu", "--yes", "--allow-dirty").exit_code == 0
    # before: `ZAI_BASE_URL=https://open.bigmodel.cn/api/paas/v4`, the path dropped
    assert (tmp_path / ".env").read_bytes() == (
        f"OPENAI_API_KEY=sk-test\n# ZAI_API_KEY=\nOPENAI_API_BASE={ENDPOINT}\n".encode()
    )
    assert cli("check", ".", "--provider", "zhipu").exit_code == 1


def test_a_plain_base_url_line_is_still_renamed(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {".env": "OPENAI_API_BASE=https://api.openai.com/v1\n"})
    assert cli("apply", ".", "--provider", "zhipu", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / ".env").read_text() == f"ZAI_BASE_URL={BASE}\n"


def test_a_read_of_openais_variable_defaulting_to_an_endpoint_is_told_to_add_the_path(registry):
    text = (
        "import os\n\nfrom lagent.llms import GPTAPI\n\n"
        "gpt4 = dict(\n    type=GPTAPI,\n"
        '    key=os.environ.get("ZAI_API_KEY", "none"),\n'
        f'    api_base=os.environ.get("OPENAI_API_BASE", "{ENDPOINT}"),\n)\n'
    )
    rows = [r for r in found(registry, text) if r[1] == "ML401"]
    assert rows == [
        (
            8,
            "ML401",
            "warning",
            "manual",
            f"reads OPENAI_API_BASE; not switched: its default {ENDPOINT} is a whole endpoint "
            "(it ends in /chat/completions), so the code takes OPENAI_API_BASE for the URL it "
            "posts to, while ZAI_BASE_URL holds Zhipu AI (GLM)'s base URL without the path "
            f"({BASE}, as apply's Next line and the .env line it writes set it): renamed, its "
            f"requests would go to the base URL; read `{READ}` there, with Zhipu AI (GLM)'s "
            "key beside it, by hand",
        )
    ]


def test_the_providers_variable_read_as_an_endpoint_is_reported(tmp_path, monkeypatch):
    before = POSTS.format(url=f'os.environ.get("ZAI_BASE_URL", "{BASE}/chat/completions")')
    write_here(tmp_path, monkeypatch, {"app.py": before})
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "line", "rule", "severity", "fix", "message")) == (
        1,  # it was 0: "0 findings"
        [
            (
                5,
                "ML401",
                "warning",
                "manual",
                f"reads ZAI_BASE_URL as a whole endpoint (its default {BASE}/chat/completions "
                f"ends in /chat/completions), but ZAI_BASE_URL holds Zhipu AI (GLM)'s base URL "
                f"without the path ({BASE}: apply's Next line and the .env lines it writes set "
                f"it so): set that way, the requests go to the base URL; read `{READ}`, or a "
                "variable of your own for the endpoint, by hand",
            )
        ],
    )
    advised = re.search(r"read `([^`]+)`", report["findings"][0]["message"])
    assert advised is not None
    (tmp_path / "app.py").write_text(POSTS.format(url=advised[1]))
    assert cli("check", ".", "--provider", "zhipu").exit_code == 0
    # run both with ZAI_BASE_URL set as apply's Next line says (the base URL)
    assert _paths(tmp_path, before) == ["/api/paas/v4"]  # 404: the base URL is no endpoint
    assert _paths(tmp_path, POSTS.format(url=advised[1])) == ["/api/paas/v4/chat/completions"]


def test_a_raw_request_to_a_variable_read_whole_says_so(registry):
    text = (
        "import os\n\nimport requests\n\n"
        f'URL = os.environ.get("OPENAI_API_BASE", "{ENDPOINT}")\n'
        'KEY = os.environ.get("OPENAI_API_KEY", "")\n'
        'r = requests.post(URL, headers={"Authorization": f"Bearer {KEY}"}, json={})\n'
    )
    rows = [r for r in found(registry, text) if r[1] == "ML403"]
    assert rows == [
        (
            7,
            "ML403",
            "error",
            "manual",
            f"raw HTTP request to OpenAI (POST {ENDPOINT}) left unchanged: its URL is a "
            f"variable read whole, whose default {ENDPOINT} is a whole endpoint (it ends in "
            "/chat/completions), not a base URL; for Zhipu AI (GLM) read "
            f"`{READ}` there; send it to Zhipu AI (GLM)'s base URL (ZAI_BASE_URL) with the "
            "key from ZAI_API_KEY by hand, or use the openai SDK",
        )
    ]


def _paths(root, program: str) -> list[str]:
    """The paths the loopback server got a request on from `program`, run with ZAI_BASE_URL
    set to the server's Zhipu base URL and no OPENAI_* variable."""
    (root / "run.py").write_text(program)
    server = LoopbackServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
        env |= {"ZAI_API_KEY": "k", "ZAI_BASE_URL": server.base + "/api/paas/v4"}
        guard = root / "guard"
        proc = run_python(["run.py"], cwd=root, env=network_guard.subprocess_env(env, guard))
        assert (proc.returncode, network_guard.blocked_hosts(guard)) == (0, []), proc.stderr
        return [r.path for r in server.requests]
    finally:
        server.stop()
