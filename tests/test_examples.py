"""A scan of each bundled example project finds exactly what a person would list by hand."""

from __future__ import annotations

import functools
from pathlib import Path

from migrate_llm.engine import ScanOptions, scan

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

EXPECTED = [
    ("chat-app/.env", 3, 1, "ML501"),
    ("chat-app/.env", 4, 1, "ML501"),
    ("chat-app/.env", 4, 17, "ML502"),
    ("chat-app/chat_app/assistant.py", 13, 17, "ML202"),
    ("chat-app/chat_app/assistant.py", 19, 23, "ML001"),
    ("chat-app/chat_app/assistant.py", 29, 20, "ML101"),
    ("chat-app/chat_app/assistant.py", 37, 18, "ML101"),
    ("chat-app/chat_app/assistant.py", 49, 20, "ML101"),
    ("chat-app/chat_app/assistant.py", 63, 17, "ML101"),
    ("chat-app/chat_app/async_worker.py", 14, 22, "ML101"),
    ("chat-app/chat_app/async_worker.py", 15, 15, "ML201"),
    ("chat-app/chat_app/client.py", 15, 12, "ML001"),
    ("chat-app/chat_app/client.py", 16, 17, "ML401"),
    ("chat-app/chat_app/client.py", 17, 18, "ML401"),
    ("chat-app/chat_app/client.py", 17, 52, "ML402"),
    ("chat-app/chat_app/client.py", 25, 12, "ML001"),
    ("chat-app/chat_app/search.py", 27, 20, "ML101"),
    ("chat-app/chat_app/search.py", 27, 51, "ML201"),
    ("chat-app/config.yaml", 8, 10, "ML503"),
    ("chat-app/config.yaml", 9, 20, "ML503"),
    ("legacy-bot/bot/__main__.py", 20, 12, "ML303"),
    ("legacy-bot/bot/__main__.py", 21, 18, "ML401"),
    ("legacy-bot/bot/chat.py", 26, 16, "ML302"),
    ("legacy-bot/bot/chat.py", 27, 19, "ML203"),
    ("legacy-bot/bot/chat.py", 32, 12, "ML303"),
    ("legacy-bot/bot/chat.py", 35, 12, "ML305"),
    ("legacy-bot/bot/chat.py", 39, 18, "ML302"),
    ("legacy-bot/bot/chat.py", 40, 15, "ML201"),
    ("legacy-bot/bot/chat.py", 45, 15, "ML305"),
    ("legacy-bot/bot/chat.py", 49, 18, "ML302"),
    ("legacy-bot/bot/chat.py", 50, 15, "ML201"),
    ("legacy-bot/bot/chat.py", 54, 12, "ML305"),
    ("legacy-bot/bot/completion.py", 10, 12, "ML302"),
    ("legacy-bot/bot/completion.py", 11, 9, "ML304"),
    ("legacy-bot/bot/completion.py", 11, 16, "ML201"),
    ("legacy-bot/bot/completion.py", 17, 12, "ML305"),
    ("legacy-bot/bot/embed.py", 17, 31, "ML202"),
    ("legacy-bot/bot/embed.py", 19, 12, "ML302"),
    ("legacy-bot/bot/embed.py", 19, 12, "ML305"),
    ("legacy-bot/bot/embed.py", 24, 12, "ML302"),
    ("legacy-bot/bot/embed.py", 24, 53, "ML201"),
    ("legacy-bot/bot/embed.py", 25, 13, "ML305"),
    ("legacy-bot/bot/embed.py", 25, 43, "ML305"),
    ("legacy-bot/bot/retry.py", 22, 24, "ML303"),
    ("legacy-bot/bot/retry.py", 26, 25, "ML303"),
    ("legacy-bot/bot/retry.py", 26, 48, "ML303"),
    ("legacy-bot/bot/settings.py", 19, 1, "ML301"),
    ("legacy-bot/bot/settings.py", 19, 18, "ML401"),
    ("legacy-bot/bot/settings.py", 20, 1, "ML301"),
    ("legacy-bot/bot/settings.py", 21, 1, "ML301"),
    ("legacy-bot/bot/settings.py", 21, 23, "ML401"),
    ("legacy-bot/bot/settings.py", 25, 5, "ML301"),
    ("legacy-bot/config.json", 3, 17, "ML502"),
    ("legacy-bot/config.json", 4, 14, "ML503"),
    ("legacy-bot/requirements.txt", 1, 1, "ML504"),
]


@functools.cache
def run(provider=None):
    """The scan of the examples (made once per target: several tests read the same one)."""
    return scan(ScanOptions(paths=(EXAMPLES,), provider=provider, cwd=EXAMPLES))


def test_examples_exact_findings():
    result = run()
    assert result.errors == ()
    assert result.files == 21
    assert [(f.path, f.line, f.column, f.rule) for f in result.findings] == EXPECTED


def test_files_without_openai_usage_have_no_findings():
    paths = {f.path for f in run().findings}
    for quiet in (
        "chat_app/health.py",
        "chat_app/main.py",
        "chat_app/tools.py",
        "requirements.txt",
    ):
        assert f"chat-app/{quiet}" not in paths


def test_provider_scan_names_the_target(registry):
    zhipu = registry.get("zhipu")
    result = run("zhipu")
    by_place = {(f.path, f.line, f.rule): f for f in result.findings}
    model = by_place[("chat-app/chat_app/async_worker.py", 15, "ML201")]
    assert model.message == (
        f"model 'gpt-4o' maps to {zhipu.map_model('gpt-4o')!r} on {zhipu.name}"
    )
    client = by_place[("chat-app/chat_app/client.py", 25, "ML001")]
    assert zhipu.api_key_env in client.message and zhipu.base_url in client.message
    assert result.provider == "zhipu"
    # The fake key in chat-app/.env never shows, masked or not.
    assert not any("EXAMPLEexample" in f.message for f in result.findings)
