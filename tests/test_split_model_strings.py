"""`provider/model` strings a project splits itself for LangChain (t65d, chat-langchain and the
`load_chat_model` of LangChain's LangGraph templates): the strings in one module, the split in
another. ML605 points the `init_chat_model()` given both halves at the provider; ML204 leaves
each `"openai/<OpenAI model>"` string to a person, so `check` fails after apply until the
strings name the provider's models."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
CONFIG = (
    "from dataclasses import dataclass, field\n\n\n"
    "@dataclass\n"
    "class Settings:\n"
    '    response_model: str = field(default="openai/gpt-4o-mini")\n'
    '    embedding_model: str = "openai/text-embedding-3-small"\n'
)
LLM = (
    "from langchain.chat_models import init_chat_model\n\n\n"
    "def load_chat_model(spec: str):\n"
    '    provider, model = spec.split("/", maxsplit=1)\n'
    "    return init_chat_model(model, model_provider=provider, temperature=0)\n"
)
LLM_AFTER = (
    "import os\n\n"
    "from langchain.chat_models import init_chat_model\n\n\n"
    "def load_chat_model(spec: str):\n"
    '    provider, model = spec.split("/", maxsplit=1)\n'
    "    return init_chat_model(\n"
    "        model,\n"
    '        api_key=os.environ["ACME_API_KEY"],\n'
    '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    "        model_provider=provider,\n"
    "        temperature=0,\n"
    "    )\n"
)


def _findings(*args: str) -> tuple[int, list[tuple[str, int, str, str, str]]]:
    result = CliRunner().invoke(app, [*args, ".", *ACME, "--format", "json", "--no-cache"])
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"]) for f in found
    ]


def test_split_strings_fail_check_after_apply_until_changed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "llm.py").write_text(LLM)
    (tmp_path / "requirements.txt").write_text("langchain\nlangchain-openai\n")
    assert _findings("scan") == (
        0,
        [
            ("config.py", 6, "ML204", "warning", "manual"),
            ("config.py", 7, "ML204", "warning", "manual"),
            ("llm.py", 6, "ML605", "error", "review"),
        ],
    )
    scan = CliRunner().invoke(app, ["scan", ".", *ACME, "--format", "json", "--no-cache"])
    messages = [f["message"] for f in json.loads(scan.stdout)["findings"]]
    assert messages[0] == (
        "field Settings.response_model = 'openai/gpt-4o-mini' maps to 'acme-small' on Acme "
        "Cloud, but apply leaves it: the project splits `openai/` off as the provider and builds "
        "LangChain's ChatOpenAI for it, which sends any model to OpenAI; write "
        "'openai/acme-small' once the call building the model from it is given base_url= and "
        "api_key= for Acme Cloud (apply gives them where it sees that call), by hand"
    )
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "llm.py").read_text() == LLM_AFTER
    assert (tmp_path / "config.py").read_text() == CONFIG
    assert _findings("check") == (
        1,
        [
            ("config.py", 6, "ML204", "warning", "manual"),
            ("config.py", 7, "ML204", "warning", "manual"),
        ],
    )
    (tmp_path / "config.py").write_text(
        CONFIG.replace("openai/gpt-4o-mini", "openai/acme-small").replace(
            "openai/text-embedding-3-small", "openai/acme-embed"
        )
    )
    assert _findings("check") == (0, [])


def test_slash_strings_nothing_splits_are_left_alone(tmp_path, monkeypatch):
    # a litellm route or an OpenRouter id: LangChain's classes never see the provider part
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "llm.py").write_text(LLM.replace('.split("/", maxsplit=1)', ".split(':', 1)"))
    assert _findings("scan") == (0, [])


def test_stream_usage_on_chatopenai_fails_check_after_apply(tmp_path, monkeypatch):
    # t65d: ChatOpenAI(stream_usage=True) sends stream_options= with each streamed request
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chat.py").write_text(
        "from langchain_openai import ChatOpenAI\n\n"
        'llm = ChatOpenAI(model="gpt-4o-mini", temperature=0, stream_usage=True)\n'
    )
    done = CliRunner().invoke(
        app, ["apply", ".", "--provider", "zhipu", "--yes", "--allow-dirty", "--no-cache"]
    )
    assert done.exit_code == 0, done.stderr
    check = CliRunner().invoke(
        app, ["check", ".", "--provider", "zhipu", "--format", "json", "--no-cache"]
    )
    assert check.exit_code == 1
    [found] = json.loads(check.stdout)["findings"]
    assert (found["rule"], found["line"], found["severity"], found["fix"]) == (
        "ML111",
        11,  # `stream_usage=True,` on its own line of the call apply rewrote
        "warning",
        "manual",
    )
    assert found["message"].startswith(
        "stream_usage=True (sent as stream_options=) is not supported by Zhipu AI (GLM); "
        "remove it and count tokens another way"
    )


def test_tool_method_chosen_for_openai_models_is_reported_on_a_loaded_model(tmp_path, monkeypatch):
    # t65d: chat-langchain's graph.py names no OpenAI class; its model comes from
    # backend/utils.py's load_chat_model, and the tool method is chosen by the model's name
    monkeypatch.chdir(tmp_path)
    (tmp_path / "graph.py").write_text(
        "from langchain_core.runnables import RunnableConfig\n\n"
        "from utils import load_chat_model\n\n\n"
        "def plan(config: RunnableConfig, model_name: str):\n"
        "    kwargs = (\n"
        '        {"method": "function_calling"} if "openai" in model_name else {}\n'
        "    )\n"
        "    return load_chat_model(model_name).with_structured_output(Plan, **kwargs)\n"
    )
    result = CliRunner().invoke(
        app, ["check", ".", "--provider", "zhipu", "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 1
    [found] = json.loads(result.stdout)["findings"]
    assert (found["rule"], found["line"], found["severity"], found["fix"]) == (
        "ML604",
        10,
        "warning",
        "manual",
    )
    assert found["message"] == (
        "with_structured_output(Plan) of `load_chat_model(model_name)` sends the schema as a "
        'tool named in tool_choice (method="function_calling", chosen where `"openai" in '
        "model_name`: the project's OpenAI models, which go to Zhipu AI (GLM) once migrated), "
        'which Zhipu AI (GLM) does not accept (accepted: auto); pass method="json_mode" with '
        "the JSON described in the prompt, by hand"
    )
    # on DeepSeek, whose file lists a named tool_choice, the method works
    result = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--no-cache"])
    assert result.exit_code == 0, result.stdout


MIXED = {
    # a LangChain splitter no `openai/` string reaches
    "loader.py": (
        "from langchain.chat_models import init_chat_model\n\n\n"
        "def load_chat_model(name):\n"
        '    provider, model = name.split("/", maxsplit=1)\n'
        "    return init_chat_model(model, model_provider=provider)\n"
    ),
    # OpenRouter's ids, for a client given its URL
    "router.py": (
        "import os\n\n"
        "from openai import OpenAI\n\n"
        "client = OpenAI(\n"
        '    base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"]\n'
        ")\n"
        'ROUTER_MODEL = "openai/gpt-4o"\n\n\n'
        "def ask(prompt):\n"
        "    messages = [{'role': 'user', 'content': prompt}]\n"
        '    return client.chat.completions.create(model="openai/gpt-4o-mini", messages=messages)\n'
    ),
    # litellm's `openai/` route
    "lite.py": (
        "import litellm\n\n"
        'FAST = "openai/gpt-4o-mini"\n\n\n'
        "def ask(prompt):\n"
        "    messages = [{'role': 'user', 'content': prompt}]\n"
        '    return litellm.completion(model="openai/gpt-4o", messages=messages)\n\n\n'
        "def ask_fast(prompt):\n"
        "    messages = [{'role': 'user', 'content': prompt}]\n"
        "    return litellm.completion(model=FAST, messages=messages)\n"
    ),
}


def test_slash_strings_of_other_services_beside_a_splitter_are_not_split(tmp_path, monkeypatch):
    # OpenRouter's and litellm's `openai/` strings never reach the LangChain splitter: no
    # ML204 on them for the split, no ML605 edit on the splitter
    monkeypatch.chdir(tmp_path)
    for name, text in MIXED.items():
        (tmp_path / name).write_text(text)
    assert _findings("scan") == (
        0,
        [
            ("lite.py", 3, "ML640", "error", "review"),
            ("lite.py", 8, "ML640", "error", "review"),
            ("lite.py", 8, "ML640", "error", "review"),
            ("lite.py", 13, "ML640", "error", "review"),
            ("router.py", 5, "ML003", "note", "none"),
        ],
    )
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "loader.py").read_text() == MIXED["loader.py"]
    assert (tmp_path / "router.py").read_text() == MIXED["router.py"]


def test_split_strings_stay_reported_beside_a_router_reading_its_url(tmp_path, monkeypatch):
    # the configuration's strings reach the splitter (ML204, ML605); OpenRouter's id, for a
    # client given a base URL from the environment, does not
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "llm.py").write_text(LLM)
    (tmp_path / "router.py").write_text(
        "import os\n\n"
        "from openai import OpenAI\n\n"
        'client = OpenAI(base_url=os.environ["ROUTER_URL"], api_key=os.environ["ROUTER_KEY"])\n'
        'ROUTER_MODEL = "openai/gpt-4o"\n'
    )
    assert _findings("scan") == (
        0,
        [
            ("config.py", 6, "ML204", "warning", "manual"),
            ("config.py", 7, "ML204", "warning", "manual"),
            ("llm.py", 6, "ML605", "error", "review"),
            ("router.py", 5, "ML003", "note", "none"),
        ],
    )


def test_split_string_beside_a_local_client_stays_reported(tmp_path, monkeypatch):
    # a client given a local server's URL is no reason to leave the module's other `openai/`
    # strings: the one given to the splitter still reaches ChatOpenAI (ML205, ML605)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "utils.py").write_text(
        "from langchain.chat_models import init_chat_model\n\n\n"
        "def load_chat_model(fully_specified_name: str):\n"
        '    provider, model = fully_specified_name.split("/", maxsplit=1)\n'
        "    return init_chat_model(model, model_provider=provider)\n"
    )
    graph = (
        "from openai import OpenAI\n\n"
        "from utils import load_chat_model\n\n"
        'local = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")\n'
        'llm = load_chat_model("openai/gpt-4o")\n'
    )
    (tmp_path / "graph.py").write_text(graph)
    assert _findings("scan") == (
        0,
        [
            ("graph.py", 5, "ML003", "note", "none"),
            ("graph.py", 6, "ML205", "warning", "manual"),
            ("utils.py", 6, "ML605", "error", "review"),
        ],
    )
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "graph.py").read_text() == graph
    assert _findings("check") == (1, [("graph.py", 6, "ML205", "warning", "manual")])
