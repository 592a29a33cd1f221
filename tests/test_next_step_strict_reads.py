"""apply's "Next:" line says what each kind of key read it wrote does while the provider's
variable is unset: one with the placeholder "unset" (a client built at import) sends it and
gets 401, one written `os.environ["VAR"]` stops the program with KeyError (t62d: the line
spoke of the placeholder alone where most reads were `os.environ[...]`)."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.report import _written_lines

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
APP = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "def make():\n    return OpenAI()\n\n\n"
    "def other():\n    return OpenAI()\n"
)
PLACEHOLDER = (
    "Next: export ACME_API_KEY=<your Acme Cloud key> (the OpenAI key does not work there). "
    'Until it is set, the key read apply wrote with the placeholder "unset" (app.py:6) sends '
    "that placeholder: a 401 from Acme Cloud means the variable is not set."
)
BASE = (
    " ACME_BASE_URL overrides the base URL https://api.acme.example/v1 (a proxy, a region, a "
    "test server)."
)


def applied(tmp_path, monkeypatch, text: str) -> tuple[str, str]:
    """(the last line `apply --yes` prints for app.py holding `text`, app.py after it)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(text)
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    return done.stderr.splitlines()[-1], (tmp_path / "app.py").read_text()


def test_the_reads_written_as_os_environ_are_told_apart(tmp_path, monkeypatch):
    line, after = applied(tmp_path, monkeypatch, APP)
    assert [n for n, t in enumerate(after.splitlines(), 1) if "ACME_API_KEY" in t] == [6, 13, 20]
    assert after.count('api_key=os.environ["ACME_API_KEY"],') == 2
    assert line == PLACEHOLDER + (
        ' Those it wrote as os.environ["ACME_API_KEY"] (app.py:13, app.py:20) stop the program '
        "with KeyError instead." + BASE
    )
    # so they do, with the variable unset
    env = {k: v for k, v in os.environ.items() if k not in {"ACME_API_KEY", "OPENAI_API_KEY"}}
    run = "import app; print(app.client.api_key); app.make()"
    proc = subprocess.run(
        [sys.executable, "-c", run], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert proc.stdout == "unset\n"
    assert proc.stderr.splitlines()[-1] == "KeyError: 'ACME_API_KEY'"


def test_one_such_read_and_none(tmp_path, monkeypatch):
    one = APP.split("\n\n\ndef other")[0] + "\n"
    line, _ = applied(tmp_path, monkeypatch, one)
    assert line == PLACEHOLDER + (
        ' The one it wrote as os.environ["ACME_API_KEY"] (app.py:13) stops the program with '
        "KeyError instead." + BASE
    )
    line, _ = applied(tmp_path, monkeypatch, APP.split("\n\n\ndef make")[0] + "\n")
    assert line == PLACEHOLDER + BASE


def test_a_read_the_variable_is_tested_for_first_stops_nothing(tmp_path, monkeypatch):
    """t65b: lmql's openai_secret.py reads the key only `if "OPENAI_API_KEY" in os.environ`
    (then falls back to a key file): switched, that read cannot raise KeyError, and the line
    does not say it does."""
    guarded = (
        APP.split("\n\n\ndef make")[0] + "\n\n\ndef secret():\n"
        '    if "OPENAI_API_KEY" in os.environ:\n'
        '        return os.environ["OPENAI_API_KEY"]\n'
        '    return open("api.env").read()\n'
    )
    line, after = applied(tmp_path, monkeypatch, "import os\n" + guarded)
    assert '    if "ACME_API_KEY" in os.environ:\n        return os.environ["ACME_API_KEY"]\n' in (
        after
    )
    assert line == PLACEHOLDER.replace("app.py:6", "app.py:5") + BASE


def test_a_stand_in_written_in_the_tests_is_no_read(tmp_path, monkeypatch):
    """t67c: ML404 renames a test's stand-in, `os.environ["OPENAI_API_KEY"] = "..."` in
    conftest.py, into `os.environ["ACME_API_KEY"] = "..."`: an assignment, which cannot raise
    KeyError, so the line does not list it among the reads that do."""
    (tmp_path / "conftest.py").write_text(
        "import os\n\nimport pytest\n\n\n@pytest.fixture(autouse=True)\ndef api_key():\n"
        '    os.environ["OPENAI_API_KEY"] = "this-is-a-test-key"\n'
    )
    line, _ = applied(tmp_path, monkeypatch, APP.split("\n\n\ndef make")[0] + "\n")
    assert (
        (tmp_path / "conftest.py")
        .read_text()
        .endswith('    os.environ["ACME_API_KEY"] = "this-is-a-test-key"\n')
    )
    assert line == PLACEHOLDER + BASE


def test_only_lines_with_no_read_of_it_are_passed_over():
    text = (
        "import os\n"
        'os.environ["ACME_API_KEY"] = "stand-in"\n'
        'del os.environ["ACME_API_KEY"]\n'
        'os.environ["ACME_API_KEY"] = os.environ["ACME_API_KEY"].strip()\n'
        'print(os.environ["ACME_API_KEY"])\n'
        'os.environ["OTHER"] = "x"\n'
    )
    assert _written_lines(text, "ACME_API_KEY") == {2, 3}
    assert _written_lines("def (:\n", "ACME_API_KEY") == set()
