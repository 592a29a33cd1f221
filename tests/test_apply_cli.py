"""`migrate-llm apply` on disk: diffs git accepts, refusals, stdin, bytes and modes kept."""

from __future__ import annotations

import codecs
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import ScanOptions, plan, write

from .conftest import ACME_DIR
from .notebook_builder import STYLES, cell, notebook

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "chat-app"
CLIENT = "from openai import OpenAI\nclient = OpenAI()\n"
ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def repo_copy(tmp_path: Path, name: str) -> Path:
    project = tmp_path / name
    shutil.copytree(EXAMPLE, project)
    (project / ".env").unlink()  # holds a (fake) key: its diff would be masked
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "start")
    return project


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


PROMPT = re.compile(rb"\[y/N\]: |\[y,n,a,q,\?\]: ")


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def test_diff_applied_by_git_equals_yes(tmp_path, monkeypatch):
    first, second = repo_copy(tmp_path, "first"), repo_copy(tmp_path, "second")
    monkeypatch.chdir(second)
    shown = invoke("apply", "--provider", "zhipu", "--diff")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.startswith("--- a/chat_app/assistant.py\n+++ b/chat_app/assistant.py\n")
    assert snapshot(second) == snapshot(first)  # --diff wrote nothing
    (tmp_path / "change.patch").write_text(shown.stdout)
    git(second, "apply", str(tmp_path / "change.patch"))
    monkeypatch.chdir(first)
    written = invoke("apply", "--provider", "zhipu", "--yes")
    assert written.exit_code == 0, written.stderr
    assert snapshot(first) == snapshot(second)
    assert snapshot(first) != snapshot(repo_copy(tmp_path, "untouched"))


def test_without_yes_and_without_a_terminal_nothing_is_written(tmp_path, monkeypatch):
    project = repo_copy(tmp_path, "p")
    before = snapshot(project)
    monkeypatch.chdir(project)
    result = invoke("apply", "--provider", "zhipu")
    assert result.exit_code == 2
    assert result.stderr == (
        "migrate-llm: error: no terminal to confirm on: pass --yes to write the changes, "
        "or --diff to see them\n"
    )
    assert snapshot(project) == before


def test_without_a_terminal_an_unknown_provider_is_named_first(tmp_path, monkeypatch):
    project = repo_copy(tmp_path, "p")
    before = snapshot(project)
    monkeypatch.chdir(project)
    result = invoke("apply", "--provider", "nosuch")
    assert result.exit_code == 2
    assert result.stderr.startswith("migrate-llm: error: unknown provider 'nosuch'; known ")
    assert result.stderr.count("\n") == 1
    assert snapshot(project) == before


def test_uncommitted_changes_are_refused_unless_allowed(tmp_path, monkeypatch):
    project = repo_copy(tmp_path, "p")
    (project / "chat_app" / "search.py").write_text(
        (project / "chat_app" / "search.py").read_text() + "# wip\n"
    )
    before = snapshot(project)
    monkeypatch.chdir(project)
    refused = invoke("apply", "--provider", "zhipu", "--yes")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "migrate-llm: error: uncommitted changes in chat_app/search.py: commit or stash them "
        "first, or pass --allow-dirty\n"
    )
    assert snapshot(project) == before
    allowed = invoke("apply", "--provider", "zhipu", "--yes", "--allow-dirty")
    assert allowed.exit_code == 0
    assert snapshot(project) != before


def test_stdin_to_stdout():
    result = invoke("apply", "-", *ACME, input=CLIENT)
    assert result.exit_code == 0
    assert result.stdout == (
        "import os\n\nfrom openai import OpenAI\nclient = OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n'
    )
    broken = invoke("apply", "-", *ACME, input="import openai\nif:\n")
    assert (broken.exit_code, broken.stdout) == (1, "import openai\nif:\n")
    assert broken.stderr.startswith("migrate-llm: <stdin>:2: syntax error")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["apply", "."], "migrate-llm: error: apply needs a provider: pass --provider ID"),
        (
            ["apply", ".", "-p", "qwen", "--region", "mars", "--yes"],
            "migrate-llm: error: provider 'qwen' has no region 'mars' (regions: ",
        ),
        (
            ["apply", ".", "-p", "qwen", "--model", "gpt-4o", "--yes"],
            "migrate-llm: error: --model takes OLD=NEW",
        ),
        (
            ["apply", "nowhere", "-p", "qwen", "--yes"],
            "migrate-llm: error: nowhere: no such file or directory",
        ),
        (  # without --yes and no terminal: the missing path is what is wrong
            ["apply", "nowhere", "-p", "qwen"],
            "migrate-llm: error: nowhere: no such file or directory",
        ),
    ],
)
def test_bad_input_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def test_bytes_encoding_bom_newlines_and_mode_survive(tmp_path, monkeypatch):
    latin = tmp_path / "latin.py"
    latin.write_bytes(
        "# -*- coding: latin-1 -*-\nfrom openai import OpenAI\nGREETING = 'café'\nc = OpenAI()\n".encode(
            "latin-1"
        )
    )
    crlf = tmp_path / "crlf.py"
    crlf.write_bytes(
        codecs.BOM_UTF8 + b"import os\r\nfrom openai import OpenAI\r\nc = OpenAI()\r\n"
    )
    os.chmod(crlf, 0o755)
    quiet = tmp_path / "quiet.py"
    quiet.write_bytes(b"print('nothing to migrate')\r\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("apply", *ACME, "--yes")
    assert result.exit_code == 0, result.stderr
    key = b'api_key=os.environ.get("ACME_API_KEY", "unset"),'
    url = b'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),'
    assert latin.read_bytes() == (
        b"# -*- coding: latin-1 -*-\nimport os\n\nfrom openai import OpenAI\nGREETING = 'caf\xe9'\n"
        b"c = OpenAI(\n    " + key + b"\n    " + url + b"\n)\n"
    )
    assert crlf.read_bytes() == (
        codecs.BOM_UTF8
        + b"import os\r\nfrom openai import OpenAI\r\nc = OpenAI(\r\n    "
        + key
        + b"\r\n    "
        + url
        + b"\r\n)\r\n"
    )
    assert crlf.stat().st_mode & 0o777 == 0o755
    assert quiet.read_bytes() == b"print('nothing to migrate')\r\n"
    assert not list(tmp_path.glob(".*.tmp"))


def test_blank_lines_after_the_imports_survive_an_edit_below_them(tmp_path, monkeypatch):
    # One of the two blank lines after the imports was deleted when the line below changed.
    files = {
        "lf.py": b'import os\n\n\nMODELS = ["gpt-4o"]\n',
        "crlf.py": b'import os\r\n\r\n\r\nMODELS = ["gpt-4o"]\r\n',
        "comment.py": b'import os\n\n\n# What we ask for.\nMODELS = ["gpt-4o"]\n',
    }
    for name, text in files.items():
        (tmp_path / name).write_bytes(text)
    monkeypatch.chdir(tmp_path)
    result = invoke("apply", *ACME, "--yes")
    assert result.exit_code == 0, result.stderr
    migrated = {
        "lf.py": b'import os\n\n\nMODELS = ["gpt-4o", "acme-large"]\n',
        "crlf.py": b'import os\r\n\r\n\r\nMODELS = ["gpt-4o", "acme-large"]\r\n',
        "comment.py": b'import os\n\n\n# What we ask for.\nMODELS = ["gpt-4o", "acme-large"]\n',
    }
    assert snapshot(tmp_path) == migrated
    again = invoke("apply", *ACME, "--yes")
    assert again.exit_code == 0, again.stderr
    assert snapshot(tmp_path) == migrated


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    target = tmp_path / "app.py"
    target.write_text(CLIENT)
    options = ScanOptions(
        paths=(tmp_path,), provider="acme", provider_dirs=(ACME_DIR,), cwd=tmp_path
    )
    (planned,) = plan(options).planned
    target.write_text(CLIENT + "# edited meanwhile\n")
    error = write(planned)
    assert error is not None
    assert error.message == "changed on disk since it was read; not overwritten"
    assert target.read_text() == CLIENT + "# edited meanwhile\n"


def test_summary_lists_review_and_manual_items(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(
        CLIENT
        + 'client.chat.completions.create(model="gpt-4o", messages=[])\n'
        + 'client.images.generate(model="dall-e-3", prompt="x")\n'
    )
    monkeypatch.chdir(tmp_path)
    result = invoke("apply", *ACME, "--yes")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == "Changed 1 file for Acme Cloud: 1 safe fix, 1 to review."
    assert "  app.py:3:38 ML201 model 'gpt-4o' maps to 'acme-large' on Acme Cloud" in lines
    assert any(line.startswith("  app.py:4:1 ML101 error images.generate()") for line in lines)
    assert lines[-1].startswith("Next: export ACME_API_KEY=<your Acme Cloud key>")


def test_model_option_maps_names_that_are_no_openai_model(tmp_path, monkeypatch):
    """--model maps a model fine-tuned on OpenAI or a name OpenAI does not list; one it does
    not map is left for a person."""
    (tmp_path / "app.py").write_text(
        CLIENT
        + 'client.chat.completions.create(model="ft:gpt-4o-mini:acme:triage:a1b2", messages=[])\n'
        + 'client.chat.completions.create(model="house-model", messages=[])\n'
        + 'client.chat.completions.create(model="ft:gpt-4o:acme:other:c3d4", messages=[])\n'
    )
    monkeypatch.chdir(tmp_path)
    maps = ("--model", "ft:gpt-4o-mini:acme:triage:a1b2=acme-small")
    result = invoke("apply", *ACME, *maps, "--model", "house-model=acme-medium", "--yes")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "app.py").read_text().splitlines()[-3:] == [
        'client.chat.completions.create(model="acme-small", messages=[])',
        'client.chat.completions.create(model="acme-medium", messages=[])',
        'client.chat.completions.create(model="ft:gpt-4o:acme:other:c3d4", messages=[])',
    ]
    assert "is a model fine-tuned on OpenAI from gpt-4o: only the OpenAI account" in result.stderr


def _run_in_terminal(args: list[str], cwd: Path, *answers: bytes) -> tuple[int, str]:
    """Run migrate-llm on a pseudo-terminal, answer its prompts, return (exit code, screen)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "migrate_llm", *args],
        cwd=cwd,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "COLUMNS": "200"},
    )
    os.close(slave)
    screen = b""
    answered = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
            if answered < len(answers) and len(PROMPT.findall(screen)) > answered:
                os.write(master, answers[answered])
                answered += 1
        elif proc.poll() is not None:
            break
    proc.wait(timeout=10)
    os.close(master)
    return proc.returncode, screen.decode(errors="replace")


@pytest.mark.parametrize(("answer", "changed"), [(b"y\n", True), (b"n\n", False)])
def test_terminal_preview_then_confirmation(tmp_path, answer, changed):
    (tmp_path / "app.py").write_text(CLIENT)
    code, screen = _run_in_terminal(["apply", *ACME, "--allow-dirty"], tmp_path, answer)
    assert code == 0, screen
    assert "+client = OpenAI(\x1b[0m\r\n\x1b[32m+    api_key=" in screen
    assert "Apply these changes to 1 file? [y/N]" in screen
    assert ("ACME_API_KEY" in (tmp_path / "app.py").read_text()) is changed


@pytest.mark.parametrize(
    ("answers", "written", "said"),
    [
        pytest.param((b"y\n", b"n\n", b"a\n"), "ac", "Changed 2 files", id="y-n-then-all"),
        pytest.param((b"x\n", b"n\n", b"n\n", b"q\n"), "", "Nothing written.", id="help-n-n-quit"),
    ],
)
def test_interactive_asks_file_by_file(tmp_path, answers, written, said):
    for name in "abc":
        (tmp_path / f"{name}.py").write_text(CLIENT)
    code, screen = _run_in_terminal(
        ["apply", *ACME, "--allow-dirty", "--interactive"], tmp_path, *answers
    )
    assert code == 0, screen
    assert "(1/3) Apply to a.py? [y,n,a,q,?]" in screen
    asked = len(PROMPT.findall(screen.encode()))
    assert asked == len(answers)
    for name in "abc":
        text = (tmp_path / f"{name}.py").read_text()
        assert ("ACME_API_KEY" in text) is (name in written), (name, screen)
    assert said in screen
    if not written:
        assert "Next" not in screen and "Left for you" not in screen
    if b"x\n" in answers:
        assert "a - write this file and all the rest" in screen


def test_a_cell_left_as_it_was_is_told_apart_from_a_file_left_as_it_was(tmp_path, monkeypatch):
    # t42d D2: the notebook's other cells were migrated and written, while the summary
    # listed it under files "left as they were"
    monkeypatch.chdir(tmp_path)
    text = STYLES["jupyter"](notebook(cell("def broken(:\n    pass"), cell(CLIENT.rstrip())))
    (tmp_path / "nb.ipynb").write_text(text)
    done = invoke("apply", *ACME, "--yes")
    assert done.exit_code == 1
    assert "Changed 1 file for Acme Cloud" in done.stderr
    assert "Could not migrate (left as they were)" not in done.stderr
    assert (
        "Could not migrate these parts (left as they were; the rest of each file is migrated):\n"
        "  nb.ipynb cell 1, line 1: syntax error: invalid syntax (not scanned)\n"
    ) in done.stderr
    assert "ACME_API_KEY" in (tmp_path / "nb.ipynb").read_text()


def test_diff_ends_with_the_summary_and_names_files_it_could_not_migrate(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(CLIENT)
    (tmp_path / "broken.py").write_text("import openai\nopenai.api_key = (\n")
    shown = invoke("apply", *ACME, "--diff")
    assert shown.exit_code == 1
    assert shown.stdout.startswith("--- a/app.py\n+++ b/app.py\n")
    err = shown.stderr
    assert err.startswith("The diff changes 1 file for Acme Cloud: 1 safe fix, 0 to review.\n")
    assert "Could not migrate (left as they were):\n  broken.py:2 syntax error" in err
    assert (
        "Next: write it (`git apply`, or apply again with --yes), then export ACME_API_KEY=" in err
    )


def test_diff_of_a_path_outside_the_current_directory_names_it_from_its_repository(
    tmp_path, monkeypatch
):
    project = repo_copy(tmp_path, "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    shown = invoke("apply", str(project / "chat_app"), "--provider", "zhipu", "--diff")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.startswith("--- a/chat_app/assistant.py\n+++ b/chat_app/assistant.py\n")
    assert "a//" not in shown.stdout
    (tmp_path / "change.patch").write_text(shown.stdout)
    git(project, "apply", str(tmp_path / "change.patch"))
    assert "ZAI_API_KEY" in (project / "chat_app" / "assistant.py").read_text()


@pytest.mark.parametrize(
    ("provider", "text", "next_step"),
    [
        pytest.param(
            "openai",
            CLIENT.replace("OpenAI()", 'OpenAI(api_key="sk-proj-0123456789abcdefghijKLMN")'),
            None,
            id="v1-code-for-openai-says-nothing-of-the-v1-client",
        ),
        pytest.param(
            "openai",
            "import openai\nopenai.ChatCompletion.create(model='gpt-4o', messages=[])\n",
            "Next: install openai>=1",
            id="v0-code-for-openai",
        ),
        pytest.param("acme", 'MODEL = "gpt-4o"\n', None, id="nothing-reads-the-key-no-export"),
        pytest.param("acme", CLIENT, "Next: export ACME_API_KEY=", id="a-client-reads-the-key"),
    ],
)
def test_next_step_only_when_there_is_one(tmp_path, monkeypatch, provider, text, next_step):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(text)
    args = [*ACME[:2], "--provider", provider] if provider == "acme" else ["-p", provider]
    done = invoke("apply", *args, "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    changed = 0 if provider == "openai" and next_step is None else 1
    assert done.stderr.startswith(f"Changed {changed} file"), done.stderr
    if next_step is None:
        assert "Next" not in done.stderr
        assert "v1 client" not in done.stderr
    else:
        assert next_step in done.stderr
