"""End to end with the real litellm (marker `frameworks`): a key given as `api_token=` beside
`openai/gpt-4o-mini` (crawl4ai's LLMConfig pattern, t66e). The loopback server stands for
api.openai.com (litellm's OpenAI route, through OPENAI_BASE_URL). As apply wrote it before
(the read renamed), the provider's key reached OpenAI's route; as apply leaves it now, the
request to OpenAI's route carries OpenAI's key, and the provider's key goes nowhere."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded

pytestmark = pytest.mark.frameworks

SETTINGS = (
    "from litellm import completion\n\n\n"
    "class Settings:\n"
    "    def __init__(self, model, api_token=None, base_url=None):\n"
    "        self.model = model\n"
    "        self.api_token = api_token\n"
    "        self.base_url = base_url\n\n\n"
    "def complete(model, prompt, key, base_url=None):\n"
    '    messages = [{"role": "user", "content": prompt}]\n'
    "    return completion(model=model, messages=messages, api_key=key, base_url=base_url)\n\n\n"
    "def ask(settings, prompt):\n"
    "    return complete(settings.model, prompt, settings.api_token, base_url=settings.base_url)\n"
)
MAIN = (
    "import os\n\nfrom settings import Settings, ask\n\n"
    'reply = ask(Settings("openai/gpt-4o-mini", api_token=os.getenv("OPENAI_API_KEY")), "hi")\n'
    "print(reply.choices[0].message.content)\n"
)


ENV = {
    "OPENAI_API_KEY": "sk-openai-test",
    "ARK_API_KEY": "ark-test-key",
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
}


def _left_and_run(server, tmp_path, monkeypatch, main: str) -> dict[str, str]:
    """Apply for Doubao to settings.py and `main`, which apply leaves (check stays red), then
    run it: its one request reaches OpenAI's stand-in with OpenAI's key. The env it ran with."""
    pytest.importorskip("litellm")
    (tmp_path / "settings.py").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "main.py").write_text(main, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "doubao", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "main.py").read_text(encoding="utf-8") == main
    assert CliRunner().invoke(app, ["check", ".", "--provider", "doubao"]).exit_code == 1
    # litellm's OpenAI route reaches OpenAI's stand-in through OPENAI_BASE_URL
    env = {**ENV, "OPENAI_BASE_URL": server.base + "/v1"}
    proc, blocked = run_guarded("main.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    (request,) = server.requests
    assert (request.path, request.headers["authorization"], request.body["model"]) == (
        "/v1/chat/completions",
        "Bearer sk-openai-test",
        "gpt-4o-mini",
    )
    return env


def test_the_provider_key_does_not_reach_openais_route(server, tmp_path, monkeypatch):
    env = _left_and_run(server, tmp_path, monkeypatch, MAIN)
    # what apply wrote before: the read renamed, the provider's key sent to OpenAI's route
    renamed = MAIN.replace("OPENAI_API_KEY", "ARK_API_KEY")
    (tmp_path / "main.py").write_text(renamed, encoding="utf-8")
    proc, blocked = run_guarded("main.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    request = server.requests[-1]
    assert (request.path, request.headers["authorization"]) == (
        "/v1/chat/completions",
        "Bearer ark-test-key",
    )


POSITIONAL = (
    "import os\n\nfrom settings import Settings, ask\n\n\n"
    "def extract(provider, api_token=None):\n"
    '    return ask(Settings(provider, api_token=api_token), "hi")\n\n\n'
    'reply = extract("openai/gpt-4o-mini", os.getenv("OPENAI_API_KEY"))\n'
    "print(reply.choices[0].message.content)\n"
)


def test_a_key_given_by_position_does_not_reach_openais_route(server, tmp_path, monkeypatch):
    """t66g: the model and the key given to the module's own function by position
    (crawl4ai's `extract_structured_data_using_llm("openai/gpt-4o", os.getenv(...))`)."""
    _left_and_run(server, tmp_path, monkeypatch, POSITIONAL)
