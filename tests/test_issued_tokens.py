"""ML404 on a value another service issues at run time (aider's Copilot token exchange stores
GitHub's token in OPENAI_API_KEY for Copilot's endpoint): a note, not an OpenAI key to replace."""

from __future__ import annotations

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

EXCHANGE = """import os


def exchange(headers):
    import requests

    url = "https://api.github.com/copilot_internal/v2/token"
    res = requests.get(url, headers=headers)
    data = res.json()
    token = data.get("token")
    os.environ["OPENAI_API_KEY"] = token
"""


def _ml404(registry, text: str) -> list[tuple[int, str, str, str]]:
    ctx = RuleContext(registry, registry.get("moonshot"))
    return [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML404"
    ]


def test_a_token_from_another_services_api_is_a_note(registry):
    assert _ml404(registry, EXCHANGE) == [
        (
            11,
            "note",
            "none",
            "sets OPENAI_API_KEY to a token the program gets from api.github.com at run time: "
            "that service's, for its own endpoint, not an OpenAI key; left as it is",
        )
    ]


def test_a_value_from_openais_own_api_or_from_input_stays_an_openai_key(registry):
    key_error = (
        "sets OPENAI_API_KEY: the value is an OpenAI key and is not copied to MOONSHOT_API_KEY; "
        "set MOONSHOT_API_KEY from Moonshot AI (Kimi)'s console instead"
    )
    from_openai = EXCHANGE.replace("api.github.com", "api.openai.com")
    assert _ml404(registry, from_openai) == [(11, "error", "manual", key_error)]
    from_argument = EXCHANGE.replace("    token = data.get", "    other = data.get").replace(
        "def exchange(headers):", "def exchange(headers, token):"
    )
    assert _ml404(registry, from_argument) == [(11, "error", "manual", key_error)]
