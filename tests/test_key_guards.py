"""A test that OpenAI's key is set follows the reads it guards (ML401, t66g crawl4ai).

crawl4ai's examples guard a config with `if os.getenv("OPENAI_API_KEY"):` (or stop early with
`if not os.getenv(...): return`) whose key, beside an `openai/...` model, apply leaves
OpenAI's. apply renamed the test alone: the program then asked for the provider's key to
run code that still sends OpenAI's. Exact bytes after apply and findings.
"""

from __future__ import annotations

from .cli_findings import cli, finding_rows, run_json, write_here

DOUBAO = "ByteDance Doubao (Volcengine Ark)"
GUARDED = """\
import os

from crawlkit import AdaptiveConfig


def embedding_config():
    if os.getenv("OPENAI_API_KEY"):
        return AdaptiveConfig(
            embedding_llm_config={
                "provider": "openai/text-embedding-3-small",
                "api_token": os.getenv("OPENAI_API_KEY"),
            },
        )
    return AdaptiveConfig()
"""
EARLY_EXIT = """\
import os

from crawlkit import LLMConfig


def make_config():
    return LLMConfig(provider="openai/gpt-4o-mini", api_token=os.getenv("OPENAI_API_KEY"))


def main():
    if not os.getenv("OPENAI_API_KEY"):
        print("set the key first")
        return
    print(make_config())
"""
MOVED = """\
import os

from openai import OpenAI


def main():
    if not os.getenv("OPENAI_API_KEY"):
        raise SystemExit("set the key first")
    client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))
    return client
"""


def _guard_left(read_line: int) -> str:
    return (
        f"reads OPENAI_API_KEY to test that it is set; not switched: the read of OPENAI_API_KEY "
        f"on line {read_line} stays as it is (see there), and renamed, this test would ask for "
        "ARK_API_KEY while that read needs OPENAI_API_KEY; switch both together, by hand"
    )


def _ml401() -> list[tuple]:
    code, report = run_json("scan", ".", "-p", "doubao")
    assert code == 0
    return finding_rows(report, "line", "fix", rules={"ML401"})


def test_a_guard_of_a_read_left_openais_is_left(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"embed.py": GUARDED})
    code, report = run_json("scan", ".", "-p", "doubao")
    assert code == 0
    rows = finding_rows(report, "line", "fix", "message", rules={"ML401"})
    assert [(line, fix) for line, fix, _ in rows] == [(7, "manual"), (11, "manual")]
    assert rows[0][2] == _guard_left(11)
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "embed.py").read_text() == GUARDED


def test_an_early_exit_guard_follows_the_modules_reads(tmp_path, monkeypatch):
    """`main()` reads the key nowhere but in its test: the reads it guards are the module's
    (crawl4ai's test_extract_pipeline.py)."""
    write_here(tmp_path, monkeypatch, {"pipeline.py": EARLY_EXIT})
    assert _ml401() == [(7, "manual"), (11, "manual")]
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "pipeline.py").read_text() == EARLY_EXIT


def test_a_guard_of_reads_apply_renames_is_renamed_with_them(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": MOVED})
    assert _ml401() == [(7, "safe"), (9, "safe")]
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text() == (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def main():\n"
        '    if not os.getenv("ARK_API_KEY"):\n'
        '        raise SystemExit("set the key first")\n'
        "    client = OpenAI(\n"
        "        base_url=os.environ.get(\n"
        '            "ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"\n'
        "        ),\n"
        '        api_key=os.environ["ARK_API_KEY"],\n'
        "    )\n"
        "    return client\n"
    )


def test_a_guard_in_a_module_reading_the_key_nowhere_else_is_renamed(tmp_path, monkeypatch):
    """Nothing of the module reads the key: the guard is the program's own (a server it
    calls reads the key), renamed as before."""
    source = EARLY_EXIT.replace(
        'LLMConfig(provider="openai/gpt-4o-mini", api_token=os.getenv("OPENAI_API_KEY"))',
        'LLMConfig(provider="openai/gpt-4o-mini")',
    )
    write_here(tmp_path, monkeypatch, {"pipeline.py": source})
    done = cli("apply", ".", "-p", "doubao", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "pipeline.py").read_text() == source.replace("OPENAI_API_KEY", "ARK_API_KEY")


def test_a_walrus_test_is_a_read_not_a_guard(tmp_path, monkeypatch):
    """`if not (key := os.getenv(X)):` hands the value on: judged as any read."""
    source = MOVED.replace(
        '    if not os.getenv("OPENAI_API_KEY"):',
        '    if not (key := os.getenv("OPENAI_API_KEY")):',
    ).replace('OpenAI(api_key=os.getenv("OPENAI_API_KEY"))', "OpenAI(api_key=key)")
    write_here(tmp_path, monkeypatch, {"app.py": source})
    assert _ml401() == [(7, "safe")]


def test_a_guard_follows_a_read_of_a_function_it_calls(tmp_path, monkeypatch):
    """Review r2 t6: `main()` also reads the key for its own client (renamed); the read of
    `make_config()`, which it calls, stays OpenAI's: the guard was renamed with the first."""
    source = EARLY_EXIT.replace("import os\n", "import os\n\nfrom openai import OpenAI\n").replace(
        "    print(make_config())\n",
        '    client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))\n    print(client, make_config())\n',
    )
    write_here(tmp_path, monkeypatch, {"pipeline.py": source})
    code, report = run_json("scan", ".", "-p", "doubao")
    assert code == 0
    rows = finding_rows(report, "line", "fix", "message", rules={"ML401"})
    assert (13, "manual", _guard_left(9)) in rows
    assert cli("apply", ".", "-p", "doubao", "--yes").exit_code == 0
    assert 'if not os.getenv("OPENAI_API_KEY"):' in (tmp_path / "pipeline.py").read_text()
