"""A record's base URL and key read through python-decouple's `config()` (t66d, kotaemon's
flowsettings.py and its first-run wizard).

`config("OPENAI_API_KEY")` was no environment read to migrate-llm: apply switched the OpenAI
URL of a settings dict (`config("OPENAI_API_BASE", default="") or URL`) and left the key read
beside it, so the OpenAI key went to SiliconFlow; and it wrote `os.environ.get(...)` inside a
decouple read, which never sees the `.env` decouple reads. Now decouple's `config` is one of the
environment readers of `openai_sdk`: its variable is renamed as `os.environ.get`'s is, and a
record whose key stays OpenAI's keeps its URL and model. A spec whose key is a parameter named
for OpenAI's key (`openai_api_key`, a form's "OpenAI API Key") keeps its URL and model too; and
a graphrag class given a name bound to None as its base URL still talks to OpenAI, so the model
default it sends is left. Exact bytes, findings, exit codes, and the requests loopback servers
receive (a stand-in for decouple, reading the environment, then `.env`, runs the programs)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_key_reads_left import migrated

# python-decouple 3.8's `config(option, default=undefined, cast=undefined)`, as the programs
# below use it: the process environment first, then `.env`, which it does not export
DECOUPLE = """import os
from pathlib import Path

_UNSET = object()


def config(option, default=_UNSET, cast=None):
    values = {}
    if Path(".env").exists():
        for line in Path(".env").read_text().splitlines():
            name, sep, value = line.partition("=")
            if sep:
                values[name.strip()] = value.strip()
    if option in os.environ:
        found = os.environ[option]
    elif option in values:
        found = values[option]
    elif default is _UNSET:
        raise KeyError(option)
    else:
        found = default
    return cast(found) if cast else found
"""

SF_KEY, SF_URL = "SILICONFLOW_CN_API_KEY", "SILICONFLOW_BASE_URL"


def project(root: Path, files: dict[str, str]) -> Path:
    """`files` written under `root`/proj, and the decouple stand-in under `root`/lib."""
    (root / "lib").mkdir()
    (root / "lib" / "decouple.py").write_text(DECOUPLE, encoding="utf-8")
    proj = root / "proj"
    proj.mkdir()
    for name, text in files.items():
        (proj / name).write_text(text, encoding="utf-8")
    return proj


def check(proj: Path) -> tuple[int, list[tuple[str, int, str, str, str]]]:
    """`check --format json` on `proj` for SiliconFlow: exit code, (file, line, rule, fix,
    message) of each finding."""
    done = CliRunner().invoke(app, ["check", str(proj), "-p", "siliconflow", "--format", "json"])
    found = [
        (Path(f["path"]).name, f["line"], f["rule"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
    ]
    return done.exit_code, found


def apply(proj: Path) -> None:
    done = CliRunner().invoke(app, ["apply", str(proj), "-p", "siliconflow", "--yes"])
    assert done.exit_code == 0, done.output


SETTINGS = """from decouple import config

API_KEY = config("OPENAI_API_KEY", default="")

LLM = {
    "base_url": config("OPENAI_API_BASE", default="") or "https://api.openai.com/v1",
    "api_key": API_KEY,
    "model": "gpt-4o-mini",
}
"""
CHAT = """from openai import OpenAI


class ChatClient:
    def __init__(self, base_url, api_key, model):
        self.client = OpenAI(base_url=base_url, api_key=api_key, max_retries=0)
        self.model = model

    def ask(self, text):
        messages = [{"role": "user", "content": text}]
        reply = self.client.chat.completions.create(model=self.model, messages=messages)
        return reply.choices[0].message.content
"""
MAIN = """import chat
import settings

print(chat.ChatClient(**settings.LLM).ask("hi"))
"""

_LEFT = (
    "not switched: it is the base URL of the dict on line 6, whose key (`API_KEY`) apply "
    "leaves OpenAI's: switched, it would send that key to SiliconFlow; point both at "
    "SiliconFlow (the key from SILICONFLOW_CN_API_KEY) together, by hand"
)


def test_a_settings_dict_keeps_its_url_and_model_with_the_decouple_key_read(tmp_path):
    """Before: settings.py's URL became `... or os.environ.get("SILICONFLOW_BASE_URL", ...)`
    beside `"api_key": API_KEY` (OPENAI_API_KEY): the OpenAI key went to SiliconFlow, and check
    said only that the module "does not show how it is used". Now the dict is left whole, and
    check says why, in the words of a key going to SiliconFlow (rc 1)."""
    proj = project(tmp_path, {"settings.py": SETTINGS, "chat.py": CHAT, "main.py": MAIN})
    apply(proj)
    assert (proj / "settings.py").read_text(encoding="utf-8") == SETTINGS
    code, found = check(proj)
    assert code == 1
    assert [f for f in found if f[0] == "settings.py"] == [
        (
            "settings.py",
            3,
            "ML401",
            "manual",
            'reads OPENAI_API_KEY, which goes with the base URL `config("OPENAI_API_BASE", '
            'default="") or "https://api.opena…` of the same dict on line 7, chosen at run time '
            "(OpenAI's when it is None) and left as it is: given SiliconFlow's key "
            "(SILICONFLOW_CN_API_KEY) it could send that key to OpenAI; make sure that URL is "
            "SiliconFlow's, then read SILICONFLOW_CN_API_KEY, by hand",
        ),
        ("settings.py", 6, "ML401", "manual", f"reads OPENAI_API_BASE; {_LEFT}"),
        (
            "settings.py",
            6,
            "ML402",
            "manual",
            f"hard-coded OpenAI URL https://api.openai.com/v1; {_LEFT}",
        ),
        (
            "settings.py",
            8,
            "ML204",
            "manual",
            "entry 'model' = 'gpt-4o-mini' goes with the OpenAI base URL beside it (line 6), "
            "which apply leaves with the key beside it (see ML402): apply leaves the model too; "
            "change the URL, key and model together, by hand",
        ),
    ]

    # the user's .env names no base URL: the OpenAI key goes to OpenAI's host (which the
    # guard refuses here), never to the server standing at SiliconFlow's URL
    siliconflow = LoopbackServer(key="sf-key").start()
    openai = LoopbackServer(key="sk-openai-test").start()
    lib = str(tmp_path / "lib")
    env = {"OPENAI_API_KEY": "sk-openai-test", SF_KEY: "sf-key", "PYTHONPATH": lib}
    env[SF_URL] = siliconflow.base + "/v1"
    try:
        proc, blocked = run_guarded("main.py", proj, env)
        assert (proc.returncode, blocked) == (1, ["api.openai.com"])
        # OPENAI_API_BASE pointing at a server standing for OpenAI: it gets the OpenAI key
        proc, blocked = run_guarded("main.py", proj, env | {"OPENAI_API_BASE": openai.base})
        assert (proc.returncode, blocked) == (0, []), proc.stderr
    finally:
        siliconflow.stop()
        openai.stop()
    assert siliconflow.requests == []
    assert [(r.path, r.body["model"], r.headers["authorization"]) for r in openai.requests] == [
        ("/chat/completions", "gpt-4o-mini", "Bearer sk-openai-test")
    ]


def test_decouple_reads_of_a_record_move_together_as_os_environ_gets_do(registry, tmp_path):
    text = (
        "from decouple import config\n\n"
        "SPEC = {\n"
        '    "base_url": config("OPENAI_API_BASE", default="https://api.openai.com/v1"),\n'
        '    "api_key": config("OPENAI_API_KEY"),\n'
        "}\n"
    )
    change = migrated(registry, tmp_path, text, "siliconflow")
    assert change.after == (
        "from decouple import config\n\n"
        "SPEC = {\n"
        '    "base_url": config("SILICONFLOW_BASE_URL", default="https://api.siliconflow.cn/v1"),\n'
        '    "api_key": config("SILICONFLOW_CN_API_KEY"),\n'
        "}\n"
    )
    assert [(f.line, f.rule, f.fix.value) for f in change.findings] == [
        (4, "ML401", "safe"),
        (4, "ML402", "safe"),
        (5, "ML401", "safe"),
    ]


DOTENV_SETTINGS = """from decouple import config

SPEC = {
    "base_url": config("OPENAI_API_BASE", default="https://api.openai.com/v1"),
    "api_key": config("LLM_KEY", default=""),
}
"""
DOTENV_MAIN = """from openai import OpenAI

import settings

client = OpenAI(**settings.SPEC, max_retries=0)
messages = [{"role": "user", "content": "hi"}]
print(client.chat.completions.create(model="Qwen/Qwen3-8B", messages=messages).id)
"""


def test_the_base_url_read_stays_decouples_and_sees_dotenv(tmp_path):
    """Before: `config("OPENAI_API_BASE", default=os.environ.get("SILICONFLOW_BASE_URL",
    ...))`, while .env.example was renamed to SILICONFLOW_BASE_URL: the URL a user put in .env
    was never read (decouple does not export .env). Now the read is decouple's, renamed."""
    proj = project(
        tmp_path,
        {
            "settings.py": DOTENV_SETTINGS,
            "main.py": DOTENV_MAIN,
            ".env.example": "OPENAI_API_BASE=https://api.openai.com/v1\nLLM_KEY=\n",
        },
    )
    apply(proj)
    assert (proj / "settings.py").read_text(encoding="utf-8") == DOTENV_SETTINGS.replace(
        'config("OPENAI_API_BASE", default="https://api.openai.com/v1")',
        'config("SILICONFLOW_BASE_URL", default="https://api.siliconflow.cn/v1")',
    )
    assert (proj / ".env.example").read_text(encoding="utf-8") == (
        "SILICONFLOW_BASE_URL=https://api.siliconflow.cn/v1\nLLM_KEY=\n"
    )
    assert check(proj) == (0, [])

    server = LoopbackServer(key="k").start()
    try:
        (proj / ".env").write_text(f"SILICONFLOW_BASE_URL={server.base}/v1\nLLM_KEY=k\n")
        proc, blocked = run_guarded("main.py", proj, {"PYTHONPATH": str(tmp_path / "lib")})
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.headers["authorization"]) for r in server.requests] == [
        ("/v1/chat/completions", "Bearer k")
    ]


SETUP = """PROMPT = "Paste your OpenAI API key (https://platform.openai.com/api-keys): "


def build_spec(openai_api_key):
    return {
        "base_url": "https://api.openai.com/v1",
        "model": "gpt-4o",
        "api_key": openai_api_key,
    }
"""


def test_a_spec_keyed_by_a_parameter_named_for_openais_key_is_left(registry, tmp_path):
    """Before: the URL and model moved to SiliconFlow, the key the user pastes for OpenAI
    beside them; check found nothing (rc 0). Now the record stays, and check says why."""
    change = migrated(registry, tmp_path, SETUP, "siliconflow")
    assert change.after == SETUP
    assert [(f.line, f.rule, f.fix.value, f.message) for f in change.findings] == [
        (
            6,
            "ML402",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched alone, it "
            "would take the key beside it (line 8, `openai_api_key`, which names OpenAI: most "
            "likely its key) to SiliconFlow. Point both at SiliconFlow together: base URL "
            "https://api.siliconflow.cn/v1, key from SILICONFLOW_CN_API_KEY",
        ),
        (
            7,
            "ML204",
            "manual",
            "entry 'model' = 'gpt-4o' goes with the OpenAI base URL beside it (line 6), which "
            "apply leaves with the key beside it (see ML402): apply leaves the model too; change "
            "the URL, key and model together, by hand",
        ),
    ]
    (tmp_path / "cli").mkdir()
    code, found = check(project(tmp_path / "cli", {"setup_page.py": SETUP}))
    assert (code, [(line, rule) for _, line, rule, *_ in found]) == (
        1,
        [(6, "ML402"), (7, "ML204")],
    )


EMBEDDER = """import os

from graphrag.query.llm.oai.embedding import OpenAIEmbedding


def make_embedder(overrides):
    model = os.getenv("GRAPHRAG_EMBEDDING_MODEL", "text-embedding-3-small")
    api_base = None
    if overrides.get("api_base"):
        api_base = overrides["api_base"]
    return OpenAIEmbedding(api_key=os.getenv("GRAPHRAG_API_KEY"), api_base=api_base, model=model)
"""


def test_a_class_given_a_name_bound_to_none_as_its_url_keeps_its_model(registry, tmp_path):
    """Before: `api_base=api_base` counted as a URL given, so the model default moved to
    BAAI/bge-m3 while the class still reached OpenAI (check rc 0). A name one of whose
    assignments reaching it is None is read as `api_base=None` is."""
    change = migrated(registry, tmp_path, EMBEDDER, "siliconflow")
    assert change.after == EMBEDDER
    assert [(f.line, f.rule, f.fix.value, f.message) for f in change.findings] == [
        (
            7,
            "ML204",
            "manual",
            "env default 'text-embedding-3-small' of variable model is the model of "
            "OpenAIEmbedding() on line 11, a class named like OpenAI that migrate-llm does not "
            "rewrite, given no base URL: it talks to OpenAI; apply leaves the model too: change "
            "them together, by hand",
        )
    ]
    # every assignment a URL: the class is given one, and the default moves
    surely = EMBEDDER.replace("api_base = None", 'api_base = "http://localhost:8000/v1"')
    moved = migrated(registry, tmp_path, surely, "siliconflow")
    assert moved.after == surely.replace('"text-embedding-3-small"', '"BAAI/bge-m3"')


def test_a_key_named_for_openai_that_ml401_renames_moves_with_its_url(registry, tmp_path):
    """The mirror: a name bound to a read of OPENAI_API_KEY, or a parameter defaulting to one,
    is renamed by ML401, so the URL and model beside it move too (left, the provider's key
    would go to OpenAI)."""
    text = (
        "import os\n\n"
        'OPENAI_API_KEY = os.getenv("OPENAI_API_KEY")\n'
        'SPEC = {"base_url": "https://api.openai.com/v1", "api_key": OPENAI_API_KEY}\n\n\n'
        'def spec(openai_key=os.environ["OPENAI_API_KEY"]):\n'
        '    return {"base_url": "https://api.openai.com/v1", "api_key": openai_key}\n'
    )
    change = migrated(registry, tmp_path, text, "siliconflow")
    read = 'os.environ.get("SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1")'
    assert change.after == (
        "import os\n\n"
        'OPENAI_API_KEY = os.getenv("SILICONFLOW_CN_API_KEY")\n'
        f'SPEC = {{\n    "base_url": {read},\n    "api_key": OPENAI_API_KEY,\n}}\n\n\n'
        'def spec(openai_key=os.environ["SILICONFLOW_CN_API_KEY"]):\n'
        "    return {\n"
        '        "base_url": os.environ.get(\n'
        '            "SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1"\n'
        "        ),\n"
        '        "api_key": openai_key,\n'
        "    }\n"
    )
    assert [(f.line, f.rule, f.fix.value) for f in change.findings] == [
        (3, "ML401", "safe"),
        (4, "ML402", "safe"),
        (7, "ML401", "safe"),
        (8, "ML402", "safe"),
    ]


def test_model_defaults_read_beside_a_url_left_with_its_key_are_left(registry, tmp_path):
    """kotaemon's flowsettings.py: `"model": config("OPENAI_CHAT_MODEL", default=...)` beside
    a URL (in an `or` chain, or the default of a read) left with its key: mapped, the
    provider's model went to OpenAI."""
    text = (
        "from decouple import config\n\n"
        'API_KEY = config("OPENAI_API_KEY", default="")\n\n'
        "LLM = {\n"
        '    "base_url": config("OPENAI_API_BASE", default="") or "https://api.openai.com/v1",\n'
        '    "api_key": API_KEY,\n'
        '    "model": config("OPENAI_CHAT_MODEL", default="gpt-4o-mini"),\n'
        "}\n"
        "EMB = {\n"
        '    "base_url": config("OPENAI_API_BASE", default="https://api.openai.com/v1"),\n'
        '    "api_key": API_KEY,\n'
        '    "model": config("OPENAI_EMBEDDINGS_MODEL", default="text-embedding-3-large"),\n'
        "}\n"
    )
    change = migrated(registry, tmp_path, text, "siliconflow")
    assert change.after == text
    assert [(f.line, f.fix.value, f.message) for f in change.findings if f.rule == "ML204"] == [
        (
            line,
            "manual",
            f"env default '{model}' of entry 'model' goes with the OpenAI base URL beside it "
            f"(line {url}), which apply leaves with the key beside it (see ML402): apply leaves "
            "the model too; change the URL, key and model together, by hand",
        )
        for line, model, url in ((8, "gpt-4o-mini", 6), (13, "text-embedding-3-large", 11))
    ]
