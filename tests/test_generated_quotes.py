"""Generated code takes the project's quote: string literals the edits write use single quotes
where ruff is configured for them (`quote-style`, `inline-quotes`); the rest stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.layout import LineLengths, Style, with_quote
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import RuleContext

SDK_BEFORE = "from openai import OpenAI\n\nclient = OpenAI()\n"
AGENT_BEFORE = (
    "from pydantic_ai import Agent\n\n"
    "agent = Agent('openai:gpt-4o', instructions=\"Don't guess.\")\n"
)
IMPORTS = "import os\n\nfrom openai import OpenAI\n\n"


def sdk_after(q: str) -> str:
    return IMPORTS + (
        "client = OpenAI(\n"
        f"    api_key=os.environ.get({q}ACME_API_KEY{q}, {q}unset{q}),\n"
        f"    base_url=os.environ.get({q}ACME_BASE_URL{q}, {q}https://api.acme.example/v1{q}),\n"
        ")\n"
    )


def migrate(registry, text: str, directory: Path) -> str:
    """Migrate `text` for acme as `directory/app.py`; assert a second run is a no-op."""
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), directory)
    path = directory / "app.py"
    change = scanner.migrate_text(text, "python", "app.py", "app.py", path)
    assert change.error is None
    assert scanner.migrate_text(change.after, "python", "app.py", "app.py", path).after == (
        change.after
    )
    return change.after


@pytest.mark.parametrize(
    ("name", "config", "quote"),
    [
        ("pyproject.toml", "[tool.ruff.format]\nquote-style = 'single'\n", "'"),
        ("pyproject.toml", "[tool.ruff.lint.flake8-quotes]\ninline-quotes = 'single'\n", "'"),
        ("pyproject.toml", "[tool.ruff.flake8-quotes]\ninline-quotes = 'single'\n", "'"),
        ("ruff.toml", "[format]\nquote-style = 'single'\n", "'"),
        (".ruff.toml", "[lint.flake8-quotes]\ninline-quotes = 'single'\n", "'"),
        ("pyproject.toml", "[tool.ruff]\nline-length = 100\n", '"'),
        ("pyproject.toml", "[tool.ruff.format]\nquote-style = 'preserve'\n", '"'),
        (
            "pyproject.toml",
            "[tool.ruff.format]\nquote-style = 'double'\n"
            "[tool.ruff.lint.flake8-quotes]\ninline-quotes = 'single'\n",
            '"',
        ),
        ("pyproject.toml", "[tool.black]\nline-length = 100\n", '"'),
        ("", "", '"'),
    ],
)
def test_sdk_client_rewrite_takes_the_configured_quote(registry, tmp_path, name, config, quote):
    if name:
        (tmp_path / name).write_text(config, encoding="utf-8")
    assert migrate(registry, SDK_BEFORE, tmp_path) == sdk_after(quote)


def test_pydantic_ai_agent_rewrite_in_a_single_quote_project(registry, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.ruff]\nline-length = 120\n[tool.ruff.format]\nquote-style = 'single'\n",
        encoding="utf-8",
    )
    assert migrate(registry, AGENT_BEFORE, tmp_path) == (
        "import os\n\n"
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        "agent = Agent(\n"
        "    OpenAIChatModel(\n"
        "        'acme-large',\n"
        "        provider=OpenAIProvider(\n"
        "            base_url=os.environ.get('ACME_BASE_URL', 'https://api.acme.example/v1'),\n"
        "            api_key=os.environ.get('ACME_API_KEY', 'unset'),\n"
        "        ),\n"
        "        profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
        "    ),\n"
        '    instructions="Don\'t guess.",\n'  # the user's literal, untouched
        ")\n"
    )


def test_a_project_config_extending_the_root_one_gets_its_quote(registry, tmp_path):
    """pydantic-ai's examples/pyproject.toml sets its own line length and `extend`s the
    root configuration, which sets the quote."""
    (tmp_path / "pyproject.toml").write_text(
        "[tool.ruff.lint.flake8-quotes]\ninline-quotes = 'single'\n", encoding="utf-8"
    )
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "pyproject.toml").write_text(
        "[tool.ruff]\nextend = '../pyproject.toml'\nline-length = 88\n", encoding="utf-8"
    )
    assert LineLengths().style_of(examples) == Style(88, "'")
    assert migrate(registry, SDK_BEFORE, examples) == sdk_after("'")


def test_the_users_double_quoted_code_is_left_alone(registry, tmp_path):
    (tmp_path / "ruff.toml").write_text("[format]\nquote-style = 'single'\n", encoding="utf-8")
    before = 'from openai import OpenAI\n\nNAME = "x"\nclient = OpenAI()\n'
    after = migrate(registry, before, tmp_path)
    assert after == sdk_after("'").replace("client =", 'NAME = "x"\nclient =')


def _finding(edit: Edit, line: int, column: int, end: int) -> Finding:
    return Finding(
        "ML100", "m", Severity.ERROR, FixClass.SAFE, "m", line, column, line, end, edit=edit
    )


def test_only_literals_that_need_no_escaping_change():
    before = "x = make()\n"
    start = before.index("make()")
    written = (
        'make("a", "it\'s", \'b\', b"c", rb"d", u"e", f"{v}", f"{v!r:>{w}}", """doc""", '
        '"q\\"q", "")'
    )
    edit = Edit(Span(start, start + len("make()")), written, setup=('LABEL = "made"',))
    after, _ = migrate_text(before, "python", "a.py", [_finding(edit, 1, 4, 10)], quote="'")
    assert after == (
        "LABEL = 'made'\n"
        "x = make(\n"
        "    'a', \"it's\", 'b', b'c', rb'd', u'e', f'{v}', f'{v!r:>{w}}', \"\"\"doc\"\"\", "
        '"q\\"q", \'\'\n'
        ")\n"
    )
    plain, _ = migrate_text(before, "python", "a.py", [_finding(edit, 1, 4, 10)])
    assert 'make(\n    "a",' in plain and 'LABEL = "made"' in plain  # the default: as written


def test_an_edit_continuing_a_literal_of_the_file_is_written_as_it_is():
    before = 'x = "gpt-4o"\n'
    start = before.index("gpt-4o")
    edit = Edit(Span(start, start + len('gpt-4o"')), 'qwen", "y"')
    after, _ = migrate_text(before, "python", "a.py", [_finding(edit, 1, 5, 12)], quote="'")
    assert after == 'x = "qwen", "y"\n'  # read alone, `", "` looked like a literal


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('f(\n    "a",\n    "b"', "f(\n    'a',\n    'b'"),  # a fragment ending in brackets
        ('# "c"\n"d"', "# \"c\"\n'd'"),
        ('"é" + "x"', "'é' + 'x'"),
        ('"unterminated', '"unterminated'),
        ("'already'", "'already'"),
    ],
)
def test_with_quote_on_fragments(code, expected):
    assert with_quote(code, "'") == expected
    assert with_quote(expected, "'") == expected
    assert with_quote(code, '"') == code
