"""A file's bytes ruled out without decoding them (`prefilter.ruled_out`) are exactly those whose
text the prefilter rules out holding no anchor, quoted model or framework import: the screening
of most files of a large tree skips the decode and answers as `screened` does."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from migrate_llm.formats import FORMATS
from migrate_llm.prefilter import Expression, Prefilter, prefilters, ruled_out, screened
from migrate_llm.registry import load_registry
from migrate_llm.textio import UnreadableFile, text_of

ROOT = Path(__file__).resolve().parents[1]
RULED_OUT = (False, False, set())

PLAIN = b'"""Ordinary module."""\n\nimport json\n\n\ndef total(xs):\n    return sum(xs)\n'
# each reason the bytes are not ruled out at once (the prefilter reads their text)
HELD = [
    b"import openai\n",
    b"key = os.environ['OPENAI_API_KEY']\n",
    b"KEY = 'sk-" + b"a" * 20 + b"'\n",
    b"model = 'azure/gpt-4o'\n",
    b'model = "gpt-4o-mini"\n',
    b"model = 'o3-mini'\n",
    b"m = Models.GPT_4O\n",
    b"import litellm\n",
    b"from llama_index.core import Settings\n",
    b"    from langchain_openai import ChatOpenAI\n",
    b"import requests  # migrate-llm: ignore\n",
    b"x = 1\rimport openai\r",  # old Mac line endings
    b"# -*- coding: latin-1 -*-\nx = 1\n",
    b"x = '\xc3\xa9'\n",  # not ASCII
    b"x = 1\n\x00\n",
]


def _filters(switching: bool) -> dict[str, Prefilter]:
    return prefilters(load_registry().openai, switching)


def _screened(filters: dict[str, Prefilter], kind: str, data: bytes, unused: bool) -> object:
    try:
        text = text_of(data, FORMATS[kind].coding_cookie)
    except UnreadableFile:
        return "unreadable"
    return screened(filters, kind, text, unused)


def _samples() -> list[tuple[str, bytes]]:
    found = [("python", p.read_bytes()) for p in sorted((ROOT / "src").rglob("*.py"))]
    found += [("python", p.read_bytes()) for p in sorted((ROOT / "tests").rglob("*.py"))[:400]]
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_trees import big_file
    finally:
        sys.path.pop(0)
    found.append(("python", big_file(300).encode()))
    for data in (PLAIN, *HELD):
        found += [("python", data), ("setup.py", data), ("shell", data)]
        cells = [{"cell_type": "code", "source": data.decode("latin-1").splitlines(True)}]
        found.append(("notebook", json.dumps({"cells": cells}).encode()))
    found += [
        ("toml", b'[project]\ndependencies = ["requests>=2"]\n'),
        ("toml", b'[project]\ndependencies = ["openai<1"]\n'),
        ("yaml", b"model: gpt-4o\n"),
        ("yaml", b"name: service\nreplicas: 2\n"),
        ("requirements", b"requests==2.31\n"),
        ("requirements", b"openai==0.28\n"),
        ("javascript", b"const x = 1;\n"),
        ("javascript", b"import OpenAI from 'openai';\n"),
        ("dotenv", b"OPENAI_API_KEY=sk-" + b"a" * 20 + b"\n"),
        ("dotenv", b"DEBUG=1\n"),
    ]
    return found


@pytest.mark.parametrize("switching", [False, True])
@pytest.mark.parametrize("unused", [False, True])
def test_bytes_ruled_out_are_those_screened_out(switching, unused):
    filters = _filters(switching)
    wrong, ruled = [], 0
    for kind, data in _samples():
        if FORMATS[kind].binary or not ruled_out(filters, kind, data, unused):
            continue
        ruled += 1
        if _screened(filters, kind, data, unused) != RULED_OUT:
            wrong.append((kind, data[:80]))
    assert wrong == []
    assert ruled > 100  # most modules of this repository hold no anchor


@pytest.mark.parametrize("data", HELD)
def test_bytes_that_hold_a_reason_are_screened_as_text(data):
    filters = _filters(True)
    assert not ruled_out(filters, "python", data, True)


def test_a_plain_module_is_ruled_out_from_its_bytes():
    filters = _filters(False)
    assert ruled_out(filters, "python", PLAIN, False)
    assert _screened(filters, "python", PLAIN, False) == RULED_OUT
    # a suppression comment is reason enough to read it where unused ones are reported
    marked = PLAIN + b"x = 1  # migrate-llm: ignore\n"
    assert ruled_out(filters, "python", marked, False)
    assert not ruled_out(filters, "python", marked, True)


def test_an_expression_matching_bytes_otherwise_reads_the_text():
    """`\\s` matches the separators \\x1c to \\x1f in a text, not in bytes: a prefilter with
    such an expression does not rule out bytes."""
    spaced = Prefilter(
        (("openai", None),), ("openai",), framework_imports=(Expression(r"import\s+(x)"),)
    )
    data = b"import\x1cx\n"
    assert not spaced.rules_out(data)
    assert spaced.frameworks_imported(data.decode("ascii")) == {"x"}
    plain = Prefilter(
        (("openai", None),), ("openai",), framework_imports=(Expression(r"import[ \t]+(x)"),)
    )
    assert plain.rules_out(data)
    assert not plain.rules_out(b"import x\n")
