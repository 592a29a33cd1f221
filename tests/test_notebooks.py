"""Jupyter notebooks: scanned like Python, migrated cell by cell, every other byte kept.

Notebooks are built in the styles real tools write them (tests/notebook_builder.py), so that
the expected file after `apply` is exactly what the same writer would produce for the migrated
cells.
"""

from __future__ import annotations

import ast
import json
import subprocess
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.diff import preview_diff, unified_diff
from migrate_llm.engine import FileScanner
from migrate_llm.formats import FormatError, kind_of
from migrate_llm.formats import notebook as notebook_format
from migrate_llm.formats.notebook import encode_source, read_notebook
from migrate_llm.model import FileChange
from migrate_llm.notebook_code import build
from migrate_llm.rules import all_rules
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.notebook_magics import NOTEBOOK_RULES, OutputSecret

from .notebook_builder import STYLES, cell, notebook

KEY = "sk-proj-abcdefghijklmnop0123456789"


BEFORE = (
    cell("# 演示：调用 OpenAI\n把模型换成国产模型。", kind="markdown"),
    cell("!pip install -q openai==0.28\n%env OPENAI_BASE_URL=https://api.openai.com/v1"),
    cell("import os\nfrom openai import OpenAI\n\nclient = OpenAI()"),
    cell(
        "%%time\n"
        'reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", '
        '"content": "你好"}])\n'
        "reply?",
        outputs=[{"name": "stdout", "output_type": "stream", "text": ["好的\n"]}],
    ),
    cell("%%bash\necho 'model=gpt-4o'"),
    cell("", kind="code"),
)
AFTER = (
    BEFORE[0],
    cell('!pip install -q "openai>=1"\n%env ACME_BASE_URL=https://api.acme.example/v1'),
    cell(
        "import os\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)'
    ),
    {
        **BEFORE[3],
        "source": "%%time\n"
        "reply = client.chat.completions.create(\n"
        '    model="acme-large", messages=[{"role": "user", "content": "你好"}]\n'
        ")\n"
        "reply?",
    },
    BEFORE[4],
    BEFORE[5],
)


@pytest.fixture
def scanner(registry, tmp_path):
    return FileScanner(RuleContext(registry, registry.get("acme")), tmp_path)


def migrate(scanner, text: str, name: str = "demo.ipynb") -> FileChange:
    return scanner.migrate_text(text, "notebook", name, name)


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("as_list", [True, False], ids=["lines", "string"])
def test_apply_rewrites_only_the_changed_cells_in_the_file_style(scanner, style, as_list):
    write = STYLES[style]
    before = write(notebook(*BEFORE, as_list=as_list))
    change = migrate(scanner, before)
    assert change.error is None
    assert change.after == write(notebook(*AFTER, as_list=as_list))
    assert migrate(scanner, change.after).after == change.after  # a second apply: nothing
    nbformat.validate(nbformat.reads(change.after, as_version=4))


def test_findings_carry_the_cell_and_lines_inside_it(scanner):
    change = migrate(scanner, STYLES["jupyter"](notebook(*BEFORE)))
    where = [(f.rule, f.cell, f.line, f.column) for f in change.findings if f.fix.value != "none"]
    assert where == [
        ("ML506", 2, 1, 17),
        ("ML406", 2, 2, 6),
        ("ML001", 3, 4, 10),
        ("ML201", 4, 2, 46),
        ("ML503", 5, 2, 13),  # the `%%bash` cell, read as a shell script is (never edited)
    ]
    pin = next(f for f in change.findings if f.rule == "ML506")
    assert pin.where == "demo.ipynb:cell 2:1:17"
    assert pin.to_json()["cell"] == 2
    assert pin.data == {"package": "openai", "pin_from": "==0.28", "pin_to": ">=1", "file_line": 19}


def test_a_client_built_in_one_cell_is_traced_in_another(scanner):
    text = STYLES["jupyter"](
        notebook(
            cell("from openai import OpenAI\nbot = OpenAI()"),
            cell("x = 1", kind="markdown"),
            cell('bot.chat.completions.create(model="gpt-4o", messages=[])'),
        )
    )
    change = migrate(scanner, text)
    sources = [c.source for c in read_notebook(change.after).cells]
    assert sources[2] == 'bot.chat.completions.create(model="acme-large", messages=[])'
    calls = [f for f in change.findings if f.rule == "ML101"]
    assert [(f.cell, f.line) for f in calls] == [(3, 1)]


def test_an_import_in_a_later_cell_does_not_count_for_code_in_an_earlier_one(scanner):
    """The cells run in order: `os.environ` written into the first cell needs an `import os`
    there, not the one a later cell has (NameError in the DSPy tutorials)."""
    text = STYLES["jupyter"](
        notebook(
            cell("from openai import OpenAI\nbot = OpenAI()"),
            cell("import os\nprint(os.getcwd())"),
        )
    )
    change = migrate(scanner, text)
    sources = [c.source for c in read_notebook(change.after).cells]
    assert sources == [
        "import os\n\nfrom openai import OpenAI\nbot = OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)',
        "import os\nprint(os.getcwd())",
    ]
    assert migrate(scanner, change.after).after == change.after


def test_a_cell_indented_as_a_whole_is_read_as_ipython_runs_it(scanner):
    # IPython takes the first line's indentation off every line of a cell (`leading_indent`)
    text = STYLES["jupyter"](
        notebook(
            cell("\n  from openai import OpenAI\n\n  bot = OpenAI(base_url=URL)\n  x = 1"),
            cell('  bot.chat.completions.create(\n      model="gpt-4o", messages=[]\n  )'),
            cell("    y = 2\n    %time z = 3"),
            cell("  a = 1\n b = 2"),  # IPython would fail here too: left out, named
        )
    )
    change = migrate(scanner, text)
    sources = [c.source for c in read_notebook(change.after).cells]
    assert sources == [
        "\n  from openai import OpenAI\n\n  bot = OpenAI(base_url=URL)\n  x = 1",
        '  bot.chat.completions.create(\n      model="acme-large", messages=[]\n  )',
        "    y = 2\n    %time z = 3",
        "  a = 1\n b = 2",
    ]
    model = next(f for f in change.findings if f.rule == "ML201")
    assert (model.cell, model.line, model.column) == (2, 2, 13)
    assert [p.message for p in change.problems] == [
        "cell 4, line 1: syntax error: unexpected indent (not scanned)"
    ]
    assert migrate(scanner, change.after).after == change.after


def test_a_key_set_in_a_cell_is_removed_never_copied(scanner):
    text = STYLES["jupyter"](
        notebook(
            cell(f'import os\nos.environ["OPENAI_API_KEY"] = "{KEY}"\nprint(os.sep)'),
            cell(f"%env OPENAI_API_KEY={KEY}\n%env OPENAI_API_KEY <your key>"),
        )
    )
    change = migrate(scanner, text)
    sources = [c.source for c in read_notebook(change.after).cells]
    assert sources == ["import os\nprint(os.sep)", "%env ACME_API_KEY <your key>"]
    assert KEY not in change.after
    messages = " ".join(f.message for f in change.findings)
    assert KEY not in messages and "sk-pr…89" in messages


@pytest.mark.parametrize(
    "line",
    [
        "%env DASHSCOPE_API_KEY=sk-4f9a2b7c8d1e4f6a9b3c5d7e8f0a1b2c",
        "%set_env DASHSCOPE_API_KEY=sk-4f9a2b7c8d1e4f6a9b3c5d7e8f0a1b2c",
        "%env DASHSCOPE_API_KEY sk-4f9a2b7c8d1e4f6a9b3c5d7e8f0a1b2c",
    ],
)
def test_a_key_set_in_the_providers_variable_keeps_check_red_and_is_left(
    tmp_path, monkeypatch, line
):
    # the code reads DASHSCOPE_API_KEY: apply cannot remove the line, check must not pass
    monkeypatch.chdir(tmp_path)
    code = (
        "import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ["
        "'DASHSCOPE_API_KEY'], base_url='https://dashscope.aliyuncs.com/compatible-mode/v1')"
    )
    text = STYLES["jupyter"](notebook(cell(line), cell(code)))
    (tmp_path / "demo.ipynb").write_text(text)
    result = CliRunner().invoke(app, ["check", "demo.ipynb", "--provider", "qwen"])
    assert result.exit_code == 1
    column = 10 if line.startswith("%set_env") else 6
    assert result.stdout.splitlines()[0] == (
        f"demo.ipynb:cell 1:1:{column} ML406 %env writes an API key (sk-4f…2c) into the "
        "notebook as DASHSCOPE_API_KEY; set DASHSCOPE_API_KEY outside the notebook and rotate "
        "the key"
    )
    assert "sk-4f9a2b7c8d1e4f6a9b3c5d7e8f0a1b2c" not in result.stdout + result.stderr
    result = CliRunner().invoke(
        app, ["apply", "demo.ipynb", "--provider", "qwen", "--yes", "--allow-dirty"]
    )
    assert (tmp_path / "demo.ipynb").read_text() == text


def test_a_key_in_an_output_is_reported_masked_and_outputs_are_left(scanner):
    output = {"name": "stdout", "output_type": "stream", "text": [f"key is {KEY}\n"]}
    text = STYLES["jupyter"](notebook(cell("print(client.api_key)", outputs=[output])))
    change = migrate(scanner, text)
    (finding,) = change.findings
    assert (finding.rule, finding.cell, finding.fix.value) == ("ML006", 1, "manual")
    assert finding.message == (
        "an API key (sk-pr…89) is saved in this cell's output: clear the notebook's outputs "
        "and rotate the key"
    )
    assert change.after == text


def test_ipython_syntax_is_kept_byte_for_byte(scanner):
    source = (
        "%matplotlib inline\n"
        "files = !ls\n"
        "from openai import OpenAI\n"
        "OpenAI?\n"
        "  %time x = 1\n"
        "!echo a \\\n"
        "  b\n"
        "client = OpenAI()"
    )
    text = STYLES["jupyter"](notebook(cell(source)))
    after = read_notebook(migrate(scanner, text).after).cells[0].source
    assert after.startswith(
        "%matplotlib inline\nfiles = !ls\nimport os\n\nfrom openai import OpenAI\nOpenAI?\n"
        "  %time x = 1\n!echo a \\\n  b\nclient = OpenAI(\n"
    )


def test_a_magic_without_its_percent_is_hidden_where_its_line_is_not_python(scanner):
    source = (
        "cd ..\n"
        "load_ext autoreload\n"
        "time x = 1\n"
        "cd = 'docs'\n"
        "ls -la\n"
        "from openai import OpenAI\n"
        "client = OpenAI()"
    )
    text = STYLES["jupyter"](notebook(cell(source)))
    change = migrate(scanner, text)
    assert change.problems == ()
    (after,) = [c.source for c in read_notebook(change.after).cells]
    # IPython's automagic runs the first three; the next two are Python (an assignment, a
    # subtraction) and stay in the module the rules read
    assert after.startswith(
        "cd ..\nload_ext autoreload\ntime x = 1\ncd = 'docs'\nls -la\nimport os\n\n"
        "from openai import OpenAI\nclient = OpenAI(\n"
    )
    code = build(read_notebook(text))
    assert [m.text for m in code.magics] == ["cd ..", "load_ext autoreload", "time x = 1"]


def test_cells_that_are_not_python_are_left_out(registry):
    nb = read_notebook(
        STYLES["jupyter"](
            notebook(
                cell("%%writefile app.py\nimport openai\nopenai.api_key = 'x'"),
                cell("%%html\n<b>gpt-4o</b>"),
                cell("%%capture\nimport openai"),
            )
        )
    )
    code = build(nb)
    assert [c.cell.index for c in code.cells] == [3]
    assert code.text == "#@@ml-magic-3_1@@\nimport openai\n"


def _counting_parses(monkeypatch) -> list[str]:
    from migrate_llm import notebook_code

    parsed: list[str] = []
    real = notebook_code._parses

    def counting(source):
        parsed.append(source)
        return real(source)

    monkeypatch.setattr(notebook_code, "_parses", counting)
    return parsed


# the cells with lines to hide: parsed as they are, then with placeholders (a `pass` where a
# block would be left empty)
MAGIC_CELL_PARSES = [
    "!pip install openai\nx = 1\n",
    "#@@ml-magic-2_1@@\nx = 1\n",
    "if x:\n    !ls\n",
    "if x:\n    #@@ml-magic-3_2@@\n",
    "if x:\n    pass  #@@ml-magic-3_2@@\n",
]


@pytest.mark.parametrize(
    ("last", "parsed_after", "unparsable"),
    [
        # the module parses: only the cell with a line to hide was parsed on its own
        ("@decorate\ndef f():\n    return [\n        1,\n    ]", [], []),
        # it does not: every cell is, as the module would have been
        (
            "def broken(:\n    pass",
            ["import openai\n", *MAGIC_CELL_PARSES, "def broken(:\n    pass\n"],
            [(4, "syntax error: invalid syntax", 1)],
        ),
    ],
)
def test_a_cell_is_parsed_alone_when_it_has_lines_to_hide_or_the_module_does_not_parse(
    monkeypatch, last, parsed_after, unparsable
):
    parsed = _counting_parses(monkeypatch)
    cells = (
        cell("import openai"),
        cell("!pip install openai\nx = 1"),
        cell("if x:\n    !ls"),
        cell(last),
    )
    code = build(read_notebook(STYLES["jupyter"](notebook(*cells))))
    assert parsed == MAGIC_CELL_PARSES + parsed_after
    assert code.unparsable == unparsable
    assert [c.cell.index for c in code.cells] == [1, 2, 3, 4][: 4 - len(unparsable)]
    if unparsable:
        assert code.tree is None
    else:
        assert code.tree is not None
        assert ast.dump(code.tree) == ast.dump(ast.parse(code.text))


@pytest.mark.parametrize(
    ("sources", "unparsable"),
    [
        # a bracket opened in one cell and closed in the next
        (["x = [\n    1,", "    2,\n]", "y = 1"], [(1, 1), (2, 1)]),
        # a block that goes on in the next cell (a cell indented as a whole is not one:
        # IPython takes its indentation off)
        (["if True:\n    x = 1", "    y = 2\nz = 3"], [(2, 1)]),
        # a decorator without its function, and a decorator whose expression is on the
        # line after its `@`
        (["@decorate", "def f():\n    pass"], [(1, 1)]),
        (["@(", "decorate)\ndef f():\n    pass"], [(1, 1), (2, 1)]),
        # a line continued into the next cell, which the module reads as a comment line
        (["x = 1 + \\", "y = 2"], [(1, 1)]),
        # a triple-quoted string opened in one cell and closed in the next
        (['s = """a', 'b"""\nt = 1'], [(1, 1), (2, 1)]),
    ],
)
def test_cells_that_parse_only_together_are_each_left_out(sources, unparsable):
    from migrate_llm import notebook_code

    nb = read_notebook(STYLES["jupyter"](notebook(*(cell(s) for s in sources))))
    code = build(nb)
    assert [(index, line) for index, _, line in code.unparsable] == unparsable
    kept = [i for i in range(1, len(sources) + 1) if i not in {u for u, _ in unparsable}]
    assert [c.cell.index for c in code.cells] == kept
    alone = notebook_code._build(nb, frozenset(), alone=True)
    assert (code.text, code.unparsable) == (alone.text, alone.unparsable)


def test_a_cell_that_does_not_parse_is_named_and_the_rest_is_migrated(scanner, tmp_path):
    text = STYLES["jupyter"](
        notebook(cell("def broken(:\n    pass"), cell("from openai import OpenAI\nc = OpenAI()"))
    )
    change = migrate(scanner, text)
    assert change.error is None
    assert [p.message for p in change.problems] == [
        "cell 1, line 1: syntax error: invalid syntax (not scanned)"
    ]
    assert read_notebook(change.after).cells[0].source == "def broken(:\n    pass"
    assert "ACME_API_KEY" in read_notebook(change.after).cells[1].source


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"cells": [', "cannot read notebook: not valid JSON: Expecting ',' delimiter"),
        (
            json.dumps({"nbformat": 3, "worksheets": [{"cells": [{"input": "import openai"}]}]}),
            "cannot read notebook: nbformat 3 notebook: open and save it in Jupyter to upgrade "
            "it to nbformat 4",
        ),
        (
            '{"cells": [{"source": "import openai"}], "nbformat": 4}',
            "cannot read notebook: cell 1 has no cell_type",
        ),
    ],
)
def test_bad_notebooks_are_listed_and_left_alone(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.ipynb").write_text(text + "\n" * text.endswith("[") + '"import openai"')
    if text.endswith("}"):
        (tmp_path / "bad.ipynb").write_text(text)
    result = CliRunner().invoke(app, ["scan", "bad.ipynb", "--format", "json"])
    data = json.loads(result.stdout)
    assert [e["message"] for e in data["errors"]] == [message]
    before = (tmp_path / "bad.ipynb").read_bytes()
    result = CliRunner().invoke(
        app, ["apply", "bad.ipynb", "--provider", "qwen", "--yes", "--allow-dirty"]
    )
    assert result.exit_code == 1
    assert (tmp_path / "bad.ipynb").read_bytes() == before


def test_suppression_comments_work_inside_cells(scanner):
    text = STYLES["jupyter"](
        notebook(cell("from openai import OpenAI\nc = OpenAI()  # migrate-llm: ignore[ML001]"))
    )
    change = migrate(scanner, text)
    assert [f.rule for f in change.findings if f.rule == "ML001"] == []
    assert change.after == text


def test_scan_check_and_apply_find_notebooks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = STYLES["minified"](notebook(cell("import openai\nopenai.api_key = 'x'")))
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "demo.ipynb").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", ".", "--provider", "qwen", "--format", "text"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("nb/demo.ipynb:cell 1:2:1 ML103 ")
    sarif = json.loads(
        CliRunner().invoke(app, ["check", ".", "-p", "qwen", "--format", "sarif"]).stdout
    )
    first = sarif["runs"][0]["results"][0]
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert first["message"]["text"].startswith("cell 1, line 2: ")
    assert first["properties"]["cell"] == 1
    assert kind_of("nb/demo.ipynb") == "notebook"


def test_diff_applies_with_git_and_equals_yes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = STYLES["jupyter"](notebook(*BEFORE))
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "demo.ipynb").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "a")
    diff = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--diff"]).stdout
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "apply", "-"], input=diff.encode(), check=True)
    monkeypatch.chdir(tmp_path / "b")
    CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes", "--allow-dirty"])
    assert (tmp_path / "a" / "demo.ipynb").read_bytes() == (
        tmp_path / "b" / "demo.ipynb"
    ).read_bytes()
    assert (tmp_path / "b" / "demo.ipynb").read_bytes() != text.encode()


def test_preview_shows_changed_cells_as_python(scanner):
    change = migrate(scanner, STYLES["jupyter"](notebook(*BEFORE)))
    preview = preview_diff(change)
    assert preview.splitlines()[:7] == [
        "--- a/demo.ipynb (cell 2)",
        "+++ b/demo.ipynb (cell 2)",
        "@@ -1,2 +1,2 @@",
        "-!pip install -q openai==0.28",
        "-%env OPENAI_BASE_URL=https://api.openai.com/v1",
        '+!pip install -q "openai>=1"',
        "+%env ACME_BASE_URL=https://api.acme.example/v1",
    ]
    assert "(cell 4)" in preview and "(cell 1)" not in preview
    assert unified_diff(change)[0].startswith("--- a/demo.ipynb\n+++ b/demo.ipynb\n")


def test_baseline_keys_on_cell_content_not_cell_number(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = cell("import openai\nopenai.api_key = 'x'")
    other = cell("print(1)")
    path = tmp_path / "demo.ipynb"
    path.write_text(STYLES["jupyter"](notebook(first, other)))
    runner = CliRunner()
    written = runner.invoke(app, ["check", ".", "-p", "qwen", "--write-baseline", "base.json"])
    assert written.exit_code == 0, written.output
    path.write_text(STYLES["jupyter"](notebook(other, cell("# new"), first)))
    result = runner.invoke(app, ["check", ".", "-p", "qwen", "--baseline", "base.json"])
    assert result.exit_code == 0, result.output


def test_encoding_an_empty_list_source_follows_the_file_indentation(registry):
    text = STYLES["jupyter"](notebook(cell("")))
    nb = read_notebook(text)
    assert encode_source(nb, nb.cells[0], "a\nb") == '[\n    "a\\n",\n    "b"\n   ]'
    minified = read_notebook(STYLES["minified"](notebook(cell(""))))
    assert encode_source(minified, minified.cells[0], "a\nb") == '["a\\n","b"]'


def test_source_spans_are_found_past_values_that_look_like_cells():
    """Outputs and metadata are skipped whole; a `cells` or `source` key inside them is not
    a cell's source."""
    decoy = {"cells": [{"source": "import openai"}], "source": ["x = 1\n"], "s": '"]}'}
    text = json.dumps(
        {
            "metadata": decoy,
            "cells": [
                {
                    "cell_type": "code",
                    "metadata": decoy,
                    "outputs": [{"data": decoy, "output_type": "display_data"}],
                    "source": ["import os\n", "print(1)"],
                },
                {"cell_type": "markdown", "metadata": {}, "source": '# "title" \\ end'},
            ],
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )
    nb = read_notebook(text)
    first, second = nb.cells
    assert text[first.span.start : first.span.end] == '[\n    "import os\\n",\n    "print(1)"\n   ]'
    assert [text[i.start : i.end] for i in first.items] == ['"import os\\n"', '"print(1)"']
    assert text[second.span.start : second.span.end] == '"# \\"title\\" \\\\ end"'
    assert (first.source, second.source) == ("import os\nprint(1)", '# "title" \\ end')


def test_source_spans_with_escaped_keys_odd_spacing_and_empty_sources():
    """Keys written with escapes, any JSON whitespace around keys, colons, commas and
    lines, and sources that are empty arrays or strings are all found where they stand."""
    text = (
        '{ "nbformat" : 4 ,\t"cells" : [\r\n'
        '  { "cell_type" : "code" , "sourc\\u0065" :\n [ "a = 1\\n" ,\n\t"b = \\"x\\"" ] },\n'
        '  {"cell_type":"code","source":[]},\n'
        '  {"cell_type":"code","source":[ ]  ,"outputs":[]},\n'
        '  {"cell_type":"markdown","source":"# t"}\n'
        " ] }"
    )
    nb = read_notebook(text)
    first, empty, spaced, markdown = nb.cells
    assert text[first.span.start : first.span.end] == '[ "a = 1\\n" ,\n\t"b = \\"x\\"" ]'
    assert [text[i.start : i.end] for i in first.items] == ['"a = 1\\n"', '"b = \\"x\\""']
    assert first.source == 'a = 1\nb = "x"'
    assert (text[empty.span.start : empty.span.end], empty.items) == ("[]", ())
    assert (text[spaced.span.start : spaced.span.end], spaced.items) == ("[ ]", ())
    assert text[markdown.span.start : markdown.span.end] == '"# t"'


def test_a_source_array_holding_other_than_strings_is_refused():
    text = '{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["a", 1]}]}'
    with pytest.raises(FormatError, match="source is neither"):
        read_notebook(text)


def test_reader_rejects_what_is_not_a_notebook():
    with pytest.raises(FormatError, match="no list of cells"):
        read_notebook("[]")
    with pytest.raises(FormatError, match="source is neither"):
        read_notebook('{"nbformat": 4, "cells": [{"cell_type": "code", "source": 3}]}')


# --- the notebook rules' documented examples -----------------------------------------------


def run_example(registry, rule, example):
    provider = registry.get(example.provider) if example.provider else None
    scanner = FileScanner(RuleContext(registry, provider), Path("."))
    outputs = []
    if rule is OutputSecret and example.finds:
        outputs = [{"name": "stdout", "output_type": "stream", "text": [rule.example_output]}]
    text = STYLES["jupyter"](notebook(cell(example.before, outputs=outputs)))
    return scanner.migrate_text(text, "notebook", example.path, example.path)


EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.code}[{i}]")
    for rule in NOTEBOOK_RULES
    for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_notebook_rule_examples(registry, rule, example):
    change = run_example(registry, rule, example)
    mine = [f for f in change.findings if f.rule == rule.code]
    assert bool(mine) == example.finds
    if example.message is not None:
        assert mine[0].message == example.message
    if example.after is not None:
        assert read_notebook(change.after).cells[0].source == example.after
        again = run_example(registry, rule, replace(example, before=example.after))
        assert again.after == again.before


def test_notebook_rules_are_registered_and_documented():
    codes = {r.code for r in all_rules()}
    assert {r.code for r in NOTEBOOK_RULES} <= codes
    for rule in NOTEBOOK_RULES:
        assert "## Fix" in rule.docs()
        assert any(not e.finds for e in rule.examples)


def test_messages_name_other_lines_by_cell(scanner):
    text = STYLES["jupyter"](
        notebook(
            cell('MODEL = "gpt-4o"'),
            cell("from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model=MODEL)"),
        )
    )
    (constant,) = [f for f in migrate(scanner, text).findings if f.rule == "ML202"]
    assert constant.message == (
        "constant MODEL = 'gpt-4o' (used as model= on cell 2, line 3) maps to 'acme-large' on "
        "Acme Cloud"
    )


def test_terminal_preview_shows_cells_then_writes(tmp_path):
    from .test_apply_cli import ACME, _run_in_terminal

    text = STYLES["jupyter"](notebook(cell("from openai import OpenAI\nclient = OpenAI()")))
    (tmp_path / "demo.ipynb").write_text(text, encoding="utf-8")
    code, screen = _run_in_terminal(["apply", *ACME, "--allow-dirty"], tmp_path, b"y\n")
    assert code == 0, screen
    assert "--- a/demo.ipynb (cell 1)" in screen
    assert "+client = OpenAI(\x1b[0m\r\n\x1b[32m+    api_key=" in screen
    assert "ACME_API_KEY" in (tmp_path / "demo.ipynb").read_text(encoding="utf-8")


def test_apply_writes_the_rest_names_the_bad_cell_and_exits_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = STYLES["jupyter"](
        notebook(cell("def broken(:\n    pass"), cell("from openai import OpenAI\nc = OpenAI()"))
    )
    (tmp_path / "demo.ipynb").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--allow-dirty"])
    assert result.exit_code == 1
    assert "demo.ipynb cell 1, line 1: syntax error: invalid syntax (not scanned)" in result.stderr
    assert "DASHSCOPE_API_KEY" in (tmp_path / "demo.ipynb").read_text(encoding="utf-8")


def test_ipython_lines_as_a_blocks_only_statement_and_automagic_pip(scanner):
    source = "if fresh:\n    !pip install -q openai==0.28\npip install 'openai<1'\nimport openai"
    text = STYLES["jupyter"](notebook(cell(source)))
    change = migrate(scanner, text)
    assert change.problems == ()
    assert read_notebook(change.after).cells[0].source == (
        "if fresh:\n    !pip install -q \"openai>=1\"\npip install 'openai>=1'\nimport openai"
    )
    assert [(f.rule, f.line) for f in change.findings] == [("ML506", 2), ("ML506", 3)]


def test_source_spans_of_a_plain_notebook_come_from_its_source_keys(monkeypatch):
    """One `"source"` key per cell: the keys give the spans, the text is not walked; each
    cell's strings are found when asked."""
    text = STYLES["jupyter"](notebook(cell("import os\nprint(1)"), cell("x = 2")))

    def no_walk(self):
        raise AssertionError("walked")

    monkeypatch.setattr(notebook_format._SourceSpans, "walk", no_walk)
    first, second = read_notebook(text).cells
    assert text[first.span.start : first.span.end] == '[\n    "import os\\n",\n    "print(1)"\n   ]'
    assert [text[i.start : i.end] for i in first.items] == ['"import os\\n"', '"print(1)"']
    assert [text[i.start : i.end] for i in second.items] == ['"x = 2"']


def test_a_cell_without_source_is_refused_when_an_output_holds_one():
    """As many `"source"` keys as cells, one of them an output's: not taken for the cell's."""
    text = json.dumps(
        {
            "cells": [
                {"cell_type": "code", "outputs": []},
                {
                    "cell_type": "code",
                    "outputs": [{"data": {"application/json": {"source": ["x"]}}}],
                    "source": ["x"],
                },
            ],
            "nbformat": 4,
        },
        indent=1,
    )
    with pytest.raises(FormatError, match="cell 1 has no source"):
        read_notebook(text)
