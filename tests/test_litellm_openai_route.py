"""ML642: litellm's OpenAI route put on a model at run time (t48d defect 2). open-interpreter's
`--api_base` turned the migrated `deepseek/deepseek-v4-pro` into `openai/deepseek/deepseek-v4-pro`:
litellm's OpenAI route sent the user's OPENAI_API_KEY to that server, and `check` passed."""

from __future__ import annotations

import json

import pytest

from .cli_findings import cli as run
from .test_model_labels import migrated

# the trial's repro (t48d r2), open-interpreter's Llm and start_terminal_interface reduced
LLM = (
    "import litellm\n\n\n"
    "class Llm:\n"
    "    def __init__(self):\n"
    '        self.model = "gpt-4o"\n'
    "        self.api_base = None\n\n\n"
    "def run(llm, messages):\n"
    "    model = llm.model\n"
    '    if llm.api_base and not model.lower().startswith("openai/"):\n'
    '        model = "openai/" + model\n'
    "    return litellm.completion(model=model, messages=messages, api_base=llm.api_base)\n"
)


def routed(shown: str, name: str = "Acme Cloud", route: str = "acme", env: str = "ACME") -> str:
    return (
        f"`{shown}` puts litellm's OpenAI route on a model chosen at run time: litellm sends it "
        "with OPENAI_API_KEY unless the call passes api_key=, to the api_base given (else to "
        "OpenAI), and the name after the prefix as it is. After the switch the models here "
        f"are {name}'s, on litellm's {route}/ route (as apply writes them): your OpenAI key and "
        f"{route}/<model> would go to that server. Leave {route}/ models out of it (their route "
        f"takes api_base= too), or pass {name}'s key with it "
        f'(api_key=os.environ["{env}_API_KEY"]) and the model without {route}/, by hand'
    )


def rows(found, rule="ML642"):
    return [(line, col, fix, message) for line, col, r, _, fix, message in found if r == rule]


def test_the_trial_repro_is_a_warning_before_and_after_apply(registry):
    found, after = migrated(registry, LLM, provider="deepseek")
    assert after == LLM.replace('"gpt-4o"', '"deepseek/deepseek-v4-pro"')
    expected = [(13, 17, "manual", routed('"openai/" + model', "DeepSeek", "deepseek", "DEEPSEEK"))]
    assert rows(found) == expected
    again, _ = migrated(registry, after, provider="deepseek")
    assert rows(again) == expected
    # the key suggested is the provider's, never OpenAI's
    assert 'os.environ["OPENAI_API_KEY"]' not in expected[0][3]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ('    model = f"openai/{model}"\n', 'f"openai/{model}"'),
        ('    model = "openai/%s" % model\n', '"openai/%s" % model'),
        ('    model = "openai/{}".format(model)\n', '"openai/{}".format(model)'),
        ("    model = 'openai/' + model.strip()\n", "'openai/' + model.strip()"),
        (
            '    model = "text-completion-openai/" + model\n',
            '"text-completion-openai/" + model',
        ),
    ],
)
def test_each_spelling_of_the_prefix_is_found(registry, line, shown):
    text = (
        "import litellm\n\n\ndef ask(model, messages):\n"
        + line
        + "    return litellm.completion(model=model, messages=messages)\n"
    )
    found, after = migrated(registry, text)
    assert after == text
    assert rows(found) == [(5, 13, "manual", routed(shown))]


@pytest.mark.parametrize(
    "line",
    [
        # a model written whole: ML640's, not a run-time choice
        '    model = "openai/" + "gpt-4o"\n',
        '    model = "openai/gpt-4o"\n',
        # another route, or a prefix with more after it
        '    model = "ollama/" + model\n',
        '    model = "openai/v1/" + model\n',
        # the code keeps the provider's route off the prefix
        '    if not model.startswith(("openai/", "acme/")):\n        model = "openai/" + model\n',
        '    model = model if model.startswith("acme/") else "openai/" + model\n',
    ],
)
def test_what_is_not_the_route_put_on_at_run_time_is_not_found(registry, line):
    text = (
        "import litellm\n\n\ndef ask(model, messages):\n"
        + line
        + "    return litellm.completion(model=model, messages=messages)\n"
    )
    found, _ = migrated(registry, text)
    assert rows(found) == []


def test_a_module_calling_no_litellm_in_a_run_where_none_does_is_left(registry):
    found, _ = migrated(registry, 'def route(model):\n    return "openai/" + model\n')
    assert rows(found) == []


def test_a_provider_without_a_litellm_route_is_told_to_pass_its_key(registry):
    found, _ = migrated(registry, LLM, provider="minimax")
    message = rows(found)[0][3]
    assert message.endswith(
        "After the switch the models here are MiniMax's: your OpenAI key would go to its "
        'server; pass MiniMax\'s key with it (api_key=os.environ["MINIMAX_API_KEY"]), by hand'
    )


def test_nothing_is_found_when_modernising_on_openai(registry):
    found, _ = migrated(registry, LLM, provider="openai")
    assert rows(found) == []


def test_another_module_of_the_run_calling_litellm_counts_and_check_stays_red(
    tmp_path, monkeypatch
):
    # open-interpreter: start_terminal_interface.py prefixes, core/llm/llm.py calls litellm
    (tmp_path / "llm.py").write_text(
        'import litellm\n\n\ndef ask():\n    return litellm.completion(model="gpt-4o", messages=[])\n',
        encoding="utf-8",
    )
    cli = (
        "def start(llm):\n"
        '    if llm.api_base and not llm.model.lower().startswith("openai/"):\n'
        '        llm.model = "openai/" + llm.model\n'
    )
    (tmp_path / "cli.py").write_text(cli, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = run("scan", ".", "--provider", "deepseek", "--format", "json")
    found = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML642"]
    assert [(f["path"], f["line"], f["severity"], f["fix"], f["data"]) for f in found] == [
        (
            "cli.py",
            3,
            "warning",
            "manual",
            {
                "route": "openai",
                "key_sent": "OPENAI_API_KEY",
                "api_key_env": "DEEPSEEK_API_KEY",
                "litellm_route": "deepseek",
            },
        )
    ]
    assert run("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
    assert (tmp_path / "cli.py").read_text(encoding="utf-8") == cli
    check = run("check", ".", "--provider", "deepseek")
    assert check.exit_code == 1 and "ML642" in check.stdout
    # the hand fix the message names: the provider's route kept off the prefix
    fixed = cli.replace('startswith("openai/")', 'startswith(("openai/", "deepseek/"))')
    (tmp_path / "cli.py").write_text(fixed, encoding="utf-8")
    assert run("check", ".", "--provider", "deepseek").exit_code == 0
