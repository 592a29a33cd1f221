"""Keywords the project's pinned openai 1.x does not take (`openai_sdk.KEYWORD_SINCE`).

t63b (OpenBMB/AgentVerse, `openai==1.1.0` pinned): ML114 wrote `dimensions=1536` into
`embeddings.create()`, which openai<1.10.0 rejects (TypeError before any request) while check
was green; ML507 advised `reasoning_effort "low"`, which openai<1.58.0 rejects too, and the key
added to the YAML the program spreads into `create(**conf)` settled the finding. Now apply
sends the size in `extra_body`, a `dimensions=` under such a pin is a warning, and ML507
advises the `extra_body` form and stays red on a top-level `reasoning_effort` there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.run_facts import RunFacts, facts_of

from . import network_guard
from .program_runner import run_python

EMBED = """from openai import OpenAI

client = OpenAI()
vec = client.embeddings.create(input="a short note", model="text-embedding-ada-002")
print(len(vec.data[0].embedding))
"""
CLIENT = """client = OpenAI(
    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),
    base_url=os.environ.get(
        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
    ),
)
"""
EMBEDDED = (
    "import os\n\nfrom openai import OpenAI\n\n"
    + CLIENT
    + "vec = client.embeddings.create(\n"
    + '    extra_body={"dimensions": 1536}, input="a short note", model="text-embedding-v4"\n'
    + ")\nprint(len(vec.data[0].embedding))\n"
)
NOTE = (
    "vectors from text-embedding-v4 (1024 dimensions by default) are not comparable with "
    "stored OpenAI vectors: re-embed what you store; apply passes dimensions=1536 in extra_body (the project's requirements pin openai below "
    "1.10.0, whose embeddings.create() takes no dimensions=), the size of "
    "text-embedding-ada-002's vectors, so what holds them takes the new ones"
)
REJECTED = (
    "the project's requirements pin openai below 1.10.0, whose embeddings.create() takes no "
    "dimensions= (TypeError before any request): raise that pin to >=1.10.0, or send the size "
    'as extra_body={"dimensions": 1536}'
)
AGENT = "llm:\n  model: gpt-4\n  temperature: 0.7\n  max_tokens: 100\n"
CALLER = """import yaml
from openai import OpenAI

conf = yaml.safe_load(open("agent.yaml"))
reply = OpenAI().chat.completions.create(
    messages=[{"role": "user", "content": "hi"}], **conf["llm"]
)
print(reply.choices[0].message.content)
"""
UNCONFIRMED = (
    " (unconfirmed: qwen4-max: Alibaba says thinking is on by default and is tuned with "
    "reasoning_effort; whether enable_thinking=false turns it off is not documented; a "
    'third-party gateway (APIYI) reports reasoning_effort="none" turns it off and that a small '
    "max_tokens may be spent on thinking alone, leaving an empty reply)"
)
HEAD = (
    "qwen4-max always thinks before it answers (no switch turns it off), and the reasoning "
    "counts against max_tokens: 100 (line 4): at the default effort it may use all of it and "
    "leave the reply empty"
)
PINNED_ADVICE = (
    '; have the program send {"reasoning_effort": "low"} in the extra_body '
    "of each of these requests (the project's requirements pin openai below 1.58.0, whose "
    "create() takes no reasoning_effort=: TypeError; a program that passes on only the "
    "settings it knows drops a key added here), or choose a model that can stop thinking, "
    "by hand; no limit clears this warning (the provider's file names no size the reasoning "
    "needs; a larger one only leaves it more room): where the requests are settled otherwise "
    "(a program sending an effort itself), record that with `# migrate-llm: ignore[ML507]` "
    "on the model's line" + UNCONFIRMED
)


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)


def qwen(*args: str):
    return CliRunner().invoke(app, [*args, ".", "-p", "qwen", "--no-cache"])


def findings(command: str, rule: str, rc: int) -> list[tuple[object, ...]]:
    result = qwen(command, "--format", "json")
    assert result.exit_code == rc, result.output
    return [
        (f["line"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == rule
    ]


def test_the_pin_tells_which_keywords_the_sdk_rejects():
    def rejects(text: str) -> frozenset[str]:
        bits = facts_of("requirements", text.encode(), True, False, set())
        return RunFacts.of_bits(bits).openai_rejects

    assert rejects("openai==1.1.0\n") == {"dimensions", "reasoning_effort"}
    assert rejects("openai>=1,<1.10\n") == {"dimensions", "reasoning_effort"}
    assert rejects("openai==1.10.0\n") == {"reasoning_effort"}
    assert rejects("openai~=1.58.0\n") == frozenset()
    assert rejects("openai>=1.3\n") == frozenset()  # admits releases that take both
    assert rejects("openai==0.28.1\n") == frozenset()  # ML504 raises it to 1.x


def test_the_size_goes_in_extra_body_below_1_10(tmp_path, monkeypatch, server):
    project(tmp_path, monkeypatch, {"main.py": EMBED, "requirements.txt": "openai==1.1.0\n"})
    assert findings("scan", "ML114", 0) == [(4, "note", "review", NOTE, {})]
    assert qwen("apply", "--yes").exit_code == 0
    assert (tmp_path / "main.py").read_text() == EMBEDDED
    # the note stays (manual), nothing more to edit: a second apply changes nothing
    assert [(f[0], f[2]) for f in findings("scan", "ML114", 0)] == [(11, "manual")]
    assert qwen("apply", "--yes").exit_code == 0
    assert (tmp_path / "main.py").read_text() == EMBEDDED
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and k != "PYTHONPATH"}
    env |= {"DASHSCOPE_API_KEY": "test-key-qwen", "DASHSCOPE_BASE_URL": server.base}
    guard = tmp_path / "guard"
    proc = run_python(["main.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard))
    assert proc.returncode == 0, proc.stderr
    assert network_guard.blocked_hosts(guard) == []
    (request,) = server.requests
    assert (request.body["model"], request.body["dimensions"]) == ("text-embedding-v4", 1536)


def test_the_keyword_is_written_from_1_10_on(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, {"main.py": EMBED, "requirements.txt": "openai==1.10.0\n"})
    assert qwen("apply", "--yes").exit_code == 0
    assert "    dimensions=1536, input=" in (tmp_path / "main.py").read_text()
    assert findings("check", "ML114", 0) == []


def test_a_dimensions_keyword_below_1_10_keeps_check_red(tmp_path, monkeypatch):
    written = EMBEDDED.replace('extra_body={"dimensions": 1536}', "dimensions=1536")
    project(tmp_path, monkeypatch, {"main.py": written, "requirements.txt": "openai==1.1.0\n"})
    assert findings("check", "ML114", 1) == [
        (12, "warning", "manual", REJECTED, {"openai_requires": ">=1.10.0"}),
    ]


def test_ml507_advises_extra_body_below_1_58(tmp_path, monkeypatch, server):
    files = {"agent.yaml": AGENT, "main.py": CALLER, "requirements.txt": "openai==1.1.0\npyyaml\n"}
    project(tmp_path, monkeypatch, files)
    assert qwen("apply", "--yes", "--allow-dirty").exit_code == 0
    mapped = AGENT.replace("gpt-4", "qwen4-max")
    assert (tmp_path / "agent.yaml").read_text() == mapped
    data = {
        "model": "qwen4-max",
        "limit": "max_tokens",
        "limit_line": 4,
        "openai_requires": ">=1.58.0",
    }
    assert findings("check", "ML507", 1) == [(2, "warning", "manual", HEAD + PINNED_ADVICE, data)]
    # the key at the top level goes to create() as a keyword openai 1.1.0 rejects: still red
    (tmp_path / "agent.yaml").write_text(mapped + "  reasoning_effort: low\n")
    kept = (
        "; the reasoning_effort on line 5 goes to create() as a keyword, which the project's "
        "openai (pinned below 1.58.0) rejects: TypeError before any request"
    )
    assert findings("check", "ML507", 1) == [
        (2, "warning", "manual", HEAD + kept + PINNED_ADVICE, data)
    ]
    # in extra_body, as advised: settled, and the request carries it
    (tmp_path / "agent.yaml").write_text(mapped + "  extra_body:\n    reasoning_effort: low\n")
    assert findings("check", "ML507", 0) == []
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and k != "PYTHONPATH"}
    env |= {"DASHSCOPE_API_KEY": "test-key-qwen", "DASHSCOPE_BASE_URL": server.base}
    guard = tmp_path / "guard"
    proc = run_python(["main.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard))
    assert proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert (request.body["model"], request.body["reasoning_effort"]) == ("qwen4-max", "low")


def test_ml507_takes_the_keyword_from_1_58_on(tmp_path, monkeypatch):
    files = {
        "agent.yaml": AGENT.replace("gpt-4", "qwen4-max") + "  reasoning_effort: low\n",
        "main.py": CALLER,
        "requirements.txt": "openai>=1.58.0\n",
    }
    project(tmp_path, monkeypatch, files)
    assert findings("scan", "ML507", 0) == []


def test_a_spread_dict_gets_the_extra_body_entry(tmp_path, monkeypatch):
    spread = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(text):\n"
        '    kw = {"model": "text-embedding-ada-002", "input": [text]}\n'
        "    return client.embeddings.create(**kw)\n"
    )
    project(tmp_path, monkeypatch, {"main.py": spread, "requirements.txt": "openai==1.1.0\n"})
    assert qwen("apply", "--yes").exit_code == 0
    after = (tmp_path / "main.py").read_text()
    assert after.endswith(
        "def embed(text):\n    kw = {\n"
        '        "extra_body": {"dimensions": 1536},\n'
        '        "model": "text-embedding-v4",\n'
        '        "input": [text],\n    }\n'
        "    return client.embeddings.create(**kw)\n"
    )
    assert qwen("apply", "--yes").exit_code == 0
    assert (tmp_path / "main.py").read_text() == after
