"""Key settings and class fields read through python-decouple's `config()`, as other modules
of the project hand them to clients (review of t66d's change: two key leaks).

ML401 renamed `OPENAI_API_KEY = config("OPENAI_API_KEY", default="")` in settings.py, but the
run facts that tell other modules which settings and fields it renames matched `os.getenv` and
`os.environ.get` alone: emb.py's `OpenAI(api_key=settings.OPENAI_API_KEY)` stayed on OpenAI,
given DEEPSEEK_API_KEY (the DeepSeek key went to api.openai.com), and LangChain's
`OpenAIEmbeddings(openai_api_key=settings.openai_api_key)` got no word that the field now holds
DeepSeek's key. Those patterns are built from the env-reader table now: the decouple form gets
exactly what the os.getenv form gets. Exact bytes, findings, exit codes and the requests a
loopback server standing at DeepSeek's URL receives (a stand-in for decouple runs them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_settings_reader_records import DECOUPLE

# the same settings read by os.getenv and by decouple's config: (import, reader)
FORMS = {
    "getenv": ("import os", "os.getenv"),
    "decouple": ("from decouple import config", "config"),
}


def project(root: Path, files: dict[str, str]) -> Path:
    """`files` written under `root`/proj (a package `pkg`), decouple's stand-in in `root`/lib."""
    (root / "lib").mkdir()
    (root / "lib" / "decouple.py").write_text(DECOUPLE, encoding="utf-8")
    proj = root / "proj"
    for name, text in files.items():
        (proj / name).parent.mkdir(parents=True, exist_ok=True)
        (proj / name).write_text(text, encoding="utf-8")
    return proj


def run(command: str, proj: Path, *more: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, [command, str(proj), "-p", "deepseek", *more])
    return done.exit_code, done.stdout


def findings(proj: Path) -> list[tuple[str, int, str, str, str]]:
    """(path, line, rule, fix, message) of each finding of `scan`, paths from `proj`."""

    def shown(text: str) -> str:
        return text.replace(f"{proj}/", "")

    code, out = run("scan", proj, "--format", "json")
    assert code in (0, 1), out
    return [
        (shown(f["path"]), f["line"], f["rule"], f["fix"], shown(f["message"]))
        for f in json.loads(out)["findings"]
    ]


def settings_module(form: str) -> str:
    imported, reader = FORMS[form]
    default = ', default=""' if form == "decouple" else ', ""'
    return f'{imported}\n\nOPENAI_API_KEY = {reader}("OPENAI_API_KEY"{default})\n'


EMB = """from openai import OpenAI
from pkg import settings

client = OpenAI(api_key=settings.OPENAI_API_KEY, max_retries=0)
"""
EMB_AFTER = """import os

from openai import OpenAI
from pkg import settings

client = OpenAI(
    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
    api_key=settings.OPENAI_API_KEY or os.environ.get("DEEPSEEK_API_KEY", "unset"),
    max_retries=0,
)
"""
ASK = """from pkg.emb import client

messages = [{"role": "user", "content": "hi"}]
print(client.chat.completions.create(model="deepseek-flash", messages=messages).id)
"""


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_client_given_a_renamed_key_setting_moves_with_it(tmp_path, form):
    """Before (decouple): settings.py read DEEPSEEK_API_KEY after apply, emb.py's client stayed
    on OpenAI (ML001 manual): the DeepSeek key went to api.openai.com. Now, as for os.getenv,
    the client gets DeepSeek's URL (ML001 review) and the key reaches DeepSeek's server."""
    before = settings_module(form)
    proj = project(
        tmp_path,
        {"pkg/__init__.py": "", "pkg/settings.py": before, "pkg/emb.py": EMB},
    )
    code, _ = run("apply", proj, "--yes")
    assert code == 0
    assert (proj / "pkg/settings.py").read_text(encoding="utf-8") == before.replace(
        '("OPENAI_API_KEY"', '("DEEPSEEK_API_KEY"'
    )
    assert (proj / "pkg/emb.py").read_text(encoding="utf-8") == EMB_AFTER
    assert findings(proj) == [
        ("pkg/emb.py", 6, "ML003", "none", "OpenAI() already points at DeepSeek")
    ]

    (proj / "ask.py").write_text(ASK, encoding="utf-8")
    server = LoopbackServer(key="ds-key").start()
    env = {
        "OPENAI_API_KEY": "sk-openai-test",
        "DEEPSEEK_API_KEY": "ds-key",
        "DEEPSEEK_BASE_URL": server.base,
        "PYTHONPATH": str(tmp_path / "lib"),
    }
    try:
        proc, blocked = run_guarded("ask.py", proj, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.headers["authorization"]) for r in server.requests] == [
        ("/chat/completions", "Bearer ds-key")
    ]


def field_module(form: str) -> str:
    imported, reader = FORMS[form]
    default = ', default=""' if form == "decouple" else ', ""'
    return (
        f"{imported}\n\n\nclass Settings:\n"
        f'    openai_api_key: str = {reader}("OPENAI_API_KEY"{default})\n\n\n'
        "settings = Settings()\n"
    )


EMBEDDINGS = """from langchain_openai import OpenAIEmbeddings
from app.settings import settings

emb = OpenAIEmbeddings(openai_api_key=settings.openai_api_key, model="text-embedding-3-small")
"""
ML601 = (
    "OpenAIEmbeddings() (LangChain) talks to OpenAI (key from `settings.openai_api_key`); "
    "DeepSeek has no OpenAI-compatible embeddings API (see https://api-docs.deepseek.com): its "
    "key `settings.openai_api_key` (`openai_api_key` of app/settings.py) holds DeepSeek's key "
    "after apply (the field reads DEEPSEEK_API_KEY), which would go to OpenAI: to keep it on "
    "OpenAI, give it OpenAI's key from its own variable (openai_api_key=os.environ["
    '"OPENAI_API_KEY"]), or point it at a provider that serves embeddings (its key and base '
    "URL), by hand; azure, baichuan, doubao, ernie, hunyuan, qwen, siliconflow, zhipu offer it"
)


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("applied", [False, True])
def test_a_renamed_key_field_handed_to_embeddings_is_named(tmp_path, form, applied):
    """Before (decouple): ML601 said only "keep it on OpenAI", not that the field holds
    DeepSeek's key after apply. Now it says so as for os.getenv, before apply and after it
    (the field then reading DEEPSEEK_API_KEY)."""
    before = field_module(form)
    proj = project(
        tmp_path,
        {"app/__init__.py": "", "app/settings.py": before, "app/emb.py": EMBEDDINGS},
    )
    if applied:
        assert run("apply", proj, "--yes")[0] == 0
        assert (proj / "app/settings.py").read_text(encoding="utf-8") == before.replace(
            '("OPENAI_API_KEY"', '("DEEPSEEK_API_KEY"'
        )
        assert (proj / "app/emb.py").read_text(encoding="utf-8") == EMBEDDINGS
    found = findings(proj)
    assert [f for f in found if f[2] == "ML601"] == [("app/emb.py", 4, "ML601", "manual", ML601)]
    assert [f[1:4] for f in found if f[0] == "app/settings.py"] == (
        [] if applied else [(5, "ML401", "safe")]
    )


def test_an_unimported_config_is_no_key_field(tmp_path):
    """A `config()` the module does not import from decouple is no read ML401 renames: its
    field is not taken to hold DeepSeek's key after apply."""
    text = field_module("decouple").replace(
        "from decouple import config", "from app.conf import config"
    )
    proj = project(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/conf.py": "def config(name, default=None):\n    return default\n",
            "app/settings.py": text,
            "app/emb.py": EMBEDDINGS,
        },
    )
    found = findings(proj)
    assert [f[4] for f in found if f[2] == "ML601"] == [
        "OpenAIEmbeddings() (LangChain) talks to OpenAI (key from `settings.openai_api_key`); "
        "DeepSeek has no OpenAI-compatible embeddings API (see https://api-docs.deepseek.com): "
        "keep it on OpenAI or point it at a provider that serves embeddings (its key and base "
        "URL), by hand; azure, baichuan, doubao, ernie, hunyuan, qwen, siliconflow, zhipu "
        "offer it"
    ]


CLIENT = """from decouple import config
from openai import OpenAI

client = OpenAI(
    api_key=config("OPENAI_API_KEY"),
    base_url=config("OPENAI_API_BASE", default="https://api.openai.com/v1"),
    max_retries=0,
)
messages = [{"role": "user", "content": "hi"}]
print(client.chat.completions.create(model="deepseek-flash", messages=messages).id)
"""


def test_a_clients_decouple_reads_stay_decouples_and_see_dotenv(tmp_path):
    """Before: ML001 wrote `os.environ.get("DEEPSEEK_API_KEY", "unset")` and `os.environ.get(
    "DEEPSEEK_BASE_URL", ...)` and dropped the decouple import: a key kept in `.env`, which
    decouple never exports, was no longer read (the placeholder "unset" was sent). Now the
    reads are decouple's, of DeepSeek's variables, and `.env`'s values reach the server."""
    proj = project(tmp_path, {"app.py": CLIENT})
    code, _ = run("apply", proj, "--yes")
    assert code == 0
    # at import, a key read that does not raise where the variable is unset (review r1 t1b)
    assert (proj / "app.py").read_text(encoding="utf-8") == CLIENT.replace(
        'config("OPENAI_API_KEY")', 'config("DEEPSEEK_API_KEY", default="unset")'
    ).replace(
        'config("OPENAI_API_BASE", default="https://api.openai.com/v1")',
        'config("DEEPSEEK_BASE_URL", default="https://api.deepseek.com")',
    )
    assert [f[1:4] for f in findings(proj)] == [
        (4, "ML003", "none"),
        (10, "ML101", "none"),
        (10, "ML201", "none"),
    ]

    server = LoopbackServer(key="ds-key").start()
    try:
        (proj / ".env").write_text(
            f"DEEPSEEK_API_KEY=ds-key\nDEEPSEEK_BASE_URL={server.base}\n", encoding="utf-8"
        )
        env = {"OPENAI_API_KEY": "sk-openai-test", "PYTHONPATH": str(tmp_path / "lib")}
        proc, blocked = run_guarded("app.py", proj, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.headers["authorization"]) for r in server.requests] == [
        ("/chat/completions", "Bearer ds-key")
    ]


RAW = """import requests
from decouple import config

KEY = config("OPENAI_API_KEY")
URL = config("OPENAI_API_BASE", default="https://api.openai.com/v1")


def ask(q):
    body = {"model": "deepseek-flash", "messages": [{"role": "user", "content": q}]}
    headers = {"Authorization": f"Bearer {KEY}"}
    return requests.post(URL + "/chat/completions", headers=headers, json=body)
"""


def test_a_raw_requests_decouple_url_read_stays_decouples(tmp_path):
    """Before: ML403 wrote `URL = os.environ.get("DEEPSEEK_BASE_URL", ...)` beside `KEY =
    config("DEEPSEEK_API_KEY")`: a URL kept in `.env` was not read. Now both stay decouple's."""
    proj = project(tmp_path, {"app.py": RAW})
    code, _ = run("apply", proj, "--yes")
    assert code == 0
    assert (proj / "app.py").read_text(encoding="utf-8") == RAW.replace(
        'config("OPENAI_API_KEY")', 'config("DEEPSEEK_API_KEY")'
    ).replace(
        'config("OPENAI_API_BASE", default="https://api.openai.com/v1")',
        'config("DEEPSEEK_BASE_URL", default="https://api.deepseek.com")',
    )
    assert findings(proj) == []


NAMED = """from decouple import config
from openai import OpenAI

OPENAI_API_KEY = config("OPENAI_API_KEY")
client = OpenAI(api_key=OPENAI_API_KEY, max_retries=0)
messages = [{"role": "user", "content": "hi"}]
print(client.chat.completions.create(model="deepseek-flash", messages=messages).id)
"""


def test_a_key_named_after_its_decouple_read_is_read_with_decouple(tmp_path):
    """Before (r3 dc/s.py): the slot got `os.environ.get("DEEPSEEK_API_KEY", "unset")`, which
    never sees `.env`: the name is followed to its read, and the slot's read is decouple's."""
    proj = project(tmp_path, {"app.py": NAMED})
    code, _ = run("apply", proj, "--yes")
    assert code == 0
    text = (proj / "app.py").read_text(encoding="utf-8")
    assert '    api_key=config("DEEPSEEK_API_KEY", default="unset"),\n' in text
    server = LoopbackServer(key="ds-key").start()
    try:  # the key in `.env` alone; the base URL (read from the environment) exported
        (proj / ".env").write_text("DEEPSEEK_API_KEY=ds-key\n", encoding="utf-8")
        env = {
            "OPENAI_API_KEY": "sk-openai-test",
            "DEEPSEEK_BASE_URL": server.base,
            "PYTHONPATH": str(tmp_path / "lib"),
        }
        proc, blocked = run_guarded("app.py", proj, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer ds-key"]
