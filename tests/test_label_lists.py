"""Which lists of a YAML, TOML or JSON file hold labels, not models (ML503, r2 t10).

A router's `order: [gpt-4o, llama3, gpt-4o-mini]` had been read as labels: `llama3` has no
hyphen and digit, so it looked like a word, ML503 said nothing, and `check` exited 0 with
gpt-4o left in it. Only a list under a key of labels (`LABEL_LIST_KEYS`: `topics`, `tags`)
or in a recorded payload (`tests/hook.json`) holds labels now. Exact findings, bytes, exits."""

from __future__ import annotations

from .cli_findings import invoke, run_json, write_here

ROUTER = "router:\n  order: [gpt-4o, llama3, gpt-4o-mini]\nchat:\n  model: gpt-4o\n"
ROUTER_AFTER = "router:\n  order: [glm-5.3, llama3, glm-4-air-250414]\nchat:\n  model: glm-5.3\n"
LABELS = "post:\n  tags: [gpt-4o, tool]\n  keywords: [gpt-4o-mini, llm]\n"
TO_GLM_5 = "it maps to glm-5.3 on Zhipu AI (GLM)"
TO_AIR = "it maps to glm-4-air-250414 on Zhipu AI (GLM)"
PAYLOAD = '{"repository": {"stack": ["python", "gpt-4o"]}}\n'


def _ml503() -> list[tuple[str, int, int, str, str]]:
    _, report = run_json("scan", ".", "--provider", "zhipu")
    return [
        (f["path"], f["line"], f["column"], f["fix"], f["message"])
        for f in report["findings"]
        if f["rule"] == "ML503"
    ]


def test_a_list_under_another_key_holds_models(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"config.yaml": ROUTER})
    assert _ml503() == [
        ("config.yaml", 2, 11, "review", f"gpt-4o is an OpenAI model; {TO_GLM_5}"),
        ("config.yaml", 2, 27, "review", f"gpt-4o-mini is an OpenAI model; {TO_AIR}"),
        ("config.yaml", 4, 10, "review", f"gpt-4o is an OpenAI model; {TO_GLM_5}"),
    ]
    assert invoke("check", ".", "--provider", "zhipu")[0] == 1
    assert invoke("apply", ".", "--provider", "zhipu", "--yes")[0] == 0
    assert (tmp_path / "config.yaml").read_bytes() == ROUTER_AFTER.encode()
    assert invoke("check", ".", "--provider", "zhipu")[0] == 0


def test_labels_and_recorded_payloads_stay(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"post.yaml": LABELS, "tests/hook.json": PAYLOAD})
    assert _ml503() == []
    assert invoke("apply", ".", "--provider", "zhipu", "--yes")[0] == 0
    assert (tmp_path / "post.yaml").read_bytes() == LABELS.encode()
    assert (tmp_path / "tests/hook.json").read_bytes() == PAYLOAD.encode()
    # the same list outside a recorded payload holds a model
    write_here(tmp_path, monkeypatch, {"stack.json": PAYLOAD})
    assert _ml503() == [("stack.json", 1, 37, "review", f"gpt-4o is an OpenAI model; {TO_GLM_5}")]
