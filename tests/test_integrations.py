"""CI adoption: the pre-commit hooks run for real, and the composite GitHub Action's scripts.

The pre-commit tests install migrate-llm from a snapshot of this work tree into pre-commit's own
virtualenv (pip, from PyPI: the first one takes a while; the environment is built once per
session), then run the hooks in throwaway git repositories.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.discover import file_kind

ROOT = Path(__file__).resolve().parents[1]
HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
ACTION_FILE = ROOT / "action.yml"
DOCS = [ROOT / "README.md", ROOT / "docs" / "ci.md"]
TIMEOUT = 600  # seconds: building pre-commit's environment runs pip

OPENAI_APP = "from openai import OpenAI\nclient = OpenAI()\n"
QWEN_CONFIG = '[tool.migrate-llm]\nprovider = "qwen"\n'


def run(args, cwd: Path, env: dict[str, str], timeout: float = TIMEOUT):
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def output(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout + proc.stderr


# -- git and pre-commit plumbing ---------------------------------------------------------------


@pytest.fixture(scope="session")
def git_env(tmp_path_factory) -> dict[str, str]:
    """The environment for git and pre-commit: no user or system git config, a fixed author."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    home = tmp_path_factory.mktemp("git-home")
    empty = home / "gitconfig"
    empty.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("SKIP", None)
    env.update(
        GIT_CONFIG_GLOBAL=str(empty),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
    )
    return env


def git(repo: Path, env: dict[str, str], *args: str) -> str:
    proc = run(["git", *args], repo, env, timeout=60)
    assert proc.returncode == 0, output(proc)
    return proc.stdout.strip()


def new_repo(path: Path, env: dict[str, str], files: dict[str, str]) -> Path:
    """A git repository at `path` holding `files` in its first commit."""
    path.mkdir(parents=True)
    git(path, env, "init", "-q")
    for name, text in files.items():
        (path / name).write_text(text)
    git(path, env, "add", "-A")
    git(path, env, "commit", "-q", "-m", "init")
    return path


def _work_tree_files() -> list[Path]:
    """This project's files as a developer sees them: tracked and new, minus ignored ones
    (by the developer's own git config too)."""
    if (ROOT / ".git").exists():
        proc = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            env={k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
            capture_output=True,
            check=True,
        )
        names = [n for n in proc.stdout.decode().split("\0") if n]
        return [Path(n) for n in names if (ROOT / n).is_file()]
    junk = {
        ".git",
        ".venv",
        ".ci-venv",
        "build",
        "dist",
        "__pycache__",
        ".pytest_cache",
        ".ruff_cache",
    }
    return [
        p.relative_to(ROOT)
        for p in ROOT.rglob("*")
        if p.is_file() and not junk.intersection(p.relative_to(ROOT).parts)
    ]


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory, git_env) -> tuple[Path, str]:
    """A committed snapshot of this work tree: pre-commit installs hooks from commits only, and
    the work tree (uncommitted hooks and code included) is what these tests are about."""
    snapshot = tmp_path_factory.mktemp("hook-repo") / "migrate-llm"
    for rel in _work_tree_files():
        (snapshot / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, snapshot / rel)
    git(snapshot, git_env, "init", "-q")
    git(snapshot, git_env, "add", "-A")
    git(snapshot, git_env, "commit", "-q", "-m", "snapshot")
    return snapshot, git(snapshot, git_env, "rev-parse", "HEAD")


@pytest.fixture(scope="session")
def pre_commit(tmp_path_factory, git_env) -> tuple[list[str], dict[str, str]]:
    """The pre-commit command and an environment with a session-wide PRE_COMMIT_HOME, so the
    hook environment is built once."""
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (it is in the `test` extra)")
    env = {**git_env, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    return [sys.executable, "-m", "pre_commit"], env


def hooks_config(repo: tuple[Path, str], hook_id: str, args: list[str]) -> str:
    path, sha = repo
    return yaml.safe_dump(
        {"repos": [{"repo": str(path), "rev": sha, "hooks": [{"id": hook_id, "args": args}]}]},
        sort_keys=False,
    )


def migrate(project: Path, env: dict[str, str]) -> None:
    """`migrate-llm apply -p qwen --yes` in `project`: the step before a check passes. Run in
    this process (what is tested is the hook or the action step, not `apply`); `env` holds only
    what the hook or step reads."""
    cwd = Path.cwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(app, ["apply", "-p", "qwen", "--yes", "--allow-dirty"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output


# -- .pre-commit-hooks.yaml --------------------------------------------------------------------


def load_hooks() -> dict[str, dict]:
    hooks = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def test_hooks_manifest_declares_check_and_apply():
    hooks = load_hooks()
    assert list(hooks) == ["migrate-llm-check", "migrate-llm-apply"]
    assert hooks["migrate-llm-check"]["entry"] == "migrate-llm check"
    assert hooks["migrate-llm-apply"]["entry"] == "migrate-llm apply --yes --allow-dirty"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["require_serial"] is True
        assert hook.get("pass_filenames", True) is True


@pytest.mark.parametrize("hook_id", ["migrate-llm-check", "migrate-llm-apply"])
@pytest.mark.parametrize(
    ("name", "matches"),
    [
        ("app.py", True),
        ("pkg/stubs.pyi", True),
        (".env", True),
        (".env.local", True),
        ("deploy/prod.env", True),
        ("config.yaml", True),
        (".github/workflows/ci.yml", True),
        ("requirements-dev.txt", True),
        ("requirements/base.txt", True),
        ("constraints.txt", True),
        ("pyproject.toml", True),
        ("settings.json", True),
        ("setup.cfg", True),
        ("apikey.ini", True),
        ("conf/app.cfg", True),
        ("demo.ipynb", True),
        ("Dockerfile", True),
        ("docker/Dockerfile.prod", True),
        ("Containerfile", True),
        ("scripts/run.sh", True),
        ("deploy.bash", True),
        (".envrc", True),
        ("Makefile", True),
        ("make/rules.mk", True),
        ("Procfile", True),
        ("deploy/app.service", True),
        ("app.env.example", True),
        ("uv.lock", True),
        ("svc/poetry.lock", True),
        ("pdm.lock", False),
        ("scripts/run", False),
        ("README.md", False),
        ("image.png", False),
        ("notes.txt", False),
        ("envfile", False),
        ("web/package-lock.json", False),
    ],
)
def test_hook_files_are_what_migrate_llm_reads(hook_id, name, matches):
    hook = load_hooks()[hook_id]
    selected = bool(re.search(hook["files"], name)) and not re.search(hook["exclude"], name)
    assert selected is matches
    # migrate-llm refuses a named file it cannot read: the hook must never pass one.
    if selected:
        assert file_kind(Path(name)) is not None


def test_hooks_manifest_is_valid_for_pre_commit(pre_commit):
    command, env = pre_commit
    proc = run([*command, "validate-manifest", HOOKS_FILE], ROOT, env, timeout=60)
    assert proc.returncode == 0, output(proc)


# -- the hooks, for real -----------------------------------------------------------------------


def readme_block(marker: str) -> str:
    """The fenced block of README.md that holds `marker`, as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```[a-z]*\n(.*?)```", readme, flags=re.DOTALL)
    [block] = [b for b in blocks if marker in b]
    return block


def test_readme_local_hook_works_as_written(tmp_path, pre_commit):
    """The README's pre-commit snippet, copied as it is: a local hook running the installed
    migrate-llm (no network). It fails on an OpenAI client, names only files migrate-llm
    reads (not notes.txt), and passes once the code is migrated."""
    command, env = pre_commit
    config = readme_block("repo: local")
    assert (
        yaml.safe_load(config)["repos"][0]["hooks"][0]["files"]
        == (load_hooks()["migrate-llm-check"]["files"])
    )
    env = {**env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"}
    project = new_repo(
        tmp_path / "project",
        env,
        {".pre-commit-config.yaml": config, "app.py": OPENAI_APP, "notes.txt": "gpt-4o\n"},
    )
    hook = [*command, "run", "--all-files", "--color", "never"]
    refused = run(hook, project, env, timeout=120)
    assert refused.returncode == 1, output(refused)
    assert "app.py:2:10 ML001" in refused.stdout

    migrate(project, env)
    passed = run(hook, project, env, timeout=120)
    assert passed.returncode == 0, output(passed)
    assert "Passed" in passed.stdout


@pytest.mark.network
def test_check_hook_fails_on_openai_code_and_passes_after_apply(tmp_path, hook_repo, pre_commit):
    """The issue's scenario: `pre-commit try-repo` on a committed OpenAI call, provider from
    pyproject.toml (try-repo takes no hook args)."""
    command, env = pre_commit
    project = new_repo(
        tmp_path / "project", env, {"app.py": OPENAI_APP, "pyproject.toml": QWEN_CONFIG}
    )
    path, sha = hook_repo
    try_repo = [*command, "try-repo", path, "migrate-llm-check", "--ref", sha]
    try_repo += ["--all-files", "--color", "never"]

    failed = run(try_repo, project, env)
    assert failed.returncode == 1, output(failed)
    assert "migrate-llm check" in failed.stdout and "Failed" in failed.stdout
    assert "app.py:2:" in failed.stdout and "ML001" in failed.stdout
    assert (project / "app.py").read_text() == OPENAI_APP  # check writes nothing

    migrate(project, env)
    git(project, env, "commit", "-q", "-am", "migrate to qwen")
    passed = run(try_repo, project, env)
    assert passed.returncode == 0, output(passed)
    assert "Passed" in passed.stdout


@pytest.mark.network
def test_check_hook_with_provider_args_blocks_a_commit(tmp_path, hook_repo, pre_commit):
    """Installed as a git hook with `args: [--provider, qwen]`: a commit adding an OpenAI call
    is refused; once migrated it goes through."""
    command, env = pre_commit
    config = hooks_config(hook_repo, "migrate-llm-check", ["--provider", "qwen"])
    project = new_repo(
        tmp_path / "project", env, {".pre-commit-config.yaml": config, "README.md": "# app\n"}
    )
    installed = run([*command, "install"], project, env)
    assert installed.returncode == 0, output(installed)

    (project / "app.py").write_text(OPENAI_APP)
    git(project, env, "add", "app.py")
    refused = run(["git", "commit", "-m", "add app"], project, env)
    assert refused.returncode != 0, output(refused)
    assert "app.py:2:" in output(refused) and "ML001" in output(refused)
    assert git(project, env, "rev-list", "--count", "HEAD") == "1"

    migrate(project, env)
    git(project, env, "add", "app.py")
    accepted = run(["git", "commit", "-m", "add app"], project, env)
    assert accepted.returncode == 0, output(accepted)
    assert git(project, env, "rev-list", "--count", "HEAD") == "2"


@pytest.mark.network
def test_apply_hook_rewrites_staged_files_and_fails_like_a_formatter(
    tmp_path, hook_repo, pre_commit
):
    """Installed as a git hook: the first commit attempt migrates app.py and fails; staging the
    rewrite and committing again passes. The index differs from HEAD during the commit, which
    is why the hook passes --allow-dirty."""
    command, env = pre_commit
    config = hooks_config(hook_repo, "migrate-llm-apply", ["--provider", "qwen"])
    project = new_repo(
        tmp_path / "project", env, {".pre-commit-config.yaml": config, "README.md": "# app\n"}
    )
    installed = run([*command, "install"], project, env)
    assert installed.returncode == 0, output(installed)

    (project / "app.py").write_text(OPENAI_APP)
    git(project, env, "add", "app.py")
    refused = run(["git", "commit", "-m", "add app"], project, env)
    assert refused.returncode != 0, output(refused)
    assert "files were modified by this hook" in output(refused)
    migrated = (project / "app.py").read_text()
    assert 'api_key=os.environ.get("DASHSCOPE_API_KEY", "unset")' in migrated
    assert git(project, env, "rev-list", "--count", "HEAD") == "1"

    git(project, env, "add", "app.py")
    accepted = run(["git", "commit", "-m", "add app"], project, env)
    assert accepted.returncode == 0, output(accepted)
    assert git(project, env, "show", "HEAD:app.py") + "\n" == migrated

    again = run(
        [*command, "run", "migrate-llm-apply", "--all-files", "--color", "never"], project, env
    )
    assert again.returncode == 0, output(again)
    assert (project / "app.py").read_text() == migrated


# -- action.yml --------------------------------------------------------------------------------


def load_action() -> dict:
    return yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))


def step(action: dict, step_id: str) -> dict:
    (found,) = [s for s in action["runs"]["steps"] if s.get("id") == step_id]
    return found


def test_action_is_a_composite_with_documented_inputs():
    action = load_action()
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert inputs["provider"]["required"] is True
    defaults = {name: spec.get("default") for name, spec in inputs.items()}
    assert defaults == {
        "provider": None,
        "paths": ".",
        "fail-on": "warning",
        "args": "",
        "version": "",
        "python-version": "3.12",
        "cache": "true",
    }
    assert all(spec.get("description") for spec in inputs.values())
    setup = step(action, "python")
    assert setup["uses"].startswith("actions/setup-python@")
    # The action's Python must not replace the job's own.
    assert setup["with"]["update-environment"] is False


def test_action_scripts_take_inputs_only_through_env():
    """`${{ }}` inside `run:` is pasted into the script before bash sees it: an input holding
    `$(...)` would run. Every value reaches the scripts as an environment variable."""
    action = load_action()
    scripts = [s for s in action["runs"]["steps"] if "run" in s]
    assert scripts
    for script in scripts:
        assert script["shell"] == "bash"
        assert "${{" not in script["run"], script.get("name")
        for value in script.get("env", {}).values():
            assert re.fullmatch(r"\$\{\{ [\w.-]+ \}\}", value), value
    check = step(action, "check")
    assert "--format github" in check["run"]
    assert check["env"]["INPUT_PROVIDER"] == "${{ inputs.provider }}"
    assert check["env"]["MIGRATE_LLM"] == "${{ steps.install.outputs.executable }}"


def run_action_step(step_id: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run a step's script the way GitHub runs `shell: bash`."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = cwd.parent / f"{step_id}.sh"
    script.write_text(step(load_action(), step_id)["run"])
    return run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd, env)


@pytest.fixture
def migrate_llm_wrapper(tmp_path) -> Path:
    """A `migrate-llm` executable running this interpreter's migrate_llm."""
    wrapper = tmp_path / "bin" / "migrate-llm"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m migrate_llm "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return wrapper


def action_env(tmp_path: Path, **inputs: str) -> dict[str, str]:
    summary = tmp_path / "step-summary.md"
    summary.touch()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    env.update(
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_OUTPUT=str(tmp_path / "github-output"),
        RUNNER_TEMP=str(tmp_path / "runner-temp"),
        INPUT_PROVIDER="qwen",
        INPUT_PATHS=".",
        INPUT_FAIL_ON="warning",
        INPUT_ARGS="",
        INPUT_CACHE="true",
    )
    env.update(inputs)
    return env


def openai_project(tmp_path: Path) -> Path:
    project = tmp_path / "workspace"
    (project / "svc").mkdir(parents=True)
    (project / "app.py").write_text(OPENAI_APP)
    (project / "svc" / "worker.py").write_text(OPENAI_APP)
    (project / "README.md").write_text("# app\n")
    return project


def annotations(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("::")]


def test_action_check_step_annotates_findings_and_fails(tmp_path, migrate_llm_wrapper):
    project = openai_project(tmp_path)
    env = action_env(tmp_path, MIGRATE_LLM=str(migrate_llm_wrapper))
    proc = run_action_step("check", project, env)
    assert proc.returncode == 1, output(proc)
    lines = annotations(proc.stdout)
    assert any(line.startswith("::error file=app.py,line=2,col=") for line in lines), lines
    assert any(line.startswith("::error file=svc/worker.py,line=2,") for line in lines), lines
    assert all("ML001" in line for line in lines)
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    assert "migrate-llm check" in summary and "ML001" in summary
    assert (project / "app.py").read_text() == OPENAI_APP


def test_action_check_step_splits_paths_and_args(tmp_path, migrate_llm_wrapper):
    project = openai_project(tmp_path)
    env = action_env(
        tmp_path,
        MIGRATE_LLM=str(migrate_llm_wrapper),
        INPUT_PATHS="svc\n  app.py\n",
        INPUT_ARGS="--exclude svc/ \n--fail-on error",
    )
    proc = run_action_step("check", project, env)
    assert proc.returncode == 1, output(proc)
    files = sorted(re.findall(r"^::\w+ file=([^,]+),", proc.stdout, re.MULTILINE))
    assert files == ["app.py"], proc.stdout


def test_action_check_step_passes_on_migrated_code(tmp_path, migrate_llm_wrapper):
    project = openai_project(tmp_path)
    env = action_env(tmp_path, MIGRATE_LLM=str(migrate_llm_wrapper))
    migrate(project, env)
    proc = run_action_step("check", project, env)
    assert proc.returncode == 0, output(proc)
    assert not [line for line in annotations(proc.stdout) if line.startswith("::error")]


def test_action_keeps_results_in_the_runner_temp_directory_with_actions_cache(
    tmp_path, migrate_llm_wrapper
):
    action = load_action()
    cache = step(action, "cache")
    assert cache["uses"].startswith("actions/cache@")
    assert cache["if"] == "inputs.cache != 'false'"
    assert cache["with"]["path"] == "${{ runner.temp }}/migrate-llm-cache"
    assert cache["with"]["key"].endswith("-${{ github.sha }}")
    restore = cache["with"]["restore-keys"].strip()
    assert cache["with"]["key"].startswith(restore)
    steps = [s.get("id") for s in action["runs"]["steps"]]
    assert steps.index("cache") < steps.index("check")

    project = openai_project(tmp_path)
    env = action_env(tmp_path, MIGRATE_LLM=str(migrate_llm_wrapper))
    first = run_action_step("check", project, env)
    store = Path(env["RUNNER_TEMP"]) / "migrate-llm-cache" / "results.sqlite3"
    assert store.is_file()
    assert not (project / ".migrate-llm-cache").exists()
    # a fresh checkout of the same commit: new modification times, the same bytes; and a
    # libcst that cannot be imported, so the run fails if it parses anything
    for path in project.rglob("*.py"):
        path.write_text(path.read_text())
    broken = tmp_path / "no-libcst" / "libcst"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('parsed again')\n")
    # in front of the PYTHONPATH the first run had (a checkout's own sources, not only the
    # installed package's)
    path = os.pathsep.join(p for p in (str(broken.parent), env.get("PYTHONPATH")) if p)
    again = run_action_step("check", project, {**env, "PYTHONPATH": path})
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout), output(again)
    assert first.returncode == 1, output(first)
    # the same libcst without the store: the files are parsed, and the import fails
    uncached = {**env, "PYTHONPATH": path, "INPUT_CACHE": "false"}
    failed = run_action_step("check", project, uncached)
    assert failed.stdout.count("internal error (ImportError)") == 2, output(failed)


def test_action_without_cache_writes_no_results(tmp_path, migrate_llm_wrapper):
    project = openai_project(tmp_path)
    env = action_env(tmp_path, MIGRATE_LLM=str(migrate_llm_wrapper), INPUT_CACHE="false")
    proc = run_action_step("check", project, env)
    assert proc.returncode == 1, output(proc)
    assert not (Path(env["RUNNER_TEMP"]) / "migrate-llm-cache").exists()
    assert not (project / ".migrate-llm-cache").exists()


def test_action_inputs_are_never_evaluated_by_the_shell(tmp_path, migrate_llm_wrapper):
    project = openai_project(tmp_path)
    env = action_env(
        tmp_path,
        MIGRATE_LLM=str(migrate_llm_wrapper),
        INPUT_PROVIDER='qwen"; touch pwned1; echo "',
        INPUT_PATHS="app.py $(touch pwned2) `touch pwned3` *",
        INPUT_ARGS="; touch pwned4 && --fail-on error",
    )
    proc = run_action_step("check", project, env)
    assert proc.returncode == 2, output(proc)  # a usage error from migrate-llm, nothing else
    assert not list(project.glob("pwned*")) and not list(tmp_path.glob("pwned*"))


@pytest.mark.network
def test_action_installs_migrate_llm_and_checks(tmp_path, hook_repo):
    """The install step for real (pip, from the action's own checkout, into a private venv),
    then the check step with the executable it reports."""
    project = openai_project(tmp_path)
    env = action_env(tmp_path, PYTHON=sys.executable, INPUT_VERSION="")
    env["ACTION_PATH"] = str(hook_repo[0])
    installed = run_action_step("install", project, env)
    assert installed.returncode == 0, output(installed)
    assert re.search(r"^migrate-llm \d", installed.stdout, re.MULTILINE), installed.stdout
    (executable,) = re.findall(
        r"^executable=(.+)$", Path(env["GITHUB_OUTPUT"]).read_text(), re.MULTILINE
    )
    assert Path(executable).is_relative_to(env["RUNNER_TEMP"])

    env["MIGRATE_LLM"] = executable
    proc = run_action_step("check", project, env)
    assert proc.returncode == 1, output(proc)
    assert any(line.startswith("::error file=app.py,") for line in annotations(proc.stdout))


# -- the documented examples -------------------------------------------------------------------


def yaml_blocks() -> list[dict]:
    blocks = []
    for doc in DOCS:
        if doc.is_file():
            text = doc.read_text(encoding="utf-8")
            for block in re.findall(r"^```ya?ml\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
                blocks.append(yaml.safe_load(block))
    return blocks


def test_documented_pre_commit_configs_name_real_hooks():
    configs = [b for b in yaml_blocks() if isinstance(b, dict) and "repos" in b]
    assert configs, "no pre-commit config example in the docs"
    ids = set(load_hooks())
    for config in configs:
        for repo in config["repos"]:
            assert repo["repo"] == "local" or repo["rev"]  # a local hook has no revision
            assert {h["id"] for h in repo["hooks"]} <= ids


def test_documented_workflows_use_real_action_inputs():
    workflows = [b for b in yaml_blocks() if isinstance(b, dict) and "jobs" in b]
    assert workflows, "no workflow example in the docs"
    inputs = set(load_action()["inputs"])
    used = 0
    for workflow in workflows:
        for job in workflow["jobs"].values():
            for s in job["steps"]:
                uses = s.get("uses", "")
                if "migrate-llm@" in uses or uses.endswith("/migrate-llm"):  # released or local
                    used += 1
                    assert "provider" in s["with"]
                    assert set(s["with"]) <= inputs
    assert used, "no workflow example uses the action"
