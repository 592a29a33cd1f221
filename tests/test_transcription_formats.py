"""The audio files a provider's transcription API takes (`[params] transcription_formats`,
`transcription_max_mb`, `transcription_max_seconds`): ML101 names them at a transcription
request (t50c: the bot sent Telegram's .oga voice notes to Zhipu, which takes .wav and .mp3);
a provider whose file lists none keeps its plain words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from migrate_llm.errors import ProviderError
from migrate_llm.registry import parse_provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .test_providers import minimal

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n"
WHY = (
    "providers/zhipu.toml: transcription (glm-asr-2512) is on Z.ai's API reference; the "
    "BigModel (cn) page was not read, and speech is in the SDKs only"
)
ZHIPU_DOUBT = f"Zhipu AI (GLM)'s audio support is partial ({WHY})"
ZHIPU_TAKES = (
    "Zhipu AI (GLM) transcribes .wav and .mp3 files only, of at most 25 MB and 30 seconds: "
    "convert other audio to one of them and split longer audio before this call"
)
DOCS = "(see https://docs.bigmodel.cn/cn/guide/develop/openai/introduction)"


def calls(registry, provider, text: str) -> list[tuple[str, str, str, str, dict]]:
    """(rule, severity, fix, message, data) of the ML101/ML102 findings."""
    if isinstance(provider, str):
        provider = registry.get(provider)
    ctx = RuleContext(registry, provider)
    return [
        (f.rule, f.severity.value, f.fix.value, f.message, dict(f.data))
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in ("ML101", "ML102")
    ]


@pytest.mark.parametrize(
    "path",
    ["audio.transcriptions.create", "audio.translations.create"],
)
def test_a_transcription_request_names_the_formats_zhipu_takes(registry, path):
    [found] = calls(registry, "zhipu", CLIENT + f'client.{path}(model="whisper-1", file=f)\n')
    assert found == (
        "ML101",
        "warning",
        "manual",
        f"{path}() through an OpenAI client; {ZHIPU_DOUBT}; {ZHIPU_TAKES}, then test it {DOCS}",
        {
            "surface": "audio",
            "call": path,
            "unconfirmed": WHY,
            "audio_formats": ["wav", "mp3"],
        },
    )


def test_speech_keeps_the_plain_words(registry):
    # a client whose only request is text-to-speech, which Zhipu serves with no model, stays
    # on OpenAI (ML001, t68a): the call is told so, not asked to be tested on Zhipu
    [found] = calls(registry, "zhipu", CLIENT + 'client.audio.speech.create(model="tts-1")\n')
    assert found[3] == (
        f"audio.speech.create() through an OpenAI client; {ZHIPU_DOUBT}; apply leaves its "
        "client on OpenAI (ML001), so this call still goes there"
    )
    assert "audio_formats" not in found[4]
    # beside a chat request the client moves, and the speech call keeps the plain words
    both = CLIENT + 'client.chat.completions.create(model="gpt-4o", messages=[])\n'
    found = calls(registry, "zhipu", both + 'client.audio.speech.create(model="tts-1")\n')[-1]
    assert found[3] == (
        f"audio.speech.create() through an OpenAI client; {ZHIPU_DOUBT}; test this call {DOCS}"
    )


def test_the_module_level_client_names_them_too(registry):
    text = 'import openai\n\nopenai.audio.transcriptions.create(model="whisper-1", file=f)\n'
    [found] = calls(registry, "zhipu", text)
    assert found[:3] == ("ML102", "warning", "manual")
    assert f"; {ZHIPU_TAKES}, then test it {DOCS}" in found[3]
    assert found[4]["audio_formats"] == ["wav", "mp3"]


def test_a_served_api_with_formats_is_a_warning_left_to_a_person(registry):
    zhipu = registry.get("zhipu")
    served = replace(
        zhipu,
        supports={**zhipu.supports, "audio": True},
        uncertain={k: v for k, v in zhipu.uncertain.items() if k != "supports.audio"},
        params={
            **{k: v for k, v in zhipu.params.items() if not k.startswith("transcription_max")},
            "transcription_formats": ["flac"],
        },
    )
    [found] = calls(registry, served, CLIENT + "client.audio.transcriptions.create(file=f)\n")
    assert found[1:4] == (
        "warning",
        "manual",
        "audio.transcriptions.create() through an OpenAI client; supported by Zhipu AI (GLM); "
        "Zhipu AI (GLM) transcribes .flac files only: convert other audio to it before this "
        "call, by hand",
    )


def test_a_provider_whose_file_lists_no_formats_keeps_its_note(registry):
    qwen = registry.get("qwen")
    assert "transcription_formats" not in qwen.params
    served = replace(qwen, supports={**qwen.supports, "audio": True}, uncertain={})
    [found] = calls(registry, served, CLIENT + "client.audio.transcriptions.create(file=f)\n")
    assert found[1:4] == (
        "note",
        "none",
        "audio.transcriptions.create() through an OpenAI client; supported by Alibaba Qwen "
        "(DashScope / Model Studio)",
    )


def test_zhipus_file_gives_its_formats_with_a_source_and_doubt(registry):
    zhipu = registry.get("zhipu")
    assert zhipu.params["transcription_formats"] == ["wav", "mp3"]
    assert (zhipu.params["transcription_max_mb"], zhipu.params["transcription_max_seconds"]) == (
        25,
        30,
    )
    assert zhipu.is_uncertain("params", "transcription_formats")
    assert {s.kind for s in zhipu.source_of("params", "transcription_formats")} == {"official"}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("transcription_formats", [".wav"]),
        ("transcription_formats", []),
        ("transcription_max_mb", 0),
        ("transcription_max_seconds", "30"),
    ],
)
def test_a_bad_transcription_limit_is_refused(key, value):
    with pytest.raises(ProviderError, match=rf"^x\.toml: params\.{key}: expected a"):
        parse_provider(minimal(params={key: value}), "x.toml")
