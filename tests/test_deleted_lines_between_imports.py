"""A statement apply deletes between two imports (`openai.api_key = ...`, ML301, the module
running on openai<1 code): the blank lines it sat between are cut, so that the imports stay
one block as isort sorts it (ruff's I001), one blank line kept between isort sections."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.layout import join_import_runs
from migrate_llm.rules.base import RuleContext

BEFORE = """import os

import openai

openai.api_key = os.environ["OPENAI_API_KEY"]

import requests

reply = openai.ChatCompletion.create(model="gpt-4o", messages=[])
print(reply.choices, requests.get)
"""
AFTER = """import os

import openai
import requests

client = openai.OpenAI(
    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),
    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
)

reply = client.chat.completions.create(
    extra_body={"thinking": {"type": "disabled"}}, model="deepseek-v4-pro", messages=[]
)
print(reply.choices, requests.get)
"""


def migrate(registry, text: str, directory: Path) -> str:
    """`text` migrated for DeepSeek as directory/app.py; a second run changes nothing."""
    scanner = FileScanner(RuleContext(registry, registry.get("deepseek")), directory)
    change = scanner.migrate_text(text, "python", "app.py", "app.py", directory / "app.py")
    assert change.error is None
    assert scanner.migrate_text(change.after, "python", "app.py", "app.py").after == change.after
    return change.after


def test_the_imports_a_deleted_line_separated_are_joined(registry, tmp_path):
    after = migrate(registry, BEFORE, tmp_path)
    assert after == AFTER
    pytest.importorskip("ruff")
    (tmp_path / "app.py").write_text(after, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "I,E402", "app.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "All checks passed!")


def test_the_gap_between_sections_and_the_users_own_gaps_stay():
    before = (
        "import os\n\nimport openai\n\nimport requests\n\nopenai.api_key = 'k'\n\n"
        "import json\nimport yaml\n"
    )
    after = "import os\n\nimport openai\n\nimport requests\n\n\nimport json\n\nimport yaml\n"
    # the user's gaps (os, openai, requests) stay; requests and json: one, between sections;
    # json and yaml were adjacent before: the user's
    assert join_import_runs(before, after) == (
        "import os\n\nimport openai\n\nimport requests\n\nimport json\n\nimport yaml\n"
    )
    # a comment in the gap is the user's
    commented = "import openai\n\n# the HTTP client\nimport requests\n"
    assert (
        join_import_runs("import openai\nX = 1\n\n# the HTTP client\nimport requests\n", commented)
        == commented
    )


def test_an_import_of_the_projects_own_package_keeps_its_section_apart(registry, tmp_path):
    """`from myapp.settings import X` (myapp a package beside app.py) is isort's first-party
    section, not openai's: the deleted line's gap leaves one blank line between them."""
    (tmp_path / "myapp").mkdir()
    (tmp_path / "myapp" / "__init__.py").write_text("")
    (tmp_path / "myapp" / "settings.py").write_text('MODEL = "gpt-4o"\n')
    own = "from myapp.settings import MODEL"
    before = BEFORE.replace("import requests", own).replace("requests.get", "MODEL")
    after = migrate(registry, before, tmp_path)
    assert after == AFTER.replace("import requests", "\n" + own).replace("requests.get", "MODEL")
    # without the package, myapp is another third-party package: one block with openai
    (tmp_path / "elsewhere").mkdir()
    assert migrate(registry, before, tmp_path / "elsewhere") == AFTER.replace(
        "import requests", own
    ).replace("requests.get", "MODEL")
    pytest.importorskip("ruff")
    (tmp_path / "app.py").write_text(after, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "I", "app.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "All checks passed!")
