"""`LiteralBefore`: a literal somewhere before a match of an expression, by two searches
(the one regular expression it replaces was quadratic on a module quoting the literal often)."""

from __future__ import annotations

import random
import re

from migrate_llm.prefilter import LiteralBefore

FIELD = r"\n[ \t]*(?:temperature|max_tokens)\s*[:=]"
LITERAL = '"kimi-k2.6"'
ONE_EXPRESSION = re.compile(re.escape(LITERAL) + r"[\s\S]*?" + FIELD)


def test_search_agrees_with_the_one_expression_on_random_texts():
    pieces = [LITERAL, "\n", "    temperature = 0.7", "max_tokens: int = 256", "x = 1", " "]
    rng = random.Random(64)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        test = LiteralBefore(LITERAL, FIELD)
        assert bool(test.search(text)) == bool(ONE_EXPRESSION.search(text)), repr(text)


def test_finditer_gives_each_literal_before_the_last_field():
    text = f"a = {LITERAL}\n# {LITERAL}\nclass C:\n    temperature = 0.7\nb = {LITERAL}\n"
    starts = [m.start() for m in LiteralBefore(LITERAL, FIELD).finditer(text)]
    assert starts == [text.index(LITERAL), text.index(LITERAL, text.index(LITERAL) + 1)]
    assert list(LiteralBefore(LITERAL, FIELD).finditer(f"a = {LITERAL}\n")) == []


def test_a_module_quoting_the_literal_many_times_with_no_field_is_ruled_out():
    text = f"x = {LITERAL}\n" * 20000
    assert LiteralBefore(LITERAL, FIELD).search(text) is None
    assert LiteralBefore(LITERAL, FIELD).search(text + "    max_tokens = 9\n") is not None
