"""A client whose only requests are text-to-speech, on a provider that names no
text-to-speech model (t68a, agentscope's `openai_text_to_audio`).

Zhipu's file marks audio as partly served (transcription), with no `speech` model: ML202 said
to keep the `tts-1` request on OpenAI, yet ML001 moved its client to Zhipu, where the request
then failed. Such a request now counts as one the provider does not serve
(`RuleContext.unserved_audio`, the test ML202's message makes), so ML001 leaves the client on
OpenAI as it leaves a moderation-only one; ML101 says the call still goes there. With
`--model tts-1=NAME` the request has a model there, and the client moves.
"""

from __future__ import annotations

import json

from .cli_findings import invoke, write

SPEAK = (
    "import openai\n\n\n"
    'def speak(text: str, api_key: str, model: str = "tts-1") -> bytes:\n'
    "    client = openai.OpenAI(api_key=api_key)\n"
    '    response = client.audio.speech.create(model=model, input=text, voice="alloy")\n'
    "    return response.content\n"
)


def test_the_client_stays_on_openai(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"speak.py": SPEAK})
    code, out = invoke("check", "speak.py", "--provider", "zhipu")
    assert (code, out.splitlines()) == (
        1,
        [
            "speak.py:4:49 ML202 default of model = 'tts-1' (used as model= on line 6) is sent "
            "as model= on line 6 through openai.OpenAI() on line 5, which stays on OpenAI: "
            "apply leaves the model too; change them together, by hand",
            "speak.py:5:14 ML001 OpenAI() talks to OpenAI (key from `api_key`); its only "
            "requests are text-to-speech, which Zhipu AI (GLM) does not serve: apply leaves it "
            "(base URL and key); keep it on OpenAI or point it at a provider that serves "
            "text-to-speech, with that provider's key, by hand",
            "2 findings for zhipu in 1 of 1 file; 1 error, 1 warning, 0 note",
        ],
    )
    code, out = invoke("scan", "speak.py", "--provider", "zhipu", "--format", "json")
    ml101 = [f for f in json.loads(out)["findings"] if f["rule"] == "ML101"]
    assert [(f["severity"], f["fix"], f["message"]) for f in ml101] == [
        (
            "note",
            "none",
            "audio.speech.create() through an OpenAI client; Zhipu AI (GLM)'s audio support is "
            "partial (providers/zhipu.toml: transcription (glm-asr-2512) is on Z.ai's API "
            "reference; the BigModel (cn) page was not read, and speech is in the SDKs only); "
            "apply leaves its client on OpenAI (ML001), so this call still goes there",
        )
    ]
    code, out = invoke("apply", ".", "--provider", "zhipu", "--yes", "--allow-dirty")
    assert code == 0, out
    assert (tmp_path / "speak.py").read_bytes() == SPEAK.encode()


def test_a_speech_model_given_by_hand_moves_the_client(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"speak.py": SPEAK})
    args = ("--provider", "zhipu", "--model", "tts-1=glm-tts")
    code, out = invoke("apply", ".", *args, "--yes", "--allow-dirty")
    assert code == 0, out
    after = (tmp_path / "speak.py").read_text(encoding="utf-8")
    assert 'model: str = "glm-tts"' in after
    assert 'os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")' in after
