"""apply names the clients it left on OpenAI because their only requests are APIs the provider
does not serve: they still need OpenAI's key, and the SDK refuses to build one without it
(gpt-discord-bot's moderation client stopped the bot at import where only the provider's
variables were set, t49h)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .apply_summary import summary_lines

MODERATION = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef check(text):\n"
    "    return client.moderations.create(input=text)\n"
)
CHAT = (
    'import os\n\nfrom openai import OpenAI\n\nchat = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n'
    'chat.chat.completions.create(model="glm-4-flash", messages=[])\n'
)


def lines(tmp_path, monkeypatch, files):
    return summary_lines(tmp_path, monkeypatch, files, "zhipu")


def test_a_client_left_on_openai_is_named_before_the_next_step(tmp_path, monkeypatch):
    out = lines(tmp_path, monkeypatch, {"moderation.py": MODERATION, "bot.py": CHAT})
    assert out[-2] == (
        "Still on OpenAI: keep OPENAI_API_KEY set to an OpenAI key for the client apply left "
        "there, whose only requests are moderations, which Zhipu AI (GLM) does not serve: "
        "moderation.py:3:10; without it the SDK refuses to build the client."
    )
    assert out[-1].startswith("Next: ")
    assert (tmp_path / "moderation.py").read_text(encoding="utf-8") == MODERATION


def test_no_client_left_no_line(tmp_path, monkeypatch):
    out = lines(tmp_path, monkeypatch, {"bot.py": CHAT})
    assert not any(line.startswith("Still on OpenAI") for line in out)


def test_the_request_of_a_client_left_on_openai_is_said_to_stay_there(tmp_path, monkeypatch):
    (tmp_path / "moderation.py").write_text(MODERATION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["check", ".", "--provider", "zhipu", "--format", "json"])
    assert done.exit_code == 1
    [ml101] = [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "ML101"]
    assert (ml101["severity"], ml101["fix"]) == ("error", "manual")
    assert ml101["message"].startswith(
        "moderations.create() through an OpenAI client; Zhipu AI (GLM) has no OpenAI-compatible "
        "moderations API; apply leaves its client on OpenAI (ML001), so this call still goes "
        "there (see "
    )


SPEAK = (
    "import openai\n\n\n"
    'def speak(text: str, api_key: str, model: str = "tts-1") -> bytes:\n'
    "    client = openai.OpenAI(api_key=api_key)\n"
    '    response = client.audio.speech.create(model=model, input=text, voice="alloy")\n'
    "    return response.content\n"
)


def test_a_client_left_on_openai_with_a_key_its_caller_passes(tmp_path, monkeypatch):
    """The key comes from the caller (t68f, agentscope's openai_* tools taking `api_key`):
    the line names that parameter, not OPENAI_API_KEY, which the SDK reads only where it is
    None; a caller passing the provider's key to every tool sends it to OpenAI."""
    out = lines(tmp_path, monkeypatch, {"speak.py": SPEAK, "moderation.py": MODERATION})
    assert [line for line in out if line.startswith("Still on OpenAI")] == [
        "Still on OpenAI: keep OPENAI_API_KEY set to an OpenAI key for the client apply left "
        "there, whose only requests are moderations, which Zhipu AI (GLM) does not serve: "
        "moderation.py:3:10; without it the SDK refuses to build the client. The client apply "
        "left there, whose only requests are text-to-speech, which Zhipu AI (GLM) does not "
        "serve (speak.py:5:14), takes the key from `api_key` (speak.py:4, the parameter): it "
        "must hold an OpenAI key (the SDK reads OPENAI_API_KEY only where it is None); a Zhipu "
        "AI (GLM) key passed there goes to OpenAI."
    ]
    assert (tmp_path / "speak.py").read_text(encoding="utf-8") == SPEAK


def test_only_a_client_with_a_given_key_left(tmp_path, monkeypatch):
    out = lines(tmp_path, monkeypatch, {"speak.py": SPEAK})
    assert [line for line in out if line.startswith("Still on OpenAI")] == [
        "Still on OpenAI: the client apply left there, whose only requests are text-to-speech, "
        "which Zhipu AI (GLM) does not serve (speak.py:5:14), takes the key from `api_key` "
        "(speak.py:4, the parameter): it must hold an OpenAI key (the SDK reads OPENAI_API_KEY "
        "only where it is None); a Zhipu AI (GLM) key passed there goes to OpenAI."
    ]
