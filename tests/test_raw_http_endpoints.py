"""OpenAI endpoints and raw requests (t41a: gpt_academic, ChuanhuChatGPT): ML402's advice for
an endpoint keeps its path, a request to the provider's base URL alone keeps `check` red, a
request whose URL comes from a module of the project holding an OpenAI endpoint (or is not
shown) is left with its model, and a URL used as the key of a lookup is a note."""

from __future__ import annotations

import importlib
import os
import sys

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES

from .cli_findings import invoke, write
from .loopback_server import LoopbackServer
from .test_keys_and_http import LEFT, findings
from .test_project_facts import ACME, TARGET, found

CHAT = "https://api.openai.com/v1/chat/completions"
# t51b: gpt_academic's `openai_endpoint` is sent with its OpenAI key and gpt-* models; the
# advice names the key and the models that change with the URL
SENT_WITH = (
    "; change with it the key and the models its requests carry (Acme Cloud's key from "
    "ACME_API_KEY, Acme Cloud's models), or the program's OpenAI key and models go to Acme Cloud"
)
ENDPOINT = (
    f"hard-coded OpenAI URL {CHAT}; replace it with Acme Cloud's base URL + /chat/completions "
    "by hand (https://api.acme.example/v1/chat/completions, the base URL read from "
    f"ACME_BASE_URL): the base URL alone is no endpoint{SENT_WITH}"
)


def rows(found_, *rules):
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in found_
        if not rules or f.rule in rules
    ]


def applied(registry, text):
    """The text after apply, asserting a second apply edits nothing."""
    found_ = findings(registry, text, rules=PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found_)
    again = findings(registry, after, rules=PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    return after


# -- D1: the advice for an endpoint keeps its path ----------------------------------------


@pytest.mark.parametrize(
    ("url", "advice"),
    [
        (CHAT, ENDPOINT.split("; ", 1)[1]),
        (
            "https://api.openai.com/v1/embeddings?x=1",
            "replace it with Acme Cloud's base URL + /embeddings by hand "
            "(https://api.acme.example/v1/embeddings, the base URL read from ACME_BASE_URL): "
            f"the base URL alone is no endpoint{SENT_WITH}",
        ),
        (
            "https://api.openai.com/v1/images/generations",
            "replace it by hand: Acme Cloud does not serve /images/generations (images)",
        ),
        (
            "https://api.openai.com/v1/traces/ingest",
            "replace it with Acme Cloud's base URL by hand",
        ),
    ],
)
def test_the_advice_for_an_openai_endpoint_keeps_its_path(registry, url, advice):
    text = f'URL = "{url}"\n'
    assert rows(findings(registry, text)) == [
        (1, "ML402", "warning", "manual", f"hard-coded OpenAI URL {url}; {advice}")
    ]
    assert applied(registry, text) == text


BARE = """import os

import httpx

URL = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")


def ask(text):
    headers = {"Authorization": f"Bearer {os.environ['ACME_API_KEY']}"}
    body = {"model": "acme-small", "messages": [{"role": "user", "content": text}]}
    response = httpx.post(URL, headers=headers, json=body, timeout=10)
    return response.json()["choices"][0]["message"]["content"]
"""
WITH_PATH = BARE.replace("httpx.post(URL,", 'httpx.post(URL + "/chat/completions",')
BARE_LEFT = (
    "raw HTTP request (POST https://api.acme.example/v1) to Acme Cloud's base URL itself, "
    "which is no endpoint (the server answers 404): write the base URL plus the path of the "
    "API it calls (/chat/completions for chat), by hand"
)


@pytest.mark.parametrize(
    "text",
    [
        BARE,
        BARE.replace(
            'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")',
            ('"https://api.acme.example/v1/"'),
        ),
        BARE.replace(
            'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")',
            ('os.environ["ACME_BASE_URL"]'),
        ),
    ],
)
def test_a_request_to_the_providers_base_url_alone_is_an_error(registry, text):
    shown = "https://api.acme.example/v1/" if '"https://api.acme.example/v1/"' in text else None
    message = BARE_LEFT if shown is None else BARE_LEFT.replace("/v1)", "/v1/)")
    assert rows(findings(registry, text, rules=PYTHON_RULES)) == [
        (11, "ML403", "error", "manual", message)
    ]
    assert applied(registry, text) == text


def test_a_request_to_the_base_url_plus_a_path_is_no_finding(registry):
    assert rows(findings(registry, WITH_PATH, rules=PYTHON_RULES)) == []


def _ask(text, loopback, monkeypatch):
    for name in list(os.environ):
        if "OPENAI" in name or name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("ACME_BASE_URL", loopback.base + "/v1")
    monkeypatch.setenv("ACME_API_KEY", "acme-loopback-key")
    try:
        import httpx  # noqa: F401
    except ModuleNotFoundError:  # the openai SDK here ships its HTTP client as httpx2
        monkeypatch.setitem(sys.modules, "httpx", importlib.import_module("httpx2"))
    namespace: dict = {}
    exec(compile(text, "app.py", "exec"), namespace)
    return namespace["ask"]


@pytest.fixture
def loopback():
    running = LoopbackServer().start()
    yield running
    running.stop()


def test_check_stays_red_until_the_base_url_has_its_path(
    tmp_path, monkeypatch, loopback, no_network
):
    """A module that names no OpenAI any more is still read: its request to the bare base URL
    misses the endpoint at run time, the one with the path reaches it."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": BARE})
    code, out = invoke("check", ".", *ACME)
    assert (code, out.splitlines()[0]) == (1, f"app.py:11:16 ML403 {BARE_LEFT}")
    with pytest.raises(KeyError):
        _ask(BARE, loopback, monkeypatch)("hi")
    assert [r.path for r in loopback.requests] == ["/v1"]
    write(tmp_path, {"app.py": WITH_PATH})
    assert invoke("check", ".", *ACME)[0] == 0
    assert isinstance(_ask(WITH_PATH, loopback, monkeypatch)("hi"), str)
    request = loopback.requests[-1]
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer acme-loopback-key"


# -- D2, D3: a request whose URL comes from another module, or is not shown ----------------


ENDPOINTS = f'openai_endpoint = "{CHAT}"\n'
CLIENT = """import requests
from endpoints import openai_endpoint

API_KEY = "sk-proj-xxx"


def ask(q):
    r = requests.post(
        openai_endpoint,
        headers={"Authorization": f"Bearer {API_KEY}"},
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": q}]},
    )
    return r.json()["choices"][0]["message"]["content"]
"""
PROJECT_LEFT = (
    "raw HTTP request (POST openai_endpoint) left unchanged: its URL is imported from the "
    "project (`endpoints`), and a module of the project holds an OpenAI URL with an API path, "
    f"which apply leaves (ML402): it may go there; {LEFT}"
)
MODEL_LEFT = (
    "entry 'model' = 'gpt-4o' is sent by the raw request on line 8, whose URL may be OpenAI's "
    "and which apply leaves unchanged (ML403); change the model with the request, by hand"
)


def test_a_request_to_an_openai_endpoint_of_another_module_is_left_with_its_model(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"endpoints.py": ENDPOINTS, "client.py": CLIENT})
    assert found(".") == {
        "client.py": [("ML403", 8, "manual", PROJECT_LEFT), ("ML204", 11, "manual", MODEL_LEFT)],
        "endpoints.py": [("ML402", 1, "manual", ENDPOINT)],
    }
    for _ in range(2):  # a second apply changes nothing either
        assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
        assert (tmp_path / "client.py").read_text() == CLIENT
        assert (tmp_path / "endpoints.py").read_text() == ENDPOINTS
    assert invoke("check", ".", *ACME)[0] == 1
    # the endpoint switched as ML402 says: the model is then the person's to change
    switched = 'import os\n\nopenai_endpoint = os.environ.get("ACME_BASE_URL", ' + (
        '"https://api.acme.example/v1") + "/chat/completions"\n'
    )
    write(tmp_path, {"endpoints.py": switched})
    assert found(".") == {
        "client.py": [("ML403", 8, "manual", UNKNOWN), ("ML204", 11, "manual", MODEL_LEFT)]
    }
    write(tmp_path, {"client.py": CLIENT.replace("gpt-4o", "acme-large")})
    assert invoke("check", ".", *ACME)[0] == 0


UNKNOWN = (
    "raw HTTP request (POST openai_endpoint) sending an OpenAI model left unchanged: its URL "
    f"is not shown in this module; {LEFT}"
)


def test_a_request_of_a_module_scanned_alone_keeps_its_openai_model(tmp_path, monkeypatch):
    """Without its project, the URL is one the module does not show: the model stays too."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"endpoints.py": ENDPOINTS, "client.py": CLIENT})
    assert found("client.py") == {
        "client.py": [("ML403", 8, "manual", UNKNOWN), ("ML204", 11, "manual", MODEL_LEFT)]
    }


UNSHOWN = """import httpx


def ask(url, q):
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": q}]}
    return httpx.post(url, json=body).json()
"""


def test_an_openai_model_sent_to_a_url_not_shown_is_left(registry):
    assert rows(findings(registry, UNSHOWN, rules=PYTHON_RULES), "ML403", "ML204") == [
        (
            5,
            "ML204",
            "warning",
            "manual",
            "entry 'model' = 'gpt-4o' is sent by the raw request on line 6, whose URL may be "
            "OpenAI's and which apply leaves unchanged (ML403); change the model with the "
            "request, by hand",
        ),
        (
            6,
            "ML403",
            "error",
            "manual",
            "raw HTTP request (POST url) sending an OpenAI model left unchanged: its URL is not "
            f"shown in this module; {LEFT}",
        ),
    ]
    assert applied(registry, UNSHOWN) == UNSHOWN


@pytest.mark.parametrize("model", ["acme-small", "llama3"])
def test_another_model_sent_to_a_url_not_shown_is_no_request_of_openai(registry, model):
    text = UNSHOWN.replace("gpt-4o", model)
    assert rows(findings(registry, text, rules=PYTHON_RULES), "ML403") == []


# -- D6: an OpenAI URL as the key of a lookup ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f'REDIRECT = {{}}\nrd = REDIRECT.get("{CHAT}", None)\n', "REDIRECT.get(...)"),
        (f'rd = conf.pop("{CHAT}", None)\n', "conf.pop(...)"),
        (f'REDIRECT = {{}}\nrd = REDIRECT["{CHAT}"]\n', "REDIRECT[...]"),
    ],
)
def test_an_openai_url_looked_up_in_a_table_is_a_note(registry, text, shown):
    line = text.count("\n")
    assert rows(findings(registry, text)) == [
        (
            line,
            "ML402",
            "note",
            "none",
            f"OpenAI URL {CHAT} as the key of a lookup ({shown}): a table of the program keyed "
            "by OpenAI's URL; nothing is sent there; left",
        )
    ]
    assert applied(registry, text) == text


REDIRECT_CHECK = f"""API_URL_REDIRECT = {{}}


def check_redirect():
    oai_rd = API_URL_REDIRECT.get("{CHAT}", None)
    if oai_rd and not oai_rd.endswith("/completions"):
        print("redirect looks wrong")
"""


def test_check_passes_a_redirect_table_keyed_by_openais_url(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": REDIRECT_CHECK})
    assert invoke("check", ".", *ACME)[0] == 0


# -- t50d (JARVIS): a raw request moved to an API the provider serves only in part ---------

# what DeepSeek's file says it serves of /completions, and where the rest goes (`[partial]`)
FIM_OFFER = (
    "DeepSeek serves completions only at https://api.deepseek.com/beta/completions (another "
    "base URL), as fill-in-the-middle: a prompt and an optional suffix, in non-thinking mode; "
    "its chat API serves the rest at https://api.deepseek.com/chat/completions (the prompt as "
    "a user message, the reply in choices[0].message.content)"
)

LEGACY_COMPLETION = """import os
import requests

HEADERS = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"}


def complete(prompt):
    data = {"model": "davinci-002", "prompt": prompt}
    return requests.post("https://api.openai.com/v1/completions", headers=HEADERS, json=data)
"""


def test_a_request_moved_to_an_api_served_in_part_stays_a_warning(registry):
    before = rows(findings(registry, LEGACY_COMPLETION, "deepseek"), "ML403")
    assert before[-1] == (
        9,
        "ML403",
        "error",
        "review",
        "raw HTTP request to OpenAI (POST https://api.openai.com/v1/completions): sent to "
        "DeepSeek's base URL from DEEPSEEK_BASE_URL with the key from DEEPSEEK_API_KEY; "
        f"{FIM_OFFER}: then send it to one of them, by hand",
    )
    found_ = findings(registry, LEGACY_COMPLETION, "deepseek", rules=PYTHON_RULES)
    after, _ = migrate_text(LEGACY_COMPLETION, "python", "app.py", found_)
    assert '+ "/completions"' in after
    # the 404 DeepSeek answers there (FIM only, on its /beta base) keeps check red
    assert rows(findings(registry, after, "deepseek"), "ML403") == [
        (
            9,
            "ML403",
            "warning",
            "manual",
            "raw HTTP request (POST https://api.deepseek.com/completions) to DeepSeek: "
            f"{FIM_OFFER}: send it to one of them, by hand (see https://api-docs.deepseek.com)",
        )
    ]


def test_a_request_to_an_api_the_provider_serves_is_quiet_after_apply(registry):
    text = LEGACY_COMPLETION.replace("/v1/completions", "/v1/chat/completions")
    found_ = findings(registry, text, "deepseek", rules=PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found_)
    assert '+ "/chat/completions"' in after
    assert rows(findings(registry, after, "deepseek"), "ML403") == []


def test_a_request_to_an_api_the_provider_lacks_is_an_error(registry):
    text = (
        "import os\nimport requests\n"
        'base = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
        'r = requests.post(base + "/embeddings", json={"input": "x"})\n'
    )
    [(line, _, severity, fix, message)] = rows(findings(registry, text, "deepseek"), "ML403")
    assert (line, severity, fix) == (4, "error", "manual")
    assert message.startswith(
        "raw HTTP request (POST https://api.deepseek.com/embeddings) to DeepSeek: DeepSeek "
        "has no OpenAI-compatible embeddings API"
    )


AZURE_REQUEST = """import requests
import yaml

config = yaml.safe_load(open("config.yaml"))
ENDPOINT = (f"{config['azure']['base_url']}/openai/deployments/{config['azure']['name']}"
            f"/chat/completions?api-version={config['azure']['api_version']}")


def ask(text):
    data = {"model": config["model"], "messages": [{"role": "user", "content": text}]}
    return requests.post(ENDPOINT, headers={"api-key": config["azure"]["key"]}, json=data)
"""


def test_a_raw_request_to_an_azure_deployment_is_an_error(registry):
    # t50d (HuggingGPT's azure: section): its endpoint and key come from config, so check
    # was green while the program still asked Azure OpenAI
    assert rows(findings(registry, AZURE_REQUEST, "deepseek"), "ML403") == [
        (
            11,
            "ML403",
            "error",
            "manual",
            "raw HTTP request to Azure OpenAI (POST {}/openai/deployments/{}/chat/completions"
            "?api-version={}) left unchanged: it goes to Azure OpenAI (an Azure deployment, its "
            "api-version and `api-key` header): rewrite it for the provider as a whole, like an "
            "AzureOpenAI client (ML002); send it to DeepSeek's base URL (DEEPSEEK_BASE_URL) with "
            "the key from DEEPSEEK_API_KEY by hand, or use the openai SDK",
        )
    ]
    assert applied(registry, AZURE_REQUEST.replace("deepseek", "acme")) == AZURE_REQUEST


def test_check_reads_a_module_holding_only_an_azure_deployment_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": AZURE_REQUEST})
    code, out = invoke("check", ".", *ACME)[:2]
    assert code == 1
    assert "app.py:11:12 ML403 raw HTTP request to Azure OpenAI" in out
