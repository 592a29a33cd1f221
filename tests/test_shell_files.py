"""Scripts, Dockerfiles, Makefiles, Procfiles and systemd units (`formats/shell.py`): what they
hand the program they start, as the config rules report it; `apply` never edits them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate_llm.engine import ScanOptions, scan
from migrate_llm.formats import read_entries
from migrate_llm.model import FixClass
from migrate_llm.prefilter import prefilters
from migrate_llm.registry import Registry, load_registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .cli_findings import cli as invoke
from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
KEY_TO_SET = (
    "OPENAI_API_KEY is OpenAI's key variable; Acme Cloud reads ACME_API_KEY: set that from "
    "Acme Cloud's console here (the OpenAI key does not work there)"
)
MODEL_BY_HAND = "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud; change it by hand"

DOCKERFILE = """\
FROM python:3.11
ENV OPENAI_API_KEY=""
ARG OPENAI_BASE_URL
ENV OPENAI_MODEL=gpt-4o
CMD ["python","app.py"]
"""
RUN_SH = "#!/bin/sh\nexport OPENAI_API_KEY=sk-xxx\npython app.py --model gpt-4o\n"
MAKEFILE = "run:\n\tOPENAI_API_KEY=$(KEY) python app.py\n"


def rows(text: str) -> list[tuple]:
    """(key, value, key text, value text) for every entry, the texts cut by span."""
    out = []
    for e in read_entries("shell", text):
        key_text = text[e.key_span.start : e.key_span.end] if e.key_span else None
        value_text = text[e.value_span.start : e.value_span.end] if e.value_span else None
        out.append((e.key, e.value, key_text, value_text))
    return out


def findings(registry: Registry, path: str, text: str, provider: str | None = "acme") -> list:
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return check_config(path, text, ctx)


def found(registry: Registry, path: str, text: str) -> list[tuple]:
    return [
        (f.rule, f.line, f.column, f.end_line, f.end_column, f.fix, f.severity.value, f.message)
        for f in findings(registry, path, text)
    ]


# -- the reader ----------------------------------------------------------------------------


def test_a_script_gives_assignments_options_variables_and_words() -> None:
    text = (
        "#!/bin/sh\n"
        "# export OPENAI_API_KEY=in-a-comment\n"
        "export OPENAI_API_KEY=sk-xxx\n"
        'OPENAI_BASE_URL="https://api.openai.com/v1" python app.py --model gpt-4o \\\n'
        "    --base-url=https://proxy.local/v1 -v\n"
        "export OPENAI_ORG_ID\n"
        'docker run -e OPENAI_API_KEY -e "MODEL=gpt-4" --env=LOG=1 --set A=1 img\n'
        '[ -z "$OPENAI_API_KEY" ] && echo "no key, isn\'t it"; exit 1\n'
    )
    assert rows(text) == [
        (None, "export", None, "export"),
        ("OPENAI_API_KEY", "sk-xxx", "OPENAI_API_KEY", "sk-xxx"),
        (
            "OPENAI_BASE_URL",
            "https://api.openai.com/v1",
            "OPENAI_BASE_URL",
            '"https://api.openai.com/v1"',
        ),
        (None, "python", None, "python"),
        (None, "app.py", None, "app.py"),
        ("model", "gpt-4o", "model", "gpt-4o"),
        ("base-url", "https://proxy.local/v1", "base-url", "https://proxy.local/v1"),
        (None, "-v", None, "-v"),
        (None, "export", None, "export"),
        # handed on as it is: no value here
        ("OPENAI_ORG_ID", None, "OPENAI_ORG_ID", None),
        (None, "docker", None, "docker"),
        (None, "run", None, "run"),
        ("OPENAI_API_KEY", None, "OPENAI_API_KEY", None),
        # quoted whole, as `docker run -e` takes it: the value inside the quotes
        ("MODEL", "gpt-4", "MODEL", "gpt-4"),
        ("LOG", "1", "LOG", "1"),
        # an option before an assignment takes no argument
        (None, "--set", None, "--set"),
        ("A", "1", "A", "1"),
        (None, "img", None, "img"),
        (None, "[", None, "["),
        (None, "-z", None, "-z"),
        (None, "$OPENAI_API_KEY", None, '"$OPENAI_API_KEY"'),
        (None, "]", None, "]"),
        (None, "echo", None, "echo"),
        (None, "no key, isn't it", None, '"no key, isn\'t it"'),
        (None, "exit", None, "exit"),
        (None, "1", None, "1"),
    ]


def test_a_dockerfile_gives_env_arg_and_the_words_of_its_commands() -> None:
    text = (
        "FROM python:3.11\n"
        'ENV OPENAI_API_KEY="" \\\n'
        "    OPENAI_MODEL=gpt-4o\n"
        "ARG OPENAI_BASE_URL\n"
        "ARG TAG=latest\n"
        "ENV LLM_URL https://api.openai.com/v1\n"
        "ENV GREETING hello world\n"
        "RUN pip install -r requirements.txt\n"
        'CMD ["python", "app.py", "--model", "gpt-4o-mini", "A=\\"x\\""]\n'
        "ENTRYPOINT [not json\n"
    )
    assert rows(text) == [
        (None, "FROM", None, "FROM"),
        (None, "python:3.11", None, "python:3.11"),
        ("OPENAI_API_KEY", "", "OPENAI_API_KEY", '""'),
        ("OPENAI_MODEL", "gpt-4o", "OPENAI_MODEL", "gpt-4o"),
        ("OPENAI_BASE_URL", None, "OPENAI_BASE_URL", None),
        ("TAG", "latest", "TAG", "latest"),
        # `ENV NAME value`: the rest of the line
        ("LLM_URL", "https://api.openai.com/v1", "LLM_URL", "https://api.openai.com/v1"),
        ("GREETING", "hello world", "GREETING", "hello world"),
        (None, "RUN", None, "RUN"),
        (None, "pip", None, "pip"),
        (None, "install", None, "install"),
        (None, "-r", None, "-r"),
        (None, "requirements.txt", None, "requirements.txt"),
        # the exec form's JSON strings; one with escapes stands whole
        (None, "python", None, '"python"'),
        (None, "app.py", None, '"app.py"'),
        ("model", "gpt-4o-mini", "model", '"gpt-4o-mini"'),
        (None, 'A="x"', None, '"A=\\"x\\""'),
        (None, "[not", None, "[not"),
        (None, "json", None, "json"),
    ]


def test_a_makefile_gives_its_variables_and_its_recipes_words() -> None:
    text = (
        "include common.mk\n"
        "OPENAI_MODEL ?= gpt-4o   # the default\n"
        'export OPENAI_BASE_URL := "https://api.openai.com/v1"\n'
        "FLAGS = -a \\\n\t-b\n"
        ".PHONY: run\n"
        "run: build\n"
        "\t@OPENAI_API_KEY=$(KEY) python app.py --key $(OPENAI_API_KEY)\n"
    )
    assert rows(text) == [
        (None, "include", None, "include"),
        (None, "common.mk", None, "common.mk"),
        ("OPENAI_MODEL", "gpt-4o", "OPENAI_MODEL", "gpt-4o"),
        (
            "OPENAI_BASE_URL",
            "https://api.openai.com/v1",
            "OPENAI_BASE_URL",
            '"https://api.openai.com/v1"',
        ),
        # continued on the next line: no one value
        ("FLAGS", None, "FLAGS", None),
        (None, "run", None, "run"),
        (None, "build", None, "build"),
        ("OPENAI_API_KEY", "$(KEY)", "OPENAI_API_KEY", "$(KEY)"),
        (None, "python", None, "python"),
        (None, "app.py", None, "app.py"),
        ("key", "$(OPENAI_API_KEY)", "key", "$(OPENAI_API_KEY)"),
    ]


def test_a_unit_and_a_procfile_give_their_environment_and_commands() -> None:
    unit = (
        "[Service]\n"
        'Environment="OPENAI_API_KEY=sk-test" OPENAI_ORG_ID=org-1\n'
        "; a comment OPENAI_ORG_ID=x\n"
        "ExecStart=/usr/bin/python3 /srv/app.py --model=gpt-4o\n"
    )
    assert rows(unit) == [
        (None, "[Service]", None, "[Service]"),
        ("OPENAI_API_KEY", "sk-test", "OPENAI_API_KEY", "sk-test"),
        ("OPENAI_ORG_ID", "org-1", "OPENAI_ORG_ID", "org-1"),
        (None, "/usr/bin/python3", None, "/usr/bin/python3"),
        (None, "/srv/app.py", None, "/srv/app.py"),
        ("model", "gpt-4o", "model", "gpt-4o"),
    ]
    procfile = "web: OPENAI_MODEL=gpt-4o-mini gunicorn app:app\n"
    assert rows(procfile) == [
        ("OPENAI_MODEL", "gpt-4o-mini", "OPENAI_MODEL", "gpt-4o-mini"),
        (None, "gunicorn", None, "gunicorn"),
        (None, "app:app", None, "app:app"),
    ]


def test_a_heredoc_is_read_a_line_at_a_time() -> None:
    """An apostrophe in a heredoc's prose does not open a quote that hides what follows."""
    text = (
        "cat > .env <<-'EOF'\n"
        "\tOPENAI_API_KEY=${OPENAI_API_KEY}\n"
        "\tdon't forget\n"
        "\tEOF\n"
        "export OPENAI_BASE_URL=https://api.openai.com/v1\n"
    )
    assert rows(text) == [
        (None, "cat", None, "cat"),
        (None, ".env", None, ".env"),
        ("OPENAI_API_KEY", "${OPENAI_API_KEY}", "OPENAI_API_KEY", "${OPENAI_API_KEY}"),
        (None, "don't", None, "don't"),
        (None, "forget", None, "forget"),
        (None, "export", None, "export"),
        (
            "OPENAI_BASE_URL",
            "https://api.openai.com/v1",
            "OPENAI_BASE_URL",
            "https://api.openai.com/v1",
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "$(" * 3000,
        '"$(' * 3000,
        "$( \"a `b ' c $( d" * 1000,
        "'" * 3001,
        '"' * 3001,
        "`" * 3001,
        "\\" * 3001,
        "${" * 3000,
        "$'" * 3000,
        "cat <<EOF\n" * 1000,
        "A = b \\\n" * 1000,
        "export A=1\r\n" * 1000,
        "CMD [\n",
        "ENV\n",
        "--model",
        "\ufeffexport OPENAI_API_KEY=x",
    ],
)
def test_any_text_is_read_without_error(text: str) -> None:
    for entry in read_entries("shell", text):
        for span in (entry.key_span, entry.value_span):
            assert span is None or 0 <= span.start <= span.end <= len(text)


# -- what the rules report -----------------------------------------------------------------


def test_the_variables_a_dockerfile_sets_are_left_to_a_person(registry: Registry) -> None:
    assert found(registry, "Dockerfile", DOCKERFILE) == [
        ("ML501", 2, 5, 2, 19, FixClass.MANUAL, "warning", KEY_TO_SET),
        (
            "ML501",
            3,
            5,
            3,
            20,
            FixClass.MANUAL,
            "warning",
            "OPENAI_BASE_URL is OpenAI's base-URL variable; Acme Cloud reads ACME_BASE_URL "
            "(default https://api.acme.example/v1)",
        ),
        (
            "ML501",
            4,
            5,
            4,
            17,
            FixClass.MANUAL,
            "note",
            "OPENAI_MODEL is named after OpenAI; check what reads it before pointing it at "
            "Acme Cloud",
        ),
        ("ML503", 4, 18, 4, 24, FixClass.MANUAL, "warning", MODEL_BY_HAND),
    ]


def test_a_script_and_a_makefile_report_the_key_and_the_model(registry: Registry) -> None:
    assert found(registry, "run.sh", RUN_SH) == [
        ("ML501", 2, 8, 2, 22, FixClass.MANUAL, "warning", KEY_TO_SET),
        ("ML503", 3, 23, 3, 29, FixClass.MANUAL, "warning", MODEL_BY_HAND),
    ]
    assert found(registry, "Makefile", MAKEFILE) == [
        ("ML501", 2, 2, 2, 16, FixClass.MANUAL, "warning", KEY_TO_SET)
    ]


def test_openai_urls_models_and_references_in_commands(registry: Registry) -> None:
    text = (
        "web: OPENAI_BASE_URL=https://api.openai.com/v1 gunicorn app:app\n"
        'worker: python worker.py --base-url "https://api.openai.com/v1" --model=gpt-4o\n'
        "check: test -n $(OPENAI_API_KEY)\n"
    )
    assert found(registry, "Procfile", text) == [
        (
            "ML501",
            1,
            6,
            1,
            21,
            FixClass.MANUAL,
            "warning",
            "OPENAI_BASE_URL is OpenAI's base-URL variable; Acme Cloud reads ACME_BASE_URL "
            "(default https://api.acme.example/v1)",
        ),
        (
            "ML502",
            1,
            22,
            1,
            47,
            FixClass.MANUAL,
            "error",
            "https://api.openai.com/v1 is OpenAI's endpoint, set as OPENAI_BASE_URL, which "
            "migrated code no longer reads; left alone: set ACME_BASE_URL instead",
        ),
        (
            "ML502",
            2,
            37,
            2,
            64,
            FixClass.MANUAL,
            "error",
            "https://api.openai.com/v1 is OpenAI's endpoint; use Acme Cloud's base URL "
            "https://api.acme.example/v1 instead, by hand",
        ),
        ("ML503", 2, 73, 2, 79, FixClass.MANUAL, "warning", MODEL_BY_HAND),
        ("ML501", 3, 16, 3, 33, FixClass.MANUAL, "warning", KEY_TO_SET),
    ]


def test_a_key_is_never_shown_whole(registry: Registry) -> None:
    key = "sk-proj-Qm7vT2xWk9LpR4nZ8bYc3HdF6gJs1aEu"
    text = f'export OPENAI_API_KEY={key}\ncurl -H "Authorization: Bearer {key}" "$URL"\n'
    reported = findings(registry, ".envrc", text)
    assert [(f.rule, f.line, f.column, f.end_column, f.message) for f in reported] == [
        ("ML501", 1, 8, 22, KEY_TO_SET),
        (
            "ML505",
            1,
            23,
            63,
            "hard-coded API key sk-pr…Eu in a config file; move it to an environment "
            "variable and rotate it",
        ),
        (
            "ML505",
            2,
            32,
            72,
            "hard-coded API key sk-pr…Eu in a config file; move it to an environment "
            "variable and rotate it",
        ),
    ]
    assert all(f.data.get("secret") in (None, "sk-pr…Eu") for f in reported)
    assert key not in json.dumps([[f.message, f.data] for f in reported])


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("Dockerfile", DOCKERFILE),
        ("run.sh", RUN_SH),
        ("Makefile", MAKEFILE),
        ("Procfile", "web: python app.py --base-url=https://api.openai.com/v1 -m gpt-4o\n"),
        ("app.service", "[Service]\nEnvironment=MODEL=gpt-4o-mini LLM_URL=api.openai.com/v1\n"),
        (".envrc", "export BASE_URL='https://api.openai.com/v1'\nexport MODELS='[\"gpt-4o\"]'\n"),
    ],
)
@pytest.mark.parametrize("provider", ["acme", None])
def test_no_finding_carries_an_edit(
    registry: Registry, path: str, text: str, provider: str | None
) -> None:
    reported = findings(registry, path, text, provider)
    assert reported
    assert [f for f in reported if f.edit is not None] == []
    if provider is not None:
        assert {f.fix for f in reported} <= {FixClass.MANUAL, FixClass.NONE}


def test_a_kubernetes_dependent_variable_names_the_openai_key(registry: Registry) -> None:
    text = "env:\n  - name: LLM_KEY\n    value: $(OPENAI_API_KEY)\n"
    assert [(f.rule, f.line, f.column) for f in findings(registry, "deploy.yaml", text)] == [
        ("ML501", 3, 12)
    ]


# -- screening -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "passes"),
    [
        ("export OPENAI_API_KEY=x\n", True),
        ("curl https://api.openai.com/v1/models\n", True),
        ("MODEL=gpt-4o python app.py\n", True),
        ("python app.py --model gpt-4o-mini\n", True),
        ("python app.py --model=o3\n", True),
        ("ENV LLM_MODEL_NAME gpt-4\n", True),
        ('CMD ["python", "app.py", "o1-mini"]\n', True),
        ("export KEY=sk-proj-Qm7vT2xWk9LpR4nZ8bYc3HdF6gJs1aEu\n", True),
        ("# works with gpt-4o\npython app.py\n", False),
        ("echo gpt-4o\n", False),
        ("MODE=o3x\nNAME=adam\n", False),
        ("pip install openai\n", False),
        ("make build\n", False),
    ],
)
def test_the_shell_screen(text: str, passes: bool) -> None:
    shell = prefilters(load_registry().openai)["shell"]
    assert shell.search(text) is passes


def test_a_script_without_openai_text_is_not_read(tmp_path: Path, monkeypatch) -> None:
    from migrate_llm.formats import shell

    read: list[str] = []
    real = shell.read

    def recording(text: str):
        read.append(text)
        return real(text)

    monkeypatch.setattr(shell, "read", recording)
    (tmp_path / "build.sh").write_text("#!/bin/sh\nmake all  # needs gpt-4o\n", encoding="utf-8")
    (tmp_path / "run.sh").write_text(RUN_SH, encoding="utf-8")
    result = scan(ScanOptions(paths=(tmp_path,), cwd=tmp_path, jobs=1, provider="qwen"))
    assert read == [RUN_SH]
    assert result.files == 2
    assert [(f.path, f.line, f.rule) for f in result.findings] == [
        ("run.sh", 2, "ML501"),
        ("run.sh", 3, "ML503"),
    ]


# -- the commands --------------------------------------------------------------------------


@pytest.fixture
def deployment(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE, encoding="utf-8")
    (tmp_path / "run.sh").write_text(RUN_SH, encoding="utf-8")
    (tmp_path / "Makefile").write_text(MAKEFILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_fails_on_them_and_apply_leaves_their_bytes(deployment: Path) -> None:
    before = {p.name: p.read_bytes() for p in deployment.iterdir()}
    result = invoke("check", *ACME)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"Dockerfile:2:5 ML501 {KEY_TO_SET}",
        "Dockerfile:3:5 ML501 OPENAI_BASE_URL is OpenAI's base-URL variable; Acme Cloud reads "
        "ACME_BASE_URL (default https://api.acme.example/v1)",
        f"Dockerfile:4:18 ML503 {MODEL_BY_HAND}",
        f"Makefile:2:2 ML501 {KEY_TO_SET}",
        f"run.sh:2:8 ML501 {KEY_TO_SET}",
        f"run.sh:3:23 ML503 {MODEL_BY_HAND}",
        "6 findings for acme in 3 of 3 files; 0 error, 6 warning, 0 note",
    ]
    applied = invoke("apply", *ACME, "--yes", "--allow-dirty")
    assert applied.exit_code == 0
    assert {p.name: p.read_bytes() for p in deployment.iterdir() if p.name in before} == before
    assert invoke("check", *ACME).exit_code == 1


def test_the_json_report_of_a_dockerfile(deployment: Path) -> None:
    result = invoke("scan", *ACME, "--format", "json", "Dockerfile")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["files"] == 1
    first = report["findings"][0]
    assert {k: first[k] for k in ("path", "line", "column", "end_line", "end_column")} == {
        "path": "Dockerfile",
        "line": 2,
        "column": 5,
        "end_line": 2,
        "end_column": 19,
    }
    assert (first["rule"], first["fix"], first["data"]) == (
        "ML501",
        "manual",
        {"variable_from": "OPENAI_API_KEY", "variable_to": "ACME_API_KEY"},
    )
