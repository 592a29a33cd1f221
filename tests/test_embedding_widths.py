"""ML114 keeps the size of the vectors where an embeddings request's OpenAI model comes from a
default apply maps (`self.model = model or "text-embedding-3-small"`, as mem0 picks it), not
only from a literal at `model=`; where it cannot, a warning names both sizes and check fails.

A store created for text-embedding-3-small's 1536 wide vectors rejects Qwen's 1024 wide ones
(qdrant failed on the first insert after apply, with check passing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import finding_rows, run_json
from .provider_run import run_on_provider

HEAD = "from openai import OpenAI\n\nclient = OpenAI()\n"
KEPT = (
    "vectors from text-embedding-v4 (1024 dimensions by default) are not comparable with "
    "stored OpenAI vectors: re-embed what you store; apply passes dimensions=1536, the size "
    "of {owners} vectors, so what holds them takes the new ones"
)


def size_findings(registry, text, provider="qwen"):
    """The ML114 findings on the request itself (not on its `input=` or `dimensions=`)."""
    ctx = RuleContext(registry, registry.get(provider))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML114"]
    return [f for f in found if "vectors" in f.message and "texts" not in f.message]


def applied(registry, text, provider="qwen"):
    """The text with ML114's edits made (the model and client rewrites left out)."""
    after, _ = migrate_text(text, "python", "app.py", size_findings(registry, text, provider))
    return after


STORE = '''from openai import OpenAI


class Embedder:
    """Vectors for a store created 1536 wide."""

    def __init__(self, model=None):
        self.model = model or "text-embedding-3-small"
        self.client = OpenAI()

    def embed(self, text):
        return self.client.embeddings.create(model=self.model, input=[text]).data[0].embedding


if __name__ == "__main__":
    print(len(Embedder().embed("hello")))
'''

STORE_ON_QWEN = '''import os

from openai import OpenAI


class Embedder:
    """Vectors for a store created 1536 wide."""

    def __init__(self, model=None):
        self.model = model or "text-embedding-v4"
        self.client = OpenAI(
            api_key=os.environ["DASHSCOPE_API_KEY"],
            base_url=os.environ.get(
                "DASHSCOPE_BASE_URL",
                "https://dashscope.aliyuncs.com/compatible-mode/v1",
            ),
        )

    def embed(self, text):
        return (
            self.client.embeddings.create(
                dimensions=1536, model=self.model, input=[text]
            )
            .data[0]
            .embedding
        )


if __name__ == "__main__":
    print(len(Embedder().embed("hello")))
'''


def test_a_default_kept_in_an_attribute_keeps_the_vectors_size(registry, tmp_path):
    ctx = RuleContext(registry, registry.get("qwen"))
    scanner = FileScanner(ctx, tmp_path)
    change = scanner.migrate_text(STORE, "python", "app.py", "app.py", tmp_path / "app.py")
    assert change.after == STORE_ON_QWEN
    [found] = size_findings(registry, STORE)
    assert (found.line, found.column, found.severity, found.fix, found.message) == (
        12,
        16,
        Severity.NOTE,
        FixClass.REVIEW,
        KEPT.format(owners="text-embedding-3-small's"),
    )
    again = scanner.migrate_text(change.after, "python", "app.py", "app.py", tmp_path / "app.py")
    assert again.after == change.after
    assert [f for f in again.findings if f.edit is not None] == []
    assert [(f.severity, f.fix, f.message) for f in size_findings(registry, change.after)] == [
        (
            Severity.NOTE,
            FixClass.MANUAL,
            "vectors from text-embedding-v4 (1536 dimensions) are not comparable with stored "
            "OpenAI vectors: re-embed what you store",
        )
    ]


KEPT_CASES = [
    pytest.param(
        HEAD + "\n\ndef embed(text, model=None):\n"
        '    model = model or "text-embedding-3-small"\n'
        "    return client.embeddings.create(model=model, input=text)\n",
        "text-embedding-3-small's",
        id="variable-or-default",
    ),
    pytest.param(
        "import os\n\n" + HEAD + 'EMBED_MODEL = os.getenv("EMBED_MODEL") or '
        '"text-embedding-3-small"\n'
        "client.embeddings.create(model=EMBED_MODEL, input=[])\n",
        "text-embedding-3-small's",
        id="constant-or-env",
    ),
    pytest.param(
        HEAD + "\n\ndef embed(text, legacy=False):\n"
        '    model = "text-embedding-ada-002" if legacy else "text-embedding-3-small"\n'
        "    return client.embeddings.create(model=model, input=text)\n",
        "text-embedding-ada-002's and text-embedding-3-small's",
        id="branches-of-one-size",
    ),
    pytest.param(
        HEAD + "\n\nclass Index:\n"
        '    model: str = "text-embedding-3-small"\n\n'
        "    def add(self, text):\n"
        "        return client.embeddings.create(model=self.model, input=text)\n",
        "text-embedding-3-small's",
        id="class-attribute",
    ),
    pytest.param(
        HEAD + "\n\nclass Index:\n    def __init__(self, model=None):\n"
        '        self.model = model or "text-embedding-3-small"\n\n'
        "    def add(self, text):\n"
        "        return client.embeddings.create(model=self.model, input=text)\n\n\n"
        'Index("text-embedding-ada-002")\n',
        "text-embedding-3-small's and text-embedding-ada-002's",
        id="a-caller-passing-one-of-the-same-size",
    ),
]


@pytest.mark.parametrize(("text", "owners"), KEPT_CASES)
def test_a_mapped_default_gets_the_size_of_its_openai_model(registry, text, owners):
    [found] = size_findings(registry, text)
    assert (found.severity, found.fix, found.message) == (
        Severity.NOTE,
        FixClass.REVIEW,
        KEPT.format(owners=owners),
    )
    after = applied(registry, text)
    assert after == text.replace(
        "client.embeddings.create(model=", "client.embeddings.create(dimensions=1536, model="
    )
    assert [f for f in size_findings(registry, after) if f.edit is not None] == []


def _warning(
    were: str, change: str, remedy: str, why: str, target="text-embedding-v4", size=1024
) -> str:
    return f"{target} returns vectors {size} wide, {were} ({change}): {remedy}; {why}"


EITHER = (
    "rebuild the stored vectors, or pass dimensions= the size they were stored with",
    "apply passes none, as the model may be either",
)
WARNED_CASES = [
    pytest.param(
        HEAD + "\n\nclass Index:\n    def __init__(self, model=None):\n"
        '        self.model = model or "text-embedding-3-small"\n\n'
        "    def add(self, text):\n"
        "        return client.embeddings.create(model=self.model, input=text)\n\n\n"
        'LARGE = Index(model="text-embedding-3-large")\n',
        "qwen",
        _warning(
            "text-embedding-3-small's were 1536 and text-embedding-3-large's 3072",
            "1536 -> 1024, 3072 -> 1024",
            *EITHER,
        ),
        id="a-caller-passing-another-size",
    ),
    pytest.param(
        HEAD + "\n\ndef embed(text, large=False):\n"
        '    model = "text-embedding-3-large" if large else "text-embedding-3-small"\n'
        "    return client.embeddings.create(model=model, input=text)\n",
        "qwen",
        _warning(
            "text-embedding-3-large's were 3072 and text-embedding-3-small's 1536",
            "3072 -> 1024, 1536 -> 1024",
            *EITHER,
        ),
        id="branches-of-two-sizes",
    ),
    pytest.param(
        HEAD + "\n\ndef embed(text, model=None, **options):\n"
        '    model = model or "text-embedding-3-small"\n'
        "    return client.embeddings.create(model=model, input=text, **options)\n",
        "qwen",
        _warning(
            "text-embedding-3-small's were 1536",
            "1536 -> 1024",
            "rebuild the stored vectors, or pass dimensions=1536",
            "apply adds no dimensions= to a request built from **kwargs",
        ),
        id="kwargs",
    ),
    pytest.param(
        HEAD + "\n\nclass Index:\n    def __init__(self, model=None):\n"
        '        self.model = model or "text-embedding-3-small"\n\n'
        "    def add(self, text):\n"
        "        return client.embeddings.create(model=self.model, input=text)\n",
        "zhipu",
        _warning(
            "text-embedding-3-small's were 1536",
            "1536 -> 2048",
            "rebuild the stored vectors",
            "Zhipu AI (GLM) offers no dimensions=1536 (offered: 256, 512, 1024, 2048)",
            target="embedding-3",
            size=2048,
        ),
        id="a-size-the-provider-does-not-offer",
    ),
]


@pytest.mark.parametrize(("text", "provider", "message"), WARNED_CASES)
def test_a_size_apply_cannot_keep_is_a_warning(registry, text, provider, message):
    [found] = size_findings(registry, text, provider)
    assert (found.severity, found.fix, found.edit, found.message) == (
        Severity.WARNING,
        FixClass.MANUAL,
        None,
        message,
    )
    assert applied(registry, text, provider) == text


def test_a_model_the_code_does_not_show_is_only_noted(registry):
    text = HEAD + (
        "\n\ndef embed(text, settings):\n"
        "    return client.embeddings.create(model=settings.model, input=text)\n"
    )
    assert [(f.severity, f.fix) for f in size_findings(registry, text)] == [
        (Severity.NOTE, FixClass.MANUAL)
    ]


def _check(provider: str) -> tuple[int, list[tuple[str, str, int]]]:
    code, report = run_json("check", ".", "--provider", provider)
    return code, finding_rows(report, "rule", "severity", "line")


def test_check_fails_on_the_warning_and_passes_once_apply_kept_the_size(
    registry, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    # already on Qwen but for the model: apply would map it, and cannot keep the size
    app_file = tmp_path / "app.py"
    app_file.write_text(
        "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
        '    api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        '    base_url="https://dashscope.aliyuncs.com/compatible-mode/v1",\n)\n\n\n'
        "def embed(text, model=None, **options):\n"
        '    model = model or "text-embedding-3-small"\n'
        "    return client.embeddings.create(model=model, input=[text], **options)\n"
    )
    assert _check("qwen") == (
        1,
        [("ML204", "warning", 12), ("ML114", "warning", 13)],
    )
    app_file.write_text(STORE)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert app_file.read_text() == STORE_ON_QWEN
    assert _check("qwen") == (0, [])


def test_the_migrated_store_asks_for_the_size_it_was_created_with(
    registry, server, tmp_path, monkeypatch
):
    (tmp_path / "app.py").write_text(STORE)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    qwen = registry.get("qwen")
    run_on_provider(Path("app.py"), tmp_path, qwen, server, tmp_path / "guard")
    [request] = [r for r in server.requests if r.path.endswith("/embeddings")]
    assert (request.body["model"], request.body["dimensions"]) == ("text-embedding-v4", 1536)


# mem0's embedder (our words): the model reaches the request through a dict spread into it,
# and the size goes in only when the caller asked for one
SPREAD = HEAD + (
    "\n\nclass Embedder:\n"
    "    def __init__(self, model=None, dims=None):\n"
    '        self.model = model or "text-embedding-3-small"\n'
    "        self.pass_dims = dims is not None\n"
    "        self.dims = dims or 1536\n\n"
    "    def embed(self, text):\n"
    '        kw = {"input": [text], "model": self.model}\n'
    "MIDDLE"
    "        return client.embeddings.create(**kw).data[0].embedding\n"
)


def spread(middle: str) -> str:
    return SPREAD.replace("MIDDLE", middle)


FLAGGED = '        if self.pass_dims:\n            kw["dimensions"] = self.dims\n'


def test_a_size_set_under_a_flag_on_the_spread_dict_is_a_warning(registry):
    text = spread(FLAGGED)
    [found] = size_findings(registry, text)
    assert (found.severity, found.fix, found.edit, found.message) == (
        Severity.WARNING,
        FixClass.MANUAL,
        None,
        # the size the class writes (`self.dims = dims or 1536`), as `check` names it
        _warning(
            "dims= on line 10 expects 1536",
            "1536 -> 1024",
            "make it 1024 and rebuild the stored vectors, or pass dimensions=1536",
            "apply adds no dimensions= to a request built from **kwargs (it sets dimensions "
            "only on some paths, on line 15)",
        ),
    )
    assert applied(registry, text) == text


def test_a_size_set_on_every_path_is_only_noted(registry):
    text = spread('        kw["dimensions"] = self.dims\n')
    assert [(f.severity, f.fix, f.edit) for f in size_findings(registry, text)] == [
        (Severity.NOTE, FixClass.MANUAL, None)
    ]


def test_the_spread_dict_gets_the_size_when_nothing_else_can_set_one(registry):
    text = spread("")
    [found] = size_findings(registry, text)
    assert (found.fix, found.message) == (
        FixClass.REVIEW,
        KEPT.format(owners="text-embedding-3-small's"),
    )
    after = applied(registry, text)
    assert after == text.replace(
        '{"input": [text], "model": self.model}',
        '{"dimensions": 1536, "input": [text], "model": self.model}',
    )
    assert applied(registry, after) == after
    assert [f.edit for f in size_findings(registry, after)] == [None]


@pytest.mark.parametrize(
    "middle",
    [
        pytest.param("        log(kw)\n", id="dict-used-elsewhere"),
        pytest.param("        kw.update(extra)\n", id="dict-updated"),
        pytest.param("        kw[key] = value\n", id="key-not-written"),
    ],
)
def test_a_spread_dict_that_may_carry_a_size_gets_none(registry, middle):
    text = spread(middle)
    [found] = size_findings(registry, text)
    assert (found.severity, found.edit) == (Severity.WARNING, None)
    assert found.message.endswith("apply adds no dimensions= to a request built from **kwargs")


def test_check_fails_where_the_size_is_set_under_a_flag(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(spread(FLAGGED))
    code, found = _check("qwen")
    assert (code, [f for f in found if f[0] == "ML114"]) == (1, [("ML114", "warning", 16)])


@pytest.mark.parametrize(
    ("size", "said"),
    [
        pytest.param("EMBEDDING_DIMENSION", " (dimensions=EMBEDDING_DIMENSION)", id="a-name"),
        pytest.param("3000", "", id="a-size-not-offered"),
        pytest.param("1024", " (1024 dimensions)", id="an-offered-size"),
        pytest.param(
            "settings.embedding.vector_dimensions_for_the_index", "", id="too-long-to-show"
        ),
    ],
)
def test_a_request_passing_dimensions_is_not_said_to_get_the_default_width(registry, size, said):
    text = (
        "import os\n\n" + HEAD + 'EMBEDDING_DIMENSION = int(os.environ.get("DIM", "256"))\n\n\n'
        "def embed(texts):\n"
        '    return client.embeddings.create(model="text-embedding-3-small", input=texts, '
        f"dimensions={size})\n"
    )
    assert [f.message for f in size_findings(registry, text, "zhipu")] == [
        f"vectors from embedding-3{said} are not comparable with stored OpenAI vectors: "
        "re-embed what you store"
    ]
