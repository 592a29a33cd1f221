"""A model passed to the module's own function whose parameter a test reads (t62a: FastChat's
embedding test, `embed(word, "text-embedding-ada-002")` into `if "ada" in model:`, the OpenAI
client in that branch, its local server otherwise). Renamed at the call, the mapped model
failed the test and went to the local server: ML204 leaves it (manual) beside ML205's
warning on the test. A comparison ML205 widens keeps the branch, so the rename stands.
"""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app as app_cli
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

EMBED = (
    "import requests\n"
    "from openai import OpenAI\n\n"
    "client = OpenAI()\n\n\n"
    'def embed(word, model="local-model"):\n'
    "    if {test}:\n"
    "        return client.embeddings.create(model=model, input=word).data[0].embedding\n"
    '    url = "http://localhost:8000/v1/embeddings"\n'
    '    return requests.post(url, json={{"model": model, "input": word}}).json()\n\n\n'
    'if __name__ == "__main__":\n'
    '    print(embed("hello", "text-embedding-ada-002"))\n'
)
SUBSTRING = EMBED.format(test='"ada" in model')


def test_a_rename_the_substring_test_would_fail_is_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = tmp_path / "emb.py"
    app.write_text(SUBSTRING, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app_cli, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
    after = app.read_text(encoding="utf-8")
    assert 'print(embed("hello", "text-embedding-ada-002"))' in after
    assert 'if "ada" in model:' in after
    checked = runner.invoke(app_cli, ["check", "-p", "zhipu"])
    assert checked.exit_code == 1
    rows = [line for line in checked.stdout.splitlines() if " ML204 " in line or " ML205 " in line]
    assert rows == [
        "emb.py:13:8 ML205 'ada' in ... is an OpenAI model-family check: what apply maps "
        "OpenAI's 'ada' models to ('embedding-3') never matches it, so the program's 'ada' "
        "models fail it once mapped; make it accept Zhipu AI (GLM)'s models by hand",
        "emb.py:20:26 ML204 argument 2 of embed() = 'text-embedding-ada-002' (sent as model= "
        "on line 14) maps to 'embedding-3' on Zhipu AI (GLM), but apply leaves it: passed to "
        'embed() as model on line 20, where "ada" in model on line 13 tests it, which '
        "'text-embedding-ada-002' passes and 'embedding-3' does not, so the program would "
        "take another branch; change the test and the model together, by hand",
    ]


def test_a_comparison_ml205_widens_keeps_the_rename(registry):
    text = EMBED.format(test='model == "text-embedding-ada-002"')
    ctx = RuleContext(registry, registry.get("zhipu"))
    found = check_python(text, ctx, PYTHON_RULES)
    assert [(f.rule, f.fix.value) for f in found if f.rule in ("ML204", "ML205")] == [
        ("ML205", "review"),
        ("ML204", "review"),
    ]
    after, _ = migrate_text(text, "python", "emb.py", found)
    assert 'if model in ("text-embedding-ada-002", "embedding-3"):' in after
    assert 'print(embed("hello", "embedding-3"))' in after
