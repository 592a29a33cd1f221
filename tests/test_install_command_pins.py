"""Install commands of Dockerfiles and scripts (t53c D3): ChatPaper's Dockerfile runs `conda run
... pip install ... openai==0.27.0 ...` beside migrated code; nothing read it, check passed, and
the image failed at import (`openai.OpenAI` missing). ML504 now reads the requirement words of
pip, uv, pipenv and Poetry commands as it reads a requirements file's lines, and apply makes
the same edit, the word quoted where the shell would read `>` as a redirection."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.formats.install_words import install_words
from migrate_llm.prefilter import prefilters, worth_examining
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

PINNED = "openai{} pins the pre-1.0 SDK; migrated code needs openai>=1"


def migrate(registry, path: str, text: str):
    ctx = RuleContext(registry, registry.get("deepseek"))
    findings = [f for f in check_config(path, text, ctx) if f.rule == "ML504"]
    after = apply_edits(text, [f.edit for f in findings if f.edit is not None])[0]
    again = [f for f in check_config(path, after, ctx) if f.rule == "ML504"]
    assert [f.message for f in again if f.edit is not None] == []
    return after, [(f.line, f.column, f.fix.value, f.message) for f in findings]


def test_the_words_of_install_commands() -> None:
    text = (
        "FROM python:3.9\n"
        "RUN conda run --name cp pip install --no-cache-dir tiktoken==0.2.0 openai==0.27.0 "
        "-i https://pypi.example/simple\n"
        'RUN ["pip", "install", "-U", "openai<1"]\n'
        "RUN pip install \\\n    # pinned for the old API\n    openai==0.28.1 \\\n"
        '    "langchain==0.0.150" && echo done > log\n'
        "# RUN pip install openai==0.1\n"
        "RUN uv pip install -r requirements.txt 'openai[datalib]<1' $EXTRA\n"
        "RUN python -m pip install --upgrade pip; pipenv install requests\n"
    )
    assert [
        (e.value, text[e.value_span.start : e.value_span.end]) for e in install_words(text)
    ] == [
        ("tiktoken==0.2.0", "tiktoken==0.2.0"),
        ("openai==0.27.0", "openai==0.27.0"),
        ("openai<1", '"openai<1"'),
        ("openai==0.28.1", "openai==0.28.1"),
        ("langchain==0.0.150", '"langchain==0.0.150"'),
        ("openai[datalib]<1", "'openai[datalib]<1'"),
        ("pip", "pip"),
        ("requests", "requests"),
    ]


def test_a_dockerfiles_pin_is_raised_as_in_a_requirements_file(registry) -> None:
    before = (
        "FROM continuumio/miniconda3\n"
        "RUN conda run --no-capture-output --name chatpaper pip install --no-cache-dir "
        "tiktoken==0.2.0 openai==0.27.0 bs4==0.0.1 -i https://pypi.example/simple\n"
        'RUN ["pip", "install", "openai<1"]\n'
        "RUN uv pip install 'openai[datalib]~=0.27.8'\n"
    )
    after, found = migrate(registry, "Dockerfile", before)
    assert after == (
        "FROM continuumio/miniconda3\n"
        "RUN conda run --no-capture-output --name chatpaper pip install --no-cache-dir "
        'tiktoken==0.2.0 "openai>=1" bs4==0.0.1 -i https://pypi.example/simple\n'
        'RUN ["pip", "install", "openai>=1"]\n'
        "RUN uv pip install 'openai[datalib]>=1'\n"
    )
    assert found == [
        (2, 95, "safe", PINNED.format("==0.27.0")),
        (3, 24, "safe", PINNED.format("<1")),
        (
            4,
            20,
            "safe",
            "openai[datalib]~=0.27.8 pins the pre-1.0 SDK; migrated code needs openai>=1",
        ),
    ]


def test_a_script_pinning_a_framework_that_needs_openai_0_leaves_both(registry) -> None:
    before = "#!/bin/sh\npip install openai==0.27.6 langchain==0.0.184\n"
    after, found = migrate(registry, "setup.sh", before)
    assert after == before
    assert [(line, fix) for line, _, fix, _ in found] == [(2, "manual"), (2, "manual")]
    assert found[1][3] == (
        "openai==0.27.6 pins the pre-1.0 SDK; migrated code needs openai>=1, but "
        "langchain==0.0.184 (line 2) needs openai<1: upgrade langchain to >=0.0.334, then move "
        "both pins together"
    )


def test_no_finding_for_openai_1_prose_or_a_comment(registry) -> None:
    for text in (
        "RUN pip install 'openai>=1' tiktoken\n",
        "# RUN pip install openai==0.27.0\n",
        "RUN echo 'needs openai==0.27.0 or older'\n",
    ):
        assert migrate(registry, "Dockerfile", text) == (text, [])


def test_the_prefilter_reads_a_dockerfile_naming_only_the_pin(registry) -> None:
    filters = prefilters(registry.openai)
    text = "FROM python:3.9\nRUN pip install openai==0.27.0\n"
    assert worth_examining(filters, "shell", text, False)
    assert not worth_examining(filters, "shell", "FROM python:3.9\nRUN pip install openai\n", False)


def test_check_fails_on_the_dockerfile_and_apply_fixes_it(registry, tmp_path, monkeypatch):
    (tmp_path / "Dockerfile").write_text(
        "FROM python:3.9\nRUN pip install --no-cache-dir openai==0.27.0\nCOPY app.py .\n"
    )
    (tmp_path / "app.py").write_text(
        "import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
        '    api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com"\n)\n'
    )
    monkeypatch.chdir(tmp_path)
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"])
    assert check.exit_code == 1
    assert "Dockerfile:2:32 ML504 openai==0.27.0 pins the pre-1.0 SDK" in check.stdout
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "Dockerfile").read_text() == (
        'FROM python:3.9\nRUN pip install --no-cache-dir "openai>=1"\nCOPY app.py .\n'
    )
    assert CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"]).exit_code == 0
