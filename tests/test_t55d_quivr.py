"""quivr on Hunyuan (trial t55d).

- D1: a key read from a variable whose name the program builds at run time
  (`os.getenv(f"{supplier.upper()}_API_KEY")`, the supplier "openai" by default, or an enum
  member of the project) is OpenAI's key by default: a client pointed at the provider given it
  is an error (ML003), in the module or through a field another module sets, and apply does
  not point a client given it at the provider.
- D2: openai's module-level client, configured by the module and used only for audio, which
  Hunyuan lacks, stays on OpenAI (ML103 error, no edit; ML401 leaves its read).
- D3: ML601's advice for a class built from a `**mapping` sets what it needs in the mapping.
"""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

OPENAI_KEY = "sk-proj-OPENAIKEY0123456789"
HUNYUAN_KEY = "hy-test-key"
HUNYUAN = "Tencent Hunyuan"


def _run(command: str, *paths: str) -> tuple[int, list[tuple]]:
    code, report = run_json(command, *paths, "--provider", "hunyuan", "--no-cache")
    assert report["errors"] == []
    fields = ("path", "line", "rule", "severity", "fix", "message", "data")
    return code, [row for row in finding_rows(report, *fields) if row[3] != "note"]


def _apply(*paths: str) -> None:
    done = CliRunner().invoke(
        app, ["apply", *paths, "--provider", "hunyuan", "--yes", "--allow-dirty", "--no-cache"]
    )
    assert done.exit_code == 0, done.output


# --- D1 -------------------------------------------------------------------------------------

BUILT_APP = """import os

from openai import OpenAI


class LLMConfig:
    def __init__(self, supplier: str = "openai"):
        self.env_variable_name = f"{supplier.upper()}_API_KEY"
        self.api_key = os.getenv(self.env_variable_name)


def build(config: LLMConfig) -> OpenAI:
    return OpenAI(
        api_key=config.api_key or os.environ["HUNYUAN_API_KEY"],
        base_url=os.environ.get("HUNYUAN_BASE_URL", "https://api.hunyuan.cloud.tencent.com/v1"),
    )


reply = build(LLMConfig()).chat.completions.create(
    model="hunyuan-turbos-latest", messages=[{"role": "user", "content": "hi"}]
)
print(reply.choices[0].message.content)
"""

BUILT_SAID = (
    f"OpenAI() points at {HUNYUAN}, but its key `config.api_key or "
    'os.environ["HUNYUAN_API_KEY"]` may be `config.api_key`, set from '
    "`os.getenv(self.env_variable_name)` (line 9), which reads OPENAI_API_KEY: its name is "
    'built at run time as `f"{supplier.upper()}_API_KEY"` (line 8), from `"openai"` (line 7), '
    f"and no rule renames such a read: the OpenAI key it may hold would go to {HUNYUAN}; "
    f"give it {HUNYUAN}'s key (HUNYUAN_API_KEY) alone, by hand"
)


def test_a_key_read_under_a_name_built_from_an_openai_default_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": BUILT_APP})
    code, rows = _run("check", ".")
    assert code == 1
    read = {"path": None, "line": 9, "variable": "OPENAI_API_KEY"}
    read["name"] = 'f"{supplier.upper()}_API_KEY"'
    assert [row[:6] for row in rows] == [("app.py", 13, "ML003", "error", "manual", BUILT_SAID)]
    assert rows[0][6]["openai_key_read"] == read
    _apply(".")
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == BUILT_APP


def test_why_d1_is_an_error_the_openai_key_reaches_the_provider_host(tmp_path):
    """With OPENAI_API_KEY set as well (apply's Next line tells users of a client left on
    OpenAI to keep it), the request to Hunyuan's base URL carries the OpenAI key."""
    write(tmp_path, {"app.py": BUILT_APP})
    server = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": OPENAI_KEY,
            "HUNYUAN_API_KEY": HUNYUAN_KEY,
            "HUNYUAN_BASE_URL": server.base + "/v1",
        }
        proc, blocked = run_guarded("app.py", tmp_path, env)
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        (request,) = server.requests
    finally:
        server.stop()
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {OPENAI_KEY}"


SETTINGS = """import os
import re
from enum import Enum


class Suppliers(str, Enum):
    OPENAI = "openai"
    MISTRAL = "mistral"


def env_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", name).upper()


class EndpointConfig:
    supplier: Suppliers = Suppliers.OPENAI
    llm_api_key: str | None = None

    def set_api_key(self) -> None:
        self.env_variable_name = f"{env_name(self.supplier)}_API_KEY"
        self.llm_api_key = os.getenv(self.env_variable_name)
"""

ENDPOINT = """import os

from openai import OpenAI

from settings import EndpointConfig


def client(config: EndpointConfig) -> OpenAI:
    return OpenAI(
        api_key=config.llm_api_key if config.llm_api_key else os.environ["HUNYUAN_API_KEY"],
        base_url=os.environ.get("HUNYUAN_BASE_URL", "https://api.hunyuan.cloud.tencent.com/v1"),
    )
"""


def test_a_field_another_module_sets_from_an_enum_built_name_is_an_error(tmp_path, monkeypatch):
    """quivr's LLMEndpointConfig: the supplier an enum member whose value is "openai", the
    name normalised by a function of the module, the client in another module."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"settings.py": SETTINGS, "endpoint.py": ENDPOINT})
    code, rows = _run("check", ".")
    said = (
        f"OpenAI() points at {HUNYUAN}, but its key `config.llm_api_key if config.llm_api_key "
        'else os.environ["HUNYUAN_API_KEY"]` may be `config.llm_api_key`, which settings.py '
        "sets from `os.getenv(self.env_variable_name)` (line 21), which reads OPENAI_API_KEY: "
        'its name is built at run time as `f"{env_name(self.supplier)}_API_KEY"` (line 20), '
        "from `Suppliers.OPENAI` (line 16), and no rule renames such a read: the OpenAI key it "
        f"may hold would go to {HUNYUAN}; give it {HUNYUAN}'s key (HUNYUAN_API_KEY) alone, "
        "by hand"
    )
    assert code == 1
    assert [row[:6] for row in rows] == [("endpoint.py", 9, "ML003", "error", "manual", said)]
    assert rows[0][6]["openai_key_read"]["path"] == "settings.py"
    # another supplier by default: the name is MISTRAL_API_KEY, no OpenAI key
    write(tmp_path, {"settings.py": SETTINGS.replace("= Suppliers.OPENAI", "= Suppliers.MISTRAL")})
    assert _run("check", ".") == (0, [])


MADE = """import os

from openai import OpenAI


def make(supplier: str = "openai") -> OpenAI:
    return OpenAI(api_key=os.getenv(f"{supplier.upper()}_API_KEY"))
"""


def test_apply_does_not_point_a_client_given_such_a_key_at_the_provider(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"made.py": MADE})
    said = (
        'OpenAI() talks to OpenAI (key from `os.getenv(f"{supplier.upper()}_API_KEY")`); its key '
        'may be `os.getenv(f"{supplier.upper()}_API_KEY")` (line 7), which reads OPENAI_API_KEY: '
        'its name is built at run time as `f"{supplier.upper()}_API_KEY"` (line 7), from '
        '`"openai"` (line 6), and no rule renames such a read: kept, that key would go to '
        f"{HUNYUAN}; give this client {HUNYUAN}'s key (HUNYUAN_API_KEY) apart, by hand"
    )
    _, rows = _run("scan", ".")
    assert [row[:6] for row in rows] == [("made.py", 7, "ML001", "error", "manual", said)]
    _apply(".")
    assert (tmp_path / "made.py").read_text(encoding="utf-8") == MADE
    assert _run("check", ".")[0] == 1


# --- D2 -------------------------------------------------------------------------------------

VOICE = """import os

import openai

openai.api_key = os.getenv("OPENAI_API_KEY")


def speak(text: str) -> bytes:
    return openai.audio.speech.create(model="tts-1", voice="nova", input=text).content
"""


def test_an_audio_only_module_client_stays_on_openai(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"voice.py": VOICE})
    left = (
        "openai.api_key configures the module-level client; its only requests are audio, which "
        f"{HUNYUAN} does not serve: apply leaves it (base URL and key); keep it on OpenAI or "
        "point it at a provider that serves audio, with that provider's key, by hand"
    )
    read = (
        "reads OPENAI_API_KEY, which goes to `openai.api_key` on line 5, the module-level client "
        f"apply leaves on OpenAI (its only requests are audio, which {HUNYUAN} does not serve): "
        f"given {HUNYUAN}'s key (HUNYUAN_API_KEY) it would send that key there; keep it, or "
        "point that client at a provider serving them with its key, by hand"
    )
    _, rows = _run("scan", ".")
    assert [row[1:6] for row in rows if row[2] != "ML201"] == [
        (5, "ML103", "error", "manual", left),
        (5, "ML401", "warning", "manual", read),
    ]
    _apply(".")
    assert (tmp_path / "voice.py").read_text(encoding="utf-8") == VOICE
    assert _run("check", ".")[0] == 1


def test_a_module_client_with_a_chat_request_too_is_moved_as_before(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    chat = (
        "\n\ndef answer(text: str) -> str:\n"
        '    reply = openai.chat.completions.create(model="gpt-4o", messages=[])\n'
        '    return reply.choices[0].message.content or ""\n'
    )
    write(tmp_path, {"voice.py": VOICE + chat})
    _, rows = _run("scan", ".")
    assert [row[1:5] for row in rows if row[2] in ("ML103", "ML401")] == [
        (5, "ML103", "warning", "safe"),
        (5, "ML401", "warning", "safe"),
    ]
    _apply(".")
    assert 'openai.api_key = os.getenv("HUNYUAN_API_KEY"' in (tmp_path / "voice.py").read_text(
        encoding="utf-8"
    )


# --- D3 -------------------------------------------------------------------------------------

LOAD = """import json

from langchain_openai import OpenAIEmbeddings


def load_embedder(path: str) -> OpenAIEmbeddings:
    with open(path) as f:
        saved = json.load(f)
    return OpenAIEmbeddings(**saved["embedding_config"])


def load_fixed(path: str) -> OpenAIEmbeddings:
    with open(path) as f:
        saved = json.load(f)
    config = {**saved["embedding_config"], "check_embedding_ctx_length": False}
    return OpenAIEmbeddings(**config)
"""


def test_ml601_sets_a_spread_class_setting_in_the_mapping(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"load.py": LOAD})
    _, rows = _run("scan", ".")
    spread = (
        'OpenAIEmbeddings() (LangChain) takes its base URL from `**saved["embedding_config"]` '
        'at run time and its key from `**saved["embedding_config"]` or OPENAI_API_KEY; make '
        f"sure they are {HUNYUAN}'s (https://api.hunyuan.cloud.tencent.com/v1, the key from "
        'HUNYUAN_API_KEY), and set "check_embedding_ctx_length": False in '
        '`saved["embedding_config"]` (`{**saved["embedding_config"], '
        '"check_embedding_ctx_length": False}`), not beside the `**`: a keyword the mapping '
        "also holds would be given twice, a TypeError"
    )
    ml601 = [row[1:6] for row in rows if row[2] == "ML601"]
    assert ml601[0] == (9, "ML601", "error", "manual", spread)
    # the mapping known to hold it: nothing said of it
    assert ml601[1][0] == 16 and "check_embedding_ctx_length" not in ml601[1][4]
