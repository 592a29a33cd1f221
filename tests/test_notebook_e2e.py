"""A migrated notebook runs on the provider: its code cells, executed in order in one namespace
as a kernel would (line magics applied or skipped, non-Python cells skipped), reach the
loopback server with the provider's key, path and models, and no other host.

The notebook is run in a subprocess with the real openai SDK, no OPENAI_* variable set, and
tests/network_guard.py installed.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .notebook_builder import STYLES, cell, notebook
from .program_runner import run_python
from .test_e2e_app import HTTPX_ALIAS, clean_env

KEY = "sk-proj-notebookkey0123456789abcdef"

CELLS = (
    cell("# 北京导览\n用大模型回答问题。", kind="markdown"),
    cell(f"!pip install -q openai==0.28 python-dotenv\n%env OPENAI_API_KEY={KEY}"),
    cell(
        "import os\nimport openai\nfrom openai import OpenAI\n\n"
        f'os.environ["OPENAI_API_KEY"] = "{KEY}"\nclient = OpenAI()'
    ),
    cell(
        'def ask(prompt, model="gpt-4o-mini"):\n'
        "    reply = client.chat.completions.create(\n"
        '        model=model, messages=[{"role": "user", "content": prompt}]\n'
        "    )\n"
        "    return reply.choices[0].message.content"
    ),
    cell('%%time\nanswer = ask("用一句话介绍北京")\nprint(answer)'),
    cell(
        'legacy = openai.ChatCompletion.create(model="gpt-3.5-turbo", '
        'messages=[{"role": "user", "content": "hi"}])\n'
        'print(legacy["choices"][0]["message"]["content"])'
    ),
    cell(
        'vectors = client.embeddings.create(model="text-embedding-3-small", input=["北京", "上海"])\n'
        "len(vectors.data)"
    ),
    cell("%%bash\necho done"),
    cell("answer?"),
)

# What a kernel does with the cells, short of IPython itself: `%env` sets a variable, other
# magics and shell lines are skipped, cells of non-Python cell magics are skipped.
RUNNER = r"""
import json, os, re, sys
cells = json.load(open(sys.argv[1], encoding="utf-8"))["cells"]
namespace = {"__name__": "__main__"}
for cell in cells:
    if cell["cell_type"] != "code":
        continue
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    lines = source.split("\n")
    if lines and lines[0].startswith("%%"):
        if lines[0][2:].split()[0] not in ("time", "capture"):
            continue
        lines = lines[1:]
    code = []
    for line in lines:
        env = re.match(r"\s*%env\s+(\w+)[ =](.*)", line)
        if env:
            os.environ[env.group(1)] = env.group(2).strip()
        if re.match(r"\s*[%!]|.*\?\s*$", line):
            line = ""
        code.append(line)
    exec(compile("\n".join(code), "<cell>", "exec"), namespace)
"""


@pytest.mark.parametrize("provider_id", ["zhipu", "qwen"])
@pytest.mark.parametrize("style", ["jupyter", "minified"])
def test_migrated_notebook_runs_on_the_provider(
    registry, server, tmp_path, monkeypatch, provider_id, style
):
    provider = registry.get(provider_id)
    project = tmp_path / "project"
    project.mkdir()
    path = project / "guide.ipynb"
    path.write_text(STYLES[style](notebook(*CELLS)), encoding="utf-8")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", provider_id, "--yes"])
    assert result.exit_code == 0, result.stderr
    migrated = path.read_text(encoding="utf-8")
    assert KEY not in migrated
    json.loads(migrated)

    prefix = urlsplit(provider.base_url).path.rstrip("/")
    env = clean_env(registry) | {
        provider.api_key_env: "provider-test-key",
        provider.base_url_env: server.base + prefix,
    }
    guard = tmp_path / "guard"
    runner = tmp_path / "run_cells.py"
    runner.write_text(RUNNER, encoding="utf-8")
    run = run_python(
        [str(runner), str(path)],
        env=network_guard.subprocess_env(env, guard, HTTPX_ALIAS),
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert network_guard.blocked_hosts(guard) == []

    chats = [r for r in server.requests if r.path.endswith("/chat/completions")]
    embeddings = [r for r in server.requests if r.path.endswith("/embeddings")]
    assert len(chats) == 2 and len(embeddings) == 1, [r.path for r in server.requests]
    assert all(r.path.startswith(prefix + "/") for r in server.requests)
    assert all(r.headers["authorization"] == "Bearer provider-test-key" for r in server.requests)
    assert [r.body["model"] for r in chats] == [
        provider.map_model("gpt-4o-mini"),
        provider.map_model("gpt-3.5-turbo"),
    ]
    assert embeddings[0].body["model"] == provider.map_model("text-embedding-3-small")
