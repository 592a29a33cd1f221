"""`module_requests.may_request`: which bytes may make a request through openai's module
client (two searches, each starting with its literal)."""

from __future__ import annotations

import pytest

from migrate_llm.module_requests import may_request


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"openai.chat.completions.create()", True),
        (b"(openai.embeddings.create(", True),
        (b"x = openai . beta . assistants", True),
        (b"\nopenai\n.\nchat\n.", True),
        (b"import openai as oai\n", True),
        (b"  import \t openai as\n", True),
        (b"x.openai.chat.completions", False),  # an attribute named openai
        (b"my_openai.chat.completions", False),
        (b"openai.chatty.x", False),  # not a resource of the client
        (b"openai.chat", False),  # no attribute after the resource
        (b"reimport openai as x", False),
        (b"import openai asx", False),
        (b"import openai\n", False),
        (b"", False),
    ],
)
def test_may_request(data: bytes, expected: bool) -> None:
    assert may_request(data) is expected
