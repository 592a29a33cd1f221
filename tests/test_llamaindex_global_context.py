"""ML612 and a global service context (llama-index<0.10) set in another module: the setting
counts for the modules importing that module through others too (t50f D2, rags'
core/param_cache.py -> core/utils.py -> core/builder_config.py), and
`ServiceContext.from_defaults()` without a model starts from it (D4); a resolver under a test
ruling "default" out builds no default model (D3)."""

from __future__ import annotations

import ast
from pathlib import Path

from migrate_llm.import_reach import ImportGraph, imported_of

from .cli_findings import finding_rows, run_json

CONFIG = (
    "import os\n"
    "from llama_index import ServiceContext, set_global_service_context\n"
    "from llama_index.llms import OpenAILike\n"
    "from llama_index.embeddings import HuggingFaceEmbedding\n\n"
    'LLM = OpenAILike(model="qwen-plus", api_key=os.environ["DASHSCOPE_API_KEY"])\n'
    "set_global_service_context(\n"
    '    ServiceContext.from_defaults(llm=LLM, embed_model=HuggingFaceEmbedding("bge"))\n'
    ")\n"
)
UTILS = (
    "from pkg.config import LLM\n"
    "from llama_index import ServiceContext\n\n\n"
    "def build(chunk_size):\n"
    "    return ServiceContext.from_defaults(chunk_size=chunk_size)\n"
)
CACHE = (
    "from llama_index import StorageContext, load_index_from_storage\n"
    "from pkg.utils import build\n\n\n"
    "def load(d):\n"
    "    return load_index_from_storage(StorageContext.from_defaults(persist_dir=d))\n"
)


def _ml612(root: Path) -> tuple[int, list[tuple[str, int, str]]]:
    code, report = run_json("check", "-p", "qwen", "--no-cache", str(root))
    return code, finding_rows(report, "path", "line", "message")


def _project(root: Path, utils: str = UTILS, cache: str = CACHE) -> None:
    (root / "pkg").mkdir(exist_ok=True)
    for name, text in (("__init__", ""), ("config", CONFIG), ("utils", utils), ("cache", cache)):
        (root / "pkg" / f"{name}.py").write_text(text, encoding="utf-8")


def test_a_setting_counts_through_the_modules_imported(tmp_path, monkeypatch):
    """pkg/cache.py imports pkg/utils.py, which imports pkg/config.py, which sets the global
    service context: both run it first, so neither uses LlamaIndex's defaults."""
    monkeypatch.chdir(tmp_path)
    _project(tmp_path)
    assert _ml612(tmp_path) == (0, [])
    # relative imports are followed too
    _project(tmp_path, UTILS.replace("from pkg.config", "from .config"))
    (tmp_path / "pkg" / "cache.py").write_text(CACHE.replace("from pkg.utils", "from .utils"))
    assert _ml612(tmp_path) == (0, [])


def test_a_module_reaching_no_setting_is_still_reported(tmp_path, monkeypatch):
    """Without the import of pkg/config.py in pkg/utils.py, neither module runs the setting:
    ServiceContext.from_defaults() builds LlamaIndex's default LLM and embedding model, and
    load_index_from_storage() embeds with the default."""
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, UTILS.replace("from pkg.config import LLM\n", ""))
    code, found = _ml612(tmp_path)
    assert code == 1
    assert [(path, line) for path, line, _ in found] == [
        ("pkg/cache.py", 6),
        ("pkg/utils.py", 5),
        ("pkg/utils.py", 5),
    ]
    assert found[0][2].startswith(
        "load_index_from_storage() uses LlamaIndex's default embedding model: it is given no "
        "embed_model= and Settings.embed_model is set at the top level of pkg/config.py, which "
        "this module does not import, "
    )
    assert [message for _, _, message in found[1:]] == [
        "ServiceContext.from_defaults() without llm= uses LlamaIndex's default OpenAI LLM "
        "(OPENAI_API_KEY, api.openai.com): pass llm= a model built for the provider",
        "ServiceContext.from_defaults() without embed_model= uses LlamaIndex's default OpenAI "
        "embedding model (OPENAI_API_KEY, api.openai.com): pass embed_model= a model built "
        "for the provider",
    ]


def test_the_module_building_the_global_context_is_reported_for_what_it_leaves_out(
    tmp_path, monkeypatch
):
    """The global context's own `from_defaults()` starts from no global one: a model it
    leaves out is LlamaIndex's default, in every module that then starts from it."""
    monkeypatch.chdir(tmp_path)
    _project(tmp_path)
    (tmp_path / "pkg" / "config.py").write_text(
        CONFIG.replace(', embed_model=HuggingFaceEmbedding("bge")', ""), encoding="utf-8"
    )
    code, found = _ml612(tmp_path)
    assert (code, found) == (
        1,
        [
            (
                "pkg/config.py",
                8,
                "ServiceContext.from_defaults() without embed_model= uses LlamaIndex's default "
                "OpenAI embedding model (OPENAI_API_KEY, api.openai.com): pass embed_model= a "
                "model built for the provider",
            )
        ],
    )


RESOLVER = """from llama_index.embeddings.utils import resolve_embed_model
from pydantic import BaseModel, Field


class RAGParams(BaseModel):
    embed_model: str = Field(default="default")


def build(rag_params: RAGParams, emb):
    e = emb if rag_params.embed_model == "default" else resolve_embed_model(rag_params.embed_model)
    if rag_params.embed_model != "default":
        e = resolve_embed_model(rag_params.embed_model)
    return e


def pick(rag_params: RAGParams, emb):
    if rag_params.embed_model == "default":
        return emb
    return resolve_embed_model(rag_params.embed_model)


def other(rag_params: RAGParams, emb):
    if emb == "default":
        return emb
    return resolve_embed_model(rag_params.embed_model)
"""


def test_a_resolver_where_the_value_is_not_default_builds_no_default(tmp_path, monkeypatch):
    """rags' `emb if rag_params.embed_model == "default" else resolve_embed_model(
    rag_params.embed_model)`: the resolver never sees "default". A test of another value
    rules nothing out."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "params.py").write_text(RESOLVER, encoding="utf-8")
    assert _ml612(tmp_path) == (
        1,
        [
            (
                "params.py",
                25,
                'resolve_embed_model(`rag_params.embed_model`), when that is "default", builds '
                "LlamaIndex's default OpenAI embedding model (OPENAI_API_KEY, api.openai.com): "
                "pass a model built for the provider",
            )
        ],
    )


def test_the_import_graph_reads_no_more_modules_than_its_budget():
    """A setting beyond the modules read is not found: the module is reported, not missed."""
    texts = {f"m{i}.py": f"import m{i + 1}\n" for i in range(5)}
    read: list[str] = []

    def imports(name: str):
        read.append(name)
        return imported_of(ast.parse(texts.get(name, "")))

    graph = ImportGraph([*texts, "m5.py"], imports, budget=3)
    start = imported_of(ast.parse("import m0\n"))
    assert graph.reached("main.py", start, ["m3.py"]) == {"m3.py"}
    assert graph.reached("main.py", start, ["m5.py"]) == set()
    assert read == ["m0.py", "m1.py", "m2.py"]


def test_what_a_module_sets_is_read_again_for_each_text_asked():
    """`_sets_itself` keeps what the text last asked sets: asked of another text, even one
    equal to an earlier one, it answers for that text, never from the one before."""
    from migrate_llm.rules.framework_llamaindex import _sets_itself

    sets_llm = "from llama_index.core import Settings\nSettings.llm = make()\n"
    sets_embed = "from llama_index.core import Settings\nSettings.embed_model = make()\n"
    sets_none = "import os\n"
    asked = [
        (sets_llm, "llm", True),
        (sets_llm, "embed_model", False),
        (sets_embed, "llm", False),
        (sets_embed, "embed_model", True),
        (sets_none, "llm", False),
        ("".join([sets_llm]), "llm", True),  # an equal text, another object
        (sets_embed, "embed_model", True),
    ]
    assert [(_sets_itself(text, setting)) for text, setting, _ in asked] == [
        made for _, _, made in asked
    ]
