"""Names a program shows for its models (ChuanhuChatGPT's menu: "GPT-4o-mini", "o1-mini"),
keys of a table whose entries carry the model sent (`"model_name": "o1-mini"`): apply maps the
entries' models and leaves the names, so a list of them, the table's keys and a family check
of a name looked up there are notes, not warnings that keep check red (t53b defect 7)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

PRESETS = (
    'ONLINE_MODELS = ["GPT-4o", "o1-mini"]\n\n'
    "MODEL_METADATA = {\n"
    '    "GPT-4o": {"model_name": "gpt-4o", "multimodal": True},\n'
    '    "o1-mini": {"model_name": "o1-mini"},\n'
    '    "Llama": {"repo_id": "x/llama"},\n'
    "}\n"
)
PICK = (
    "from openai import OpenAI\n\n"
    "from presets import *\n\n\n"
    "def get_type(model_name):\n"
    "    model_name_lower = model_name.lower()\n"
    '    if "gpt" in model_name_lower:\n'
    '        return MODEL_METADATA[model_name]["model_name"]\n'
    "    return None\n\n\n"
    "def ask(name, messages):\n"
    '    model = MODEL_METADATA[name]["model_name"]\n'
    "    return OpenAI().chat.completions.create(model=model, messages=messages)\n"
)


def scanned(tmp_path, monkeypatch, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", ".", "--provider", "zhipu", "--format", "json"])
    return [
        (f["path"], f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML205"
    ]


def test_display_names_are_notes(tmp_path, monkeypatch):
    found = scanned(tmp_path, monkeypatch, {"presets.py": PRESETS, "pick.py": PICK})
    assert found == [
        (
            "pick.py",
            8,
            "note",
            "none",
            "'gpt' in ... is an OpenAI model-family check of a name the code also looks up in "
            "MODEL_METADATA, whose entries name the model sent: it tests the program's label "
            "for an entry, which apply leaves, not a model it sends; leave it",
        ),
        (
            "presets.py",
            1,
            "note",
            "none",
            "'o1-mini' in a list is a key of MODEL_METADATA (line 3), whose entries name the "
            "model sent: labels of the program's that pick an entry, not models it sends: "
            "apply leaves them; no request depends on them (to rename one, rename the table's "
            "key with it)",
        ),
        (
            "presets.py",
            3,
            "note",
            "none",
            "'o1-mini' is a key of MODEL_METADATA, whose entries carry the model they send "
            "(MODEL_METADATA['o1-mini']['model_name']): labels of the program's that pick an "
            "entry, not models it sends: apply leaves them and maps those models where they "
            "are set; no request depends on them (to rename one, rename what the program looks "
            "up with it too)",
        ),
    ]


def test_a_table_keyed_by_models_without_their_own_is_still_reported(tmp_path, monkeypatch):
    text = PRESETS.replace('"o1-mini": {"model_name": "o1-mini"}', '"o1-mini": {"tokens": 1}')
    found = scanned(tmp_path, monkeypatch, {"presets.py": text, "pick.py": PICK})
    assert [(path, line, severity) for path, line, severity, _, _ in found] == [
        ("pick.py", 8, "warning"),
        ("presets.py", 1, "warning"),
        ("presets.py", 3, "warning"),
    ]


def test_a_table_whose_keys_are_its_models_is_still_reported(tmp_path, monkeypatch):
    # every key is the model its entry sends: lookups may use the model sent
    text = (
        'ONLINE_MODELS = ["o1-mini"]\n\nMODEL_METADATA = {"o1-mini": {"model_name": "o1-mini"}}\n'
    )
    found = scanned(tmp_path, monkeypatch, {"presets.py": text, "pick.py": PICK})
    assert [(path, line, severity) for path, line, severity, _, _ in found] == [
        ("pick.py", 8, "warning"),
        ("presets.py", 1, "warning"),
        ("presets.py", 3, "warning"),
    ]
