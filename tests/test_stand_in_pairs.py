"""A stand-in key that test code writes in OpenAI's key variable moves with what it is used
with, or stays with it. Beside a write of OpenAI's base-URL variable (which apply leaves) it
stays: RD-Agent's test of its local proxy through litellm's `openai/` route reads both
variables, and the renamed key failed it with "Missing credentials" (t67b). A test of another
module removing that variable is renamed with a stand-in ML404 renames: quivr's conftest.py
sets it for every test and a test deletes it, which raised KeyError after apply (t67c)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
PROXY_TEST = (
    '"""Smoke test against a local proxy."""\n'
    "import os\n\n"
    'os.environ["OPENAI_API_KEY"] = "sk-1234"\n'
    'os.environ["OPENAI_API_BASE"] = os.environ.get("PROXY_URL", "http://localhost:4000")\n\n'
    "from litellm import completion\n\n\n"
    "def test_proxy():\n"
    '    r = completion(model="openai/my-proxy-model", messages=[{"role": "user", "content": "hi"}])\n'
    "    assert r.choices[0].message.content\n\n\n"
    "def test_no_key():\n"
    '    del os.environ["OPENAI_API_KEY"]\n'
)
CONFTEST = (
    "import os\n\nimport pytest\n\n\n"
    "@pytest.fixture(autouse=True)\n"
    "def api_key():\n"
    '    os.environ["OPENAI_API_KEY"] = "this-is-a-test-key"\n'
)
REMOVALS = (
    "import os\n\n\n"
    "def test_del():\n"
    '    del os.environ["OPENAI_API_KEY"]\n'
    '    assert os.environ.get("OTHER") is None\n\n\n'
    "def test_pop():\n"
    '    os.environ.pop("OPENAI_API_KEY")\n'
)
APP = "from openai import OpenAI\n\nclient = OpenAI()\n"


def run(tmp_path, monkeypatch, *args: str):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, [*args, ".", *ACME])


def findings(tmp_path, monkeypatch) -> list[tuple[str, int, str, str, str]]:
    done = run(tmp_path, monkeypatch, "scan", "--format", "json")
    assert done.exit_code == 0, done.output
    return [
        (f["path"], f["line"], f["rule"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] in ("ML401", "ML404")
    ]


def write(tmp_path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(text.encode())


def test_a_stand_in_beside_a_base_url_write_stays_with_it(tmp_path, monkeypatch):
    write(tmp_path, {"tests/test_proxy.py": PROXY_TEST})
    assert findings(tmp_path, monkeypatch) == [
        (
            "tests/test_proxy.py",
            4,
            "ML404",
            "manual",
            "sets OPENAI_API_KEY to a stand-in key in test code beside the URL the module "
            "writes in OPENAI_API_BASE (line 5), which apply leaves: the module's litellm calls "
            "on the openai/ route, which apply leaves too, read both, so the key is left with "
            "it; move them to ACME_API_KEY and ACME_BASE_URL together, by hand",
        ),
        (
            "tests/test_proxy.py",
            5,
            "ML404",
            "manual",
            "sets OPENAI_API_BASE: the value is not copied to ACME_BASE_URL (default "
            "https://api.acme.example/v1); set ACME_BASE_URL yourself if this URL is meant for "
            "Acme Cloud",
        ),
        (
            "tests/test_proxy.py",
            16,
            "ML401",
            "none",
            "removes OPENAI_API_KEY from the environment; left as it is (renamed, it would "
            "remove Acme Cloud's variable)",
        ),
    ]
    done = run(tmp_path, monkeypatch, "apply", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "tests/test_proxy.py").read_bytes() == PROXY_TEST.encode()
    assert run(tmp_path, monkeypatch, "check").exit_code == 1


def test_a_stand_in_moves_where_apply_moves_the_litellm_calls(tmp_path, monkeypatch):
    # an OpenAI model on the openai/ route: apply points the call at the provider's variables
    write(tmp_path, {"tests/test_proxy.py": PROXY_TEST.replace("my-proxy-model", "gpt-4o")})
    found = [f for f in findings(tmp_path, monkeypatch) if f[2] == "ML404"]
    assert found[0] == (
        "tests/test_proxy.py",
        4,
        "ML404",
        "review",
        "sets OPENAI_API_KEY to a stand-in key in test code: it goes to ACME_API_KEY, which "
        "the clients apply moves to Acme Cloud read (no key is copied)",
    )


def test_a_removal_in_another_test_module_moves_with_the_stand_in(tmp_path, monkeypatch):
    write(tmp_path, {"app.py": APP, "tests/conftest.py": CONFTEST, "tests/test_env.py": REMOVALS})
    said = (
        "removes OPENAI_API_KEY, which the project's tests set to a stand-in key "
        "(tests/conftest.py:8) that apply renames: renamed with it to ACME_API_KEY"
    )
    assert [f for f in findings(tmp_path, monkeypatch) if f[0] == "tests/test_env.py"] == [
        ("tests/test_env.py", 5, "ML401", "review", said),
        ("tests/test_env.py", 10, "ML401", "review", said),
    ]
    done = run(tmp_path, monkeypatch, "apply", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.output
    assert (
        (tmp_path / "tests/conftest.py")
        .read_text()
        .endswith('    os.environ["ACME_API_KEY"] = "this-is-a-test-key"\n')
    )
    assert (tmp_path / "tests/test_env.py").read_bytes() == REMOVALS.replace(
        "OPENAI_API_KEY", "ACME_API_KEY"
    ).encode()
    assert run(tmp_path, monkeypatch, "check").exit_code == 0
    # the migrated tests pass with no OpenAI variable set (before: KeyError: 'OPENAI_API_KEY')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ACME_"))}
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests/test_env.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert tests.returncode == 0, tests.stdout


def test_a_removal_is_left_where_the_tests_rename_one_stand_in_and_keep_another(
    tmp_path, monkeypatch
):
    write(
        tmp_path,
        {
            "app.py": APP,
            "tests/conftest.py": CONFTEST,
            "tests/test_proxy.py": PROXY_TEST.split("\n\n\ndef test_no_key")[0] + "\n",
            "tests/test_env.py": REMOVALS,
        },
    )
    said = (
        "removes OPENAI_API_KEY, which the project's tests set to a stand-in key that apply "
        "renames to ACME_API_KEY (tests/conftest.py:8) and to one it leaves "
        "(tests/test_proxy.py:4): left as it is, it raises KeyError where the renamed one "
        "ran; make those writes and this removal name one variable, by hand"
    )
    assert [f for f in findings(tmp_path, monkeypatch) if f[0] == "tests/test_env.py"] == [
        ("tests/test_env.py", 5, "ML401", "manual", said),
        ("tests/test_env.py", 10, "ML401", "manual", said),
    ]
    done = run(tmp_path, monkeypatch, "apply", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "tests/test_env.py").read_bytes() == REMOVALS.encode()
    assert run(tmp_path, monkeypatch, "check").exit_code == 1


def test_a_removal_stays_where_no_test_writes_a_stand_in(tmp_path, monkeypatch):
    write(tmp_path, {"app.py": APP, "tests/test_env.py": REMOVALS})
    note = (
        "removes OPENAI_API_KEY from the environment; left as it is (renamed, it would remove "
        "Acme Cloud's variable)"
    )
    assert [f for f in findings(tmp_path, monkeypatch) if f[0] == "tests/test_env.py"] == [
        ("tests/test_env.py", 5, "ML401", "none", note),
        ("tests/test_env.py", 10, "ML401", "none", note),
    ]
    # nor one outside test code
    tool = REMOVALS.replace("def test_del", "def reset").replace("def test_pop", "def clear")
    write(tmp_path, {"tests/conftest.py": CONFTEST, "tests/test_env.py": "", "tool.py": tool})
    assert [f for f in findings(tmp_path, monkeypatch) if f[0] == "tool.py"] == [
        ("tool.py", 5, "ML401", "none", note),
        ("tool.py", 10, "ML401", "none", note),
    ]
