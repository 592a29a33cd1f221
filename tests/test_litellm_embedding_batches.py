"""litellm's embeddings calls that go to the provider are held to its batch limit (ML114), as
the SDK's `embeddings.create` is (t67b: RD-Agent's litellm backend, written as ML640 advises,
sent 25 texts to Qwen, which embeds at most 10 a request, while `check` was green)."""

from __future__ import annotations

from .cli_findings import cli, finding_rows, run_json, write_here

QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
QWEN_TEN = (
    "Alibaba Qwen (DashScope / Model Studio) embeds at most 10 inputs per request: send "
    "batches of 10"
)

# the form ML640 writes: the provider's model on the OpenAI-compatible route, its key and URL
ROUTED = f"""import os

from litellm import embedding

MODEL = "openai/text-embedding-v4"


def embed(texts):
    resp = embedding(
        model=MODEL,
        input=texts,
        api_key=os.environ["DASHSCOPE_API_KEY"],
        api_base=os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"),
    )
    return [d["embedding"] for d in resp.data]
"""
SDK = f"""import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ["DASHSCOPE_API_KEY"],
    base_url=os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"),
)


def embed(texts):
    return client.embeddings.create(model="text-embedding-v4", input=texts)
"""


def _rows(report: dict) -> list[tuple]:
    return finding_rows(report, "path", "line", "column", "rule", "severity", "fix", "message")


def test_a_litellm_call_to_the_provider_gets_the_batch_warning_the_sdk_call_gets(
    tmp_path, monkeypatch
):
    write_here(tmp_path, monkeypatch, {"embed.py": ROUTED, "embed_sdk.py": SDK})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert _rows(report) == [
        (
            "embed.py",
            11,
            15,
            "ML114",
            "warning",
            "manual",
            f"input=texts may hold more than 10 texts; {QWEN_TEN}",
        ),
        (
            "embed_sdk.py",
            12,
            70,
            "ML114",
            "warning",
            "manual",
            f"input=texts may hold more than 10 texts; {QWEN_TEN}",
        ),
    ]


def test_the_providers_own_route_and_aembedding_with_texts_by_position(tmp_path, monkeypatch):
    source = (
        "import litellm\n\n\n"
        "async def embed(texts):\n"
        '    return await litellm.aembedding("dashscope/text-embedding-v4", texts)\n\n\n'
        "def embed_all():\n"
        '    return litellm.embedding(model="dashscope/text-embedding-v4", '
        'input=["a"] * 12)\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert _rows(report) == [
        (
            "app.py",
            5,
            68,
            "ML114",
            "warning",
            "manual",
            f"input=texts may hold more than 10 texts; {QWEN_TEN}",
        ),
        (
            "app.py",
            9,
            73,
            "ML114",
            "warning",
            "manual",
            f'input=["a"] * 12 may hold more than 10 texts; {QWEN_TEN}',
        ),
    ]


def test_batches_that_fit_and_calls_to_other_servers_pass(tmp_path, monkeypatch):
    source = (
        "import os\n\nimport litellm\n\n\n"
        "def embed(texts):\n"
        "    for i in range(0, len(texts), 10):\n"
        "        litellm.embedding(\n"
        '            model="openai/text-embedding-v4",\n'
        "            input=texts[i : i + 10],\n"
        '            api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        '            api_base=os.environ["DASHSCOPE_BASE_URL"],\n'
        "        )\n\n\n"
        "def local(texts):\n"
        '    return litellm.embedding(model="ollama/nomic-embed-text", input=texts)\n\n\n'
        "def own_server(texts):\n"
        "    return litellm.embedding(\n"
        '        model="openai/text-embedding-v4", input=texts, '
        'api_base="http://127.0.0.1:8000/v1"\n'
        "    )\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("check", ".", "--provider", "qwen")
    assert (code, report["findings"]) == (0, [])


def test_scan_says_before_apply_what_check_says_after_it(tmp_path, monkeypatch):
    source = (
        "import litellm\n\n\n"
        "def embed(texts):\n"
        '    return litellm.embedding(model="text-embedding-3-small", input=texts)\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("scan", ".", "--provider", "qwen")
    assert code == 0
    warning = ("warning", "manual", f"input=texts may hold more than 10 texts; {QWEN_TEN}")
    rows = finding_rows(report, "line", "column", "severity", "fix", "message", rules={"ML114"})
    note = (
        "vectors from text-embedding-v4 (1024 dimensions by default) are not comparable with "
        "stored OpenAI vectors: re-embed what you store; apply passes dimensions=1536 (with "
        'allowed_openai_params=["dimensions"], without which litellm refuses it for this '
        "model), the size of text-embedding-3-small's vectors, so what holds them takes the "
        "new ones"
    )
    assert rows == [(5, 12, "note", "review", note), (5, 68, *warning)]
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == (
        "import os\n\nimport litellm\n\n\n"
        "def embed(texts):\n"
        "    return litellm.embedding(\n"
        "        dimensions=1536,\n"
        '        allowed_openai_params=["dimensions"],\n'
        '        model="openai/text-embedding-v4",\n'
        '        api_key=os.environ["DASHSCOPE_API_KEY"] or "unset",\n'
        "        api_base=os.environ.get(\n"
        f'            "DASHSCOPE_BASE_URL", "{QWEN_URL}"\n'
        "        ),\n"
        "        input=texts,\n"
        "    )\n"
    )
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "line", "column", "severity", "fix", "message") == [
        (15, 15, *warning)
    ]


def test_only_routes_that_send_embeddings_count(tmp_path, monkeypatch):
    """litellm's zai/ route has no embeddings (it raises before any request); its
    OpenAI-compatible route given Zhipu's base URL sends the texts in one request."""
    source = (
        "import os\n\nimport litellm\n\n\n"
        "def own_route(texts):\n"
        '    return litellm.embedding(model="zai/embedding-3", input=texts)\n\n\n'
        "def compatible(texts):\n"
        "    return litellm.embedding(\n"
        '        model="openai/embedding-3", input=texts, api_base=os.environ["ZAI_BASE_URL"]\n'
        "    )\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert code == 1
    assert _rows(report) == [
        (
            "app.py",
            12,
            43,
            "ML114",
            "warning",
            "manual",
            "input=texts may hold more than 64 texts; Zhipu AI (GLM) embeds at most 64 inputs "
            "per request: send batches of 64",
        )
    ]
