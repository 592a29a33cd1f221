"""A model setting whose value a raw HTTP request to OpenAI sends, which apply leaves (ML403):
the model stays with the request (t53c D5: ChatPaper's optimizeOpenAI.py mapped its
`model_name` default to deepseek-flash while its only requests were raw POSTs to
api.openai.com)."""

from __future__ import annotations

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

# a wrapper storing its model parameter and posting it to OpenAI, in our words
BOT = """import requests


class Bot:
    def __init__(self, api_key, model_name: str = "gpt-3.5-turbo"):
        self.model_name = model_name
        self.api_key = api_key
        self.session = requests.Session()

    def ask(self, prompt):
        response = self.session.post(
            "https://api.openai.com/v1/chat/completions",
            headers={"Authorization": f"Bearer {self.api_key}"},
            json={"model": self.model_name, "messages": [{"role": "user", "content": prompt}]},
        )
        return response.json()
"""


def rows(found, rule: str):
    return [(f.line, f.fix.value, f.message) for f in found if f.rule == rule]


def test_a_default_posted_to_openai_by_a_request_apply_leaves_is_left(registry):
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = check_python(BOT, ctx, PYTHON_RULES)
    after, _ = migrate_text(BOT, "python", "bot.py", found)
    assert after == BOT
    assert rows(found, "ML204") == [
        (
            5,
            "manual",
            "default of model_name = 'gpt-3.5-turbo' is sent to OpenAI by the raw request on "
            "line 11, which apply leaves unchanged; change the model with the request, by hand",
        )
    ]
    assert [r[:2] for r in rows(found, "ML403")] == [(11, "manual")]


def test_a_default_posted_to_the_providers_url_is_mapped(registry):
    """Sent to the provider's URL (written by hand), the same default maps as before."""
    ctx = RuleContext(registry, registry.get("deepseek"))
    text = BOT.replace("https://api.openai.com/v1", "https://api.deepseek.com")
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "bot.py", found)
    assert 'model_name: str = "deepseek-flash"' in after
    assert [r[:2] for r in rows(found, "ML204")] == [(5, "review")]
