"""Generated code passes the project's own linters: isort-clean imports, no import left unused
by the rewrite, calls wrapped to the configured line length, the file's own newlines."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner, ScanOptions, migrate_text, plan, write
from migrate_llm.imports import add_imports, add_setup, remove_unused_imports
from migrate_llm.layout import LineLengths, collapse_blank_lines, wrap_long_lines
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import RuleContext

GOLDEN_INPUT = Path(__file__).resolve().parent / "golden" / "input"
KEY = 'api_key=os.environ["ACME_API_KEY"]'
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'


def migrate(registry, text: str, directory: Path, name: str = "app.py") -> str:
    """Migrate `text` for acme as the file `directory/name`; assert a second run is a no-op."""
    ctx = RuleContext(registry, registry.get("acme"))
    scanner = FileScanner(ctx, directory)
    path = directory / name
    change = scanner.migrate_text(text, "python", name, name, path)
    assert change.error is None
    again = scanner.migrate_text(change.after, "python", name, name, path)
    assert again.after == change.after
    return change.after


CASES = [
    pytest.param(
        "import json\nimport sys\n\nfrom openai import OpenAI\n\n\n"
        "def make():\n    return OpenAI()\n",
        "import json\nimport os\nimport sys\n\nfrom openai import OpenAI\n\n\n"
        f"def make():\n    return OpenAI(\n        {KEY},\n        {URL},\n    )\n",
        id="import-os-joins-the-stdlib-group-in-order",
    ),
    pytest.param(
        '"""Clients."""\n\nfrom __future__ import annotations\n\nfrom openai import OpenAI\n\n\n'
        "def make():\n    return OpenAI()\n",
        '"""Clients."""\n\nfrom __future__ import annotations\n\nimport os\n\n'
        "from openai import OpenAI\n\n\n"
        f"def make():\n    return OpenAI(\n        {KEY},\n        {URL},\n    )\n",
        id="a-stdlib-group-is-created-after-the-header",
    ),
    pytest.param(
        "import os\n\nfrom openai import APIError, AzureOpenAI, RateLimitError\n\n\n"
        "def make():\n    try:\n"
        '        return AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="v")\n'
        "    except (APIError, RateLimitError):\n        return None\n",
        "import os\n\nfrom openai import APIError, OpenAI, RateLimitError\n\n\n"
        "def make():\n    try:\n"
        f"        return OpenAI(\n            {KEY},\n            {URL},\n        )\n"
        "    except (APIError, RateLimitError):\n        return None\n",
        id="openai-import-merged-in-sorted-place-azure-name-removed",
    ),
    pytest.param(
        "import os\n\nfrom openai import (\n    AsyncOpenAI,\n    AzureOpenAI,\n)\n\n\n"
        'def make():\n    sync = AzureOpenAI(api_version="v")\n    return sync, AsyncOpenAI\n',
        "import os\n\nfrom openai import (\n    AsyncOpenAI,\n    OpenAI,\n)\n\n\n"
        f"def make():\n    sync = OpenAI(\n        {KEY},\n        {URL},\n    )\n"
        "    return sync, AsyncOpenAI\n",
        id="parenthesised-import-gets-a-line-of-its-own",
    ),
    pytest.param(
        "from openai import AsyncAzureOpenAI, AsyncOpenAI\n\n\n"
        "def make(fake):\n    if fake:\n        return AsyncOpenAI\n"
        '    return AsyncAzureOpenAI(api_version="v")\n',
        "import os\n\nfrom openai import AsyncOpenAI\n\n\n"
        "def make(fake):\n    if fake:\n        return AsyncOpenAI\n"
        f"    return AsyncOpenAI(\n        {KEY},\n        {URL},\n    )\n",
        id="no-second-openai-import-line",
    ),
    pytest.param(
        "import sys\n\nfrom openai import AzureOpenAI, BadRequestError\n\n\n"
        'def make():\n    return AzureOpenAI(api_version="v")\n',
        "import os\nimport sys\n\nfrom openai import BadRequestError, OpenAI\n\n\n"
        f"def make():\n    return OpenAI(\n        {KEY},\n        {URL},\n    )\n",
        id="imports-unused-before-the-migration-stay",
    ),
    pytest.param(
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n    return OpenAI(\n"
        "        timeout=20.0,\n        max_retries=3,\n    )\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n    return OpenAI(\n"
        f"        {KEY},\n        {URL},\n        timeout=20.0,\n        max_retries=3,\n    )\n",
        id="a-call-split-one-argument-per-line-keeps-its-layout",
    ),
    pytest.param(
        "import os\n\nimport openai\n\n\nclass Bot:\n    class Inner:\n"
        "        def make(self, fake):\n            if not fake:\n"
        "                return openai.OpenAI(\n                    timeout=20.0,\n"
        "                )\n",
        "import os\n\nimport openai\n\n\nclass Bot:\n    class Inner:\n"
        "        def make(self, fake):\n            if not fake:\n"
        "                return openai.OpenAI(\n"
        f"                    {KEY},\n"
        "                    base_url=os.environ.get(\n"
        '                        "ACME_BASE_URL", "https://api.acme.example/v1"\n'
        "                    ),\n"
        "                    timeout=20.0,\n                )\n",
        id="an-argument-line-too-long-is-split-at-its-own-call",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make():\n    client = OpenAI()  # the client\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n    client = OpenAI(\n"
        f"        {KEY},\n        {URL},\n    )  # the client\n",
        id="a-wrapped-call-keeps-its-comment",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_generated_code_is_lint_clean(registry, tmp_path, before, after):
    assert migrate(registry, before, tmp_path) == after


def test_import_left_unused_by_the_v0_rewrite_is_removed():
    before = (
        "import openai\nfrom openai import ChatCompletion\n\n"
        "print(ChatCompletion.create(model='m'))\n"
    )
    start = before.index("ChatCompletion.create")
    edit = Edit(
        Span(start, start + len("ChatCompletion.create")),
        "client.chat.completions.create",
        setup=("client = openai.OpenAI()",),
    )
    finding = Finding("ML100", "legacy", Severity.ERROR, FixClass.SAFE, "m", 4, 7, 4, 28, edit=edit)
    after, fixed = migrate_text(before, "python", "app.py", [finding])
    assert after == (
        "import openai\n\nclient = openai.OpenAI()\n\n"
        "print(client.chat.completions.create(model='m'))\n"
    )
    assert fixed == [finding]


def test_removal_keeps_names_still_used_in_strings_and_unused_imports():
    before = "import sys\nfrom openai import AzureOpenAI\n\nc: 'AzureOpenAI' = AzureOpenAI()\n"
    after = "import sys\nfrom openai import AzureOpenAI\n\nc: 'AzureOpenAI' = OpenAI()\n"
    assert remove_unused_imports(before, after) == after
    gone = "import sys\nfrom openai import AzureOpenAI\n\nc = OpenAI()\n"
    assert remove_unused_imports(before, gone) == "import sys\n\nc = OpenAI()\n"


def test_an_import_that_is_a_whole_block_body_stays():
    before = (
        "try:\n    from openai import AzureOpenAI\nexcept ImportError:\n    pass\nAzureOpenAI()\n"
    )
    after = "try:\n    from openai import AzureOpenAI\nexcept ImportError:\n    pass\nOpenAI()\n"
    assert remove_unused_imports(before, after) == after


def test_merged_import_too_long_for_one_line_is_parenthesised():
    text = (
        "from openai import APIError, AsyncOpenAI, AzureOpenAI, BadRequestError, RateLimitError\n"
    )
    assert add_imports(text, ["from openai import OpenAI"], 88) == (
        "from openai import (\n    APIError,\n    AsyncOpenAI,\n    AzureOpenAI,\n"
        "    BadRequestError,\n    OpenAI,\n    RateLimitError,\n)\n"
    )


def test_new_openai_import_goes_after_the_third_party_imports_it_sorts_after():
    text = "import os\n\nimport httpx\nimport openai\nfrom httpx import Client\n\nx = 1\n"
    assert add_imports(text, ["from openai import OpenAI"]) == (
        "import os\n\nimport httpx\nimport openai\nfrom httpx import Client\n"
        "from openai import OpenAI\n\nx = 1\n"
    )


def test_import_os_after_a_shebang_in_a_module_without_imports():
    text = "#!/usr/bin/env python\nKEY = 1\n"
    assert add_imports(text, ["import os"]) == "#!/usr/bin/env python\nimport os\n\nKEY = 1\n"


WRAP_BEFORE = "from openai import OpenAI\n\n\ndef make():\n    return OpenAI()\n"
ONE_LINE = f"    return OpenAI({KEY}, {URL})\n"
HUGGED = f"    return OpenAI(\n        {KEY}, {URL}\n    )\n"
EXPLODED = f"    return OpenAI(\n        {KEY},\n        {URL},\n    )\n"


@pytest.mark.parametrize(
    ("config_name", "config", "body"),
    [
        pytest.param(None, "", EXPLODED, id="default-88"),
        pytest.param("pyproject.toml", "[tool.ruff]\nline-length = 100\n", EXPLODED, id="ruff-100"),
        pytest.param("pyproject.toml", "[tool.black]\nline-length = 120\n", HUGGED, id="black-120"),
        pytest.param("ruff.toml", "line-length = 120\n", HUGGED, id="ruff-toml-120"),
        pytest.param(".ruff.toml", "line-length = 130\n", ONE_LINE, id="fits-in-130"),
    ],
)
def test_calls_wrap_to_the_configured_line_length(registry, tmp_path, config_name, config, body):
    if config_name:
        (tmp_path / config_name).write_text(config, encoding="utf-8")
    package = tmp_path / "src" / "app"
    package.mkdir(parents=True)
    expected = "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n" + body
    assert migrate(registry, WRAP_BEFORE, package) == expected


def test_line_length_lookup_nearest_config_and_cache(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    inner = tmp_path / "sub" / "deeper"
    inner.mkdir(parents=True)
    (tmp_path / "sub" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    lengths = LineLengths()
    assert lengths.for_file(inner / "a.py") == 100  # a pyproject without ruff/black: go on up
    (tmp_path / "sub" / "ruff.toml").write_text("line-length = 79\n", encoding="utf-8")
    assert lengths.for_file(inner / "a.py") == 100  # looked up once per directory
    assert LineLengths().for_file(inner / "a.py") == 79
    (tmp_path / "sub" / "ruff.toml").write_text("[lint]\nselect = ['E']\n", encoding="utf-8")
    assert LineLengths().for_file(inner / "a.py") == 88  # ruff configured, its default


def test_stdin_uses_the_current_directory_config(registry, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 120\n", encoding="utf-8")
    ctx = RuleContext(registry, registry.get("acme"))
    change = FileScanner(ctx, tmp_path).migrate_text(WRAP_BEFORE, "python", "stdin.py", "-")
    assert change.after.endswith(HUGGED)


def test_only_lines_the_edits_changed_are_wrapped():
    long_call = "x = f(" + ", ".join(f"argument_{i}" for i in range(12)) + ")\n"
    before = long_call + "y = g(1)\n"
    after = long_call + "y = g(" + ", ".join(f"value_{i}" for i in range(12)) + ")\n"
    wrapped = wrap_long_lines(before, after, 88)
    assert (
        wrapped == long_call + "y = g(\n" + "".join(f"    value_{i},\n" for i in range(12)) + ")\n"
    )


def test_a_single_argument_stays_on_its_line_and_splits_at_its_own_call():
    after = (
        "if ready:\n    log.info('reply={}, tokens={}'.format("
        "response.choices[0].message.content, response.usage.total_tokens))\n"
    )
    assert wrap_long_lines("if ready:\n    pass\n", after, 88) == (
        "if ready:\n    log.info(\n        'reply={}, tokens={}'.format(\n"
        "            response.choices[0].message.content, response.usage.total_tokens\n"
        "        )\n    )\n"
    )


def test_calls_inside_f_strings_are_not_split():
    before = "x = 1\n"
    after = 'x = f"{g(' + ", ".join(f"'{'v' * 10}'" for _ in range(8)) + ')}"\n'
    assert wrap_long_lines(before, after, 88) == after


def test_crlf_file_gets_crlf_in_every_inserted_line(registry, tmp_path):
    before = "from openai import OpenAI\r\n\r\n\r\ndef make():\r\n    return OpenAI(timeout=5)\r\n"
    after = migrate(registry, before, tmp_path)
    assert after == (
        "import os\r\n\r\nfrom openai import OpenAI\r\n\r\n\r\ndef make():\r\n"
        f"    return OpenAI(\r\n        {KEY},\r\n        {URL},\r\n        timeout=5,\r\n    )\r\n"
    )


def test_crlf_normalised_in_edit_text_imports_and_setup():
    before = "import openai\r\n\r\nx = legacy()\r\n"
    start = before.index("legacy()")
    edit = Edit(
        Span(start, start + len("legacy()")),
        "(\n    new()\n)",
        imports=("import os",),
        setup=("client = openai.OpenAI()",),
    )
    finding = Finding("ML100", "legacy", Severity.ERROR, FixClass.SAFE, "m", 3, 5, 3, 13, edit=edit)
    after, _ = migrate_text(before, "python", "app.py", [finding])
    assert after == (
        "import os\r\n\r\nimport openai\r\n\r\nclient = openai.OpenAI()\r\n\r\n"
        "x = (\r\n    new()\r\n)\r\n"
    )


def test_blank_lines_left_by_deleted_statements_are_cut_to_two():
    before = 'import openai\n\nopenai.api_key = k\n\n\ndef f():\n    return """a\n\n\n\nb"""\n'
    after = 'import openai\n\n\n\n\ndef f():\n    return """a\n\n\n\nb"""\n'
    assert collapse_blank_lines(before, after) == (
        'import openai\n\n\ndef f():\n    return """a\n\n\n\nb"""\n'
    )
    own = "x = 1\n\n\n\ny = 2\n"  # the file's own style: left as it is
    assert collapse_blank_lines(own + "z = 3\n", own + "\n\n\n") == own + "\n\n\n"


def test_setup_statement_already_there_wrapped_is_not_added_again():
    text = "import openai\n\nclient = openai.OpenAI(\n    timeout=1,\n)\n"
    assert add_setup(text, ["client = openai.OpenAI(timeout=1)"]) == text
    assert add_setup(text, ["other = 1"]) == (
        "import openai\n\nother = 1\n\nclient = openai.OpenAI(\n    timeout=1,\n)\n"
    )


def _ruff(root: Path) -> set[tuple[str, str, str, str]]:
    """Violations of isort order, unused imports and line length (88) under `root`, as
    (file, code, message, text of the line) so that shifted lines compare equal."""
    options = ["--isolated", "--select", "I,F401,E501", "--line-length", "88", "--exit-zero"]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *options, "--output-format", "json", str(root)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = set()
    for item in json.loads(result.stdout):
        path = Path(item["filename"])
        line = path.read_text(encoding="utf-8").splitlines()[item["location"]["row"] - 1]
        found.add((path.name, item["code"], item["message"], line))
    return found


@pytest.mark.parametrize("provider", ["zhipu", "qwen", "ernie", "moonshot", "openai"])
def test_migrated_golden_input_passes_ruff(tmp_path, provider):
    pytest.importorskip("ruff")
    original = tmp_path / "input"
    shutil.copytree(GOLDEN_INPUT, original)
    work = tmp_path / "work"
    shutil.copytree(GOLDEN_INPUT, work)
    options = ScanOptions(paths=(work,), provider=provider, cwd=work, use_gitignore=False)
    planned = plan(options).planned
    assert [p.change.error for p in planned if p.change.error] == []
    assert [write(p) for p in planned] == [None] * len(planned)
    if provider != "openai":
        assert any(p.change.changed and p.path.suffix == ".py" for p in planned)
    assert _ruff(work) - _ruff(original) == set()
