"""The command line: exit codes, stdout/stderr split, report formats, lazy imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm import __version__
from migrate_llm.cli import app

from .conftest import ACME_DIR

CLIENT = "from openai import OpenAI\nclient = OpenAI()\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(
        CLIENT + 'client.chat.completions.create(model="gpt-4o", messages=[])\n', encoding="utf-8"
    )
    (tmp_path / "notes.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def test_scan_json_report_fields(runner, project):
    result = invoke(runner, "scan", "--format", "json", "--providers-dir", ACME_DIR, "-p", "acme")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"version", "provider", "files", "findings", "errors"}
    assert (data["version"], data["provider"], data["files"], data["errors"]) == (1, "acme", 2, [])
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in data["findings"]] == [
        ("app.py", 2, 10, "ML001"),
        ("app.py", 3, 1, "ML101"),
        ("app.py", 3, 38, "ML201"),
    ]
    assert data["findings"][2] == {
        "path": "app.py",
        "line": 3,
        "column": 38,
        "end_line": 3,
        "end_column": 46,
        "rule": "ML201",
        "category": "model",
        "severity": "warning",
        "message": "model 'gpt-4o' maps to 'acme-large' on Acme Cloud",
        "fix": "review",
        "data": {"model_from": "gpt-4o", "model_to": "acme-large"},
    }
    assert result.stderr == ""


def test_scan_table_groups_by_file_and_summarises(runner, project):
    result = invoke(runner, "scan")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "app.py",
        "  2:10 ML001 error OpenAI() talks to OpenAI (key from OPENAI_API_KEY) (safe)",
        "    help: `migrate-llm apply --provider ID` points it at a provider",
        "  3:38 ML201 warning model 'gpt-4o' is an OpenAI model (review)",
        "    help: `--provider ID` shows its replacement",
    ]
    assert "Summary by category" in result.stdout
    assert lines[-1] == (
        "3 findings in 1 of 2 files; 1 error, 1 warning, 1 note "
        "(1 information-only not listed: --show-notes)"
    )
    assert "ML101" not in result.stdout
    shown = invoke(runner, "scan", "--show-notes")
    assert "ML101 note chat.completions.create() through an OpenAI client (none)" in shown.stdout
    assert shown.stdout.splitlines()[-1] == "3 findings in 1 of 2 files; 1 error, 1 warning, 1 note"


def test_scan_output_file_and_status_on_stderr(runner, project):
    result = invoke(runner, "scan", "-f", "json", "-o", "report.json")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "wrote json report to report.json\n"
    assert len(json.loads((project / "report.json").read_text())["findings"]) == 3


def test_strict_fails_on_findings_and_on_unscannable_files(runner, project):
    assert invoke(runner, "scan", "--strict").exit_code == 1
    assert invoke(runner, "scan", "--strict", "notes.py").exit_code == 0
    (project / "broken.py").write_text("import openai\nif:\n", encoding="utf-8")
    result = invoke(runner, "scan", "--strict", "broken.py", "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["errors"][0]["path"] == "broken.py"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan", "missing"], "migrate-llm: error: missing: no such file or directory\n"),
        (
            ["scan", "-p", "nope"],
            "migrate-llm: error: unknown provider 'nope'; known providers: azure, baichuan, ",
        ),
        (["providers", "show", "nope"], "migrate-llm: error: unknown provider 'nope'; known "),
        (["rules", "ML999"], "migrate-llm: error: unknown rule 'ML999'; known rules: ML001, "),
    ],
)
def test_bad_input_is_one_line_and_exit_2(runner, project, args, message):
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_broken_provider_file_is_exit_2_naming_file_and_key(runner, project, tmp_path):
    bad = tmp_path / "custom"
    bad.mkdir()
    (bad / "mine.toml").write_text(
        (ACME_DIR / "acme.toml").read_text().replace('id = "acme"', 'id = "mine"\ncolour = "blue"')
    )
    result = invoke(runner, "scan", "--providers-dir", bad)
    assert result.exit_code == 2
    assert result.stderr == f"migrate-llm: error: {bad}/mine.toml: colour: unknown key\n"


def test_providers_table_and_show(runner):
    table = invoke(runner, "providers")
    assert table.exit_code == 0
    for pid in ("zhipu", "qwen", "ernie", "moonshot", "deepseek", "openai"):
        assert pid in table.stdout
    shown = invoke(runner, "providers", "show", "kimi", "--format", "json")
    assert shown.exit_code == 0
    data = json.loads(shown.stdout)
    assert data["id"] == "moonshot"
    assert set(data) >= {"id", "name", "base_url", "api_key_env", "base_url_env", "models"}
    human = invoke(runner, "providers", "show", "qwen")
    assert human.exit_code == 0
    assert "DASHSCOPE_API_KEY" in human.stdout


def test_providers_accepts_a_user_directory(runner):
    result = invoke(
        runner, "providers", "--providers-dir", ACME_DIR, "show", "acme-cloud", "-f", "json"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["base_url"] == "https://api.acme.example/v1"


def test_rules_list_and_docs(runner):
    listing = invoke(runner, "rules")
    assert listing.exit_code == 0
    assert "ML001" in listing.stdout and "ML504" in listing.stdout
    docs = invoke(runner, "rules", "ml201")
    assert docs.exit_code == 0
    assert docs.stdout.startswith("ML201 model-literal (model, warning, fix: review)")
    assert "Not reported" in docs.stdout


def test_version(runner):
    result = invoke(runner, "--version")
    assert (result.exit_code, result.stdout) == (0, "migrate-llm 0.1.0\n")


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys\n"
        "from migrate_llm.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='migrate-llm')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('openai', 'libcst', 'yaml') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_console_script_reports_internal_errors_without_traceback(tmp_path):
    script = (
        "import sys\n"
        "import migrate_llm.engine as engine\n"
        "def boom(*a, **k):\n"
        "    raise RuntimeError('kaboom')\n"
        "engine.scan = boom\n"
        "sys.argv = ['migrate-llm', 'scan', '.']\n"
        "from migrate_llm.cli import main\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 2
    assert proc.stderr == "migrate-llm: internal error: RuntimeError: kaboom\n"


def test_readme_rules_table_matches_the_rules():
    from migrate_llm.rules import all_rules

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for rule in all_rules():
        row = (
            f"| {rule.code} | {rule.name} | {rule.category} | {rule.severity.value} | "
            f"{rule.fix.value} | {rule.summary()} |"
        )
        assert row in readme, row


def test_gitignored_settings_that_name_openai_are_listed(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("config.json\n.env\nlocal.yaml\n")
    (tmp_path / "config.json").write_text('{"model": "gpt-4o-mini"}\n')
    (tmp_path / ".env").write_text("OPENAI_API_KEY=x\n")
    (tmp_path / "local.yaml").write_text("debug: true\n")  # ignored, but names nothing
    (tmp_path / "app.py").write_text("from openai import OpenAI\nc = OpenAI()\n")
    data = json.loads(invoke(runner, "scan", "--format", "json").stdout)
    assert data["ignored"] == [".env", "config.json"]
    assert [f["path"] for f in data["findings"]] == ["app.py"]
    checked = invoke(runner, "check", "-p", "zhipu")
    assert checked.stdout.splitlines()[1:4] == [
        "Ignored by .gitignore, so not migrated, but naming OpenAI (the settings your program "
        "reads? name the file, or pass --no-gitignore):",
        "  .env",
        "  config.json",
    ]
    named = json.loads(invoke(runner, "scan", "config.json", "-p", "zhipu", "-f", "json").stdout)
    assert [f["rule"] for f in named["findings"]] == ["ML503"]


@pytest.mark.parametrize(
    "command",
    [[], ["scan"], ["apply"], ["check"], ["verify"], ["providers", "compare"], ["rules"]],
)
def test_help_shows_no_python_types(runner, command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    for python_type in ("<bool>", "<list[", "<int", "<float", "<str>", "<Path>", "x>="):
        assert python_type not in result.stdout, (command, python_type)
    assert "Usage: migrate-llm" in result.stdout


def test_negative_jobs_is_a_one_line_error(runner, project):
    jobs = invoke(runner, "scan", "--jobs", "-1")
    assert (jobs.exit_code, jobs.stderr) == (
        2,
        "migrate-llm: error: --jobs takes 0 (one per CPU) or more processes, not -1\n",
    )


def test_apply_paths_help_says_what_apply_does(runner):
    result = runner.invoke(app, ["apply", "--help"], env={"COLUMNS": "200"})
    shown = " ".join(result.stdout.split())
    assert "PATHS Files or directories to migrate: their OpenAI code and config are rewritten" in (
        shown
    )


def _command(*args: str, cwd: Path, prelude: str = ""):
    """`migrate-llm ARGS` as the console script runs it (`command.run`), in a new process."""
    script = f"{prelude}import sys\nsys.argv = ['migrate-llm', *{list(args)!r}]\n"
    script += "from migrate_llm.command import run\nrun()\n"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as users run it
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, cwd=cwd, text=True, env=env
    )


def test_the_command_writes_a_report_larger_than_a_pipe_whole_before_it_exits(
    runner, tmp_path, monkeypatch
):
    for n in range(150):
        (tmp_path / f"m{n:03}.py").write_text(
            CLIENT + 'client.chat.completions.create(model="gpt-4o", messages=[])\n'
        )
    done = _command("scan", ".", "-f", "json", "--no-cache", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    assert len(done.stdout) > 65536  # more than a pipe holds: written while read
    monkeypatch.chdir(tmp_path)
    in_process = runner.invoke(app, ["scan", ".", "-f", "json", "--no-cache"])
    assert json.loads(done.stdout)["findings"] == json.loads(in_process.stdout)["findings"]


def test_the_command_exits_with_the_documented_codes(tmp_path):
    (tmp_path / "app.py").write_text(CLIENT)
    assert _command("scan", ".", "--no-cache", cwd=tmp_path).returncode == 0
    strict = _command("scan", ".", "--strict", "--no-cache", cwd=tmp_path)
    assert strict.returncode == 1
    missing = _command("scan", "nowhere", cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "migrate-llm: error: nowhere: no such file or directory\n"


def test_the_command_runs_the_exit_handlers_and_says_a_message_exit(tmp_path):
    prelude = "import atexit\natexit.register(lambda: print('handler ran'))\n"
    done = _command("--version", cwd=tmp_path, prelude=prelude)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "handler ran"
    prelude = "import migrate_llm.cli as cli\ncli.main = lambda: sys.exit('stopped')\n"
    stopped = _command("--version", cwd=tmp_path, prelude="import sys\n" + prelude)
    assert (stopped.returncode, stopped.stdout, stopped.stderr) == (2, "", "stopped\n")


def test_the_command_skips_the_teardown_unless_a_profiler_or_tracer_watches(tmp_path):
    prelude = (
        "import os\n"
        "skip = os._exit\n"
        "def noted(code):\n"
        "    print('teardown skipped', flush=True)\n"
        "    skip(code)\n"
        "os._exit = noted\n"
    )
    plain = _command("--version", cwd=tmp_path, prelude=prelude)
    assert plain.stdout.splitlines() == ["migrate-llm " + __version__, "teardown skipped"]
    for watch in ("sys.setprofile(lambda *a: None)", "sys.settrace(lambda *a: None)"):
        watched = _command("--version", cwd=tmp_path, prelude=f"import sys\n{watch}\n{prelude}")
        assert watched.returncode == 0
        assert watched.stdout.splitlines() == ["migrate-llm " + __version__]


def test_the_console_script_is_the_command_that_skips_the_teardown():
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert 'migrate-llm = "migrate_llm.command:run"' in pyproject
    main = Path(__file__).resolve().parents[1] / "src" / "migrate_llm" / "__main__.py"
    assert main.read_text() == "from migrate_llm.command import run\n\nrun()\n"
