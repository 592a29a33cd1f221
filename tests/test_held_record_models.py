"""ML503 leaves the models of a settings record whose endpoint stays on OpenAI (t62f: apply had
rewritten a backend's `models:` list to qwen-plus while ML502 and ML505 left its api_base and
key on OpenAI, so the record sent Qwen models to api.openai.com). A list of models in the
record, the record's endpoint in a mapping of its own (`config:`), and a default elsewhere
naming one of its models, stay with the endpoint and the key, as ML205 says of a list in
code."""

from __future__ import annotations

import json

import pytest

from .cli_findings import cli as invoke
from .cli_findings import write

KEY = "sk-proj-" + "EXAMPLEKEYabcdefghijklmnopqrstuvwxyz0123456789"
APP = 'import yaml\n\ncfg = yaml.safe_load(open("settings.yaml", encoding="utf-8"))\n'
FLAT = f"""\
backend:
  api_key: "{KEY}"
  api_base: "https://api.openai.com/v1"
  models:
    - "gpt-4o-mini"
"""
NESTED = f"""\
backends:
  - name: "main"
    config:
      api_key: "{KEY}"
      api_base: "https://api.openai.com/v1"
    models:
      - "gpt-4o-mini"
default_model: gpt-4o-mini
"""
HEAD = "gpt-4o-mini is an OpenAI model; it maps to qwen-plus on Alibaba Qwen (DashScope / Model "
HEAD += "Studio), but "
TAIL = ": change it with the base URL and the key, by hand"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FLAT, [(5, "the OpenAI base URL beside it stays (see ML502)")]),
        (
            NESTED,
            [
                (7, "the endpoint of its record (backends.0.config) stays OpenAI's (see ML502)"),
                (
                    8,
                    "it names a model backends.0.models lists, whose record stays on OpenAI "
                    "(see ML502): mapped alone, it names a model no record lists",
                ),
            ],
        ),
    ],
    ids=["flat", "nested"],
)
def test_the_models_of_a_record_left_on_openai_stay(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": APP, "settings.yaml": text})
    scanned = json.loads(invoke("scan", ".", "-p", "qwen", "-f", "json").stdout)["findings"]
    assert [
        (f["line"], f["severity"], f["fix"], f["message"]) for f in scanned if f["rule"] == "ML503"
    ] == [(line, "warning", "manual", HEAD + why + TAIL) for line, why in expected]
    assert invoke("apply", ".", "-p", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "settings.yaml").read_bytes() == text.encode()
    checked = invoke("check", ".", "-p", "qwen", "-f", "json")
    assert checked.exit_code == 1
    assert sorted({f["rule"] for f in json.loads(checked.stdout)["findings"]}) == [
        "ML502",
        "ML503",
        "ML505",
    ]


def test_a_record_whose_url_apply_moves_has_its_models_mapped(tmp_path, monkeypatch):
    """No key beside OpenAI's URL: ML502 points it at the provider, and the models go with it."""
    monkeypatch.chdir(tmp_path)
    text = NESTED.replace(f'      api_key: "{KEY}"\n', "")
    write(tmp_path, {"app.py": APP, "settings.yaml": text})
    assert invoke("apply", ".", "-p", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "settings.yaml").read_text() == (
        "backends:\n"
        '  - name: "main"\n'
        "    config:\n"
        '      api_base: "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "    models:\n"
        '      - "qwen-plus"\n'
        "default_model: qwen-plus\n"
    )
