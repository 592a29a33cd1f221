"""ML114 words the width of the provider's model a request is mapped to from the provider's
`[params] embedding_model_dimensions` (its default width where the file has no entry): on
SiliconFlow text-embedding-3-large goes to Qwen/Qwen3-Embedding-8B, 4096 wide unless asked
for less, and text-embedding-3-small to BAAI/bge-m3, 1024 wide. ML114 said 1024 for both."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.embedding_sizes import model_width

HEAD = "from openai import OpenAI\n\nclient = OpenAI()\n"
# nano-graphrag's shape (t52j), with its large model
DECORATED = (
    "from openai import AsyncOpenAI\n\n\n"
    "def attrs(embedding_dim):\n    return lambda f: f\n\n\n"
    "@attrs(embedding_dim=3072)\n"
    "async def embed(texts):\n"
    '    r = await AsyncOpenAI().embeddings.create(model="text-embedding-3-large", '
    "input=texts)\n"
    "    return [d.embedding for d in r.data]\n"
)


def ml114(registry, text: str, provider: str = "siliconflow", models: dict[str, str] | None = None):
    ctx = RuleContext(registry, registry.get(provider), models=models or {})
    result = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert result.error is None
    found = [f for f in result.findings if f.rule == "ML114"]
    return result.after, [(f.severity.value, f.fix.value, f.message) for f in found]


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (
            "text-embedding-3-large",
            "Qwen/Qwen3-Embedding-8B returns vectors 4096 wide, text-embedding-3-large's were "
            "3072 (3072 -> 4096): rebuild the stored vectors; SiliconFlow is not known to take "
            "dimensions=3072",
        ),
        (
            "text-embedding-3-small",
            "BAAI/bge-m3 returns vectors 1024 wide, text-embedding-3-small's were 1536 (1536 -> "
            "1024): rebuild the stored vectors; SiliconFlow is not known to take "
            "dimensions=1536",
        ),
    ],
)
def test_each_mapped_model_is_said_at_its_own_width(registry, model, message):
    text = HEAD + f'r = client.embeddings.create(model="{model}", input="hi")\n'
    assert ml114(registry, text)[1] == [("warning", "manual", message)]


def test_the_provider_model_written_is_noted_at_its_width(registry):
    text = HEAD + 'r = client.embeddings.create(model="Qwen/Qwen3-Embedding-8B", input="hi")\n'
    assert ml114(registry, text)[1] == [
        (
            "note",
            "manual",
            "vectors from Qwen/Qwen3-Embedding-8B (4096 dimensions) are not comparable with "
            "stored OpenAI vectors: re-embed what you store",
        )
    ]


def test_a_decorated_size_is_written_at_the_mapped_model_width(registry):
    after, found = ml114(registry, DECORATED)
    assert "@attrs(embedding_dim=4096)" in after
    assert found == [
        (
            "warning",
            "review",
            "Qwen/Qwen3-Embedding-8B returns vectors 4096 wide, embedding_dim= on line 8 "
            "expects 3072 (3072 -> 4096): apply makes it 4096; rebuild the stored vectors; "
            "SiliconFlow is not known to take dimensions=3072",
        )
    ]


def test_a_decorated_size_for_a_model_of_no_stated_width_is_left_to_a_person(registry):
    # `--model text-embedding-3-large=Qwen/Qwen3-Embedding-4B`: the file gives no width for it
    text = DECORATED
    after, found = ml114(
        registry, text, models={"text-embedding-3-large": "Qwen/Qwen3-Embedding-4B"}
    )
    assert "@attrs(embedding_dim=3072)" in after
    assert [(severity, fix) for severity, fix, _ in found] == [("warning", "manual")]


def test_the_width_comes_from_the_model_entry_else_the_default(registry):
    siliconflow, qwen = registry.get("siliconflow"), registry.get("qwen")
    assert model_width(siliconflow, ["Qwen/Qwen3-Embedding-8B"]) == 4096
    assert model_width(siliconflow, ["BAAI/bge-m3"]) == 1024
    assert model_width(siliconflow, ["BAAI/bge-m3", "Qwen/Qwen3-Embedding-8B"]) is None
    assert model_width(qwen, ["text-embedding-v4"]) == 1024


def test_an_azure_functions_decorated_size_is_not_the_requests(registry):
    """t53k N2 (LightRAG's openai.py): the request's own decorator already holds the mapped
    width; the one on the Azure function beside it sizes the user's Azure deployment."""
    text = (
        "import os\n\nfrom openai import AsyncOpenAI\n\n\n"
        "def attrs(embedding_dim):\n    return lambda f: f\n\n\n"
        "@attrs(embedding_dim=1024)\n"
        'async def embed(texts, model="text-embedding-v4"):\n'
        "    r = await AsyncOpenAI().embeddings.create(model=model, input=texts)\n"
        "    return [d.embedding for d in r.data]\n\n\n"
        "@attrs(embedding_dim={size})\n"
        "async def azure_embed(texts):\n"
        '    return await embed(texts, os.getenv("AZURE_EMBEDDING_DEPLOYMENT"))\n'
    )

    def sized(text: str) -> list[str]:
        return [m for *_, m in ml114(registry, text, "qwen")[1] if "embedding_dim=" in m]

    assert sized(text.format(size=1536)) == []
    plain = text.replace("AZURE_EMBEDDING_DEPLOYMENT", "EMBEDDING_DEPLOYMENT")
    assert sized(plain.format(size=1536)) == [
        "text-embedding-v4 returns vectors 1024 wide, embedding_dim= on line 16 expects 1536 "
        "(1536 -> 1024): make it 1024 and rebuild the stored vectors, or pass dimensions=1536"
    ]
