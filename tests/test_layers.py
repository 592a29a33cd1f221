"""Layers go one way: reading a config file imports neither libcst, the rules nor openai; nor do
`--help`, `providers` and `rules`."""

from __future__ import annotations

import subprocess
import sys

import pytest

READERS = ["dotenv", "yamldoc", "tomldoc", "jsondoc", "requirements"]


@pytest.mark.parametrize("reader", READERS)
def test_config_readers_import_no_parser_of_python(reader):
    code = (
        f"import sys, migrate_llm.formats.{reader}\n"
        "heavy = sorted(m for m in ('libcst', 'openai', 'migrate_llm.rules') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["scan", "--help"],
        ["providers"],
        ["providers", "show", "qwen"],
        ["rules"],
        ["rules", "ML001"],
    ],
)
def test_help_providers_and_rules_import_neither_libcst_nor_openai(argv):
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('HEAVY:' + ','.join(sorted("
        "m for m in ('libcst', 'openai') if m in sys.modules)) + '\\n'))\n"
        f"sys.argv = ['migrate-llm', *{argv!r}]\n"
        "from migrate_llm.cli import main\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY:\n" in proc.stderr


def test_screening_an_openai_route_imports_no_parser_of_python():
    # a forked copy of a shared walk screens such a module; loading libcst there (0.18 s of
    # CPU) was lost when the copy ended
    code = (
        "import sys\n"
        "from migrate_llm import run_facts as rf\n"
        "bits = rf.facts_of('python', b'a = \"openai:o3\"\\nb = \"openai:gpt-4o\"\\n', True, True,"
        " {'pydantic_ai'}, None, None, None)\n"
        "print(bool(bits & rf.NAMES_THINKING_ROUTE), bool(bits & rf.NAMES_PLAIN_ROUTE),"
        " 'libcst' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout == "True True False\n"
