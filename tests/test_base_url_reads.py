"""Reads of OPENAI_BASE_URL (ML401) and OpenAI URLs (ML402) move to the provider only together
with the key they are sent with.

A base URL whose value reaches a client or framework class that `apply` leaves sending OpenAI's
key (none given, so it reads OPENAI_API_KEY; a `**mapping` that may hold one), a dict beside
such a key, or a framework class calling an API the provider lacks, stays as it is (manual):
renamed, the provider would get the OpenAI key (gpt-researcher's `ChatOpenAI(**kwargs)`, mem0's
embeddings for DeepSeek). A test of the variable and the reads it guards go together, and a
read that is renamed never raises where the provider's (optional) variable is unset.
Every migration here is checked: safe/review findings are exactly its edits, and a second run
edits nothing.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e import clean_env
from .test_key_reads_left import migrated


def rows(change, *rules: str) -> list[tuple[int, str, str, str]]:
    return [(f.line, f.rule, f.fix.value, f.message) for f in change.findings if f.rule in rules]


def kept_with(line: int, holder: str, key: str, provider: str, variable: str) -> str:
    """ML401's reason for a base URL left with the OpenAI key it goes with."""
    return (
        f"not switched: it is the base URL of {holder} on line {line}, whose key ({key}) apply "
        f"leaves OpenAI's: switched, it would send that key to {provider}; point both at "
        f"{provider} (the key from {variable}) together, by hand"
    )


# -- 1. a chat class built from a mapping: its key stays OpenAI's ---------------------------

CHAT_FROM_OPTIONS = """import os

from langchain_openai import ChatOpenAI


def chat_model(**options):
    if "openai_api_base" not in options and os.environ.get("OPENAI_BASE_URL"):
        options["openai_api_base"] = os.environ["OPENAI_BASE_URL"]
    return ChatOpenAI(**options)
"""


@pytest.mark.parametrize(
    ("provider", "name", "variable"),
    [
        ("deepseek", "DeepSeek", "DEEPSEEK_API_KEY"),
        ("qwen", "Alibaba Qwen (DashScope / Model Studio)", "DASHSCOPE_API_KEY"),
    ],
)
def test_a_base_url_set_on_a_mapping_for_a_class_apply_leaves_stays(
    registry, tmp_path, provider, name, variable
):
    """The base URL goes into `options`, spread into ChatOpenAI(), whose key comes from
    `**options` or OPENAI_API_KEY: renamed alone, DeepSeek would get the OpenAI key. Since
    t47a ML601 fills `options` in (the provider's key and base URL where the caller gives
    none, in place of the override), so both reads go with that edit; where it cannot (a caller of
    the function passes a key), both stay, the test with the read it guards."""
    change = migrated(registry, tmp_path, CHAT_FROM_OPTIONS, provider)
    assert [r[:3] for r in rows(change, "ML401", "ML601")] == [
        (7, "ML401", "safe"),
        (8, "ML401", "safe"),
        (9, "ML601", "review"),
    ]
    # the key only with the provider's base URL (ML601 ties it as ML003 ties a client's)
    assert (
        '    if not options.get("openai_api_key") and str(options["openai_api_base"]).rstrip(\n'
        '        "/"\n'
        "    ).lower() in (\n"
        "        os.environ.get("
    ) in change.after
    assert (
        '        options["openai_api_key"] = (\n'
        f'            options.pop("api_key", None) or os.environ["{variable}"]\n'
        "        )\n"
    ) in change.after
    assert "OPENAI_BASE_URL" not in change.after
    called = CHAT_FROM_OPTIONS + '\n\nllm = chat_model(api_key=os.environ["OTHER_KEY"])\n'
    change = migrated(registry, tmp_path, called, provider)
    reason = kept_with(9, "ChatOpenAI()", "from `**options`, else OPENAI_API_KEY", name, variable)
    assert rows(change, "ML401") == [
        (
            7,
            "ML401",
            "manual",
            "reads OPENAI_BASE_URL; not switched: it goes with the read on line 8 (a test of the "
            "variable and a read it guards), which is left (see there): both must name the same "
            "variable, by hand",
        ),
        (8, "ML401", "manual", f"reads OPENAI_BASE_URL; {reason}"),
    ]
    assert [(r[1], r[2]) for r in rows(change, "ML601")] == [("ML601", "manual")]
    assert change.after == called


# -- 2. embeddings the provider does not serve ------------------------------------------------

EMBEDDER = """import os

from langchain_openai import OpenAIEmbeddings


def embedder(name):
    return OpenAIEmbeddings(model=name, openai_api_base=os.environ.get("OPENAI_BASE_URL"))
"""


def test_a_base_url_for_embeddings_the_provider_lacks_stays(registry, tmp_path):
    """DeepSeek has no embeddings: ML601 leaves the class with OpenAI's key, so its base URL
    stays OpenAI's too (renamed, the OpenAI key went to DeepSeek and the request 404'd)."""
    change = migrated(registry, tmp_path, EMBEDDER, "deepseek")
    assert rows(change, "ML401") == [
        (
            7,
            "ML401",
            "manual",
            "reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAIEmbeddings() on "
            "line 7, a call to the embeddings API, which DeepSeek does not offer, and apply "
            "leaves that call as it is: switched, it would send the call and its key to "
            "DeepSeek; keep it on OpenAI, or point it at a provider that serves embeddings "
            "(its key and base URL), by hand",
        )
    ]
    assert change.after == EMBEDDER


def test_a_base_url_for_embeddings_the_provider_serves_moves_with_the_key(registry, tmp_path):
    change = migrated(registry, tmp_path, EMBEDDER, "qwen")
    assert change.after == (
        "import os\n\nfrom langchain_openai import OpenAIEmbeddings\n\n\ndef embedder(name):\n"
        "    return OpenAIEmbeddings(\n"
        '        api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        "        check_embedding_ctx_length=False,\n"
        "        chunk_size=10,\n"
        "        model=name,\n"
        "        openai_api_base=os.environ.get(\n"
        '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "        ),\n    )\n"
    )


KEY_FOR_EMBEDDINGS = """import os

from langchain_openai import OpenAIEmbeddings

vectors = OpenAIEmbeddings(model="text-embedding-3-small", api_key=os.environ["OPENAI_API_KEY"])
"""


def test_a_key_for_a_class_apply_leaves_on_openai_stays(registry, tmp_path):
    """The other side: renamed, DeepSeek's key would go to OpenAI's embeddings."""
    change = migrated(registry, tmp_path, KEY_FOR_EMBEDDINGS, "deepseek")
    assert rows(change, "ML401") == [
        (
            5,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAIEmbeddings() on line 5, a class apply "
            "leaves as it is (on OpenAI, or on a base URL chosen at run time): given DeepSeek's "
            "key (DEEPSEEK_API_KEY) it could send that key to OpenAI; point the class at "
            "DeepSeek (its base URL and key), then read DEEPSEEK_API_KEY, by hand",
        )
    ]
    assert change.after == KEY_FOR_EMBEDDINGS


# -- 3. a client that reads OPENAI_API_KEY itself ---------------------------------------------

CLIENT_FROM_A_HELPER = """import os

from openai import OpenAI


def connect(base):
    return OpenAI(base_url=base)


def default_client():
    if url := os.getenv("OPENAI_BASE_URL"):
        return connect(url.rstrip("/"))
    return None
"""


def test_a_base_url_for_a_client_reading_openais_key_stays(registry, tmp_path):
    """Followed through `:=`, `.rstrip("/")` and the module's function to OpenAI(), which ML003
    leaves (`check` keeps failing there) with the key it reads from OPENAI_API_KEY."""
    change = migrated(registry, tmp_path, CLIENT_FROM_A_HELPER)
    reason = kept_with(
        7, "OpenAI()", "OPENAI_API_KEY, which it reads itself", "DeepSeek", "DEEPSEEK_API_KEY"
    )
    assert rows(change, "ML401") == [(11, "ML401", "manual", f"reads OPENAI_BASE_URL; {reason}")]
    assert [(r[1], r[2]) for r in rows(change, "ML003")] == [("ML003", "manual")]
    assert change.after == CLIENT_FROM_A_HELPER


REAL_KEY_BESIDE = """import os

SETTINGS = {"api_key": "sk-proj-Zq8Lw3Rt6Yp1Nx4Vb7Kc2Hd5", "base_url": os.getenv("OPENAI_BASE_URL")}
"""


def test_a_base_url_beside_a_real_key_stays(registry, tmp_path):
    change = migrated(registry, tmp_path, REAL_KEY_BESIDE)
    reason = kept_with(3, "the dict", '`"sk-pr…d5"`', "DeepSeek", "DEEPSEEK_API_KEY")
    assert rows(change, "ML401") == [(3, "ML401", "manual", f"reads OPENAI_BASE_URL; {reason}")]
    assert change.after == REAL_KEY_BESIDE


OPENAI_URL_AS_FALLBACK = """from openai import OpenAI


def client(base=None):
    return OpenAI(base_url=base or "https://api.openai.com/v1")
"""


def test_an_openai_url_for_a_client_reading_openais_key_stays(registry, tmp_path):
    """ML402 likewise: pointed at DeepSeek, the URL would take OPENAI_API_KEY there."""
    change = migrated(registry, tmp_path, OPENAI_URL_AS_FALLBACK)
    reason = kept_with(
        5, "OpenAI()", "OPENAI_API_KEY, which it reads itself", "DeepSeek", "DEEPSEEK_API_KEY"
    )
    assert rows(change, "ML402") == [
        (5, "ML402", "manual", f"hard-coded OpenAI URL https://api.openai.com/v1; {reason}")
    ]
    assert change.after == OPENAI_URL_AS_FALLBACK


# -- 4. renamed reads never raise where the provider's variable is unset ----------------------

GUARDED_SETTINGS = """import os

from openai import OpenAI


def client():
    settings = {"timeout": 20}
    if os.environ.get("OPENAI_BASE_URL"):
        settings["base_url"] = os.environ["OPENAI_BASE_URL"]
    return OpenAI(**settings)
"""


def test_a_test_of_the_base_url_and_the_read_it_guards_get_the_same_default(registry, tmp_path):
    """The test gets the provider's URL as its default (always true: the variable always has
    a value now), and so does the read it guards: `os.environ["DEEPSEEK_BASE_URL"]` would
    raise KeyError where DEEPSEEK_BASE_URL, which is optional, is unset."""
    change = migrated(registry, tmp_path, GUARDED_SETTINGS)
    assert [r[:3] for r in rows(change, "ML401")] == [(8, "ML401", "safe"), (9, "ML401", "safe")]
    assert change.after == (
        "import os\n\nfrom openai import OpenAI\n\n\ndef client():\n"
        '    settings = {"timeout": 20}\n'
        '    if os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"):\n'
        '        settings["base_url"] = os.environ.get(\n'
        '            "DEEPSEEK_BASE_URL", "https://api.deepseek.com"\n'
        "        )\n"
        "    return OpenAI(\n        **{\n            **settings,\n"
        '            "api_key": settings.get("api_key")\n'
        '            or os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '            "base_url": os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "        }\n    )\n"
    )


SUBSCRIPTS = """import os

PRIMARY = os.environ["OPENAI_BASE_URL"]
MIRROR = os.environ["OPENAI_BASE_URL"] or "http://localhost:8000/v1"
"""


def test_a_subscript_read_of_the_base_url_becomes_a_get(registry, tmp_path):
    """With the provider's URL as its default; where an `or` gives a value after it, without."""
    change = migrated(registry, tmp_path, SUBSCRIPTS)
    assert change.after == (
        "import os\n\n"
        'PRIMARY = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
        'MIRROR = os.environ.get("DEEPSEEK_BASE_URL") or "http://localhost:8000/v1"\n'
    )


def test_a_subscript_read_keeps_its_shape_for_an_azure_target(registry, tmp_path):
    change = migrated(registry, tmp_path, SUBSCRIPTS, "azure")
    assert change.after == SUBSCRIPTS.replace("OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT")


# -- 5. the key and the base URL of one construction: one decision ----------------------------


def paired(holder: str, line: int, url_line: int) -> str:
    """ML401's reason for a key read left with the base-URL read beside it."""
    return (
        f"reads OPENAI_API_KEY; not switched: it is the key of {holder} on line {line}, whose "
        f"base URL (the read of OPENAI_BASE_URL on line {url_line}) apply leaves as it is (see "
        "there): switched, DeepSeek's key would go to that URL (the program's own server, or "
        "OpenAI's); point both at DeepSeek (the key from DEEPSEEK_API_KEY) together, or keep "
        "both, by hand"
    )


UNSERVED = (
    "reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAIEmbeddings() on line {}, "
    "a call to the embeddings API, which DeepSeek does not offer, and apply leaves that call as "
    "it is: switched, it would send the call and its key to DeepSeek; keep it on OpenAI, or "
    "point it at a provider that serves embeddings (its key and base URL), by hand"
)

LOCAL_EMBEDDER = """import os

from langchain_openai import OpenAIEmbeddings


def local_embedder(name):
    return OpenAIEmbeddings(
        model=name,
        openai_api_key=os.getenv("OPENAI_API_KEY", "local"),
        openai_api_base=os.getenv("OPENAI_BASE_URL", "http://127.0.0.1:1234/v1"),
    )
"""


def local_key(call: str, line: int, url: str, provider: str, variable: str) -> str:
    """ML401's message on a key whose call's base URL defaults to a server on this machine."""
    return (
        f"reads OPENAI_API_KEY, the key of {call} on line {line}, whose base URL `{url}` "
        f"defaults to a server on this machine: renamed, {provider}'s key would go there while "
        f"{variable} is unset; keep both for that server, or point both at {provider}, by hand"
    )


LOCAL_URL = 'os.getenv("OPENAI_BASE_URL", "http://127.0.0.1:1234/v1")'


def test_a_key_beside_a_base_url_left_for_embeddings_stays_with_it(registry, tmp_path):
    """A local server's branch (gpt-researcher): the base URL stays OPENAI_BASE_URL, as
    DeepSeek has no embeddings, so the key beside it stays OPENAI_API_KEY's too (renamed, the
    DeepSeek key went to the local server or to OpenAI)."""
    change = migrated(registry, tmp_path, LOCAL_EMBEDDER, "deepseek")
    local = local_key("OpenAIEmbeddings()", 7, LOCAL_URL, "DeepSeek", "DEEPSEEK_BASE_URL")
    assert rows(change, "ML401") == [
        (9, "ML401", "manual", local),
        (10, "ML401", "manual", UNSERVED.format(7)),
    ]
    assert change.after == LOCAL_EMBEDDER


def test_a_local_servers_key_and_base_url_stay_together(registry, tmp_path):
    """Renamed together (as before trial 37's G), DashScope's key went over http to the
    local server whenever DASHSCOPE_BASE_URL was unset: both stay, the key's message says
    why and the base URL's follows it."""
    change = migrated(registry, tmp_path, LOCAL_EMBEDDER, "qwen")
    qwen = "Alibaba Qwen (DashScope / Model Studio)"
    assert next((r[0], r[2], r[3]) for r in rows(change, "ML401")) == (
        9,
        "manual",
        local_key("OpenAIEmbeddings()", 7, LOCAL_URL, qwen, "DASHSCOPE_BASE_URL"),
    )
    assert [(r[0], r[2]) for r in rows(change, "ML401")] == [(9, "manual"), (10, "manual")]
    assert change.after == LOCAL_EMBEDDER


SHARED_KEY = """import os

from langchain_openai import OpenAIEmbeddings

key = os.environ.get("OPENAI_API_KEY", "local")
local = "http://127.0.0.1:1234/v1"
vectors = OpenAIEmbeddings(openai_api_key=key, openai_api_base=os.environ.get("OPENAI_BASE_URL", local))
chat = {"api_key": key, "base_url": os.environ.get("OPENAI_BASE_URL", local)}
"""


def test_a_key_left_with_one_base_url_keeps_the_other_it_goes_with(registry, tmp_path):
    """One key, two constructions: left with the embeddings' base URL, it stays OpenAI's in
    the dict too, so the dict's base URL stays as well (renamed, the dict would have sent
    OpenAI's key to DeepSeek)."""
    change = migrated(registry, tmp_path, SHARED_KEY, "deepseek")
    reason = kept_with(8, "the dict", "`key`", "DeepSeek", "DEEPSEEK_API_KEY")
    url = 'os.environ.get("OPENAI_BASE_URL", local)'
    assert rows(change, "ML401") == [
        (
            5,
            "ML401",
            "manual",
            local_key("OpenAIEmbeddings()", 7, url, "DeepSeek", "DEEPSEEK_BASE_URL"),
        ),
        (7, "ML401", "manual", UNSERVED.format(7)),
        (8, "ML401", "manual", f"reads OPENAI_BASE_URL; {reason}"),
    ]
    assert change.after == SHARED_KEY


KEY_STORED_FOR_LITELLM = """import os

import litellm

key = os.environ["OPENAI_API_KEY"]
os.environ["OPENAI_API_KEY"] = key


def ask(model, messages):
    return litellm.completion(
        model=model, messages=messages, api_key=key, api_base=os.getenv("OPENAI_BASE_URL")
    )
"""


def test_a_base_url_beside_a_key_left_for_a_library_call_stays(registry, tmp_path):
    """The other way: the key is left (it is also stored as OPENAI_API_KEY), so the base URL
    given to litellm with it stays too (renamed, OpenAI's key went to DeepSeek's URL)."""
    change = migrated(registry, tmp_path, KEY_STORED_FOR_LITELLM, "deepseek")
    reason = kept_with(10, "litellm.completion()", "`key`", "DeepSeek", "DEEPSEEK_API_KEY")
    assert rows(change, "ML401") == [
        (
            5,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which is stored as an OpenAI variable on line 6: given "
            "DeepSeek's key (DEEPSEEK_API_KEY) it would put that key where any library reading "
            "OpenAI's key would send it to OpenAI; remove the write if nothing needs it (then "
            "read DEEPSEEK_API_KEY), by hand",
        ),
        (11, "ML401", "manual", f"reads OPENAI_BASE_URL; {reason}"),
    ]
    assert change.after == KEY_STORED_FOR_LITELLM


# -- 5. end to end: which key arrives where --------------------------------------------------

CLIENT_ON_OPENAIS_KEY = """import os

from openai import OpenAI

base = os.environ["OPENAI_BASE_URL"]
client = OpenAI(base_url=base, max_retries=0)
reply = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "ping"}]
)
print(reply.choices[0].message.content)
"""

CLIENT_FROM_GUARDED_SETTINGS = """import os

from openai import OpenAI

settings = {"max_retries": 0}
if os.environ.get("OPENAI_BASE_URL"):
    settings["base_url"] = os.environ["OPENAI_BASE_URL"]
client = OpenAI(**settings)
reply = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "ping"}]
)
print(reply.choices[0].message.content)
"""


def applied(tmp_path, monkeypatch, text: str) -> None:
    (tmp_path / "bot.py").write_text(text)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr


def run(tmp_path, env: dict[str, str]):
    guard = tmp_path / "guard"
    proc = run_python(
        ["bot.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard), timeout=60
    )
    return proc, network_guard.blocked_hosts(guard)


def test_the_openai_key_never_reaches_the_providers_server(server, tmp_path, monkeypatch):
    """The client reads OPENAI_API_KEY: its base URL stays OPENAI_BASE_URL (a stand-in for
    OpenAI here), so the OpenAI key goes there, never to DEEPSEEK_BASE_URL's server."""
    applied(tmp_path, monkeypatch, CLIENT_ON_OPENAIS_KEY)
    assert (tmp_path / "bot.py").read_text().startswith(CLIENT_ON_OPENAIS_KEY.split("client =")[0])
    openai_stand_in = LoopbackServer().start()
    try:
        env = {
            **clean_env(),
            "OPENAI_API_KEY": "sk-openai-test",
            "OPENAI_BASE_URL": openai_stand_in.base + "/v1",
            "DEEPSEEK_API_KEY": "test-key-deepseek",
            "DEEPSEEK_BASE_URL": server.base,
        }
        proc, blocked = run(tmp_path, env)
        assert blocked == [], proc.stderr
        assert proc.returncode == 0, proc.stderr
        assert server.requests == []
        (request,) = openai_stand_in.requests
        assert request.headers["authorization"] == "Bearer sk-openai-test"
    finally:
        openai_stand_in.stop()


def test_a_guarded_base_url_reaches_the_provider_set_or_unset(server, tmp_path, monkeypatch):
    """Set, DEEPSEEK_BASE_URL is used with DeepSeek's key; unset, the program does not stop on
    a KeyError but goes to DeepSeek's official URL (which the guard blocks here)."""
    applied(tmp_path, monkeypatch, CLIENT_FROM_GUARDED_SETTINGS)
    env = {**clean_env(), "DEEPSEEK_API_KEY": "test-key-deepseek", "DEEPSEEK_BASE_URL": server.base}
    proc, blocked = run(tmp_path, env)
    assert (blocked, proc.returncode) == ([], 0), proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-deepseek"

    del env["DEEPSEEK_BASE_URL"]
    proc, blocked = run(tmp_path, env)
    assert blocked == ["api.deepseek.com"]
    assert "KeyError" not in proc.stderr


VOICE = """import os

import requests


def to_text(conf, voice_file):
    api_base = conf.get("open_ai_api_base") or "https://api.openai.com/v1"
    headers = {"Authorization": "Bearer " + conf.get("open_ai_api_key")}
    with open(voice_file, "rb") as file:
        files = {"file": file}
        answer = requests.post(f"{api_base}/audio/transcriptions", headers=headers, files=files)
    return answer.json()["text"]


def to_speech(text):
    base = os.environ.get("OPENAI_API_BASE", "https://api.openai.com/v1")
    headers = {"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]}
    return requests.post(base + "/audio/speech", headers=headers, json={"input": text}).content
"""


def test_a_base_url_of_a_request_to_an_api_the_provider_lacks_stays(registry, tmp_path):
    """chatgpt-on-wechat's voice (t54d): ERNIE has no audio API (providers/ernie.toml), so the
    base URLs of its whisper and tts requests stay OpenAI's, as ML204 says of their models;
    moved, the requests 404ed at ERNIE."""
    change = migrated(registry, tmp_path, VOICE, "ernie")
    assert change.after == VOICE
    why = (
        "not switched: it is the base URL of requests.post() on line 11, a call to the "
        "audio API, which Baidu Qianfan (ERNIE) does not offer, and apply leaves that call as "
        "it is: switched, it would send the call and its key to Baidu Qianfan (ERNIE); keep it "
        "on OpenAI, or point it at a provider that serves audio (its key and base URL), by hand"
    )
    assert rows(change, "ML401", "ML402") == [
        (7, "ML402", "manual", f"hard-coded OpenAI URL https://api.openai.com/v1; {why}")
    ]
    # a request whose URL the module shows whole stays OpenAI's with its key (ML403)
    assert [(f.line, f.rule, f.fix.value) for f in change.findings if f.rule == "ML403"] == [
        (18, "ML403", "manual")
    ]
