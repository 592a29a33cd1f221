"""ML208: tiktoken downloads an encoding's files from OpenAI's host the first time a machine
loads it (`openai_sdk.TIKTOKEN_LOADERS`), unless TIKTOKEN_CACHE_DIR holds them. The migrated
gpt-engineer stopped at start on a machine that could not reach the host while `check` was
green (t58c D1): a warning per module, with the fix, at the load that runs after the switch;
a note where a file of the project names the cache variable."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.prefilter import prefilters, worth_examining
from migrate_llm.registry import load_registry

from .conftest import ACME_DIR

NOTE = (
    "{} loads a tiktoken encoding, which tiktoken downloads from OpenAI's host "
    "openaipublic.blob.core.windows.net on first use (no key is sent); where that host cannot "
    "be reached it fails with a connection error: download the files beforehand and set "
    "TIKTOKEN_CACHE_DIR to their directory, or ship them with the program (or ignore ML208 "
    "where every machine running it reaches that host)"
)
CACHE_NAMED = (
    "{} loads a tiktoken encoding, which tiktoken downloads from OpenAI's host "
    "openaipublic.blob.core.windows.net on first use (no key is sent), unless the directory "
    "TIKTOKEN_CACHE_DIR names holds its files: a file of the project names that variable; make "
    "sure it holds them wherever the program runs"
)
GET_ENCODING = 'import tiktoken\n\nENCODING = tiktoken.get_encoding("cl100k_base")\n'


# The tests' modules name openai after their code (once needed for them to be examined).
EXAMINED = "import openai  # examined\n"


def scanned(tmp_path, monkeypatch, text, provider="acme"):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "count.py").write_text(text + EXAMINED)
    args = ["scan", ".", "--providers-dir", str(ACME_DIR), "-p", provider, "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["findings"]
    return [(f["rule"], f["line"], f["column"], f["message"]) for f in found]


DATA = {"host": "openaipublic.blob.core.windows.net", "cache_variable": "TIKTOKEN_CACHE_DIR"}


@pytest.mark.parametrize("tail", ["", EXAMINED])
def test_a_module_that_loads_an_encoding_fails_check(tmp_path, monkeypatch, tail):
    # t58c D1's repro, also in a module naming nothing else of OpenAI's
    monkeypatch.chdir(tmp_path)
    (tmp_path / "count.py").write_text(GET_ENCODING + tail)
    base = [".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    check = CliRunner().invoke(app, ["check", *base])
    assert check.exit_code == 1, check.output
    [found] = json.loads(check.stdout)["findings"]
    assert {k: found[k] for k in ("rule", "line", "column", "severity", "fix", "data")} == {
        "rule": "ML208",
        "line": 3,
        "column": 12,
        "severity": "warning",
        "fix": "manual",
        "data": DATA,
    }
    assert found["message"] == NOTE.format("tiktoken.get_encoding()")
    applied = CliRunner().invoke(app, ["apply", *base[:-2], "--yes"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "count.py").read_text() == GET_ENCODING + tail


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".env", "TIKTOKEN_CACHE_DIR=/opt/app/tiktoken\n"),
        ("Dockerfile", "FROM python:3.12\nENV DATA_GYM_CACHE_DIR=/opt/app/tiktoken\n"),
        ("settings.py", 'import os\n\nos.environ["TIKTOKEN_CACHE_DIR"] = "/opt/app/tk"\n'),
    ],
)
def test_a_project_naming_the_cache_variable_gets_a_note(tmp_path, monkeypatch, name, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "count.py").write_text(GET_ENCODING)
    (tmp_path / name).write_text(text)
    base = [".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    check = CliRunner().invoke(app, ["check", *base])
    assert check.exit_code == 0, check.output
    scan = CliRunner().invoke(app, ["scan", *base])
    found = json.loads(scan.stdout)["findings"]
    assert [
        {k: f[k] for k in ("path", "rule", "line", "severity", "fix", "message", "data")}
        for f in found
    ] == [
        {
            "path": "count.py",
            "rule": "ML208",
            "line": 3,
            "severity": "note",
            "fix": "none",
            "message": CACHE_NAMED.format("tiktoken.get_encoding()"),
            "data": DATA,
        }
    ]


# t63c: sweep's tiktoken_utils.py binds a constant of that name, which sets nothing (tiktoken
# reads the environment only): check stays red, also where another module binds one
CONSTANT = 'TIKTOKEN_CACHE_DIR = "/tmp/cache/tiktoken"\n'


def test_a_constant_named_like_the_cache_variable_sets_nothing(tmp_path, monkeypatch):
    text = GET_ENCODING.replace("\n\n", "\n\n" + CONSTANT, 1)
    assert scanned(tmp_path, monkeypatch, text) == [
        ("ML208", 4, 12, NOTE.format("tiktoken.get_encoding()"))
    ]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("settings.py", CONSTANT),
        ("settings.py", 'import os\n\nCACHE = os.environ.get("TIKTOKEN_CACHE_DIR")\n'),
        ("notes.ipynb", '{"cells": [{"cell_type": "code", "source": ["TIKTOKEN_CACHE_DIR = 1"]}]}'),
    ],
)
def test_a_project_only_naming_the_variable_in_code_fails_check(tmp_path, monkeypatch, name, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "count.py").write_text(GET_ENCODING)
    (tmp_path / name).write_text(text)
    base = [".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    check = CliRunner().invoke(app, ["check", *base])
    assert check.exit_code == 1, check.output
    (found,) = json.loads(check.stdout)["findings"]
    assert (found["path"], found["rule"], found["severity"], found["message"]) == (
        "count.py",
        "ML208",
        "warning",
        NOTE.format("tiktoken.get_encoding()"),
    )


@pytest.mark.parametrize(
    "setting",
    [
        'os.environ.setdefault("TIKTOKEN_CACHE_DIR", TIKTOKEN_CACHE_DIR)\n',
        'os.putenv("TIKTOKEN_CACHE_DIR", TIKTOKEN_CACHE_DIR)\n',
        "os.environ.update(TIKTOKEN_CACHE_DIR=TIKTOKEN_CACHE_DIR)\n",
        'os.environ.update({"TIKTOKEN_CACHE_DIR": TIKTOKEN_CACHE_DIR})\n',
    ],
)
def test_the_constant_put_into_the_environment_counts(tmp_path, monkeypatch, setting):
    text = "import os\n\nimport tiktoken\n\n" + CONSTANT + setting
    text += 'ENC = tiktoken.get_encoding("cl100k_base")\n'
    assert scanned(tmp_path, monkeypatch, text) == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("compose.yaml", "services:\n  app:\n    environment:\n      - TIKTOKEN_CACHE_DIR=/tk\n"),
        ("run.sh", "export TIKTOKEN_CACHE_DIR=/opt/tk\npython count.py\n"),
        (
            "notes.ipynb",
            '{"cells": [{"cell_type": "code", "source": ["%env TIKTOKEN_CACHE_DIR=/tk"]}]}',
        ),
    ],
)
def test_a_setting_in_another_file_gets_the_note(tmp_path, monkeypatch, name, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "count.py").write_text(GET_ENCODING)
    (tmp_path / name).write_text(text)
    base = [".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    check = CliRunner().invoke(app, ["check", *base])
    assert check.exit_code == 0, check.output
    found = json.loads(CliRunner().invoke(app, ["scan", *base]).stdout)["findings"]
    assert [(f["rule"], f["severity"], f["message"]) for f in found] == [
        ("ML208", "note", CACHE_NAMED.format("tiktoken.get_encoding()"))
    ]


# gpt-engineer's Tokenizer (t58c D1): after the switch its model names no "gpt-4", so the
# fixed load runs, not the lookup
CHOSEN = (
    "import tiktoken\n\n\n"
    "class Tokenizer:\n"
    "    def __init__(self, model_name):\n"
    "        self.encoding = (\n"
    "            tiktoken.encoding_for_model(model_name)\n"
    '            if "gpt-4" in model_name\n'
    '            else tiktoken.get_encoding("cl100k_base")\n'
    "        )\n"
)


def test_the_load_that_runs_after_the_switch_is_pointed_at(tmp_path, monkeypatch):
    # (ML207 leaves the lookup: only an OpenAI model's name reaches it)
    assert scanned(tmp_path, monkeypatch, CHOSEN) == [
        ("ML208", 9, 18, NOTE.format("tiktoken.get_encoding()"))
    ]


def test_once_a_module_at_its_first_load(tmp_path, monkeypatch):
    text = (
        "from tiktoken import encoding_for_model, get_encoding\n\n\n"
        "def count(text):\n"
        '    return len(encoding_for_model("gpt-4o").encode(text))\n\n\n'
        'FALLBACK = get_encoding("o200k_base")\n'
    )
    assert scanned(tmp_path, monkeypatch, text) == [
        ("ML208", 5, 16, NOTE.format("tiktoken.encoding_for_model()"))
    ]


@pytest.mark.parametrize(
    ("text", "label", "loaded"),
    [
        (
            "from langchain_text_splitters import RecursiveCharacterTextSplitter\n\n"
            "SPLITTER = RecursiveCharacterTextSplitter.from_tiktoken_encoder(chunk_size=300)\n",
            "LangChain's from_tiktoken_encoder()",
            "gpt2 (line 3, by default)",
        ),
        (
            "from langchain.text_splitter import TokenTextSplitter\n\n"
            "SPLITTER = TokenTextSplitter()\n",
            "LangChain's TokenTextSplitter()",
            "gpt2 (line 3, by default)",
        ),
        (
            "from llama_index.core import get_tokenizer\n\nCOUNT = get_tokenizer()\n",
            "LlamaIndex's get_tokenizer()",
            None,
        ),
        (
            'import tiktoken.registry\n\nENC = tiktoken.registry.get_encoding("gpt2")\n',
            "tiktoken.get_encoding()",
            None,
        ),
    ],
)
def test_the_frameworks_calls_load_one_too(tmp_path, monkeypatch, text, label, loaded):
    # the encoding a splitter loads by default is written nowhere: the message names it
    message = NOTE.format(label)
    if loaded is not None:
        message = message.replace("sent); where", f"sent); this module loads {loaded}; where")
    assert scanned(tmp_path, monkeypatch, text) == [
        ("ML208", 3, text.splitlines()[2].index("=") + 3, message)
    ]


ENCODINGS_TEXT = (
    "import tiktoken\n"
    "from langchain_text_splitters import RecursiveCharacterTextSplitter\n\n"
    'ENC = tiktoken.get_encoding("cl100k_base")\n'
    "SPLITTER = RecursiveCharacterTextSplitter.from_tiktoken_encoder(chunk_size=400)\n"
    'OTHER = tiktoken.get_encoding("cl100k_base")\n'
    'NAMED = RecursiveCharacterTextSplitter.from_tiktoken_encoder(encoding_name="p50k_base")\n'
)


def test_every_encoding_the_module_names_is_said(tmp_path, monkeypatch):
    # quivr's processor (t67c): with only cl100k_base cached, from_tiktoken_encoder()'s gpt2
    # still came from OpenAI's host; each encoding once, at its first load, in order
    monkeypatch.chdir(tmp_path)
    (tmp_path / "count.py").write_text(ENCODINGS_TEXT + EXAMINED)
    base = [".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    check = CliRunner().invoke(app, ["check", *base])
    assert check.exit_code == 1, check.output
    [found] = json.loads(check.stdout)["findings"]
    assert (found["rule"], found["line"], found["column"]) == ("ML208", 4, 7)
    assert found["message"] == (
        "tiktoken.get_encoding() loads a tiktoken encoding, which tiktoken downloads from "
        "OpenAI's host openaipublic.blob.core.windows.net on first use (no key is sent); this "
        "module loads cl100k_base (line 4), gpt2 (line 5, by default) and p50k_base (line 7); "
        "where that host cannot be reached it fails with a connection error: download the "
        "files of each beforehand and set TIKTOKEN_CACHE_DIR to their directory, or ship them "
        "with the program (or ignore ML208 where every machine running it reaches that host)"
    )
    assert found["data"] == DATA | {"encodings": ["cl100k_base", "gpt2", "p50k_base"]}


def test_a_framework_call_given_a_run_time_model_reaches_ml207_too(tmp_path, monkeypatch):
    # a module naming nothing else of OpenAI's: it used to be screened out
    text = (
        "from langchain_text_splitters import RecursiveCharacterTextSplitter\n\n\n"
        "def chunks(text, model):\n"
        "    s = RecursiveCharacterTextSplitter.from_tiktoken_encoder(model_name=model)\n"
        "    return s.split_text(text)\n"
    )
    assert [(rule, line) for rule, line, _, _ in scanned(tmp_path, monkeypatch, text)] == [
        ("ML208", 5),
        ("ML207", 5),
    ]


@pytest.mark.parametrize(
    "text",
    [
        'import os\n\nimport tiktoken\n\nos.environ["TIKTOKEN_CACHE_DIR"] = "/opt/app/tokens"\n'
        'ENC = tiktoken.get_encoding("cl100k_base")\n',
        'import os\n\nimport tiktoken\n\nassert os.environ.get("DATA_GYM_CACHE_DIR")\n'
        'ENC = tiktoken.get_encoding("cl100k_base")\n',
        # another library's get_encoding, in a module that names tiktoken only in a comment
        '# counts like tiktoken\nfrom mylib import get_encoding\n\nENC = get_encoding("x")\n',
    ],
)
def test_not_noted(tmp_path, monkeypatch, text):
    assert scanned(tmp_path, monkeypatch, text) == []


def test_not_with_openai_as_the_target(tmp_path, monkeypatch):
    assert scanned(tmp_path, monkeypatch, GET_ENCODING, provider="openai") == []


def test_a_tiktoken_load_makes_a_module_worth_parsing_when_switching():
    """A module that loads an encoding is parsed for ML208's warning, when switching (t58c
    D1); LlamaIndex's `get_tokenizer()` given nothing only where the module is examined anyway
    (llama-index-core's modules call it everywhere: parsing them all cost a fifth more of its
    scan); a tokenizer asked for a model the program picks is (ML207)."""
    openai = load_registry().openai
    switching, staying = prefilters(openai, switching=True), prefilters(openai, switching=False)
    assert worth_examining(switching, "python", GET_ENCODING, False)
    assert not worth_examining(staying, "python", GET_ENCODING, False)
    llama = "from llama_index.core import get_tokenizer\n\nCOUNT = get_tokenizer()\n"
    assert not worth_examining(switching, "python", llama, False)
    chosen = "from llama_index.core import get_tokenizer\n\nCOUNT = get_tokenizer(model)\n"
    assert worth_examining(switching, "python", chosen, False)
    assert not worth_examining(staying, "python", chosen, False)
    splitter = (
        "from langchain_text_splitters import RecursiveCharacterTextSplitter\n\n"
        "s = RecursiveCharacterTextSplitter.from_tiktoken_encoder(model_name=model)\n"
    )
    assert worth_examining(switching, "python", splitter, False)


def test_every_framework_call_is_screened_by_a_package_all_its_modules_hold():
    from migrate_llm.frameworks.tokenizers import CALLS

    for call in CALLS:
        assert all(n.startswith(call.package) for n in (*call.modules, *call.names))
        assert call.method or all(n.endswith("." + call.word) for n in call.names)


# gpt-researcher's cost estimate (t57a D1): the lookup's KeyError is caught and the fallback
# loads an encoding; after the switch every call takes it, and where OpenAI's host cannot be
# reached the research gathered nothing while `check` was green.
FALLBACK = (
    "import tiktoken\n\n\n"
    "def estimate_embedding_cost(model, docs):\n"
    "    try:\n"
    "        encoding = tiktoken.encoding_for_model({})\n"
    "    except KeyError:\n"
    '        encoding = tiktoken.get_encoding("o200k_base")\n'
    "    return sum(len(encoding.encode(d)) for d in docs)\n"
)
WARNING = (
    "tiktoken.encoding_for_model() {} which tiktoken does not know (KeyError), so every call "
    "takes the fallback on line 8, tiktoken.get_encoding(), which downloads its encoding from "
    "OpenAI's host openaipublic.blob.core.windows.net on first use; where that host cannot be "
    "reached it fails there with a connection error: count with get_encoding() from files the "
    "program ships (set TIKTOKEN_CACHE_DIR in it), with Acme Cloud's own tokenizer, or "
    "approximately (len(text) // 4), by hand"
)


@pytest.mark.parametrize(
    ("model", "given", "column"),
    [
        (
            "model",
            "gets the model at run time: after the switch it names an Acme Cloud model,",
            48,
        ),
        ('"acme-embed"', "is given 'acme-embed', an Acme Cloud model,", 48),
    ],
)
def test_a_lookup_whose_key_error_falls_back_to_a_download_fails_check(
    tmp_path, monkeypatch, model, given, column
):
    monkeypatch.chdir(tmp_path)
    text = FALLBACK.format(model)
    (tmp_path / "costs.py").write_text(text + EXAMINED)
    base = [".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    check = CliRunner().invoke(app, ["check", *base])
    assert check.exit_code == 1, check.output
    found = json.loads(check.stdout)["findings"]
    assert [
        {k: f[k] for k in ("rule", "line", "column", "severity", "fix", "message", "data")}
        for f in found
    ] == [
        {
            "rule": "ML208",
            "line": 6,
            "column": column,
            "severity": "warning",
            "fix": "manual",
            "message": WARNING.format(given),
            "data": {
                "host": "openaipublic.blob.core.windows.net",
                "cache_variable": "TIKTOKEN_CACHE_DIR",
                "fallback_line": "line 8",
            },
        }
    ]
    applied = CliRunner().invoke(app, ["apply", *base[:-2], "--yes"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "costs.py").read_text() == text + EXAMINED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an OpenAI model tiktoken knows: the fallback never runs, only the module's note
        (FALLBACK.format('"gpt-4o"'), [("ML208", 6, 20, "tiktoken.encoding_for_model()")]),
        # a fallback that loads nothing: the lookup raises before downloading
        (
            FALLBACK.format("model").replace(
                'encoding = tiktoken.get_encoding("o200k_base")', "return len(docs) * 100"
            ),
            [("ML208", 6, 20, "tiktoken.encoding_for_model()")],
        ),
    ],
)
def test_a_fallback_no_provider_model_takes_stays_a_note(tmp_path, monkeypatch, text, expected):
    assert scanned(tmp_path, monkeypatch, text) == [
        (rule, line, column, NOTE.format(label)) for rule, line, column, label in expected
    ]


def test_a_fallback_to_files_the_program_ships_is_not_reported(tmp_path, monkeypatch):
    text = 'import os\n\nos.environ.setdefault("TIKTOKEN_CACHE_DIR", "/opt/app/tokens")\n'
    assert scanned(tmp_path, monkeypatch, text + FALLBACK.format("model")) == []


def test_each_lookup_with_a_fallback_of_a_module_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    second = FALLBACK.split("\n\n\n", 1)[1].replace("estimate_embedding_cost", "count_tokens")
    text = FALLBACK.format("model") + "\n\n" + second.format("model")
    (tmp_path / "costs.py").write_text(text + EXAMINED)
    base = [".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    check = CliRunner().invoke(app, ["check", *base])
    assert check.exit_code == 1, check.output
    found = json.loads(check.stdout)["findings"]
    assert [(f["rule"], f["line"], f["severity"], f["data"]["fallback_line"]) for f in found] == [
        ("ML208", 6, "warning", "line 8"),
        ("ML208", 14, "warning", "line 16"),
    ]


AGAIN = (
    "import os\n\nimport tiktoken\n\n\ndef get_encoder(model):\n    try:\n"
    "        return tiktoken.encoding_for_model(model)\n    except KeyError:\n"
    "        return tiktoken.encoding_for_model({fallback})\n\n\n"
    'print(get_encoder(os.environ.get("CHAT_MODEL", "gpt-4o")))\n'
)


def test_a_fallback_looking_the_model_up_again_fails_too(tmp_path, monkeypatch):
    # t67b: RD-Agent's DeprecBackend stopped with KeyError, no download attempted
    monkeypatch.chdir(tmp_path)
    (tmp_path / "count.py").write_text(AGAIN.format(fallback='model.replace("_", "-")'))
    base = [".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    check = CliRunner().invoke(app, ["check", *base])
    assert check.exit_code == 1, check.output
    [found] = [f for f in json.loads(check.stdout)["findings"] if f["rule"] == "ML208"]
    assert (found["line"], found["column"], found["fix"]) == (8, 44, "manual")
    assert found["message"] == (
        "tiktoken.encoding_for_model() gets the model at run time: after the switch it names an "
        "Acme Cloud model, which tiktoken does not know (KeyError), and the fallback on line 10, "
        "tiktoken.encoding_for_model(), looks up a model chosen at run time too, which raises "
        "KeyError again: the program stops at its first count; count with "
        'tiktoken.get_encoding("cl100k_base") (its files shipped with the program, '
        "TIKTOKEN_CACHE_DIR set), with Acme Cloud's own tokenizer, or approximately "
        "(len(text) // 4), by hand"
    )
    assert found["data"] == {"fallback_line": "line 10", "fallback_fails": True}


def test_a_fallback_to_a_known_model_downloads(tmp_path, monkeypatch):
    # a literal OpenAI model tiktoken knows: the fallback loads (and downloads) its encoding
    monkeypatch.chdir(tmp_path)
    (tmp_path / "count.py").write_text(AGAIN.format(fallback='"gpt-4"'))
    base = [".", "--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    check = CliRunner().invoke(app, ["check", *base])
    [found] = [f for f in json.loads(check.stdout)["findings"] if f["rule"] == "ML208"]
    assert "so every call takes the fallback on line 10" in found["message"]
    assert "which downloads its encoding from OpenAI's host" in found["message"]
    assert found["data"]["fallback_line"] == "line 10"
    assert "fallback_fails" not in found["data"]
