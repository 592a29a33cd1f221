"""The Python script a YAML file's shell step writes or runs through a heredoc is read by the
Python rules where it stands (t52a: OpenManus's pr-autodiff workflow, its `env:` block renamed
to MOONSHOT_* as ML501 asks, still read OPENAI_* and asked for o3-mini in the script, and check
was green); apply leaves it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.heredoc_scripts import heredoc_scripts

WORKFLOW = """name: review
on: [pull_request]
jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - name: Create and run Python script
        env:
          MOONSHOT_API_KEY: ${{ secrets.MOONSHOT_API_KEY }}
        run: |-
          cat << 'EOF' > /tmp/review.py
          import os
          from openai import OpenAI

          client = OpenAI(
              base_url=os.getenv("OPENAI_BASE_URL"),
              api_key=os.getenv("OPENAI_API_KEY")
          )
          print(client.chat.completions.create(model="o3-mini", messages=[]))
          EOF

          python /tmp/review.py
"""
LEFT = " (in the Python script of the heredoc on line 11: apply leaves it, change it by hand)"


def checked(tmp_path: Path, text: str) -> tuple[int, list[tuple[int, int, str, str, str]]]:
    path = tmp_path / ".github" / "workflows" / "review.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "-p", "moonshot", "--format", "json", "--no-cache"]
    )
    findings = json.loads(result.stdout)["findings"]
    return result.exit_code, [
        (f["line"], f["column"], f["rule"], f["fix"], f["message"]) for f in findings
    ]


def test_the_script_a_workflow_writes_is_read_where_it_stands(tmp_path):
    code, found = checked(tmp_path, WORKFLOW)
    assert code == 1
    assert [row[:4] for row in found] == [
        (15, 20, "ML001", "manual"),
        (16, 24, "ML401", "manual"),
        (17, 23, "ML401", "manual"),
        (19, 54, "ML201", "manual"),
    ]
    assert found[1][4] == (
        "reads OPENAI_BASE_URL; Moonshot AI (Kimi)'s base URL is in MOONSHOT_BASE_URL (default "
        "https://api.moonshot.cn/v1)" + LEFT
    )
    assert found[3][4] == "model 'o3-mini' maps to 'kimi-k3' on Moonshot AI (Kimi)" + LEFT
    lines = WORKFLOW.splitlines()
    assert lines[15][23:].startswith("os.getenv") and lines[18][53:].startswith('"o3-mini"')


def test_apply_leaves_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    checked(tmp_path, WORKFLOW)
    diff = CliRunner().invoke(app, ["apply", ".", "-p", "moonshot", "--diff", "--no-cache"])
    assert diff.stdout == ""


def test_a_script_fed_to_python_and_a_suppression_in_it(tmp_path):
    text = (
        "jobs:\n  a:\n    steps:\n      - run: |\n          python3 - <<PY\n"
        "          import os\n"
        '          key = os.environ["OPENAI_API_KEY"]\n'
        '          url = os.environ["OPENAI_BASE_URL"]  # migrate-llm: ignore[ML401]\n'
        "          PY\n"
    )
    assert [row[:3] for row in checked(tmp_path, text)[1]] == [(7, 17, "ML401")]


def test_what_is_not_a_python_heredoc_of_a_literal_block_is_not_read(tmp_path):
    script = 'import os\nkey = os.environ["OPENAI_API_KEY"]\n'
    body = "".join(f"          {line}\n" for line in script.splitlines())
    json_file = (
        f"jobs:\n  a:\n    run: |\n          cat <<EOF > settings.json\n{body}          EOF\n"
    )
    folded = f"jobs:\n  a:\n    run: >\n          python - <<EOF\n{body}          EOF\n"
    for text in (json_file, folded):
        doc = ConfigDocument.read("ci.yaml", "yaml", text)
        assert list(heredoc_scripts(doc)) == []


def test_a_heredoc_with_tabs_stripped_ends_at_its_word(registry):
    text = "run: |\n  python <<-END\n  \tprint(1)\n  \tEND\n  echo done\n"
    (script,) = heredoc_scripts(ConfigDocument.read("ci.yaml", "yaml", text))
    assert (script.text, script.first_line, script.indent) == ("\tprint(1)\n", 3, 2)
