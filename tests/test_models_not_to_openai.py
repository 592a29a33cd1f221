"""Models sent where OpenAI is not reached (s63): a constant Anthropic's own client sends is
Anthropic's (never mapped; shared with an OpenAI request, left to a person), and a request
through a client whose OpenAI URL ML402 leaves (its key a caller's OpenAI key) keeps its
OpenAI model, check red; ids a module sends only to its own server, and a tokenizer lookup
in a module that is an OpenAI-compatible server, are notes."""

from __future__ import annotations

import pytest

from .cli_findings import cli, finding_rows, run_json, write_here

ANTHROPIC_ONLY = """\
import anthropic

MODEL = "gpt-4o"


def ask(prompt):
    client = anthropic.Anthropic()
    return client.messages.create(model=MODEL, max_tokens=64, messages=prompt)
"""


def test_a_constant_only_anthropic_sends_is_left_without_a_finding(tmp_path, monkeypatch):
    # before: ML204 "constant MODEL = 'gpt-4o' maps to 'glm-5.3'", and apply wrote it
    write_here(tmp_path, monkeypatch, {"app.py": ANTHROPIC_ONLY})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "rule")) == (0, [])
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == ANTHROPIC_ONLY


SHARED = """\
import anthropic
from openai import OpenAI

MODEL = "gpt-4o"


def ask_openai(prompt):
    return OpenAI().chat.completions.create(model=MODEL, messages=prompt)


def ask_claude(prompt):
    return anthropic.Anthropic().messages.create(model=MODEL, max_tokens=64, messages=prompt)
"""

SHARED_MESSAGE = (
    "constant MODEL = 'gpt-4o' (used as model= on line {}) is also sent as model= on line {} "
    "to anthropic.Anthropic().messages.create(), a request through another service's own SDK "
    "client, which never reaches OpenAI: mapped, that request would get 'glm-5.3' too; apply "
    "leaves it: give the OpenAI requests a setting of their own, by hand"
)


def test_a_constant_shared_with_anthropic_is_left_to_a_person(tmp_path, monkeypatch):
    # before: ML202 mapped it, and Anthropic's request got 'glm-5.3'
    write_here(tmp_path, monkeypatch, {"app.py": SHARED})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "line", "rule", "fix", "message", rules=["ML202"])) == (
        0,
        [(4, "ML202", "manual", SHARED_MESSAGE.format(8, 12))],
    )
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    after = (tmp_path / "app.py").read_text()
    assert 'MODEL = "gpt-4o"\n' in after and "glm-5.3" not in after
    assert "ZAI_API_KEY" in after  # the OpenAI client itself still moves (ML001)
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "rule", rules=["ML202"])) == (1, [("ML202",)])


KEY_LEFT = """\
import os

import openai
import requests

SHARED_KEY = os.environ["OPENAI_API_KEY"]


def chat(messages, api_base=None, api_key=None):
    api_key = api_key or os.environ["OPENAI_API_KEY"]
    client = openai.OpenAI(base_url=api_base or "https://api.openai.com/v1", api_key=api_key)
    return client.chat.completions.create(model="gpt-4o", messages=messages)


def start_run(thread_id, api_key=None):
    api_key = api_key or os.environ["OPENAI_API_KEY"]
    return requests.post(
        f"https://api.openai.com/v1/threads/{thread_id}/runs",
        headers={"Authorization": f"Bearer {api_key}"},
        json={"assistant_id": "asst_1"},
    )


def main():
    start_run("t1", SHARED_KEY)
    return chat([], api_key=SHARED_KEY)
"""


def test_a_client_whose_openai_url_is_left_with_a_shared_key_keeps_its_model(tmp_path, monkeypatch):
    """SHARED_KEY (OpenAI's, for the raw request) goes to chat() too, so ML402 leaves the
    client's OpenAI URL: before, ML201 still wrote glm-5.3 there, sent to OpenAI."""
    write_here(tmp_path, monkeypatch, {"app.py": KEY_LEFT})
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == KEY_LEFT
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert code == 1
    assert finding_rows(report, "line", "rule", "message", rules=["ML201", "ML118"]) == [
        (
            12,
            "ML201",
            "model 'gpt-4o' is sent as model= on line 12 through openai.OpenAI() on line 11, "
            "which stays on OpenAI: apply leaves the model too; change them together, by hand",
        )
    ]
    assert [r[0] for r in finding_rows(report, "rule", rules=["ML401", "ML402"])] == [
        "ML401",
        "ML401",
        "ML402",
    ]


# -- the program's own OpenAI-compatible server -------------------------------------------

OWN_SERVER_LOOP = """\
from openai import OpenAI

client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")


def answer(model, question):
    r = client.chat.completions.create(model=model, messages=question)
    return r.choices[0].message.content


def main():
    for model in ["gpt-3.5-turbo", "gpt-4"]:
        print(answer(model, "hi"))
"""

OWN_SERVER_NOTE = (
    "'gpt-3.5-turbo', 'gpt-4' in a list are sent as model= only to "
    "{request}() on line {line}, whose client points at {url}, a server of the program's own, "
    "not OpenAI: the ids of that server's models; left as it is"
)


def test_ids_a_module_hands_its_own_server_are_a_note(tmp_path, monkeypatch):
    # before: a warning ("code that checks models against them may reject ..."), check red
    write_here(tmp_path, monkeypatch, {"app.py": OWN_SERVER_LOOP})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "line", "rule", "severity", "message", rules=["ML205"])) == (
        0,
        [
            (
                12,
                "ML205",
                "note",
                OWN_SERVER_NOTE.format(
                    request="client.chat.completions.create",
                    line=7,
                    url="http://localhost:8000/v1",
                ),
            )
        ],
    )
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (tmp_path / "app.py").read_text() == OWN_SERVER_LOOP
    assert run_json("check", ".", "--provider", "zhipu")[0] == 0


MODULE_CLIENT_LOOP = """\
import openai

openai.api_key = "EMPTY"
openai.base_url = "http://localhost:8000/v1/"


def test_chat(model):
    completion = openai.chat.completions.create(model=model, messages=[])
    print(f"{model}: {completion.choices[0].message.content}")


if __name__ == "__main__":
    models = ["gpt-3.5-turbo", "gpt-4"]
    for model in models:
        print(f"== {model} ==")
        test_chat(model)
"""


def test_ids_looped_through_a_name_to_the_module_level_client_on_its_server(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": MODULE_CLIENT_LOOP})
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert code == 0
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert finding_rows(report, "line", "message", rules=["ML205"]) == [
        (
            13,
            OWN_SERVER_NOTE.format(
                request="openai.chat.completions.create", line=8, url="http://localhost:8000/v1/"
            ),
        )
    ]


def test_ids_handed_to_an_openai_client_stay_a_warning(tmp_path, monkeypatch):
    text = OWN_SERVER_LOOP.replace(
        'OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")', "OpenAI()"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "line", "rule", rules=["ML205"])) == (1, [(12, "ML205")])


SERVER = """\
import tiktoken
from fastapi import FastAPI

app = FastAPI()


def decode(model_name, tokens):
    try:
        encoding = tiktoken.encoding_for_model(model_name)
    except KeyError:
        encoding = tiktoken.get_encoding("cl100k_base")
    return encoding.decode(tokens)


@app.post("/v1/completions")
async def completions(request: dict):
    return {"text": decode(request["model"], request["prompt"])}
"""

SERVER_NOTE = (
    "tiktoken.encoding_for_model() gets the model at run time, in a module that serves "
    "OpenAI's API itself ({path} on line {line}): the model names its clients send, which "
    "apply does not change; a name tiktoken does not know takes the fallback on line 11, "
    "tiktoken.get_encoding(), which downloads its encoding from "
    "openaipublic.blob.core.windows.net on first use (set TIKTOKEN_CACHE_DIR where that host "
    "cannot be reached); not migration work, left as it is"
)


@pytest.mark.parametrize(
    ("route", "path"),
    [
        ('@app.post("/v1/completions")', "/v1/completions"),
        ('@app.route("/v1/chat/completions", methods=["POST"])', "/v1/chat/completions"),
        ('@router.api_route(path="/v1/embeddings", methods=["POST"])', "/v1/embeddings"),
    ],
)
def test_a_tokenizer_lookup_in_an_openai_compatible_server_is_a_note(
    tmp_path, monkeypatch, route, path
):
    # before: a warning ("after the switch it names a Zhipu AI (GLM) model"), check red
    text = SERVER.replace('@app.post("/v1/completions")', route)
    write_here(tmp_path, monkeypatch, {"server.py": text})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    rows = finding_rows(report, "line", "severity", "fix", "message", rules=["ML208"])
    assert (code, rows) == (0, [(9, "note", "none", SERVER_NOTE.format(path=path, line=15))])
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    assert (tmp_path / "server.py").read_text() == text
    assert run_json("check", ".", "--provider", "zhipu")[0] == 0


@pytest.mark.parametrize("route", ['@app.post("/api/generate")', '@app.post("/chat/completions")'])
def test_a_module_serving_no_openai_v1_path_keeps_the_warning(tmp_path, monkeypatch, route):
    write_here(
        tmp_path,
        monkeypatch,
        {"server.py": SERVER.replace('@app.post("/v1/completions")', route)},
    )
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "line", "rule", rules=["ML208"])) == (1, [(9, "ML208")])
