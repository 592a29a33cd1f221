"""ML511 beside code that sends the width as `dimensions=` (t64, chatgpt-retrieval-plugin with
qwen): `.env.example`'s `EMBEDDING_DIMENSION=256` was an error ("the program may ask for 256")
while `services/openai.py` sent `dimensions=EMBEDDING_DIMENSION`, read from that variable, and
Qwen returns 256-wide vectors when asked. Now a request sending the setting (an environment
read of its variable, or the same number: a literal, a module constant) makes a width the
provider offers fit; a value that cannot be known from its module is named in the message."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.sent_sizes import SentSize, sizes_sent

ENV = "EMBEDDING_MODEL=text-embedding-3-large\nEMBEDDING_DIMENSION={}\n"
MODULE = """import os

from openai import OpenAI

EMBEDDING_MODEL = os.environ.get("EMBEDDING_MODEL", "text-embedding-3-large")
{}


def embed(texts):
    response = OpenAI().embeddings.create(
        input=texts, model=EMBEDDING_MODEL{}
    )
    return [d.embedding for d in response.data]
"""
READ = 'EMBEDDING_DIMENSION = int(os.environ.get("EMBEDDING_DIMENSION", 256))'
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
OFFERED = "offered: 64, 128, 256, 512, 768, 1024, 1536, 2048"
HEAD = (
    "EMBEDDING_DIMENSION={} is not text-embedding-3-large's width (3072); apply maps "
    "text-embedding-3-large (line 1) to text-embedding-v4, which returns vectors 1024 wide: "
)


def ml511(tmp_path, monkeypatch, size: int, constant: str, sent: str) -> list[tuple]:
    (tmp_path / ".env.example").write_text(ENV.format(size), encoding="utf-8")
    (tmp_path / "embed.py").write_text(MODULE.format(constant, sent), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["scan", ".", "--provider", "qwen", "--format", "json"])
    assert done.exit_code == 0, done.stderr
    return [
        (f["line"], f["severity"], f["message"], f["data"].get("sent_at"))
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] == "ML511"
    ]


@pytest.mark.parametrize(
    ("constant", "sent"),
    [
        (READ, ", dimensions=EMBEDDING_DIMENSION"),  # the plugin's
        ("EMBEDDING_DIMENSION = 256", ", dimensions=EMBEDDING_DIMENSION"),
        ("", ", dimensions=256"),
        ("", ', dimensions=int(os.getenv("EMBEDDING_DIMENSION"))'),
    ],
)
def test_a_width_the_program_sends_and_the_provider_offers_fits(
    tmp_path, monkeypatch, constant, sent
):
    assert ml511(tmp_path, monkeypatch, 256, constant, sent) == []


def test_a_width_sent_that_the_provider_does_not_offer_stays_an_error(tmp_path, monkeypatch):
    found = ml511(tmp_path, monkeypatch, 300, READ, ", dimensions=EMBEDDING_DIMENSION")
    assert found == [
        (
            2,
            "error",
            HEAD.format(300) + "the program asks for 300 with dimensions= (embed.py:10), "
            f"which {QWEN} does not offer ({OFFERED}); set the width the program gets, by hand",
            "embed.py:10",
        )
    ]


def test_a_value_that_cannot_be_known_is_named(tmp_path, monkeypatch):
    found = ml511(tmp_path, monkeypatch, 256, "", ", dimensions=settings.dim")
    assert found == [
        (
            2,
            "error",
            HEAD.format(256) + "the program may ask for 256 with dimensions= (embed.py:10 sends "
            f"a value that cannot be known from its module), which {QWEN} offers ({OFFERED}); "
            "set the width the program gets, by hand",
            None,
        )
    ]


def test_without_dimensions_the_width_is_still_reported(tmp_path, monkeypatch):
    found = ml511(tmp_path, monkeypatch, 256, READ, "")
    assert [(line, severity) for line, severity, _, _ in found] == [(2, "error")]
    assert "the program may ask for 256 with dimensions=, which" in found[0][2]


def test_sizes_sent_reads_literals_constants_and_environment_reads():
    text = (
        "import os\nimport openai\n\nD = 512\nN: int = int(os.environ['DIM'])\n"
        "openai.Embedding.create(input=t, model=m, dimensions=D)\n"
        "client.embeddings.create(input=t, model=m, dimensions=N)\n"
        "client.embeddings.create(input=t, model=m, dimensions=cfg.dim)\n"
        "client.chat.completions.create(model=m, messages=[], dimensions=D)\n"
    )
    assert sizes_sent("a.py", text.encode()) == [
        SentSize(None, 512, "a.py:6"),
        SentSize("DIM", None, "a.py:7"),
        SentSize(None, None, "a.py:8"),
    ]
    assert sizes_sent("a.py", b"def (") == []
