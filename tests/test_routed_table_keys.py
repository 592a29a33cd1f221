"""OpenAI model ids keying entries of a table whose endpoint is the provider's (ML205, ML503).

t56f G2: gpt_academic's `model_info` gives every entry `"endpoint": openai_endpoint`; once that
endpoint was read from DASHSCOPE_BASE_URL, each `gpt-*` entry (and its `AVAIL_LLM_MODELS`
menu) sent an OpenAI model to DashScope, and because one entry for a Qwen model stood beside
them, ML205 took the table for one serving both and `check` passed. Now each such key is an
error (a warning where the program may rebind the endpoint), the menu feeding it a warning,
and a table still on OpenAI's endpoint keeps its note. Exact messages, bytes after apply, and
the requests the program sends a loopback server standing for DashScope.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .cli_findings import cli as invoke
from .provider_run import dashscope_requests

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
QWEN_KEY = "sk-" + "0123456789abcdef" * 2

ENDPOINTS = """\
import os

openai_endpoint = os.environ.get(
    "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
) + "/chat/completions"
model_info = {
    "qwen-plus": {"endpoint": openai_endpoint, "max_token": 131072},
    "gpt-4o-mini": {"endpoint": openai_endpoint, "max_token": 128000},
}
"""
CONFIG = 'LLM_MODEL = "qwen-plus"\nAVAIL_LLM_MODELS = ["qwen-plus", "gpt-4o-mini"]\n'
CHAT = """\
import json
import os
import urllib.request

import config
from endpoints import model_info


def chat(question, model):
    assert model in config.AVAIL_LLM_MODELS
    key = os.environ["DASHSCOPE_API_KEY"]
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    payload = {"model": model, "messages": [{"role": "user", "content": question}]}
    data = json.dumps(payload).encode()
    request = urllib.request.Request(model_info[model]["endpoint"], data, headers)
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.load(reply)["choices"][0]["message"]["content"]


print(chat("hi", os.environ.get("LLM_MODEL", config.LLM_MODEL)))
"""
KEY_ERROR = (
    f"endpoints.py:8:5 ML205 'gpt-4o-mini' keys an entry of model_info whose 'endpoint' is "
    f"{QWEN}'s URL (openai_endpoint, line 3): its requests send the OpenAI model "
    f"'gpt-4o-mini' there, which {QWEN} does not serve; apply maps it to 'qwen-plus', which "
    "has an entry here already: drop this one, and 'gpt-4o-mini' from the menus and settings "
    "naming it, by hand (or give the entry an endpoint of OpenAI's, with OpenAI's key, to keep "
    "it on OpenAI)"
)
MENU_WARNING = (
    "'gpt-4o-mini' in a list is an OpenAI model id keying entries of model_info (line 6 of "
    f"endpoints.py) that hold {QWEN}'s URL: a model picked from here goes there as it is, and "
    f"{QWEN} does not serve it; take it out of this list and out of model_info ('qwen-plus', "
    "what apply maps it to, is in both already), by hand"
)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).write_text(text)
    return root


def table_findings(root: Path) -> list[tuple[object, ...]]:
    """The ML205 and ML503 findings of a scan of `root` for Qwen, notes too."""
    scanned = json.loads(invoke("scan", root, "-p", "qwen", "-f", "json", "--show-notes").stdout)
    return [
        (f["path"], f["line"], f["severity"], f["fix"], f["message"], f["data"])
        for f in scanned["findings"]
        if f["rule"] in ("ML205", "ML503")
    ]


def received(root: Path, model: str) -> list[tuple[str, str, str]]:
    """Run chat.py for `model` against a loopback server standing for DashScope: (path,
    model, which key) of each request the server got."""
    return dashscope_requests(root, {"DASHSCOPE_API_KEY": QWEN_KEY}, LLM_MODEL=model)


def test_openai_keys_of_a_table_on_the_providers_endpoint_fail_check(tmp_path, monkeypatch):
    root = tmp_path / "app"
    root.mkdir()
    write(root, {"endpoints.py": ENDPOINTS, "config.py": CONFIG, "chat.py": CHAT})
    monkeypatch.chdir(root)
    # the defect: the menu's OpenAI model goes to DashScope with DashScope's key
    assert received(root, "gpt-4o-mini") == [
        ("/compatible-mode/v1/chat/completions", "gpt-4o-mini", "DASHSCOPE_API_KEY")
    ]
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [
            f"config.py:2:34 ML205 {MENU_WARNING}",
            KEY_ERROR,
            "2 findings for qwen in 2 of 3 files; 1 error, 1 warning, 0 note",
        ],
    )
    assert table_findings(root) == [
        (
            "config.py",
            2,
            "warning",
            "manual",
            MENU_WARNING,
            {"models_from": ["gpt-4o-mini"], "table": "endpoints.py:6"},
        ),
        (
            "endpoints.py",
            8,
            "error",
            "manual",
            KEY_ERROR.split(" ML205 ", 1)[1],
            {"model_from": "gpt-4o-mini", "model_to": "qwen-plus", "endpoint": "openai_endpoint"},
        ),
    ]
    # the fix by hand: the OpenAI model out of the menu and the table
    write(
        root,
        {
            "endpoints.py": ENDPOINTS.replace(
                '    "gpt-4o-mini": {"endpoint": openai_endpoint, "max_token": 128000},\n', ""
            ),
            "config.py": CONFIG.replace(', "gpt-4o-mini"', ""),
        },
    )
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for qwen in 0 of 3 files\n")
    assert received(root, "qwen-plus") == [
        ("/compatible-mode/v1/chat/completions", "qwen-plus", "DASHSCOPE_API_KEY")
    ]


def test_the_menu_in_a_config_file_is_reported_as_in_code(tmp_path, monkeypatch):
    """gpt_academic's docker-compose.yml sets AVAIL_LLM_MODELS in the environment."""
    write(
        tmp_path,
        {
            "endpoints.py": ENDPOINTS,
            "config.py": CONFIG,
            ".env": 'AVAIL_LLM_MODELS=["qwen-plus", "gpt-4o-mini"]\n',
        },
    )
    monkeypatch.chdir(tmp_path)
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout.splitlines()[0]) == (
        1,
        ".env:1:32 ML503 " + MENU_WARNING.replace("in a list", "in the list in AVAIL_LLM_MODELS"),
    )


OPENAI_ENDPOINTS = """\
import os

endpoint = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1") + "/chat/completions"
model_info = {
    "gpt-4o-mini": {"endpoint": endpoint, "max_token": 128000},
    "gpt-3.5-turbo": {"endpoint": endpoint, "max_token": 16385},
}
"""
MOVED = """\
import os

endpoint = (
    os.environ.get(
        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
    )
    + "/chat/completions"
)
model_info = {
    "gpt-4o-mini": {"endpoint": endpoint, "max_token": 128000},
    "gpt-3.5-turbo": {"endpoint": endpoint, "max_token": 16385},
}
"""


def test_keys_of_a_table_whose_endpoint_apply_moves_fail_check_after_apply(tmp_path, monkeypatch):
    write(tmp_path, {"endpoints.py": OPENAI_ENDPOINTS})
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    assert invoke("apply", ".", "-p", "qwen", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / "endpoints.py").read_text() == MOVED
    checked = invoke("check", ".", "-p", "qwen")
    advice = (
        "key this entry by it, with the menus, settings and lookups naming it, by hand (or give "
        "the entry an endpoint of OpenAI's, with OpenAI's key, to keep it on OpenAI)"
    )
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [
            f"endpoints.py:10:5 ML205 'gpt-4o-mini' keys an entry of model_info whose 'endpoint' "
            f"is {QWEN}'s URL (endpoint, line 3): its requests send the OpenAI model "
            f"'gpt-4o-mini' there, which {QWEN} does not serve; apply maps it to 'qwen-plus': "
            + advice,
            f"endpoints.py:11:5 ML205 'gpt-3.5-turbo' keys an entry of model_info whose "
            f"'endpoint' is {QWEN}'s URL (endpoint, line 3): its requests send the OpenAI model "
            f"'gpt-3.5-turbo' there, which {QWEN} does not serve; apply maps it to 'qwen-flash': "
            + advice,
            "2 findings for qwen in 1 of 1 file; 2 error, 0 warning, 0 note",
        ],
    )


def test_a_table_still_on_openais_endpoint_keeps_its_note(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "endpoints.py": ENDPOINTS.replace(
                'os.environ.get(\n    "DASHSCOPE_BASE_URL", '
                '"https://dashscope.aliyuncs.com/compatible-mode/v1"\n)',
                '"https://api.openai.com/v1"',
            ),
            "config.py": CONFIG,
        },
    )
    monkeypatch.chdir(tmp_path)
    assert table_findings(Path(".")) == [
        (
            "endpoints.py",
            6,
            "note",
            "none",
            f"'gpt-4o-mini' of a table keyed by OpenAI model also keyed by {QWEN}'s models "
            "('qwen-plus'): lookups of those find them, and the OpenAI keys serve OpenAI's "
            "models; left as it is",
            {},
        )
    ]


def test_an_endpoint_the_programs_settings_may_rebind_is_a_warning(tmp_path, monkeypatch):
    """gpt_academic replaces `openai_endpoint` with its API_URL setting or API_URL_REDIRECT's
    entry for it: the entries go to the provider by default only."""
    rebound = ENDPOINTS.replace(
        "model_info = {",
        "REDIRECT = {}\nif openai_endpoint in REDIRECT:\n"
        "    openai_endpoint = REDIRECT[openai_endpoint]\nmodel_info = {",
    )
    write(tmp_path, {"endpoints.py": rebound})
    monkeypatch.chdir(tmp_path)
    [(path, line, severity, fix, message, _)] = table_findings(Path("."))
    assert (path, line, severity, fix) == ("endpoints.py", 11, "warning", "manual")
    assert message.startswith(
        f"'gpt-4o-mini' keys an entry of model_info whose 'endpoint' is {QWEN}'s URL "
        "(openai_endpoint, line 3) unless the program replaces it (line 8): its requests send "
        "the OpenAI model 'gpt-4o-mini' there"
    )
