"""Start-up cost: a run imports only what it uses (issue #16). Each case runs the command line
in a fresh interpreter and lists which of some costly modules it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from migrate_llm import __version__
from migrate_llm import registry as registry_module
from migrate_llm.registry import load_registry

from .conftest import ACME_DIR

CLIENT = (
    'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o")\n'
)
WATCHED = ("rich", "pathspec", "importlib.resources", "libcst")


def python(code: str, cwd: Path) -> str:
    """What `python -c CODE` run in `cwd` (a new process: nothing imported yet) prints."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout


def imported(cwd: Path, *args: str) -> tuple[int, str, list[str]]:
    """(exit code, stdout, which of WATCHED the run imported) of `migrate-llm ARGS`."""
    code = (
        "import sys\n"
        f"sys.argv = ['migrate-llm', *{list(args)!r}]\n"
        "from migrate_llm.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    status = exc.code\n"
        "sys.stdout.flush()\n"
        f"seen = sorted(m for m in {WATCHED!r} if m in sys.modules)\n"
        "sys.stdout.write('\\nIMPORTED ' + ' '.join(seen) + ' STATUS ' + str(status))\n"
    )
    report, _, tail = python(code, cwd).rpartition("\nIMPORTED ")
    names, _, status = tail.rpartition(" STATUS ")
    return int(status), report, names.split()


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "app.py").write_text(CLIENT)
    (tmp_path / "plain.py").write_text("print('hello')\n")
    return tmp_path


ACME = ("--providers-dir", str(ACME_DIR), "--provider", "acme")


@pytest.mark.parametrize("output", ["text", "json", "sarif", "github"])
def test_check_reports_without_rich(tree, output):
    status, report, seen = imported(tree, "check", *ACME, "-f", output, "app.py", "plain.py")
    assert status == 1
    assert "ML001" in report
    assert "rich" not in seen


def test_check_with_nothing_to_report_does_not_import_rich(tree):
    status, report, seen = imported(tree, "check", *ACME, "plain.py")
    assert (status, report) == (0, "0 findings for acme in 0 of 1 file\n")
    assert "rich" not in seen


def test_loading_the_registry_does_not_import_importlib_resources(tmp_path):
    code = (
        "import sys\n"
        "from migrate_llm.registry import load_registry\n"
        "registry = load_registry(())\n"
        "print('openai' in registry.providers, 'importlib.resources' in sys.modules)\n"
    )
    assert python(code, tmp_path) == "True False\n"


def test_scan_uses_rich_only_for_a_table_with_something_in_it(tree):
    status, report, seen = imported(tree, "scan", "-f", "json", "plain.py")
    assert status == 0 and json.loads(report)["findings"] == []
    assert "rich" not in seen
    status, report, seen = imported(tree, "scan", "plain.py")
    assert (status, report) == (0, "0 findings in 0 of 1 file\n")
    assert "rich" not in seen
    status, report, seen = imported(tree, "scan", *ACME, "plain.py")
    assert (status, report) == (0, "0 findings for acme in 0 of 1 file\n")
    assert "rich" not in seen
    status, report, seen = imported(tree, "scan", "app.py")
    assert status == 0 and report.startswith("app.py\n  2:10 ML001 ")
    assert "rich" in seen


def test_a_cached_check_does_not_parse(tree):
    """The second run reads the result cache: no libcst."""
    first = imported(tree, "check", *ACME, "-f", "json", "app.py")
    second = imported(tree, "check", *ACME, "-f", "json", "app.py")
    assert "libcst" in first[2]
    assert second[:2] == first[:2]
    assert "libcst" not in second[2]


def test_pathspec_only_for_per_file_ignores(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from migrate_llm.config import Config\n"
        "before = 'pathspec' in sys.modules\n"
        "config = Config()\n"
        "plain = 'pathspec' in sys.modules\n"
        "config = Config(per_file_ignores={'tests/**': frozenset({'ML001'})})\n"
        "print(before, plain, 'pathspec' in sys.modules, config.ignores('tests/a.py', 'ML001',"
        " Path('/x')))\n"
    )
    assert python(code, tmp_path) == "False False True True\n"


def test_builtin_providers_are_parsed_once_per_process(tmp_path, monkeypatch):
    """A run with --providers-dir loads the built-ins again on their own (to say which ones a
    project replaces): from memory, not by parsing every file again."""
    calls: list[str] = []
    parse = registry_module.parse_provider

    def counting(data, source, expected_id=None, checked=None):
        calls.append(source)
        return parse(data, source, expected_id, checked)

    monkeypatch.setattr(registry_module, "parse_provider", counting)
    monkeypatch.setattr(registry_module, "_READ", {})
    monkeypatch.setattr(registry_module, "_LOADED", {})
    with_acme = load_registry([ACME_DIR])
    builtin = load_registry(())
    assert "acme" in with_acme.providers and "acme" not in builtin.providers
    assert sorted(calls) == sorted(
        [f"providers/{p}.toml" for p in builtin.providers] + [f"{ACME_DIR}/acme.toml"]
    )
    assert builtin.providers["openai"] is with_acme.providers["openai"]


def test_registry_digest_follows_the_files(tmp_path):
    """`Registry.digest` names the provider files' bytes: equal for the same files, different
    when one changes, and a registry built by hand has none."""
    extra = tmp_path / "providers"
    extra.mkdir()
    text = (ACME_DIR / "acme.toml").read_text(encoding="utf-8")
    (extra / "acme.toml").write_text(text, encoding="utf-8")
    first = load_registry([extra])
    again = registry_module._load_registry([extra])
    builtin = load_registry(())
    assert len(first.digest) == 64 and first.digest == again.digest
    assert builtin.digest not in ("", first.digest)
    (extra / "acme.toml").write_text(text + "\n# changed\n", encoding="utf-8")
    changed = load_registry([extra])
    assert changed.digest not in (first.digest, builtin.digest)
    assert registry_module.Registry(dict(builtin.providers)).digest == ""


def test_help_imports_only_the_command_line(tmp_path):
    code = (
        "import sys\n"
        "sys.argv = ['migrate-llm', '--help']\n"
        "from migrate_llm.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "names = ('rich', 'pydantic', 'pathspec', 'libcst', 'migrate_llm.model',\n"
        "         'migrate_llm.registry', 'migrate_llm.engine')\n"
        "print(sorted(m for m in names if m in sys.modules))\n"
    )
    lines = python(code, tmp_path).splitlines()
    assert lines[0].startswith("Usage: migrate-llm [OPTIONS] COMMAND")
    assert lines[-1] == "[]"


def test_a_command_is_run_by_an_app_holding_only_it():
    from migrate_llm import cli

    for args, held in (
        (["scan", "."], ["scan"]),
        (["check", "--help"], ["check"]),
        (["providers", "show", "qwen"], ["providers"]),
    ):
        narrowed = cli._app_for(args)
        names = [cli._command_name(c) for c in narrowed.registered_commands]
        names += [g.name for g in narrowed.registered_groups]
        assert names == held
    everything = ["scan", "check", "apply", "verify", "rules", "providers"]
    for args in ([], ["--help"], ["--version"], ["scna"], ["-h", "scan"]):
        narrowed = cli._app_for(args)
        names = [cli._command_name(c) for c in narrowed.registered_commands]
        names += [g.name for g in narrowed.registered_groups]
        assert narrowed is cli.app and sorted(names) == sorted(everything)


@pytest.mark.parametrize(
    "args",
    [
        ["scan", "--help"],
        ["check", "--help"],
        ["apply", "--help"],
        ["verify", "--help"],
        ["rules", "--help"],
        ["providers", "--help"],
        ["providers", "show", "--help"],
        ["scan", "--bogus"],
        ["check"],
        ["apply", "--provider"],
    ],
)
def test_a_narrowed_app_says_what_the_whole_one_does(tmp_path, args):
    """Help and usage errors through `main` (one command built) are the whole app's."""

    def run(whole: bool) -> tuple[int, str, str]:
        code = (
            "import sys\n"
            f"sys.argv = ['migrate-llm', *{args!r}]\n"
            "from migrate_llm import cli\n"
            + ("cli._app_for = lambda args: cli.app\n" if whole else "")
            + "cli.main()\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "100"},
        )
        return done.returncode, done.stdout, done.stderr

    narrowed = run(whole=False)
    assert narrowed == run(whole=True)
    assert narrowed[0] in (0, 2) and (narrowed[1] or narrowed[2])


def test_migrating_text_wraps_at_the_layout_default():
    import inspect

    from migrate_llm import engine, layout

    default = inspect.signature(engine.migrate_text).parameters["line_length"].default
    assert default == layout.DEFAULT_LINE_LENGTH


def test_a_run_that_only_screens_leaves_layout_and_suppressions_unimported(tmp_path):
    (tmp_path / "plain.py").write_text("print('hello')\n")
    code = (
        "import sys\n"
        "sys.argv = ['migrate-llm', 'scan', '.', '--no-cache']\n"
        "from migrate_llm.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "names = ('migrate_llm.layout', 'migrate_llm.suppress', 'libcst')\n"
        "print(sorted(m for m in names if m in sys.modules))\n"
    )
    assert python(code, tmp_path).splitlines()[-1] == "[]"


def test_a_second_scan_under_a_gitignore_does_not_import_pathspec(tree):
    """The patterns' screens and what pathspec decided are kept in the result cache (the
    second run meets the .gitignore of the cache directory the first one made)."""
    (tree / ".gitignore").write_text("gen/\n*_local.py\n!keep_local.py\n")
    (tree / "gen").mkdir()
    for name in ("gen/made.py", "run_local.py", "keep_local.py"):
        (tree / name).write_text(CLIENT)
    first = imported(tree, "scan", "-f", "json", ".")
    second = imported(tree, "scan", "-f", "json", ".")
    third = imported(tree, "scan", "-f", "json", ".")
    assert "pathspec" in first[2] and "pathspec" in second[2] and "pathspec" not in third[2]
    assert third[:2] == second[:2] == first[:2]
    paths = sorted({f["path"] for f in json.loads(first[1])["findings"]})
    assert paths == ["app.py", "keep_local.py"]
    no_cache = imported(tree, "scan", "-f", "json", "--no-cache", ".")
    assert no_cache[:2] == first[:2] and "pathspec" in no_cache[2]


@pytest.mark.parametrize("command", ["scan", "apply", "apply-text"])
def test_the_collector_is_off_while_a_command_starts_and_on_for_its_run(tmp_path, command):
    """`collector.pause_start` (the command line's start) until the engine's run begins:
    then what the start made is frozen and the collector is on again, as without a pause."""
    (tmp_path / "app.py").write_text(CLIENT)
    run = {
        "scan": "engine.scan(options)",
        "apply": "engine.plan(replace(options, provider='zhipu'))",
        "apply-text": "engine.plan_text('x = 1\\n', replace(options, provider='zhipu'))",
    }[command]
    code = (
        "import gc\n"
        "from dataclasses import replace\n"
        "from pathlib import Path\n"
        "from migrate_llm import collector\n"
        "collector.started()\n"  # no pause: nothing happens
        "print(gc.isenabled(), gc.get_freeze_count() == 0)\n"
        "collector.pause_start()\n"
        "from migrate_llm import engine\n"
        "print(gc.isenabled())\n"
        "options = engine.ScanOptions(paths=(Path('.'),), jobs=1)\n"
        f"{run}\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    assert python(code, tmp_path).split() == ["True", "True", "False", "True", "True"]


def test_what_a_commands_walk_made_is_frozen_rather_than_collected(monkeypatch):
    """`paused(stays=True)`: in a command's run, what the walk made stays for the run and is
    frozen; a library call's objects are the caller's, left to the collector."""
    import gc

    from migrate_llm import collector

    frozen: list[int] = []
    monkeypatch.setattr(collector.gc, "freeze", lambda: frozen.append(1))
    with collector.paused(stays=True):
        assert not gc.isenabled()
    assert frozen == [] and gc.isenabled()
    monkeypatch.setitem(collector._start, "command", True)
    with collector.paused():
        pass
    with collector.paused(stays=True):
        pass
    assert frozen == [1] and gc.isenabled()


def test_a_check_does_not_load_libcsts_matchers(tree):
    """`libcst.matchers` takes about 0.09 s to import, a third of a one-file check."""
    code = (
        "import sys\n"
        f"sys.argv = ['migrate-llm', 'check', *{list(ACME)!r}, '--no-cache', 'app.py']\n"
        "from migrate_llm.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('libcst' in sys.modules, 'libcst.matchers' in sys.modules)\n"
    )
    assert python(code, tree).splitlines()[-1] == "True False"


def test_a_check_imports_no_module_only_other_runs_use(tree):
    """A one-file check of a project with no TOML of its own, under a built-in provider
    whose snapshot is kept, writes no kept code, forks no copies and quotes no path: it
    imports none of the modules for those."""
    code = (
        "import sys\n"
        "sys.argv = ['migrate-llm', 'check', '--provider', 'zhipu', '--no-cache', 'app.py']\n"
        "from migrate_llm.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    print('STATUS', exc.code)\n"
        "print(sorted(m for m in ('pickle', 'tempfile', 'tomllib', 'shlex') if m in sys.modules))\n"
    )
    python(code, tree)  # the first run of a session writes the providers' snapshot
    assert python(code, tree).splitlines()[-2:] == ["STATUS 1", "[]"]


def test_help_imports_no_json_nor_tempfile(tree):
    """`--help` as the installed command runs it (`run`, kept code read, none written)."""
    code = (
        "import atexit, sys\n"
        "def probe():\n"
        "    print(sorted(m for m in ('json', 'tempfile') if m in sys.modules))\n"
        "atexit.register(probe)  # `run` ends the process once the exit handlers ran\n"
        "sys.argv = ['migrate-llm', '--help']\n"
        "from migrate_llm.command import run\n"
        "run()\n"
    )
    assert python(code, tree).splitlines()[-1] == "[]"


@pytest.mark.parametrize("entry", ["command", "main"])
def test_the_command_prepares_its_start_before_importing_typer(tmp_path, entry):
    """The console script (`command.run`) and `python -m migrate_llm`: the collector is off
    and the kept code installed when typer is imported (its import made some thirty
    collections that found nothing, and compiled its expressions anew)."""
    start = {
        "command": "from migrate_llm.command import run\nrun()\n",
        "main": "import runpy\nrunpy.run_module('migrate_llm', run_name='__main__')\n",
    }[entry]
    code = (
        "import gc, sys\n"
        "class Probe:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            from migrate_llm import kept_code\n"
        "            installed = kept_code._state['installed']\n"
        "            print('typer', gc.isenabled(), installed, flush=True)\n"
        "sys.meta_path.insert(0, Probe())\n"
        "sys.argv = ['migrate-llm', '--version']\n" + start
    )
    version = f"migrate-llm {__version__}"
    assert python(code, tmp_path).splitlines() == ["typer False True", version]
