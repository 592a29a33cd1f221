"""A raw request whose URL points at the provider while its key is still the one the user set
for OpenAI (t56a D1: gpt_academic's `openai_endpoint` moved to DashScope by hand, its
`API_KEY` setting still the OpenAI key): ML403 reports the request until its key is the
provider's, and the message names the setting to give the provider's key (D5)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .cli_findings import cli as invoke
from .provider_run import dashscope_requests

# the user's OpenAI key, as the program's setting holds it
OPENAI_KEY = "sk-proj-" + "Rm4TqZ8wLx2Nc7Vb5Hj3Kp9Ds6Fg1Ya0Ue8Wo4Ti2Qs7Mn5L"
QWEN_KEY = "sk-" + "0123456789abcdef" * 2
QWEN = "Alibaba Qwen (DashScope / Model Studio)"

ENDPOINTS = """\
import os

openai_endpoint = os.environ.get(
    "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
) + "/chat/completions"
model_info = {"qwen-plus": {"endpoint": openai_endpoint}}
"""
CONFIG = """\
# The OpenAI key (the program also reads it from the environment variable API_KEY)
API_KEY = "put-your-openai-key-here"
LLM_MODEL = "qwen-plus"
"""
CHAT = """\
import json
import os
import urllib.request

import config
from endpoints import model_info


def get_conf(name):
    return os.environ.get(name, getattr(config, name))


def chat(question):
    model = get_conf("LLM_MODEL")
    headers = {"Authorization": f"Bearer {KEY_READ}", "Content-Type": "application/json"}
    payload = {"model": model, "messages": [{"role": "user", "content": question}]}
    data = json.dumps(payload).encode()
    request = urllib.request.Request(model_info[model]["endpoint"], data, headers)
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.load(reply)["choices"][0]["message"]["content"]


print(chat("hi"))
"""
SETTING_READ = "get_conf('API_KEY')"
PROVIDER_READ = "os.environ['DASHSCOPE_API_KEY']"
ERROR = (
    'chat.py:18:15 ML403 raw HTTP request (model_info[model]["endpoint"], '
    f"{QWEN}'s URL from endpoints) sends {QWEN} the key from the setting API_KEY "
    f"(`get_conf('API_KEY')`), which config.py documents as OpenAI's key (line 2): the OpenAI "
    f"key would go to {QWEN}; set API_KEY to {QWEN}'s key (or send the key from "
    "DASHSCOPE_API_KEY), by hand"
)


def project(root: Path, key_read: str, config: str = CONFIG, chat: str = CHAT) -> Path:
    (root / "endpoints.py").write_text(ENDPOINTS)
    (root / "config.py").write_text(config)
    (root / "chat.py").write_text(chat.replace("KEY_READ", key_read))
    return root


def received(root: Path) -> list[tuple[str, str, str]]:
    """Run chat.py against a loopback server standing for DashScope, with the user's OpenAI
    key in API_KEY: (path, model, which key) of each request the server got."""
    keys = {"API_KEY": OPENAI_KEY, "DASHSCOPE_API_KEY": QWEN_KEY}
    return dashscope_requests(root, keys)


def test_the_openai_key_sent_to_the_provider_fails_check_until_the_key_is_fixed(
    tmp_path, monkeypatch
):
    root = tmp_path / "app"
    root.mkdir()
    monkeypatch.chdir(project(root, SETTING_READ))
    assert received(root) == [("/compatible-mode/v1/chat/completions", "qwen-plus", "API_KEY")]
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [ERROR, "1 finding for qwen in 1 of 3 files; 1 error, 0 warning, 0 note"],
    )
    # the key fix: the request reads the provider's key variable
    project(root, PROVIDER_READ)
    assert received(root) == [
        ("/compatible-mode/v1/chat/completions", "qwen-plus", "DASHSCOPE_API_KEY")
    ]
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for qwen in 0 of 3 files\n")


def test_a_setting_not_said_to_be_openais_is_a_warning_naming_it(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path, SETTING_READ, CONFIG.split("\n", 1)[1]))
    scanned = json.loads(invoke("scan", ".", "-p", "qwen", "-f", "json").stdout)
    (finding,) = scanned["findings"]
    assert {k: finding[k] for k in ("path", "line", "rule", "severity", "fix", "data")} == {
        "path": "chat.py",
        "line": 18,
        "rule": "ML403",
        "severity": "warning",
        "fix": "manual",
        "data": {"key_from": "API_KEY", "key_env": "DASHSCOPE_API_KEY"},
    }
    assert finding["message"] == (
        f'raw HTTP request (model_info[model]["endpoint"], {QWEN}\'s URL from endpoints) '
        f"sends {QWEN} the key from the setting API_KEY (`get_conf('API_KEY')`), not traced to "
        f"DASHSCOPE_API_KEY: an OpenAI key there would go to {QWEN}; set API_KEY to {QWEN}'s "
        "key (or send the key from DASHSCOPE_API_KEY), by hand"
    )
    assert invoke("apply", ".", "-p", "qwen", "--diff").stdout == ""


@pytest.mark.parametrize(
    ("key_read", "severity", "said"),
    [
        (
            "os.environ['OPENAI_TOKEN_FOR_CHAT']",
            "error",
            "the variable OPENAI_TOKEN_FOR_CHAT, whose name names OpenAI: the OpenAI key would "
            "go to",
        ),
        (
            "os.environ['LLM_KEY']",
            "warning",
            "the variable LLM_KEY, not traced to DASHSCOPE_API_KEY: an OpenAI key there would "
            "go to",
        ),
        (
            "config.API_KEY",
            "error",
            "the setting API_KEY (`config.API_KEY`), which config.py documents as OpenAI's key "
            "(line 2): the OpenAI key would go to",
        ),
    ],
)
def test_where_the_key_comes_from_decides_the_severity(
    tmp_path, monkeypatch, key_read, severity, said
):
    monkeypatch.chdir(project(tmp_path, key_read))
    scanned = json.loads(invoke("scan", ".", "-p", "qwen", "-f", "json").stdout)
    (finding,) = [f for f in scanned["findings"] if f["rule"] == "ML403"]
    assert finding["severity"] == severity
    assert f"sends {QWEN} the key from {said} {QWEN}; " in finding["message"]


def test_before_the_url_moves_the_request_names_the_setting_to_change_with_it(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(project(tmp_path, SETTING_READ))
    (tmp_path / "endpoints.py").write_text(
        'openai_endpoint = "https://api.openai.com/v1/chat/completions"\n'
        'model_info = {"qwen-plus": {"endpoint": openai_endpoint}}\n'
    )
    lines = invoke("check", ".", "-p", "qwen").stdout.splitlines()
    assert lines[0] == (
        'chat.py:18:15 ML403 raw HTTP request (model_info[model]["endpoint"], OpenAI\'s URL '
        "from endpoints) sends the key from the setting API_KEY (`get_conf('API_KEY')`): where "
        f"that URL is pointed at {QWEN} (ML402), set API_KEY to {QWEN}'s key with it (or send "
        f"the key from DASHSCOPE_API_KEY), by hand, or the OpenAI key goes to {QWEN}"
    )
    assert [line.split(" ")[:2] for line in lines[1:-1]] == [["endpoints.py:1:20", "ML402"]]


def test_a_request_left_on_openai_says_which_setting_holds_its_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ask.py").write_text(
        "import httpx\nfrom settings import get_conf\n\n"
        'URL = "https://api.openai.com/v1/chat/completions"\n\n\n'
        "def ask(q):\n"
        '    headers = {"Authorization": f"Bearer {get_conf(\'API_KEY\')}"}\n'
        '    return httpx.post(URL, headers=headers, json={"messages": q})\n'
    )
    (finding,) = json.loads(invoke("scan", ".", "-p", "qwen", "-f", "json").stdout)["findings"]
    assert finding["message"] == (
        "raw HTTP request to OpenAI (POST https://api.openai.com/v1/chat/completions) left "
        "unchanged: the key it sends is not traced to a read of OPENAI_API_KEY in this module; "
        f"send it to {QWEN}'s base URL (DASHSCOPE_BASE_URL) with the key from DASHSCOPE_API_KEY "
        "by hand (its key now comes from the setting API_KEY (`get_conf('API_KEY')`): read "
        f"DASHSCOPE_API_KEY there, or set API_KEY to {QWEN}'s key), or use the openai SDK"
    )


def test_an_openai_key_variable_sent_to_the_provider_url_of_a_project_module_is_an_error(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(project(tmp_path, "os.environ['OPENAI_API_KEY']"))
    scanned = json.loads(invoke("check", ".", "-p", "qwen", "-f", "json").stdout)
    (finding,) = scanned["findings"]
    assert (finding["rule"], finding["severity"], finding["fix"]) == ("ML403", "error", "manual")
    assert finding["message"] == (
        'raw HTTP request (model_info[model]["endpoint"]) with the key from OPENAI_API_KEY left '
        f"unchanged: its URL is {QWEN}'s (from endpoints) and its key is read from "
        f"OPENAI_API_KEY: the OpenAI key would go to {QWEN}; send it to {QWEN}'s base URL "
        "(DASHSCOPE_BASE_URL) with the key from DASHSCOPE_API_KEY by hand, or use the openai SDK"
    )


def test_a_setting_a_gitignored_settings_module_sets_to_a_key_is_an_error(tmp_path, monkeypatch):
    # t56a D2 with D1: gpt_academic's config_private.py, imported over config.py
    monkeypatch.chdir(project(tmp_path, SETTING_READ, CONFIG.split("\n", 1)[1]))
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("config_private.py\n")
    (tmp_path / "config_private.py").write_text(f'API_KEY = "{OPENAI_KEY}"\n')
    chat = (tmp_path / "chat.py").read_text()
    (tmp_path / "chat.py").write_text(
        chat.replace("import config\n", "import config\nimport config_private  # noqa: F401\n")
    )
    checked = invoke("check", ".", "-p", "qwen")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        'chat.py:19:15 ML403 raw HTTP request (model_info[model]["endpoint"], '
        f"{QWEN}'s URL from endpoints) sends {QWEN} the key from the setting API_KEY "
        "(`get_conf('API_KEY')`), which config_private.py sets to a key of OpenAI's `sk-` shape "
        f"(line 1): the OpenAI key would go to {QWEN}; set API_KEY to {QWEN}'s key (or send the "
        "key from DASHSCOPE_API_KEY), by hand",
        "config_private.py:1:11 ML004 hard-coded API key sk-pr…5L; read it from "
        "DASHSCOPE_API_KEY and rotate it (in a gitignored module that chat.py:6 imports)",
        "2 findings for qwen in 2 of 4 files; 2 error, 0 warning, 0 note",
    ]
    assert OPENAI_KEY not in checked.output


# t56f G1: the headers built in a function of the module and returned (repro5b), also as the
# first element of a returned tuple with the key picked by a selector (gpt_academic's
# `headers, payload = generate_payload(...)`, `select_api_key(...)`)
HELPER_CHAT = """\
import json
import os
import urllib.request

import config
from endpoints import model_info


def get_conf(name):
    return os.environ.get(name, getattr(config, name))


def make_headers():
    return {"Authorization": f"Bearer {KEY_READ}", "Content-Type": "application/json"}


def chat(question):
    model = get_conf("LLM_MODEL")
    headers = make_headers()
    payload = {"model": model, "messages": [{"role": "user", "content": question}]}
    data = json.dumps(payload).encode()
    request = urllib.request.Request(model_info[model]["endpoint"], data, headers)
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.load(reply)["choices"][0]["message"]["content"]


print(chat("hi"))
"""
TUPLE_CHAT = """\
import json
import os
import urllib.request

import config
from endpoints import model_info


def get_conf(name):
    return os.environ.get(name, getattr(config, name))


def select_key(model):
    if model.startswith(("gpt-", "qwen-")):
        return KEY_READ
    raise RuntimeError("no key for " + model)


def generate_payload(question, model):
    key = select_key(model)
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    payload = {"model": model, "messages": [{"role": "user", "content": question}]}
    return headers, payload


def chat(question):
    model = get_conf("LLM_MODEL")
    headers, payload = generate_payload(question, model)
    data = json.dumps(payload).encode()
    request = urllib.request.Request(model_info[model]["endpoint"], data, headers)
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.load(reply)["choices"][0]["message"]["content"]


print(chat("hi"))
"""
SELECTED = 'the setting API_KEY (`get_conf("API_KEY")`) through `select_key(model)`'


def test_headers_a_helper_returns_send_the_openai_key_until_it_reads_the_provider_key(
    tmp_path, monkeypatch
):
    root = tmp_path / "app"
    root.mkdir()
    monkeypatch.chdir(project(root, SETTING_READ, chat=HELPER_CHAT))
    assert received(root) == [("/compatible-mode/v1/chat/completions", "qwen-plus", "API_KEY")]
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [
            ERROR.replace("chat.py:18:15", "chat.py:22:15"),
            "1 finding for qwen in 1 of 3 files; 1 error, 0 warning, 0 note",
        ],
    )
    project(root, PROVIDER_READ, chat=HELPER_CHAT)
    assert received(root) == [
        ("/compatible-mode/v1/chat/completions", "qwen-plus", "DASHSCOPE_API_KEY")
    ]
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for qwen in 0 of 3 files\n")


def test_headers_unpacked_from_a_returned_tuple_with_a_selected_key(tmp_path, monkeypatch):
    root = tmp_path / "app"
    root.mkdir()
    monkeypatch.chdir(project(root, 'get_conf("API_KEY")', chat=TUPLE_CHAT))
    assert received(root) == [("/compatible-mode/v1/chat/completions", "qwen-plus", "API_KEY")]
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [
            'chat.py:30:15 ML403 raw HTTP request (model_info[model]["endpoint"], '
            f"{QWEN}'s URL from endpoints) sends {QWEN} the key from {SELECTED}, which "
            f"config.py documents as OpenAI's key (line 2): the OpenAI key would go to {QWEN}; "
            f"set API_KEY to {QWEN}'s key (or send the key from DASHSCOPE_API_KEY), by hand",
            "1 finding for qwen in 1 of 3 files; 1 error, 0 warning, 0 note",
        ],
    )
    project(root, PROVIDER_READ, chat=TUPLE_CHAT)
    assert received(root) == [
        ("/compatible-mode/v1/chat/completions", "qwen-plus", "DASHSCOPE_API_KEY")
    ]
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for qwen in 0 of 3 files\n")


@pytest.mark.parametrize(
    ("key_read", "severity", "said"),
    [
        (
            "config.API_KEY",
            "error",
            "the setting API_KEY (`config.API_KEY`) through `select_key(model)`, which config.py "
            "documents as OpenAI's key (line 2): the OpenAI key would go to",
        ),
        (
            "os.environ['OPENAI_API_KEY']",
            "error",
            "the variable OPENAI_API_KEY through `select_key(model)`, whose name names OpenAI: "
            "the OpenAI key would go to",
        ),
        (
            "os.environ['LLM_KEY']",
            "warning",
            "the variable LLM_KEY through `select_key(model)`, not traced to DASHSCOPE_API_KEY: "
            "an OpenAI key there would go to",
        ),
    ],
)
def test_a_key_selector_of_the_module_is_followed_to_what_it_returns(
    tmp_path, monkeypatch, key_read, severity, said
):
    monkeypatch.chdir(project(tmp_path, key_read, chat=TUPLE_CHAT))
    checked = json.loads(invoke("check", ".", "-p", "qwen", "-f", "json").stdout)
    (finding,) = [f for f in checked["findings"] if f["rule"] == "ML403"]
    assert (finding["line"], finding["severity"]) == (30, severity)
    assert f"sends {QWEN} the key from {said} {QWEN}; " in finding["message"]


def test_a_method_building_the_headers_is_followed_and_a_key_from_elsewhere_warns(
    tmp_path, monkeypatch
):
    # t56f repro5: the key picked by a selector of another module, from what the caller gave
    monkeypatch.chdir(tmp_path)
    project(tmp_path, SETTING_READ)
    (tmp_path / "keys.py").write_text(
        "def select_api_key(keys, model):\n"
        '    return [k for k in keys.split(",") if k.startswith("sk-")][0]\n'
    )
    (tmp_path / "chat.py").write_text(
        "import requests\n\n"
        "from endpoints import model_info\n"
        "from keys import select_api_key\n\n\n"
        "class Bridge:\n"
        "    def __init__(self, llm_kwargs):\n"
        "        self.llm_kwargs = llm_kwargs\n\n"
        "    def generate_payload(self, question):\n"
        "        kwargs = self.llm_kwargs\n"
        '        key = select_api_key(kwargs["api_key"], kwargs["llm_model"])\n'
        '        headers = {"Authorization": f"Bearer {key}"}\n'
        '        return headers, {"model": kwargs["llm_model"], "messages": question}\n\n'
        "    def chat(self, question):\n"
        "        headers, payload = self.generate_payload(question)\n"
        '        url = model_info[self.llm_kwargs["llm_model"]]["endpoint"]\n'
        "        return requests.post(url, headers=headers, json=payload, timeout=10)\n"
    )
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [
            "chat.py:20:16 ML403 raw HTTP request (POST url, "
            f"{QWEN}'s URL from endpoints) sends {QWEN} the key from "
            '`select_api_key(kwargs["api_key"], kwargs["llm_model"])`, not traced to '
            f"DASHSCOPE_API_KEY: an OpenAI key there would go to {QWEN}; send the key from "
            "DASHSCOPE_API_KEY there, by hand",
            "1 finding for qwen in 1 of 4 files; 0 error, 1 warning, 0 note",
        ],
    )


def test_gpt_academics_shape_a_namespace_package_and_a_url_passed_through(tmp_path, monkeypatch):
    # t56f G1 on gpt_academic: request_llms/ has no __init__.py, bridge_chatgpt.py imports
    # model_info inside the function and posts `verify_endpoint(model_info[m]["endpoint"])`
    monkeypatch.chdir(tmp_path)
    project(tmp_path, SETTING_READ)
    (tmp_path / "request_llms").mkdir()
    (tmp_path / "request_llms" / "bridge_all.py").write_text(ENDPOINTS)
    (tmp_path / "request_llms" / "bridge_chatgpt.py").write_text(
        "import requests\n\n"
        "from toolbox import get_conf\n\n\n"
        "def verify_endpoint(endpoint):\n"
        '    if "your-api-name" in endpoint:\n'
        "        raise ValueError(endpoint)\n"
        "    return endpoint\n\n\n"
        "def generate_payload(question, model):\n"
        '    headers = {"Authorization": f"Bearer {get_conf(\'API_KEY\')}"}\n'
        '    return headers, {"model": model, "messages": question}\n\n\n'
        "def predict(question, model):\n"
        "    from request_llms.bridge_all import model_info\n\n"
        "    headers, payload = generate_payload(question, model)\n"
        '    endpoint = verify_endpoint(model_info[model]["endpoint"])\n'
        "    return requests.post(endpoint, headers=headers, json=payload, timeout=10)\n"
    )
    checked = invoke("check", "request_llms", "-p", "qwen")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [
            "request_llms/bridge_chatgpt.py:22:12 ML403 raw HTTP request (POST endpoint, "
            f"{QWEN}'s URL from request_llms.bridge_all) sends {QWEN} the key from the setting "
            "API_KEY (`get_conf('API_KEY')`), not traced to DASHSCOPE_API_KEY: an OpenAI key "
            f"there would go to {QWEN}; set API_KEY to {QWEN}'s key (or send the key from "
            "DASHSCOPE_API_KEY), by hand",
            "1 finding for qwen in 1 of 2 files; 0 error, 1 warning, 0 note",
        ],
    )
