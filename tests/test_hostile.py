"""Hostile input: no code injected from provider files, no write outside the scanned paths, no
terminal escapes or keys in reports, owners and hard links kept, and one bad file never ends
the run."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from migrate_llm import engine
from migrate_llm.errors import ProviderError
from migrate_llm.formats import FORMATS
from migrate_llm.registry import parse_provider

from .cli_findings import cli as invoke
from .test_providers import minimal

CLIENT = "from openai import OpenAI\nclient = OpenAI()\n"
KEY = "sk-proj-abcdefghijklmnop0123456789"


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("base_url", "https://x.example/v4\"+__import__('os').system('id')+\"", "characters"),
        ("base_url", "https://x.example/v4\nEVIL=1", "characters"),
        ("base_url", "https://x.example/a b", "characters"),
    ],
)
def test_provider_urls_that_could_inject_code_are_refused(key, value, problem):
    data = minimal(**{key: value})
    with pytest.raises(ProviderError, match=problem):
        parse_provider(data, "p/x.toml")


def test_provider_model_ids_that_could_inject_code_are_refused():
    data = minimal()
    data["models"] = {"gpt-4o": 'm"+open("/etc/passwd").read()+"'}
    with pytest.raises(ProviderError, match=r"models\.gpt-4o: .* is not a model id"):
        parse_provider(data, "p/x.toml")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_to_a_file_outside_the_tree_is_not_written(tmp_path, monkeypatch):
    outside = tmp_path / "outside.py"
    outside.write_text(CLIENT)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "inside.py").write_text(CLIENT)
    os.symlink(outside, tree / "link.py")
    monkeypatch.chdir(tree)
    result = invoke("apply", ".", "-p", "qwen", "--yes", "--allow-dirty")
    assert result.exit_code == 1
    assert "link.py a symlink to a file outside the scanned paths; not written" in result.stderr
    assert outside.read_text() == CLIENT
    assert "DASHSCOPE_API_KEY" in (tree / "inside.py").read_text()


def test_control_characters_never_reach_the_terminal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a\x1b[31mb.py").write_text(
        CLIENT + 'client.chat.completions.create(model="gpt-4o\\x1b[2J", messages=[])\n'
    )
    (tmp_path / "conf.yaml").write_text('model: "gpt-4o\\u001b]0;pwned\\u0007"\n')
    for args in (("scan", "."), ("check", ".", "--format", "text"), ("check", ".", "-f", "github")):
        result = invoke(*args, "-p", "qwen")
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, args
        assert "a\\x1b[31mb.py" in result.stdout


def test_keys_in_parser_errors_are_masked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conf.yaml").write_text(f"a: *{KEY}\nOPENAI_API_KEY: x\n")
    result = invoke("scan", ".", "-p", "qwen", "--format", "json")
    (error,) = json.loads(result.stdout)["errors"]
    assert error["message"] == "cannot parse yaml: found undefined alias 'sk-pr…89'"
    assert KEY not in result.stdout + result.stderr


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_a_hard_linked_file_is_rewritten_in_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(CLIENT)
    os.link(tmp_path / "app.py", tmp_path / "other-name.txt")
    result = invoke("apply", "app.py", "-p", "qwen", "--yes", "--allow-dirty")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "app.py").stat().st_ino == (tmp_path / "other-name.txt").stat().st_ino
    assert "DASHSCOPE_API_KEY" in (tmp_path / "other-name.txt").read_text()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_as_root_the_owner_and_mode_of_a_rewritten_file_are_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "app.py"
    path.write_text(CLIENT)
    os.chown(path, 4321, 4322)
    path.chmod(0o640)
    result = invoke("apply", "app.py", "-p", "qwen", "--yes", "--allow-dirty")
    assert result.exit_code == 0, result.stderr
    status = path.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (4321, 4322, 0o640)


def test_old_mac_line_endings_are_migrated_and_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "app.py"
    path.write_bytes(b"from openai import OpenAI\rclient = OpenAI()\r")
    result = invoke("apply", "app.py", "-p", "qwen", "--yes", "--allow-dirty")
    assert result.exit_code == 0, result.stderr
    data = path.read_bytes()
    assert b"\n" not in data and b'"DASHSCOPE_API_KEY"' in data
    assert data.startswith(b"import os\r\rfrom openai import OpenAI\rclient = OpenAI(\r")


def test_one_files_internal_error_is_reported_there_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(CLIENT)
    (tmp_path / "boom.py").write_text(CLIENT + "# boom\n")
    real = engine.FileScanner.reported

    def reported(self, kind, name, text, *args, **kwargs):
        if "# boom" in text:
            raise IndexError("list index out of range")
        return real(self, kind, name, text, *args, **kwargs)

    monkeypatch.setattr(engine.FileScanner, "reported", reported)
    result = invoke("scan", ".", "-p", "qwen", "--format", "json")
    data = json.loads(result.stdout)
    assert [f["path"] for f in data["findings"] if f["rule"] == "ML001"] == ["a.py"]
    assert data["errors"] == [
        {
            "path": "boom.py",
            "message": "internal error (IndexError); left as it was: please report it",
        }
    ]
    result = invoke("apply", ".", "-p", "qwen", "--yes", "--allow-dirty")
    assert result.exit_code == 1
    assert (tmp_path / "boom.py").read_text() == CLIENT + "# boom\n"
    assert "DASHSCOPE_API_KEY" in (tmp_path / "a.py").read_text()


def test_apply_honours_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(FORMATS, "python", replace(FORMATS["python"], max_bytes=20))
    (tmp_path / "app.py").write_text(CLIENT)
    result = invoke("apply", ".", "-p", "qwen", "--yes", "--allow-dirty")
    assert result.exit_code == 1
    assert "app.py skipped: 0.0 MiB is over the size limit" in result.stderr
    assert (tmp_path / "app.py").read_text() == CLIENT
    assert Path("app.py").read_text() == CLIENT


def test_git_apply_of_the_diff_equals_yes_for_awkward_files(tmp_path, monkeypatch):
    files = {
        "formfeed.py": "\x0cimport os\n" + CLIENT + "x = 1\x0c\n",
        "separators.py": 'S = "a\x85b\u2028c"\n' + CLIENT,
        "latin1.py": "# -*- coding: latin-1 -*-\n# café\n" + CLIENT,
        "tab\there.py": CLIENT,
        "bom.py": "\ufeff" + CLIENT,
        "crlf.py": CLIENT.replace("\n", "\r\n"),
    }
    for name in ("a", "b"):
        for file, text in files.items():
            encoding = "latin-1" if file == "latin1.py" else "utf-8"
            (tmp_path / name).mkdir(exist_ok=True)
            (tmp_path / name / file).write_bytes(text.encode(encoding))
    monkeypatch.chdir(tmp_path / "a")
    import subprocess
    import sys

    diff = subprocess.run(
        [sys.executable, "-m", "migrate_llm", "apply", ".", "-p", "qwen", "--diff"],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "apply", "-"], input=diff, check=True)
    monkeypatch.chdir(tmp_path / "b")
    assert invoke("apply", ".", "-p", "qwen", "--yes", "--allow-dirty").exit_code == 0
    for file in files:
        after = (tmp_path / "b" / file).read_bytes()
        assert (tmp_path / "a" / file).read_bytes() == after, file
        assert b"DASHSCOPE_API_KEY" in after, file


def test_gitignore_lines_git_accepts_and_a_broken_unrelated_pyproject_do_not_stop_a_scan(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("[z-a]\n\\\n!\nbuild/\n")
    (tmp_path / "pyproject.toml").write_text("[project\nname = 1\n")
    (tmp_path / "app.py").write_text(CLIENT)
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "gen.py").write_text(CLIENT)
    result = invoke("scan", ".", "-p", "qwen", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"app.py"}
    (tmp_path / "pyproject.toml").write_text("[tool.migrate-llm\nprovider = 'qwen'\n")
    result = invoke("scan", ".")
    assert result.exit_code == 2
    assert result.stderr.startswith("migrate-llm: error: pyproject.toml: invalid TOML: ")


def test_deep_nesting_is_a_files_error_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "parens.py").write_text("import openai\nx = " + "(" * 3000 + "1" + ")" * 3000)
    (tmp_path / "chain.py").write_text("import openai\nx = " + "+".join(["1"] * 50_000))
    branches = "".join(f"elif x == {i}:\n    pass\n" for i in range(1, 480))
    (tmp_path / "elif.py").write_text(CLIENT + "if x == 0:\n    pass\n" + branches)
    result = invoke("scan", ".", "-p", "qwen", "--format", "json")
    data = json.loads(result.stdout)
    assert data["errors"] == [
        {"path": "chain.py", "message": "too deeply nested for Python to parse"},
        {"path": "parens.py", "message": "syntax error: too many nested parentheses", "line": 2},
    ]
    assert [f["path"] for f in data["findings"] if f["rule"] == "ML001"] == ["elif.py"]


@pytest.mark.skipif(__import__("sys").version_info >= (3, 12), reason="3.12 reads this syntax")
@pytest.mark.parametrize(
    ("newer", "said"),
    [
        ("type Alias = int\n", "syntax error: invalid syntax for Python 3."),
        # marvin's examples: quotes of the f-string's own kind inside its braces
        ('print(f"{"-".join(names)}")\n', "syntax error: f-string: expecting '}' for Python 3."),
    ],
)
def test_newer_python_syntax_is_said_once_and_scan_agrees_with_apply(
    tmp_path, monkeypatch, newer, said
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(CLIENT + newer)
    scanned = json.loads(invoke("scan", ".", "-p", "qwen", "--format", "json").stdout)
    assert scanned["findings"] == []
    (error,) = scanned["errors"]
    assert error["message"].startswith(said)
    assert error["message"].endswith("it needs a newer Python: run migrate-llm with that one")
    assert invoke("apply", ".", "-p", "qwen", "--yes", "--allow-dirty").exit_code == 1
    assert (tmp_path / "app.py").read_text() == CLIENT + newer


def run_main(*args: str, cwd: Path, stdin: bytes = b"", **kw):
    import subprocess
    import sys

    kw.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "migrate_llm", *args],
        cwd=cwd,
        input=stdin,
        stderr=subprocess.PIPE,
        timeout=120,
        **kw,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("scan", "--bogus"),
            "migrate-llm: error: No such option: --bogus (Possible options: --jobs) "
            "(see migrate-llm scan --help)",
        ),
        (
            ("scan", ".", "-j", "x"),
            "migrate-llm: error: Invalid value for '--jobs' / '-j': 'x' is not a valid int. "
            "(see migrate-llm scan --help)",
        ),
        (
            ("scan", ".", "-p", ""),
            "migrate-llm: error: --provider needs a provider id (see `migrate-llm providers`)",
        ),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(tmp_path, args, message):
    result = run_main(*args, cwd=tmp_path)
    assert (result.returncode, result.stderr.decode()) == (2, message + "\n")


def test_end_of_input_at_the_prompt_is_no(monkeypatch, capsys):
    import io

    from migrate_llm import cli

    for typed, answer in (("", False), ("n\n", False), ("y\n", True), ("YES\n", True)):
        monkeypatch.setattr("sys.stdin", io.StringIO(typed))
        assert cli._confirm("Apply?") is answer
    assert capsys.readouterr().err.startswith("Apply? [y/N]: ")


def test_output_that_cannot_be_written_or_encoded(tmp_path):
    (tmp_path / "k.py").write_text(f'KEY = "{KEY}"\nfrom openai import OpenAI\n')
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = run_main("scan", ".", "-p", "qwen", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert b"sk-pr\\u202689" in result.stdout
    if Path("/dev/full").exists():
        with open("/dev/full", "wb") as full:
            result = run_main("scan", ".", "-p", "qwen", cwd=tmp_path, stdout=full)
        assert result.returncode == 2
        assert result.stderr == (
            b"migrate-llm: error: cannot write the output: No space left on device\n"
        )


def test_apply_stdin_that_is_not_text_is_one_line(tmp_path):
    result = run_main("apply", "-", "-p", "qwen", cwd=tmp_path, stdin=b"import openai\n\xff\xfe\n")
    assert result.returncode == 2
    assert result.stderr == (
        b"migrate-llm: error: <stdin>: cannot decode as utf-8 (byte 14); declare its encoding\n"
    )


def test_utf16_is_named_and_an_untracked_file_does_not_block_apply(tmp_path, monkeypatch):
    import subprocess

    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    (tmp_path / "wide.py").write_bytes(CLIENT.encode("utf-16"))
    (tmp_path / "app.py").write_text(CLIENT)  # untracked
    result = invoke("apply", ".", "-p", "qwen", "--yes")
    assert "wide.py UTF-16 text: save it as UTF-8" in result.stderr
    assert "DASHSCOPE_API_KEY" in (tmp_path / "app.py").read_text()


def test_a_project_provider_replacing_a_built_in_is_said_and_providers_show_reads_it(
    tmp_path, monkeypatch
):
    from migrate_llm import cli

    monkeypatch.setattr(cli, "_NOTED", set())
    monkeypatch.chdir(tmp_path)
    builtin = Path(engine.__file__).resolve().parents[2] / "providers" / "qwen.toml"
    (tmp_path / "prov").mkdir()
    text = builtin.read_text(encoding="utf-8").replace(
        'name = "Alibaba Qwen (DashScope / Model Studio)"', 'name = "Qwen via our gateway"'
    )
    (tmp_path / "prov" / "qwen.toml").write_text(text, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.migrate-llm]\nprovider-paths = ["prov"]\n')
    (tmp_path / "app.py").write_text(CLIENT)
    shown = invoke("providers", "show", "qwen", "--format", "json")
    assert json.loads(shown.stdout)["name"] == "Qwen via our gateway"
    assert shown.stderr == (
        "migrate-llm: note: provider 'qwen' comes from "
        f"{tmp_path / 'prov'}/qwen.toml, replacing the built-in one\n"
    )
    scanned = invoke("scan", ".", "-p", "qwen")
    assert "replacing the built-in one" not in scanned.stderr  # said once per process


def test_a_key_split_over_joined_literals_is_seen_once_and_masked(registry):
    from migrate_llm.rules import python_rules
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    text = f'import openai\nKEY = ("x" "sk-proj-" "{KEY[8:]}")\nOTHER = "a" "{KEY}"\n'
    found = [
        f for f in check_python(text, RuleContext(registry), python_rules()) if f.rule == "ML004"
    ]
    assert [(f.line, f.column, f.message) for f in found] == [
        (2, 12, "hard-coded API key sk-pr…89; read it from the environment and rotate it"),
        (3, 13, "hard-coded API key sk-pr…89; read it from the environment and rotate it"),
    ]


def test_verify_masks_runs_of_the_key_and_knows_plain_http_elsewhere():
    from migrate_llm.verify import _one_line, plain_http_elsewhere

    key = "ak-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    said = f"Incorrect API key provided: {key[:12]}****{key[-10:]}. You can find yours at ..."
    assert _one_line(said, key) == (
        "Incorrect API key provided: <key>****<key>. You can find yours at ..."
    )
    assert plain_http_elsewhere("http://10.0.0.5:8000/v1")
    assert not plain_http_elsewhere("http://127.0.0.1:8000/v1")
    assert not plain_http_elsewhere("http://localhost/v1")
    assert not plain_http_elsewhere("https://api.example.com/v1")


def test_a_file_that_takes_too_long_is_skipped_and_the_run_goes_on(tmp_path, monkeypatch):
    import time

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(CLIENT)
    invoke("scan", "a.py", "-p", "qwen")  # the rules are imported once, before the clock runs
    monkeypatch.setattr(engine, "FILE_SECONDS", 1.0)
    (tmp_path / "slow.py").write_text(CLIENT + "# slow\n")
    real = engine.FileScanner.reported

    def reported(self, kind, name, text, *args, **kwargs):
        if "# slow" in text:
            time.sleep(5)
        return real(self, kind, name, text, *args, **kwargs)

    monkeypatch.setattr(engine.FileScanner, "reported", reported)
    data = json.loads(invoke("scan", ".", "-p", "qwen", "--format", "json").stdout)
    assert data["errors"] == [
        {"path": "slow.py", "message": "skipped: still being read after 1 s; left as it was"}
    ]
    assert [f["path"] for f in data["findings"] if f["rule"] == "ML001"] == ["a.py"]


def test_a_file_over_the_memory_budget_is_skipped_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(CLIENT)
    # 3,000 calls: about 50,000 nodes, 200 MiB by the estimate, over a budget of 64 MiB
    (tmp_path / "big.py").write_text(CLIENT + "print(1, 2, 3)\n" * 3000)
    monkeypatch.setattr(engine, "FILE_MEMORY", 64 * 2**20)
    data = json.loads(invoke("scan", ".", "-p", "qwen", "--format", "json").stdout)
    [error] = data["errors"]
    assert error["path"] == "big.py"
    assert re.fullmatch(
        r"skipped: reading it would take about 0\.\d GiB of memory, over the 0\.0625 GiB "
        r"allowed for one file; left as it was",
        error["message"],
    ), error["message"]
    assert [f["path"] for f in data["findings"] if f["rule"] == "ML001"] == ["a.py"]
    before = (tmp_path / "big.py").read_bytes()
    result = invoke("apply", ".", "-p", "qwen", "--yes")
    assert "big.py" in result.stderr
    assert (tmp_path / "big.py").read_bytes() == before


def test_a_module_parsed_in_pieces_is_estimated_at_half_the_memory(tmp_path, monkeypatch):
    from migrate_llm.rules import module_pieces

    monkeypatch.chdir(tmp_path)
    calls = "".join(f"x{n} = print(1, 2, 3)\n" for n in range(3000))
    # the same statements at the top level (cut into pieces) and inside one function (not)
    (tmp_path / "flat.py").write_text(CLIENT + calls)
    (tmp_path / "nested.py").write_text(CLIENT + "def f():\n" + calls.replace("x", "    x"))
    monkeypatch.setattr(module_pieces, "PIECE_LINES", 500)
    # 27,000 nodes: 105 MiB at 4 KiB a node, 53 MiB at 2 KiB
    monkeypatch.setattr(engine, "FILE_MEMORY", 80 * 2**20)
    data = json.loads(invoke("scan", ".", "-p", "qwen", "--format", "json").stdout)
    assert [e["path"] for e in data["errors"]] == ["nested.py"]
    assert "GiB of memory" in data["errors"][0]["message"]
    assert [f["path"] for f in data["findings"] if f["rule"] == "ML001"] == ["flat.py"]


def _bar_output(events, slow_after):
    """What progress_bar writes to a terminal for `events`: (done, total, current, pause)."""
    import io
    import time

    from rich.console import Console

    from migrate_llm.report import progress_bar

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with progress_bar(True, slow_after=slow_after, console=console) as update:
        for done, total, current, pause in events:
            update(done, total, current)
            deadline = time.monotonic() + pause
            while time.monotonic() < deadline and "reading" not in out.getvalue():
                time.sleep(0.02)
    return out.getvalue()


def test_progress_names_a_slow_file_even_in_a_small_scan():
    shown = _bar_output([(0, 3, "a.py", 0), (1, 3, None, 0), (1, 3, "big\x1b.py", 10)], 0.05)
    assert "reading big\\x1b.py" in shown
    assert "\x1b.py" not in shown  # the file name's own escape is not sent to the terminal


def test_no_progress_for_a_small_scan_that_moves():
    shown = _bar_output([(0, 2, "a.py", 0), (1, 2, None, 0), (1, 2, "b.py", 0), (2, 2, None, 0)], 5)
    assert shown == ""
