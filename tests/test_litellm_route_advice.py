"""ML640's advice for a litellm call whose model is chosen at run time says one thing per
route (t67f, OpenHands' `LLM(config).completion` on MiniMax): on a provider's own route, give
its key and base URL under that route's test, `openai/...` with your api_base being another
route; for a provider without one, litellm's openai/ route with the provider's api_base and
its models there, `openai/...` going to OpenAI only without an api_base."""

from __future__ import annotations

import pytest

from .cli_findings import finding_rows, run_json, write_here

APP = """import os

import litellm


class LLM:
    def __init__(self, config):
        self.config = config

    def completion(self, messages):
        return litellm.completion(
            model=self.config.model,
            api_key=os.environ["KEY"],
            messages=messages,
        )


def plain(name, messages):
    return litellm.completion(model=name, messages=messages)
"""
MINIMAX_KEY = 'api_key=os.environ["MINIMAX_API_KEY"]'
MINIMAX_BASE = 'api_base=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1")'
MINIMAX_MODELS = "MiniMax-M3, MiniMax-M2.5, MiniMax-M2.5-highspeed, MiniMax-M2.7"
MOONSHOT_KEY = 'api_key=os.environ["MOONSHOT_API_KEY"]'
MOONSHOT_BASE = 'api_base=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")'
MOONSHOT_NOTE = (
    " (as apply's edits write them; litellm's moonshot/ route reads MOONSHOT_API_BASE itself "
    "only where a call passes no api_base)"
)


@pytest.mark.parametrize(
    ("provider", "key", "messages"),
    [
        (
            "minimax",
            "MINIMAX_API_KEY",
            [
                "litellm.completion() takes its model from `self.config.model` at run time and "
                "is given MiniMax's key whatever that model is: a model on another of litellm's "
                f"routes (`ollama/...`, `anthropic/...`) would take it to its host; give "
                f"{MINIMAX_KEY} and {MINIMAX_BASE} only where the model is on openai/ (`if "
                'self.config.model.startswith("openai/"):`; litellm sends an openai/ model to '
                "the api_base given), and write MiniMax's models there ("
                + ", ".join(f"openai/{m}" for m in MINIMAX_MODELS.split(", "))
                + "), by hand",
                "litellm.completion() takes its model from `name` at run time: an OpenAI model "
                "there (`gpt-4o`, `openai/...` without an api_base) goes to OpenAI with "
                f"OPENAI_API_KEY; for MiniMax give it openai/<model> ({MINIMAX_MODELS}) and, "
                'only where the model is on that route (`if name.startswith("openai/"):`: '
                f"another route would take them to its host), {MINIMAX_KEY} and "
                f"{MINIMAX_BASE}, by hand",
            ],
        ),
        (
            "moonshot",
            "MOONSHOT_API_KEY",
            [
                "litellm.completion() takes its model from `self.config.model` at run time and "
                "is given Moonshot AI (Kimi)'s key whatever that model is: a model on another "
                "of litellm's routes (`ollama/...`, `openai/...` with your api_base) would take "
                f"it to its host; give {MOONSHOT_KEY} and {MOONSHOT_BASE} only where the model "
                'is on moonshot/ (`if self.config.model.startswith("moonshot/"):`)'
                f"{MOONSHOT_NOTE}, by hand",
                "litellm.completion() takes its model from `name` at run time: an OpenAI model "
                "there (`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY; for Moonshot "
                "AI (Kimi) give it moonshot/<model> (kimi-k2.6, kimi-k3) and, only where the "
                'model is on that route (`if name.startswith("moonshot/"):`: another route '
                f"would take them to its host), {MOONSHOT_KEY} and {MOONSHOT_BASE}"
                f"{MOONSHOT_NOTE}, by hand",
            ],
        ),
    ],
)
def test_each_route_gets_one_advice(tmp_path, monkeypatch, provider, key, messages):
    write_here(tmp_path, monkeypatch, {"app.py": APP.replace("KEY", key)})
    code, report = run_json("scan", "app.py", "--provider", provider)
    assert code == 0
    rows = finding_rows(report, "line", "severity", "fix", "message", rules={"ML640"})
    assert rows == [(13, "warning", "manual", messages[0]), (19, "warning", "manual", messages[1])]
