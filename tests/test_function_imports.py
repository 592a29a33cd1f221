"""Imports an edit needs inside a function that imports what it uses itself: added beside the
function's own imports (isort-clean), so a function stored and run alone, or kept lazy about an
optional package, has them; everywhere else, at module level."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits, edited_starts
from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.imports import add_function_imports
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import RuleContext

from .provider_run import run_on_provider

KEY = 'api_key=os.environ["ACME_API_KEY"]'
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
CLIENT = f"OpenAI(\n        {KEY},\n        {URL},\n    )"


def migrate(registry, text: str, directory: Path) -> str:
    """`text` migrated for acme as `directory/app.py`; a second run changes nothing."""
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), directory)
    path = directory / "app.py"
    change = scanner.migrate_text(text, "python", "app.py", "app.py", path)
    assert change.error is None
    assert scanner.migrate_text(change.after, "python", "app.py", "app.py", path).after == (
        change.after
    )
    return change.after


CASES = [
    pytest.param(
        "def make():\n    from openai import OpenAI\n\n    return OpenAI()\n",
        f"def make():\n    import os\n\n    from openai import OpenAI\n\n    return {CLIENT}\n",
        id="a-standard-library-group-before-the-functions-own",
    ),
    pytest.param(
        'def make():\n    """A client when first needed."""\n    import json\n    import sys\n\n'
        "    from openai import OpenAI\n\n    client = OpenAI()\n    return json, sys, client\n",
        'def make():\n    """A client when first needed."""\n    import json\n    import os\n'
        "    import sys\n\n    from openai import OpenAI\n\n"
        f"    client = {CLIENT}\n    return json, sys, client\n",
        id="sorted-into-the-functions-standard-library-group-after-its-docstring",
    ),
    pytest.param(
        "class Bot:\n    async def make(self):\n        from openai import AsyncOpenAI\n\n"
        "        return AsyncOpenAI()\n",
        "class Bot:\n    async def make(self):\n        import os\n\n"
        "        from openai import AsyncOpenAI\n\n        return AsyncOpenAI(\n"
        f"            {KEY},\n            {URL},\n        )\n",
        id="a-method-indented-as-its-imports-are",
    ),
    pytest.param(
        "def outer():\n    from openai import OpenAI\n\n    def make():\n        return OpenAI()\n\n"
        "    return make\n",
        "def outer():\n    import os\n\n    from openai import OpenAI\n\n    def make():\n"
        f"        return OpenAI(\n            {KEY},\n            {URL},\n        )\n\n"
        "    return make\n",
        id="a-nested-function-without-imports-uses-the-enclosing-functions",
    ),
    pytest.param(
        "def make(prompt):\n    messages = [prompt]\n    from openai import OpenAI\n\n"
        "    client = OpenAI()\n    return client, messages\n",
        "def make(prompt):\n    import os\n\n    messages = [prompt]\n    from openai import OpenAI\n\n"
        f"    client = {CLIENT}\n    return client, messages\n",
        id="first-in-a-body-whose-imports-come-after-code",
    ),
    pytest.param(
        "def make():\n    def helper():\n        return 1\n\n    from openai import OpenAI\n\n"
        "    client = OpenAI()\n    return client, helper\n",
        "def make():\n    import os\n\n    def helper():\n        return 1\n\n"
        f"    from openai import OpenAI\n\n    client = {CLIENT}\n    return client, helper\n",
        id="first-in-a-body-that-begins-with-a-nested-def",
    ),
    pytest.param(
        "def make():\n    @staticmethod\n    def helper():\n        return 1\n\n"
        "    from openai import OpenAI\n\n    client = OpenAI()\n    return client, helper\n",
        "def make():\n    import os\n\n    @staticmethod\n    def helper():\n        return 1\n\n"
        f"    from openai import OpenAI\n\n    client = {CLIENT}\n    return client, helper\n",
        id="above-the-decorators-of-a-nested-def-it-begins-with",
    ),
    pytest.param(
        "import os\n\n\ndef make():\n    from openai import OpenAI\n\n    return OpenAI()\n",
        f"import os\n\n\ndef make():\n    from openai import OpenAI\n\n    return {CLIENT}\n",
        id="a-name-the-module-imports-is-not-imported-again",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make():\n    client = OpenAI()\n    return client\n",
        f"import os\n\nfrom openai import OpenAI\n\n\ndef make():\n    client = {CLIENT}\n"
        "    return client\n",
        id="a-function-that-imports-nothing-itself-gets-the-modules-import",
    ),
    pytest.param(
        "def make():\n    try:\n        from openai import AzureOpenAI\n"
        "    except ImportError:\n        return None\n"
        '    return AzureOpenAI(api_version="2024-10-21")\n',
        "import os\n\n\ndef make():\n    try:\n        from openai import OpenAI\n"
        f"    except ImportError:\n        return None\n    return {CLIENT}\n",
        id="the-class-an-optional-package-gives-is-imported-in-the-try-that-guards-it",
    ),
    pytest.param(
        "import json\n\n\ndef make():\n    try:\n        import numpy\n"
        "        from openai import OpenAI\n    except (ImportError, OSError):\n"
        "        return None\n    client = OpenAI()\n    return numpy, json, client\n",
        "import json\nimport os\n\n\ndef make():\n    try:\n        import numpy\n"
        "        from openai import OpenAI\n    except (ImportError, OSError):\n"
        f"        return None\n    client = {CLIENT}\n    return numpy, json, client\n",
        id="a-standard-library-import-is-not-guarded",
    ),
    pytest.param(
        "def make(): from openai import OpenAI; return OpenAI()\n",
        f"import os\n\n\ndef make(): from openai import OpenAI; return OpenAI({KEY}, {URL})\n",
        id="a-body-on-the-line-of-its-def-gets-the-modules-import",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_an_import_goes_where_the_function_imports(registry, tmp_path, before, after):
    assert migrate(registry, before, tmp_path) == after


def test_the_migrated_functions_pass_ruff(registry, tmp_path):
    pytest.importorskip("ruff")
    for number, case in enumerate(CASES[:-1]):  # the last is not lint-clean before either
        migrated = migrate(registry, case.values[0], tmp_path)
        (tmp_path / f"m{number}.py").write_text(migrated, encoding="utf-8")
    options = ["--isolated", "--select", "I,F,E501", "--output-format", "concise"]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *options, str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def _needs(text: str, at: str, statement: str = "import os") -> list[tuple[int | None, str]]:
    return [(text.index(at), statement)]


def test_code_evaluated_outside_the_body_gets_the_module_import():
    # a decorator's arguments, defaults and annotations run where the function is defined
    text = (
        "@register(key=KEY)\ndef make(model=MODEL) -> TYPE:\n    import json\n\n    return json\n"
    )
    for at in ("KEY", "MODEL", "TYPE"):
        assert add_function_imports(text, _needs(text, at)) == (text, ["import os"])
    body = text.index("return json")
    assert add_function_imports(text, [(body, "import os")])[1] == []


def test_a_from_import_joins_one_the_function_has():
    text = "def make():\n    from openai import AsyncOpenAI\n\n    return OpenAI()\n"
    needs = _needs(text, "return", "from openai import OpenAI")
    assert add_function_imports(text, needs) == (
        "def make():\n    from openai import AsyncOpenAI, OpenAI\n\n    return OpenAI()\n",
        [],
    )


def test_imports_go_into_each_function_once_and_the_rest_to_the_module():
    text = (
        "def first():\n    import json\n\n    return a, b\n\n\n"
        "def second():\n    import json\n\n    return c\n\n\nd = 1\n"
    )
    needs = [
        (text.index("a, b"), "import os"),
        (text.index("b\n"), "import os"),
        (text.index("c\n"), "from openai import OpenAI"),
        (text.index("d = 1"), "import re"),
        (None, "import sys"),
    ]
    after, module_level = add_function_imports(text, needs)
    assert after == (
        "def first():\n    import json\n    import os\n\n    return a, b\n\n\n"
        "def second():\n    import json\n\n    from openai import OpenAI\n\n    return c\n\n\n"
        "d = 1\n"
    )
    assert module_level == ["import sys", "import re"]


def test_a_name_the_module_imports_in_this_pass_is_not_imported_in_a_function_too():
    text = "def make():\n    import json\n\n    return a\n\n\nb = 1\n"
    needs = [(text.index("a\n"), "import os"), (text.index("b = 1"), "import os")]
    assert add_function_imports(text, needs) == (text, ["import os", "import os"])


def test_an_import_for_the_type_checker_does_not_count_as_the_modules():
    text = (
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from openai import OpenAI\n\n\n"
        "def make(kind):\n    from openai import AzureOpenAI, OpenAI\n\n    return OpenAI()\n"
    )
    needs = _needs(text, "return", "from openai import OpenAI")
    assert add_function_imports(text, needs) == (text, [])


def test_crlf_is_kept_inside_the_function():
    text = "def make():\r\n    import json\r\n\r\n    return json\r\n"
    after, _ = add_function_imports(text, _needs(text, "return", "import os\r\n".strip()))
    assert after == "def make():\r\n    import json\r\n    import os\r\n\r\n    return json\r\n"


def test_an_edit_with_setup_statements_keeps_its_imports_at_module_level():
    # the module-level setup uses the import: inside the function it would not be bound
    text = "def make():\n    import json\n\n    return legacy()\n"
    start = text.index("legacy()")
    edit = Edit(
        Span(start, start + len("legacy()")),
        "client.new()",
        imports=("from openai import OpenAI",),
        setup=("client = OpenAI()",),
    )
    finding = Finding(
        "ML100", "legacy", Severity.ERROR, FixClass.SAFE, "m", 4, 12, 4, 20, edit=edit
    )
    after, _ = migrate_text(text, "python", "app.py", [finding])
    assert after == (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def make():\n    import json\n\n    return client.new()\n"
    )


def test_edited_starts_follow_the_edits_before_them():
    text = "a = 1\nb = 2\nc = 3\n"
    edits = [
        Edit(Span(text.index("3"), text.index("3") + 1), "three"),
        Edit(Span(text.index("1"), text.index("1") + 1), "one"),
        Edit(Span(0, 0), "# head\n"),
    ]
    after, taken = apply_edits(text, edits)
    starts = edited_starts(edits, taken)
    assert [after[starts[i] :].split("\n")[0] for i in range(3)] == ["three", "one", "# head"]


STORED = '''"""Functions a registry keeps as source and runs one at a time."""

import inspect


def ask(question):
    from openai import OpenAI

    client = OpenAI()
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


namespace = {}
exec(inspect.getsource(ask), namespace)  # alone: none of this module's imports
print(namespace["ask"]("ping"))
'''


def test_a_function_run_alone_from_its_source_runs_on_the_provider(
    registry, server, tmp_path, monkeypatch
):
    (tmp_path / "app.py").write_text(STORED)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    migrated = (tmp_path / "app.py").read_text()
    function = ast.parse(migrated).body[2]
    assert isinstance(function, ast.FunctionDef)
    assert ast.unparse(function.body[0]) == "import os"
    run_on_provider(Path("app.py"), tmp_path, registry.get("deepseek"), server, tmp_path / "guard")
    [request] = server.requests
    assert request.path == "/chat/completions"
    assert request.headers["authorization"] == "Bearer test-key"
    assert request.body["model"] == registry.get("deepseek").models["gpt-4o-mini"]
