"""ML640 where the model is a command-line option's default and where the call gives the
provider's key and base URL only to a model on its route (t60e, gpt-migrate): the typer
default `openrouter/openai/gpt-4-32k` read as a plain default is, and a value the module shows
that fails the route's test stays an error on the call that sends it as it is (the `else` of
the test, or a call spreading `**route` filled only under it), while a value on the route
keeps `check` green; the dict forms of ML640's advice count as routing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
KEY = 'os.environ["ACME_API_KEY"]'
THROUGH = (
    "ML640 model='openrouter/openai/gpt-4o' of litellm.completion() is OpenAI's gpt-4o through "
    "OpenRouter: litellm sends it to openrouter.ai with OPENROUTER_API_KEY, not to Acme Cloud; "
    "write 'acme/acme-large' with api_key=os.environ[\"ACME_API_KEY\"] and api_base="
    'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") in its place, and no '
    "OpenRouter key, by hand"
)


def off_route(code: str, value: str, where: str, sends: str, written: str, also: str = "") -> str:
    return (
        f"ML640 litellm.completion() is given Acme Cloud's key and base URL only where `{code}` "
        f"is on litellm's acme/ route, and it may be {value!r} ({where}), which is not: {sends}; "
        f"write {written!r} there (or give that model its own call){also}, by hand"
    )


CALLERS = (
    "; a caller's own default for model (a command-line option's in another module) needs the same"
)
OPENROUTER = (
    "OpenAI's gpt-4o through OpenRouter, which litellm sends to openrouter.ai with "
    "OPENROUTER_API_KEY, not to Acme Cloud"
)
OPENAI = "litellm sends it to api.openai.com with OPENAI_API_KEY, not to Acme Cloud"


def checked(root: Path, text: str) -> tuple[list[str], int]:
    (root / "app.py").write_text(text)
    result = CliRunner().invoke(app, ["check", *ACME, str(root)])
    lines = [line.replace(f"{root}/", "") for line in result.stdout.splitlines()[:-1]]
    return lines, result.exit_code


def applied(root: Path) -> str:
    result = CliRunner().invoke(app, ["apply", "--yes", *ACME, str(root)])
    assert result.exit_code in (0, 1), result.stdout
    return (root / "app.py").read_text()


# the model a typer or click option defaults to, sent as it is
OPTIONS = {
    "typer": (
        "import litellm\nimport typer\n\n\n"
        'def main(model: str = typer.Option("openrouter/openai/gpt-4o", help="LLM")):\n'
        '    litellm.completion(model=model, messages=[{"role": "user", "content": "hi"}])\n',
        "app.py:5:36",
    ),
    "typer-default": (
        "import litellm\nimport typer\n\n\n"
        'def main(model: str = typer.Option(default="openrouter/openai/gpt-4o")):\n'
        '    litellm.completion(model=model, messages=[{"role": "user", "content": "hi"}])\n',
        "app.py:5:44",
    ),
    "click": (
        "import click\nimport litellm\n\n\n@click.command()\n"
        '@click.option("-m", "--model", default="openrouter/openai/gpt-4o")\n'
        "def main(model):\n"
        '    litellm.completion(model=model, messages=[{"role": "user", "content": "hi"}])\n',
        "app.py:6:40",
    ),
}


@pytest.mark.parametrize("form", OPTIONS)
def test_an_options_default_is_read_as_the_models_value(tmp_path, form):
    # before: a warning that the model is chosen at run time, naming no value
    text, at = OPTIONS[form]
    assert checked(tmp_path, text) == ([f"{at} {THROUGH}"], 1)
    assert applied(tmp_path) == text  # manual: the router's key may sit in the call


HEAD = "import os\n\nimport litellm\nimport typer\n\n\n"
# ML640's advice as an if/else around two calls (t60e mig4)
IF_ELSE = (
    HEAD + 'def main(q, model: str = typer.Option("{default}")):\n'
    '    if model.startswith("acme/"):\n'
    f"        return litellm.completion(model=model, messages=q, api_key={KEY})\n"
    "    else:\n"
    "        return litellm.completion(model=model, messages=q)\n"
)
# the same through a class keeping the model, as gpt-migrate's AI does
CLASS = (
    HEAD + "class AI:\n"
    '    def __init__(self, model="{default}"):\n'
    "        self.model_name = model\n\n"
    "    def ask(self, q):\n"
    "{body}"
    "        return litellm.completion(model=self.model_name, messages=q, **route)\n"
)
IFEXP = (
    "        route = (\n"
    f'            {{"api_key": {KEY}}} if self.model_name.startswith("acme/") else {{}}\n'
    "        )\n"
)
DICT_CALL = (
    "        route = {}\n"
    '        if self.model_name.startswith("acme/"):\n'
    f"            route = dict(api_key={KEY})\n"
)


def test_the_else_of_the_route_test_sends_an_options_default_as_it_is(tmp_path):
    # before (t60e): 0 findings, rc 0, while every call went to openrouter.ai
    text = IF_ELSE.replace("{default}", "openrouter/openai/gpt-4o")
    assert checked(tmp_path, text) == ([f"app.py:7:39 {THROUGH}"], 1)
    assert applied(tmp_path) == text


@pytest.mark.parametrize("body", [IFEXP, DICT_CALL], ids=["ifexp", "dict-call"])
def test_a_default_failing_the_route_test_is_an_error_on_the_call_spreading_the_route(
    tmp_path, body
):
    # before: `{...} if test else {}` and `dict(...)` under the test were warnings saying to
    # give the key on the route only (what they do), naming no default
    text = CLASS.replace("{default}", "openrouter/openai/gpt-4o").replace("{body}", body)
    where = "the default of model of AI(), line 8"
    message = off_route(
        "self.model_name", "openrouter/openai/gpt-4o", where, OPENROUTER, "acme/acme-large", CALLERS
    )
    assert checked(tmp_path, text) == ([f"app.py:15:41 {message}"], 1)
    assert applied(tmp_path) == text


@pytest.mark.parametrize("body", [IFEXP, DICT_CALL], ids=["ifexp", "dict-call"])
def test_an_openai_default_is_left_to_ml204_which_writes_it_on_the_route(tmp_path, body):
    text = CLASS.replace("{default}", "gpt-4o-mini").replace("{body}", body)
    ml204 = (
        "app.py:8:30 ML204 default of model = 'gpt-4o-mini' maps to 'acme/acme-small' on Acme "
        "Cloud, on litellm's route for it: this module calls litellm, which sends a model "
        "without a provider prefix to OpenAI"
    )
    assert checked(tmp_path, text) == ([ml204], 1)
    assert applied(tmp_path) == text.replace('"gpt-4o-mini"', '"acme/acme-small"')
    assert checked(tmp_path, (tmp_path / "app.py").read_text()) == ([], 0)


@pytest.mark.parametrize(
    "text",
    [
        IF_ELSE.replace("{default}", "acme/acme-large"),
        CLASS.replace("{default}", "acme/acme-large").replace("{body}", IFEXP),
        CLASS.replace("{default}", "acme/acme-large").replace("{body}", DICT_CALL),
        CLASS.replace('model="{default}"', "model").replace("{body}", IFEXP),
        CLASS.replace('model="{default}"', "model").replace("{body}", DICT_CALL),
    ],
    ids=["if-else", "ifexp", "dict-call", "ifexp-no-default", "dict-call-no-default"],
)
def test_a_default_on_the_route_or_none_shown_keeps_check_green(tmp_path, text):
    assert checked(tmp_path, text) == ([], 0)


def test_a_caller_passing_an_openai_model_to_the_else_is_an_error(tmp_path):
    text = (
        HEAD + "def ask(model, q):\n"
        '    if model.startswith("acme/"):\n'
        f"        return litellm.completion(model=model, messages=q, api_key={KEY})\n"
        "    return litellm.completion(model=model, messages=q)\n\n\n"
        'ask("acme/acme-large", [])\n'
        'ask("gpt-4o", [])\n'
    )
    message = off_route("model", "gpt-4o", "line 14", OPENAI, "acme/acme-large")
    # ML205 says the same literal is an OpenAI model; apply leaves both
    assert checked(tmp_path, text)[0][0] == f"app.py:10:37 {message}"


# the if/else of ML640's advice around an OpenAI default, however the program declares it
DECLARED = {
    "typer": (HEAD, 'def main(q, model: str = typer.Option("gpt-4o")):\n'),
    "click": (
        "import os\n\nimport click\nimport litellm\n\n\n",
        '@click.command()\n@click.option("--model", "--llm-model-name", default="gpt-4o")\n'
        "def main(q, model):\n",
    ),
    "plain": ("import os\n\nimport litellm\n\n\n", 'def main(q, model="gpt-4o"):\n'),
}
ROUTE_CALL = (
    '    if model.startswith("acme/"):\n'
    f"        return litellm.completion(model=model, messages=q, api_key={KEY})\n"
)
WRITES = (
    "ML640 model='gpt-4o' of litellm.completion() is an OpenAI model; apply writes "
    "'acme/acme-large' (litellm's acme route) for Acme Cloud"
)
ENDPOINT = (
    "ML640 litellm.completion() sends the request to OpenAI; apply passes the key from "
    "ACME_API_KEY and the base URL from ACME_BASE_URL (default https://api.acme.example/v1)"
)
ELSE_CALL = "    return litellm.completion(model=model, messages=q)\n"
SPREAD_CALL = (
    "    route = {}\n"
    '    if model.startswith("acme/"):\n'
    f"        route = dict(api_key={KEY})\n"
    "    return litellm.completion(model=model, messages=q, **route)\n"
)


@pytest.mark.parametrize("form", DECLARED)
def test_an_openai_default_is_written_on_the_route_its_test_sends_to_the_routes_call(
    tmp_path, form
):
    # before: the default was left as an error ("the program would take another branch")
    # and the else call was given Acme's key and base URL, sending other models to Acme
    head, signature = DECLARED[form]
    text = head + signature + ROUTE_CALL + ELSE_CALL
    rows = text.splitlines()
    line = next(n for n, row in enumerate(rows, 1) if '"gpt-4o"' in row)
    at = f"app.py:{line}:{rows[line - 1].index('gpt-4o')}"
    routed = f"app.py:{rows.index(ROUTE_CALL.splitlines()[0]) + 2}:16 {ENDPOINT}"
    # the else call, which handles the other models, is left as it is
    assert checked(tmp_path, text) == ([f"{at} {WRITES}", routed], 1)
    route_call = (
        '    if model.startswith("acme/"):\n'
        "        return litellm.completion(\n"
        "            model=model,\n"
        "            messages=q,\n"
        f"            api_key={KEY},\n"
        '            api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "        )\n"
    )
    after = head + signature.replace('"gpt-4o"', '"acme/acme-large"') + route_call + ELSE_CALL
    assert applied(tmp_path) == after
    assert checked(tmp_path, after) == ([], 0)


@pytest.mark.parametrize("form", DECLARED)
def test_an_openai_default_of_a_call_spreading_the_route_is_ml204s(tmp_path, form):
    # before (typer, plain): ML640 left the default ("the program would take another
    # branch") and the call (its `**` arguments) to a person; click's `--name` alone too
    head, signature = DECLARED[form]
    text = head + signature + SPREAD_CALL
    rows = text.splitlines()
    line = next(n for n, row in enumerate(rows, 1) if '"gpt-4o"' in row)
    at = f"app.py:{line}:{rows[line - 1].index('gpt-4o')}"
    subject = {"typer": "option model", "click": "option --model", "plain": "model"}[form]
    ml204 = (
        f"{at} ML204 default of {subject} = 'gpt-4o' maps to 'acme/acme-large' on Acme Cloud, "
        "on litellm's route for it: this module calls litellm, which sends a model without a "
        "provider prefix to OpenAI"
    )
    assert checked(tmp_path, text) == ([ml204], 1)
    after = text.replace('"gpt-4o"', '"acme/acme-large"')
    assert applied(tmp_path) == after
    assert checked(tmp_path, after) == ([], 0)


def test_the_body_of_a_negated_route_test_is_left_as_the_else_is(tmp_path):
    head, signature = DECLARED["plain"]
    other = '    if not model.startswith("acme/"):\n' + "    " + ELSE_CALL
    routed = f"    return litellm.completion(model=model, messages=q, api_key={KEY})\n"
    text = head + signature + other + routed
    after = (
        head
        + signature.replace('"gpt-4o"', '"acme/acme-large"')
        + other
        + "    return litellm.completion(\n"
        "        model=model,\n"
        "        messages=q,\n"
        f"        api_key={KEY},\n"
        '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    )\n"
    )
    # before: the call under `if not ...` was given Acme's key and base URL too
    assert checked(tmp_path, text) == (
        [f"app.py:6:19 {WRITES}", f"app.py:9:12 {ENDPOINT}"],
        1,
    )
    assert applied(tmp_path) == after
    assert checked(tmp_path, after) == ([], 0)
