"""Property: on any program built from OpenAI-using pieces, `apply` gives valid Python, and a
second run changes nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

IMPORTS = [
    "import openai",
    "import openai as oa",
    "from openai import OpenAI, AsyncOpenAI",
    "from openai import ChatCompletion",
    "from openai.error import RateLimitError, InvalidRequestError",
    "import os",
    "import requests",
]
STATEMENTS = [
    'openai.api_key = os.getenv("OPENAI_API_KEY")',
    'openai.api_base = "https://api.openai.com/v1"',
    "openai.organization = org",
    "openai.proxy = proxy",
    'openai.api_type = "azure"',
    'resp = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])',
    'text = resp["choices"][0]["message"]["content"]',
    "fn = openai.Completion.create",
    'vec = openai.Embedding.create(input=["a"], engine="text-embedding-ada-002")["data"][0]["embedding"]',
    "client = OpenAI()",
    'client = OpenAI(api_key="sk-0123456789abcdefghijKLMN", timeout=3)',
    'client.chat.completions.create(model="gpt-4o", messages=[])',
    'oa.Image.create(prompt="x")',
    'ChatCompletion.create(model="gpt-4", messages=[])',
    'MODEL = "gpt-4o-mini"',
    'key = os.environ["OPENAI_API_KEY"]',
    'URL = "https://api.openai.com/v1"',
    'requests.post("https://api.openai.com/v1/chat/completions", json={})',
    "x = 1",
    "pass",
]


# What a statement needs imported to be a program that runs (no unbound names).
NEEDS = {
    "os.": "import os",
    "openai.": "import openai",
    "oa.": "import openai as oa",
    "OpenAI(": "from openai import OpenAI, AsyncOpenAI",
    "ChatCompletion.": "from openai import ChatCompletion",
    "requests.": "import requests",
}


@st.composite
def programs(draw) -> str:
    lines = draw(st.lists(st.sampled_from(IMPORTS), max_size=4, unique=True))
    body = draw(st.lists(st.sampled_from(STATEMENTS), min_size=1, max_size=6))
    for statement in [*body, "openai."]:
        for marker, needed in NEEDS.items():
            if marker in statement and needed not in lines:
                lines.append(needed)
    shape = draw(st.sampled_from(["module", "function", "if", "try", "async"]))
    if shape == "module":
        lines += body
    elif shape == "function":
        lines += ["def run(org=None, proxy=None):"] + [f"    {s}" for s in body]
    elif shape == "if":
        lines += ["if __name__ == '__main__':"] + [f"    {s}" for s in body]
    elif shape == "try":
        lines += ["try:"] + [f"    {s}" for s in body]
        lines += ["except openai.error.RateLimitError:", "    pass"]
    else:
        lines += ["async def run():", "    r = await openai.ChatCompletion.acreate(model='gpt-4')"]
        lines += [f"    {s}" for s in body]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


# One scanner per target for the whole run, as the engine keeps one per process.
SCANNERS: dict[str, FileScanner] = {}


# One test per target, so that the test runners (pytest-xdist) share the work; 30 programs
# each, 90 in all.
@pytest.mark.parametrize("provider", ["openai", "acme", "zhipu"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=programs())
def test_apply_output_parses_and_is_a_fixed_point(registry, provider, source):
    scanner = SCANNERS.get(provider)
    if scanner is None:
        scanner = FileScanner(RuleContext(registry, registry.get(provider)), Path("."))
        SCANNERS[provider] = scanner
    first = scanner.migrate_text(source, "python", "app.py", "app.py")
    assert first.error is None, first.error
    ast.parse(first.after)
    second = scanner.migrate_text(first.after, "python", "app.py", "app.py")
    assert second.error is None
    assert second.after == first.after
