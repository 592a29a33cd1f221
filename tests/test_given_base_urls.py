"""SDK clients whose base URL is decided at run time (`rules.given_urls`; ML003, ML101).

Trial 64a: MaxKB builds OpenAI SDK clients for SiliconFlow, Xinference and vLLM servers, their
URLs the settings a user stores. apply rewrote a vLLM client whose URL is always
`f"{self.api_url}/v1"`, then check said both "a server of your own needs no change" and, at
its transcription call, an error that the call fails after the switch. A URL always given and
never OpenAI's (an f-string formatting its host in, a read whose default is another server's)
now leaves its client and its calls alone; a stored URL that may be empty keeps the client's
rewrite, and a call to an API the provider lacks is a warning saying where it goes.

t64 review: "always given" then took any f-string whose host was not a literal, so
`f"{settings.LLM_HOST}/v1"` with OPENAI_API_KEY had its key read renamed to the provider's
(safe) and check passed, the provider's key going wherever LLM_HOST points (OpenAI's by
default). Only a host the function is handed, with a key it is handed (or a literal) and
no request sending OpenAI's model (or the provider's), is now given; the rest are the
warnings they were before, the key read left as it is.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

OWN_HOST = (
    "from openai import OpenAI\n\n\n"
    "def transcribe(host, key, path):\n"
    '    client = OpenAI(api_key=key, base_url=f"{host}/v1")\n'
    '    with open(path, "rb") as f:\n'
    '        return client.audio.transcriptions.create(model="whisper-large-v3", file=f).text\n'
)
DEFAULTED = (
    "from openai import OpenAI\n\n\n"
    "class Speech:\n"
    "    def __init__(self, **kwargs):\n"
    '        self.api_key = kwargs.get("api_key")\n'
    '        self.api_base = kwargs.get("api_base", "https://api.siliconflow.cn/v1")\n\n'
    "    def text(self, f):\n"
    "        client = OpenAI(base_url=self.api_base, api_key=self.api_key)\n"
    "        return client.audio.transcriptions.create(\n"
    '            model="FunAudioLLM/SenseVoiceSmall", file=f\n'
    "        ).text\n"
)
STORED = (
    "from openai import OpenAI\n\n\n"
    "class Speech:\n"
    "    def __init__(self, **kwargs):\n"
    '        self.api_key = kwargs.get("api_key")\n'
    '        self.api_base = kwargs.get("api_base")\n\n'
    "    def check_auth(self):\n"
    "        client = OpenAI(base_url=self.api_base, api_key=self.api_key)\n"
    "        client.models.list()\n\n"
    "    def text(self, f):\n"
    "        client = OpenAI(base_url=self.api_base, api_key=self.api_key)\n"
    '        return client.audio.transcriptions.create(model="FunAudioLLM/SenseVoiceSmall", '
    "file=f).text\n"
)
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
DOCS = "https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope"


def run(command: str, *rules: str) -> tuple[int, list[tuple]]:
    """The exit code of `command .` for Qwen, and its findings of `rules`."""
    args = [command, ".", "-p", "qwen", "--format", "json", "--no-cache"]
    if command == "scan":
        args.append("--show-notes")
    result = CliRunner().invoke(app, args)
    found = [
        (f["rule"], f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in rules
    ]
    return result.exit_code, found


def applied(root) -> bytes:
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--allow-dirty"])
    assert result.exit_code == 0, result.output
    return (root / "app.py").read_bytes()


def project(tmp_path, monkeypatch, text: str):
    root = tmp_path / "proj"
    root.mkdir()
    (root / "app.py").write_text(text)
    monkeypatch.chdir(root)
    return root


def test_a_client_of_the_programs_own_host_is_left_with_its_calls(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch, OWN_HOST)
    assert run("scan", "ML003", "ML101", "ML201") == (
        0,
        [
            (
                "ML003",
                5,
                "note",
                "none",
                'OpenAI() takes its base URL from `f"{host}/v1"` at run time, always given (an '
                "f-string whose host is the program's own) and never OpenAI's; left as it is",
            )
        ],
    )
    assert run("check", "ML003", "ML101", "ML201") == (0, [])
    assert applied(root) == OWN_HOST.encode()


def test_a_url_read_with_another_servers_default_is_left(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch, DEFAULTED)
    assert run("scan", "ML003", "ML101") == (
        0,
        [
            (
                "ML003",
                10,
                "note",
                "none",
                "OpenAI() takes its base URL from `self.api_base` at run time, always given "
                "(https://api.siliconflow.cn/v1 by default) and never OpenAI's; left as it is",
            )
        ],
    )
    assert applied(root) == DEFAULTED.encode()


def test_a_call_through_a_stored_url_says_where_it_goes(tmp_path, monkeypatch):
    root = project(tmp_path, monkeypatch, STORED)
    audio = (
        "ML101",
        15,
        "warning",
        "manual",
        f"audio.transcriptions.create() through an OpenAI client; {QWEN} has no "
        "OpenAI-compatible audio API; this call goes where `self.api_base` points at run "
        f"time, and fails where that is {QWEN}'s URL (or empty, where it falls back to it) "
        f"(see {DOCS}); siliconflow offers it",
    )
    code, found = run("scan", "ML101")
    assert (code, found[-1]) == (0, audio)
    after = applied(root).decode()
    # the client's rewrite stays: the provider's URL where the stored one is empty
    assert "base_url=self.api_base\n            or os.environ.get(\n" in after
    code, found = run("check", "ML101")
    line = after.splitlines().index(
        '        return client.audio.transcriptions.create(model="FunAudioLLM/SenseVoiceSmall", '
        "file=f).text"
    )
    assert (code, found[-1]) == (1, (*audio[:1], line + 1, *audio[2:]))
    assert all(severity != "error" for _, _, severity, _, _ in found)


def test_an_f_string_of_a_host_named_for_openai_is_not_given(tmp_path, monkeypatch):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        "client = OpenAI(base_url=f\"{os.environ['OPENAI_API_BASE']}/v1\")\n"
    )
    project(tmp_path, monkeypatch, text)
    assert run("check", "ML003") == (
        1,
        [
            (
                "ML003",
                5,
                "warning",
                "manual",
                "OpenAI() takes its base URL from `f\"{os.environ['OPENAI_API_BASE']}/v1\"` at "
                "run time and its key from OPENAI_API_KEY; make sure they are "
                f"{QWEN}'s (https://dashscope.aliyuncs.com/compatible-mode/v1, the key from "
                "DASHSCOPE_API_KEY) in place of OpenAI's; a server of your own needs "
                "no change",
            )
        ],
    )


NOT_GIVEN = {
    # a caller of the module hands the host OpenAI's URL
    "caller": (
        "from openai import OpenAI\n\n\n"
        "class Bot:\n"
        "    def __init__(self, api_url, key):\n"
        "        self.api_url = api_url\n"
        '        self.client = OpenAI(api_key=key, base_url=f"{self.api_url}/v1")\n\n'
        "    def ask(self, q):\n"
        '        return self.client.chat.completions.create(model="qwen-plus", messages=q)\n\n\n'
        'bot = Bot("https://api.openai.com", "k")\n'
    ),
    # a settings value and an environment read: may be OpenAI's; the key is OpenAI's
    "settings": (
        "import os\n\nfrom django.conf import settings\nfrom openai import OpenAI\n\n"
        "client = OpenAI(\n"
        '    api_key=os.environ["OPENAI_API_KEY"], base_url=f"{settings.LLM_HOST}/v1"\n'
        ")\n"
    ),
    "environment": (
        "import os\n\nfrom openai import OpenAI\n\n"
        "client = OpenAI(\n"
        '    api_key=os.environ["OPENAI_API_KEY"], base_url=f"{os.environ[\'LLM_HOST\']}/v1"\n'
        ")\n"
    ),
    # another server's default, but OpenAI's key
    "openai key": (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def make(**kwargs):\n"
        "    return OpenAI(\n"
        '        api_key=os.environ["OPENAI_API_KEY"],\n'
        '        base_url=kwargs.get("api_base", "https://api.groq.com/openai/v1"),\n'
        "    )\n"
    ),
    # no key: the SDK reads OPENAI_API_KEY
    "no key": (
        "from openai import OpenAI\n\n\n"
        "def ask(host, q):\n"
        '    client = OpenAI(base_url=f"{host}/v1")\n'
        '    return client.chat.completions.create(model="qwen-plus", messages=q)\n'
    ),
}


@pytest.mark.parametrize("case", sorted(NOT_GIVEN))
def test_a_url_not_shown_handed_stays_a_warning_and_its_key_is_kept(tmp_path, monkeypatch, case):
    text = NOT_GIVEN[case]
    root = project(tmp_path, monkeypatch, text)
    code, found = run("scan", "ML003")
    assert (code, [f[2:4] for f in found]) == (0, [("warning", "manual")])
    assert "always given" not in found[0][4]
    assert applied(root) == text.encode()  # OPENAI_API_KEY not renamed to DASHSCOPE_API_KEY
    code, found = run("check", "ML003", "ML401")
    assert code == 1
    assert ("ML003", "warning") in [(f[0], f[2]) for f in found]


def test_a_request_sending_openais_model_says_the_client_was_openais(tmp_path, monkeypatch):
    """Host and key handed, but its request asks for gpt-4o-mini: meant for OpenAI. apply
    maps the model; the client stays a warning (the provider's model does not make it
    given either), where check passed before with the URL and key still anyone's."""
    text = (
        "from openai import OpenAI\n\n\n"
        "def ask(host, key, q):\n"
        '    client = OpenAI(api_key=key, base_url=f"{host}/v1")\n'
        '    return client.chat.completions.create(model="gpt-4o-mini", messages=q)\n'
    )
    root = project(tmp_path, monkeypatch, text)
    code, found = run("scan", "ML003")
    assert (code, [f[2:4] for f in found]) == (0, [("warning", "manual")])
    assert applied(root) == text.replace("gpt-4o-mini", "qwen-plus").encode()
    code, found = run("check", "ML003")
    assert (code, [f[2:4] for f in found]) == (1, [("warning", "manual")])


def test_a_host_the_callers_hand_from_stored_data_is_still_given(tmp_path, monkeypatch):
    """MaxKB's vLLM client: `self.api_url` set from a parameter its callers hand a stored
    credential's entry, the key as well, and a model of that server's: left, a note."""
    text = (
        "from openai import OpenAI\n\n\n"
        "class Bot:\n"
        "    def __init__(self, api_url, key):\n"
        "        self.api_url = api_url\n"
        '        self.client = OpenAI(api_key=key, base_url=f"{self.api_url}/v1")\n\n'
        "    def ask(self, q):\n"
        "        return self.client.chat.completions.create(\n"
        '            model="Qwen/Qwen2-7B-Instruct", messages=q\n'
        "        )\n\n\n"
        "def build(credential):\n"
        '    return Bot(credential.get("api_url"), credential.get("api_key"))\n'
    )
    root = project(tmp_path, monkeypatch, text)
    code, found = run("scan", "ML003")
    assert (code, [f[2:4] for f in found]) == (0, [("note", "none")])
    assert applied(root) == text.encode()
    assert run("check", "ML003") == (0, [])
    # handed OpenAI's URL by one caller: a warning, as above
    (root / "app.py").write_text(text + 'bot = Bot("https://api.openai.com/v1", "k")\n')
    code, found = run("check", "ML003")
    assert (code, [f[2:4] for f in found]) == (1, [("warning", "manual")])
