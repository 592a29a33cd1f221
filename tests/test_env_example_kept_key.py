"""An example .env file keeps OPENAI_API_KEY where code of the project may still read it (t48c,
babyagi): ML501 renamed `OPENAI_API_KEY=` to `DASHSCOPE_API_KEY=` while `babyagi.py` still
asserted OPENAI_API_KEY (ML401 left that read: it goes to chromadb's OpenAIEmbeddingFunction),
so a program set up from the example stopped at once, and the key put there to get past it
went to OpenAI. Now the line is kept and the provider's added after it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.run_facts import KEEPS_OPENAI_KEY, RunFacts, facts_of

CHROMA = """import os

import openai
from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction

OPENAI_API_KEY = os.getenv("OPENAI_API_KEY", "")
assert OPENAI_API_KEY, "OPENAI_API_KEY environment variable is missing from .env"
ef = OpenAIEmbeddingFunction(api_key=OPENAI_API_KEY)
openai.api_key = OPENAI_API_KEY
"""
PLAIN = """import os

from openai import OpenAI

client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))
"""
# t50j D2 (Chainlit cookbook): ML003 leaves a client whose base URL the program chooses
RUN_TIME = """import os
from openai import AsyncOpenAI

client = AsyncOpenAI(api_key=os.environ["OPENAI_API_KEY"], base_url=os.environ["BASE_URL"])
"""
EXAMPLE = "OPENAI_API_KEY=\nOTHER=1\n"
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
KEPT = (
    "apply keeps OPENAI_API_KEY (a comment above the provider's line says why), as code of the "
    "project may still read it for a class named like OpenAI that migrate-llm does not rewrite, "
    "a client whose base URL is chosen at run time, a client apply leaves on OpenAI as "
    f"{QWEN} lacks its APIs (ML401, ML001 or ML103 names the read), or a framework class "
    "or litellm embeddings call apply leaves on OpenAI given no key, which reads it itself "
    "(ML601, ML611, ML612 or ML640 names it), which may send it to OpenAI: put only OpenAI's key there, never "
    f"{QWEN}'s, until that code reads DASHSCOPE_API_KEY"
)
WHY = "# OPENAI_API_KEY stays for code that still sends it to OpenAI; migrate-llm check names it\n"


def ml501(cwd):
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "qwen", "--format", "json"])
    return [
        (f["line"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML501"
    ]


def test_a_key_line_code_still_reads_is_kept_with_the_providers_beside_it(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(CHROMA, encoding="utf-8")
    (tmp_path / ".env.example").write_text(EXAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert ml501(tmp_path) == [
        (
            1,
            "warning",
            "safe",
            f"OPENAI_API_KEY is OpenAI's key variable; {QWEN} reads DASHSCOPE_API_KEY (apply "
            f"adds it empty; the OpenAI key is never copied); {KEPT} (read at app.py:6)",
            {
                "variable_from": "OPENAI_API_KEY",
                "variable_to": "DASHSCOPE_API_KEY",
                "still_read": True,
                "read_at": ["app.py:6"],
            },
        )
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (
        tmp_path / ".env.example"
    ).read_text() == f"OPENAI_API_KEY=\n{WHY}DASHSCOPE_API_KEY=\nOTHER=1\n"
    # the read is still there (ML401 manual), so the kept line is a note to keep, not remove
    assert "OPENAI_API_KEY" in (tmp_path / "app.py").read_text()
    assert ml501(tmp_path) == [
        (
            1,
            "note",
            "manual",
            KEPT.replace(
                "apply keeps OPENAI_API_KEY (a comment above the provider's line says why)",
                "keep OPENAI_API_KEY",
            )
            + " (read at app.py:6)",
            {
                "variable_from": "OPENAI_API_KEY",
                "variable_to": "DASHSCOPE_API_KEY",
                "read_at": ["app.py:6"],
            },
        )
    ]
    again = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--diff"])
    assert again.stdout == ""


def test_a_key_line_apply_moves_every_read_of_is_renamed(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(PLAIN, encoding="utf-8")
    (tmp_path / ".env.example").write_text(EXAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [(_, _, fix, message, data)] = ml501(tmp_path)
    assert (fix, "still_read" in data) == ("safe", False)
    assert message.endswith("apply renames it in this example file")
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env.example").read_text() == "DASHSCOPE_API_KEY=\nOTHER=1\n"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        pytest.param(CHROMA, True, id="chromadb"),
        pytest.param(PLAIN, False, id="sdk-client"),
        pytest.param(RUN_TIME, True, id="sdk-client-base-url-chosen-at-run-time"),
        pytest.param(
            'import os\nfrom langchain_openai import ChatOpenAI\n\nChatOpenAI(api_key=os.environ["'
            'OPENAI_API_KEY"])\n',
            False,
            id="framework-class-a-rule-rewrites",
        ),
        # a request on a resource some provider lacks: `key_left` reads the module again
        pytest.param(PLAIN + 'client.moderations.create(input="x")\n', True, id="unserved-maybe"),
        pytest.param(
            "from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction\n\n"
            'ef = OpenAIEmbeddingFunction(api_key=os.environ["DASHSCOPE_API_KEY"])\n',
            False,
            id="no-openai-key-read",
        ),
    ],
)
def test_the_project_fact_is_a_read_of_openais_key_beside_a_class_no_table_knows(text, kept):
    bits = facts_of("python", text.encode(), True, True, None)
    assert bool(bits & KEEPS_OPENAI_KEY) is kept
    assert RunFacts.of_bits(bits).openai_key_kept is kept


def test_the_kept_lines_comment_keeps_the_files_line_endings_and_no_export(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(CHROMA, encoding="utf-8")
    (tmp_path / ".env.example").write_bytes(b"  export OPENAI_API_KEY=\r\nOTHER=1\r\n")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env.example").read_bytes() == (
        b"  export OPENAI_API_KEY=\r\n  "
        + WHY.rstrip("\n").encode()
        + b"\r\n  export DASHSCOPE_API_KEY=\r\nOTHER=1\r\n"
    )


def test_a_key_line_read_for_a_client_whose_base_url_is_chosen_at_run_time_is_kept(
    tmp_path, monkeypatch
):
    (tmp_path / "app.py").write_text(RUN_TIME, encoding="utf-8")
    (tmp_path / ".env.example").write_text("OPENAI_API_KEY=\nBASE_URL=\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [(_, _, fix, message, data)] = ml501(tmp_path)
    assert (fix, data.get("still_read"), message.endswith(f"{KEPT} (read at app.py:4)")) == (
        "safe",
        True,
        True,
    )
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text() == RUN_TIME  # ML003/ML401 leave it
    assert (
        tmp_path / ".env.example"
    ).read_text() == f"OPENAI_API_KEY=\n{WHY}DASHSCOPE_API_KEY=\nBASE_URL=\n"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        pytest.param('os.getenv("BASE_URL", "http://localhost:8000/v1")', False, id="own-default"),
        pytest.param('os.environ["OPENAI_BASE_URL"]', False, id="openais-variable"),
        pytest.param('"https://api.openai.com/v1"', False, id="openais-url"),
    ],
)
def test_a_key_line_read_for_a_client_apply_moves_or_leaves_on_a_server_is_renamed(
    tmp_path, monkeypatch, url, kept
):
    code = RUN_TIME.replace('os.environ["BASE_URL"]', url)
    (tmp_path / "app.py").write_text(code, encoding="utf-8")
    (tmp_path / ".env.example").write_text(EXAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [(_, _, _, _, data)] = ml501(tmp_path)
    assert data.get("still_read", False) is kept


# t55d (quivr-whisper): openai's module-level client, configured from OPENAI_API_KEY and used
# only for audio, which Qwen's compatible endpoint lacks, stays on OpenAI (ML103, ML401 leave it)
MODULE_AUDIO = """import os

import openai

openai.api_key = os.getenv("OPENAI_API_KEY")


def speak(text):
    return openai.audio.speech.create(model="tts-1", voice="alloy", input=text)
"""
# t55g (assistant-flask): a client built with no key (the SDK reads OPENAI_API_KEY) whose
# requests are all the Assistants API's (its upload too) stays on OpenAI (ML001)
CLIENT_ASSISTANTS = """from openai import OpenAI

client = OpenAI()


def upload(stream, assistant_id):
    f = client.files.create(file=stream, purpose="assistants")
    client.beta.assistants.update(assistant_id, file_ids=[f.id])
"""


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(MODULE_AUDIO, id="module-client-audio-only"),
        pytest.param(CLIENT_ASSISTANTS, id="client-assistants-only"),
    ],
)
def test_a_key_line_read_by_a_client_apply_leaves_on_openai_is_kept(tmp_path, monkeypatch, code):
    """Renamed, the example file set the provider's variable while the client left on OpenAI
    read OPENAI_API_KEY: a program set up from it had no key for its requests (t55d)."""
    (tmp_path / "app.py").write_text(code, encoding="utf-8")
    (tmp_path / ".env_example").write_text("OTHER=XXXX\nOPENAI_API_KEY=XXXX\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # the module's read is ML401's to leave (named); the client's own is ML001's
    at = {"read_at": ["app.py:5"]} if code is MODULE_AUDIO else {}
    where = " (read at app.py:5)" if at else ""
    assert ml501(tmp_path) == [
        (
            2,
            "warning",
            "safe",
            f"OPENAI_API_KEY is OpenAI's key variable; {QWEN} reads DASHSCOPE_API_KEY (apply "
            f"adds it empty; the OpenAI key is never copied); {KEPT}{where}",
            {
                "variable_from": "OPENAI_API_KEY",
                "variable_to": "DASHSCOPE_API_KEY",
                "still_read": True,
                **at,
            },
        )
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text() == code
    assert (
        tmp_path / ".env_example"
    ).read_text() == f"OTHER=XXXX\nOPENAI_API_KEY=XXXX\n{WHY}DASHSCOPE_API_KEY=\n"
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "qwen"])
    assert checked.exit_code == 1  # the client left on OpenAI keeps check red


def test_a_key_line_read_by_a_client_with_a_served_request_is_renamed(tmp_path, monkeypatch):
    """A request the provider serves moves the client (ML001): the example file is renamed."""
    code = CLIENT_ASSISTANTS + (
        '\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o", messages=q)\n'
    )
    (tmp_path / "app.py").write_text(code, encoding="utf-8")
    (tmp_path / ".env_example").write_text("OPENAI_API_KEY=XXXX\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [(_, _, fix, message, data)] = ml501(tmp_path)
    assert (fix, "still_read" in data) == ("safe", False)
    assert message.endswith("apply renames it in this example file, its stand-in XXXX kept")


# t67d (WrenAI): litellm's embedding() takes its model from a config file; DeepSeek serves no
# embeddings, so ML640 leaves the call on OpenAI, where it reads OPENAI_API_KEY itself
LITELLM_EMBEDDER = """import yaml
from litellm import embedding

m = yaml.safe_load(open("config.yaml"))["models"][0]
print(embedding(model=m["model"], input=["hi"]))
"""


@pytest.mark.parametrize(
    ("code", "kept"),
    [
        (LITELLM_EMBEDDER, True),
        (LITELLM_EMBEDDER.replace('input=["hi"]', 'input=["hi"], api_key=key'), False),
        (
            'from litellm import embedding\n\nembedding(model="text-embedding-3-small", input=[])\n',
            True,
        ),
        (LITELLM_EMBEDDER.replace("embedding", "completion"), False),
    ],
)
def test_a_key_line_read_by_a_litellm_embedding_call_left_on_openai_is_kept(
    tmp_path, monkeypatch, code, kept
):
    """Renamed, the example file lost OPENAI_API_KEY while litellm.embedding(), left on OpenAI
    (DeepSeek serves no embeddings: ML640), still read it: the embedder had no key (t67d)."""
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "app.py").write_text(code, encoding="utf-8")
    (tmp_path / "config.yaml").write_text("models:\n  - model: text-embedding-3-large\n")
    (tmp_path / ".env.example").write_text("# vendor keys\nOPENAI_API_KEY=\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    [data] = [f["data"] for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML501"]
    assert data.get("still_read", False) is kept
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    after = (tmp_path / ".env.example").read_text()
    left = f"OPENAI_API_KEY=\n{WHY}" if kept else ""
    assert after == f"# vendor keys\n{left}DEEPSEEK_API_KEY=\n"
