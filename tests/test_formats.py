"""Readers: exact keys, paths, values and spans for realistic files; errors with their line."""

from __future__ import annotations

import pytest

from migrate_llm.formats import FormatError, classify, read_entries


def rows(kind: str, text: str) -> list[tuple]:
    """(key, path, value, key text, value text) for every entry, the texts cut by span."""
    out = []
    for e in read_entries(kind, text):
        key_text = text[e.key_span.start : e.key_span.end] if e.key_span else None
        value_text = text[e.value_span.start : e.value_span.end] if e.value_span else None
        out.append((e.key, e.path, e.value, key_text, value_text))
    return out


COMPOSE = """\
services:
  api:
    image: python:3.12
    environment:
      OPENAI_API_KEY: ${OPENAI_API_KEY}
      MODEL: "gpt-4o"
  worker:
    environment:
      - OPENAI_BASE_URL=https://api.openai.com/v1
      - 'LOG_LEVEL=debug'
    ports:
      - 8080
"""


def test_yaml_docker_compose_mapping_and_list_environment() -> None:
    assert rows("yaml", COMPOSE) == [
        ("services", ("services",), None, "services", None),
        ("api", ("services", "api"), None, "api", None),
        ("image", ("services", "api", "image"), "python:3.12", "image", "python:3.12"),
        ("environment", ("services", "api", "environment"), None, "environment", None),
        (
            "OPENAI_API_KEY",
            ("services", "api", "environment", "OPENAI_API_KEY"),
            "${OPENAI_API_KEY}",
            "OPENAI_API_KEY",
            "${OPENAI_API_KEY}",
        ),
        ("MODEL", ("services", "api", "environment", "MODEL"), "gpt-4o", "MODEL", '"gpt-4o"'),
        ("worker", ("services", "worker"), None, "worker", None),
        ("environment", ("services", "worker", "environment"), None, "environment", None),
        (
            "environment",
            ("services", "worker", "environment", "0"),
            "OPENAI_BASE_URL=https://api.openai.com/v1",
            None,
            "OPENAI_BASE_URL=https://api.openai.com/v1",
        ),
        (
            "environment",
            ("services", "worker", "environment", "1"),
            "LOG_LEVEL=debug",
            None,
            "'LOG_LEVEL=debug'",
        ),
        ("ports", ("services", "worker", "ports"), None, "ports", None),
    ]


def test_yaml_multi_document_anchors_and_recursive_alias() -> None:
    text = (
        "defaults: &defaults\n"
        "  model: &m gpt-4o\n"
        "prod:\n"
        "  <<: *defaults\n"
        "  base_url: !!str https://api.openai.com/v1\n"
        "---\n"
        "loop: &a [*a, text]\n"
    )
    assert rows("yaml", text) == [
        ("defaults", ("defaults",), None, "defaults", None),
        ("model", ("defaults", "model"), "gpt-4o", "model", "gpt-4o"),
        ("prod", ("prod",), None, "prod", None),
        ("<<", ("prod", "<<"), None, "<<", None),
        (
            "base_url",
            ("prod", "base_url"),
            "https://api.openai.com/v1",
            "base_url",
            "https://api.openai.com/v1",
        ),
        ("loop", ("loop",), None, "loop", None),
        ("loop", ("loop", "1"), "text", None, "text"),
    ]


def test_yaml_offsets_are_characters_after_bom_and_non_ascii() -> None:
    text = '\ufeffname: "é😀"\r\nmodel: gpt-4o\r\n'
    assert rows("yaml", text)[1] == ("model", ("model",), "gpt-4o", "model", "gpt-4o")


def test_yaml_non_string_scalars_have_no_value() -> None:
    assert rows("yaml", "port: 8080\nenabled: true\nempty:\n") == [
        ("port", ("port",), None, "port", None),
        ("enabled", ("enabled",), None, "enabled", None),
        ("empty", ("empty",), None, "empty", None),
    ]


def test_dotenv_export_quotes_spaces_comments_and_crlf() -> None:
    text = (
        'export OPENAI_API_KEY="sk-test"\r\n'
        "OPENAI_BASE_URL = https://api.openai.com/v1  # proxy later\r\n"
        "# a comment\r\n"
        "\r\n"
        "MODEL='gpt-4o' # quoted\r\n"
        "not an assignment\r\n"
        'ESCAPED="a\\"b"\r\n'
        "HASH=abc#def\r\n"
        "EMPTY=\r\n"
    )
    assert rows("dotenv", text) == [
        ("OPENAI_API_KEY", ("OPENAI_API_KEY",), "sk-test", "OPENAI_API_KEY", '"sk-test"'),
        (
            "OPENAI_BASE_URL",
            ("OPENAI_BASE_URL",),
            "https://api.openai.com/v1",
            "OPENAI_BASE_URL",
            "https://api.openai.com/v1",
        ),
        ("MODEL", ("MODEL",), "gpt-4o", "MODEL", "'gpt-4o'"),
        ("ESCAPED", ("ESCAPED",), 'a"b', "ESCAPED", '"a\\"b"'),
        ("HASH", ("HASH",), "abc#def", "HASH", "abc#def"),
        ("EMPTY", ("EMPTY",), "", "EMPTY", ""),
    ]


def test_dotenv_multiline_quoted_value() -> None:
    text = 'CERT="line1\nline2"\nNEXT=1\n'
    assert rows("dotenv", text) == [
        ("CERT", ("CERT",), "line1\nline2", "CERT", '"line1\nline2"'),
        ("NEXT", ("NEXT",), "1", "NEXT", "1"),
    ]


PYPROJECT = """\
[project]
name = "demo"
dependencies = [
    "openai==0.28.1",  # the old API
    'requests>=2',
]
optional-dependencies.llm = ["tiktoken"]

[tool.poetry.dependencies]
openai = { version = "^0.28", optional = true }

[[tool.app.endpoints]]
url = "https://api.openai.com/v1"

[[tool.app.endpoints]]
"base.url" = 'https://api.acme.example/v1'
timeout = 30
"""


def test_toml_tables_dotted_keys_arrays_and_inline_tables() -> None:
    assert rows("toml", PYPROJECT) == [
        ("name", ("project", "name"), "demo", "name", '"demo"'),
        ("dependencies", ("project", "dependencies"), None, "dependencies", None),
        (
            "dependencies",
            ("project", "dependencies", "0"),
            "openai==0.28.1",
            None,
            '"openai==0.28.1"',
        ),
        ("dependencies", ("project", "dependencies", "1"), "requests>=2", None, "'requests>=2'"),
        ("llm", ("project", "optional-dependencies", "llm"), None, "llm", None),
        (
            "llm",
            ("project", "optional-dependencies", "llm", "0"),
            "tiktoken",
            None,
            '"tiktoken"',
        ),
        ("openai", ("tool", "poetry", "dependencies", "openai"), None, "openai", None),
        (
            "version",
            ("tool", "poetry", "dependencies", "openai", "version"),
            "^0.28",
            "version",
            '"^0.28"',
        ),
        (
            "optional",
            ("tool", "poetry", "dependencies", "openai", "optional"),
            None,
            "optional",
            None,
        ),
        (
            "url",
            ("tool", "app", "endpoints", "0", "url"),
            "https://api.openai.com/v1",
            "url",
            '"https://api.openai.com/v1"',
        ),
        (
            "base.url",
            ("tool", "app", "endpoints", "1", "base.url"),
            "https://api.acme.example/v1",
            '"base.url"',
            "'https://api.acme.example/v1'",
        ),
        ("timeout", ("tool", "app", "endpoints", "1", "timeout"), None, "timeout", None),
    ]


def test_toml_multiline_strings_are_decoded() -> None:
    text = "prompt = \"\"\"\nHello\\\n  world\"\"\"\nkey = '''raw\\n'''\n"
    assert rows("toml", text) == [
        ("prompt", ("prompt",), "Helloworld", "prompt", '"""\nHello\\\n  world"""'),
        ("key", ("key",), "raw\\n", "key", "'''raw\\n'''"),
    ]


def test_toml_datetimes_and_nested_multiline_arrays() -> None:
    text = (
        "when = 1979-05-27 07:32:00Z\n"
        "matrix = [\n"
        "  [\"a\", 'b'],  # row\n"
        "  [1, 2],\n"
        "]\n"
        'after = "x"\n'
    )
    assert rows("toml", text) == [
        ("when", ("when",), None, "when", None),
        ("matrix", ("matrix",), None, "matrix", None),
        ("matrix", ("matrix", "0", "0"), "a", None, '"a"'),
        ("matrix", ("matrix", "0", "1"), "b", None, "'b'"),
        ("after", ("after",), "x", "after", '"x"'),
    ]


JSON_NESTED = """\
{
  "llm": {
    "provider": "openai",
    "models": ["gpt-4o", {"name": "gpt-4o-mini"}],
    "temperature": 0.2
  },
  "key": "sk-\\u0041bc"
}
"""


def test_json_nested_objects_and_arrays() -> None:
    assert rows("json", JSON_NESTED) == [
        ("llm", ("llm",), None, '"llm"', None),
        ("provider", ("llm", "provider"), "openai", '"provider"', '"openai"'),
        ("models", ("llm", "models"), None, '"models"', None),
        ("models", ("llm", "models", "0"), "gpt-4o", None, '"gpt-4o"'),
        ("name", ("llm", "models", "1", "name"), "gpt-4o-mini", '"name"', '"gpt-4o-mini"'),
        ("temperature", ("llm", "temperature"), None, '"temperature"', None),
        ("key", ("key",), "sk-Abc", '"key"', '"sk-\\u0041bc"'),
    ]


def test_json_minified() -> None:
    text = '{"a":{"b":"x"},"c":["d",1,null],"e":"f"}'
    assert rows("json", text) == [
        ("a", ("a",), None, '"a"', None),
        ("b", ("a", "b"), "x", '"b"', '"x"'),
        ("c", ("c",), None, '"c"', None),
        ("c", ("c", "0"), "d", None, '"d"'),
        ("e", ("e",), "f", '"e"', '"f"'),
    ]


def test_json_with_comments_and_trailing_commas_is_read_as_written() -> None:
    """Spans are spans of the file as written: the comments are blanked, not removed."""
    text = (
        "{\n"
        "  // chat settings\n"
        '  "model": "gpt-4o", /* the default */\n'
        '  "url": "http://a//b/*c*/",\n'
        '  "list": ["x", /* y */ ],\n'
        "}\n"
    )
    assert rows("json", text) == [
        ("model", ("model",), "gpt-4o", '"model"', '"gpt-4o"'),
        ("url", ("url",), "http://a//b/*c*/", '"url"', '"http://a//b/*c*/"'),
        ("list", ("list",), None, '"list"', None),
        ("list", ("list", "0"), "x", None, '"x"'),
    ]


def test_requirements_extras_markers_comments_and_options() -> None:
    text = (
        "# core\n"
        "-r base.txt\n"
        "--index-url https://pypi.org/simple\n"
        "-e .\n"
        'openai[datalib]==0.28.1 ; python_version >= "3.8"  # pinned\n'
        "Requests_OAuthlib>=1.3 \\\n"
        "    --hash=sha256:abc\n"
        "git+https://github.com/x/y.git\n"
        "./local-pkg\n"
        "tiktoken\n"
    )
    assert rows("requirements", text) == [
        (
            "openai",
            ("openai",),
            'openai[datalib]==0.28.1 ; python_version >= "3.8"',
            "openai",
            'openai[datalib]==0.28.1 ; python_version >= "3.8"',
        ),
        (
            "requests-oauthlib",
            ("requests-oauthlib",),
            "Requests_OAuthlib>=1.3",
            "Requests_OAuthlib",
            "Requests_OAuthlib>=1.3",
        ),
        ("tiktoken", ("tiktoken",), "tiktoken", "tiktoken", "tiktoken"),
    ]


def test_requirements_continuation_inside_specifier() -> None:
    text = "openai>=0.27, \\\r\n    <1.0\r\n"
    [(key, _, value, _, raw)] = rows("requirements", text)
    assert (key, value, raw) == ("openai", "openai>=0.27, <1.0", "openai>=0.27, \\\r\n    <1.0")


@pytest.mark.parametrize(
    ("kind", "text", "line"),
    [
        ("yaml", "a: 1\nb: [1, 2\nc: 3\n", 3),
        ("yaml", "a: 1\n  b: 2\n", 2),
        ("toml", "[a]\nx = 1\nx = 2\n", 3),
        ("toml", 'a = 1\nb = "open\n', 2),
        ("json", '{\n  "a": 1,\n  "b": ,\n}', 3),
        ("json", '{"a": 1,,}', 1),
        ("json", '{"a": 1 /* never closed }', 1),
    ],
)
def test_malformed_input_raises_format_error_with_line(kind: str, text: str, line: int) -> None:
    with pytest.raises(FormatError) as caught:
        read_entries(kind, text)
    assert caught.value.line == line
    assert str(caught.value)


def test_malformed_dotenv_lines_are_skipped() -> None:
    assert [e.key for e in read_entries("dotenv", "garbage\n1BAD=x\nGOOD=1\n=x\n")] == ["GOOD"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (".env", "dotenv"),
        (".env.example", "dotenv"),
        (".env.local", "dotenv"),
        ("deploy/.env.production", "dotenv"),
        ("prod.env", "dotenv"),
        (".envrc", "shell"),
        ("app.env.example", "dotenv"),
        ("deploy/env.sample", "dotenv"),
        (".env-template", "dotenv"),
        (".env_example", "dotenv"),
        ("example.env", "dotenv"),
        (".env.tpl", "dotenv"),
        (".env-local", None),
        ("env-template.yaml", "yaml"),
        ("env.example.sh", "shell"),
        ("env_example.py", None),
        ("config.env.json", "json"),
        ("Dockerfile", "shell"),
        ("docker/Dockerfile.dev", "shell"),
        ("api.dockerfile", "shell"),
        ("Containerfile", "shell"),
        ("dockerfile.py", None),
        ("Makefile", "shell"),
        ("GNUmakefile", "shell"),
        ("rules.mk", "shell"),
        ("Procfile", "shell"),
        ("Procfile.dev", "shell"),
        ("scripts/run.sh", "shell"),
        ("deploy.bash", "shell"),
        ("setup.zsh", "shell"),
        ("deploy/app.service", "shell"),
        ("run", None),
        ("docker-compose.yml", "yaml"),
        ("config.YAML", "yaml"),
        ("pyproject.toml", "toml"),
        ("config.json", "json"),
        ("OAI_CONFIG_LIST", "json"),
        ("notebooks/OAI_CONFIG_LIST.json", "json"),
        ("OAI_CONFIG_LIST_sample", None),
        ("notebook.ipynb", "notebook"),
        ("requirements.txt", "requirements"),
        ("requirements-dev.txt", "requirements"),
        ("requirements/base.txt", "requirements"),
        ("constraints.txt", "requirements"),
        ("notes.txt", None),
        ("setup.cfg", "setup"),
        ("apikey.ini", "ini"),
        ("conf/Config.INI", "ini"),
        ("tox.ini", "ini"),
        ("app.cfg", "ini"),
        ("setup.py", "setup.py"),
        ("app.py", None),
        ("README.md", None),
    ],
)
def test_classify(name: str, kind: str | None) -> None:
    assert classify(name) == kind


def test_ini_sections_delimiters_comments_and_continuations() -> None:
    text = (
        "; settings of the app\r\n"
        "model = gpt-4o\r\n"
        "[OpenAI]\r\n"
        "  CHATGPT_MODEL:gpt-3.5-turbo\r\n"
        "OPENAI_API_BASE = https://api.openai.com/v1   \r\n"
        "# a comment = not an option\r\n"
        "keys = [sk-a, sk-b]\r\n"
        "prompt = first line\r\n"
        "    second line\r\n"
        "\r\n"
        "[ Azure ]\r\n"
        "empty =\r\n"
        "url = http://host:8080/v1\r\n"
        "not an option\r\n"
    )
    assert rows("ini", text) == [
        ("model", ("model",), "gpt-4o", "model", "gpt-4o"),
        (
            "CHATGPT_MODEL",
            ("OpenAI", "CHATGPT_MODEL"),
            "gpt-3.5-turbo",
            "CHATGPT_MODEL",
            "gpt-3.5-turbo",
        ),
        (
            "OPENAI_API_BASE",
            ("OpenAI", "OPENAI_API_BASE"),
            "https://api.openai.com/v1",
            "OPENAI_API_BASE",
            "https://api.openai.com/v1",
        ),
        ("keys", ("OpenAI", "keys"), "[sk-a, sk-b]", "keys", "[sk-a, sk-b]"),
        # continued on an indented line: no one string to edit
        ("prompt", ("OpenAI", "prompt"), None, "prompt", None),
        ("empty", ("Azure", "empty"), "", "empty", ""),
        ("url", ("Azure", "url"), "http://host:8080/v1", "url", "http://host:8080/v1"),
    ]


def test_ini_values_are_what_configparser_reads() -> None:
    import configparser

    text = (
        "[a]\nk1 = plain\nk2: 'quoted'  \nk3 = x ; not a comment\nk4=\n"
        "[b]\nk5 = https://api.openai.com/v1\nk6 = one\n# between\n  two\n  ; indented comment\n"
        "k7 = three\n\n    four\n"
    )
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    entries = read_entries("ini", text)
    assert [e.path for e in entries] == [("a", k) for k in ("k1", "k2", "k3", "k4")] + [
        ("b", k) for k in ("k5", "k6", "k7")
    ]
    for entry in entries:
        read = parser.get(*entry.path)
        assert read == entry.value if entry.value is not None else "\n" in read


def test_setup_kind_has_no_entries() -> None:
    assert read_entries("setup", "setup(install_requires=['openai'])\n") == []


def test_every_registered_format_is_consistent() -> None:
    from migrate_llm.formats import FORMATS, LOCKED_NAMES, kind_of

    for kind, fmt in FORMATS.items():
        assert fmt.kind == kind
        assert fmt.prefilter in (
            "python",
            "notebook",
            "config",
            "requirements",
            "pickle",
            "shell",
            "javascript",
            "lock",
        )
        assert not (fmt.binary and (fmt.python or fmt.notebook or fmt.reader)), kind
        assert fmt.python or fmt.config or fmt.notebook, kind
        if fmt.reader is not None:
            assert fmt.config
            assert read_entries(kind, "{}" if kind == "json" else "") == []
    assert kind_of("pkg/app.py") == kind_of("stubs/app.pyi") == "python"
    assert kind_of("setup.py") == "setup.py"
    assert FORMATS["setup.py"].python and FORMATS["setup.py"].config
    assert kind_of("README.md") is None
    # uv's and Poetry's lock files: read for the versions they lock (ML641), never written
    assert kind_of("uv.lock") == kind_of("svc/poetry.lock") == "lock"
    assert kind_of("pdm.lock") is None and kind_of("Pipfile.lock") is None
    assert not FORMATS["lock"].writable
    from migrate_llm.lock_files import LOCK_FILES

    assert {tool.name for tool in LOCK_FILES if tool.upgrade} == LOCKED_NAMES


@pytest.mark.parametrize(
    "token",
    [
        '""',
        "''",
        '"plain"',
        "'literal \\n stays'",
        '"tab\\there"',
        '"quote \\" inside"',
        '"unicode \\u00e9 and \\U0001F600"',
        '"back\\\\slash"',
        "'C:\\Users\\path'",
        '"中文 model"',
        "'it''s'",
        '"""multi"""',
        "'''multi'''",
        '"""\nline one\nline two"""',
        '"""a "quoted" word"""',
        "'''a 'quoted' word'''",
    ],
)
def test_toml_string_values_are_what_tomllib_reads(token) -> None:
    """A string token is read without tomllib where it needs no decoding; either way its
    value is the one tomllib gives (the key's value in a one-line file)."""
    from migrate_llm.formats.tomldoc import tomllib

    text = f"key = {token}\n"
    try:
        expected = tomllib.loads(text)["key"]
    except tomllib.TOMLDecodeError:
        with pytest.raises(FormatError):
            read_entries("toml", text)
        return
    assert rows("toml", text) == [("key", ("key",), expected, "key", token)]
    inline = f"table = {{ key = {token} }}\nlist = [{token}, {token}]\n"
    values = [e.value for e in read_entries("toml", inline) if e.value is not None]
    assert values == [expected, expected, expected]
