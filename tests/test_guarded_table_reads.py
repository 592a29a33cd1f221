"""A table keyed by OpenAI model whose every read cannot raise KeyError (`table_guards`) does
not keep a model setting on OpenAI's model (t58a, MetaGPT: 21 findings said
"TOKEN_COSTS[model] raises KeyError", and apply left config2.yaml's gpt-4-turbo).

MetaGPT's `CostManager` binds the table as a class attribute and looks a model up only after
`if model not in self.token_costs: return`; other modules read `TOKEN_MAX.get(model, default)`
or test `model in TOKEN_MAX`. An unguarded lookup (in a method, or in a module importing the
table through a package that re-exports it) still leaves the setting, as before."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

COSTS = """TOKEN_COSTS = {"gpt-4-turbo": {"prompt": 0.01, "completion": 0.03}}


class CostManager:
    token_costs: dict = TOKEN_COSTS

    def update_cost(self, tokens: int, model: str) -> float:
        if model not in self.token_costs:
            return 0.0
        return self.token_costs[model]["prompt"] * tokens / 1000
"""
UNGUARDED = COSTS.replace("        if model not in self.token_costs:\n            return 0.0\n", "")
# a test that guards nothing: the lookup runs for every model
LOGGED = COSTS.replace("not in", "in").replace("return 0.0", "print(model)")

CONFIG = 'llm:\n  model: "gpt-4-turbo"\n  base_url: "https://open.bigmodel.cn/api/paas/v4"\n'
MAPPED = CONFIG.replace("gpt-4-turbo", "glm-4-air-250414")

TOKENS = 'TOKEN_MAX = {"gpt-4-turbo": 128000, "gpt-3.5-turbo": 16385}\n'
EXPORTS = 'from .tokens import TOKEN_MAX\n\n__all__ = ["TOKEN_MAX"]\n'
LIMITS = """from pkg.tokens import TOKEN_MAX


def context_window(model: str) -> int:
    return TOKEN_MAX.get(model, 4096)


def known(model: str) -> bool:
    return model in TOKEN_MAX
"""
BUDGET = """from pkg import TOKEN_MAX


def budget(model: str) -> int:
    return TOKEN_MAX[model] - 1000
"""


def _model_findings(tmp_path, monkeypatch, files: dict[str, str]) -> list[tuple]:
    for name, text in {**files, "config.yaml": CONFIG}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["scan", ".", "--provider", "zhipu", "--format", "json", "--no-cache"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    return [
        (f["path"], f["line"], f["column"], f["severity"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] == "ML503"
    ]


def _applied(tmp_path) -> str:
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    return (tmp_path / "config.yaml").read_text(encoding="utf-8")


def _left(table: str, place: str) -> str:
    return (
        "gpt-4-turbo is an OpenAI model; it maps to glm-4-air-250414 on Zhipu AI (GLM), but "
        f"apply leaves it: 'gpt-4-turbo' is a key of {table} ({place}), which has no entry for "
        f"'glm-4-air-250414': where the program looks a model up there, {table}[model] raises "
        "KeyError for it; add one there, then change this value, by hand"
    )


MAPS = "gpt-4-turbo is an OpenAI model; it maps to glm-4-air-250414 on Zhipu AI (GLM)"


def test_a_lookup_a_method_guards_with_in_maps_the_model(tmp_path, monkeypatch):
    found = _model_findings(tmp_path, monkeypatch, {"costs.py": COSTS})
    assert found == [("config.yaml", 2, 10, "warning", "review", MAPS)]
    assert _applied(tmp_path) == MAPPED
    assert (tmp_path / "costs.py").read_text(encoding="utf-8") == COSTS


@pytest.mark.parametrize("costs", [UNGUARDED, LOGGED], ids=["unguarded", "logged"])
def test_an_unguarded_lookup_in_a_method_leaves_the_model(tmp_path, monkeypatch, costs):
    found = _model_findings(tmp_path, monkeypatch, {"costs.py": costs})
    assert found == [
        (
            "config.yaml",
            2,
            10,
            "warning",
            "manual",
            _left("TOKEN_COSTS", "line 1 of costs.py"),
        )
    ]
    assert _applied(tmp_path) == CONFIG


def test_modules_reading_the_table_with_get_and_in_map_the_model(tmp_path, monkeypatch):
    files = {"pkg/tokens.py": TOKENS, "pkg/__init__.py": EXPORTS, "pkg/limits.py": LIMITS}
    found = _model_findings(tmp_path, monkeypatch, files)
    assert found == [("config.yaml", 2, 10, "warning", "review", MAPS)]
    assert _applied(tmp_path) == MAPPED


def test_an_unguarded_lookup_through_a_re_export_leaves_the_model(tmp_path, monkeypatch):
    files = {
        "pkg/tokens.py": TOKENS,
        "pkg/__init__.py": EXPORTS,
        "pkg/limits.py": LIMITS,
        "pkg/budget.py": BUDGET,
    }
    found = _model_findings(tmp_path, monkeypatch, files)
    assert found == [
        (
            "config.yaml",
            2,
            10,
            "warning",
            "manual",
            _left("TOKEN_MAX", "line 1 of pkg/tokens.py"),
        )
    ]
    assert _applied(tmp_path) == CONFIG


def test_a_lookup_through_the_module_imported_whole_leaves_the_model(tmp_path, monkeypatch):
    """`from pkg import tokens as tk`, then `tk.TOKEN_MAX[model]`: a read the guards do not
    follow, so the table stays open."""
    use = "from pkg import tokens as tk\n\n\ndef budget(model):\n    return tk.TOKEN_MAX[model]\n"
    files = {"pkg/tokens.py": TOKENS, "pkg/__init__.py": "", "pkg/use.py": use}
    found = _model_findings(tmp_path, monkeypatch, files)
    assert found == [
        (
            "config.yaml",
            2,
            10,
            "warning",
            "manual",
            _left("TOKEN_MAX", "line 1 of pkg/tokens.py"),
        )
    ]
