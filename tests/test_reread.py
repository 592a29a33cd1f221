"""The screening's passes read each file once and parse each shared module once (`reread`)."""

import pytest

from migrate_llm.reread import cst_module, read_once, reading_once
from migrate_llm.textio import UnreadableFile, python_parsed


def test_a_file_is_read_once_inside_and_afresh_outside(tmp_path):
    path = tmp_path / "app.py"
    path.write_text("x = 1\n")
    with reading_once():
        first = read_once(str(path))
        path.write_text("x = 2\n")
        assert read_once(str(path)) is first
        assert read_once(str(tmp_path / "." / "app.py")) is first  # the same file
    assert read_once(str(path)) == b"x = 2\n"


def test_an_unreadable_file_stays_unreadable(tmp_path):
    path = tmp_path / "big.py"
    path.write_text("x = 1\n" * 10)
    with reading_once():
        for _ in range(2):
            with pytest.raises(UnreadableFile):
                read_once(str(path), 8)
        assert read_once(str(path)).startswith(b"x = 1")  # another limit: another read


def test_only_shared_modules_keep_their_trees(tmp_path):
    shared, alone = tmp_path / "shared.py", tmp_path / "alone.py"
    shared.write_text("import os\n")
    alone.write_text("import sys\n")
    with reading_once() as reads:
        reads.share([str(shared)])
        data = read_once(str(shared))
        tree = python_parsed(data)
        assert tree is not None and python_parsed(data) is tree
        assert cst_module(tree[0]) is cst_module(tree[0])
        other = read_once(str(alone))
        assert python_parsed(other) is not python_parsed(other)
    assert python_parsed(data) is not tree  # let go with the screening
    assert python_parsed(b"def (") is None


def test_the_tree_a_pass_parsed_is_given_to_the_next_parse_of_its_text_once():
    from migrate_llm.rules.python import parse_module

    text = "import os\nkey = os.environ['OPENAI_API_KEY']\n"
    tree = cst_module(text)
    assert parse_module(text) is tree
    assert parse_module(text) is not tree  # given once
    assert parse_module(text).code == text
    tree = cst_module(text)
    assert parse_module("x = 1\n").code == "x = 1\n"  # another text: the kept tree let go
    assert parse_module(text) is not tree


def test_a_long_text_s_tree_is_not_kept_for_the_next_parse(monkeypatch):
    from migrate_llm.rules import python

    monkeypatch.setattr(python, "HANDED_CHARS", 10)
    short, long = "x = 1\n", "import os\nkey = os.environ['K']\n"
    tree = cst_module(short)
    assert python.parse_module(short) is tree
    tree = cst_module(long)
    assert python.parse_module(long) is not tree
    assert python.parse_module(long).code == long


def test_check_parses_a_module_a_pass_reads_again_once(tmp_path, monkeypatch):
    """`check --provider` of a module one of whose functions returns a client: the pass
    looking for such functions (`provider_factories`) and the rules share libcst's parse,
    and report what they report when each parses on its own."""
    import json

    import libcst
    from typer.testing import CliRunner

    from migrate_llm.cli import app
    from migrate_llm.rules import python

    from .conftest import ACME_DIR

    (tmp_path / "app.py").write_text(
        "from openai import OpenAI\n\n\ndef make_client():\n    return OpenAI()\n\n\n"
        'client = make_client()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    monkeypatch.chdir(tmp_path)
    parsed: list[str] = []
    parse = libcst.parse_module

    def counted(text, *args, **kwargs):
        parsed.append(text)
        return parse(text, *args, **kwargs)

    monkeypatch.setattr(libcst, "parse_module", counted)
    args = ["check", "app.py", "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    reports = []
    for handed in (python.HANDED_CHARS, -1):  # -1: no tree kept, each parses its own
        monkeypatch.setattr(python, "HANDED_CHARS", handed)
        parsed.clear()
        result = CliRunner().invoke(app, [*args, "--no-cache", "--format", "json"])
        assert result.exit_code == 1, result.output
        reports.append(json.loads(result.stdout))
        assert parsed == [(tmp_path / "app.py").read_text()] * (1 if handed > 0 else 2)
    assert reports[0] == reports[1]
    assert {f["rule"] for f in reports[0]["findings"]} >= {"ML001", "ML201"}
