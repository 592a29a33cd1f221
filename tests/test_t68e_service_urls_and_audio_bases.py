"""ragflow on Qwen (trial t68e): a service's URL and models move together; audio bases stay.

D1: `DEFAULT_URL = {"OpenAI": "https://api.openai.com/v1", "DeepSeek": ...}` was left (an
ML402 note) while models.json's `{"name": "OpenAI", "llm": [{"llm_name": "gpt-4o"}]}` became
`dashscope/qwen4-max`, which the code sent after its own `openai/` to api.openai.com; check
passed. Now the URL entry is a warning where the program names no service of the target's
own, the models of that service are left with it, and a models file the code prefixes with
`openai/` itself gets the bare provider model.
D2: `OpenAITTS(base_url="https://api.openai.com/v1")`, whose only requests are raw
`{base_url}/audio/speech`, was pointed at DashScope (no audio); ML402 now leaves it, as ML001
leaves an SDK client whose only requests DashScope does not serve.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

CHAT = """import litellm

PREFIX = {"OpenAI": "openai/", "DeepSeek": "deepseek/"}
DEFAULT_URL = {"OpenAI": "https://api.openai.com/v1", "DeepSeek": "https://api.deepseek.com"}


def chat(key, model_name, provider, text):
    return litellm.completion(
        model=f"{PREFIX[provider]}{model_name}",
        api_key=key,
        api_base=DEFAULT_URL[provider],
        messages=[{"role": "user", "content": text}],
    )
"""
FACTORIES = '{"factories": [{"name": "OpenAI", "llm": [{"llm_name": "gpt-4o"}]}]}\n'
FLAT = '{"llm": [{"llm_name": "gpt-4o"}]}\n'

URL_WARNING = (
    "OpenAI URL https://api.openai.com/v1 under 'OpenAI' in DEFAULT_URL, a table keyed by "
    "service: OpenAI's URL for OpenAI, but the program names no service of Alibaba Qwen "
    "(DashScope / Model Studio)'s own, so its requests through this entry still go to "
    "OpenAI; change this entry's URL, key and models together, by hand, or, where OpenAI "
    "stays one of the program's services, record that with `# migrate-llm: ignore[ML402]` "
    "at the end of this line"
)
MODEL_LEFT = (
    "gpt-4o is an OpenAI model under 'OpenAI', a service whose URL chat.py gives as OpenAI's "
    "in a table keyed by service, which apply leaves (ML402): a service's URL and its models "
    "move together, so it stays; change it with that URL and key, by hand (it maps to "
    "qwen4-max)"
)

TTS = """import requests


class HTTPTTS:
    def __init__(self, key, model_name, base_url):
        self.key, self.model_name, self.base_url = key, model_name, base_url.rstrip("/")

    def speak(self, text):
        r = requests.post(
            f"{self.base_url}/audio/speech",
            headers={"Authorization": f"Bearer {self.key}"},
            json={"model": self.model_name, "input": text, "voice": "alloy"},
        )
        return r.content


class OpenAITTS(HTTPTTS):
    def __init__(self, key, model_name="tts-1", base_url="https://api.openai.com/v1"):
        if not base_url:
            base_url = "https://api.openai.com/v1"
        super().__init__(key, model_name, base_url)
"""
AUDIO_LEFT = (
    "hard-coded OpenAI URL https://api.openai.com/v1; not switched: it is the base URL of raw "
    "requests (the first on line 10): its only requests are audio, which Alibaba Qwen "
    "(DashScope / Model Studio) does not serve: apply leaves it (base URL and key); keep it "
    "on OpenAI or point it at a provider that serves audio, with that provider's key, by hand"
)


def _write(tmp_path, monkeypatch, **files):
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name.replace("_", ".")).write_text(text)


def _run(*args, provider="qwen"):
    return CliRunner().invoke(app, [*args, ".", "--provider", provider, "--no-cache"])


def _apply(provider="qwen"):
    return _run("apply", "--yes", "--allow-dirty", provider=provider)


def _found(rules=None, provider="qwen"):
    done = _run("scan", "--format", "json", provider=provider)
    assert done.exit_code == 0, done.output
    return [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if rules is None or f["rule"] in rules
    ]


def test_openai_url_entry_without_a_target_service_is_a_warning(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, chat_py=CHAT, models_json=FACTORIES)
    assert _found(("ML402", "ML503")) == [
        ("chat.py", 4, "ML402", "warning", "manual", URL_WARNING),
        ("models.json", 1, "ML503", "warning", "manual", MODEL_LEFT),
    ]
    done = _run("check")
    assert done.exit_code == 1
    assert _apply().exit_code == 0
    assert (tmp_path / "chat.py").read_text() == CHAT
    assert (tmp_path / "models.json").read_text() == FACTORIES


def test_a_program_naming_a_qwen_service_keeps_the_note(tmp_path, monkeypatch):
    with_qwen = CHAT.replace(
        '"DeepSeek": "https://api.deepseek.com"}',
        '"DeepSeek": "https://api.deepseek.com",\n'
        '               "qwen": "https://dashscope.aliyuncs.com/compatible-mode/v1"}',
    )
    _write(tmp_path, monkeypatch, chat_py=with_qwen)
    assert [f[:5] for f in _found(("ML402",))] == [("chat.py", 4, "ML402", "note", "none")]


def test_models_given_to_code_adding_openai_prefix_are_written_bare(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, chat_py=CHAT, models_json=FLAT)
    assert [f[:5] for f in _found(("ML503",))] == [("models.json", 1, "ML503", "warning", "review")]
    assert _apply().exit_code == 0
    assert (tmp_path / "models.json").read_text() == FLAT.replace("gpt-4o", "qwen4-max")


def test_without_the_prefix_the_model_goes_on_litellms_route(tmp_path, monkeypatch):
    plain = CHAT.replace('f"{PREFIX[provider]}{model_name}"', "model_name").replace(
        'PREFIX = {"OpenAI": "openai/", "DeepSeek": "deepseek/"}\n', ""
    )
    _write(tmp_path, monkeypatch, chat_py=plain, models_json=FLAT)
    assert _apply().exit_code == 0
    assert (tmp_path / "models.json").read_text() == FLAT.replace("gpt-4o", "dashscope/qwen4-max")


def test_audio_only_base_url_stays_on_openai(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, tts_py=TTS)
    assert _found(("ML402",)) == [
        ("tts.py", 18, "ML402", "warning", "manual", AUDIO_LEFT),
        ("tts.py", 20, "ML402", "warning", "manual", AUDIO_LEFT),
    ]
    assert _apply().exit_code == 0
    assert (tmp_path / "tts.py").read_text() == TTS
    done = _run("check")
    assert done.exit_code == 1
    assert done.stdout.splitlines()[-1] == (
        "3 findings for qwen in 1 of 1 file; 0 error, 3 warning, 0 note"
    )


def test_audio_base_url_moves_to_a_provider_serving_audio(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, tts_py=TTS)
    assert _apply("siliconflow").exit_code == 0
    assert (tmp_path / "tts.py").read_text() == "import os\n\n" + TTS.replace(
        """    def __init__(self, key, model_name="tts-1", base_url="https://api.openai.com/v1"):
        if not base_url:
            base_url = "https://api.openai.com/v1"
""",
        """    def __init__(
        self,
        key,
        model_name="FunAudioLLM/CosyVoice2-0.5B",
        base_url=os.environ.get(
            "SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1"
        ),
    ):
        if not base_url:
            base_url = os.environ.get(
                "SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1"
            )
""",
    )


def test_a_chat_request_from_the_same_base_moves_it(tmp_path, monkeypatch):
    chat_too = TTS.replace(
        "        return r.content\n",
        "        return r.content\n\n"
        "    def ask(self, messages):\n"
        '        return requests.post(f"{self.base_url}/chat/completions", json=messages)\n',
    )
    _write(tmp_path, monkeypatch, tts_py=chat_too)
    assert [f[:5] for f in _found(("ML402",))] == [
        ("tts.py", 21, "ML402", "warning", "safe"),
        ("tts.py", 23, "ML402", "warning", "safe"),
    ]


SPEECH_BASE = """import requests


class Base:
    def __init__(self, key, model_name, base_url="https://api.openai.com/v1"):
        if not base_url:
            base_url = "https://api.openai.com/v1"
        self.key = key
        self.model_name = model_name
        self.base_url = base_url.rstrip("/")

    def speak(self, text):
        return requests.post(f"{self.base_url}/audio/speech", json={"input": text})


class Chat(Base):
    def ask(self, text):
        return requests.post(f"{self.base_url}/chat/completions", json={"input": text})
"""


def test_a_chat_request_from_a_subclass_moves_the_base(tmp_path, monkeypatch):
    """The base posts only audio, but `class Chat(Base)` posts chat with its URL: the URL is
    not audio's only, so ML402 moves it (review r5: the subclass was not read and the chat
    requests stayed on OpenAI)."""
    _write(tmp_path, monkeypatch, tts_py=SPEECH_BASE)
    assert [f[:5] for f in _found(("ML402",))] == [
        ("tts.py", 5, "ML402", "warning", "safe"),
        ("tts.py", 7, "ML402", "warning", "safe"),
    ]
    assert _apply().exit_code == 0
    url = '"DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"'
    assert (tmp_path / "tts.py").read_text() == "import os\n\n" + SPEECH_BASE.replace(
        """    def __init__(self, key, model_name, base_url="https://api.openai.com/v1"):
        if not base_url:
            base_url = "https://api.openai.com/v1"
""",
        f"""    def __init__(
        self,
        key,
        model_name,
        base_url=os.environ.get(
            {url}
        ),
    ):
        if not base_url:
            base_url = os.environ.get(
                "DASHSCOPE_BASE_URL",
                "https://dashscope.aliyuncs.com/compatible-mode/v1",
            )
""",
    )
