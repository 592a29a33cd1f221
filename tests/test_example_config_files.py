"""Example YAML, TOML, JSON and INI files (`xiao_config.yaml.example`): read as the file they
stand for.

yihong0618/xiaogpt ships `xiao_config.yaml.example` and `xiao_config.json.example`, which
people copy to their settings; discovery took neither, so the OpenAI base URL and model
written there were never reported, where the same lines in `config.yaml` were (ML502, ML503).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.formats import classify, config_name
from migrate_llm.formats.recorded import recorded_output

from .cli_findings import finding_rows, run_json
from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]

# xiaogpt's settings, cut down, with the commented-out lines of its example written out
YAML = (
    "# OpenAI key\n"
    'openai_key: ""\n'
    "# OpenAI API base\n"
    'api_base: "https://api.openai.com/v1"\n'
    "gpt_options:\n"
    "  model: gpt-4o-mini\n"
)
YAML_AFTER = (
    "# OpenAI key\n"
    'openai_key: ""\n'
    "# OpenAI API base\n"
    'api_base: "https://api.acme.example/v1"\n'
    "gpt_options:\n"
    "  model: acme-small\n"
)
# a stand-in key: a note (ML505), which keeps the base URL beside it for a person (ML502)
JSON = (
    "{\r\n"
    '  "openai_key": "sk-xxxxxxxxxxxxxxxxxxxxxxxx",\r\n'
    '  "api_base": "https://api.openai.com/v1",\r\n'
    '  "model": "gpt-4o"\r\n'
    "}\r\n"
)
TOML = '[llm]\nmodel = "gpt-4o"\n'
TOML_AFTER = '[llm]\nmodel = "acme-large"\n'


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("xiao_config.yaml.example", "yaml"),
        ("conf/app.yml.example", "yaml"),
        ("settings.yaml.template", "yaml"),
        ("Config.YAML.Sample", "yaml"),
        ("xiao_config.json.example", "json"),
        ("settings.json-sample", "json"),
        ("config.toml.dist", "toml"),
        ("config.toml_example", "toml"),
        ("apikey.ini.example", "ini"),
        ("OAI_CONFIG_LIST.json.example", "json"),
        ("config.example.yml", "yaml"),
        ("config.example.yaml", "yaml"),
        ("values.yaml.tpl", None),
        ("values.yaml.tmpl", None),
        ("config.yaml.bak", None),
        ("config.txt.example", None),
        ("yaml.example", None),
        (".env.example", "dotenv"),
        ("config.yaml.env.example", "dotenv"),
    ],
)
def test_which_example_names_are_read_as_their_format(name: str, kind: str | None) -> None:
    assert classify(name) == kind


def test_the_name_an_example_stands_for():
    assert config_name("deploy/xiao_config.yaml.example") == "xiao_config.yaml"
    assert config_name("OAI_CONFIG_LIST.json.example") == "OAI_CONFIG_LIST.json"
    assert config_name("config.example.yml") == "config.example.yml"
    assert config_name(".env.example") == ".env.example"
    # recorded output stays recorded output as an example
    assert recorded_output("json", "results.json.example") == "results.json"


def _findings(command: str) -> list[tuple[str, int, str, str, str]]:
    code, report = run_json(command, ".", *ACME, "--no-cache", "--show-notes")
    assert code in (0, 1), report
    return finding_rows(report, "path", "line", "rule", "severity", "fix")


def test_an_example_file_gets_the_findings_and_edits_of_the_file_it_stands_for(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    files = {
        "config.yaml": YAML,
        "xiao_config.yaml.example": YAML,
        "config.json": JSON,
        "xiao_config.json.example": JSON,
        "settings.toml": TOML,
        "settings.toml.dist": TOML,
    }
    for name, text in files.items():
        (tmp_path / name).write_bytes(text.encode())
    runner = CliRunner()
    found = _findings("scan")
    by_file: dict[str, list[tuple[int, str, str, str]]] = {}
    for path, *rest in found:
        by_file.setdefault(path, []).append(tuple(rest))  # type: ignore[arg-type]
    assert by_file["xiao_config.yaml.example"] == [
        (4, "ML502", "error", "safe"),
        (6, "ML503", "warning", "review"),
    ]
    assert by_file["xiao_config.json.example"] == [
        (2, "ML505", "note", "manual"),  # a stand-in, not a key
        (3, "ML502", "error", "manual"),
        (4, "ML503", "warning", "manual"),
    ]
    assert by_file["settings.toml.dist"] == [(2, "ML503", "warning", "review")]
    for real, example in (
        ("config.yaml", "xiao_config.yaml.example"),
        ("config.json", "xiao_config.json.example"),
        ("settings.toml", "settings.toml.dist"),
    ):
        assert by_file[real] == by_file[example]
    done = runner.invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    after = {
        "config.yaml": YAML_AFTER,
        "xiao_config.yaml.example": YAML_AFTER,
        "config.json": JSON,  # left to a person, CRLF kept
        "xiao_config.json.example": JSON,
        "settings.toml": TOML_AFTER,
        "settings.toml.dist": TOML_AFTER,
    }
    assert {n: (tmp_path / n).read_bytes() for n in files} == {
        n: t.encode() for n, t in after.items()
    }
    again = runner.invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert again.exit_code == 0, again.stderr
    assert {n: (tmp_path / n).read_bytes() for n in files} == {
        n: t.encode() for n, t in after.items()
    }


def test_an_example_naming_nothing_of_openai_is_not_parsed(tmp_path, monkeypatch):
    """The config prefilter screens an example as the real file: a template that no YAML
    reader takes, holding nothing of OpenAI, is passed over, not an error."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "values.yaml.template").write_text("name: {{ .Values.name }\nport: [8080\n")
    (tmp_path / "xiao_config.yaml.example").write_text(YAML)
    runner = CliRunner()
    done = runner.invoke(app, ["check", ".", *ACME, "--format", "json", "--no-cache"])
    assert done.exit_code == 1
    report = json.loads(done.stdout)
    assert report["files"] == 2
    assert report["errors"] == []
    assert {f["path"] for f in report["findings"]} == {"xiao_config.yaml.example"}
