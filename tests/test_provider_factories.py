"""The functions whose returns may hand back a constructed client (`_may_return_made`), read
with Python's own parser before libcst reads a module for factories."""

from __future__ import annotations

import ast

from migrate_llm.provider_factories import _may_return_made

SOURCE = """
def make():
    return OpenAI()


def named():
    client = OpenAI()
    return client


def other():
    return {"a": 1}


def bare():
    return


async def outer():
    def inner():
        return build()

    return inner.value


class Holder:
    def method(self):
        if True:
            return self.client
        return factory(self)


return_at_top = [x for x in ()]
"""


def test_the_innermost_function_holding_a_return_of_a_call_or_a_name() -> None:
    assert _may_return_made(ast.parse(SOURCE)) == {"make", "named", "inner", "method"}


def test_a_module_without_functions_has_none() -> None:
    assert _may_return_made(ast.parse("client = OpenAI()\nvalue = client\n")) == set()


def test_each_framework_trigger_holds_no_other_entry_of_its_module_whole() -> None:
    """An entry holding all the parts of another adds nothing (`llms.openai.OpenAI` beside
    `llms.OpenAI`): `trigger_names` keeps only the shorter one."""
    from migrate_llm.frameworks.modules import trigger_names

    found = trigger_names()
    assert found["llama_index"]
    for entries in found.values():
        sets = [frozenset(e) for e in entries]
        assert not [(a, b) for a in sets for b in sets if a < b]
