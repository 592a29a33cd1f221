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
    "import asyncio",
    "import json",
    "from unittest.mock import patch",
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
    # openai<1.0 shapes whose results flow on: a helper, gathered coroutines, serialisation,
    # a test double
    "def ask(q):\n    return openai.ChatCompletion.create(model='gpt-4', messages=q)",
    'answer = ask([])["choices"][0]["message"]["content"]',
    "async def many(qs):\n    return await asyncio.gather("
    "*[openai.ChatCompletion.acreate(model='gpt-4', messages=q) for q in qs])",
    'first = asyncio.run(many([[]]))[0]["choices"][0]["message"].get("content", "")',
    "dumped = json.dumps(resp)",
    "@patch('openai.ChatCompletion.create')\ndef test_reply(create):\n    create.return_value = {}",
    # this session's shapes: exception attributes, f-strings, side_effect lists, aliases,
    # a model taken by position
    "try:\n    pass\nexcept openai.error.RateLimitError as e:\n"
    "    code = e.http_status, e.json_body['error'], e.headers",
    'shown = f"reply: {resp}"',
    "@patch('openai.Completion.create', side_effect=[{'choices': []}, KeyError])\n"
    "def test_twice(create):\n    pass",
    "reply = fn(engine='text-davinci-003', prompt='x')['choices'][0]['text']",
    "heard = openai.Audio.transcribe('whisper-1', audio)",
]


# What a statement needs imported to be a program that runs (no unbound names).
NEEDS = {
    "os.": "import os",
    "openai.": "import openai",
    "oa.": "import openai as oa",
    "OpenAI(": "from openai import OpenAI, AsyncOpenAI",
    "ChatCompletion.": "from openai import ChatCompletion",
    "requests.": "import requests",
    "asyncio.": "import asyncio",
    "json.": "import json",
    "@patch(": "from unittest.mock import patch",
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
    # a statement of several lines (a function) is indented as a whole
    indented = [s.replace("\n", "\n    ") for s in body]
    if shape == "module":
        lines += body
    elif shape == "function":
        lines += ["def run(org=None, proxy=None):"] + [f"    {s}" for s in indented]
    elif shape == "if":
        lines += ["if __name__ == '__main__':"] + [f"    {s}" for s in indented]
    elif shape == "try":
        lines += ["try:"] + [f"    {s}" for s in indented]
        lines += ["except openai.error.RateLimitError:", "    pass"]
    else:
        lines += ["async def run():", "    r = await openai.ChatCompletion.acreate(model='gpt-4')"]
        lines += [f"    {s}" for s in indented]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return "\n".join(lines).replace("\n", newline) + newline


# One scanner per target for the whole run, as the engine keeps one per process.
SCANNERS: dict[str, FileScanner] = {}


# One test per target, so that the test runners (pytest-xdist) share the work; 15 programs
# each, 45 in all (the shapes are also covered one by one in the rule tests).
@pytest.mark.parametrize("provider", ["openai", "acme", "zhipu"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
