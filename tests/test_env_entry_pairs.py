"""OpenAI's key and base URL stored side by side in a child's environment (ML401, t67b).

RD-Agent fills `env["OPENAI_API_KEY"]` and `env["OPENAI_BASE_URL"]` from OpenAI's variables
for a child process running the openai SDK. apply left the key read (the name is also the
entry's) but pointed the base read at the provider with the provider's URL as its default,
inside the walrus test: the child then always got the provider's URL beside OpenAI's key.
The base read now stays with the key beside it, and the advice on the entries is to keep
their names and fill them from the provider's variables. Exact bytes after apply and findings.
"""

from __future__ import annotations

from .cli_findings import cli, finding_rows, run_json, write_here

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
CHILD_ENV = """\
import os


def child_env() -> dict[str, str]:
    env = {"PYTHONPATH": "./"}
    if api_key := os.getenv("OPENAI_API_KEY"):
        env["OPENAI_API_KEY"] = api_key
    if api_base := os.getenv("OPENAI_API_BASE"):
        env["OPENAI_BASE_URL"] = api_base
    return env
"""
FILL = (
    "(an environment for a child process, whose openai SDK reads them by these names): keep "
    "the entries' names"
)


def test_a_base_stored_beside_a_key_left_openais_is_left(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"child.py": CHILD_ENV})
    code, report = run_json("scan", ".", "-p", "qwen")
    assert code == 0
    rows = finding_rows(report, "line", "fix", "message", rules={"ML401"})
    assert rows == [
        (
            6,
            "manual",
            "reads OPENAI_API_KEY; not switched: the module also stores it as "
            '`env["OPENAI_API_KEY"]` on line 7, an entry of a mapping that also gets OpenAI\'s '
            f"base URL {FILL} and fill them from DASHSCOPE_API_KEY and DASHSCOPE_BASE_URL "
            "together, by hand",
        ),
        (
            7,
            "manual",
            "names OPENAI_API_KEY as an entry of a mapping that also gets OpenAI's base URL "
            f"{FILL}, and fill them from DASHSCOPE_API_KEY and DASHSCOPE_BASE_URL together, "
            "by hand",
        ),
        (
            8,
            "manual",
            'reads OPENAI_API_BASE; not switched: it is stored as `env["OPENAI_BASE_URL"]` on '
            "line 9, beside an entry of the same mapping for OpenAI's key, whose value (from "
            "OPENAI_API_KEY) apply leaves OpenAI's: what reads the two together (a child "
            "process's openai SDK given the mapping as its environment) would send that key to "
            f"{QWEN}; keep both, or fill both entries from {QWEN}'s variables "
            "(DASHSCOPE_API_KEY and DASHSCOPE_BASE_URL) under the names they have, by hand",
        ),
        (
            9,
            "manual",
            "names OPENAI_BASE_URL as an entry of a mapping that also gets OpenAI's key "
            f"{FILL}, and fill them from DASHSCOPE_API_KEY and DASHSCOPE_BASE_URL together, "
            "by hand",
        ),
    ]
    done = cli("apply", ".", "-p", "qwen", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "child.py").read_bytes() == CHILD_ENV.encode()
    assert cli("check", ".", "-p", "qwen").exit_code == 1


def test_a_base_stored_with_no_key_beside_it_is_switched(tmp_path, monkeypatch):
    """No key entry in the mapping: the base read gets the provider's variable and URL as
    before (a test of it then always true, as the README says)."""
    source = CHILD_ENV.replace(
        '    if api_key := os.getenv("OPENAI_API_KEY"):\n        env["OPENAI_API_KEY"] = api_key\n',
        "",
    )
    write_here(tmp_path, monkeypatch, {"child.py": source})
    done = cli("apply", ".", "-p", "qwen", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "child.py").read_text() == source.replace(
        '    if api_base := os.getenv("OPENAI_API_BASE"):\n',
        "    if api_base := os.getenv(\n"
        '        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "    ):\n",
    )


def test_a_base_read_stored_twice_cites_its_own_entry_as_beside_a_key(tmp_path, monkeypatch):
    """Review r2 t6: the reason given a base read named OpenAI's "base URL" as the other
    entry and cited the first such entry of the module, not the one the read fills."""
    source = (
        "import os\nimport subprocess\n\n\n"
        "def run():\n"
        "    env = {}\n"
        '    env["OPENAI_API_KEY"] = os.getenv("OPENAI_API_KEY")\n'
        '    env["OPENAI_BASE_URL"] = os.getenv("OPENAI_BASE_URL")\n'
        '    subprocess.run(["python", "child.py"], env=env)\n\n\n'
        "def run2():\n"
        "    env = {}\n"
        '    env["OPENAI_API_KEY"] = os.getenv("DASHSCOPE_API_KEY")\n'
        '    env["OPENAI_BASE_URL"] = os.getenv("OPENAI_BASE_URL")\n'
        '    subprocess.run(["python", "child.py"], env=env)\n'
    )
    write_here(tmp_path, monkeypatch, {"a.py": source})
    code, report = run_json("scan", ".", "-p", "qwen")
    assert code == 0
    rows = finding_rows(report, "line", "message", rules={"ML401"})
    said = [m for line, m in rows if line == 15 and m.startswith("reads OPENAI_BASE_URL")]
    assert said == [
        "reads OPENAI_BASE_URL; not switched: the module also stores it as "
        '`env["OPENAI_BASE_URL"]` on line 15, an entry of a mapping that also gets '
        "OpenAI's key (an environment for a child process, whose openai SDK reads them by these names): keep the entries' names and "
        "fill them from DASHSCOPE_API_KEY and DASHSCOPE_BASE_URL together, by hand"
    ]
