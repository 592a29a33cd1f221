"""Which ruled-out modules sending a key in a request's headers the screening lets through for
ML403 (issue #16: a tree of modules sending a token to another service is not parsed), and
that every header form `raw_request_keys` reads is among them (`"api-key"`, `f"bearer {k}"`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.run_facts import (
    HOLDS_REQUEST_URL,
    NAMES_CHAT_PATH,
    SENDS_KEY_HEADER,
    key_request_facts,
    request_urls,
    sends_key_header,
)

ENDPOINTS = """\
import os

model_info = {
    "qwen-plus": {
        "endpoint": os.environ.get("DASHSCOPE_BASE_URL", "https://example.invalid/v1")
        + "/chat/completions"
    }
}
"""
CONFIG = """\
# The OpenAI key
API_KEY = "put-your-openai-key-here"
"""
ASK = """\
import requests

import config
from endpoints import model_info


def ask(model, question):
    headers = {HEADER}
    payload = {"model": model, "messages": [{"role": "user", "content": question}]}
    return requests.post(model_info[model]["endpoint"], json=payload, headers=headers).json()
"""
GITHUB = """\
import requests


def issues(token, repo):
    url = f"https://api.github.com/repos/{repo}/issues"
    return requests.get(url, headers={"Authorization": f"Bearer {token}"}).json()
"""
HEADERS = {
    "upper_bearer.py": '{"Authorization": "Bearer " + config.API_KEY}',
    "lower_bearer.py": '{"Authorization": f"bearer {config.API_KEY}"}',
    "api_key.py": '{"api-key": config.API_KEY}',
    "x_api_key.py": '{"X-API-Key": config.API_KEY}',
}


def scan(root: Path, *paths: str) -> dict:
    given = [str(root / p) for p in paths] or [str(root)]
    result = CliRunner().invoke(app, ["scan", *given, "-p", "qwen", "--no-cache", "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).write_text(text)
    return root


def test_each_key_header_form_sent_to_the_provider_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    asks = {name: ASK.replace("{HEADER}", header) for name, header in HEADERS.items()}
    write(tmp_path, {"endpoints.py": ENDPOINTS, "config.py": CONFIG, **asks})
    report = scan(tmp_path)
    found = [
        (f["path"], f["line"], f["rule"], f["severity"], f["data"]) for f in report["findings"]
    ]
    data = {"key_from": "API_KEY", "key_env": "DASHSCOPE_API_KEY"}
    assert found == [
        ("api_key.py", 10, "ML403", "error", data),
        ("lower_bearer.py", 10, "ML403", "error", data),
        ("upper_bearer.py", 10, "ML403", "error", data),
        ("x_api_key.py", 10, "ML403", "error", data),
    ]
    # endpoints.py (it reads DASHSCOPE_BASE_URL) and the four modules importing it
    assert (report["files"], report["parsed"]) == (6, 5)


def test_modules_sending_a_token_to_another_service_are_not_parsed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = {f"m{i}.py": GITHUB for i in range(5)}
    files["api.py"] = GITHUB.replace('"Authorization": f"Bearer {token}"', '"x-api-key": token')
    write(tmp_path, files)
    report = scan(tmp_path)
    assert (report["files"], report["parsed"], report["findings"]) == (6, 0, [])


def test_only_the_modules_importing_the_url_module_are_parsed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ask = ASK.replace("{HEADER}", HEADERS["api_key.py"])
    write(tmp_path, {"endpoints.py": ENDPOINTS, "config.py": CONFIG, "ask.py": ask})
    write(
        tmp_path,
        {"github.py": GITHUB, "other.py": GITHUB.replace("import requests", "import config")},
    )
    report = scan(tmp_path)
    assert [(f["path"], f["rule"]) for f in report["findings"]] == [("ask.py", "ML403")]
    assert (report["files"], report["parsed"]) == (5, 2)  # endpoints.py and ask.py


@pytest.mark.parametrize(
    ("module", "parsed"),
    [
        # a chat path named beside the key header
        ('URL = BASE + "/chat/completions"\nH = {"Authorization": f"Bearer {KEY}"}\n', 1),
        # the provider's host
        ('URL = "https://dashscope.aliyuncs.com/x"\nH = {"api-key": KEY}\n', 1),
        # neither
        ('URL = BASE + "/v1/issues"\nH = {"Authorization": f"Bearer {KEY}"}\n', 0),
        # a chat path without a key header
        ('URL = BASE + "/chat/completions"\nH = {"Authorization": KEY}\n', 0),
    ],
)
def test_a_module_naming_a_chat_path_or_the_providers_host_is_parsed(
    tmp_path, monkeypatch, module, parsed
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"client.py": module})
    report = scan(tmp_path)
    assert (report["files"], report["parsed"]) == (1, parsed)


@pytest.mark.parametrize(
    ("text", "sends"),
    [
        ('{"Authorization": f"Bearer {key}"}', True),
        ('{"Authorization": "bearer " + key}', True),
        ("{'authorization': 'BEARER %s' % key}", True),
        ('{"api-key": key}', True),
        ('{"Api-Key": key}', True),
        ("{'X-API-KEY': key}", True),
        ('{"x-api-key": key}', True),
        ('{"Authorization": token}', False),  # no scheme: the github modules of issue #16
        ('X = "Bearer"', False),  # no key after it
        ("# send it with a bearer token", False),
        ('{"my-api-key-name": key}', False),
    ],
)
def test_key_headers_in_any_case(text, sends):
    assert sends_key_header(text.encode()) is sends


def test_key_request_facts():
    urls = request_urls(("api.openai.com", "DASHSCOPE_BASE_URL", "dashscope.aliyuncs.com"))
    header = b'H = {"Authorization": f"Bearer {k}"}\n'
    assert key_request_facts(header, False, urls) == SENDS_KEY_HEADER
    chat = header + b'URL = base + "/chat/completions"\n'
    assert key_request_facts(chat, False, urls) == SENDS_KEY_HEADER | NAMES_CHAT_PATH
    host = header + b'URL = "https://dashscope.aliyuncs.com/v1"\n'
    assert key_request_facts(host, False, urls) == SENDS_KEY_HEADER | HOLDS_REQUEST_URL
    # a module the prefilter lets through is only searched for a URL
    assert key_request_facts(b'URL = "https://api.openai.com/v1"\n', True, urls) == (
        HOLDS_REQUEST_URL
    )
    assert key_request_facts(chat, True, urls) == 0
    assert key_request_facts(b'URL = base + "/chat/completions"\n', False, urls) == 0


@pytest.mark.parametrize("cached", [False, True])
def test_a_run_given_the_module_alone_reads_the_url_module_beyond_it(tmp_path, monkeypatch, cached):
    """A pre-commit hook's run, given only the module it changed: endpoints.py, beyond the
    run, holds the provider's URL."""
    monkeypatch.chdir(tmp_path)
    ask = ASK.replace("{HEADER}", HEADERS["lower_bearer.py"])
    write(tmp_path, {"endpoints.py": ENDPOINTS, "config.py": CONFIG, "ask.py": ask})
    write(tmp_path, {"github.py": GITHUB})
    cache = ["--cache-dir", str(tmp_path.parent / "cache")] if cached else ["--no-cache"]
    for _ in range(2 if cached else 1):  # the second run reads the cache's screenings
        result = CliRunner().invoke(
            app, ["scan", "ask.py", "github.py", "-p", "qwen", *cache, "-f", "json"]
        )
        report = json.loads(result.stdout)
        assert [(f["path"], f["line"], f["rule"]) for f in report["findings"]] == [
            ("ask.py", 10, "ML403")
        ]
    assert report["files"] == 2
