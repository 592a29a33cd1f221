"""An import a rewrite needs reaches the code that uses it, or the finding is left to a person.

A name bound anywhere in a function (an `import os` in another branch, a parameter, a loop
variable) is the function's own in all of it: a module-level `import os` does not reach code
there (instructor's `from_provider` raised UnboundLocalError after `apply`). Such a function
gets the import just before the code, where it binds the name only by that import; in any
other shape the rewrite is not made, and scan says so.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.import_reach import withhold_unreached
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import RuleContext

from .conftest import ACME_DIR
from .provider_run import run_on_provider

KEY = 'api_key=os.environ["ACME_API_KEY"]'
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'


def client(indent: int, cls: str = "openai.OpenAI") -> str:
    """The call `apply` writes for acme, its arguments one level deeper than `indent`."""
    pad = " " * (indent + 4)
    return f"{cls}(\n{pad}{KEY},\n{pad}{URL},\n{' ' * indent})"


def migrate(registry, text: str, directory: Path) -> tuple[str, list]:
    """`text` migrated for acme as `directory/app.py`, with its findings; a second run
    changes nothing."""
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), directory)
    path = directory / "app.py"
    change = scanner.migrate_text(text, "python", "app.py", "app.py", path)
    assert change.error is None
    again = scanner.migrate_text(change.after, "python", "app.py", "app.py", path)
    assert again.after == change.after
    return change.after, change.findings


BRANCHES = """import openai


def make(kind):
    if kind == "a":
        return openai.OpenAI()
    elif kind == "b":
        try:
            import os
        except ImportError:
            pass
        return os.sep
"""

BRANCHES_AFTER = f"""import openai


def make(kind):
    if kind == "a":
        import os
        return {client(8)}
    elif kind == "b":
        try:
            import os
        except ImportError:
            pass
        return os.sep
"""

PLACED = [
    pytest.param(BRANCHES, BRANCHES_AFTER, id="before-the-code-in-the-branch-that-needs-it"),
    pytest.param(
        "def make(kind):\n    if kind:\n        try:\n            import openai\n\n"
        "            client = openai.OpenAI()\n        except ImportError:\n"
        "            return None\n        return client\n    import os\n\n    return os.sep\n",
        "def make(kind):\n    if kind:\n        try:\n            import os\n\n"
        "            import openai\n\n"
        f"            client = {client(12)}\n        except ImportError:\n"
        "            return None\n        return client\n    import os\n\n    return os.sep\n",
        id="sorted-into-the-imports-right-before-the-code",
    ),
    pytest.param(
        "import openai\n\n\ndef outer(kind):\n    if kind:\n        import os\n\n"
        "        return os.sep\n\n    def inner():\n        return openai.OpenAI()\n\n"
        "    return inner\n",
        "import openai\n\n\ndef outer(kind):\n    if kind:\n        import os\n\n"
        "        return os.sep\n\n    import os\n\n    def inner():\n"
        f"        return {client(8)}\n\n    return inner\n",
        id="before-the-nested-function-reading-the-enclosing-ones",
    ),
    pytest.param(
        "def make(kind):\n    if kind:\n        from openai import AzureOpenAI\n\n"
        '        return AzureOpenAI(api_version="2024-10-21")\n'
        "    from openai import OpenAI\n\n    return OpenAI()\n",
        "def make(kind):\n    import os\n\n    if kind:\n        from openai import OpenAI\n\n"
        f"        return {client(8, 'OpenAI')}\n    from openai import OpenAI\n\n"
        f"    return {client(4, 'OpenAI')}\n",
        id="a-class-the-function-imports-in-another-branch",
    ),
    pytest.param(
        'def make(kind):\n    if kind == "azure":\n        from openai import AzureOpenAI\n\n'
        '        return AzureOpenAI(api_version="2024-10-21")\n'
        "    import os\n\n    from openai import OpenAI\n\n    return OpenAI(), os.sep\n\n\n"
        "def other(kind):\n    if kind:\n        from openai import OpenAI\n\n"
        "        return OpenAI()\n    import os\n\n    return os.sep\n",
        'def make(kind):\n    if kind == "azure":\n        import os\n\n'
        f"        from openai import OpenAI\n\n        return {client(8, 'OpenAI')}\n"
        "    import os\n\n    from openai import OpenAI\n\n"
        f"    return (\n        {client(8, 'OpenAI')},\n        os.sep,\n    )\n\n\n"
        "def other(kind):\n    if kind:\n        import os\n\n        from openai import OpenAI\n\n"
        f"        return {client(8, 'OpenAI')}\n    import os\n\n    return os.sep\n",
        id="two-imports-in-two-functions",
    ),
    pytest.param(
        "import openai\n\n\ndef make():\n    global os\n    return openai.OpenAI()\n",
        f"import os\n\nimport openai\n\n\ndef make():\n    global os\n    return {client(4)}\n",
        id="a-global-declaration-reads-the-modules",
    ),
    pytest.param(
        "import openai\n\n\nclass Bot:\n    client = openai.OpenAI()\n\n    import os\n",
        "import os\n\nimport openai\n\n\nclass Bot:\n    client = openai.OpenAI(\n"
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        f"        {URL},\n    )\n\n    import os\n",
        id="a-class-body-importing-the-same-module",
    ),
    pytest.param(
        "import openai\n\n\nclass Bot:\n    os = 'linux'\n\n    def make(self):\n"
        "        return openai.OpenAI()\n",
        "import os\n\nimport openai\n\n\nclass Bot:\n    os = 'linux'\n\n    def make(self):\n"
        f"        return {client(8)}\n",
        id="a-class-attribute-is-not-seen-from-its-methods",
    ),
    pytest.param(
        "import json\n\nfrom openai import AzureOpenAI\n\n\ndef make(kind):\n    import sys\n\n"
        "    if kind:\n        return AzureOpenAI(api_version='2024-10-21'), json, sys\n"
        "    from openai import types\n\n    return types\n",
        "import json\n\n\ndef make(kind):\n    import os\n    import sys\n\n"
        "    from openai import OpenAI\n\n    if kind:\n        return (\n"
        f"            {client(12, 'OpenAI')},\n            json,\n            sys,\n        )\n"
        "    from openai import types\n\n    return types\n",
        id="not-merged-into-a-from-import-below-the-code",
    ),
    pytest.param(
        # the function's own `import os` runs before the code: no second one
        "import openai\n\n\ndef make(kind):\n    import os\n\n    if kind:\n"
        "        return openai.OpenAI()\n    return os.sep\n",
        "import openai\n\n\ndef make(kind):\n    import os\n\n    if kind:\n"
        f"        return {client(8)}\n    return os.sep\n",
        id="the-functions-own-import-already-runs-before-the-code",
    ),
    pytest.param(
        # after the code, or in a branch beside it: it does not run first
        "import openai\n\n\ndef make(kind):\n    if kind:\n        import os\n"
        "    else:\n        return openai.OpenAI()\n    return os.sep\n",
        "import openai\n\n\ndef make(kind):\n    if kind:\n        import os\n"
        f"    else:\n        import os\n        return {client(8)}\n    return os.sep\n",
        id="an-import-in-a-branch-beside-the-code-does-not-run-first",
    ),
]


@pytest.mark.parametrize(("before", "after"), PLACED)
def test_the_import_is_bound_where_the_code_runs(registry, tmp_path, before, after):
    migrated, findings = migrate(registry, before, tmp_path)
    assert migrated == after
    assert all(f.fix is not FixClass.MANUAL for f in findings if f.rule in ("ML001", "ML002"))


def test_the_migrated_function_runs_both_branches_on_the_provider(registry, server, tmp_path):
    (tmp_path / "app.py").write_text(BRANCHES)
    (tmp_path / "run.py").write_text(
        "import app\n\nprint(app.make('b'))\n"
        "reply = app.make('a').chat.completions.create(\n"
        "    model='acme-small', messages=[{'role': 'user', 'content': 'hi'}]\n)\n"
        "print(reply.choices[0].message.content)\n"
    )
    args = ["apply", str(tmp_path / "app.py"), "--providers-dir", str(ACME_DIR), "-p", "acme"]
    done = CliRunner().invoke(app, [*args, "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text() == BRANCHES_AFTER
    acme = registry.get("acme")
    proc = run_on_provider(Path("run.py"), tmp_path, acme, server, tmp_path / "guard")
    assert proc.stdout.splitlines()[0] == "/"
    [request] = server.requests
    assert request.path == "/chat/completions"
    assert request.headers["authorization"] == "Bearer test-key"


def test_the_migrated_functions_pass_ruff(registry, tmp_path):
    pytest.importorskip("ruff")
    for number, case in enumerate(PLACED):
        migrated, _ = migrate(registry, case.values[0], tmp_path)
        (tmp_path / f"m{number}.py").write_text(migrated, encoding="utf-8")
    options = [
        "--isolated",
        "--select",
        "I,F401,E501,E3",
        "--preview",
        "--output-format",
        "concise",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *options, str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def _function(head: str, body: str) -> str:
    return f"import openai\n\n\n{head}\n{body}    return openai.OpenAI()\n"


LEFT = [
    pytest.param(_function("def make(os):", ""), "`os` is a parameter of make()", id="parameter"),
    pytest.param(
        _function("def make(kind):", "    if kind:\n        os = 'linux'\n"),
        "make() binds `os` itself (line 6)",
        id="assignment-in-another-branch",
    ),
    pytest.param(
        _function("def make(names):", "    for os in names:\n        print(os)\n"),
        "make() binds `os` itself (line 5)",
        id="loop-variable",
    ),
    pytest.param(
        _function(
            "def make():",
            "    try:\n        pass\n    except ValueError as os:\n        print(os)\n",
        ),
        "make() binds `os` itself (line 7)",
        id="except-as",
    ),
    pytest.param(
        _function("def make(path):", "    with open(path) as os:\n        os.read()\n"),
        "make() binds `os` itself (line 5)",
        id="with-as",
    ),
    pytest.param(
        _function("def make():", "    os: str\n"),
        "make() binds `os` itself (line 5)",
        id="annotation",
    ),
    pytest.param(
        _function("def make(xs):", "    ys = [(os := x) for x in xs]\n"),
        "make() binds `os` itself (line 5)",
        id="walrus-in-a-comprehension",
    ),
    pytest.param(
        _function("def make(kind):", "    if kind:\n        from posixpath import os\n"),
        "make() binds `os` itself (line 6)",
        id="another-modules-os",
    ),
    pytest.param(
        "import openai\n\n\nclass Bot:\n    os = 'linux'\n    client = openai.OpenAI()\n",
        "class Bot binds `os` itself (line 5)",
        id="class-attribute-read-in-its-body",
    ),
    pytest.param(
        "import openai\n\n\ndef make(xs):\n    return [openai.OpenAI() for os in xs]\n",
        "`os` is a variable of the comprehension here",
        id="comprehension-variable",
    ),
    pytest.param(
        "import openai\n\n\ndef make():\n    return lambda os: openai.OpenAI()\n",
        "`os` is a parameter of the lambda here",
        id="lambda-parameter",
    ),
    pytest.param(
        "import openai\n\n\ndef make(): import os; return openai.OpenAI()\n",
        "make() binds `os` itself, on the line of its def",
        id="a-body-on-the-line-of-its-def",
    ),
]


@pytest.mark.parametrize(("before", "why"), LEFT)
def test_a_name_no_import_reaches_leaves_the_finding_to_a_person(registry, tmp_path, before, why):
    migrated, findings = migrate(registry, before, tmp_path)
    assert migrated == before
    [finding] = [f for f in findings if f.rule == "ML001"]
    assert finding.fix is FixClass.MANUAL
    assert finding.edit is None
    assert finding.message.endswith(
        f"; left as it is: {why}, so the `import os` the rewrite needs would not reach it"
    )
    assert finding.data["unreached_import"] == "import os"


def test_scan_says_what_apply_does(tmp_path):
    (tmp_path / "left.py").write_text(LEFT[0].values[0])
    (tmp_path / "placed.py").write_text(BRANCHES)
    runner = CliRunner()
    scanned = runner.invoke(app, ["scan", str(tmp_path), "-p", "qwen", "--format", "json"])
    fixes = {
        (Path(f["path"]).name, f["rule"]): f["fix"] for f in json.loads(scanned.stdout)["findings"]
    }
    assert fixes == {("left.py", "ML001"): "manual", ("placed.py", "ML001"): "safe"}
    before = (tmp_path / "left.py").read_bytes()
    done = runner.invoke(app, ["apply", str(tmp_path), "-p", "qwen", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "left.py").read_bytes() == before
    assert "import os\n        return openai.OpenAI(" in (tmp_path / "placed.py").read_text()
    checked = runner.invoke(app, ["check", str(tmp_path), "-p", "qwen", "--format", "json"])
    assert checked.exit_code == 1
    left = [(Path(f["path"]).name, f["rule"]) for f in json.loads(checked.stdout)["findings"]]
    assert left == [("left.py", "ML001")]


def test_an_edit_inside_one_taken_off_is_taken_off_with_it():
    # made to be part of the outer rewrite, it would otherwise apply alone
    text = 'def make(os):\n    return Client(model="gpt-4o")\n'
    call = text.index("Client(")
    model = text.index('"gpt-4o"')
    outer = Edit(Span(call, len(text) - 1), "Client(key=os.environ['K'])", ("import os",))
    inner = Edit(Span(model, model + 8), '"acme-large"')
    found = [
        Finding(
            "ML001", "client", Severity.ERROR, FixClass.SAFE, "client", 2, 12, 2, 34, edit=outer
        ),
        Finding(
            "ML201", "model", Severity.WARNING, FixClass.REVIEW, "model", 2, 25, 2, 33, edit=inner
        ),
    ]
    left = withhold_unreached(found, text)
    why = "`os` is a parameter of make(), so the `import os` the rewrite needs would not reach it"
    assert [(f.fix, f.edit, f.message) for f in left] == [
        (FixClass.MANUAL, None, f"client; left as it is: {why}"),
        (FixClass.MANUAL, None, f"model; left as it is: {why}"),
    ]
    assert [f.data for f in left] == [{"unreached_import": "import os"}, {}]


@pytest.mark.parametrize(
    ("imported", "path", "found"),
    [
        (("", "settings", []), "p/app.py", True),
        (("", "app.settings", []), "p/main.py", True),
        (("", "app", ["settings"]), "p/main.py", True),
        (("", "llama_index.core", ["Settings"]), "p/main.py", False),
        # a module of a package runs the package's `__init__.py` first
        (("", "pkg.engine", ["index"]), "p/main.py", True),
        ((".", "engine", ["index"]), "p/pkg/main.py", True),
        (("..", "other", ["x"]), "p/pkg/sub/main.py", True),
        ((".", "engine", ["index"]), "p/other/main.py", False),
    ],
)
def test_which_of_the_projects_files_a_module_imports(imported, path, found):
    from migrate_llm.import_reach import imports_any

    assert imports_any([imported], path, ["p/app/settings.py", "p/pkg/__init__.py"]) is found
