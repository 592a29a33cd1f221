"""ML640 on a litellm call whose model is chosen at run time: the provider's key and base URL
only where the model is on its route (t49c D1, qodo-cover's AICaller), the variables named as
apply's next step names them (D3), and a `self.model` the module fixes (open-interpreter)."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules.litellm_route_keys import on_route, route_test

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]

HEAD = (
    "import os\n\nimport litellm\n\n\nclass Caller:\n"
    "    def __init__(self, model):\n        self.model = model\n\n"
    "    def call(self, messages):\n"
)
KEY = 'os.environ["ACME_API_KEY"]'
BASE = 'os.environ.get("ACME_API_BASE", "https://api.acme.example/v1")'
# the hint followed as written before: the key and base URL whatever the model
ENTRIES = (
    HEAD + "        params = {\n"
    '            "model": self.model,\n'
    '            "messages": messages,\n'
    f'            "api_key": {KEY},\n'
    f'            "api_base": {BASE},\n'
    "        }\n"
    "        return litellm.completion(**params)\n"
)
SET_ALWAYS = (
    HEAD + '        params = {"model": self.model, "messages": messages}\n'
    f'        params["api_key"] = {KEY}\n'
    f'        params["api_base"] = {BASE}\n'
    "        return litellm.completion(**params)\n"
)
# the fix: only on the provider's route
SET_ON_ROUTE = (
    HEAD + '        params = {"model": self.model, "messages": messages}\n'
    '        if self.model.startswith("acme/"):\n'
    f'            params["api_key"] = {KEY}\n'
    f'            params["api_base"] = {BASE}\n'
    "        return litellm.completion(**params)\n"
)
ENTRIES_ON_ROUTE = (
    HEAD + '        on_acme = self.model.startswith("acme/")\n'
    "        return litellm.completion(\n"
    "            model=self.model,\n"
    "            messages=messages,\n"
    f'            api_key={KEY} if self.model.startswith("acme/") else None,\n'
    f'            api_base={BASE} if self.model.startswith("acme/") else None,\n'
    "        )\n"
)
CALL_ON_ROUTE = (
    HEAD + '        if self.model.startswith("acme/"):\n'
    f"            return litellm.completion(\n"
    f"                model=self.model, messages=messages, api_key={KEY}, api_base={BASE}\n"
    "            )\n"
    "        return litellm.completion(model=self.model, messages=messages)\n"
)
# qodo-cover's own test: the program's api_base for other routes, not the provider's
OTHER_ROUTES = (
    HEAD + '        params = {"model": self.model, "messages": messages}\n'
    '        if "ollama" in self.model or self.model.startswith("openai/"):\n'
    '            params["api_base"] = os.environ["LOCAL_BASE"]\n'
    "        return litellm.completion(**params)\n"
)

# what the hints say to write: the provider file's variables, as apply's edits write them
# (t51j D), and the one litellm's acme/ route reads itself where a call passes none
WRITTEN_BASE = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
NOTE = (
    " (as apply's edits write them; litellm's acme/ route reads ACME_API_BASE itself only "
    "where a call passes no api_base)"
)
LOOSE = (
    "litellm.completion() takes its model from `self.model` (through `**`) at run time and is "
    "given Acme Cloud's key and base URL whatever that model is: a model on another of "
    "litellm's routes (`ollama/...`, `openai/...` with your api_base) would take them to its "
    f"host; give api_key={KEY} and api_base={WRITTEN_BASE} only where the model is on acme/ "
    f'(`if self.model.startswith("acme/"):`){NOTE}, by hand'
)
RUN_TIME = (
    "litellm.completion() takes its model from `self.model` (through `**`) at run time: an "
    "OpenAI model there (`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY; for Acme "
    "Cloud give it acme/<model> (acme-large, acme-medium, acme-small) and, only where the model "
    'is on that route (`if self.model.startswith("acme/"):`: another route would take them to '
    f"its host), api_key={KEY} and api_base={WRITTEN_BASE}{NOTE}, by hand"
)


def _run(root: Path, *args: str):
    return CliRunner().invoke(app, [*args, *ACME, str(root)])


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (ENTRIES, [f"app.py:14:24 ML640 {LOOSE}"]),
        (SET_ALWAYS, [f"app.py:12:29 ML640 {LOOSE}"]),
        (OTHER_ROUTES, [f"app.py:11:28 ML640 {RUN_TIME}"]),
        (SET_ON_ROUTE, []),
        (ENTRIES_ON_ROUTE, []),
        (CALL_ON_ROUTE, []),
    ],
    ids=[
        "entries",
        "set-always",
        "other-routes",
        "set-on-route",
        "ifexp-on-route",
        "call-on-route",
    ],
)
def test_check_fails_on_a_key_given_whatever_the_route_and_passes_on_the_route_only(
    tmp_path, text, lines
):
    (tmp_path / "app.py").write_text(text)
    result = _run(tmp_path, "check")
    found = [line.replace(f"{tmp_path}/", "") for line in result.stdout.splitlines()[:-1]]
    assert (found, result.exit_code) == (lines, 1 if lines else 0)
    applied = _run(tmp_path, "apply", "--yes")
    assert applied.exit_code == 0
    assert (tmp_path / "app.py").read_text() == text  # left to a person: apply writes nothing


def test_the_hint_and_the_next_step_name_the_same_base_url_variable(tmp_path):
    """t49c D3: the next step named ACME_API_BASE (litellm's route reads it), the hint
    ACME_BASE_URL alone. t51j D: the hint named litellm's variables where apply's own edits
    write the provider file's. The hint's code names what apply's edits write, and the hint
    says, as the next step does, that the as-applied call (given none) reads ACME_API_BASE.
    t61c: the next step named ACME_API_BASE alone, which the call given the hint's code does
    not read: it names ACME_BASE_URL for that code too, and why."""
    (tmp_path / "app.py").write_text(OTHER_ROUTES)
    (tmp_path / "configuration.toml").write_text('[default]\nmodel = "gpt-4o"\n')
    result = _run(tmp_path, "apply", "--yes")
    assert result.exit_code == 0
    output = result.stdout + result.stderr
    assert (tmp_path / "configuration.toml").read_text() == (
        '[default]\nmodel = "acme/acme-large"\n'
    )
    (hint,) = [line for line in output.splitlines() if " ML640 " in line]
    (step,) = [line for line in output.splitlines() if line.startswith("Next:")]
    assert hint.endswith(f"api_key={KEY} and api_base={WRITTEN_BASE}{NOTE}, by hand")
    assert step == (
        "Next: export ACME_API_KEY=<your Acme Cloud key> and ACME_API_BASE="
        "https://api.acme.example/v1 (the OpenAI key does not work there): litellm's acme/ "
        "route reads them where a call passes no api_key or api_base. Left for you asks to "
        f"give litellm calls ({tmp_path / 'app.py'}:11:28) api_base from "
        "ACME_BASE_URL, as apply's edits do, and litellm does not read ACME_API_BASE for a "
        "call given api_base: once you write that, export "
        "ACME_BASE_URL=https://api.acme.example/v1 too."
    )


KNOWN = (
    "import litellm\n\n\nclass Bot:\n    def __init__(self):\n"
    '        self.model = "gpt-4o"\n\n'
    "    def ask(self, q):\n"
    "        return litellm.completion(model=self.model, messages=q)\n"
)


def test_a_self_model_the_module_fixes_is_not_said_to_be_chosen_at_run_time(tmp_path):
    """open-interpreter (s48): ML204 writes `self.model` on the route and ML118 follows it
    there; ML640 called it chosen at run time and kept check red after apply."""
    (tmp_path / "app.py").write_text(KNOWN)
    scanned = _run(tmp_path, "check")
    assert scanned.exit_code == 1
    assert "ML640" not in scanned.stdout and "ML204" in scanned.stdout
    assert _run(tmp_path, "apply", "--yes").exit_code == 0
    assert 'self.model = "acme/acme-large"' in (tmp_path / "app.py").read_text()
    result = _run(tmp_path, "check")
    assert "ML640" not in result.stdout


def test_a_self_model_the_module_fixes_among_others_names_its_values(tmp_path):
    text = KNOWN.replace(
        "    def ask", '    def local(self):\n        self.model = "ollama/llama3"\n\n    def ask'
    ).replace('"ollama/llama3"', "input()")
    (tmp_path / "app.py").write_text(text)
    result = _run(tmp_path, "check")
    assert "takes its model from `self.model` at run time" in result.stdout
    (tmp_path / "app.py").write_text(text.replace("input()", '"gpt-4o-mini"'))
    assert "ML640" not in _run(tmp_path, "check").stdout


@pytest.mark.parametrize(
    ("test", "holds"),
    [
        ('m.startswith("acme/")', True),
        ('m.startswith(("acme/", "acme/x"))', True),
        ('m.startswith(("acme/", "ollama/"))', False),
        ('provider == "acme"', True),
        ('"acme/" in m', True),
        ('ok and m.startswith("acme/")', True),
        ('m.startswith("acme/") or "ollama" in m', False),
        ('m.startswith("acme")', False),
        ('"ollama" in m', False),
    ],
)
def test_route_tests(test, holds):
    assert route_test(cst.parse_expression(test), "acme") is holds


def test_a_model_built_on_the_route():
    assert on_route(cst.parse_expression('f"acme/{name}"'), "acme")
    assert on_route(cst.parse_expression('"acme/" + name'), "acme")
    assert not on_route(cst.parse_expression('f"{route}/{name}"'), "acme")
