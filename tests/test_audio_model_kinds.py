"""ML201 on an OpenAI audio model with no mapping: the choices are the provider's models of
the same kind (its file's `speech` or `transcription` tier, `openai_sdk.audio_kind`), not
every audio model: for `tts-1` Zhipu's file names only a speech-to-text model, glm-asr-2512,
which ML201 offered (t67c, quivr's voice examples)."""

from __future__ import annotations

import pytest

from .cli_findings import finding_rows, run_json, write_here

SPEECH = (
    "from openai import OpenAI\n\nclient = OpenAI()\n"
    'speech = client.audio.speech.create(model="{model}", voice="alloy", input="hello")\n'
)
HEARD = (
    "from openai import OpenAI\n\nclient = OpenAI()\n"
    'text = client.audio.transcriptions.create(model="whisper-1", file=open("a.mp3", "rb"))\n'
)


# the client also sends a request Zhipu serves, so apply moves it (a client whose only
# requests are text-to-speech stays on OpenAI: tests/test_unserved_speech_clients.py)
SPEECH_AND_CHAT = SPEECH + (
    'reply = client.chat.completions.create(model="glm-5.3", messages=[])\n'
)


@pytest.mark.parametrize("model", ["tts-1", "gpt-4o-mini-tts"])
def test_no_speech_model_says_so(tmp_path, monkeypatch, model):
    write_here(tmp_path, monkeypatch, {"app.py": SPEECH_AND_CHAT.format(model=model)})
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert code == 1
    assert finding_rows(report, "line", "fix", "message", rules={"ML201"}) == [
        (
            4,
            "manual",
            f"Zhipu AI (GLM) has no mapping for model {model!r}, a text-to-speech model, and its "
            "provider file names no text-to-speech model: keep this request on OpenAI or move "
            f"it to another service (or pass --model {model}=NAME)",
        )
    ]


def test_a_model_of_the_same_kind_is_offered(tmp_path, monkeypatch):
    # an OpenAI transcription model Zhipu's table does not map: its speech-to-text model
    text = HEARD.replace("whisper-1", "gpt-4o-transcribe-diarize")
    write_here(tmp_path, monkeypatch, {"app.py": text})
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert code == 1
    assert finding_rows(report, "fix", "message", rules={"ML201"}) == [
        (
            "manual",
            "Zhipu AI (GLM) has no mapping for model 'gpt-4o-transcribe-diarize'; choose "
            "glm-asr-2512 (speech-to-text) (or pass --model gpt-4o-transcribe-diarize=NAME)",
        )
    ]


def test_a_speech_model_maps_to_the_providers_speech_model(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": SPEECH.format(model="gpt-4o-mini-tts")})
    code, report = run_json("check", ".", "--provider", "siliconflow")
    assert code == 1
    assert finding_rows(report, "fix", "message", rules={"ML201"}) == [
        ("review", "model 'gpt-4o-mini-tts' maps to 'FunAudioLLM/CosyVoice2-0.5B' on SiliconFlow")
    ]


def test_a_transcription_model_keeps_its_mapping(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": HEARD})
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert code == 1
    assert finding_rows(report, "fix", "message", rules={"ML201"}) == [
        ("review", "model 'whisper-1' maps to 'glm-asr-2512' on Zhipu AI (GLM)")
    ]
