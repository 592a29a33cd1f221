"""Screening's shortcuts answer as the searches they stand for: a literal looked for by its
rarest characters first (`rare_bytes`), and the facts of a Python module the prefilter rules
out, read from a few words (`run_facts.facts_of`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from migrate_llm.rare_bytes import RARE, literal_search, rare_pair, rarest
from migrate_llm.run_facts import (
    _QUIET_WORDS,
    HOLDS_CONFIG_TABLE,
    IMPORTS_CONFIGURED,
    all_facts,
    facts_of,
)

ROOT = Path(__file__).resolve().parents[1]

TEXTS = [
    "",
    "K",
    "_API_KEY",
    "x = os.environ['OPENAI_API_KEY']",
    "API_KEY",  # the rare characters, not the literal
    "_API_KE",
    "sk-",
    "ask- me",
    "k-s",
    "é _API_KEY",
    "中 sk-proj",
    "litellm.completion(model=m)",
    "lite llm",
    "import scrapegraphai",
    "scrapegraph ai",
]


@pytest.mark.parametrize(
    "literal", ["_API_KEY", "sk-", "litellm", "OPENAI_", "://", "**", "é", "scrapegraphai"]
)
@pytest.mark.parametrize("text", TEXTS)
def test_a_literal_search_finds_what_re_finds(literal, text):
    expected = re.search(re.escape(literal), text)
    found = literal_search(literal)(text)
    assert (found is None) is (expected is None)
    if found is not None and expected is not None:
        assert found.span() == expected.span()
    data, needle = text.encode(), literal.encode()
    expected_bytes = re.search(re.escape(needle), data)
    found_bytes = literal_search(needle)(data)
    assert (found_bytes is None) is (expected_bytes is None)


def test_the_rarest_characters_of_a_literal_come_first():
    assert rarest("_API_KEY") == "YK"
    assert rarest("sk-") == "-k"
    assert rarest("litellm") == ""  # common letters only: searched at once
    assert rare_pair(b"llama_index") == (b"x", b"x")
    assert rare_pair("litellm") == ("", "")
    assert len(set(RARE)) == len(RARE) and "'" not in RARE and '"' not in RARE


def _modules() -> list[bytes]:
    found = [p.read_bytes() for p in sorted((ROOT / "src").rglob("*.py"))]
    found += [p.read_bytes() for p in sorted((ROOT / "tests").rglob("*.py"))]
    return found


# each word the shortcut looks for, written where a fact reads it
WRITTEN = [
    b"import instructor\nclient = instructor.patch(c, mode=instructor.Mode.JSON)\n",
    b"from litellm import completion\ncompletion(model='gpt-4o')\n",
    b"import litellm\nlitellm.completion(model=m)\n",
    b"from smolagents import LiteLLMModel\nm = LiteLLMModel('x')\n",
    b"from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction\n",
    b"client = OpenAI(base_url=u)\n",
    b"url = settings.OPENAI_API_BASE\n",
    b"os.environ[f'{p.upper()}_API_KEY'] = key\n",
    b"class S(BaseSettings):\n    OpenAI_api_key: str\n",
    b"from llama_index.core import Settings\nSettings.llm = make()\n",
    b"model = 'deepseek:deepseek-chat'\n",
    b"class Config(dict):\n    pass\ncfg = Config(p, **DEFAULTS)\n",
    b"BASE = cfg.get('base', 'https://api.example.com/v1')\n",
    *(f"import {module}\n".encode() for module in IMPORTS_CONFIGURED),
]


@pytest.mark.parametrize("data", WRITTEN + [w.replace(b"\n", b"\r\n") for w in WRITTEN])
def test_a_written_fact_word_is_read_as_in_full(data):
    assert facts_of("python", data, False, False, set()) == all_facts(
        "python", data, False, False, set()
    )


def test_the_facts_of_a_module_ruled_out_are_those_read_in_full():
    """Every Python module of this repository, as if the prefilter ruled it out (the
    shortcut's case): the same facts with the shortcut as without."""
    differ = []
    for data in _modules() + WRITTEN:
        if facts_of("python", data, False, False, set()) != all_facts(
            "python", data, False, False, set()
        ):
            differ.append(data[:80])
    assert differ == []


def test_a_module_without_the_words_tells_at_most_a_table():
    data = b"import json\n\n\ndef total(xs):\n    return sum(xs)\n"
    assert not any(word in data for word in _QUIET_WORDS)
    assert facts_of("python", data, False, False, set()) == 0
    table = b"class Config(dict):\n    pass\n\ncfg = Config(path, **DEFAULTS)\n"
    assert facts_of("python", table, False, False, set()) == HOLDS_CONFIG_TABLE
