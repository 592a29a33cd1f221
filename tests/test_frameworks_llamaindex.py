"""LlamaIndex's OpenAI classes (ML611) and default models (ML612): exact before/after text with
every rule running, legacy paths, look-alikes untouched, idempotence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from . import network_guard
from .cli_findings import finding_rows, run_json
from .framework_rewrites import assert_rewrites, migrate
from .notebook_builder import cell, notebook
from .test_frameworks_agents_e2e import needs

KEY = 'api_key=os.environ.get("ACME_API_KEY", "unset")'
URL = 'api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
LIKE = "from llama_index.llms.openai_like import OpenAILike"
LIKE_EMB = "from llama_index.embeddings.openai_like import OpenAILikeEmbedding"


CASES = [
    pytest.param(
        'from llama_index.llms.openai import OpenAI\nllm = OpenAI(model="gpt-4o", max_tokens=256)\n',
        f"import os\n\n{LIKE}\nllm = OpenAILike(\n    {KEY},\n    {URL},\n"
        "    is_chat_model=True,\n    is_function_calling_model=True,\n"
        '    model="acme-large",\n    max_tokens=256,\n)\n',
        id="llm-becomes-openai-like",
    ),
    pytest.param(
        "from llama_index.llms.openai import OpenAI as LLM\n\n\ndef make():\n    return LLM()\n",
        f"import os\n\n{LIKE}\n\n\ndef make():\n    return OpenAILike(\n"
        '        api_key=os.environ["ACME_API_KEY"],\n'
        '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '        model="acme-small",\n'
        "        is_chat_model=True,\n        is_function_calling_model=True,\n    )\n",
        id="alias-default-model-in-function",
    ),
    pytest.param(
        "from llama_index.core import Settings\n"
        "from llama_index.embeddings.openai import OpenAIEmbedding\n"
        'Settings.embed_model = OpenAIEmbedding(model="text-embedding-ada-002", '
        'api_key="sk-0123456789abcdefghijKLMN")\n',
        f"import os\n\nfrom llama_index.core import Settings\n{LIKE_EMB}\n"
        f'Settings.embed_model = OpenAILikeEmbedding(\n    {URL},\n    model_name="acme-embed",\n'
        f"    {KEY},\n)\n",
        id="embedding-model-renamed-key-replaced",
    ),
    pytest.param(
        "from llama_index.embeddings.openai import OpenAIEmbedding\n"
        'embed = OpenAIEmbedding(model_name="text-embedding-3-small")\n',
        f"import os\n\n{LIKE_EMB}\nembed = OpenAILikeEmbedding(\n    {KEY},\n    {URL},\n"
        '    model_name="acme-embed",\n)\n',
        id="embedding-model-given-as-its-field-name",
    ),
    pytest.param(
        "from llama_index.llms import OpenAI\n"
        "from llama_index import ServiceContext\n"
        'ctx = ServiceContext.from_defaults(llm=OpenAI(model="gpt-3.5-turbo"), embed_model=e)\n',
        "import os\n\nfrom llama_index.llms import OpenAILike\n"
        "from llama_index import ServiceContext\n"
        "ctx = ServiceContext.from_defaults(\n    llm=OpenAILike(\n"
        f"        {KEY},\n        {URL},\n"
        "        is_chat_model=True,\n        is_function_calling_model=True,\n"
        '        model="acme-small",\n    ),\n    embed_model=e,\n)\n',
        id="legacy-path-inside-service-context",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_rewrite(registry, before, after):
    assert_rewrites(registry, before, after)


@pytest.mark.parametrize("read", ['os.getenv("OPENAI_API_KEY")', 'os.environ["OPENAI_API_KEY"]'])
def test_a_key_read_with_getenv_migrates_as_one_read_from_environ(registry, read):
    """t51g (the docs' llamaindex-agent notebook): with `os.getenv(...)` ML611's edit ended
    inside the string ML401 renames, and apply left both for a person ("its rules
    disagree")."""
    before = (
        "import os\n\nfrom llama_index.embeddings.openai import OpenAIEmbedding\n"
        "from llama_index.llms.openai import OpenAI\n\n"
        f'llm = OpenAI(model="gpt-4o", api_key={read})\n'
        f'embed = OpenAIEmbedding(model="text-embedding-3-small", api_key={read})\n'
    )
    after = (
        f"import os\n\n{LIKE_EMB}\n{LIKE}\n\n"
        f"llm = OpenAILike(\n    {URL},\n    is_chat_model=True,\n"
        '    is_function_calling_model=True,\n    model="acme-large",\n'
        f"    {KEY},\n)\n"
        f'embed = OpenAILikeEmbedding(\n    {URL},\n    model_name="acme-embed",\n    {KEY},\n)\n'
    )
    assert_rewrites(registry, before, after)
    found = migrate(registry, before).findings
    assert [(f.rule, f.fix.value) for f in found if f.rule in ("ML401", "ML611")] == [
        ("ML611", "review"),
        ("ML401", "safe"),
        ("ML611", "review"),
        ("ML401", "safe"),
    ]
    assert not [f for f in found if "disagree" in f.message]


def test_requirement_in_message_and_data(registry):
    change = migrate(registry, "from llama_index.llms.openai import OpenAI\nllm = OpenAI()\n")
    [finding] = [f for f in change.findings if f.rule == "ML611"]
    assert finding.fix.value == "review"
    assert finding.message.endswith(
        "; it becomes OpenAILike: add the package llama-index-llms-openai-like to your requirements"
    )
    assert finding.data["requirement"] == "llama-index-llms-openai-like"
    assert finding.data["replacement"] == "llama_index.llms.openai_like.OpenAILike"
    assert finding.data["model_from"] == "gpt-3.5-turbo"


def test_function_calling_follows_provider_tools(registry):
    # moonshot and zhipu list tools; the flag follows [supports] tools of the provider file.
    for provider in ("zhipu", "qwen"):
        change = migrate(
            registry, "from llama_index.llms.openai import OpenAI\nllm = OpenAI()\n", provider
        )
        tools = registry.get(provider).supports.get("tools") is True
        assert f"is_function_calling_model={tools}," in change.after


UNTOUCHED = [
    pytest.param("class OpenAI:\n    pass\n\n\nllm = OpenAI()\n", id="own-class-named-openai"),
    pytest.param(
        "from llama_index.llms.openai import OpenAI\n"
        'llm = OpenAI(api_base="http://127.0.0.1:8000/v1")\n',
        id="local-server",
    ),
    pytest.param(
        f'{LIKE}\nllm = OpenAILike(model="acme-large", api_base="https://api.acme.example/v1")\n',
        id="already-openai-like",
    ),
]


@pytest.mark.parametrize("before", UNTOUCHED)
def test_look_alikes_untouched(registry, before):
    change = migrate(registry, before)
    assert change.after == before


@pytest.mark.parametrize(
    "module",
    # llama-index<0.10 also exports it from the package (GPTDiscord, llama-index 0.8.69)
    ["llama_index.embeddings", "llama_index"],
)
def test_legacy_embedding_is_manual(registry, module):
    before = f"from {module} import OpenAIEmbedding\nemb = OpenAIEmbedding()\n"
    change = migrate(registry, before)
    assert change.after == before
    # ML114: whoever moves it, its vectors come from another model
    assert [(f.rule, f.fix.value) for f in change.findings] == [
        ("ML114", "manual"),
        ("ML611", "manual"),
    ]


def test_service_context_defaults(registry):
    before = "from llama_index import ServiceContext\nctx = ServiceContext.from_defaults()\n"
    change = migrate(registry, before)
    assert [(f.rule, f.data["setting"]) for f in change.findings] == [
        ("ML612", "llm"),
        ("ML612", "embed_model"),
    ]
    assert change.after == before


def test_positional_model_is_left_to_a_person(registry):
    before = 'from llama_index.llms.openai import OpenAI\nllm = OpenAI("gpt-4o", temperature=0)\n'
    change = migrate(registry, before)
    assert change.after == before
    [finding] = [f for f in change.findings if f.rule == "ML611"]
    assert finding.fix.value == "manual"
    assert finding.message.endswith(
        "; it passes positional arguments: pass them by keyword (model=...)"
    )


def test_context_window_from_the_provider_file(tmp_path):
    from migrate_llm.registry import load_registry

    acme = (Path(__file__).parent / "fixtures" / "providers" / "acme.toml").read_text()
    (tmp_path / "acme.toml").write_text(
        acme.replace("[frameworks]\n", "[frameworks]\ncontext_window = 32768\n")
    )
    registry = load_registry([tmp_path])
    change = migrate(registry, "from llama_index.llms.openai import OpenAI\nllm = OpenAI()\n")
    assert "    context_window=32768,\n" in change.after


def test_integration_must_be_a_class_path(tmp_path):
    from migrate_llm.errors import ProviderError
    from migrate_llm.registry import load_registry

    acme = (Path(__file__).parent / "fixtures" / "providers" / "acme.toml").read_text()
    (tmp_path / "acme.toml").write_text(
        acme.replace("[frameworks]\n", '[frameworks]\nlangchain_integration = "Chat"\n')
    )
    with pytest.raises(
        ProviderError, match=r"frameworks\.langchain_integration: expected a dotted"
    ):
        load_registry([tmp_path])


NO_EMBEDDINGS = """import os

from langchain_openai import OpenAIEmbeddings
from llama_index.core import Settings
from llama_index.embeddings.openai import OpenAIEmbedding

Settings.embed_model = OpenAIEmbedding(model="text-embedding-3-small")
lc = OpenAIEmbeddings()
other = OpenAIEmbedding(api_key=os.environ["EMBED_API_KEY"], api_base=os.environ["EMBED_BASE_URL"])
"""


def test_embedding_classes_are_not_pointed_at_a_provider_without_embeddings(registry):
    # Moonshot serves no embeddings: an OpenAILikeEmbedding pointed at it fails (rags)
    change = migrate(registry, NO_EMBEDDINGS, "moonshot")
    assert change.after == NO_EMBEDDINGS
    rows = [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message.split("; ", 1)[1])
        for f in change.findings
        if f.rule in ("ML601", "ML611")
    ]
    none = (
        "Moonshot AI (Kimi) has no OpenAI-compatible embeddings API (see "
        f"{registry.get('moonshot').docs}): keep it on OpenAI or point it at a provider that "
        "serves embeddings (its key and base URL), by hand; acme, azure, baichuan, doubao, "
        "ernie, hunyuan, qwen, siliconflow, zhipu offer it"
    )
    assert rows == [
        (7, "ML611", "error", "manual", none),
        (8, "ML601", "error", "manual", none),
        (
            9,
            "ML611",
            "note",
            "none",
            "Moonshot AI (Kimi) has no embeddings API, so they go elsewhere: make sure that is "
            "not OpenAI",
        ),
    ]


def test_llama_index_before_0_10s_multi_modal_class_is_told_to_upgrade(registry):
    text = (
        "from llama_index.multi_modal_llms import OpenAIMultiModal\n"
        'm = OpenAIMultiModal(model="gpt-4-vision-preview")\n'
    )
    change = migrate(registry, text, "moonshot")
    assert change.after == text
    [finding] = [f for f in change.findings if f.rule == "ML611"]
    assert (finding.severity.value, finding.fix.value) == ("error", "manual")
    assert finding.message.split("; ", 1)[1].startswith(
        "llama-index<0.10's OpenAIMultiModal accepts only OpenAI's vision models"
    )


STARTER = (
    "from llama_index.core import SimpleDirectoryReader, VectorStoreIndex\n\n"
    'documents = SimpleDirectoryReader("data").load_data()\n'
    "index = VectorStoreIndex.from_documents(documents)\n"
    "engine = index.as_query_engine()\n"
    'print(engine.query("What did the author do?"))\n'
)


def _check(root: Path, *paths: str) -> tuple[int, list[tuple[str, int, str]]]:
    code, report = run_json("check", "-p", "qwen", "--no-cache", *(paths or (str(root),)))
    return code, [(f["path"], f["line"], f["data"].get("setting")) for f in report["findings"]]


def test_the_starter_program_fails_check_until_the_run_sets_its_models(tmp_path, monkeypatch):
    """LlamaIndex's starter program names no OpenAI, yet sends its documents and questions to
    OpenAI; a module it imports that sets both default models is what makes it the
    provider's."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text("import settings\n" + STARTER, encoding="utf-8")
    assert _check(tmp_path) == (1, [("app.py", 5, "embed_model"), ("app.py", 6, "llm")])
    settings = tmp_path / "settings.py"
    settings.write_text(
        "from llama_index.core import Settings\n\nSettings.llm = make_llm()\n", encoding="utf-8"
    )
    assert _check(tmp_path) == (1, [("app.py", 5, "embed_model")])
    settings.write_text(
        settings.read_text() + "Settings.embed_model = make_embedding()\n", encoding="utf-8"
    )
    assert _check(tmp_path) == (0, [])
    # the module alone: the run does not hold the file that sets them
    assert _check(tmp_path, "app.py")[1] == [("app.py", 5, "embed_model"), ("app.py", 6, "llm")]


@pytest.mark.parametrize(
    ("spread", "reported"),
    [
        ('kw = {"show_progress": False}\n', True),  # t41e N1: no embed_model in it
        ('kw = {"embed_model": make_embedding(), "llm": make_llm()}\n', False),
        # a mapping the module does not show: known to hold no model (t55b D2; before: not
        # reported, "it may hold them")
        ("kw = load_options()\n", True),
        ('kw = load_options()\nkw["embed_model"] = make_embedding()\n', False),
        ("kw = load_options()\nkw.update(embed_model=make_embedding())\n", False),
        ('kw = {**BASE, "show_progress": False}\n', True),
        (
            'BASE = {"embed_model": make_embedding()}\nkw = {**BASE, "show_progress": False}\n',
            False,
        ),
        ("kw = dict(embed_model=make_embedding())\n", False),
    ],
)
def test_a_mapping_spread_into_the_call_is_read_for_its_models(
    tmp_path, monkeypatch, spread, reported
):
    monkeypatch.chdir(tmp_path)
    text = (
        "from llama_index.core import Document, VectorStoreIndex\n\n"
        + spread
        + 'index = VectorStoreIndex.from_documents([Document(text="x")], **kw)\n'
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    line = text.count("\n")
    assert _check(tmp_path) == ((1, [("app.py", line, "embed_model")]) if reported else (0, []))


INIT = (
    "from llama_index.core import Settings\nfrom llama_index.core.embeddings import MockEmbedding"
    "\n\n\ndef initialize_globals() -> None:  # called by the server only\n"
    "    Settings.embed_model = MockEmbedding(384)\n"
)
INGEST = (
    "from llama_index.core import Document, VectorStoreIndex\n\n"
    'index = VectorStoreIndex.from_documents([Document(text="hello")])\n'
)


def _ml612(root: Path) -> tuple[int, list[tuple[str, int, str]]]:
    code, report = run_json("check", "-p", "zhipu", "--cache-dir", ".cache", str(root))
    return code, finding_rows(report, "path", "line", "message")


def test_a_model_set_only_inside_a_function_counts_where_it_may_be_called(tmp_path, monkeypatch):
    """t41c D3: private-gpt sets Settings.embed_model in the server's initialize_globals();
    its ingestion script never calls it, and died on "No API key found for OpenAI" while check
    passed. A setting in a function counts for its own module and the modules importing it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "init.py").write_text(INIT, encoding="utf-8")
    (tmp_path / "ingest_cli.py").write_text(INGEST, encoding="utf-8")
    message = (
        "VectorStoreIndex.from_documents() uses LlamaIndex's default embedding model: it is "
        "given no embed_model= and Settings.embed_model is set only inside a function of "
        "init.py, which this module does not import, so a program that gets here without "
        "calling that function (a script, a worker) makes LlamaIndex build OpenAI's "
        "text-embedding-ada-002 (OPENAI_API_KEY, api.openai.com); set Settings.embed_model to "
        "a model built for the provider in this module or at the top level of a module it "
        "imports, or pass embed_model="
    )
    assert _ml612(tmp_path) == (1, [("ingest_cli.py", 3, message)])
    # a module importing the one that sets it may call the function: left
    (tmp_path / "ingest_cli.py").write_text(
        "from init import initialize_globals\n\ninitialize_globals()\n" + INGEST,
        encoding="utf-8",
    )
    assert _ml612(tmp_path) == (0, [])
    # the function moved into a package, imported relatively; another setter beside it
    (tmp_path / "app").mkdir()
    (tmp_path / "init.py").rename(tmp_path / "app" / "init.py")
    (tmp_path / "app" / "server.py").write_text(INIT, encoding="utf-8")
    (tmp_path / "app" / "ingest.py").write_text(
        "from . import init\n\ninit.initialize_globals()\n" + INGEST, encoding="utf-8"
    )
    (tmp_path / "ingest_cli.py").write_text(INGEST, encoding="utf-8")
    code, found = _ml612(tmp_path)
    assert (code, [f[:2] for f in found]) == (1, [("ingest_cli.py", 3)])
    assert (
        "function of app/init.py, app/server.py, none of which this module imports" in (found[0][2])
    )
    # set at a module's top level (also under `if __name__ == "__main__":`): it counts for
    # that module and those importing it, not for a script beside them (the cached results
    # are not kept: the facts changed)
    (tmp_path / "app" / "server.py").write_text(
        INIT + 'if __name__ == "__main__":\n    Settings.embed_model = MockEmbedding(8)\n',
        encoding="utf-8",
    )
    code, found = _ml612(tmp_path)
    assert (code, [f[:2] for f in found]) == (1, [("ingest_cli.py", 3)])
    assert (
        "Settings.embed_model is set at the top level of app/server.py and inside a function "
        "of app/init.py, none of which this module imports, so a program that runs this module "
        "without importing them (a script of its own) makes LlamaIndex build" in found[0][2]
    )


def test_a_setting_inside_a_function_does_not_cover_its_modules_top_level(tmp_path, monkeypatch):
    """t50j D1: Chainlit's llama-index app built its index at import, while Settings.embed_model
    was set only in its on_chat_start function: check passed while the index asked the
    provider for text-embedding-ada-002. A use at the module's top level before any call of
    the function setting it is reported; one after such a call, or in a function, is not."""
    monkeypatch.chdir(tmp_path)
    head = (
        "from llama_index.core import Document, Settings, VectorStoreIndex\n"
        "from llama_index.core.embeddings import MockEmbedding\n\n\n"
        "def start():\n    Settings.embed_model = MockEmbedding(384)\n\n\n"
    )
    use = 'index = VectorStoreIndex.from_documents([Document(text="hello")])\n'
    (tmp_path / "app.py").write_text(head + use, encoding="utf-8")
    message = (
        "VectorStoreIndex.from_documents() uses LlamaIndex's default embedding model: it is "
        "given no embed_model= and Settings.embed_model is set only inside a function of this "
        "module, which has not run when its top level gets here, so importing or running this "
        "module makes LlamaIndex build OpenAI's text-embedding-ada-002 (OPENAI_API_KEY, "
        "api.openai.com); set Settings.embed_model to a model built for the provider at the "
        "top level of this module before this call or of a module it imports, or pass "
        "embed_model="
    )
    assert _ml612(tmp_path) == (1, [("app.py", 9, message)])
    # the function called first at the top level (through another, under the main guard)
    boot = "def boot():\n    start()\n\n\n"
    main = 'if __name__ == "__main__":\n    boot()\n    '
    (tmp_path / "app.py").write_text(head + boot + main + use, encoding="utf-8")
    assert _ml612(tmp_path) == (0, [])
    # called after the use: it has not run yet
    (tmp_path / "app.py").write_text(head + use + "start()\n", encoding="utf-8")
    assert _ml612(tmp_path) == (1, [("app.py", 9, message)])
    # the use inside a function, which may run after the setting's: left as before
    build = "def build():\n    return VectorStoreIndex.from_documents([])\n"
    (tmp_path / "app.py").write_text(head + build, encoding="utf-8")
    assert _ml612(tmp_path) == (0, [])


SETS_EMBEDDING = (
    "from llama_index.core import Settings\nfrom llama_index.core.embeddings import MockEmbedding"
    "\n\nSettings.embed_model = MockEmbedding(384)\n"
)


def test_a_top_level_setting_counts_for_its_module_and_those_importing_it(tmp_path, monkeypatch):
    """t43e D1: LlamaIndex's starter script got no ML612 for its default embedding model
    because another script of the project, which it never imports, set Settings.embed_model
    at its top level: check passed while the starter sent the OpenAI key to api.openai.com."""
    monkeypatch.chdir(tmp_path)
    # the setting module itself uses the default it sets: nothing to say
    (tmp_path / "other_script.py").write_text(SETS_EMBEDDING + INGEST, encoding="utf-8")
    (tmp_path / "starter.py").write_text(INGEST, encoding="utf-8")
    (tmp_path / "ingest.py").write_text("import other_script\n\n" + INGEST, encoding="utf-8")
    message = (
        "VectorStoreIndex.from_documents() uses LlamaIndex's default embedding model: it is "
        "given no embed_model= and Settings.embed_model is set at the top level of "
        "other_script.py, which this module does not import, so a program that runs this "
        "module without importing it (a script of its own) makes LlamaIndex build OpenAI's "
        "text-embedding-ada-002 (OPENAI_API_KEY, api.openai.com); set Settings.embed_model to "
        "a model built for the provider in this module or at the top level of a module it "
        "imports, or pass embed_model="
    )
    assert _ml612(tmp_path) == (1, [("starter.py", 3, message)])
    assert _check(tmp_path) == (1, [("starter.py", 3, "embed_model")])
    # a package's settings: its `__init__.py` runs before each module imported through it
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text(SETS_EMBEDDING, encoding="utf-8")
    (tmp_path / "app" / "engine.py").write_text(INGEST, encoding="utf-8")
    (tmp_path / "starter.py").write_text(
        "from app.engine import index\n\n" + INGEST, encoding="utf-8"
    )
    assert _check(tmp_path) == (0, [])
    (tmp_path / "starter.py").write_text(INGEST, encoding="utf-8")
    code, found = _ml612(tmp_path)
    assert (code, [f[:2] for f in found]) == (1, [("starter.py", 3)])
    assert (
        "Settings.embed_model is set at the top level of app/__init__.py, other_script.py, "
        "none of which this module imports, so a program that runs this module without "
        "importing them (a script of its own) makes" in found[0][2]
    )


def test_a_notebooks_setting_counts_for_that_notebook_alone(tmp_path, monkeypatch):
    """t43e: a notebook's `Settings.llm = ...` runs in its own kernel, so it counted for no
    other file; yet it hid the default model of every other notebook and module, and a
    notebook naming no OpenAI was never examined for its defaults (check green on 437 of
    LlamaIndex's docs)."""
    monkeypatch.chdir(tmp_path)
    imports = "from llama_index.core import Document, Settings, VectorStoreIndex\n"
    use = 'index = VectorStoreIndex.from_documents([Document(text="x")])\n'
    setting = "from llama_index.core.embeddings import MockEmbedding\n\n" + (
        "Settings.embed_model = MockEmbedding(8)\n"
    )
    (tmp_path / "sets.ipynb").write_text(
        json.dumps(notebook(cell(imports), cell(setting), cell(use))), encoding="utf-8"
    )
    (tmp_path / "uses.ipynb").write_text(
        json.dumps(notebook(cell(imports), cell(use))), encoding="utf-8"
    )
    (tmp_path / "script.py").write_text(imports + use, encoding="utf-8")
    code, found = _ml612(tmp_path)
    assert (code, [f[:2] for f in found]) == (1, [("script.py", 2), ("uses.ipynb", 1)])
    assert found[1][2] == (
        "VectorStoreIndex.from_documents() uses LlamaIndex's default embedding model: it is "
        "given no embed_model= and this notebook does not set Settings.embed_model (another "
        "notebook's setting does not reach it), nor does a module of the project at its top "
        "level, so LlamaIndex builds OpenAI's text-embedding-ada-002 (OPENAI_API_KEY, "
        "api.openai.com); set Settings.embed_model to a model built for the provider once at "
        "start (llama-index<0.10: set_global_service_context), or pass embed_model="
    )
    # a module's top-level setting counts for the notebooks and modules importing it
    (tmp_path / "settings.py").write_text(imports + setting, encoding="utf-8")
    code, found = _ml612(tmp_path)
    assert (code, [f[:2] for f in found]) == (1, [("script.py", 2), ("uses.ipynb", 1)])
    assert found[1][2] == (
        "VectorStoreIndex.from_documents() uses LlamaIndex's default embedding model: it is "
        "given no embed_model= and Settings.embed_model is set at the top level of settings.py, "
        "which this notebook does not import, so its kernel, which does not run it, makes "
        "LlamaIndex build OpenAI's text-embedding-ada-002 (OPENAI_API_KEY, api.openai.com); set "
        "Settings.embed_model to a model built for the provider in this notebook or at the top "
        "level of a module it imports, or pass embed_model="
    )
    (tmp_path / "uses.ipynb").write_text(
        json.dumps(notebook(cell("import settings\n" + imports), cell(use))), encoding="utf-8"
    )
    (tmp_path / "script.py").write_text("from settings import *\n" + use, encoding="utf-8")
    assert _ml612(tmp_path) == (0, [])


def _run(project: Path, script: str, guard: Path) -> subprocess.CompletedProcess[str]:
    """`script` run with LlamaIndex installed, no OPENAI_* variable, the network guard on."""
    base = {k: v for k, v in os.environ.items() if "OPENAI" not in k.upper()}
    env = network_guard.subprocess_env(base, guard)
    return subprocess.run(
        [sys.executable, script], cwd=project, env=env, capture_output=True, text=True, timeout=180
    )


@pytest.mark.frameworks
def test_the_script_that_never_calls_the_setting_function_needs_openai(tmp_path, monkeypatch):
    """What check says of a setting inside a function is what LlamaIndex does: the script
    that never calls it builds OpenAI's embedding and asks for its key (check red); once it
    imports and calls it, it runs with no OpenAI key (check green)."""
    needs("llama_index.core")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "init.py").write_text(INIT, encoding="utf-8")
    (tmp_path / "ingest_cli.py").write_text(
        INGEST + 'print("indexed", len(index.docstore.docs))\n', encoding="utf-8"
    )
    assert [f[:2] for f in _ml612(tmp_path)[1]] == [("ingest_cli.py", 3)]
    proc = _run(tmp_path, "ingest_cli.py", tmp_path / "guard")
    assert proc.returncode == 1
    assert "No API key found for OpenAI" in proc.stderr
    (tmp_path / "ingest_cli.py").write_text(
        "from init import initialize_globals\n\ninitialize_globals()\n"
        + INGEST
        + 'print("indexed", len(index.docstore.docs))\n',
        encoding="utf-8",
    )
    assert _ml612(tmp_path) == (0, [])
    proc = _run(tmp_path, "ingest_cli.py", tmp_path / "guard")
    assert (proc.returncode, proc.stdout) == (0, "indexed 1\n"), proc.stderr
    assert network_guard.blocked_hosts(tmp_path / "guard") == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "def setup():\n    Settings.embed_model = MockEmbedding(8)\n    "
            "return VectorStoreIndex.from_documents([Document(text='x')])\n",
            id="set-and-used-in-one-function",
        ),
        pytest.param(
            "def setup():\n    Settings.embed_model = MockEmbedding(8)\n\n\n"
            "setup()\nindex = VectorStoreIndex.from_documents([Document(text='x')])\n",
            id="set-in-a-function-of-the-module-itself",
        ),
    ],
)
def test_a_module_setting_the_model_in_its_own_function_is_left(tmp_path, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(
        "from llama_index.core import Document, Settings, VectorStoreIndex\n"
        "from llama_index.core.embeddings import MockEmbedding\n\n\n" + text,
        encoding="utf-8",
    )
    assert _ml612(tmp_path) == (0, [])


def test_a_call_given_its_models_uses_no_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(
        "from llama_index.core import VectorStoreIndex\n\n\n"
        "def build(nodes, llm, embed_model):\n"
        "    index = VectorStoreIndex(nodes, embed_model=embed_model)\n"
        "    return index.as_chat_engine(llm=llm)\n",
        encoding="utf-8",
    )
    assert _check(tmp_path) == (0, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "from llama_index.core import Document, VectorStoreIndex\n"
            "index = VectorStoreIndex.from_documents([Document(text='x')], embed_model=None)\n"
            "print(index.as_query_engine(llm=None).query('q'))\n",
            [("app.py", 2, "embed_model"), ("app.py", 3, "llm")],
            id="a-model-given-as-None-is-the-default",
        ),
        pytest.param(
            "from llama_index.core import Document, VectorStoreIndex\n"
            "# Settings.llm = Ollama(model='llama3')\n"
            "# Settings.embed_model = HuggingFaceEmbedding()\n"
            "index = VectorStoreIndex.from_documents([Document(text='x')])\n",
            [("app.py", 4, "embed_model")],
            id="settings-in-comments-set-nothing",
        ),
        pytest.param(
            "from llama_index.core import Document, VectorStoreIndex\n"
            "from llama_index.core import Settings as S\n\n"
            "S.llm = make_llm()\nS.embed_model = make_embedding()\n"
            "index = VectorStoreIndex.from_documents([Document(text='x')])\n"
            "print(index.as_query_engine().query('q'))\n",
            [],
            id="settings-under-another-name",
        ),
        pytest.param(
            "from llama_index.core import Settings\n\nprint(Settings.llm.complete('hi'))\n",
            [("app.py", 3, "llm")],
            id="the-default-read-itself",
        ),
        pytest.param(
            "from llama_index.core import StorageContext, load_index_from_storage\n\n"
            "index = load_index_from_storage(StorageContext.from_defaults(persist_dir='s'))\n",
            [("app.py", 3, "embed_model")],
            id="an-index-loaded-from-storage-embeds-its-queries",
        ),
        pytest.param(
            "from llama_index.core import KeywordTableIndex\n\n"
            "index = KeywordTableIndex.from_documents(docs)\n",
            [("app.py", 3, "llm")],
            id="a-keyword-table-extracts-keywords-with-the-llm",
        ),
    ],
)
def test_what_falls_back_on_the_default_models(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    assert _check(tmp_path) == (1 if expected else 0, expected)


def test_a_prompt_for_the_key_is_reworded_or_left_with_the_classes_that_take_it(registry):
    """A prompt written in the key of a class apply rewrites is reworded inside that rewrite;
    one naming OpenAI otherwise is left to a person, also once its class is OpenAILike."""
    text = (
        "from llama_index.embeddings.openai import OpenAIEmbedding\n"
        "from llama_index.llms.openai import OpenAI\n\n"
        'key = input("OpenAI API key (platform.openai.com): ")\n'
        'llm = OpenAI(api_key=key, model="gpt-4o")\n'
        'emb = OpenAIEmbedding(api_key=input("Your OpenAI key: "), '
        'model="text-embedding-3-small")\n'
    )
    left = (
        "the prompt 'OpenAI API key (platform.openai.com):' asks for an OpenAI key, and the "
        "key typed there goes to Acme Cloud: make it ask for an Acme Cloud key, by hand"
    )
    change = migrate(registry, text)
    assert [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in change.findings
        if f.message.startswith("the prompt")
    ] == [
        (4, "warning", "manual", left),
        (
            6,
            "warning",
            "review",
            "the prompt 'Your OpenAI key:' asks for an OpenAI key, and the key typed there goes "
            'to Acme Cloud; apply writes "Your Acme Cloud key: "',
        ),
    ]
    assert change.after == (
        f"import os\n\n{LIKE_EMB}\n{LIKE}\n\n"
        'key = input("OpenAI API key (platform.openai.com): ")\n'
        f"llm = OpenAILike(\n    {URL},\n    is_chat_model=True,\n"
        '    is_function_calling_model=True,\n    api_key=key,\n    model="acme-large",\n)\n'
        f'emb = OpenAILikeEmbedding(\n    {URL},\n    model_name="acme-embed",\n'
        '    api_key=input("Your Acme Cloud key: "),\n)\n'
    )
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in again.findings
        if f.fix.value != "none"
    ] == [(6, "ML611", "warning", "manual", left)]


def test_a_base_url_held_in_a_name_bound_once_to_the_providers_variable(registry):
    """t43e D5: `api_base=_base`, `_base` read once from the provider's own variable, is the
    provider's endpoint for every class, as the read written at the call is: OpenAIEmbedding
    had an error ("computed at run time") where OpenAILike had none."""
    head = (
        "import os\n\nfrom llama_index.embeddings.openai import OpenAIEmbedding\n"
        f"{LIKE_EMB}\n\n"
        '_base = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
    )
    calls = (
        'a = OpenAIEmbedding(model_name="acme-embed", api_key=os.environ["ACME_API_KEY"], '
        "api_base=_base)\n"
        'b = OpenAILikeEmbedding(model_name="acme-embed", api_key=os.environ["ACME_API_KEY"], '
        "api_base=_base)\n"
    )
    change = migrate(registry, head + calls)
    assert change.after == change.before
    assert [(f.rule, f.line, f.severity.value, f.message) for f in change.findings] == [
        ("ML611", 7, "note", "OpenAIEmbedding() (LlamaIndex) already points at Acme Cloud"),
    ]
    # bound twice: which one holds is decided at run time
    twice = head + '_base = os.environ.get("OTHER_URL", "https://api.acme.example/v1")\n' + calls
    found = [(f.rule, f.line, f.severity.value) for f in migrate(registry, twice).findings]
    assert found == [("ML611", 8, "error")]


def test_a_notebooks_pip_line_gains_the_openai_like_packages_its_code_needs(registry):
    """t43e D3: apply rewrote the notebook's classes to the OpenAI-like ones but left its
    `%pip install` line, and check was green: a fresh kernel stopped on ModuleNotFoundError.
    Each package is written after the requirement that needs it, pinned to the core line the
    line pins (quoted as that word is); a package no release of which fits is reported."""
    from migrate_llm.engine import FileScanner
    from migrate_llm.formats.notebook import read_notebook
    from migrate_llm.rules.base import RuleContext

    scanner = FileScanner(RuleContext(registry, registry.get("acme")), Path("."))

    def run(pip: str):
        code = (
            "from llama_index.embeddings.openai import OpenAIEmbedding\n"
            "from llama_index.llms.openai import OpenAI\n"
            'emb = OpenAIEmbedding(model="text-embedding-3-small")\nllm = OpenAI()\n'
        )
        text = json.dumps(notebook(cell(pip), cell(code)))
        change = scanner.migrate_text(text, "notebook", "nb.ipynb", "nb.ipynb")
        mine = [f for f in change.findings if f.rule == "ML615"]
        return read_notebook(change.after).cells[0].source, mine, change

    line, (found,), change = run(
        "!pip install -q 'llama-index-llms-openai==0.3.12' llama-index-embeddings-openai"
    )
    assert line == (
        "!pip install -q 'llama-index-llms-openai==0.3.12' "
        "'llama-index-llms-openai-like>=0.3,<0.5' llama-index-embeddings-openai "
        "'llama-index-embeddings-openai-like>=0.1,<0.2.1'"
    )
    assert (found.cell, found.line, found.column, found.fix.value) == (1, 1, 17, "review")
    assert found.data == {
        "framework": "llamaindex",
        "requirements": ["llama-index-llms-openai==0.3.12", "llama-index-embeddings-openai"],
        "missing": ["llama-index-llms-openai-like", "llama-index-embeddings-openai-like"],
        "core": "0.12",
        "specs": {
            "llama-index-llms-openai-like": ">=0.3,<0.5",
            "llama-index-embeddings-openai-like": ">=0.1,<0.2.1",
        },
        "file_line": found.data["file_line"],
    }
    assert "OpenAILikeEmbedding(" in change.after
    again = scanner.migrate_text(change.after, "notebook", "nb.ipynb", "nb.ipynb")
    assert again.after == change.after
    assert [f.rule for f in again.findings if f.rule == "ML615"] == []

    # llama-index-core 0.11: the LLM's package is added, the embeddings' is left to a person
    line, (found,), _ = run("%pip install llama-index==0.11.23")
    assert line == '%pip install llama-index==0.11.23 "llama-index-llms-openai-like>=0.2,<0.3"'
    assert (found.fix.value, found.data["unavailable"]) == (
        "review",
        ["llama-index-embeddings-openai-like"],
    )
    assert found.message == (
        "pip installs llama-index==0.11.23 but not llama-index-llms-openai-like or "
        "llama-index-embeddings-openai-like, which the notebook's migrated code imports "
        "(OpenAILike, OpenAILikeEmbedding): add llama-index-llms-openai-like>=0.2,<0.3 (the "
        "releases that work with llama-index-core 0.11, which the versions listed here "
        "allow); no release of llama-index-embeddings-openai-like works with "
        "llama-index-core 0.11; upgrade LlamaIndex to 0.12 or later and add it"
    )

    # a package an earlier pip line installs (or gains) is not added again
    lines, found, _ = run("%pip install llama-index-llms-openai\n!pip install llama-index")
    assert lines == (
        "%pip install llama-index-llms-openai llama-index-llms-openai-like\n"
        "!pip install llama-index llama-index-embeddings-openai-like"
    )
    assert [f.data["missing"] for f in found] == [
        ["llama-index-llms-openai-like"],
        ["llama-index-embeddings-openai-like"],
    ]
