"""Library functions that call OpenAI's API themselves (`frameworks.openai_callers`:
SpeechRecognition's Whisper API recognisers): ML670 reports each call, and ML401 leaves a key
read reaching one on OpenAI's key (t64e: apply had renamed it, and the provider's key went to
api.openai.com)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .framework_rewrites import file_findings

STT = (
    "import os\n"
    "import speech_recognition as sr\n\n"
    'API_KEY = os.getenv("OPENAI_API_KEY")\n\n\n'
    "def transcribe(audio: sr.AudioData) -> str:\n"
    "    return sr.Recognizer().recognize_whisper_api(audio, api_key=API_KEY)\n"
)
# RealChar's whisper.py: the key in a SimpleNamespace, read back as an attribute
NAMESPACE = (
    "import os\n"
    "import types\n\n"
    "import speech_recognition as sr\n\n"
    'config = types.SimpleNamespace(**{"api_key": os.getenv("OPENAI_API_KEY")})\n\n\n'
    "class Whisper:\n"
    "    def __init__(self):\n"
    "        self.recognizer = sr.Recognizer()\n\n"
    "    def transcribe(self, audio):\n"
    "        return self.recognizer.recognize_whisper_api(audio, api_key=config.api_key)\n"
)
ML670 = (
    "recognize_whisper_api() is SpeechRecognition's OpenAI Whisper API recogniser: the library "
    "sends the request to api.openai.com itself (audio.transcriptions.create, whisper-1) with "
    "the api_key= it is given, else OPENAI_API_KEY, and takes no base URL argument, so apply "
    "leaves it and its key on OpenAI; "
)
ZHIPU = (
    "for Zhipu AI (GLM) send it with an OpenAI client pointed at Zhipu AI (GLM) (ZAI_API_KEY, "
    'ZAI_BASE_URL): client.audio.transcriptions.create(model="glm-asr-2512", file=...), which '
    "transcribes .wav and .mp3 files only, of at most 25 MB and 30 seconds, or keep this call "
    "on OpenAI with OpenAI's key, by hand"
)


def left(call: str, line: int) -> str:
    return (
        f"reads OPENAI_API_KEY, which goes to {call}() on line {line}, SpeechRecognition's "
        "OpenAI Whisper API recogniser: the library calls OpenAI's API itself "
        "(audio.transcriptions.create, api.openai.com) with the key it is given and takes no "
        "base URL, so given Zhipu AI (GLM)'s key (ZAI_API_KEY) it would send that key to "
        "OpenAI; keep OpenAI's key there, or replace the call by a request to Zhipu AI (GLM) "
        "(ML670 there says how) and then read ZAI_API_KEY, by hand"
    )


def test_the_key_given_to_the_whisper_api_stays_and_the_call_is_reported(registry):
    assert file_findings(registry, STT, "zhipu") == [
        ("ML401", 4, 11, left("sr.Recognizer().recognize_whisper_api", 8)),
        ("ML670", 8, 12, ML670 + ZHIPU),
    ]


def test_a_key_reaching_the_call_through_a_namespace_stays(registry):
    found = file_findings(registry, NAMESPACE, "zhipu")
    assert found == [
        ("ML401", 6, 46, left("self.recognizer.recognize_whisper_api", 14)),
        ("ML670", 14, 16, ML670 + ZHIPU),
    ]


def test_without_a_provider_the_call_names_no_model(registry):
    text = "import speech_recognition as sr\n\nsr.Recognizer().recognize_openai(audio)\n"
    assert file_findings(registry, text, None) == [
        (
            "ML670",
            3,
            1,
            "recognize_openai() is SpeechRecognition's OpenAI Whisper API recogniser: the "
            "library sends the request to api.openai.com itself (audio.transcriptions.create, "
            "whisper-1) with OPENAI_API_KEY, and takes no base URL argument, so apply leaves it "
            "and its key on OpenAI; for another provider send the request with an OpenAI client "
            "pointed at it (its base URL and key), or keep this call on OpenAI with OpenAI's key, "
            "by hand (`migrate-llm scan --provider ID` names its model)",
        )
    ]


def test_another_library_method_of_that_name_is_not_reported(registry):
    text = STT.replace("speech_recognition", "whisperlib")
    assert file_findings(registry, text, "zhipu") == [
        (
            "ML401",
            4,
            11,
            "reads OPENAI_API_KEY; Zhipu AI (GLM)'s key is in ZAI_API_KEY (the OpenAI key is not "
            "copied)",
        )
    ]


def test_apply_leaves_the_file_and_check_stays_red(tmp_path, monkeypatch):
    path = tmp_path / "stt.py"
    path.write_bytes(STT.encode())
    monkeypatch.chdir(tmp_path)
    applied = CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert path.read_bytes() == STT.encode()
    result = CliRunner().invoke(app, ["check", "-p", "zhipu", "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"], f["severity"], f["fix"], f["data"]) for f in found] == [
        ("ML401", 4, "warning", "manual", found[0]["data"]),
        (
            "ML670",
            8,
            "error",
            "manual",
            {
                "library": "SpeechRecognition",
                "function": "recognize_whisper_api",
                "request": "audio.transcriptions.create",
                "variables": ["OPENAI_API_KEY"],
            },
        ),
    ]
    assert found[0]["message"] == left("sr.Recognizer().recognize_whisper_api", 8)


def test_a_module_naming_nothing_else_of_openais_is_read(tmp_path, monkeypatch):
    # the import of speech_recognition and the function's name are enough to parse it
    text = (
        "import speech_recognition as sr\n\n\n"
        "def stt(audio):\n    return sr.Recognizer().recognize_whisper_api(audio)\n"
    )
    (tmp_path / "stt.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 1
    [found] = json.loads(result.stdout)["findings"]
    assert (found["rule"], found["line"], found["column"], found["message"]) == (
        "ML670",
        5,
        12,
        f"{ML670}DeepSeek has no OpenAI-compatible audio API: send it to another service, or "
        "keep this call on OpenAI with OpenAI's key, by hand",
    )
