"""ML601 on a project class deriving from LangChain's ChatOpenAI that other project classes
derive from (`framework_heirs`, `rules.langchain_heirs`).

Trial 64a: MaxKB's `BaseChatOpenAI(ChatOpenAI)` is the base of 21 classes in 14 provider
packages, most pointed at their own provider. ML601 reported the base alone, saying to pass
the provider's key and URL "where it is built (or in its __init__)": done in the base, that
sends DeepSeek's model to DashScope with DashScope's key. Now the base gets a note naming its
subclasses, and each subclass's construction is judged where it is built.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

BASE = (
    "from langchain_openai import ChatOpenAI\n\n\n"
    "class SharedChat(ChatOpenAI):\n"
    '    """Usage tracking for every provider."""\n'
)
DEEPSEEK = (
    "from shared import SharedChat\n\n\n"
    "class DeepSeekChat(SharedChat):\n"
    "    @staticmethod\n"
    "    def build(model, settings):\n"
    '        return DeepSeekChat(model=model, openai_api_base="https://api.deepseek.com",\n'
    '                            openai_api_key=settings["key"])\n'
)
STORED = (
    "from shared import SharedChat\n\n\n"
    "class StoredChat(SharedChat):\n"
    "    @staticmethod\n"
    "    def build(model, settings):\n"
    '        return StoredChat(model=model, openai_api_base=settings.get("url"),\n'
    '                          openai_api_key=settings["key"])\n'
)
PLAIN = (
    "from shared import SharedChat\n\n\n"
    "class PlainChat(SharedChat):\n"
    "    pass\n\n\n"
    'chat = PlainChat(model="gpt-4o")\n'
)
UNBUILT = "from shared import SharedChat\n\n\nclass ElsewhereChat(SharedChat):\n    pass\n"
QWEN = "https://dashscope.aliyuncs.com/compatible-mode/v1"
HEAD = "derives from ChatOpenAI (LangChain) through SharedChat (shared.py)"


def project(tmp_path, monkeypatch, **modules: str):
    root = tmp_path / "proj"
    root.mkdir()
    (root / "shared.py").write_text(BASE)
    for name, text in modules.items():
        (root / f"{name}.py").write_text(text)
    monkeypatch.chdir(root)  # paths shown as `check .` shows them
    return root


def run(command: str, *options: str) -> tuple[int, list[tuple]]:
    """The exit code of `command .` for Qwen and its ML601 findings."""
    args = [command, ".", "-p", "qwen", "--format", "json", "--no-cache", *options]
    result = CliRunner().invoke(app, args)
    found = [
        (f["path"], f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML601"
    ]
    return result.exit_code, found


def test_the_shared_base_names_its_subclasses_and_the_stored_url_is_reported(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch, deepseek_chat=DEEPSEEK, stored_chat=STORED)
    note = (
        "shared.py",
        4,
        "note",
        "none",
        "SharedChat derives from ChatOpenAI (LangChain) and is the base of 2 classes of the "
        "project: DeepSeekChat (deepseek_chat.py) and StoredChat (stored_chat.py); ML601 "
        "reports each where it is built, by the base URL it is given; do not set a provider's "
        "key or base URL in SharedChat, which every subclass would then send its requests to",
    )
    stored = (
        "stored_chat.py",
        7,
        "warning",
        "manual",
        f"StoredChat() {HEAD} and takes its base URL from a value computed at run time and its "
        'key from `settings["key"]`; its constructions are not rewritten: make sure they are '
        f"Alibaba Qwen (DashScope / Model Studio)'s ({QWEN}, the key from DASHSCOPE_API_KEY) "
        "where it is meant to reach OpenAI; a server of your own needs no change",
    )
    # scan shows the note; DeepSeek's literal URL is left alone
    assert run("scan") == (0, [note, stored])
    # check: only the construction that may reach OpenAI keeps it red
    assert run("check") == (1, [stored])
    before = {p.name: p.read_bytes() for p in root.iterdir() if p.suffix == ".py"}
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--allow-dirty"])
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in root.iterdir() if p.suffix == ".py"} == before


def test_a_subclass_given_no_url_talks_to_openai_where_it_is_built(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, plain_chat=PLAIN)
    assert run("check") == (
        1,
        [
            (
                "plain_chat.py",
                8,
                "warning",
                "manual",
                f"PlainChat() {HEAD} and talks to OpenAI (key from OPENAI_API_KEY); its "
                "constructions are not rewritten: pass Alibaba Qwen (DashScope / Model "
                "Studio)'s key (from DASHSCOPE_API_KEY), base URL "
                f"({QWEN}) and model here, by hand",
            )
        ],
    )


def test_a_subclass_its_module_does_not_build_is_reported_at_its_class(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, elsewhere_chat=UNBUILT)
    assert run("check") == (
        1,
        [
            (
                "elsewhere_chat.py",
                4,
                "warning",
                "manual",
                "ElsewhereChat derives from ChatOpenAI (LangChain) through SharedChat "
                "(shared.py); its constructions are not rewritten: pass the key, base URL and "
                "model for Alibaba Qwen (DashScope / Model Studio) where it is built (or in its "
                "__init__)",
            )
        ],
    )


def test_a_base_with_no_subclass_keeps_its_warning(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch)
    assert run("check") == (
        1,
        [
            (
                "shared.py",
                4,
                "warning",
                "manual",
                "SharedChat derives from ChatOpenAI (LangChain); its constructions are not "
                "rewritten: pass the key, base URL and model for Alibaba Qwen (DashScope / Model "
                "Studio) where it is built (or in its __init__)",
            )
        ],
    )
