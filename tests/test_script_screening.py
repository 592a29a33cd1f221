"""The JavaScript prefilter lets through every module ML510 reports in, and no more than it
needs of the quoted plain words that are also OpenAI models (`"ada"` in a syntax
highlighter's language list): t64b, 19 one-line Next.js chunks of DB-GPT were parsed for
nothing, 12 of its 20 s of scan."""

from __future__ import annotations

import json
import random

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import ScanOptions, scan
from migrate_llm.prefilter import prefilters, worth_examining
from migrate_llm.registry import Registry, load_registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .conftest import ACME_DIR

# a syntax highlighter's languages in a minified bundle: words, not models
HIGHLIGHTER = 'v.supportedLanguages=["abap","ada","python"];var a=function(e){return e.x};\n'
PIECES = [
    HIGHLIGHTER,
    'const m = {model: "o3"};\n',
    "const m = {modelName: 'ada'};\n",
    'const m = {"model": "ada"};\n',
    "cfg.MODEL = 'davinci';\n",
    'const names = ["o1", "curie"];\n',
    'const fast = "o3-mini";\n',
    "const e = 'text-embedding-3-small';\n",
    'const s = "gpt-4o is fast";\n',
    "const d = 'davinci-002';\n",
    'const label = "metadata";\n',
    "let x = a - b;\n",
    "// model: 'o3'\n",
    'const l = "openai:o1";\n',
]


ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]


def invoke(*args: str):
    return CliRunner().invoke(app, [*args, *ACME])


@pytest.fixture(scope="module")
def script_filters():
    return prefilters(load_registry().openai)


def ml510(registry: Registry, text: str) -> list[str]:
    ctx = RuleContext(registry, registry.get("acme"))
    found = check_config("web/app.js", text, ctx, kind="javascript")
    return [f.message for f in found if f.rule == "ML510"]


@pytest.mark.parametrize("seed", range(30))
def test_every_module_ml510_reports_in_passes(registry, script_filters, seed):
    rng = random.Random(seed)
    for _ in range(20):
        text = "".join(rng.choices(PIECES, k=rng.randint(1, 4)))
        if ml510(registry, text):
            assert worth_examining(script_filters, "javascript", text, False), text


@pytest.mark.parametrize(
    ("text", "worth"),
    [
        (HIGHLIGHTER, False),
        ('const names = ["o1", "curie"];\n', False),
        ('const m = {model: "o3"};\n', True),
        ("const m = {modelName: 'ada'};\n", True),
        ('const fast = "o3-mini";\n', True),
        ("const d = 'davinci-002';\n", True),
        (HIGHLIGHTER + "const e = 'text-embedding-3-small';\n", True),
    ],
)
def test_a_plain_word_model_counts_only_after_a_model_key(script_filters, text, worth):
    assert worth_examining(script_filters, "javascript", text, False) is worth


def test_a_bundle_naming_ada_in_a_language_list_is_not_parsed(tmp_path, monkeypatch):
    from migrate_llm.rules import javascript_openai

    parsed: list[str] = []
    real = javascript_openai.read_script

    def counting(text):
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(javascript_openai, "read_script", counting)
    chunks = tmp_path / "static" / "_next" / "chunks"
    chunks.mkdir(parents=True)
    bundle = "(self.webpackChunk=self.webpackChunk||[]).push([[1],{1:function(e){" + HIGHLIGHTER
    (chunks / "app-1.js").write_text(bundle, encoding="utf-8")
    ask = 'export const ask = (client) => client.create({model: "o3", input: "hi"});\n'
    (tmp_path / "ask.js").write_text(ask, encoding="utf-8")
    options = ScanOptions(
        paths=(tmp_path,), cwd=tmp_path, jobs=1, provider="acme", provider_dirs=(ACME_DIR,)
    )
    result = scan(options)
    assert parsed == [ask]
    assert [(f.path, f.line, f.rule, f.message) for f in result.findings] == [
        (
            "ask.js",
            1,
            "ML510",
            "o3 is an OpenAI model with no Acme Cloud mapping; choose one of acme-large, "
            "acme-medium, acme-small (or pass --model o3=NAME)",
        )
    ]


def _bundle(lead: str) -> str:
    """A one-line minified chunk over the 2 MiB limit of JavaScript, `lead` in front."""
    body = "".join(f'var a{i}=function(e){{return e.x{i}?"k{i}":{i}}};' for i in range(80_000))
    return lead + body + "\n"


def test_an_oversize_bundle_the_prefilter_rules_out_is_no_error(tmp_path, monkeypatch):
    # DESIGN §5: a huge file gets a clear line and an exit code where it may hold something;
    # read whole and ruled out, it has nothing to migrate (t64b: apply exited 1 on two chunks)
    monkeypatch.chdir(tmp_path)
    chunk = tmp_path / "static" / "chunks" / "5000.js"
    chunk.parent.mkdir(parents=True)
    text = _bundle(HIGHLIGHTER)
    chunk.write_text(text, encoding="utf-8")
    assert chunk.stat().st_size > 2 * 1024 * 1024
    scanned = invoke("scan", ".", "--format", "json", "--no-cache")
    assert scanned.exit_code == 0
    report = json.loads(scanned.stdout)
    assert (report["files"], report["findings"], report["errors"]) == (1, [], [])
    assert invoke("check", ".", "--no-cache").exit_code == 0
    done = invoke("apply", ".", "--yes", "--allow-dirty", "--no-cache")
    assert done.exit_code == 0, done.stderr
    assert chunk.read_text(encoding="utf-8") == text


def test_an_oversize_bundle_using_openai_stays_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    chunk = tmp_path / "static" / "chunks" / "5000.js"
    chunk.parent.mkdir(parents=True)
    text = _bundle('import OpenAI from "openai";const c=new OpenAI();')
    chunk.write_text(text, encoding="utf-8")
    scanned = invoke("scan", ".", "--format", "json", "--no-cache")
    assert json.loads(scanned.stdout)["errors"] == [
        {"path": "static/chunks/5000.js", "message": "skipped: 4.2 MiB is over the 2 MiB limit"}
    ]
    assert invoke("check", ".", "--no-cache").exit_code == 1
    done = invoke("apply", ".", "--yes", "--allow-dirty", "--no-cache")
    assert done.exit_code == 1
    assert "static/chunks/5000.js skipped: 4.2 MiB is over the size limit" in done.stderr
    assert chunk.read_text(encoding="utf-8") == text
