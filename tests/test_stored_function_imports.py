"""A function whose decorator stores its source and runs it alone (babyagi 2's functionz:
`@func.register_function(imports=["litellm"])` execs only the function, with the packages of
`imports=`) gets the imports `apply` adds inside it, whether or not the module imports the
name: ML640's `os.environ[...]` under a module-level `import os` raised NameError there (t51d
defect 2). The table is `frameworks/stored_functions.py`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .loopback_run import run_guarded

CALL = '    return litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": q}])\n'
MOVED = (
    "    return litellm.completion(\n"
    '        model="acme/acme-large",\n'
    '        api_key=os.environ["ACME_API_KEY"],\n'
    '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    '        messages=[{"role": "user", "content": q}],\n'
    "    )\n"
)
PACK = "import litellm\nfrom functionz.core.framework import func\n\n\n"
REGISTERED = '@func.register_function(imports=["litellm"])\ndef ask(q):\n'


def migrated(registry, text: str) -> str:
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), Path("."))
    change = scanner.migrate_text(text, "python", "pack.py", "pack.py")
    assert change.error is None
    again = scanner.migrate_text(change.after, "python", "pack.py", "pack.py")
    assert again.after == change.after
    return change.after


def test_the_import_goes_into_the_registered_function(registry):
    alone = PACK + REGISTERED + CALL  # t51d's repro r11
    assert migrated(registry, alone) == PACK + REGISTERED + "    import os\n\n" + MOVED
    before = PACK + REGISTERED + CALL + "\n\ndef other(q):\n" + CALL
    assert migrated(registry, before) == (
        "import os\n\n"
        + PACK
        + REGISTERED
        + "    import os\n\n"
        + MOVED
        + "\n\ndef other(q):\n"
        + MOVED
    )


def test_also_where_the_module_imports_it(registry):
    """The module's `import os` is not there when functionz runs the function."""
    before = "import os\n\n" + PACK + REGISTERED + '    """Ask."""\n' + CALL
    assert migrated(registry, before) == (
        "import os\n\n" + PACK + REGISTERED + '    """Ask."""\n    import os\n\n' + MOVED
    )


@pytest.mark.parametrize(
    "head, decorator",
    [
        ("import babyagi\nimport litellm\n\n\n", "@babyagi.register_function()\n"),
        ("import litellm\nfrom babyagi import register_function\n\n\n", "@register_function()\n"),
    ],
)
def test_babyagi_registers_the_same_way(registry, head, decorator):
    before = head + decorator + "def ask(q):\n" + CALL
    assert migrated(registry, before) == head + decorator + "def ask(q):\n    import os\n\n" + MOVED


def test_a_decorator_of_another_package_changes_nothing(registry):
    before = "import litellm\nfrom mine import func\n\n\n" + REGISTERED + CALL
    assert migrated(registry, before) == (
        "import os\n\nimport litellm\nfrom mine import func\n\n\n" + REGISTERED + MOVED
    )


# A stand-in for functionz (written for this test): the decorator keeps the function's source
# from its `def` line and runs it alone, with only the packages named in `imports=`.
FRAMEWORK = (
    "import importlib\nimport inspect\n\n\n"
    "class _Registry:\n"
    "    def register_function(self, imports=()):\n"
    "        def decorator(function):\n"
    "            lines = inspect.getsourcelines(function)[0]\n"
    '            start = next(i for i, line in enumerate(lines) if line.startswith("def "))\n'
    '            source = "".join(lines[start:])\n\n'
    "            def run(*args):\n"
    "                scope = {name: importlib.import_module(name) for name in imports}\n"
    "                exec(source, scope)\n"
    "                return scope[function.__name__](*args)\n\n"
    "            return run\n\n"
    "        return decorator\n\n\n"
    "func = _Registry()\n"
)
PROGRAM = (
    "import json\n\nfrom pack import ask\n\n"
    'print(json.dumps(ask("hi").choices[0].message.content))\n'
)


@pytest.mark.frameworks
def test_the_registered_function_runs_alone_after_apply(server, tmp_path, monkeypatch):
    pytest.importorskip("litellm")
    core = tmp_path / "functionz" / "core"
    core.mkdir(parents=True)
    for package in (tmp_path / "functionz", core):
        (package / "__init__.py").write_text("", encoding="utf-8")
    (core / "framework.py").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "pack.py").write_text(PACK + REGISTERED + CALL, encoding="utf-8")
    (tmp_path / "run.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "pack.py", "--provider", "siliconflow", "--yes"])
    assert done.exit_code == 0, done.stderr
    env = {
        "SILICONFLOW_CN_API_KEY": "test-key-siliconflow",
        "SILICONFLOW_BASE_URL": server.base + "/v1",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == "reply from deepseek-ai/DeepSeek-V3.2"
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-siliconflow"
    assert (request.path, request.body["model"]) == (
        "/v1/chat/completions",
        "deepseek-ai/DeepSeek-V3.2",
    )
