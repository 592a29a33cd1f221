"""ML401 and a settings field the project gives only as an Azure client's endpoint.

arc53/DocsGPT's settings class has `OPENAI_API_BASE: Optional[str] = None  # azure openai api
base url`, whose only use is `AzureOpenAI(azure_endpoint=settings.OPENAI_API_BASE, ...)` in
another module (ML002 leaves that client to a person) besides tests of whether Azure is set
up. ML401 made the field read MOONSHOT_BASE_URL: that Azure client would then go to Moonshot
with its Azure key. It is left now (manual); a field also given as a plain base URL is
renamed as before.
"""

from __future__ import annotations

import ast

from typer.testing import CliRunner

from migrate_llm.azure_endpoints import _reads, azure_only
from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write_here
from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]

SETTINGS = (
    "from typing import Optional\n"
    "\n"
    "from pydantic_settings import BaseSettings\n"
    "\n"
    "\n"
    "class Settings(BaseSettings):\n"
    "    API_KEY: Optional[str] = None\n"
    "    OPENAI_API_BASE: Optional[str] = None  # azure openai api base url\n"
    "\n"
    "\n"
    "settings = Settings()\n"
)
SETTINGS_RENAMED = (
    "from typing import Annotated, Optional\n"
    "\n"
    "from pydantic import Field\n"
    "from pydantic_settings import BaseSettings\n"
    "\n"
    "\n"
    "class Settings(BaseSettings):\n"
    "    API_KEY: Optional[str] = None\n"
    "    OPENAI_API_BASE: Annotated[\n"
    '        Optional[str], Field(validation_alias="ACME_BASE_URL")\n'
    "    ] = None  # azure openai api base url\n"
    "\n"
    "\n"
    "settings = Settings()\n"
)
# the key is the program's setting: ML002 leaves the client to a person
AZURE = (
    "from openai import AzureOpenAI\n"
    "\n"
    "from settings import settings\n"
    "\n"
    "if bool(settings.OPENAI_API_BASE and settings.API_KEY):\n"
    "    client = AzureOpenAI(\n"
    "        api_key=settings.API_KEY,\n"
    "        azure_endpoint=settings.OPENAI_API_BASE,\n"
    '        api_version="2024-06-01",\n'
    "    )\n"
)
PLAIN = (
    "from openai import OpenAI\n"
    "\n"
    "from settings import settings\n"
    "\n"
    "client = OpenAI(api_key=settings.API_KEY, base_url=settings.OPENAI_API_BASE)\n"
)


def _run(tmp_path, monkeypatch, files: dict[str, str]) -> tuple[list[tuple], CliRunner]:
    write_here(tmp_path, monkeypatch, files)
    code, report = run_json("scan", ".", *ACME, "--no-cache")
    assert code == 0, report
    fields = ("path", "line", "rule", "fix", "message", "data")
    return finding_rows(report, *fields, rules=("ML002", "ML401")), CliRunner()


def test_a_field_given_only_as_an_azure_endpoint_is_left(tmp_path, monkeypatch):
    found, runner = _run(tmp_path, monkeypatch, {"settings.py": SETTINGS, "app.py": AZURE})
    assert [(path, line, rule, fix) for path, line, rule, fix, _, _ in found] == [
        ("app.py", 6, "ML002", "manual"),
        ("settings.py", 8, "ML401", "manual"),
    ]
    _, _, _, _, message, data = found[1]
    assert message == (
        "settings field Settings.OPENAI_API_BASE reads OPENAI_API_BASE; not switched: the "
        "project gives it only as the endpoint of an Azure OpenAI client or class that apply "
        "leaves on Azure (in app.py; see the finding there): made to read ACME_BASE_URL, it "
        "would point that client at Acme Cloud, with its Azure key; move that client to Acme "
        "Cloud, then this field, by hand"
    )
    assert data == {"variable_from": "OPENAI_API_BASE", "azure_endpoint_in": ["app.py"]}
    done = runner.invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "settings.py").read_text() == SETTINGS
    assert (tmp_path / "app.py").read_text() == AZURE


def test_a_field_also_given_as_a_plain_base_url_is_renamed(tmp_path, monkeypatch):
    files = {"settings.py": SETTINGS, "app.py": AZURE, "plain.py": PLAIN}
    found, runner = _run(tmp_path, monkeypatch, files)
    assert [(path, line, rule, fix) for path, line, rule, fix, _, _ in found] == [
        ("app.py", 6, "ML002", "manual"),
        ("settings.py", 8, "ML401", "review"),
    ]
    done = runner.invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "settings.py").read_text() == SETTINGS_RENAMED


def test_a_field_given_to_an_azure_client_apply_converts_is_renamed_once(tmp_path, monkeypatch):
    """apply makes that client a plain one, dropping its endpoint: the field is renamed as
    before, and a second apply changes nothing."""
    converted = AZURE.replace("api_key=settings.API_KEY", 'api_key="azure-key"')
    found, runner = _run(tmp_path, monkeypatch, {"settings.py": SETTINGS, "app.py": converted})
    assert [(path, line, rule, fix) for path, line, rule, fix, _, _ in found] == [
        ("app.py", 6, "ML002", "review"),
        ("settings.py", 8, "ML401", "review"),
    ]
    for _ in range(2):
        done = runner.invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
        assert done.exit_code == 0, done.stderr
        assert (tmp_path / "settings.py").read_text() == SETTINGS_RENAMED


def test_how_a_module_reads_the_names():
    tree = ast.parse(
        "if cfg.OPENAI_API_BASE:\n    pass\n"
        "ok = bool(cfg.OPENAI_API_BASE and cfg.v)\n"
        "assert cfg.openai_api_base is not None\n"
        "c = AzureOpenAI(azure_endpoint=cfg.openai_api_base)\n"
        "url = cfg.OPENAI_BASE_URL or None\n"
        "x = cfg.OPENAI_API_BASE_URL if not cfg.OPENAI_API_BASE_URL else 1\n"
        "cfg.OPENAI_API_BASE = 'set'\n"
        "p = OpenAI(base_url=cfg.openai_base_url)\n"
    )
    names = {
        "OPENAI_API_BASE",
        "openai_api_base",
        "OPENAI_BASE_URL",
        "OPENAI_API_BASE_URL",
        "openai_base_url",
    }
    other, endpoints = _reads(tree, names)
    assert other == {"OPENAI_BASE_URL", "OPENAI_API_BASE_URL", "openai_base_url"}
    assert endpoints == {"openai_api_base"}
    uses = [("A", "azure", "a.py"), ("A", "other", "b.py"), ("B", "azure", "a.py")]
    assert azure_only(uses) == {("B", "a.py")}


def test_a_field_given_only_to_an_azure_langchain_class_is_left(tmp_path, monkeypatch):
    chain = (
        "from langchain_openai import AzureChatOpenAI\n"
        "\n"
        "from settings import settings\n"
        "\n"
        "llm = AzureChatOpenAI(\n"
        "    openai_api_key=settings.API_KEY,\n"
        "    azure_endpoint=settings.OPENAI_API_BASE,\n"
        '    azure_deployment="gpt4",\n'
        '    openai_api_version="2024-06-01",\n'
        ")\n"
    )
    found, runner = _run(tmp_path, monkeypatch, {"settings.py": SETTINGS, "chain.py": chain})
    assert [
        (path, line, rule, fix, data.get("azure_endpoint_in"))
        for path, line, rule, fix, _, data in found
    ] == [
        ("settings.py", 8, "ML401", "manual", ["chain.py"]),
    ]
    done = runner.invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "settings.py").read_text() == SETTINGS
