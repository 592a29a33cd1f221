"""Where apply puts the module-level code its edits need (a client, a lazily built `_client()`):
after the last import of the module's import block, never between two imports, so the
migrated module gains no E402 (module level import not at top of file). t56g: babyagi's
`_client()` went in after `import openai`, above `import chromadb` and five more imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.imports import add_setup
from migrate_llm.rules.base import RuleContext

FACTORY = "@functools.lru_cache(maxsize=None)\ndef _client():\n    return openai.OpenAI(timeout=3)"

# `sys.path.insert(...)` above imports is no E402 (ruff lets it be); the key set after them
# makes apply build one client for the module
SYS_PATH_FIRST = """import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import openai
import requests

TIMEOUT = 30
openai.api_key = os.environ["OPENAI_API_KEY"]


def ask(prompt):
    requests.get("https://example.com", timeout=TIMEOUT)
    return openai.ChatCompletion.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
"""

SYS_PATH_FIRST_MIGRATED = """import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import openai
import requests

client = openai.OpenAI(
    api_key=os.environ.get("ACME_API_KEY", "unset"),
    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),
)

TIMEOUT = 30


def ask(prompt):
    requests.get("https://example.com", timeout=TIMEOUT)
    return client.chat.completions.create(
        model="acme-large", messages=[{"role": "user", "content": prompt}]
    )
"""


def _lint(path: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ruff", "check", "--isolated", "--output-format", "concise"]
    command += ["--select", "E402,F401,I"]
    return subprocess.run([*command, str(path)], capture_output=True, text=True, check=False)


def test_the_client_goes_after_the_last_import_of_the_block(registry, tmp_path):
    pytest.importorskip("ruff")
    ctx = RuleContext(registry, registry.get("acme"))
    path = tmp_path / "app.py"
    change = FileScanner(ctx, tmp_path).migrate_text(
        SYS_PATH_FIRST, "python", "app.py", "app.py", path
    )
    assert change.error is None
    assert change.after == SYS_PATH_FIRST_MIGRATED
    path.write_text(SYS_PATH_FIRST)
    assert _lint(path).returncode == 0  # clean before, and so after
    path.write_text(change.after)
    assert _lint(path).returncode == 0, _lint(path).stdout


def test_a_factory_goes_below_imports_that_follow_code(tmp_path):
    """babyagi's shape: `load_dotenv()` above the imports; the factory goes below the last of
    them, the code between them stays."""
    text = (
        "import functools\n\nfrom dotenv import load_dotenv\n\nload_dotenv()\n\n"
        "import os\nimport openai\nimport chromadb\n\n# telemetry off\n"
        "from chromadb.config import Settings\n\n"
        "client = chromadb.Client(Settings())\n"
    )
    assert add_setup(text, [FACTORY]) == (
        "import functools\n\nfrom dotenv import load_dotenv\n\nload_dotenv()\n\n"
        "import os\nimport openai\nimport chromadb\n\n# telemetry off\n"
        "from chromadb.config import Settings\n\n\n" + FACTORY + "\n\n\n"
        "client = chromadb.Client(Settings())\n"
    )
    assert add_setup(add_setup(text, [FACTORY]), [FACTORY]) == add_setup(text, [FACTORY])


@pytest.mark.parametrize(
    ("text", "after"),
    [
        pytest.param(
            "import openai\n\nprint(client)\n\nimport requests\n",
            "import openai\n\nclient = openai.OpenAI()\n\nprint(client)\n\nimport requests\n",
            id="code-reading-the-new-name-keeps-it-above",
        ),
        pytest.param(
            "import openai\n\n\ndef f():\n    pass\n\n\nimport requests\n",
            "import openai\n\nclient = openai.OpenAI()\n\n\ndef f():\n    pass\n\n\n"
            "import requests\n",
            id="imports-below-the-first-function-are-not-the-block",
        ),
        pytest.param(
            "import openai\n\nX = 1\n\nimport requests\n",
            "import openai\n\nX = 1\n\nimport requests\n\nclient = openai.OpenAI()\n",
            id="other-code-between-imports-stays-above",
        ),
    ],
)
def test_the_block_ends_where_code_needs_the_new_name(text, after):
    assert add_setup(text, ["client = openai.OpenAI()"]) == after


def test_migrated_babyagi_shape_gains_no_lint_error(registry, tmp_path):
    """The babyagi-shaped module migrated for acme: ruff finds the same E402/F401/I errors
    in it as in the original (those `load_dotenv()` above the imports causes), no new one."""
    pytest.importorskip("ruff")
    before = (
        "from dotenv import load_dotenv\n\nload_dotenv()\n\n"
        "import os\nimport openai\nimport chromadb\n\n"
        "client = chromadb.Client()\n"
        'KEY = os.getenv("OPENAI_API_KEY", "")\n'
        "openai.api_key = KEY\n\n\n"
        "def ask(model, messages):\n"
        "    if not model.startswith('gpt-'):\n"
        "        return openai.Completion.create(engine=model, prompt=messages[0])\n"
        "    return openai.ChatCompletion.create(model=model, messages=messages)\n"
    )
    ctx = RuleContext(registry, registry.get("acme"))
    original, migrated = tmp_path / "orig" / "app.py", tmp_path / "mig" / "app.py"
    original.parent.mkdir()
    original.write_text(before)
    shutil.copytree(original.parent, migrated.parent)
    change = FileScanner(ctx, migrated.parent).migrate_text(
        before, "python", "app.py", "app.py", migrated
    )
    assert change.error is None
    migrated.write_text(change.after)
    assert "def _client():" in change.after
    assert change.after.index("def _client():") > change.after.index("import chromadb")

    def errors(path: Path) -> list[str]:
        lines = path.read_text().splitlines()
        found = _lint(path).stdout.splitlines()
        return sorted(
            f"{message.split()[0]} {lines[int(row) - 1]}"
            for line in found
            if line.startswith(f"{path}:")
            for row, _, message in [line[len(str(path)) + 1 :].split(":", 2)]
        )

    assert errors(migrated) == errors(original)
