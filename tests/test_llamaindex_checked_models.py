"""LlamaIndex's `OpenAI` / `OpenAIEmbedding` refuse model names not OpenAI's (t66a): a model
given to one that apply does not rewrite to its OpenAILike class (its base URL computed at
run time, or another host's) is not mapped (ML204), and ML611's message says which class takes
the provider's models. Exact findings, bytes on disk and exit codes."""

from __future__ import annotations

from pathlib import Path

from .cli_findings import cli, finding_rows, run_json

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
# private-gpt's shape: the base URL, key and model read into a dict, the class built from it
COMPUTED = (
    "import os\n\n"
    "from llama_index.embeddings.openai import OpenAIEmbedding\n\n"
    "CONFIG = {\n"
    '    "api_base": os.environ.get("EMBED_API_BASE", "http://localhost:8000/v1"),\n'
    '    "api_key": os.environ.get("EMBED_API_KEY", ""),\n'
    '    "model": os.environ.get("EMBED_MODEL", "text-embedding-3-small"),\n'
    "}\n\n\n"
    "def make_embedder() -> OpenAIEmbedding:\n"
    '    api_base = CONFIG["api_base"]\n'
    "    return OpenAIEmbedding(\n"
    '        api_base=api_base, api_key=CONFIG["api_key"], model=CONFIG["model"]\n'
    "    )\n"
)
EMBEDDING_ADVICE = (
    f"for {QWEN}'s models build OpenAILikeEmbedding(model_name=...) there instead (from "
    "llama_index.embeddings.openai_like; package llama-index-embeddings-openai-like)"
)
ML611_COMPUTED = (
    "OpenAIEmbedding() (LlamaIndex) takes its base URL from a value computed at run time and "
    f'its key from `CONFIG["api_key"]`; make sure they are {QWEN}\'s '
    "(https://dashscope.aliyuncs.com/compatible-mode/v1, the key from DASHSCOPE_API_KEY); "
    "OpenAIEmbedding raises ValueError when built with a model name that is not OpenAI's: "
    + EMBEDDING_ADVICE
)
ML204_COMPUTED = (
    "env default 'text-embedding-3-small' of entry 'model' is the model of OpenAIEmbedding() "
    "(LlamaIndex) on line 14, which raises ValueError when built with a model name that is not "
    "OpenAI's: apply leaves the class (its base URL is computed at run time) and the model "
    f"too; {EMBEDDING_ADVICE}, and change the model with it, by hand"
)


def _check(root: Path) -> tuple[int, list[tuple]]:
    code, report = run_json("check", str(root), "-p", "qwen", "--no-cache")
    return code, finding_rows(report, "line", "rule", "severity", "fix", "message")


def test_a_computed_base_url_keeps_the_model_and_says_which_class_takes_the_providers(
    tmp_path, monkeypatch
):
    """t66a: apply mapped the env default to text-embedding-v4 and left OpenAIEmbedding, which
    refuses it when built; now both stay, `check` fails and says to use OpenAILikeEmbedding."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(COMPUTED, encoding="utf-8")
    expected = [
        (8, "ML204", "warning", "manual", ML204_COMPUTED),
        (14, "ML611", "error", "manual", ML611_COMPUTED),
    ]
    assert _check(tmp_path) == (1, expected)
    result = cli("apply", ".", "-p", "qwen", "--yes", "--allow-dirty")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == COMPUTED
    assert _check(tmp_path) == (1, expected)


def test_the_llm_given_a_default_model_and_a_computed_base_url_keeps_it(tmp_path, monkeypatch):
    """A parameter's default reaching LlamaIndex's OpenAI LLM: left, with OpenAILike named."""
    monkeypatch.chdir(tmp_path)
    text = (
        "from llama_index.llms.openai import OpenAI\n\n\n"
        'def make(api_base, model="gpt-4o-mini"):\n'
        "    return OpenAI(api_base=api_base, model=model)\n"
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    advice = (
        f"for {QWEN}'s models build OpenAILike(model=...) there instead (from "
        "llama_index.llms.openai_like; package llama-index-llms-openai-like)"
    )
    code, rows = _check(tmp_path)
    assert (code, rows[0]) == (
        1,
        (
            4,
            "ML204",
            "warning",
            "manual",
            "default of model = 'gpt-4o-mini' is the model of OpenAI() (LlamaIndex) on line 5, "
            "which raises ValueError for a model name it does not know when its metadata is "
            "read: apply leaves the class (its base URL is computed at run time) and the model "
            f"too; {advice}, and change the model with it, by hand",
        ),
    )
    assert rows[1][:4] == (5, "ML611", "error", "manual")
    assert rows[1][4].endswith(
        "; OpenAI raises ValueError for a model name it does not know when its metadata is "
        f"read: {advice}"
    )
    assert cli("apply", ".", "-p", "qwen", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == text


def test_a_class_pointed_at_a_server_of_its_own_keeps_its_model_with_a_note(tmp_path, monkeypatch):
    """Its model is that server's: a note, nothing changed, `check` passes."""
    monkeypatch.chdir(tmp_path)
    text = (
        "import os\n\nfrom llama_index.embeddings.openai import OpenAIEmbedding\n\n"
        'MODEL = os.environ.get("EMBED_MODEL", "text-embedding-3-small")\n'
        'emb = OpenAIEmbedding(api_base="http://localhost:8000/v1", api_key="x", model=MODEL)\n'
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    assert cli("apply", ".", "-p", "qwen", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == text
    assert run_json("scan", ".", "-p", "qwen", "--no-cache")[0] == 0
    report = run_json("scan", ".", "-p", "qwen", "--no-cache")[1]
    assert finding_rows(report, "line", "rule", "severity", "fix", rules={"ML204"}) == [
        (5, "ML204", "note", "none")
    ]
    assert run_json("check", ".", "-p", "qwen", "--no-cache")[0] == 0


def test_a_model_of_a_class_apply_rewrites_is_still_mapped(tmp_path, monkeypatch):
    """Talking to OpenAI, the class becomes OpenAILikeEmbedding: its model maps (review)."""
    monkeypatch.chdir(tmp_path)
    text = (
        "import os\n\nfrom llama_index.embeddings.openai import OpenAIEmbedding\n\n"
        'MODEL = os.environ.get("EMBED_MODEL", "text-embedding-3-small")\n'
        "emb = OpenAIEmbedding(model=MODEL)\n"
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    assert cli("apply", ".", "-p", "qwen", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == (
        "import os\n\nfrom llama_index.embeddings.openai_like import OpenAILikeEmbedding\n\n"
        'MODEL = os.environ.get("EMBED_MODEL", "text-embedding-v4")\n'
        "emb = OpenAILikeEmbedding(\n"
        '    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
        "    api_base=os.environ.get(\n"
        '        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "    ),\n"
        "    model_name=MODEL,\n"
        ")\n"
    )
