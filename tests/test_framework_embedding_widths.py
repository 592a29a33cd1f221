"""ML114 on the embedding classes the framework rules point at a provider (LangChain's
OpenAIEmbeddings, LlamaIndex's OpenAIEmbedding, agno's OpenAIEmbedder, Haystack's embedders,
litellm's `embedding()`): where the OpenAI model's vectors change size, the warning an SDK
request gets; once a class points at the provider, a warning where the module sizes vectors
for another width.

A Qdrant collection created with `VectorParams(size=1536)` beside LlamaIndex's
OpenAIEmbedding failed on its first insert once apply made it Zhipu's embedding-3 (2048
wide), and check passed after apply."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import finding_rows, run_json

ZHIPU_SIZES = "Zhipu AI (GLM) offers no dimensions={size} (offered: 256, 512, 1024, 2048)"


def widths(registry, text: str, provider: str) -> list[tuple[int, Severity, FixClass, str]]:
    """(line, severity, fix, message) of ML114's findings on the size of the vectors."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.severity, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML114" and "texts" not in f.message and "is not offered" not in f.message
    ]


def _resized(target: str, width: int, model: str, size: int, tail: str) -> str:
    return (
        f"{target} returns vectors {width} wide, {model}'s were {size} ({size} -> {width}): "
        f"rebuild the stored vectors{tail}"
    )


def on_zhipu(model: str, size: int = 1536) -> str:
    return _resized("embedding-3", 2048, model, size, f"; {ZHIPU_SIZES.format(size=size)}")


def on_qwen(model: str, cls: str) -> str:
    tail = f", or pass dimensions=1536; apply passes no dimensions= to {cls}()"
    return _resized("text-embedding-v4", 1024, model, 1536, tail)


LANGCHAIN = "from langchain_openai import OpenAIEmbeddings\n\n"
AGNO = "from agno.knowledge.embedder.openai import OpenAIEmbedder\n\n"
HAYSTACK = "from haystack.components.embedders import OpenAITextEmbedder\n\n"
LITELLM = "import litellm\n\n"

CLASSES = [
    pytest.param(
        LANGCHAIN + "embeddings = OpenAIEmbeddings()\n",
        on_zhipu("text-embedding-ada-002"),
        on_qwen("text-embedding-ada-002", "OpenAIEmbeddings"),
        id="langchain-default-model",
    ),
    pytest.param(
        HAYSTACK + "embedder = OpenAITextEmbedder()\n",
        on_zhipu("text-embedding-3-small"),
        on_qwen("text-embedding-3-small", "OpenAITextEmbedder"),
        id="haystack",
    ),
    # agno sends its own 1536 to a base URL of its own: Qwen offers it, Zhipu gets its 2048
    pytest.param(
        AGNO + "embedder = OpenAIEmbedder()\n",
        on_zhipu("text-embedding-3-small"),
        "vectors from text-embedding-v4 (1536 dimensions) are not comparable with stored "
        "OpenAI vectors: re-embed what you store",
        id="agno-sends-its-size",
    ),
]


@pytest.mark.parametrize(("text", "zhipu", "qwen"), CLASSES)
def test_a_class_whose_vectors_change_size_gets_the_warning(registry, text, zhipu, qwen):
    assert widths(registry, text, "zhipu") == [(3, Severity.WARNING, FixClass.MANUAL, zhipu)]
    severity = Severity.NOTE if qwen.startswith("vectors from") else Severity.WARNING
    assert widths(registry, text, "qwen") == [(3, severity, FixClass.MANUAL, qwen)]


def test_litellm_embeddings_keep_their_size_where_the_provider_offers_it(registry):
    # litellm sends `dimensions=` on, as the SDK does: kept as on an SDK request (t59e D3)
    text = (
        LITELLM
        + 'vectors = litellm.embedding(model="openai/text-embedding-3-small", input=["a"])\n'
    )
    assert widths(registry, text, "zhipu") == [
        (3, Severity.WARNING, FixClass.MANUAL, on_zhipu("text-embedding-3-small"))
    ]
    assert widths(registry, text, "qwen") == [
        (
            3,
            Severity.NOTE,
            FixClass.REVIEW,
            "vectors from text-embedding-v4 (1024 dimensions by default) are not comparable "
            "with stored OpenAI vectors: re-embed what you store; apply passes dimensions=1536 "
            '(with allowed_openai_params=["dimensions"], without which litellm refuses it for '
            "this model), the size of text-embedding-3-small's vectors, so what holds them takes "
            "the new ones",
        )
    ]


def test_a_large_model_and_one_of_two_models(registry):
    text = LANGCHAIN + 'large = OpenAIEmbeddings(model="text-embedding-3-large")\n'
    assert widths(registry, text, "zhipu") == [
        (3, Severity.WARNING, FixClass.MANUAL, on_zhipu("text-embedding-3-large", 3072))
    ]
    text = (
        LANGCHAIN + "\ndef embeddings(large=False):\n"
        '    model = "text-embedding-3-large" if large else "text-embedding-3-small"\n'
        "    return OpenAIEmbeddings(model=model)\n"
    )
    assert widths(registry, text, "zhipu") == [
        (
            6,
            Severity.WARNING,
            FixClass.MANUAL,
            "embedding-3 returns vectors 2048 wide, text-embedding-3-large's were 3072 and "
            "text-embedding-3-small's 1536 (3072 -> 2048, 1536 -> 2048): rebuild the stored "
            "vectors, or pass dimensions= the size they were stored with; apply passes none, "
            "as the model may be either",
        )
    ]


def test_a_class_given_its_size_or_an_unknown_model_is_only_noted(registry):
    text = (
        "from llama_index.embeddings.openai import OpenAIEmbedding\n\n"
        'embed_model = OpenAIEmbedding(model="text-embedding-3-small", dimensions=1024)\n'
        "other = OpenAIEmbedding(model=settings.embedding_model)\n"
    )
    assert widths(registry, text, "zhipu") == [
        (
            3,
            Severity.NOTE,
            FixClass.MANUAL,
            "vectors from embedding-3 (1024 dimensions) are not comparable with stored OpenAI "
            "vectors: re-embed what you store",
        ),
        (
            4,
            Severity.NOTE,
            FixClass.MANUAL,
            "vectors from embedding-3 (2048 dimensions) are not comparable with stored OpenAI "
            "vectors: re-embed what you store",
        ),
    ]


# --- the trial's program, our words: a store sized for OpenAI's vectors --------------------

STORE = '''from llama_index.embeddings.openai import OpenAIEmbedding
from qdrant_client import QdrantClient
from qdrant_client.models import Distance, VectorParams


def knowledge_base(key):
    """An in-memory collection and the model that fills it."""
    client = QdrantClient(":memory:")
    client.create_collection("notes", vectors_config=VectorParams(size=1536, distance=Distance.DOT))
    return client, OpenAIEmbedding(api_key=key)
'''

STORE_ON_ZHIPU = '''import os

from llama_index.embeddings.openai_like import OpenAILikeEmbedding
from qdrant_client import QdrantClient
from qdrant_client.models import Distance, VectorParams


def knowledge_base(key):
    """An in-memory collection and the model that fills it."""
    client = QdrantClient(":memory:")
    client.create_collection("notes", vectors_config=VectorParams(size=1536, distance=Distance.DOT))
    return client, OpenAILikeEmbedding(
        api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
        model_name="embedding-3",
        api_key=key or os.environ.get("ZAI_API_KEY", "unset"),
    )
'''

SIZED = (
    "embedding-3 returns vectors 2048 wide, size= on line {line} expects 1536 (1536 -> 2048): "
    f"make it 2048 and rebuild the stored vectors; {ZHIPU_SIZES.format(size=1536)}"
)


def _run(*args: str) -> tuple[int, list[tuple[str, str, int, str]]]:
    code, report = run_json(*args)
    return code, finding_rows(report, "rule", "severity", "line", "message")


def test_check_fails_before_and_after_apply_where_the_store_keeps_the_old_size(
    registry, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    program = tmp_path / "kb.py"
    program.write_text(STORE)
    code, found = _run("check", ".", "--provider", "zhipu")
    assert (code, [f for f in found if f[0] == "ML114"]) == (
        1,
        [("ML114", "warning", 10, on_zhipu("text-embedding-ada-002"))],
    )
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert program.read_text() == STORE_ON_ZHIPU
    assert _run("check", ".", "--provider", "zhipu") == (
        1,
        [("ML114", "warning", 12, SIZED.format(line=11))],
    )
    again = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert again.exit_code == 0, again.stderr
    assert program.read_text() == STORE_ON_ZHIPU
    # the store made as wide as the provider's vectors: nothing left
    program.write_text(STORE_ON_ZHIPU.replace("size=1536", "size=2048"))
    assert _run("check", ".", "--provider", "zhipu") == (0, [])


# --- code already on the provider: what sizes the stored vectors ---------------------------

ON_ZHIPU = (
    "import os\n\nfrom openai import OpenAI\n\n"
    'client = OpenAI(api_key=os.environ["ZAI_API_KEY"], '
    'base_url="https://open.bigmodel.cn/api/paas/v4")\n'
    "<STORE>\n\n\ndef embed(texts):\n"
    '    return client.embeddings.create(model="embedding-3", input=texts[:8]<ASK>)\n'
)
NOTE = (
    "vectors from embedding-3 ({width} dimensions) are not comparable with stored OpenAI "
    "vectors: re-embed what you store"
)


def _sized(name: str, line: int, size: int, width: int = 2048) -> str:
    return (
        f"embedding-3 returns vectors {width} wide, {name}= on line {line} expects {size} "
        f"({size} -> {width}): make it {width} and rebuild the stored vectors; "
        f"{ZHIPU_SIZES.format(size=size)}"
    )


@pytest.mark.parametrize(
    ("store", "size", "line", "message"),
    [
        pytest.param(
            "PARAMS = VectorParams(size=1536)", "", 10, _sized("size", 6, 1536), id="keyword"
        ),
        pytest.param(
            'SCHEMA = {"TYPE": "FLOAT32", "DIM": 1536}', "", 10, _sized("DIM", 6, 1536), id="key"
        ),
        pytest.param(
            "EMBEDDING_SIZE = 1536", "", 10, _sized("EMBEDDING_SIZE", 6, 1536), id="constant"
        ),
        pytest.param(
            "class Index:\n    vector_dim: int = 3072",
            "",
            11,
            _sized("vector_dim", 7, 3072),
            id="annotated-field",
        ),
        pytest.param(
            "class Embedder:\n    def __init__(self, dims=None):\n        self.dims = dims or 1536",
            "",
            12,
            _sized("dims", 8, 1536),
            id="an-attribute-defaulting-to-a-width",
        ),
        pytest.param(
            "class Store:\n    def __init__(self, embedding_dims=3072):\n        pass",
            "",
            12,
            _sized("embedding_dims", 7, 3072),
            id="a-parameter-defaulting-to-a-width",
        ),
        pytest.param(
            "class Store:\n    def __init__(self, embedding_dims=None):\n"
            "        self.embedding_dims = embedding_dims or 2048",
            "",
            12,
            NOTE.format(width=2048),
            id="an-attribute-defaulting-to-the-new-width",
        ),
        pytest.param(
            "PARAMS = VectorParams(size=1536)",
            ", dimensions=1024",
            10,
            _sized("size", 6, 1536, 1024),
            id="the-size-the-request-asks-for",
        ),
        pytest.param(
            'DDL = "CREATE TABLE doc (body text, embedding VECTOR(1536))"',
            "",
            10,
            _sized("VECTOR(1536) in SQL text", 6, 1536).replace("text= on", "text on"),
            id="sql-column",
        ),
        pytest.param(
            'DDL = f"""\nCREATE TABLE {NAME} (\n    embedding halfvec(3072, 0)\n)\n"""',
            "",
            14,
            _sized("halfvec(3072) in SQL text", 8, 3072).replace("text= on", "text on"),
            id="sql-column-lines-down",
        ),
        pytest.param(
            'DDL = "CREATE TABLE doc (embedding vector(2048))"',
            "",
            10,
            NOTE.format(width=2048),
            id="sql-column-of-the-new-width",
        ),
        pytest.param(
            "SETTINGS = dict(max_tokens=1536)",
            "",
            10,
            NOTE.format(width=2048),
            id="not-a-size-of-vectors",
        ),
        pytest.param(
            "PARAMS = VectorParams(size=2048)", "", 10, NOTE.format(width=2048), id="the-same-size"
        ),
        pytest.param(
            "PARAMS = VectorParams(size=1024)",
            ", dimensions=1024",
            10,
            NOTE.format(width=1024),
            id="the-size-asked-for",
        ),
    ],
)
def test_a_store_sized_for_another_width_is_a_warning(registry, store, size, line, message):
    text = ON_ZHIPU.replace("<STORE>", store).replace("<ASK>", size)
    severity = Severity.NOTE if message.startswith("vectors from") else Severity.WARNING
    assert widths(registry, text, "zhipu") == [(line, severity, FixClass.MANUAL, message)]


def test_a_size_apply_keeps_is_not_a_conflict_and_the_request_s_own_size_is_not_a_store(registry):
    # Qwen offers 1536: apply passes it, so a store sized 1536 takes the new vectors
    text = (
        "from openai import OpenAI\nfrom qdrant_client.models import VectorParams\n\n"
        "client = OpenAI()\nPARAMS = VectorParams(size=1536)\n\n\n"
        "def embed(texts):\n"
        '    return client.embeddings.create(model="text-embedding-3-small", input=texts[:8])\n'
    )
    [(line, severity, fix, message)] = widths(registry, text, "qwen")
    assert (line, severity, fix) == (9, Severity.NOTE, FixClass.REVIEW)
    assert message.endswith(
        "apply passes dimensions=1536, the size of text-embedding-3-small's "
        "vectors, so what holds them takes the new ones"
    )
    ctx = RuleContext(registry, registry.get("qwen"))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    assert [f[1] for f in widths(registry, after, "qwen")] == [Severity.NOTE]
    # a request asking for 1536 itself (which Zhipu refuses: its own warning) is no store
    own = ON_ZHIPU.replace("<STORE>", "").replace("<ASK>", ", dimensions=1536")
    assert [f[1] for f in widths(registry, own, "zhipu")] == [Severity.NOTE]


def test_an_agno_embedder_on_the_provider_sends_the_size_apply_gave_it(registry):
    text = (
        "import os\n\n" + AGNO + "EMBEDDING_DIM = 1536\n"
        "embedder = OpenAIEmbedder(\n"
        '    api_key=os.environ["ZAI_API_KEY"],\n'
        '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        '    id="embedding-3",\n'
        "    dimensions=2048,\n)\n"
    )
    assert widths(registry, text, "zhipu") == [
        (6, Severity.WARNING, FixClass.MANUAL, _sized("EMBEDDING_DIM", 5, 1536))
    ]
    assert widths(registry, text.replace("= 1536", "= 2048"), "zhipu") == []


# --- a vector column in SQL text (pydantic-ai's RAG example, our words) ---------------------

PGVECTOR = """import psycopg
from openai import OpenAI

client = OpenAI()
SCHEMA = \"\"\"
CREATE TABLE IF NOT EXISTS notes (
    id serial PRIMARY KEY,
    embedding vector(1536) NOT NULL
);
\"\"\"


def setup(conn: psycopg.Connection) -> None:
    conn.execute(SCHEMA)


def embed(text: str):
    return client.embeddings.create(model="text-embedding-3-small", input=text)
"""


def test_check_fails_after_apply_where_sql_text_keeps_the_old_width(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    program = tmp_path / "notes.py"
    program.write_text(PGVECTOR)
    code, found = _run("check", ".", "--provider", "zhipu")
    # before apply too, the column is named, as check names it after apply
    assert (code, [f for f in found if f[0] == "ML114"]) == (
        1,
        [
            (
                "ML114",
                "warning",
                18,
                _sized("vector(1536) in SQL text", 8, 1536).replace("text= on", "text on"),
            )
        ],
    )
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    migrated = program.read_text()
    assert migrated == PGVECTOR.replace("import psycopg", "import os\n\nimport psycopg").replace(
        "client = OpenAI()",
        "client = OpenAI(\n"
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        ")",
    ).replace('"text-embedding-3-small"', '"embedding-3"')
    code, found = _run("check", ".", "--provider", "zhipu")
    assert (code, [f for f in found if f[0] == "ML114"]) == (
        1,
        [
            (
                "ML114",
                "warning",
                23,
                _sized("vector(1536) in SQL text", 13, 1536).replace("text= on", "text on"),
            )
        ],
    )
    # the column made as wide as the provider's vectors: nothing left
    program.write_text(migrated.replace("vector(1536)", "vector(2048)"))
    assert _run("check", ".", "--provider", "zhipu") == (0, [])
