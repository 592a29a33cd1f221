"""End to end with the real litellm (marker `frameworks`): a typer command whose `--model`
defaults to the model litellm is sent (t60e, gpt-migrate). A default OpenAI model is read as a
plain default is: apply writes it on litellm's zai route with the provider's key and base URL,
and the command, run with no `--model`, reaches the provider (the loopback server). With
ML640's advice as an if/else around two calls and the default `openrouter/openai/gpt-4o`,
`check` is red, as the command sends every call to openrouter.ai (t60e: the network guard
refused it); once the default is the provider's model on its route, `check` passes and the command
reaches the provider. With an OpenAI default there (typer's, click's or a plain one), apply
writes it on the route, where the program's own test sends it to the route's call, and leaves
the `else` call, which handles the other models, without the provider's key and base URL."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded

pytestmark = pytest.mark.frameworks

ZAI = '"https://open.bigmodel.cn/api/paas/v4"'
TAIL = (
    "    print(json.dumps(reply.choices[0].message.content))\n\n\n"
    'if __name__ == "__main__":\n'
    "    typer.run(main)\n"
)
PLAIN = (
    "import json\n\nimport typer\nfrom litellm import completion\n\n\n"
    'def main(model: str = typer.Option("gpt-4o", help="LLM to use")):\n'
    '    reply = completion(model=model, messages=[{"role": "user", "content": "hi"}])\n' + TAIL
)
APPLIED = (
    "import json\nimport os\n\nimport typer\nfrom litellm import completion\n\n\n"
    'def main(model: str = typer.Option("zai/glm-5.3", help="LLM to use")):\n'
    "    reply = completion(\n"
    "        model=model,\n"
    '        api_key=os.environ["ZAI_API_KEY"] or "unset",\n'
    f'        api_base=os.environ.get("ZAI_BASE_URL", {ZAI}),\n'
    '        messages=[{"role": "user", "content": "hi"}],\n'
    "    )\n" + TAIL
)
IF_ELSE = (
    "import json\nimport os\n\nimport typer\nfrom litellm import completion\n\n\n"
    'def main(model: str = typer.Option("{default}")):\n'
    '    messages = [{"role": "user", "content": "hi"}]\n'
    '    if model.startswith("zai/"):\n'
    "        reply = completion(\n"
    "            model=model,\n"
    "            messages=messages,\n"
    '            api_key=os.environ["ZAI_API_KEY"],\n'
    f'            api_base=os.environ.get("ZAI_BASE_URL", {ZAI}),\n'
    "        )\n"
    "    else:\n"
    "        reply = completion(model=model, messages=messages)\n" + TAIL
)


def _env(server) -> dict[str, str]:
    return {
        "ZAI_API_KEY": "test-key-zai",
        "ZAI_BASE_URL": server.base + "/api/paas/v4",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }


def _check() -> tuple[int, list[tuple[str, int, str]]]:
    done = CliRunner().invoke(app, ["check", "cli.py", "--provider", "zhipu", "--format", "json"])
    rows = [(f["rule"], f["line"], f["severity"]) for f in json.loads(done.stdout)["findings"]]
    return done.exit_code, rows


def test_apply_moves_a_typer_default_and_the_command_reaches_the_provider(
    server, tmp_path, monkeypatch
):
    pytest.importorskip("litellm")
    (tmp_path / "cli.py").write_text(PLAIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # before: ML204 wrote the default alone and ML640 left the call without the endpoint
    done = CliRunner().invoke(app, ["apply", "cli.py", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stdout
    assert (tmp_path / "cli.py").read_text(encoding="utf-8") == APPLIED
    assert _check() == (0, [])
    proc, blocked = run_guarded("cli.py", tmp_path, _env(server))
    assert (blocked, proc.returncode) == ([], 0), proc.stderr
    assert json.loads(proc.stdout) == "reply from glm-5.3"
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-zai"
    assert (request.path, request.body["model"]) == ("/api/paas/v4/chat/completions", "glm-5.3")


def test_check_is_red_while_the_else_sends_the_default_to_openrouter(server, tmp_path, monkeypatch):
    pytest.importorskip("litellm")
    (tmp_path / "cli.py").write_text(
        IF_ELSE.replace("{default}", "openrouter/openai/gpt-4o"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    # before (t60e): rc 0, no finding, while the command sent every call to openrouter.ai;
    # the error sits at the else call, which sends the default as it is
    assert _check() == (1, [("ML640", 18, "error")])
    # the default the message names, on the provider's route
    (tmp_path / "cli.py").write_text(IF_ELSE.replace("{default}", "zai/glm-5.3"), encoding="utf-8")
    assert _check() == (0, [])
    proc, blocked = run_guarded("cli.py", tmp_path, _env(server))
    assert (blocked, proc.returncode) == ([], 0), proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-zai"
    assert (request.path, request.body["model"]) == ("/api/paas/v4/chat/completions", "glm-5.3")


# the if/else with an OpenAI default, as typer, click and a plain parameter declare it
ROUTED = (
    '    messages = [{"role": "user", "content": "hi"}]\n'
    '    if model.startswith("zai/"):\n'
    "        reply = completion(\n"
    "            model=model,\n"
    "            messages=messages,\n"
    '            api_key=os.environ["ZAI_API_KEY"],\n'
    f'            api_base=os.environ.get("ZAI_BASE_URL", {ZAI}),\n'
    "        )\n"
    "    else:\n"
    "        reply = completion(model=model, messages=messages)\n"
    "    print(json.dumps(reply.choices[0].message.content))\n\n\n"
)
IMPORTS = "import json\nimport os\n\n{lib}from litellm import completion\n\n\n"
DECLARED = {
    "typer": (
        IMPORTS.replace("{lib}", "import typer\n")
        + 'def main(model: str = typer.Option("gpt-4o")):\n'
        + ROUTED
        + 'if __name__ == "__main__":\n    typer.run(main)\n'
    ),
    "click": (
        IMPORTS.replace("{lib}", "import click\n")
        + '@click.command()\n@click.option("--model", "--llm-model-name", default="gpt-4o")\n'
        + "def main(model):\n"
        + ROUTED
        + 'if __name__ == "__main__":\n    main()\n'
    ),
    "plain": (
        IMPORTS.replace("{lib}", "")
        + 'def main(model="gpt-4o"):\n'
        + ROUTED
        + 'if __name__ == "__main__":\n    main()\n'
    ),
}


@pytest.mark.parametrize("form", DECLARED)
def test_an_openai_default_reaches_the_routes_call_and_the_else_is_left(
    server, tmp_path, monkeypatch, form
):
    pytest.importorskip("litellm")
    text = DECLARED[form]
    (tmp_path / "cli.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # before: the default was left as an error ("would take another branch") and the else
    # call was given ZAI's key and base URL, which sent any other model (gpt-4o) to Zhipu
    line = next(n for n, code in enumerate(text.splitlines(), 1) if '"gpt-4o"' in code)
    assert _check() == (1, [("ML640", line, "error")])
    done = CliRunner().invoke(app, ["apply", "cli.py", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stdout
    after = text.replace('"gpt-4o"', '"zai/glm-5.3"')
    assert (tmp_path / "cli.py").read_text(encoding="utf-8") == after
    assert _check() == (0, [])
    proc, blocked = run_guarded("cli.py", tmp_path, _env(server))
    assert (blocked, proc.returncode) == ([], 0), proc.stderr
    assert json.loads(proc.stdout) == "reply from glm-5.3"
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-zai"
    assert (request.path, request.body["model"]) == ("/api/paas/v4/chat/completions", "glm-5.3")
