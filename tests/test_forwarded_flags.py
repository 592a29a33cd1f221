"""ML111 on the keywords a provider takes none of (`functions=`, `seed=`...) given to a
function that hands its `**kwargs` on to a request: copied into a mapping the request spreads
(`settings.update(kwargs)`, `{**kwargs}`), and through a function of another module (XAgent's
`request(**kwargs)` filling `chatcompletion_kwargs.update(kwargs)`, t64d). Also ML304 on the
openai<1.0 credentials a v1 request still sends from a dict it spreads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules.compat import _FLAGS
from migrate_llm.wrapper_params import ENTRY_KEYWORDS, PRESENCE_KEYWORDS

from .loopback_run import run_guarded
from .loopback_server import FUNCTIONS_REFUSED, LoopbackServer, Recorded

DEEPSEEK = ["--provider", "deepseek", "--no-cache"]
UNCONFIRMED = (
    " (unconfirmed: functions and function_call are absent from the API reference, which lists "
    "tools and tool_choice; the docs do not say the legacy parameters are rejected)"
)
TOOLS_HINT = (
    "rewrite it as tools=, then read the calls from the reply's "
    "message.tool_calls[i].function.name and .arguments (not message.function_call) and send "
    'back the assistant message with its tool_calls and each result as {"role": "tool", '
    '"tool_call_id": ..., "content": ...}'
)

BACKEND = (
    "import os\n\nfrom openai import OpenAI\n\n\n"
    "def request(**kwargs):\n"
    "    settings = {\n"
    '        "model": "deepseek-flash",\n'
    '        "temperature": 0.2,\n'
    '        "extra_body": {"thinking": {"type": "disabled"}},\n'
    "    }\n"
    "    settings.update(kwargs)\n"
    "    client = OpenAI(\n"
    '        api_key=os.environ.get("DEEPSEEK_API_KEY"),\n'
    '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "    )\n"
    "    return client.chat.completions.create(**settings).model_dump()\n"
)
AGENT = (
    "from pkg.backend import request\n\n"
    'SCHEMA = {"name": "submit", "parameters": {"type": "object", "properties": {}}}\n\n\n'
    "def act():\n"
    '    messages = [{"role": "user", "content": "hi"}]\n'
    '    return request(messages=messages, functions=[SCHEMA], function_call={"name": "submit"})\n'
)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def refused_by_deepseek(root: Path) -> Recorded:
    """The one request `run.py` (calling `pkg.agent.act()`) sends DeepSeek's loopback, run
    guarded: it refuses the request's `functions=` (`functions = false` in its file)."""
    from migrate_llm.registry import load_registry

    deepseek = load_registry([]).get("deepseek")
    write(root, {"run.py": "from pkg.agent import act\n\nprint(act())\n"})
    server = LoopbackServer.for_provider(deepseek, thinking=False).start()
    try:
        env = {deepseek.api_key_env: "test-key", deepseek.base_url_env: server.base}
        proc, blocked = run_guarded("run.py", root, env)
    finally:
        server.stop()
    assert blocked == [] and proc.returncode == 1
    assert FUNCTIONS_REFUSED in proc.stderr
    [sent] = server.requests
    return sent


def two_modules(root: Path, backend: str = BACKEND) -> Path:
    return write(
        root,
        {
            "requirements.txt": "openai>=1\n",
            "pkg/__init__.py": "",
            "pkg/backend.py": backend,
            "pkg/agent.py": AGENT,
        },
    )


def test_every_keyword_ml111_reports_the_presence_of_is_followed_into_kwargs():
    assert {name for name, _, _ in _FLAGS} == PRESENCE_KEYWORDS
    assert set(ENTRY_KEYWORDS) >= PRESENCE_KEYWORDS


def test_functions_given_to_another_module_s_kwargs_copy(tmp_path, monkeypatch):
    monkeypatch.chdir(two_modules(tmp_path))
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert result.exit_code == 1
    via = " (argument {0} of request(), sent on line 17 of pkg/backend.py)"
    assert result.output == (
        f"pkg/agent.py:8:39 ML111 functions={via.format('functions')} is not supported by "
        f"DeepSeek; {TOOLS_HINT}{UNCONFIRMED}\n"
        f"pkg/agent.py:8:59 ML111 function_call={via.format('function_call')} is not supported "
        f"by DeepSeek; rewrite it as tool_choice={UNCONFIRMED}\n"
        "2 findings for deepseek in 1 of 4 files; 0 error, 2 warning, 0 note\n"
    )
    scan = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    assert scan.exit_code == 0, scan.output
    found = [
        (f["rule"], f["path"], f["line"], f["fix"], f["data"])
        for f in json.loads(scan.output)["findings"]
        if f["rule"] == "ML111"
    ]
    assert found == [
        ("ML111", "pkg/agent.py", 8, "manual", {"param": "functions"}),
        ("ML111", "pkg/agent.py", 8, "manual", {"param": "function_call"}),
    ]


@pytest.mark.parametrize(
    "after",
    [
        '    settings.pop("functions", None)\n    settings.pop("function_call", None)\n',
        '    del settings["functions"]\n    del settings["function_call"]\n',
    ],
)
def test_entries_the_function_takes_out_again_are_not_reported(tmp_path, monkeypatch, after):
    backend = BACKEND.replace(
        "    settings.update(kwargs)\n", f"    settings.update(kwargs)\n{after}"
    )
    monkeypatch.chdir(two_modules(tmp_path, backend))
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert result.output == "0 findings for deepseek in 0 of 4 files\n"
    assert result.exit_code == 0


def test_a_mapping_passed_elsewhere_is_not_followed(tmp_path, monkeypatch):
    backend = BACKEND.replace(
        "    settings.update(kwargs)\n", "    settings.update(kwargs)\n    tune(settings)\n"
    )
    monkeypatch.chdir(two_modules(tmp_path, backend))
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert result.output == "0 findings for deepseek in 0 of 4 files\n"


SAME = (
    "import os\n\nfrom openai import OpenAI\n\n"
    'OFF = {"type": "disabled"}\n'
    "client = OpenAI(\n"
    '    api_key=os.environ.get("DEEPSEEK_API_KEY"),\n'
    '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    ")\n\n\n"
    "def request(**kwargs):\n"
    "{fill}"
    '    return client.chat.completions.create(**settings, extra_body={"thinking": OFF})\n\n\n'
    "request(messages=[], seed=7, logprobs=True, temperature=0.2)\n"
)


SEED = (
    "ML111 seed= is not supported by DeepSeek; remove it (outputs cannot be made reproducible) "
    "(unconfirmed: seed is absent from the API reference)"
)
LOGPROBS = (
    "ML111 logprobs= is not supported by DeepSeek; remove it (token log-probabilities are not "
    "returned) (unconfirmed: supported in non-thinking mode only; thinking is the default)"
)


@pytest.mark.parametrize(
    "fill",
    [
        '    settings = {"model": "deepseek-flash"}\n    settings.update(kwargs)\n',
        '    settings = {**kwargs, "model": "deepseek-flash"}\n',
        '    settings = dict(model="deepseek-flash")\n    settings.update(kwargs)\n',
    ],
)
def test_a_mapping_filled_with_kwargs_in_one_module(tmp_path, monkeypatch, fill):
    monkeypatch.chdir(write(tmp_path, {"app.py": SAME.replace("{fill}", fill)}))
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert result.exit_code == 1
    line = 16 + fill.count("\n")
    assert result.output == (
        f"app.py:{line}:22 {SEED}\n"
        f"app.py:{line}:30 {LOGPROBS}\n"
        "2 findings for deepseek in 1 of 1 file; 0 error, 2 warning, 0 note\n"
    )


def test_an_entry_the_mapping_sets_after_the_kwargs_is_its_own(tmp_path, monkeypatch):
    fill = '    settings = {**kwargs, "model": "deepseek-flash", "seed": None}\n'
    monkeypatch.chdir(write(tmp_path, {"app.py": SAME.replace("{fill}", fill)}))
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    # the caller's seed=7 never reaches the request; the dict's own seed does, as before
    assert result.output == (
        f"app.py:13:54 {SEED}\n"
        f"app.py:17:30 {LOGPROBS}\n"
        "2 findings for deepseek in 1 of 1 file; 0 error, 2 warning, 0 note\n"
    )


def test_the_request_deepseek_receives_carries_what_ml111_reports(tmp_path, monkeypatch):
    """The reported keywords are the ones the request sends: DeepSeek's loopback (its file's
    `functions = false`) refuses them."""
    sent = refused_by_deepseek(two_modules(tmp_path))
    assert sorted(sent.body) == [
        "function_call",
        "functions",
        "messages",
        "model",
        "temperature",
        "thinking",
    ]
    assert sent.body["function_call"] == {"name": "submit"}


# --- ML304: openai<1.0 credentials in a dict a v1 request spreads ---------------------------

V0 = (
    "import os\n\nimport openai\n\n"
    'CHAT_ARGS = {"model": "gpt-4", "temperature": 0.1}\n\n\n'
    "async def ask(messages, **kwargs):\n"
    "    chat_args = dict(CHAT_ARGS)\n"
    "    chat_args.update(kwargs)\n"
    '    chat_args["api_key"] = os.environ.get("OPENAI_KEY")\n'
    "    return await openai.ChatCompletion.acreate(messages=messages, **chat_args)\n"
)
CREDENTIAL = (
    "api_key= is an argument of openai<1.0 (in a dict it spreads); chat.completions.create() "
    "of openai>=1.0 raises TypeError on it: set it on the client"
)


def test_scan_names_the_credential_set_on_the_spread_dict(tmp_path, monkeypatch):
    monkeypatch.chdir(write(tmp_path, {"requirements.txt": "openai>=1\n", "app.py": V0}))
    scan = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    found = [
        (f["rule"], f["line"], f["column"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scan.output)["findings"]
        if f["rule"] == "ML304"
    ]
    assert found == [
        (
            "ML304",
            11,
            15,
            "error",
            "manual",
            "key 'api_key' set on chat_args, a dict spread into an openai<1.0 call, is a "
            "per-request credential; v1 takes it on the client: remove it from the dict",
        ),
        (
            "ML304",
            12,
            69,
            "warning",
            "manual",
            "`**chat_args` is passed to an openai<1.0 call; v1 rejects the old arguments it may "
            "hold (engine, request_timeout, api_key, api_base...): check its keys",
        ),
    ]


def test_check_keeps_reporting_it_once_apply_moved_the_call(tmp_path, monkeypatch):
    monkeypatch.chdir(write(tmp_path, {"requirements.txt": "openai>=1\n", "app.py": V0}))
    applied = CliRunner().invoke(app, ["apply", ".", *DEEPSEEK, "--yes"])
    assert applied.exit_code == 0, applied.output
    text = (tmp_path / "app.py").read_text()
    assert '    chat_args["api_key"] = os.environ.get("DEEPSEEK_API_KEY")\n' in text
    assert (
        "return await _aclient().chat.completions.create(messages=messages, **chat_args)\n" in text
    )
    line = text.splitlines().index('    chat_args["api_key"] = os.environ.get("DEEPSEEK_API_KEY")')
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert result.exit_code == 1
    assert result.output == (
        f"app.py:{line + 1}:15 ML304 {CREDENTIAL}\n"
        "1 finding for deepseek in 1 of 2 files; 1 error, 0 warning, 0 note\n"
    )


V1 = (
    "from openai import OpenAI\n\nclient = OpenAI()\n"
    'ARGS = {"model": "gpt-4o", "organization": ORG}\n\n\n'
    "def ask(m):\n"
    "    return client.chat.completions.create(messages=m, **ARGS)\n\n\n"
    "def ask_at(m):\n"
    "    kw = dict(ARGS)\n"
    '    kw["api_base"] = URL\n'
    "    return client.chat.completions.create(messages=m, **kw)\n"
)


def test_v1_code_sending_credentials_from_spread_dicts(tmp_path, monkeypatch):
    monkeypatch.chdir(write(tmp_path, {"app.py": V1}))
    scan = CliRunner().invoke(app, ["scan", ".", "--no-cache", "--format", "json"])
    found = [
        (f["line"], f["column"], f["message"])
        for f in json.loads(scan.output)["findings"]
        if f["rule"] == "ML304"
    ]
    instead = (
        "(in a dict it spreads); chat.completions.create() of openai>=1.0 raises TypeError on "
        "it: set it on the client"
    )
    assert found == [
        (4, 28, f"organization= is an argument of openai<1.0 {instead}"),
        (13, 8, f"api_base= is an argument of openai<1.0 {instead}"),
    ]


def test_a_direct_kwargs_spread_and_a_spread_mapping_of_another_module(tmp_path, monkeypatch):
    backend = (
        "from openai import OpenAI\n\nclient = OpenAI(\n"
        '    api_key="x", base_url="https://api.deepseek.com"\n)\nOFF = {"type": "disabled"}\n\n\n'
        "def request(**kwargs):\n"
        '    return client.chat.completions.create(extra_body={"thinking": OFF}, **kwargs)\n\n\n'
        "def ask(messages, opts):\n"
        "    return client.chat.completions.create(\n"
        '        model="deepseek-flash", messages=messages, extra_body={"thinking": OFF}, **opts\n'
        "    )\n"
    )
    caller = (
        "from pkg.backend import ask, request\n\n"
        'request(model="deepseek-flash", messages=[], functions=[SCHEMA])\n'
        'ask([], {"seed": 7})\n'
    )
    files = {"pkg/__init__.py": "", "pkg/backend.py": backend, "pkg/caller.py": caller}
    monkeypatch.chdir(write(tmp_path, files))
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert result.exit_code == 1
    assert result.output == (
        "pkg/caller.py:3:46 ML111 functions= (argument functions of request(), sent on line 10 "
        f"of pkg/backend.py) is not supported by DeepSeek; {TOOLS_HINT}{UNCONFIRMED}\n"
        "pkg/caller.py:4:10 ML111 seed= (an entry of argument opts of ask(), which spreads it "
        "into the request on line 15 of pkg/backend.py) is not supported by DeepSeek; remove it "
        "(outputs cannot be made reproducible) (unconfirmed: seed is absent from the API "
        "reference)\n"
        "2 findings for deepseek in 1 of 3 files; 0 error, 2 warning, 0 note\n"
    )


# --- XAgent's wrapper: defined in a module-level `if`, its dict bound again (s65) -----------

XAGENT_BACKEND = (
    "import importlib.metadata as metadata\nimport os\n\nimport openai\n\n"
    "client = openai.OpenAI(\n"
    '    api_key=os.environ.get("DEEPSEEK_API_KEY"),\n'
    '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    ")\n\n\n"
    "def config_for(model):\n"
    '    return {"model": model, "temperature": 0.2}\n\n\n'
    'if metadata.version("openai") < "1.0":\n\n'
    "    def send(**kwargs):\n"
    '        settings = config_for(kwargs.pop("model", "deepseek-flash"))\n'
    "        settings.update(kwargs)\n"
    "        return openai.ChatCompletion.create(**settings)\n\n"
    "else:\n\n"
    "    def send(**kw):\n"
    "        kwargs = dict(kw)\n"
    '        settings = config_for(kwargs.pop("model", "deepseek-flash"))\n'
    '        settings.pop("temperature", None)\n'
    '        settings.update({"extra_body": {"thinking": {"type": "disabled"}}})\n'
    "        settings.update(kwargs)\n"
    "        try:\n"
    "            return client.chat.completions.create(**settings).model_dump()\n"
    "        except openai.APITimeoutError:\n"
    '            settings = config_for("deepseek-pro")\n'
    '            settings.pop("temperature", None)\n'
    "            settings.update(kwargs)\n"
    "            return client.chat.completions.create(**settings).model_dump()\n"
)
XAGENT_AGENT = (
    "from pkg.backend import send\n\n"
    'SCHEMA = {"name": "submit", "parameters": {"type": "object", "properties": {}}}\n\n\n'
    "def act():\n"
    '    messages = [{"role": "user", "content": "hi"}]\n'
    '    reply = send(messages=messages, functions=[SCHEMA], function_call={"name": "submit"})\n'
    '    return reply["choices"][0]["message"]["function_call"]["arguments"]\n\n\n'
    "def chat():\n"
    '    reply = send(messages=[{"role": "user", "content": "hi"}])\n'
    '    return reply["choices"][0]["message"]["content"]\n'
)
READ = 'reply["choices"][0]["message"]'
REPLY_READ = (
    f'ML111 {READ}["function_call"] reads the reply\'s legacy function call, which DeepSeek '
    "does not send (it has no legacy function calling, functions=): send the request tools= "
    f'and read {READ}["tool_calls"][i]["function"]["name"] and ["arguments"]{UNCONFIRMED}'
)


def xagent(root: Path, backend: str = XAGENT_BACKEND, agent: str = XAGENT_AGENT) -> Path:
    return write(
        root,
        {
            "requirements.txt": "openai>=1\n",
            "pkg/__init__.py": "",
            "pkg/backend.py": backend,
            "pkg/agent.py": agent,
        },
    )


def xagent_findings(line: int, function: str = "send") -> str:
    via = f" (argument {{0}} of {function}(), sent on line {line} of pkg/backend.py)"
    return (
        f"pkg/agent.py:8:37 ML111 functions={via.format('functions')} is not supported by "
        f"DeepSeek; {TOOLS_HINT}{UNCONFIRMED}\n"
        f"pkg/agent.py:8:57 ML111 function_call={via.format('function_call')} is not supported "
        f"by DeepSeek; rewrite it as tool_choice={UNCONFIRMED}\n"
        f"pkg/agent.py:9:12 {REPLY_READ}\n"
        "3 findings for deepseek in 1 of 4 files; 1 error, 2 warning, 0 note\n"
    )


def test_a_wrapper_defined_in_a_module_level_if_else(tmp_path, monkeypatch):
    """Each `def send` of the `if`/`else` is recorded; the message names the openai>=1.0
    branch's first request (line 32, not the openai<1.0 one on line 21); the reply's
    `function_call`, read off what the wrapper returns, is reported as on a direct request's
    reply; `chat()`, which gives no `functions=`, is not."""
    monkeypatch.chdir(xagent(tmp_path))
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert result.output == xagent_findings(32)
    assert result.exit_code == 1
    scan = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    assert scan.exit_code == 0, scan.output
    found = [
        (f["line"], f["column"], f["severity"], f["fix"], f["data"])
        for f in json.loads(scan.output)["findings"]
        if f["rule"] == "ML111"
    ]
    assert found == [
        (8, 37, "warning", "manual", {"param": "functions"}),
        (8, 57, "warning", "manual", {"param": "function_call"}),
        (9, 12, "error", "manual", {"param": "functions", "leftover": "read"}),
    ]


def v1_only(backend: str = XAGENT_BACKEND) -> str:
    """The backend with the openai>=1.0 branch alone (`if ... >= "1.0":`)."""
    head, _, v1 = backend.partition('if metadata.version("openai") < "1.0":\n\n')
    return head + 'if metadata.version("openai") >= "1.0":\n\n' + v1.partition("else:\n\n")[2]


RETRY = (
    "        try:\n"
    "            return client.chat.completions.create(**settings).model_dump()\n"
    "        except openai.APITimeoutError:\n"
    '            settings = config_for("deepseek-pro")\n'
    '            settings.pop("temperature", None)\n'
    "            settings.update(kwargs)\n"
    "            return client.chat.completions.create(**settings).model_dump()\n"
)
NO_RETRY = "        return client.chat.completions.create(**settings).model_dump()\n"


@pytest.mark.parametrize(
    ("shape", "line"),
    [
        ("else", 25),  # the v1 branch alone: its first request
        ("except", 27),  # defined in the `except ImportError:` block of a top-level `try`
        ("copy", 25),  # `kwargs = kw.copy()`
        ("rebound", 31),  # bound again before the first request: the retry's sends it
    ],
)
def test_other_module_level_blocks_and_copies(tmp_path, monkeypatch, shape, line):
    backend = v1_only()
    if shape == "except":
        backend = backend.replace(
            'if metadata.version("openai") >= "1.0":\n',
            "try:\n    from pkg.fast import send\nexcept ImportError:\n",
        )
    if shape == "copy":
        backend = backend.replace("kwargs = dict(kw)", "kwargs = kw.copy()")
    if shape == "rebound":
        backend = backend.replace(
            "        settings.update(kwargs)\n        try:\n",
            "        settings.update(kwargs)\n"
            '        settings = config_for("deepseek-flash")\n        try:\n',
        )
    lines = backend.splitlines()
    assert ".create(**settings)" in lines[line - 1]
    monkeypatch.chdir(xagent(tmp_path, backend))
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert result.output == xagent_findings(line)
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # bound again after the filling: the request spreads the new dict
        (
            "        settings.update(kwargs)\n",
            '        settings.update(kwargs)\n        settings = config_for("deepseek-flash")\n',
        ),
        # the wrapper sets the entry itself: the caller's never reaches the request
        (
            "        settings.update(kwargs)\n",
            "        settings.update(kwargs)\n"
            '        settings.update({"functions": None, "function_call": None})\n',
        ),
        ("        settings.update(kwargs)\n", "        settings.update(kwargs, functions=None)\n"),
        # the copy is changed by a key the module does not show
        ("        kwargs = dict(kw)\n", "        kwargs = dict(kw)\n        kwargs.pop(NAME)\n"),
        # bound in one branch or the other: which dict the request spreads is not known
        (
            '        settings = config_for(kwargs.pop("model", "deepseek-flash"))\n',
            '        if kw:\n            settings = config_for(kwargs.pop("model", "m"))\n'
            '        else:\n            settings = config_for("deepseek-flash")\n',
        ),
        # `dict` is the module's own, not the builtin copying its argument
        ("        kwargs = dict(kw)\n", "        dict = Settings\n        kwargs = dict(kw)\n"),
    ],
)
def test_what_the_wrapper_does_not_send_as_given(tmp_path, monkeypatch, old, new):
    backend = v1_only().replace(RETRY, NO_RETRY)
    assert old in backend
    monkeypatch.chdir(xagent(tmp_path, backend.replace(old, new)))
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert result.output == "0 findings for deepseek in 0 of 4 files\n"
    assert result.exit_code == 0


def test_a_model_given_to_the_if_else_wrapper_names_the_v1_request(tmp_path, monkeypatch):
    backend = (
        "import importlib.metadata as metadata\n\nimport openai\n\n"
        'if metadata.version("openai") < "1.0":\n\n'
        '    def send(prompt, model="deepseek-flash"):\n'
        "        return openai.ChatCompletion.create(model=model, messages=[prompt])\n\n"
        "else:\n"
        '    client = openai.OpenAI(api_key="k", base_url="https://api.deepseek.com")\n\n'
        '    def send(prompt, model="deepseek-flash"):\n'
        "        return client.chat.completions.create(model=model, messages=[prompt])\n"
    )
    agent = 'from pkg.backend import send\n\nsend({"role": "user"}, model="gpt-4o-mini")\n'
    monkeypatch.chdir(xagent(tmp_path, backend, agent))
    scan = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    found = [
        (f["rule"], f["line"], f["column"], f["fix"], f["message"])
        for f in json.loads(scan.output)["findings"]
        if f["path"] == "pkg/agent.py"
    ]
    assert found == [
        (
            "ML204",
            3,
            30,
            "review",
            "argument model of send() = 'gpt-4o-mini' (sent as model= on line 14 of "
            "pkg/backend.py) maps to 'deepseek-flash' on DeepSeek",
        )
    ]


def test_the_reply_read_is_left_where_the_caller_sends_no_functions(tmp_path, monkeypatch):
    agent = XAGENT_AGENT.replace('functions=[SCHEMA], function_call={"name": "submit"}', "n=1")
    monkeypatch.chdir(xagent(tmp_path, agent=agent))
    result = CliRunner().invoke(app, ["check", ".", *DEEPSEEK])
    assert result.output == "0 findings for deepseek in 0 of 4 files\n"
    assert result.exit_code == 0


def test_the_if_else_wrapper_sends_deepseek_what_ml111_reports(tmp_path, monkeypatch):
    """The openai>=1.0 branch runs: DeepSeek's loopback (`functions = false`) gets the
    caller's `functions=` and `function_call=` and refuses them."""
    sent = refused_by_deepseek(xagent(tmp_path))
    assert sorted(sent.body) == ["function_call", "functions", "messages", "model", "thinking"]
    assert sent.body["model"] == "deepseek-flash"


# --- a wrapper defined once per block, one posting to the user's own server (t65 review) ---

OWN_SERVER_OR_SDK = (
    "import os\n\nimport requests\nfrom openai import OpenAI\n\n"
    'if os.environ.get("LOCAL_LLM"):\n\n'
    "    def chat(prompt, model, **kw):\n"
    '        body = {"model": model, "messages": [{"role": "user", "content": prompt}], **kw}\n'
    '        r = requests.post("http://localhost:8000/v1/chat/completions", json=body)\n'
    '        return r.json()["choices"][0]["message"]["content"]\n\n'
    "else:\n"
    "    client = OpenAI()\n\n"
    "    def chat(prompt, model, **kw):\n"
    '        messages = [{"role": "user", "content": prompt}]\n'
    "        r = client.chat.completions.create(model=model, messages=messages, **kw)\n"
    "        return r.choices[0].message.content\n"
)
OWN_SERVER_CALLER = (
    "from pkg.llm import chat\n\n"
    'print(chat("hi", "gpt-4o", n=3, functions=[{"name": "f", "parameters": {}}]))\n'
)


def test_a_wrapper_one_block_defines_for_the_users_own_server_gets_no_caller_edit(
    tmp_path, monkeypatch
):
    """`chat` posts to localhost when LOCAL_LLM is set: the caller's model and keywords may
    never reach the SDK, so its model stays ML205's (manual) and `apply` leaves main.py;
    with both definitions calling the SDK, the caller's model is mapped (ML204, review)."""
    files = {
        "requirements.txt": "openai>=1\n",
        "pkg/__init__.py": "",
        "pkg/llm.py": OWN_SERVER_OR_SDK,
        "main.py": OWN_SERVER_CALLER,
    }
    monkeypatch.chdir(write(tmp_path, files))
    scan = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    assert scan.exit_code == 0, scan.output
    found = [
        (f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scan.output)["findings"]
        if f["path"] == "main.py"
    ]
    assert found == [
        (
            3,
            "ML205",
            "warning",
            "manual",
            "'gpt-4o' (passed to chat()) is an OpenAI model id: if it reaches a request or a "
            "model check, DeepSeek will not know it; change it by hand",
        )
    ]
    applied = CliRunner().invoke(app, ["apply", ".", *DEEPSEEK, "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "main.py").read_text() == OWN_SERVER_CALLER

    both = OWN_SERVER_OR_SDK.replace(
        '        body = {"model": model, "messages": [{"role": "user", "content": prompt}], **kw}\n'
        '        r = requests.post("http://localhost:8000/v1/chat/completions", json=body)\n'
        '        return r.json()["choices"][0]["message"]["content"]\n',
        "        r = OpenAI().chat.completions.create(model=model, messages=[prompt], **kw)\n"
        "        return r.choices[0].message.content\n",
    )
    other = write(tmp_path / "both", {**files, "pkg/llm.py": both})
    monkeypatch.chdir(other)
    scan = CliRunner().invoke(app, ["scan", ".", *DEEPSEEK, "--format", "json"])
    assert [
        (f["line"], f["rule"], f["fix"])
        for f in json.loads(scan.output)["findings"]
        if f["path"] == "main.py"
    ] == [(3, "ML204", "review"), (3, "ML111", "manual"), (3, "ML111", "manual")]


def test_the_two_readings_of_a_module_list_the_same_top_level_statements():
    """`_top_level` (Python's tree) and `_cst_top_level` (libcst's) walk the same blocks:
    `if`/`elif`/`else`, `try`/`except`/`else`/`finally`, `try`/`except*`."""
    import ast

    import libcst as cst

    from migrate_llm.wrapper_params import _cst_top_level, _top_level

    text = (
        "if A:\n    def a(): pass\nelif B:\n    def b(): pass\nelif C:\n    def c(): pass\n"
        "else:\n    def d(): pass\n"
        "try:\n    def e(): pass\nexcept ImportError:\n    def f(): pass\n"
        "else:\n    def g(): pass\nfinally:\n    def h(): pass\n"
        "try:\n    def i(): pass\nexcept* ValueError:\n    def j(): pass\n"
        "class K:\n    def m(self): pass\n"
    )

    def names(nodes: list) -> list[str]:
        return [
            type(n).__name__ + (f" {n.name}" if isinstance(n.name, str) else f" {n.name.value}")
            if hasattr(n, "name")
            else type(n).__name__
            for n in nodes
        ]

    shape = [
        "If", "FunctionDef a", "If", "FunctionDef b", "If", "FunctionDef c", "FunctionDef d",
        "Try", "FunctionDef e", "FunctionDef f", "FunctionDef g", "FunctionDef h",
        "TryStar", "FunctionDef i", "FunctionDef j", "ClassDef K",
    ]  # fmt: skip
    assert names(_top_level(ast.parse(text).body)) == shape
    assert names(_cst_top_level(cst.parse_module(text).body)) == shape
