"""A key test follows the client it guards into the project's other modules (t68b, R2R).

`if embedding_provider == "openai" and "OPENAI_API_KEY" not in os.environ: raise`, then
`build_all()` from factory.py, which builds `OpenAIEmbedder()` from embedder.py, whose
`OpenAI()` apply leaves on OpenAI (Moonshot serves no embeddings): apply renamed the test to
MOONSHOT_API_KEY (safe), so it passed on the Moonshot key while the embedder still needed
OpenAI's. The same test beside the client was left. Now the guarded code's calls into the
project's other modules are followed there, and the test is left (ML401 manual, naming the
call reached); where what it reaches is switched, the test is renamed with it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

KIMI = "Moonshot AI (Kimi)"
ENTRY = """import os

from factory import build_all


def build(embedding_provider):
    if embedding_provider == "openai" and "OPENAI_API_KEY" not in os.environ:
        raise ValueError("set the key")
    return build_all(embedding_provider)
"""
FACTORY = """from chat import Chat
from embedder import {embedder}


def build_all(embedding_provider):
    emb = {embedder}() if embedding_provider == "openai" else None
    return Chat(), emb
"""
CHAT = """from openai import OpenAI


class Chat:
    def __init__(self):
        self.client = OpenAI()

    def ask(self, q):
        return self.client.chat.completions.create(model="gpt-4o", messages=[q])
"""
EMBEDDER = """from openai import OpenAI


def {embedder}():
    client = OpenAI()
    return client.{call}
"""
EMBEDS = 'embeddings.create(model="text-embedding-3-small", input=["a"])'
CHATS = 'chat.completions.create(model="gpt-4o", messages=[])'


def _tree(tmp_path, monkeypatch, embedder: str, call: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "entry.py").write_text(ENTRY, encoding="utf-8")
    (tmp_path / "factory.py").write_text(FACTORY.format(embedder=embedder), encoding="utf-8")
    (tmp_path / "chat.py").write_text(CHAT, encoding="utf-8")
    text = EMBEDDER.format(embedder=embedder, call=call)
    (tmp_path / "embedder.py").write_text(text, encoding="utf-8")


def _entry_ml401():
    scan = CliRunner().invoke(app, ["scan", ".", "-p", "moonshot", "--format", "json"])
    return [
        (f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML401" and f["path"] == "entry.py"
    ]


def test_a_test_guarding_a_client_left_in_another_module_is_left(tmp_path, monkeypatch):
    _tree(tmp_path, monkeypatch, "make_embedder", EMBEDS)
    assert _entry_ml401() == [
        (
            7,
            "warning",
            "manual",
            "reads OPENAI_API_KEY; not switched: it tests for OpenAI's key before build_all() "
            "on line 9, which reaches `client.embeddings.create()` on line 6 of embedder.py, a "
            f"call to the embeddings API, which {KIMI} does not offer: renamed, the test would "
            f"pass on {KIMI}'s key while that feature still needs OpenAI's; replace or remove "
            "the feature, then the test, by hand",
        )
    ]
    done = CliRunner().invoke(app, ["apply", ".", "-p", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "entry.py").read_text(encoding="utf-8") == ENTRY
    assert "OPENAI_API_KEY" not in (tmp_path / "chat.py").read_text(encoding="utf-8")
    check = CliRunner().invoke(app, ["check", ".", "-p", "moonshot"])
    assert check.exit_code == 1  # the embeddings client (ML001, ML101) and this test


def test_a_class_named_like_openai_reached_there_leaves_the_test(tmp_path, monkeypatch):
    """R2R's shape: the factory builds the project's `OpenAIEmbedder()` given no key."""
    _tree(tmp_path, monkeypatch, "OpenAIEmbedder", EMBEDS)
    [(line, severity, fix, message)] = _entry_ml401()
    assert (line, severity, fix) == (7, "warning", "manual")
    assert "before build_all() on line 9, which reaches `OpenAIEmbedder()` on line 6 of " in (
        message
    )
    assert "factory.py" in message


def test_a_test_guarding_clients_apply_switches_there_is_renamed(tmp_path, monkeypatch):
    _tree(tmp_path, monkeypatch, "make_embedder", CHATS)
    assert [(line, fix) for line, _s, fix, _m in _entry_ml401()] == [(7, "safe")]
    done = CliRunner().invoke(app, ["apply", ".", "-p", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "entry.py").read_text(encoding="utf-8") == ENTRY.replace(
        '"OPENAI_API_KEY"', '"MOONSHOT_API_KEY"'
    )
    again = CliRunner().invoke(app, ["apply", ".", "-p", "moonshot", "--yes"])
    assert again.stderr.startswith("Changed 0 files"), again.stderr


def test_a_feature_the_provider_lacks_in_a_package_module_leaves_the_test(tmp_path, monkeypatch):
    """Followed through a package (`from pkg.speech import transcribe`), two modules deep."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "pkg" / "speech.py").write_text(
        "from pkg.audio import hear\n\n\ndef transcribe(path):\n    return hear(path)\n",
        encoding="utf-8",
    )
    (tmp_path / "pkg" / "audio.py").write_text(
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef hear(path):\n"
        '    return client.audio.transcriptions.create(model="whisper-1", file=open(path, "rb"))\n',
        encoding="utf-8",
    )
    (tmp_path / "main.py").write_text(
        "import os\n\nfrom pkg.speech import transcribe\n\n\ndef run(path):\n"
        '    if os.getenv("OPENAI_API_KEY"):\n        return transcribe(path)\n',
        encoding="utf-8",
    )
    scan = CliRunner().invoke(app, ["scan", ".", "-p", "moonshot", "--format", "json"])
    [found] = [
        f
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML401" and f["path"] == "main.py"
    ]
    assert (found["line"], found["fix"], found["message"]) == (
        7,
        "manual",
        "reads OPENAI_API_KEY; not switched: it tests for OpenAI's key before transcribe() on "
        "line 8, which reaches `client.audio.transcriptions.create()` on line 7 of "
        f"pkg/audio.py, a call to the audio API, which {KIMI} does not offer: renamed, the "
        f"test would pass on {KIMI}'s key while that feature still needs OpenAI's; replace or "
        "remove the feature, then the test, by hand",
    )


# R2R's app_entry.py: the way to the client cannot be followed (a factory class picked at run
# time), but the test's message names the class it guards
NAMED_ENTRY = """import importlib
import os


def build(kind):
    if kind == "openai" and "OPENAI_API_KEY" not in os.environ:
        raise ValueError("Must set OPENAI_API_KEY in order to initialize OpenAIEmbedder.")
    return getattr(importlib.import_module("embedder"), "OpenAIEmbedder")()
"""
NAMED_EMBEDDER = """from openai import OpenAI


class OpenAIEmbedder:
    def __init__(self):
        self.client = OpenAI()

    def embed(self, text):
        return self.client.embeddings.create(model="text-embedding-3-small", input=[text])
"""


def test_a_test_whose_message_names_a_class_left_on_openai_is_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "entry.py").write_text(NAMED_ENTRY, encoding="utf-8")
    (tmp_path / "embedder.py").write_text(NAMED_EMBEDDER, encoding="utf-8")
    assert _entry_ml401()[0] == (
        6,
        "warning",
        "manual",
        "reads OPENAI_API_KEY; not switched: it tests for OpenAI's key for OpenAIEmbedder, "
        "which its message names: `self.client.embeddings.create()` on line 9 of embedder.py, "
        f"in that class, is a call to the embeddings API, which {KIMI} does not offer: renamed, "
        f"the test would pass on {KIMI}'s key while that feature still needs OpenAI's; replace "
        "or remove the feature, then the test, by hand",
    )
    done = CliRunner().invoke(app, ["apply", ".", "-p", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "entry.py").read_text(encoding="utf-8") == NAMED_ENTRY
    # for a provider serving embeddings apply moves that client, and the test with it
    done = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "entry.py").read_text(encoding="utf-8") == NAMED_ENTRY.replace(
        '"OPENAI_API_KEY" not in', '"DASHSCOPE_API_KEY" not in'
    )


def _ml401_fix(*cache: str) -> list[tuple[int, str]]:
    scan = CliRunner().invoke(app, ["scan", ".", "-p", "moonshot", "--format", "json", *cache])
    assert scan.exit_code == 0, scan.stderr
    return [
        (f["line"], f["fix"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML401" and f["path"] == "entry.py"
    ]


def test_an_edit_to_the_callees_module_alone_rekeys_the_cached_result(tmp_path, monkeypatch):
    """Before: cached, entry.py's result stayed "safe" after embedder.py alone came to make
    its embeddings request in the function the key test reaches (entry.py's bytes, and the
    project's screening, unchanged); `--no-cache` said manual."""
    (tmp_path / "p").mkdir()
    _tree(tmp_path / "p", monkeypatch, "make_embedder", CHATS)
    two = "{}\n\n\ndef other():\n    client = OpenAI()\n    return client.{}\n"
    embedder = tmp_path / "p" / "embedder.py"
    embedder.write_text(two.format(embedder.read_text().rstrip(), EMBEDS), encoding="utf-8")
    cache = ("--cache-dir", str(tmp_path / "cache"))
    assert _ml401_fix(*cache) == [(7, "safe")]
    text = EMBEDDER.format(embedder="make_embedder", call=EMBEDS)
    embedder.write_text(two.format(text.rstrip(), CHATS), encoding="utf-8")
    assert _ml401_fix(*cache) == _ml401_fix("--no-cache") == [(7, "manual")]


def test_calls_to_builtins_and_libraries_do_not_use_up_the_calls_followed(tmp_path, monkeypatch):
    """Before: the first 8 calls not of the module were followed, `log.info(...)`, `str()`
    and `ValueError()` among them, so `build_all()` after ten of them was not, and apply
    renamed the test while embedder.py's embeddings client still needed OpenAI's key."""
    _tree(tmp_path, monkeypatch, "make_embedder", EMBEDS)
    logged = "".join(f'    log.info("step {n}: %s", str(repr({n})))\n' for n in range(4))
    entry = ENTRY.replace("from factory", "import logging\n\nfrom factory").replace(
        "    return build_all", f'    log = logging.getLogger("x")\n{logged}    return build_all'
    )
    (tmp_path / "entry.py").write_text(entry, encoding="utf-8")
    assert _ml401_fix() == [(9, "manual")]
    done = CliRunner().invoke(app, ["apply", ".", "-p", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "entry.py").read_text(encoding="utf-8") == entry


def test_a_class_of_the_module_whose_name_begins_so_does_not_hide_the_named_one(
    tmp_path, monkeypatch
):
    """Before: `class OpenAIEmbedderConfig` in entry.py held the text `class OpenAIEmbedder`,
    so the class the message names was taken for the module's own and the test renamed."""
    monkeypatch.chdir(tmp_path)
    entry = NAMED_ENTRY + "\n\nclass OpenAIEmbedderConfig:\n    size = 1536\n"
    (tmp_path / "entry.py").write_text(entry, encoding="utf-8")
    (tmp_path / "embedder.py").write_text(NAMED_EMBEDDER, encoding="utf-8")
    assert [(line, fix) for line, _s, fix, _m in _entry_ml401()][:1] == [(6, "manual")]
