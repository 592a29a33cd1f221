"""ML114 on a module keeping the vectors it embedded in a file it reads back (t62e): the
warning scan gives stays in `check` after apply maps the model, until a person records that
the vectors were rebuilt."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json

MEMORY = (
    "import json\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    'def embed(text, model="text-embedding-ada-002"):\n'
    "    return client.embeddings.create(input=[text], model=model).data[0].embedding\n\n\n"
    "def recall(query):\n"
    '    stored = json.load(open("vectors.json"))\n'
    "    return embed(query), stored\n"
)


def _check(*extra: str) -> tuple[int, list[tuple[str, str, int, str]]]:
    code, report = run_json("check", ".", "--provider", "zhipu", *extra)
    return code, finding_rows(report, "rule", "severity", "line", "message")


def test_kept_vectors_keep_check_red_after_apply_until_recorded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app_file = tmp_path / "memory.py"
    app_file.write_text(MEMORY)
    code, found = _check()
    assert code == 1
    assert [f[:3] for f in found if f[0] == "ML114"] == [("ML114", "warning", 9)]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    applied = app_file.read_text()
    assert 'model="embedding-3"' in applied
    line = applied.splitlines().index(
        "    return client.embeddings.create(input=[text], model=model).data[0].embedding"
    )
    named = next(i for i, t in enumerate(applied.splitlines(), 1) if "vectors.json" in t)
    assert _check("--fail-on", "warning") == (
        1,
        [
            (
                "ML114",
                "warning",
                line + 1,
                "vectors from embedding-3 (2048 dimensions) are not comparable with the OpenAI "
                f'vectors this module keeps in "vectors.json" (named on line {named}): re-embed what '
                "it holds, then record that with `# migrate-llm: ignore[ML114]` at the end of "
                "this line",
            )
        ],
    )
    lines = applied.splitlines(keepends=True)
    lines[line] = lines[line].rstrip("\n") + "  # migrate-llm: ignore[ML114]\n"
    app_file.write_text("".join(lines))
    assert _check("--fail-on", "note") == (0, [])


def test_a_module_naming_no_vector_file_is_only_noted_after_apply(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "memory.py").write_text(MEMORY.replace("vectors.json", "notes.json"))
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert _check() == (0, [])  # a note: not shown at the default --fail-on
    code, found = _check("--fail-on", "note")
    assert (code, [f[:2] for f in found]) == (1, [("ML114", "note")])
