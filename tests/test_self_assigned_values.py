"""A name assigned from itself (`top_p = top_p if top_p is not None else 0.0`, TaskWeaver's
idiom) is read for its values, not followed round forever; a rule that does recurse without
end on a file is reported as an internal error of that file, not as the file's nesting."""

from __future__ import annotations

from migrate_llm.rules import compat

from .cli_findings import run_json, write_here

SELF_ASSIGNED = """\
from openai import OpenAI

client = OpenAI()


def ask(messages, top_p=None):
    top_p = top_p if top_p is not None else 0.0
    return client.chat.completions.create(model="glm-4-air-250414", messages=messages, top_p=top_p)
"""


def _scan(tmp_path, monkeypatch) -> dict:
    write_here(tmp_path, monkeypatch, {"app.py": SELF_ASSIGNED})
    code, report = run_json("scan", ".", "-p", "zhipu", "-j", "1", "--no-cache")
    assert code == 0, report
    return report


def test_the_default_branch_of_a_self_assignment_is_checked(tmp_path, monkeypatch):
    data = _scan(tmp_path, monkeypatch)
    assert data["errors"] == []
    [found] = [f for f in data["findings"] if f["rule"] == "ML111"]
    assert (found["line"], found["fix"], found["severity"]) == (8, "manual", "warning")
    assert found["message"] == (
        "top_p 0.0 (one of the values top_p may hold, line 7) is outside the range Zhipu AI "
        "(GLM) accepts, [0.01, 1.0]; use 0.01 (unconfirmed: upper bound 0.99 (the zhipuai SDK "
        "clamps) vs 1 (third-party API reference))"
    )


def test_a_rule_recursing_without_end_is_an_internal_error(tmp_path, monkeypatch):
    def forever(self, expr, members=False):
        return forever(self, expr, members)

    monkeypatch.setattr(compat._CompatRule, "held", forever)
    data = _scan(tmp_path, monkeypatch)
    assert data["findings"] == []
    assert data["errors"] == [
        {
            "path": "app.py",
            "message": "internal error (RecursionError); left as it was: please report it",
        }
    ]
