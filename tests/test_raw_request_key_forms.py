"""The key a raw request to the provider's URL sends, in the forms session 56 left (ML403): a
header written `"Bearer %s" % key`, `"Bearer {}".format(key)` or bare, a setting imported by
name (`from config import API_KEY`), a key assigned on two branches, a URL built from the
provider's base URL in the module, and one imported from a module holding only the provider's
URL. Each is screened in (a ruled-out module sending a key header) and reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate_llm.run_facts import HOLDS_REQUEST_URL, key_request_facts, request_urls

from .cli_findings import cli as invoke
from .provider_run import dashscope_requests

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
OPENAI_KEY = "sk-proj-" + "Xc4Wd8Ke2Lf6Mg0Nh3Pj7Qk1Rl5Sm9Tn2Vp6Wq0Xr4Ys8"
QWEN_KEY = "sk-" + "fedcba9876543210" * 2
CONFIG = '# The OpenAI key\nAPI_KEY = "put-your-key-here"\n'
URL = 'URL = "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions"\n'
SEND = """\
import requests

IMPORT

URL


def ask(question):
    return requests.post(URL, headers={HEADERS}, json={"q": question})
""".replace("URL\n", URL)
DOCUMENTED = (
    f"sends {QWEN} the key from the setting API_KEY (`SHOWN`), which config.py documents as "
    f"OpenAI's key (line 2): the OpenAI key would go to {QWEN}; set API_KEY to {QWEN}'s key "
    "(or send the key from DASHSCOPE_API_KEY), by hand"
)
DATA = {"key_from": "API_KEY", "key_env": "DASHSCOPE_API_KEY"}


def scan(root: Path) -> dict:
    result = invoke("scan", root, "-p", "qwen", "--no-cache", "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def found(report: dict) -> list[tuple[str, int, str, str, str, dict]]:
    return [
        (f["path"], f["line"], f["rule"], f["severity"], f["message"], f["data"])
        for f in report["findings"]
    ]


def check_code(root: Path) -> int:
    return invoke("check", root, "-p", "qwen", "--no-cache").exit_code


def sender(headers: str, imported: str = "import config") -> str:
    return SEND.replace("IMPORT", imported).replace("{HEADERS}", headers)


@pytest.mark.parametrize(
    "headers",
    [
        '{"Authorization": f"Bearer {config.API_KEY}"}',
        '{"Authorization": "Bearer " + config.API_KEY}',
        '{"Authorization": "Bearer %s" % config.API_KEY}',
        '{"Authorization": "Bearer %s" % (config.API_KEY,)}',
        '{"Authorization": "Bearer {}".format(config.API_KEY)}',
        '{"Authorization": "Bearer {key}".format(key=config.API_KEY)}',
        '{"Authorization": config.API_KEY}',
        '{"api-key": config.API_KEY}',
    ],
)
def test_each_header_form_sends_the_documented_openai_key(tmp_path, monkeypatch, headers):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "ask.py").write_text(sender(headers))
    report = scan(tmp_path)
    message = "raw HTTP request (POST URL) " + DOCUMENTED.replace("SHOWN", "config.API_KEY")
    assert found(report) == [("ask.py", 9, "ML403", "error", message, DATA)]
    assert (report["files"], report["parsed"]) == (2, 1)
    assert check_code(tmp_path) == 1


def test_a_header_value_formatted_through_a_name_is_followed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(CONFIG)
    text = sender("{HEADERS}").replace(
        "    return", '    auth = "Bearer {}".format(config.API_KEY)\n    return'
    )
    (tmp_path / "ask.py").write_text(text.replace("{HEADERS}", '{"Authorization": auth}'))
    assert [f[:4] for f in found(scan(tmp_path))] == [("ask.py", 10, "ML403", "error")]


def test_a_setting_imported_by_name_is_the_setting_its_module_documents(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(CONFIG)
    header = '{"Authorization": f"Bearer {KEY}"}'
    (tmp_path / "attribute.py").write_text(sender(header.replace("KEY", "config.API_KEY")))
    (tmp_path / "named.py").write_text(
        sender(header.replace("KEY", "API_KEY"), "from config import API_KEY")
    )
    aliased = sender(header, "from config import API_KEY as KEY")
    (tmp_path / "aliased.py").write_text(aliased)
    request = "raw HTTP request (POST URL) "
    assert found(scan(tmp_path)) == [
        (
            "aliased.py",
            9,
            "ML403",
            "error",
            request + DOCUMENTED.replace("SHOWN", "from config import API_KEY as KEY"),
            DATA,
        ),
        (
            "attribute.py",
            9,
            "ML403",
            "error",
            request + DOCUMENTED.replace("SHOWN", "config.API_KEY"),
            DATA,
        ),
        (
            "named.py",
            9,
            "ML403",
            "error",
            request + DOCUMENTED.replace("SHOWN", "from config import API_KEY"),
            DATA,
        ),
    ]


BRANCHED = """\
import os

import requests

import config

URL


def ask(question, cfg):
    if cfg.legacy:
        key = FIRST
    else:
        key = SECOND
    return requests.post(URL, headers={"Authorization": f"Bearer {key}"}, json={"q": question})
""".replace("URL\n", URL)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # the branch reading a setting named for OpenAI decides: an error
        (
            "config.OPENAI_KEY",
            "cfg.key",
            (
                "error",
                f"sends {QWEN} the key from the setting OPENAI_KEY (`config.OPENAI_KEY`), one "
                "of the values `key` is assigned (line 12), whose name names OpenAI: the OpenAI "
                f"key would go to {QWEN}; set OPENAI_KEY to {QWEN}'s key (or send the key from "
                "DASHSCOPE_API_KEY), by hand",
                {"key_from": "OPENAI_KEY", "key_env": "DASHSCOPE_API_KEY"},
            ),
        ),
        # one branch reads the provider's key, the other a setting: a warning naming it
        (
            'os.environ["DASHSCOPE_API_KEY"]',
            "config.API_KEY",
            (
                "warning",
                f"sends {QWEN} the key from the setting API_KEY (`config.API_KEY`), one of the "
                "values `key` is assigned (line 14), not traced to DASHSCOPE_API_KEY: an OpenAI "
                f"key there would go to {QWEN}; set API_KEY to {QWEN}'s key (or send the key "
                "from DASHSCOPE_API_KEY), by hand",
                DATA,
            ),
        ),
        # both the provider's key: nothing to say
        ('os.environ["DASHSCOPE_API_KEY"]', 'os.getenv("DASHSCOPE_API_KEY")', None),
    ],
)
def test_a_key_assigned_on_two_branches(tmp_path, monkeypatch, first, second, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text('OPENAI_KEY = ""\nAPI_KEY = ""\n')
    text = BRANCHED.replace("FIRST", first).replace("SECOND", second)
    (tmp_path / "ask.py").write_text(text)
    if expected is None:
        assert (found(scan(tmp_path)), check_code(tmp_path)) == ([], 0)
        return
    severity, said, data = expected
    message = f"raw HTTP request (POST URL) {said}"
    assert found(scan(tmp_path)) == [("ask.py", 15, "ML403", severity, message, data)]
    assert check_code(tmp_path) == 1


DIRECT = """\
import requests

import config

BASE = "https://dashscope.aliyuncs.com/compatible-mode/v1"


def ask(question):
    headers = {"Authorization": "Bearer " + config.API_KEY}
    return requests.post(BASE + "/chat/completions", headers=headers, json={"q": question})
"""
GITHUB = """\
import requests


def issues(token, repo):
    url = f"https://api.github.com/repos/{repo}/issues"
    return requests.get(url, headers={"Authorization": f"Bearer {token}"}).json()
"""


def test_a_url_built_from_the_providers_base_url_in_the_module(tmp_path, monkeypatch):
    """h13/c1's direct.py: no OpenAI name, no provider variable, only the provider's host."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "direct.py").write_text(DIRECT)
    (tmp_path / "github.py").write_text(GITHUB)
    report = scan(tmp_path)
    message = 'raw HTTP request (POST BASE + "/chat/completions") ' + DOCUMENTED.replace(
        "SHOWN", "config.API_KEY"
    )
    assert found(report) == [("direct.py", 10, "ML403", "error", message, DATA)]
    assert (report["files"], report["parsed"]) == (3, 1)
    assert check_code(tmp_path) == 1


def test_a_url_imported_from_a_module_holding_only_the_providers_url(tmp_path, monkeypatch):
    """h13/gap: endpoints.py holds DashScope's chat URL and nothing else the prefilter looks
    for; the request importing it sends the documented OpenAI key there."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "endpoints.py").write_text(URL.replace("URL =", "CHAT_URL ="))
    (tmp_path / "github.py").write_text(GITHUB)
    (tmp_path / "ask.py").write_text(
        "import requests\n\nimport config\nfrom endpoints import CHAT_URL\n\n\n"
        "def ask(q):\n"
        '    headers = {"Authorization": f"Bearer {config.API_KEY}"}\n'
        "    return requests.post(CHAT_URL, headers=headers).json()\n"
    )
    report = scan(tmp_path)
    message = (
        f"raw HTTP request (POST CHAT_URL, {QWEN}'s URL from endpoints) "
        + DOCUMENTED.replace("SHOWN", "config.API_KEY")
    )
    assert found(report) == [("ask.py", 9, "ML403", "error", message, DATA)]
    assert (report["files"], report["parsed"]) == (4, 1)  # ask.py alone
    assert check_code(tmp_path) == 1


def test_a_ruled_out_module_is_searched_for_the_providers_url():
    urls = request_urls(("api.openai.com", "DASHSCOPE_BASE_URL", "dashscope.aliyuncs.com"))
    assert key_request_facts(URL.encode(), False, urls) == HOLDS_REQUEST_URL
    assert key_request_facts(b'URL = "https://example.com/v1"\n', False, urls) == 0


PROGRAM = """\
import json
import os
import urllib.request

from config import API_KEY

URL = os.environ.get(
    "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
) + "/chat/completions"


def chat(question):
    headers = {"Authorization": "Bearer %s" % KEY_READ, "Content-Type": "application/json"}
    payload = {"model": "qwen-plus", "messages": [{"role": "user", "content": question}]}
    request = urllib.request.Request(URL, json.dumps(payload).encode(), headers)
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.load(reply)["choices"][0]["message"]["content"]


print(chat("hi"))
"""


def received(root: Path) -> list[tuple[str, str, str]]:
    """Run chat.py against a loopback server standing for DashScope, the user's OpenAI key in
    API_KEY: (path, model, the variable of the key) of each request the server got."""
    keys = {"API_KEY": OPENAI_KEY, "DASHSCOPE_API_KEY": QWEN_KEY}
    return dashscope_requests(root, keys)


def test_the_imported_setting_sent_with_a_percent_header_fails_check_until_fixed(
    tmp_path, monkeypatch
):
    root = tmp_path / "app"
    root.mkdir()
    monkeypatch.chdir(root)
    (root / "config.py").write_text(
        'import os\n\n# The OpenAI key\nAPI_KEY = os.environ["API_KEY"]\n'
    )
    (root / "chat.py").write_text(PROGRAM.replace("KEY_READ", "API_KEY"))
    assert received(root) == [("/compatible-mode/v1/chat/completions", "qwen-plus", "API_KEY")]
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [
            "chat.py:15:15 ML403 raw HTTP request (URL) "
            + DOCUMENTED.replace("SHOWN", "from config import API_KEY").replace("line 2", "line 4"),
            "1 finding for qwen in 1 of 2 files; 1 error, 0 warning, 0 note",
        ],
    )
    # the fix: the request reads the provider's key variable
    (root / "chat.py").write_text(PROGRAM.replace("KEY_READ", 'os.environ["DASHSCOPE_API_KEY"]'))
    assert received(root) == [
        ("/compatible-mode/v1/chat/completions", "qwen-plus", "DASHSCOPE_API_KEY")
    ]
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for qwen in 0 of 2 files\n")
