"""`openai/<OpenAI model>` strings handed to a library migrate-llm has no table for (LMQL's
`lmql.model("openai/gpt-3.5-turbo")`, t65b): reported as the bare id is there (ML205 by
position or as a dict's entry, ML206 as `model=`), by hand, since only the library knows
whether it needs the prefix. Where the module's `openai/` strings are litellm's routes,
another service's ids (OpenRouter) or split for LangChain, nothing changes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
APP = (
    "import lmql\n\n"
    'm = lmql.model("openai/gpt-4o")\n'
    'settings = {"model": "openai/gpt-4o-mini"}\n'
    'print(lmql.run_sync(\'"Hi [X]"\', model="openai/gpt-4o"))\n'
)
ADVICE = (
    "write an Acme Cloud model there (the model table says {new!r}), with 'openai/' before "
    "it only if that library needs it to pick its OpenAI-compatible client: migrate-llm "
    "cannot know which, so decide by hand"
)


def _findings(*args: str) -> tuple[int, list[tuple[str, int, str, str, str, str]]]:
    result = CliRunner().invoke(app, [*args, ".", *ACME, "--format", "json", "--no-cache"])
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"]) for f in found
    ]


def test_prefixed_ids_given_to_an_unknown_library_are_reported_by_hand(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    assert _findings("scan") == (
        0,
        [
            (
                "app.py",
                3,
                "ML205",
                "warning",
                "manual",
                "'openai/gpt-4o' (passed to lmql.model()) is an OpenAI model id after "
                "'openai/': if it reaches a request or a model check, Acme Cloud will not know "
                "it; " + ADVICE.format(new="acme-large"),
            ),
            (
                "app.py",
                4,
                "ML205",
                "warning",
                "manual",
                "entry 'model' = 'openai/gpt-4o-mini' is an OpenAI model id after 'openai/': if "
                "it reaches a request or a model check, Acme Cloud will not know it; "
                + ADVICE.format(new="acme-small"),
            ),
            (
                "app.py",
                5,
                "ML206",
                "warning",
                "manual",
                "model='openai/gpt-4o' goes to lmql.run_sync(), which is not an OpenAI SDK "
                "call, so apply leaves it; " + ADVICE.format(new="acme-large"),
            ),
        ],
    )
    assert _findings("check")[0] == 1
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text() == APP  # no edit
    assert _findings("check")[0] == 1
    # the user writes the provider's models (here keeping the prefix LMQL reads)
    fixed = APP.replace("openai/gpt-4o-mini", "openai/acme-small").replace(
        "openai/gpt-4o", "openai/acme-large"
    )
    (tmp_path / "app.py").write_text(fixed)
    assert _findings("check") == (0, [])


OTHERS = {
    # OpenRouter's ids, for a client given its URL
    "router.py": (
        "import os\n\n"
        "import lmql\n"
        "from openai import OpenAI\n\n"
        "client = OpenAI(\n"
        '    base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"]\n'
        ")\n"
        'm = lmql.model("openai/gpt-4o")\n'
        'settings = {"model": "openai/gpt-4o-mini"}\n'
    ),
    # a LangChain splitter: its `openai/` strings are ML204's (tests/test_split_model_strings)
    "loader.py": (
        "from langchain.chat_models import init_chat_model\n\n\n"
        "def load_chat_model(name):\n"
        '    provider, model = name.split("/", maxsplit=1)\n'
        "    return init_chat_model(model, model_provider=provider)\n\n\n"
        'llm = load_chat_model("openai/gpt-4o")\n'
    ),
}


def test_prefixed_ids_of_other_services_and_splitters_are_left_as_they_were(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in OTHERS.items():
        (tmp_path / name).write_text(text)
    code, found = _findings("scan")
    assert (code, [f[:5] for f in found]) == (
        0,
        [
            ("loader.py", 6, "ML605", "error", "review"),
            ("loader.py", 9, "ML205", "warning", "manual"),
            ("router.py", 6, "ML003", "note", "none"),
            # not handed to the OpenRouter client: they may reach the splitter, so they stay
            # reported, by hand (review r3: a whole module exempted kept `check` green)
            ("router.py", 9, "ML205", "warning", "manual"),
            ("router.py", 10, "ML204", "warning", "manual"),
        ],
    )
    # the splitter's string keeps the message it had (`slash_split`)
    assert found[1][5] == (
        "'openai/gpt-4o' (passed to load_chat_model()) is an OpenAI model id: if it reaches a "
        "request or a model check, Acme Cloud will not know it; change it by hand"
    )


def test_prefixed_ids_in_a_project_calling_litellm_are_left_as_they_were(tmp_path, monkeypatch):
    # another module calls litellm: a wrapper's `openai/` string is litellm's route
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lite.py").write_text(
        "import litellm\n\n\n"
        "def ask(model, prompt):\n"
        "    messages = [{'role': 'user', 'content': prompt}]\n"
        "    return litellm.completion(model=model, messages=messages)\n"
    )
    (tmp_path / "app.py").write_text(
        "from wrappers import Agent\n\n"
        'agent = Agent("openai/gpt-4o", config={"model": "openai/gpt-4o-mini"})\n'
        'agent.run("hi", model="openai/gpt-4o")\n'
    )
    code, found = _findings("scan")
    assert (code, [f[:5] for f in found]) == (
        0,
        [("lite.py", 6, "ML640", "warning", "manual")],
    )
