"""The models of a record follow its key variable and URLs (t64b, DB-GPT's `ProfileSpec`
records, `--provider zhipu`): a record naming OPENAI_API_KEY as the variable to read its key
from beside OpenAI URLs apply leaves kept those, but ML204 mapped its `llm_model` and
`embedding_model` alone, so the profile sent the provider's models to api.openai.com. The
record now moves whole (a plain base URL, switched with its key name) or not at all, its
models left with one note per record."""

from __future__ import annotations

from .cli_findings import cli, finding_rows, run_json, write_here
from .test_project_facts import ACME

HEAD = """from dataclasses import dataclass


@dataclass
class Spec:
    name: str
    env_var: str
    chat_model: str
    api_base: str
    embedding_model: str = ""
    embedding_url: str = ""


"""
# `custom` names no service: the table is not keyed by service (`service_tables`)
SPECS = (
    HEAD
    + """SPECS = {
    "openai": Spec(
        name="openai",
        env_var="OPENAI_API_KEY",
        chat_model="gpt-4o",
        api_base="https://api.openai.com/v1",
        embedding_model="text-embedding-3-small",
        embedding_url="https://api.openai.com/v1/embeddings",
    ),
    "custom": Spec(
        name="custom",
        env_var="OPENAI_API_KEY",
        chat_model="gpt-4o-mini",
        api_base="https://api.openai.com/v1",
    ),
}
"""
)

LEFT = (
    "{models} in the same record as OPENAI_API_KEY, named as the variable to read its key "
    "from (line {key}), and OpenAI's URL {url} (line {at}), which apply leaves (ML401): the "
    "record moves whole or not at all, so its models stay OpenAI's with them; where it now "
    "serves Acme Cloud, change its URLs, key variable and models together, by hand"
)


def test_a_records_models_stay_with_its_key_name_and_urls(tmp_path, monkeypatch) -> None:
    write_here(tmp_path, monkeypatch, {"specs.py": SPECS})
    code, report = run_json("scan", ".", *ACME)
    assert code == 0
    assert finding_rows(report, "line", "severity", "fix", "message", rules={"ML204"}) == [
        (
            18,
            "note",
            "none",
            LEFT.format(
                models="'gpt-4o' and 1 more", key=17, url="https://api.openai.com/v1", at=19
            ),
        ),
        (
            26,
            "warning",
            "review",
            "argument chat_model of Spec() = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
        ),
    ]
    note = finding_rows(report, "data", rules={"ML204"})[0]
    assert note == ({"models": ["gpt-4o", "text-embedding-3-small"], "variable": "OPENAI_API_KEY"},)
    # the `custom` record moves whole: its plain base URL is switched with its key name
    assert finding_rows(report, "line", "rule", "fix", rules={"ML401", "ML402"}) == [
        (17, "ML401", "manual"),
        (19, "ML402", "manual"),
        (21, "ML402", "manual"),
        (25, "ML401", "review"),
        (27, "ML402", "safe"),
    ]
    done = cli("apply", ".", "--yes", "--allow-dirty", *ACME).exit_code
    assert done == 0
    after = (tmp_path / "specs.py").read_text()
    left = SPECS[SPECS.index("SPECS = {") : SPECS.index('    "custom"')]
    assert left in after  # the `openai` record, byte for byte
    assert 'chat_model="acme-small"' in after
    assert 'env_var="ACME_API_KEY"' in after
    # the record left on OpenAI is left to a person (`import os` added above it for the
    # switched URL): check does not pass
    code, report = run_json("check", ".", *ACME)
    assert code == 1
    assert finding_rows(report, "line", "rule", "severity") == [
        (18, "ML401", "warning"),
        (20, "ML402", "warning"),
        (22, "ML402", "warning"),
    ]


def test_a_record_moved_by_hand_gets_its_models_mapped(tmp_path, monkeypatch) -> None:
    """Once a person points the record's URLs and key name at the provider, its models are
    settings like any other: apply maps them."""
    moved = (
        SPECS.replace('env_var="OPENAI_API_KEY"', 'env_var="ACME_API_KEY"')
        .replace('"https://api.openai.com/v1"', '"https://api.acme.example/v1"')
        .replace(
            '"https://api.openai.com/v1/embeddings"', '"https://api.acme.example/v1/embeddings"'
        )
    )
    write_here(tmp_path, monkeypatch, {"specs.py": moved})
    code, report = run_json("scan", ".", *ACME)
    assert code == 0
    assert finding_rows(report, "line", "rule", "fix") == [
        (18, "ML204", "review"),
        (20, "ML204", "review"),
        (26, "ML204", "review"),
    ]
    assert cli("apply", ".", "--yes", "--allow-dirty", *ACME).exit_code == 0
    assert run_json("check", ".", *ACME)[0] == 0
