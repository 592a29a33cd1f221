"""A literal a client's key falls back on (t53c D2): ChatPaper's `--api_key` option defaults to
`"sk-xxxxxxxxxxxx"` ("your openai api key!"), and the reader sets it as openai<1's key. apply
keeps that key on the client it builds, with DEEPSEEK_API_KEY only where it is empty: the
placeholder won, went to DeepSeek (401), and check passed with no finding. ML004 now reports
such a default (error, masked), before apply and after it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e_app import clean_env

# the shape of ChatPaper's readers, in our words
READER = """import argparse

import openai


class Reader:
    def __init__(self, args):
        self.keys = [args.api_key]

    def ask(self, text):
        openai.api_key = self.keys[0]
        r = openai.ChatCompletion.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
        return r.choices[0].message.content


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--api_key", type=str, default="sk-xxxxxxxxxxxx", help="your openai api key!")
    print(Reader(parser.parse_args()).ask("hi"))
"""
SAID = (
    "hard-coded API key {0} ({1}) becomes the key set on line {2}: never empty, it wins over "
    "DEEPSEEK_API_KEY, which is read only where the key is empty, and goes with the requests; "
    'read DEEPSEEK_API_KEY in its place (`os.environ.get("DEEPSEEK_API_KEY")`), and rotate it '
    "if it is a real key"
)
HELP = "; its help asks for an OpenAI key (`your openai api key!`): make it ask for a DeepSeek key"


def ml004(registry, text: str):
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = check_python(text, ctx, PYTHON_RULES)
    return [
        (f.line, f.column, f.severity.value, f.fix.value, f.message)
        for f in found
        if f.rule == "ML004"
    ]


def test_an_options_default_reaching_the_key_is_reported_masked(registry):
    assert ml004(registry, READER) == [
        (
            18,
            56,
            "error",
            "manual",
            SAID.format("sk-xx…xx", "the default of --api_key", 11) + HELP,
        )
    ]


def test_a_parameters_default_and_a_gets_fallback(registry):
    before = (
        "import openai\n\n\nclass Bot:\n"
        '    def __init__(self, api_key="your-api-key-here"):\n'
        "        openai.api_key = api_key\n\n"
        "    def ask(self):\n"
        '        return openai.ChatCompletion.create(model="gpt-4o-mini", messages=[])\n'
    )
    assert ml004(registry, before) == [
        (5, 32, "error", "manual", SAID.format("your-…re", "the default of parameter `api_key`", 6))
    ]
    before = (
        "from openai import OpenAI\n\n\ndef make(cfg):\n"
        '    return OpenAI(api_key=cfg.get("api_key", "sk-placeholder"))\n'
    )
    assert ml004(registry, before) == [
        (
            5,
            46,
            "error",
            "manual",
            SAID.format("sk-pl…er", 'the default of `cfg.get("api_key", ...)`', 5),
        )
    ]


def test_no_finding_where_the_default_gives_no_key(registry):
    shapes = [
        READER.replace('default="sk-xxxxxxxxxxxx", ', 'default="", '),
        READER.replace('default="sk-xxxxxxxxxxxx", ', ""),
        READER.replace(
            'default="sk-xxxxxxxxxxxx", ', 'default=os.environ.get("OPENAI_API_KEY"), '
        ).replace("import argparse\n", "import argparse\nimport os\n"),
        # an option no key reads
        READER.replace('"--api_key"', '"--api_token"'),
    ]
    for before in shapes:
        assert ml004(registry, before) == [], before


def test_check_fails_while_the_placeholder_is_sent_and_passes_once_the_variable_is_read(
    registry, tmp_path, monkeypatch
):
    """As applied, the run sends the option's default to DeepSeek's URL though
    DEEPSEEK_API_KEY is set, and check fails on ML004; with the default the finding asks for,
    the run sends DEEPSEEK_API_KEY and check passes."""
    project = tmp_path / "app"
    project.mkdir()
    (project / "main.py").write_text(READER)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    migrated = (project / "main.py").read_text()
    assert "        client.api_key = self.keys[0] or os.environ.get(" in migrated

    def check() -> tuple[int, list[tuple[str, int]]]:
        run = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
        return run.exit_code, [(f["rule"], f["line"]) for f in json.loads(run.stdout)["findings"]]

    assert check() == (1, [("ML004", 28)])
    server = LoopbackServer().start()
    guard = tmp_path / "guard"
    env = clean_env(registry) | {
        "DEEPSEEK_BASE_URL": server.base + "/v1",
        "DEEPSEEK_API_KEY": "sk-deepseek-env",
    }
    env = network_guard.subprocess_env(env, guard)
    try:
        proc = run_python(["main.py"], cwd=project, env=env, timeout=60)
        assert proc.returncode == 0, proc.stderr
        fixed = migrated.replace(
            'default="sk-xxxxxxxxxxxx", help="your openai api key!"',
            'default=os.environ.get("DEEPSEEK_API_KEY"), help="your DeepSeek API key"',
        )
        assert fixed != migrated
        (project / "main.py").write_text(fixed)
        assert check() == (0, [])
        proc = run_python(["main.py"], cwd=project, env=env, timeout=60)
        assert proc.returncode == 0, proc.stderr
    finally:
        server.stop()
    assert network_guard.blocked_hosts(guard) == []
    host = server.base.removeprefix("http://")
    assert [(r.headers["host"], r.headers["authorization"]) for r in server.requests] == [
        (host, "Bearer sk-xxxxxxxxxxxx"),
        (host, "Bearer sk-deepseek-env"),
    ]
