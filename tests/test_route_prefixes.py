"""A routing prefix of the project's own before an OpenAI model id (t66b: textgrad's
`get_engine("experimental:gpt-4o-mini")` strips `experimental:` in another module and hands
`gpt-4o-mini` to litellm, which sent it to OpenAI while check was green): ML205 reports the
string, manual, where a module of the project strips that prefix off a string."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.run_facts import STRIPS_ROUTE_PREFIX, facts_of, route_prefixes

ENGINES = (
    "import os\n"
    "from litellm import completion\n\n\n"
    "class LiteEngine:\n"
    "    def __init__(self, model_string):\n"
    "        self.model_string = model_string\n\n"
    "    def generate(self, prompt):\n"
    "        extra = {}\n"
    '        if self.model_string.startswith("deepseek/"):\n'
    '            extra = dict(api_key=os.environ["DEEPSEEK_API_KEY"])\n'
    "        reply = completion(model=self.model_string, messages=[prompt], **extra)\n"
    '        return reply["choices"][0]["message"]["content"]\n\n\n'
    "def get_engine(name):\n"
    '    if name.startswith("experimental:"):\n'
    "        return LiteEngine({strip})\n"
    "    raise ValueError(name)\n"
)
APP = (
    "from mypkg.engines import get_engine\n\n"
    'print(get_engine("experimental:gpt-4o-mini").generate("hi"))\n'
)
MESSAGE = (
    "'experimental:gpt-4o-mini' (passed to get_engine()) is OpenAI model id 'gpt-4o-mini' "
    "after 'experimental:', a prefix the project strips off before using the rest: if it "
    "reaches a request or a model check, DeepSeek will not know it; change the id after the "
    "prefix by hand"
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (b'name.split("experimental:")[1]', {"experimental:"}),
        (b"name.split('exp:', 1)[-1]", {"exp:"}),
        (b'name.removeprefix("exp:")', {"exp:"}),
        (b'name[len("exp:") :]', {"exp:"}),
        (b'name.replace("exp:", "")', {"exp:"}),
        (b'if name.startswith("exp:"):\n    name = name.split(":", 1)[1]', {"exp:"}),
        (b'if name.startswith("exp:"):\n    _, _, name = name.partition(":")', set()),
        (b'if name.startswith("exp:"):\n    name = name.partition(":")[2]', {"exp:"}),
        # tested but not taken off; taken off something else; a URL's scheme
        (b'if name.startswith("exp:"):\n    pass', set()),
        (b'name.split(":")[0]', set()),
        (b'url.removeprefix("https://")', set()),
    ],
)
def test_the_prefixes_a_module_strips(text, found):
    assert route_prefixes(text) == found
    assert bool(facts_of("python", text, False, False, set()) & STRIPS_ROUTE_PREFIX) == bool(found)


def project(tmp_path, monkeypatch, strip):
    (tmp_path / "mypkg").mkdir()
    (tmp_path / "mypkg" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "mypkg" / "engines.py").write_text(
        ENGINES.replace("{strip}", strip), encoding="utf-8"
    )
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    "strip",
    [
        'name.split("experimental:")[1]',
        'name.removeprefix("experimental:")',
        'name[len("experimental:") :]',
        'name.split(":", 1)[1]',
    ],
)
def test_an_id_after_a_prefix_the_project_strips_keeps_check_red(tmp_path, monkeypatch, strip):
    project(tmp_path, monkeypatch, strip)
    result = CliRunner().invoke(app, ["check", ".", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["line"], f["column"], f["rule"], f["fix"]) for f in found] == [
        ("app.py", 3, 18, "ML205", "manual")
    ]
    assert found[0]["message"] == MESSAGE
    before = (tmp_path / "app.py").read_bytes()
    result = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--allow-dirty"])
    assert result.exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == before  # manual: left as it is


def test_an_id_after_a_prefix_nothing_strips_is_left(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, "name")
    result = CliRunner().invoke(app, ["check", ".", "-p", "deepseek", "--format", "text"])
    assert (result.exit_code, result.stdout) == (0, "0 findings for deepseek in 0 of 3 files\n")


LOCAL_STRIPS = (
    b'if name.startswith("{p}"):\n'
    b'    return {client}(host="http://{host}:11434"), name.split(":", 1)[1]\n'
    b"raise ValueError(name)\n",
    b'def local(name):\n    model = name.removeprefix("{p}")\n'
    b'    return {client}(base_url="http://{host}:8000/v1"), model\n',
)


@pytest.mark.parametrize("shape", LOCAL_STRIPS)
@pytest.mark.parametrize(
    ("prefix", "client", "host", "found"),
    [
        # the rest goes to Ollama's own client, or to a server on this machine
        (b"ollama:", b"ollama.Client", b"api.example.com", set()),
        (b"exp:", b"ollama.Client", b"api.example.com", set()),
        (b"exp:", b"OpenAI", b"localhost", set()),
        (b"exp:", b"OpenAI", b"127.0.0.1", set()),
        (b"exp:", b"OpenAI", b"[::1]", set()),
        # elsewhere: it counts
        (b"exp:", b"OpenAI", b"api.example.com", {"exp:"}),
    ],
)
def test_a_prefix_whose_rest_goes_to_a_server_of_ones_own_does_not_count(
    shape, prefix, client, host, found
):
    text = shape.replace(b"{p}", prefix).replace(b"{client}", client).replace(b"{host}", host)
    assert route_prefixes(text) == found


def test_a_local_server_after_the_block_does_not_discount_the_prefix():
    text = (
        b"def pick(name):\n"
        b'    if name.startswith("exp:"):\n'
        b'        return name.split(":", 1)[1]\n'
        b"    return name\n\n\n"
        b'LOCAL = "http://localhost:11434"\n'
    )
    assert route_prefixes(text) == {"exp:"}


OLLAMA_ENGINES = (
    "import ollama\n\n\ndef get_engine(name):\n"
    '    if name.startswith("ollama:"):\n'
    '        return ollama.Client(host="http://localhost:11434"), name.split(":", 1)[1]\n'
    "    raise ValueError(name)\n"
)
PREFIXED_RUN = (
    "from engines import get_engine\n\n"
    'ENGINE = "{prefix}gpt-4o"\n'
    'get_engine("{prefix}gpt-4o-mini")\n'
)
LITELLM_ENGINES = (
    "def get_engine(engine_name):\n"
    '    if engine_name.startswith("experimental:"):\n'
    "        from litellm import completion\n\n"
    '        engine_name = engine_name.split("experimental:")[1]\n'
    "        return completion, engine_name\n"
    "    raise ValueError(engine_name)\n"
)


def test_a_constant_after_a_stripped_prefix_is_reported_never_edited(tmp_path, monkeypatch):
    # r2 of the session-66 review: ML204 rewrote ENGINE to "experimental:deepseek-v4-pro"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "engines.py").write_text(LITELLM_ENGINES, encoding="utf-8")
    run = PREFIXED_RUN.format(prefix="experimental:")
    (tmp_path / "run.py").write_text(run, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", ".", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["line"], f["rule"], f["fix"]) for f in found] == [
        ("run.py", 3, "ML205", "manual"),
        ("run.py", 4, "ML205", "manual"),
    ]
    assert found[0]["message"] == (
        "'experimental:gpt-4o' (constant ENGINE) is OpenAI model id 'gpt-4o' after "
        "'experimental:', a prefix the project strips off before using the rest: if it "
        "reaches a request or a model check, DeepSeek will not know it; change the id after "
        "the prefix by hand"
    )
    result = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--allow-dirty"])
    assert result.exit_code == 0
    assert (tmp_path / "run.py").read_bytes() == run.encode()
    # `apply -` (no run facts): the module's own strip is read from its text
    text = LITELLM_ENGINES + "\n\n" + 'ENGINE = "experimental:gpt-4o"\n'
    result = CliRunner().invoke(app, ["apply", "-", "-p", "deepseek"], input=text)
    assert (result.exit_code, result.stdout) == (0, text)


def test_an_ollama_model_after_its_stripped_prefix_is_left(tmp_path, monkeypatch):
    # r1 of the session-66 review: OTHER = "ollama:gpt-4o-mini" was rewritten, check red
    monkeypatch.chdir(tmp_path)
    (tmp_path / "engines.py").write_text(OLLAMA_ENGINES, encoding="utf-8")
    run = PREFIXED_RUN.format(prefix="ollama:")
    (tmp_path / "run.py").write_text(run, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", ".", "-p", "deepseek", "--format", "text"])
    assert (result.exit_code, result.stdout) == (0, "0 findings for deepseek in 0 of 2 files\n")
    result = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--allow-dirty"])
    assert result.exit_code == 0
    assert (tmp_path / "run.py").read_bytes() == run.encode()
