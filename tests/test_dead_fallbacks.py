"""A fallback that never runs is no fix (t41a D9, t41c D5): a base URL the module shows is
always set gets no `or <provider URL>` (ML003, ML402), and an OpenAI URL beside a key whose
code names OpenAI is left with it (ML402). Exact messages, text left as it is."""

from __future__ import annotations

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def migrate(registry, text, provider="acme"):
    """(findings as tuples, text after apply); asserts a second run has nothing to edit."""
    ctx = RuleContext(registry, registry.get(provider))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    rows = [(f.line, f.column, f.rule, f.severity.value, f.fix.value, f.message) for f in found]
    return rows, after


def test_a_client_base_url_from_a_table_entry_gets_no_dead_fallback(registry):
    # gpt_academic: `base_url or os.environ.get("DASHSCOPE_BASE_URL", ...)` never ran
    text = (
        "from openai import OpenAI\n\n\n"
        "def embed(kw, table):\n"
        '    base_url = table[kw["model"]]["endpoint"].replace("embeddings", "")\n'
        '    return OpenAI(api_key=kw["api_key"], base_url=base_url)\n'
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        (
            6,
            12,
            "ML003",
            "warning",
            "manual",
            "OpenAI() takes its base URL from `base_url` at run time (always set: the result of "
            ".replace(); no fallback is added, it would never run) and its key from "
            '`kw["api_key"]` (OPENAI_API_KEY when that is None); make sure they are Acme '
            "Cloud's (https://api.acme.example/v1, the key from ACME_API_KEY) in place of OpenAI's"
            "; a server of your own needs no change",
        )
    ]


def test_an_openai_url_after_a_value_always_set_is_not_switched(registry):
    text = (
        "import os\n\nfrom pydantic import BaseModel, Field\n\nfrom rag import Thing\n"
        'TABLE = {"a": {"url": "http://10.0.0.2/v1/embeddings"}}\n\n\n'
        "class S(BaseModel):\n"
        '    api_base: str = Field("http://localhost:8000/v1")\n\n\n'
        "s = S()\n"
        'a = Thing(api_base=s.api_base or "https://api.openai.com/v1")\n'
        'base = TABLE["a"]["url"].replace("embeddings", "")\n'
        'b = Thing(api_base=base or "https://api.openai.com/v1")\n'
        'c = Thing(api_base=os.getenv("BASE") or "https://api.openai.com/v1")\n'
    )
    rows, after = migrate(registry, text)
    assert rows == [
        (
            14,
            34,
            "ML402",
            "note",
            "none",
            "OpenAI URL https://api.openai.com/v1 as the fallback of `s.api_base`, which is "
            "always set (the default of the field api_base): it never runs; left (that value is "
            "reported where it is OpenAI's)",
        ),
        (
            16,
            28,
            "ML402",
            "warning",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the fallback "
            "of `base`, which is always set (the result of .replace()), so it never runs; make "
            "sure `base` names Acme Cloud (https://api.acme.example/v1, with the key from "
            "ACME_API_KEY) where that value is set, by hand",
        ),
        (
            17,
            41,
            "ML402",
            "warning",
            "safe",
            "hard-coded OpenAI URL https://api.openai.com/v1; Acme Cloud's base URL replaces it",
        ),
    ]
    assert after == text.replace(
        'or "https://api.openai.com/v1")\n', 'or "https://api.acme.example/v1")\n'
    ).replace(
        'a = Thing(api_base=s.api_base or "https://api.acme.example/v1")',
        'a = Thing(api_base=s.api_base or "https://api.openai.com/v1")',
    ).replace(
        'b = Thing(api_base=base or "https://api.acme.example/v1")',
        'b = Thing(api_base=base or "https://api.openai.com/v1")',
    )


def test_an_openai_url_beside_a_key_named_for_openai_is_left_with_it(registry):
    # private-gpt's factories: the URL went to Zhipu, `self.openai_settings.api_key` with it
    text = (
        "from .patched import PatchedOpenAILLM\n\n\n"
        "class Factory:\n"
        "    def __init__(self, openai_settings):\n"
        "        self.openai_settings = openai_settings\n\n"
        "    def create(self):\n"
        "        return PatchedOpenAILLM(\n"
        '            api_base=self.openai_settings.api_base or "https://api.openai.com/v1",\n'
        "            api_key=self.openai_settings.api_key,\n"
        "        )\n"
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        (
            10,
            55,
            "ML402",
            "warning",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched alone, it "
            "would take the key beside it (line 11, `self.openai_settings.api_key`, which names "
            "OpenAI: most likely its key) to Acme Cloud. Point both at Acme Cloud together: "
            "base URL https://api.acme.example/v1, key from ACME_API_KEY",
        )
    ]


def test_a_string_method_on_a_value_that_may_be_empty_still_falls_back(registry):
    # chatgpt-on-wechat (t42c D4): `"".rstrip("/")` is falsy, so the URL after `or` runs;
    # left OpenAI's while the key became the provider's, that key went to api.openai.com
    text = (
        "import os\n\n\ndef build(conf):\n"
        '    key = conf.get("key") or os.environ.get("OPENAI_API_KEY")\n'
        '    base = (conf.get("base") or os.environ.get("OPENAI_API_BASE", "")).rstrip("/")\n'
        '    return key, base or "https://api.openai.com/v1"\n'
    )
    rows, after = migrate(registry, text)
    assert after == (
        "import os\n\n\ndef build(conf):\n"
        '    key = conf.get("key") or os.environ.get("ACME_API_KEY")\n'
        '    base = (conf.get("base") or os.environ.get("ACME_BASE_URL", "")).rstrip("/")\n'
        '    return key, base or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
    )
    assert [row[2:5] for row in rows] == [
        ("ML401", "warning", "safe"),
        ("ML401", "warning", "safe"),
        ("ML402", "warning", "safe"),
    ]
    empty = text.replace('base = (conf.get("base") or ', 'base = (conf.get("base", "") or ')
    assert migrate(registry, empty)[1] == after.replace(
        'conf.get("base") or', 'conf.get("base", "") or'
    )
    # a table's entry with a path is never empty: its fallback stays a note or a warning
    kept = text.replace('os.environ.get("OPENAI_API_BASE", "")', 'os.environ["OPENAI_API_BASE"]')
    assert 'base or "https://api.openai.com/v1"' in migrate(registry, kept)[1]
