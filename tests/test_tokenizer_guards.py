"""ML207 and the tests that keep a provider's model away from `tiktoken.encoding_for_model()`:
a call in the branch of a test that only OpenAI's model names pass is not reported, before
`apply` or after it (gpt-engineer's token counter); one reachable by any other name still is."""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

HEAD = (
    "import tiktoken\n"
    "\n"
    'CHAT_MODELS = ("gpt-4o", "gpt-4o-mini")\n'
    'SERVED = ["gpt-4o", "acme-large"]\n'
    'WINDOWS = {"gpt-4": 8192, "gpt-4o": 128000}\n'
    "\n"
    "\n"
    "def count(text, name, other):\n"
)


def tokenizer_lines(registry, body: str, provider: str = "acme") -> list[int]:
    """The lines (within `body`, 1-based) where ML207 reports."""
    ctx = RuleContext(registry, registry.get(provider))
    offset = HEAD.count("\n")
    return [
        f.line - offset for f in check_python(HEAD + body, ctx, PYTHON_RULES) if f.rule == "ML207"
    ]


@pytest.mark.parametrize(
    "body",
    [
        # a substring, a prefix, alternatives that each pass OpenAI names only
        '    return tiktoken.encoding_for_model(name) if "gpt" in name else None\n',
        '    return tiktoken.encoding_for_model(name) if name.startswith("gpt-") else None\n',
        "    return (\n"
        "        tiktoken.encoding_for_model(name)\n"
        '        if "gpt-4" in name or "gpt-3.5" in name\n'
        '        else tiktoken.get_encoding("cl100k_base")\n'
        "    )\n",
        '    return name.lower().startswith(("gpt", "o1")) and tiktoken.encoding_for_model(name)\n',
        '    if name.strip().startswith("o1") and len(text) > 10:\n'
        "        return tiktoken.encoding_for_model(name)\n",
        # membership in a collection of OpenAI model ids (a tuple, a dict's keys)
        "    if name in CHAT_MODELS:\n        return tiktoken.encoding_for_model(name)\n",
        "    if name not in WINDOWS:\n        return None\n"
        "    else:\n        return tiktoken.encoding_for_model(name)\n",
        # the `else` of a test that provider names pass, an `elif` that only OpenAI names pass
        '    if not name.startswith("gpt"):\n        return None\n'
        "    else:\n        return tiktoken.encoding_for_model(name)\n",
        '    if "claude" in name:\n        return None\n'
        '    elif name.startswith("gpt-4"):\n        return tiktoken.encoding_for_model(name)\n',
        # past an early `return`, `raise` or `continue` of every other name, in the same block
        # or an outer one of the same function
        '    if not name.startswith("gpt"):\n        return len(text) // 4\n'
        "    return len(tiktoken.encoding_for_model(name).encode(text))\n",
        "    if name not in CHAT_MODELS:\n"
        '        raise ValueError(f"no tokenizer for {name}")\n'
        "    enc = tiktoken.encoding_for_model(name)\n    return len(enc.encode(text))\n",
        "    for part in text:\n"
        '        if not name.lower().startswith("gpt-4"): continue\n'
        "        yield tiktoken.encoding_for_model(name)\n",
        '    if not name.startswith(("gpt", "o1")):\n        return 0\n'
        "    if text:\n        return len(tiktoken.encoding_for_model(name).encode(text))\n",
    ],
)
def test_a_call_only_openai_names_reach_is_silent(registry, body):
    assert tokenizer_lines(registry, body) == []


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        # a collection holding a provider model; a test of another name
        ("    if name in SERVED:\n        return tiktoken.encoding_for_model(name)\n", [2]),
        ('    if "gpt" in other:\n        return tiktoken.encoding_for_model(name)\n', [2]),
        # the branch that a provider name takes
        ('    return tiktoken.encoding_for_model(name) if "gpt" not in name else None\n', [1]),
        ('    return None if name.startswith("gpt") else tiktoken.encoding_for_model(name)\n', [1]),
        # a fragment a provider name holds (acme-large), or one no OpenAI name starts with
        (
            '    if "gpt" in name or "large" in name:\n'
            "        return tiktoken.encoding_for_model(name)\n",
            [2],
        ),
        ('    if "4o" in name:\n        return tiktoken.encoding_for_model(name)\n', [2]),
        # an early exit that provider names pass, or with an `else`, or the name bound again
        # past it, or only in a branch the call is not in
        (
            '    if "gpt" in name:\n        return None\n'
            "    return tiktoken.encoding_for_model(name)\n",
            [3],
        ),
        (
            '    if not name.startswith("gpt"):\n        text = ""\n'
            "    return tiktoken.encoding_for_model(name)\n",
            [3],
        ),
        (
            '    if not name.startswith("gpt"):\n        name = "gpt-4o"\n        return None\n'
            "    name = other\n"
            "    return tiktoken.encoding_for_model(name)\n",
            [5],
        ),
        (
            "    if text:\n"
            '        if not name.startswith("gpt"):\n            return None\n'
            "    return tiktoken.encoding_for_model(name)\n",
            [4],
        ),
        (
            "    def inner(name):\n        return tiktoken.encoding_for_model(name)\n"
            '    if not name.startswith("gpt"):\n        return None\n'
            "    return inner(other)\n",
            [2],
        ),
        # an equality: apply makes it accept the mapped model too (ML205)
        ('    if name == "gpt-4o":\n        return tiktoken.encoding_for_model(name)\n', [2]),
    ],
)
def test_a_call_a_provider_name_can_reach_is_reported(registry, body, lines):
    assert tokenizer_lines(registry, body) == lines


def test_a_prefix_a_providers_own_model_starts_with_is_no_guard(registry):
    # Qwen's embeddings model is `text-embedding-v4`: `text-embedding` lets it through
    body = (
        '    if name.startswith("text-embedding"):\n'
        "        return tiktoken.encoding_for_model(name)\n"
    )
    assert tokenizer_lines(registry, body, "qwen") == [2]
    assert tokenizer_lines(registry, body, "deepseek") == []


def test_scan_and_check_after_apply_agree(registry):
    # the default is sent (ML202 maps it); the guard keeps the mapped one from tiktoken
    text = (
        "import tiktoken\n"
        "from openai import OpenAI\n"
        "\n"
        "client = OpenAI()\n"
        "\n"
        "\n"
        'def ask(text, model="gpt-4o"):\n'
        "    enc = (\n"
        "        tiktoken.encoding_for_model(model)\n"
        '        if "gpt-4" in model\n'
        '        else tiktoken.get_encoding("cl100k_base")\n'
        "    )\n"
        '    client.chat.completions.create(model=model, messages=[{"role": "user", '
        '"content": text}])\n'
        "    return len(enc.encode(text))\n"
    )
    ctx = RuleContext(registry, registry.get("acme"))
    findings = check_python(text, ctx, PYTHON_RULES)
    assert "ML207" not in {f.rule for f in findings}
    after, _ = migrate_text(text, "python", "app.py", findings)
    assert 'def ask(text, model="acme-large"):\n' in after
    assert '        if "gpt-4" in model\n' in after  # left (ML205, manual)
    again = check_python(after, ctx, PYTHON_RULES)
    assert "ML207" not in {f.rule for f in again}
    assert [f for f in again if f.edit is not None] == []
