"""ML510: a JavaScript or TypeScript module beside the Python code that still calls OpenAI keeps
`check` red; apply leaves it byte for byte (it rewrites Python only), and the finding says what
to write instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.formats import classify
from migrate_llm.formats.javascript import read_script
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .conftest import ACME_DIR

ACME_URL = "https://api.acme.example/v1"
BY_HAND = "by hand (apply rewrites Python only)"


def findings(registry, path: str, text: str, provider: str | None = "acme") -> list[Finding]:
    target = registry.get(provider) if provider else None
    return check_config(path, text, RuleContext(registry, target))


def rows(found: list[Finding]) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.severity.value, f.message) for f in found]


def test_the_reader_tells_code_from_comments_strings_and_patterns():
    text = (
        "// new OpenAI() in a comment\n"
        'const a = "gpt-4o"; /* "gpt-4" */ const re = /"x/g;\n'
        "const u = `${base}/v1/${path}https://api.openai.com`;\n"
        "const d = total / count / 2; const q = 'it\\'s';\n"
    )
    script = read_script(text)
    assert [s.value for s in script.strings] == [
        "gpt-4o",
        "",
        "/v1/",
        "https://api.openai.com",
        "it's",
    ]
    assert "new OpenAI" not in script.code
    assert script.code.count("\n") == text.count("\n")
    assert len(script.code) == len(script.bare) == len(text)
    # strings blanked in `bare`, their quotes kept; code inside `${...}` kept
    assert script.bare.splitlines()[2] == "const u = `${base}    ${path}                      `;"
    assert script.bare.splitlines()[1].startswith('const a = "      ";')


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("web/src/api.ts", "javascript"),
        ("web/src/App.tsx", "javascript"),
        ("server/index.mjs", "javascript"),
        ("ui/Chat.vue", "javascript"),
        ("web/src/types.d.ts", None),
        ("static/vendor.min.js", None),
    ],
)
def test_which_files_are_read(name, kind):
    assert classify(name) == kind


def test_a_client_without_an_endpoint_its_key_variable_and_model(registry):
    text = (
        'import OpenAI from "openai";\n'
        "const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n"
        "export async function ask(q) {\n"
        '  const r = await client.chat.completions.create({ model: "gpt-4o-mini", messages: q });\n'
        "  return r;\n"
        "}\n"
    )
    found = findings(registry, "web/ask.ts", text)
    assert rows(found) == [
        (
            2,
            16,
            "error",
            f'new OpenAI() talks to OpenAI; give it baseURL: "{ACME_URL}" and apiKey: '
            f"process.env.ACME_API_KEY {BY_HAND}",
        ),
        (
            2,
            37,
            "warning",
            "reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not "
            f"copied): read that {BY_HAND}",
        ),
        (
            4,
            59,
            "warning",
            f"gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud: write that "
            f"{BY_HAND}",
        ),
    ]
    assert {f.fix for f in found} == {FixClass.MANUAL}
    assert all(f.edit is None for f in found)
    assert found[0].data == {"client": "OpenAI"}
    assert found[2].data == {"model_from": "gpt-4o-mini", "model_to": "acme-small"}


def test_a_client_given_an_endpoint_is_not_reported(registry):
    text = (
        'import OpenAI from "openai";\n'
        'import { ChatOpenAI } from "@langchain/openai";\n'
        "const a = new OpenAI({ baseURL: process.env.LLM_URL, apiKey: key });\n"
        "const b = new ChatOpenAI({ model: m, configuration: { baseURL: url } });\n"
        "const c = new ChatOpenAI({ model: m }, { baseURL: url });\n"
    )
    assert findings(registry, "llm.ts", text) == []


def test_a_client_whose_options_come_from_elsewhere_is_a_warning(registry):
    text = 'const OpenAI = require("openai");\nconst a = new OpenAI(options);\n'
    assert rows(findings(registry, "llm.cjs", text)) == [
        (
            2,
            11,
            "warning",
            "new OpenAI() is built from options the module does not show; it talks to OpenAI "
            f'unless they name an endpoint; give it baseURL: "{ACME_URL}" and apiKey: '
            f"process.env.ACME_API_KEY {BY_HAND}",
        )
    ]


def test_a_class_of_that_name_from_another_package_is_not_reported(registry):
    text = 'import { OpenAI } from "./my-openai-wrapper";\nconst a = new OpenAI();\n'
    assert findings(registry, "llm.ts", text) == []


def test_frameworks_azure_and_the_ai_sdk_default_provider(registry):
    text = (
        'import { openai, createOpenAI } from "@ai-sdk/openai";\n'
        'import { OpenAIEmbeddings } from "@langchain/openai";\n'
        'import { AzureOpenAI } from "openai";\n'
        "const e = new OpenAIEmbeddings();\n"
        "const z = new AzureOpenAI({ endpoint });\n"
        "const p = createOpenAI({ apiKey: k });\n"
    )
    assert rows(findings(registry, "ai.ts", text)) == [
        (
            1,
            10,
            "warning",
            "the openai provider of @ai-sdk/openai talks to OpenAI (key from OPENAI_API_KEY); "
            f'use createOpenAI({{ baseURL: "{ACME_URL}", apiKey: process.env.ACME_API_KEY }}) '
            f"{BY_HAND}",
        ),
        (
            4,
            11,
            "error",
            "new OpenAIEmbeddings() talks to OpenAI (key from OPENAI_API_KEY); give it "
            f'configuration: {{ baseURL: "{ACME_URL}" }} and apiKey: process.env.ACME_API_KEY '
            f"{BY_HAND}",
        ),
        (
            5,
            15,
            "warning",
            "AzureOpenAI talks to Azure OpenAI; use OpenAI({ baseURL: "
            f'"{ACME_URL}", apiKey: process.env.ACME_API_KEY }}) {BY_HAND}',
        ),
        (
            6,
            11,
            "error",
            f'createOpenAI() talks to OpenAI; give it baseURL: "{ACME_URL}" and apiKey: '
            f"process.env.ACME_API_KEY {BY_HAND}",
        ),
    ]


def test_urls_keys_and_short_model_names(registry):
    key = "sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6"
    text = (
        'const URL = "https://api.openai.com/v1/chat/completions";\n'
        'throw new Error("could not reach https://api.openai.com, check the proxy");\n'
        f'const headers = {{ Authorization: "Bearer {key}" }};\n'
        'const a = { model: "o3" }; const label = "o3";\n'
        "const base = import.meta.env.VITE_OPENAI_BASE_URL;\n"
    )
    found = findings(registry, "api.js", text)
    assert rows(found) == [
        (
            1,
            13,
            "warning",
            f"api.openai.com is OpenAI's API; Acme Cloud's base URL is {ACME_URL}: change it "
            f"{BY_HAND}",
        ),
        (
            2,
            17,
            "note",
            "api.openai.com is named inside a text, not used as an endpoint: left alone",
        ),
        (
            3,
            34,
            "error",
            f"a key (sk-pr…D6) is written in the code; remove it and read ACME_API_KEY {BY_HAND}",
        ),
        (
            4,
            20,
            "warning",
            "o3 is an OpenAI model with no Acme Cloud mapping; choose one of acme-large, "
            "acme-medium, acme-small (or pass --model o3=NAME)",
        ),
        (
            5,
            14,
            "warning",
            "reads VITE_OPENAI_BASE_URL, named after OpenAI; make what it holds Acme Cloud's, or "
            f"read Acme Cloud's variable, {BY_HAND}",
        ),
    ]
    assert found[1].fix is FixClass.NONE
    assert all(key not in f.message for f in found)


def test_without_a_provider_and_with_openai_itself(registry):
    text = 'import OpenAI from "openai";\nconst c = new OpenAI();\nconst m = "gpt-4o";\n'
    assert rows(findings(registry, "a.ts", text, provider=None)) == [
        (
            2,
            11,
            "error",
            "new OpenAI() talks to OpenAI (key from OPENAI_API_KEY); pass --provider to see "
            "what replaces it",
        ),
        (3, 11, "warning", "gpt-4o is an OpenAI model; pass --provider to see what replaces it"),
    ]
    assert findings(registry, "a.ts", text, provider="openai") == []


def _project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    web = tmp_path / "web"
    web.mkdir()
    (web / "ask.ts").write_bytes(
        b'import OpenAI from "openai";\r\n'
        b"const client = new OpenAI(); // migrate-llm: ignore[ML401]\r\n"
        b'export const MODEL = "gpt-4o-mini";\r\n'
    )
    (web / "util.js").write_text("export const add = (a, b) => a + b;\n")
    (web / "quiet.ts").write_text(
        "// migrate-llm: ignore[ML510]\nconst k = process.env.OPENAI_API_KEY;\n"
    )
    return tmp_path


def test_check_fails_and_apply_leaves_the_bytes(tmp_path: Path, monkeypatch):
    root = _project(tmp_path)
    before = (root / "web" / "ask.ts").read_bytes()
    monkeypatch.chdir(root)
    runner = CliRunner()
    acme = ["--provider", "acme", "--providers-dir", str(ACME_DIR)]
    scan = runner.invoke(app, ["scan", ".", *acme, "--format", "json", "--no-cache"])
    assert scan.exit_code == 0, scan.stderr
    report = json.loads(scan.stdout)
    assert [(f["path"], f["line"], f["rule"], f["fix"]) for f in report["findings"]] == [
        ("web/ask.ts", 2, "ML510", "manual"),
        ("web/ask.ts", 3, "ML510", "manual"),
    ]
    check = runner.invoke(app, ["check", ".", *acme])
    assert check.exit_code == 1
    applied = runner.invoke(app, ["apply", ".", *acme, "--yes"])
    assert applied.exit_code == 0, applied.stderr
    assert (root / "web" / "ask.ts").read_bytes() == before
    assert runner.invoke(app, ["check", ".", *acme]).exit_code == 1


def test_a_module_naming_no_openai_is_not_read(tmp_path: Path, monkeypatch):
    (tmp_path / "app.js").write_text("// OpenAI in a comment only\nconst x = 1;\n")
    (tmp_path / "lib.js").write_text("const y = 2;\n")
    monkeypatch.chdir(tmp_path)
    acme = ["--provider", "acme", "--providers-dir", str(ACME_DIR), "--no-cache"]
    check = CliRunner().invoke(app, ["check", ".", *acme, "--format", "json"])
    assert check.exit_code == 0, check.stdout
    assert json.loads(check.stdout)["findings"] == []


def test_severities(registry):
    text = 'import OpenAI from "openai";\nnew OpenAI();\n'
    assert [f.severity for f in findings(registry, "x.mjs", text)] == [Severity.ERROR]
