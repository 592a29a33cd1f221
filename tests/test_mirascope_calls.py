"""Mirascope's calls send their requests to OpenAI (t63e).

v1's `@openai.call("gpt-4o-mini")` builds `OpenAI()` from OPENAI_API_KEY when given no client:
only its model was reported (ML205, manual), and once changed by hand `check` was green while
the requests still went to api.openai.com. v2's `@llm.call("openai/gpt-4o-mini")` was not
reported at all. Now apply gives v1's call the provider's client and model (ML695, review), and
ML695 tells a person exactly what to write for v2 (manual, so `check` stays red)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_findings import cli, finding_rows, run_json, write_here

SENDS = (
    "Mirascope's openai.call() without client= builds {cls}() on each call, which sends it to "
    "OpenAI (OPENAI_API_KEY, OPENAI_BASE_URL)"
)
POINTS = (
    "apply passes client={cls}() for DeepSeek (key from DEEPSEEK_API_KEY, base URL from "
    "DEEPSEEK_BASE_URL, default https://api.deepseek.com)"
)
CLIENT = (
    "    client={cls}(\n"
    '        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "    ),\n"
)
V1 = (
    "from mirascope.core import openai\n\n\n"
    '@openai.call("gpt-4o-mini", call_params=openai.OpenAICallParams(temperature=0.2))\n'
    "def answer(question: str) -> str:\n"
    '    return f"Answer briefly: {question}"\n\n\n'
    'print(answer("What is 2+2?").content)\n'
)
V1_AFTER = (
    "import os\n\n"
    "from mirascope.core import openai\n"
    "from openai import OpenAI\n\n\n"
    "@openai.call(\n"
    '    "deepseek-flash",\n'
    "    call_params=openai.OpenAICallParams(temperature=0.2),\n"
    + CLIENT.format(cls="OpenAI")
    + ")\n"
    "def answer(question: str) -> str:\n"
    '    return f"Answer briefly: {question}"\n\n\n'
    'print(answer("What is 2+2?").content)\n'
)
REGISTER = (
    'llm.register_provider("openai", scope="deepseek/", '
    'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"), '
    'api_key=os.environ["DEEPSEEK_API_KEY"])'
)
V2_ADVICE = (
    "goes to OpenAI (OPENAI_API_KEY, else the Mirascope Router with MIRASCOPE_API_KEY); for "
    f"DeepSeek register its endpoint once, before the calls: {REGISTER}, and write "
    "{model} here, by hand (not the openai/ scope with DeepSeek's URL: mirascope sends an "
    "openai/ model it does not know to the Responses API)"
)
V2_CALL = (
    "from mirascope import llm\n\n\n"
    '@llm.call("openai/gpt-4o-mini")\n'
    "def answer(question: str):\n"
    '    return f"Answer briefly: {question}"\n\n\n'
    'print(answer("What is 2+2?").text())\n'
)
V2_MODEL = (
    'from mirascope import llm\n\nmodel = llm.use_model("openai/gpt-5-mini")\n'
    'print(model.call("Say hello").text())\n'
)


def _rows(report: dict) -> list[tuple]:
    return finding_rows(report, "path", "line", "rule", "severity", "fix", "message")


def test_v1_call_gets_the_provider_client_and_model(tmp_path: Path, monkeypatch) -> None:
    """The trial's v1 program: reported as going to OpenAI, given DeepSeek's client by apply,
    then green (the run against the loopback: test_mirascope_e2e.py)."""
    write_here(tmp_path, monkeypatch, {"v1_call.py": V1})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert _rows(report) == [
        (
            "v1_call.py",
            4,
            "ML695",
            "error",
            "review",
            f"model 'gpt-4o-mini' of Mirascope's openai.call() goes to OpenAI: "
            f"{SENDS.format(cls='OpenAI')}; {POINTS.format(cls='OpenAI')} and writes "
            "'deepseek-flash'",
        )
    ]
    done = cli("apply", ".", "--provider", "deepseek", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "v1_call.py").read_bytes() == V1_AFTER.encode()
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert (code, report["findings"]) == (0, [])
    again = cli("apply", ".", "--provider", "deepseek", "--yes")
    assert again.exit_code == 0, again.output
    assert (tmp_path / "v1_call.py").read_bytes() == V1_AFTER.encode()


def test_v1_a_constant_model_and_an_async_function(tmp_path: Path, monkeypatch) -> None:
    """A model constant two calls share is mapped once; an `async def` gets AsyncOpenAI (v1
    builds AsyncOpenAI() for a coroutine function), a call inside a function the strict key
    read."""
    source = (
        "from mirascope.core import openai\n\n"
        'MODEL = "gpt-4o"\n\n\n'
        "@openai.call(MODEL)\n"
        "async def ask(q: str) -> str:\n"
        "    return q\n\n\n"
        "def build():\n"
        "    return openai.call(model=MODEL, json_mode=True)(lambda q: q)\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "line", "rule", "fix", "data") == [
        (
            3,
            "ML695",
            "review",
            {
                "version": 1,
                "model_from": "gpt-4o",
                "api_key_env": "DEEPSEEK_API_KEY",
                "base_url_env": "DEEPSEEK_BASE_URL",
                "model_to": "deepseek-v4-pro",
            },
        ),
        (6, "ML695", "review", finding_rows(report, "data")[0][0]),
        (12, "ML695", "review", finding_rows(report, "data")[0][0]),
    ]
    done = cli("apply", ".", "--provider", "deepseek", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == (
        "import os\n\n"
        "from mirascope.core import openai\n"
        "from openai import AsyncOpenAI, OpenAI\n\n"
        'MODEL = "deepseek-v4-pro"\n\n\n'
        "@openai.call(\n"
        "    MODEL,\n" + CLIENT.format(cls="AsyncOpenAI") + ")\n"
        "async def ask(q: str) -> str:\n"
        "    return q\n\n\n"
        "def build():\n"
        "    return openai.call(\n"
        "        model=MODEL,\n"
        "        json_mode=True,\n"
        "        client=OpenAI(\n"
        '            api_key=os.environ["DEEPSEEK_API_KEY"],\n'
        '            base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "        ),\n"
        "    )(lambda q: q)\n"
    )
    assert run_json("check", ".", "--provider", "deepseek")[1]["findings"] == []


def test_v1_a_client_written_in_the_call(tmp_path: Path, monkeypatch) -> None:
    """`client=OpenAI()`: ML001 points the client at DeepSeek, ML695 maps the model (ML205
    left it to a person); a client of the module's own is left to the client rules."""
    source = (
        "from mirascope.core import openai\nfrom openai import OpenAI\n\n\n"
        '@openai.call("gpt-4o-mini", client=OpenAI())\ndef ask(q: str) -> str:\n    return q\n\n\n'
        '@openai.call("gpt-4o-mini", client=local)\ndef other(q: str) -> str:\n    return q\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "line", "rule", "fix") == [
        (5, "ML695", "review"),
        (5, "ML001", "safe"),
        (10, "ML205", "manual"),
    ]
    assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8").split("\n\n\n")[1] == (
        "@openai.call(\n"
        '    "deepseek-flash",\n'
        + CLIENT.format(cls="OpenAI")
        + ")\ndef ask(q: str) -> str:\n    return q"
    )


def test_v1_a_model_chosen_at_run_time_is_left_with_the_code_to_write(
    tmp_path: Path, monkeypatch
) -> None:
    source = (
        "from mirascope.core.openai import openai_call\n\nfrom .settings import MODEL\n\n\n"
        "@openai_call(MODEL)\ndef ask(q: str) -> str:\n    return q\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "line", "rule", "severity", "fix", "message") == [
        (
            6,
            "ML695",
            "error",
            "manual",
            f"{SENDS.format(cls='OpenAI')}; its model is chosen at run time: pass "
            'client=OpenAI(api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"), '
            'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")) (from '
            "openai import OpenAI) and make sure the model is one of DeepSeek's "
            "(deepseek-v4-pro, deepseek-flash), by hand",
        )
    ]


def test_v2_model_ids_are_reported_with_the_code_to_write(tmp_path: Path, monkeypatch) -> None:
    """The trial's v2 project: scan was green on it but for .env.example; now each `openai/`
    id is an error with the registration the trial verified, and apply changes no byte."""
    files = {
        "v2_call.py": V2_CALL,
        "v2_model.py": V2_MODEL,
        "requirements.txt": "mirascope[openai]==2.5.0\n",
    }
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert _rows(report) == [
        (
            "v2_call.py",
            4,
            "ML695",
            "error",
            "manual",
            "model id 'openai/gpt-4o-mini' of Mirascope's llm.call() "
            + V2_ADVICE.format(model="'deepseek/deepseek-flash'"),
        ),
        (
            "v2_model.py",
            3,
            "ML695",
            "error",
            "manual",
            "model id 'openai/gpt-5-mini' of Mirascope's llm.use_model() "
            + V2_ADVICE.format(model="'deepseek/deepseek-flash'"),
        ),
    ]
    assert finding_rows(report, "data")[0][0] == {
        "version": 2,
        "model_from": "openai/gpt-4o-mini",
        "scope": "deepseek/",
        "api_key_env": "DEEPSEEK_API_KEY",
        "base_url_env": "DEEPSEEK_BASE_URL",
        "model_to": "deepseek/deepseek-flash",
    }
    done = cli("apply", ".", "--provider", "deepseek", "--yes")
    assert done.exit_code == 0, done.output
    for name, text in files.items():
        assert (tmp_path / name).read_bytes() == text.encode()
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert (code, finding_rows(report, "rule", "line")) == (1, [("ML695", 4), ("ML695", 3)])


def test_v2_format_and_tools_on_a_thinking_model(tmp_path: Path, monkeypatch) -> None:
    """DeepSeek takes no json_schema response_format, and its default model thinks and needs
    reasoning_content back in a tool turn: the message says what each needs. A module that
    names no OpenAI model (an id of the openai/ scope the table does not map) is read too."""
    source = (
        "from mirascope import llm\n\n"
        'MODEL = "openai/my-tuned-model"\n\n\n'
        '@llm.call("openai/gpt-4o", format=Book, tools=[add])\ndef ask(q: str):\n    return q\n\n\n'
        "model = llm.Model(MODEL)\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert finding_rows(report, "line", "message") == [
        (
            3,
            "constant MODEL = 'openai/my-tuned-model' (the model id of Mirascope's llm.Model()) "
            + V2_ADVICE.replace(
                "{model} here",
                "deepseek/<model> here with one of deepseek-v4-pro, deepseek-flash "
                "(DeepSeek's model table does not map my-tuned-model)",
            ),
        ),
        (
            6,
            "model id 'openai/gpt-4o' of Mirascope's llm.call() "
            + V2_ADVICE.format(model="'deepseek/deepseek-v4-pro'")
            + "; format=Book sends a strict json_schema response_format, which DeepSeek does "
            "not accept (accepted: text, json_object): pass "
            'format=llm.format(Book, mode="json")'
            "; with tools=, deepseek-v4-pro thinks by default and DeepSeek needs its "
            "reasoning_content back in a tool turn, which mirascope drops from a streamed "
            "response it resumes (HTTP 400) and has no parameter to turn thinking off: resume "
            "tool calls from non-streamed responses",
        ),
    ]


@pytest.mark.parametrize("resumes", [True, False])
def test_a_streamed_tool_call_resumed_on_a_thinking_model(
    tmp_path: Path, monkeypatch, resumes: bool
) -> None:
    """The trial's fixed program on DeepSeek's scope: a streamed response resumed after its
    tools fails (400, reasoning_content dropped) while check was green; a warning now, only in
    a module that resumes a stream."""
    source = (
        "from mirascope import llm\n\n\n"
        '@llm.call("deepseek/deepseek-flash", tools=[add])\ndef ask(q: str):\n    return q\n\n\n'
        'stream = ask.stream("What is 2+3?")\n'
        + ("print(stream.resume(stream.execute_tools()).text())\n" if resumes else "")
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("check", ".", "--provider", "deepseek")
    if not resumes:
        assert (code, report["findings"]) == (0, [])
        return
    assert (code, _rows(report)) == (
        1,
        [
            (
                "app.py",
                4,
                "ML695",
                "warning",
                "manual",
                "model id 'deepseek/deepseek-flash' of Mirascope's llm.call() goes to DeepSeek "
                "and this module resumes a streamed response; with tools=, deepseek-flash "
                "thinks by default and DeepSeek needs its reasoning_content back in a tool "
                "turn, which mirascope drops from a streamed response it resumes (HTTP 400) "
                "and has no parameter to turn thinking off: resume tool calls from "
                "non-streamed responses, by hand",
            )
        ],
    )


def test_v2_format_on_the_provider_scope(tmp_path: Path, monkeypatch) -> None:
    """Code moved to DeepSeek's scope by hand still sent a strict json_schema (36 of the
    trial's hand-fixed examples: 400 "response_format type json_schema is not supported")
    while check was green: each form is an error now; a mode other than strict, and an
    output parser, send none."""
    source = (
        "from mirascope import llm\n\n"
        'model = llm.use_model("deepseek/deepseek-flash")\n'
        'retried = llm.retry_model("deepseek/deepseek-flash")\n\n\n'
        "@llm.output_parser(formatting_instructions='XML')\n"
        "def parse_xml(response):\n    return response\n\n\n"
        "@llm.prompt(format=list[str])\ndef ideas(topic: str):\n    return topic\n\n\n"
        '@llm.call("deepseek/deepseek-flash", format=llm.format(Book, mode="strict"))\n'
        "def strict(q: str):\n    return q\n\n\n"
        '@llm.call("deepseek/deepseek-flash", format=llm.format(Book, mode="json"))\n'
        "def chosen(q: str):\n    return q\n\n\n"
        '@llm.call("deepseek/deepseek-flash", format=parse_xml)\n'
        "def parsed(q: str):\n    return q\n\n\n"
        'book = model.call("Recommend a book", format=Book)\n'
        'other = retried.stream("Recommend a book", format=Book)\n'
        'items = ideas("deepseek/deepseek-flash", "books")\n'
    )
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("check", ".", "--provider", "deepseek")
    sends = (
        "sends a strict json_schema response_format, which DeepSeek does not accept (accepted: "
        'text, json_object): pass format=llm.format({shown}, mode="json"), by hand'
    )
    assert (code, finding_rows(report, "line", "severity", "fix", "message")) == (
        1,
        [
            (
                3,
                "error",
                "manual",
                "model id 'deepseek/deepseek-flash' of Mirascope's llm.use_model() goes to "
                "DeepSeek, but format=Book " + sends.format(shown="Book"),
            ),
            (
                4,
                "error",
                "manual",
                "model id 'deepseek/deepseek-flash' of Mirascope's llm.retry_model() goes to "
                "DeepSeek, but format=Book " + sends.format(shown="Book"),
            ),
            (
                17,
                "error",
                "manual",
                "model id 'deepseek/deepseek-flash' of Mirascope's llm.call() goes to DeepSeek, "
                'but format=llm.format(Book, mode="strict") ' + sends.format(shown="Book"),
            ),
            (
                34,
                "error",
                "manual",
                "model id 'deepseek/deepseek-flash' of Mirascope's prompt ideas() goes to "
                "DeepSeek, but format=list[str] " + sends.format(shown="list[str]"),
            ),
        ],
    )
