"""Notebook cells that are not Python, and shell commands in the others: never parsed as
Python, read as a shell script is for OpenAI's URLs and variables (ML502, ML501)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.formats.notebook import read_notebook
from migrate_llm.model import FixClass
from migrate_llm.notebook_code import build, shell_texts
from migrate_llm.rules.base import RuleContext

from .notebook_builder import STYLES, cell, notebook

CURL = (
    "curl https://api.openai.com/v1/responses \\\n"
    '  -H "Authorization: Bearer $OPENAI_API_KEY" \\\n'
    """  -d '{"model": "gpt-4o", "input": "hi"}'"""
)
URL_MESSAGE = (
    "https://api.openai.com/v1/responses is OpenAI's endpoint but not its plain base URL; "
    "replace the OpenAI part with Acme Cloud's base URL https://api.acme.example/v1 by hand "
    "and check the path after it"
)
KEY_MESSAGE = (
    "OPENAI_API_KEY is OpenAI's key variable; Acme Cloud reads ACME_API_KEY: set that from "
    "Acme Cloud's console here (the OpenAI key does not work there)"
)


@pytest.fixture
def scanner(registry, tmp_path):
    return FileScanner(RuleContext(registry, registry.get("acme")), tmp_path)


def examined(scanner, *cells, language=None):
    text = STYLES["jupyter"](notebook(*cells, language=language))
    result = scanner.examine("notebook", "demo.ipynb", text)
    assert result is not None
    return text, result


def where(findings):
    return [(f.rule, f.cell, f.line, f.column, f.end_column) for f in findings]


@pytest.mark.parametrize("language", ["plaintext", "shellscript", "yaml", "bat"])
def test_a_cell_in_another_language_is_read_as_a_script_not_parsed(scanner, language):
    text, result = examined(
        scanner,
        cell("from openai import OpenAI\nclient = OpenAI()"),
        cell(CURL, language=language),
    )
    assert result.problems == ()
    assert result.failure is None
    shell = [f for f in result.findings if f.cell == 2]
    assert where(shell) == [("ML502", 2, 1, 6, 41), ("ML501", 2, 2, 6, 45)]
    assert [f.message for f in shell] == [URL_MESSAGE, KEY_MESSAGE]
    assert [(f.fix, f.edit) for f in shell] == [(FixClass.MANUAL, None)] * 2
    assert [f.data["file_line"] for f in shell] == [25, 26]
    assert text.splitlines()[24] == '    "curl https://api.openai.com/v1/responses \\\\\\n",'
    # the Python cell is migrated; the other is left as it was
    assert CURL.split("\n")[0] in result.after
    assert "ACME_API_KEY" in result.after


def test_a_cell_in_another_language_that_names_no_openai_is_quiet(scanner):
    _, result = examined(
        scanner,
        cell("import openai"),
        cell("openapi: 3.1.0\ninfo:\n  title: Search API\n", language="yaml"),
        cell("**Context**: you answer questions, don't guess.", language="plaintext"),
    )
    assert result.problems == ()
    assert [f for f in result.findings if f.cell != 1] == []


def test_shell_cell_magics_and_shell_lines_are_read_as_scripts(scanner):
    text, result = examined(
        scanner,
        cell('%%bash\ncurl https://api.openai.com/v1/responses -H "Bearer $OPENAI_API_KEY"'),
        cell(
            "import os\n"
            "!curl https://api.openai.com/v1/responses \\\n"
            '    -H "Bearer $OPENAI_API_KEY"\n'
            "out = !echo $OPENAI_BASE_URL\n"
            "print(out)"
        ),
        cell("  %%sh\n  export OPENAI_API_KEY=your-key"),
    )
    assert result.problems == ()
    assert where(result.findings) == [
        ("ML502", 1, 2, 6, 41),
        ("ML501", 1, 2, 45, 69),
        ("ML502", 2, 2, 7, 42),
        ("ML501", 2, 3, 8, 32),
        ("ML501", 2, 4, 13, 29),
        ("ML501", 3, 2, 10, 24),
    ]
    assert result.findings[4].message == (
        "OPENAI_BASE_URL is OpenAI's base-URL variable; Acme Cloud reads ACME_BASE_URL "
        "(default https://api.acme.example/v1)"
    )
    assert result.after == text  # read, never edited


def test_magics_with_rules_of_their_own_are_not_read_twice(scanner):
    _, result = examined(
        scanner,
        cell("!pip install -q openai==0.28\n%env OPENAI_API_KEY=your-key\n!ls"),
    )
    assert where(result.findings) == [("ML506", 1, 1, 17, 29), ("ML406", 1, 2, 6, 29)]


def test_a_notebook_whose_kernel_is_not_python_is_read_as_text(scanner):
    _, result = examined(
        scanner,
        cell('library(httr)\nPOST("https://api.openai.com/v1/chat/completions")'),
        cell("system(\"curl -H 'Authorization: Bearer $OPENAI_API_KEY' https://example.com\")"),
        language="R",
    )
    assert result.problems == ()
    assert where(result.findings) == [("ML502", 1, 2, 6, 50), ("ML501", 2, 1, 8, 77)]


def test_suppression_comments_work_in_a_script_cell(scanner):
    _, result = examined(
        scanner,
        cell("%%bash\necho $OPENAI_API_KEY  # migrate-llm: ignore[ML501]\necho $OPENAI_API_KEY"),
    )
    assert where(result.findings) == [("ML501", 1, 3, 6, 21)]


def test_the_module_leaves_out_the_cells_of_other_languages():
    nb = read_notebook(
        STYLES["jupyter"](
            notebook(
                cell("x = 1", language="python"),
                cell("curl https://example.com", language="plaintext"),
                cell("%%writefile app.py\nimport openai"),
                cell("!ls\ny = 2"),
            )
        )
    )
    code = build(nb)
    assert [c.cell.index for c in code.cells] == [1, 4]
    assert code.unparsable == []
    assert [(c.index, text) for c, text in shell_texts(code)] == [
        (2, "curl https://example.com"),
        (3, "                  \nimport openai"),
        (4, " ls"),
    ]


def _write(tmp_path, *cells):
    (tmp_path / "demo.ipynb").write_text(STYLES["jupyter"](notebook(*cells)), encoding="utf-8")


def test_check_passes_on_cells_of_other_languages_and_fails_on_openai_in_them(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, cell("DESCRIBE SECURITY INTEGRATION CHATGPT;", language="yaml"))
    result = CliRunner().invoke(app, ["check", ".", "-p", "qwen", "--format", "text"])
    assert (result.exit_code, result.stdout) == (0, "0 findings for qwen in 0 of 1 file\n")

    _write(tmp_path, cell(CURL, language="plaintext"))
    before = (tmp_path / "demo.ipynb").read_bytes()
    result = CliRunner().invoke(app, ["check", ".", "-p", "qwen", "--format", "text"])
    assert result.exit_code == 1
    assert [line.split(" ")[:4] for line in result.stdout.splitlines()[:2]] == [
        ["demo.ipynb:cell", "1:1:6", "ML502", "https://api.openai.com/v1/responses"],
        ["demo.ipynb:cell", "1:2:6", "ML501", "OPENAI_API_KEY"],
    ]
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--allow-dirty"])
    assert result.exit_code == 0
    assert "could not" not in result.stdout + result.stderr
    assert (tmp_path / "demo.ipynb").read_bytes() == before


def test_without_a_provider_the_findings_are_manual_too(registry, tmp_path):
    scanner = FileScanner(RuleContext(registry, None), tmp_path)
    _, result = examined(scanner, cell(CURL, language="plaintext"))
    assert [(f.rule, f.fix, f.edit) for f in result.findings] == [
        ("ML502", FixClass.MANUAL, None),
        ("ML501", FixClass.MANUAL, None),
    ]


def test_python_under_a_stale_editor_tag_is_read_as_the_kernel_runs_it(tmp_path, monkeypatch):
    # Jupyter and nbclient run every code cell on the kernel whatever VS Code's languageId
    # says: cells 1 and 2 are Python to a python3 kernel; cell 3 could not run, so its tag
    # keeps it out of the module (read as a script)
    monkeypatch.chdir(tmp_path)
    _write(
        tmp_path,
        cell("from openai import OpenAI\nclient = OpenAI()", language="shellscript"),
        cell('r = client.chat.completions.create(model="gpt-4o", messages=[])', language="bat"),
        cell("curl https://example.com", language="shellscript"),
    )
    result = CliRunner().invoke(app, ["check", ".", "-p", "qwen", "--format", "text"])
    assert result.exit_code == 1
    assert [line.split(" ")[:3] for line in result.stdout.splitlines()[:2]] == [
        ["demo.ipynb:cell", "1:2:10", "ML001"],
        ["demo.ipynb:cell", "2:1:42", "ML201"],
    ]
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--allow-dirty"])
    assert result.exit_code == 0
    assert (tmp_path / "demo.ipynb").read_text(encoding="utf-8") == STYLES["jupyter"](
        notebook(
            cell(
                "import os\n\nfrom openai import OpenAI\nclient = OpenAI(\n"
                '    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
                "    base_url=os.environ.get(\n"
                '        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
                "    ),\n)",
                language="shellscript",
            ),
            cell(
                'r = client.chat.completions.create(model="qwen4-max", messages=[])', language="bat"
            ),
            cell("curl https://example.com", language="shellscript"),
        )
    )
    result = CliRunner().invoke(app, ["check", ".", "-p", "qwen", "--format", "text"])
    assert (result.exit_code, result.stdout) == (0, "0 findings for qwen in 0 of 1 file\n")


def test_a_tagged_cell_is_python_with_its_ipython_lines_and_another_language_by_its_magic():
    nb = read_notebook(
        STYLES["jupyter"](
            notebook(
                cell("!pip install -q openai\nimport openai", language="shellscript"),
                cell("%%time\nx = 1", language="plaintext"),
                cell("%%bash\necho hi", language="python"),
                cell("pip install openai", language="shellscript"),
                cell("Summarise the text, don't guess.", language="plaintext"),
            )
        )
    )
    code = build(nb)
    assert [c.cell.index for c in code.cells] == [1, 2, 4]
    assert code.unparsable == []
    assert [(c.index, text) for c, text in shell_texts(code)] == [
        (1, " pip install -q openai"),
        (3, "      \necho hi"),
        (5, "Summarise the text, don't guess."),
    ]
