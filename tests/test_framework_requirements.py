"""ML613: the OpenAI-like LlamaIndex packages added beside the OpenAI ones, in each file's style."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.prefilter import prefilters, worth_examining
from migrate_llm.registry import Registry, load_registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.rules.framework_requirements import FrameworkRequirements
from migrate_llm.run_facts import NEEDS_EMBEDDING_LIKE, NEEDS_LLM_LIKE, RunFacts, facts_of

RULES = (FrameworkRequirements,)


def migrate(
    registry: Registry, path: str, text: str, provider: str | None = "acme"
) -> tuple[str, list[Finding]]:
    """`text` with ML613's edits applied, and its findings."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    findings = check_config(path, text, ctx, rules=RULES)
    new, _ = apply_edits(text, [f.edit for f in findings if f.edit is not None])
    return new, findings


EDITS = [
    pytest.param(
        "requirements.txt",
        "llama-index-llms-openai==0.3.12\r\nrequests\r\n",
        "llama-index-llms-openai==0.3.12\r\nllama-index-llms-openai-like>=0.3,<0.5\r\nrequests\r\n",
        id="requirements-crlf",
    ),
    pytest.param(
        "requirements.txt",
        "requests\nllama_index.llms.openai>=0.2",
        "requests\nllama_index.llms.openai>=0.2\nllama-index-llms-openai-like",
        id="requirements-no-final-newline-other-spelling",
    ),
    pytest.param(
        "requirements/base.txt",
        "  llama-index-embeddings-openai ; python_version >= '3.9'  # embeddings\nnumpy\n",
        "  llama-index-embeddings-openai ; python_version >= '3.9'  # embeddings\n"
        "  llama-index-embeddings-openai-like\nnumpy\n",
        id="requirements-indent-marker-comment",
    ),
    pytest.param(
        "requirements.txt",
        "llama-index-llms-openai \\\n    >=0.2\nhttpx\n",
        "llama-index-llms-openai \\\n    >=0.2\nllama-index-llms-openai-like\nhttpx\n",
        id="requirements-continuation",
    ),
    pytest.param(
        "requirements.txt",
        "llama-index\nllama-index-llms-openai==0.3.1\n",
        "llama-index\nllama-index-llms-openai-like>=0.3,<0.5\n"
        "llama-index-embeddings-openai-like>=0.1,<0.2.1\nllama-index-llms-openai==0.3.1\n",
        id="meta-package-and-llm-package-added-once",
    ),
    pytest.param(
        "requirements.txt",
        "llama-index>=0.9\nllama-index-embeddings-openai-like\n",
        "llama-index>=0.9\nllama-index-llms-openai-like\nllama-index-embeddings-openai-like\n",
        id="meta-package-one-missing",
    ),
    pytest.param(
        "pyproject.toml",
        '[project]\ndependencies = ["llama-index-llms-openai>=0.1", "httpx"]\n',
        '[project]\ndependencies = ["llama-index-llms-openai>=0.1", '
        '"llama-index-llms-openai-like", "httpx"]\n',
        id="pep621-inline-list",
    ),
    pytest.param(
        "pyproject.toml",
        "[project]\ndependencies = [\n  'httpx',\n  'llama-index-llms-openai'  # the LLM\n]\n",
        "[project]\ndependencies = [\n  'httpx',\n  'llama-index-llms-openai',  # the LLM\n"
        "  'llama-index-llms-openai-like'\n]\n",
        id="pep621-last-item-no-trailing-comma-single-quotes",
    ),
    pytest.param(
        "pyproject.toml",
        '[project]\ndependencies = [\n\t"llama-index-llms-openai",  # the LLM\n\t"httpx",\n]\n',
        '[project]\ndependencies = [\n\t"llama-index-llms-openai",  # the LLM\n'
        '\t"llama-index-llms-openai-like",\n\t"httpx",\n]\n',
        id="pep621-comment-after-comma-tabs",
    ),
    pytest.param(
        "pyproject.toml",
        '[project]\nname = "app"\n\n[project.optional-dependencies]\n'
        'rag = [\n    "llama-index-embeddings-openai",\n]\n',
        '[project]\nname = "app"\n\n[project.optional-dependencies]\n'
        'rag = [\n    "llama-index-embeddings-openai",\n    "llama-index-embeddings-openai-like",\n]\n',
        id="pep621-optional-dependencies",
    ),
    pytest.param(
        "pyproject.toml",
        '[dependency-groups]\nllm = ["llama-index==0.12.1"]\n',
        '[dependency-groups]\nllm = ["llama-index==0.12.1", '
        '"llama-index-llms-openai-like>=0.3,<0.5", '
        '"llama-index-embeddings-openai-like>=0.1,<0.2.1"]\n',
        id="dependency-groups",
    ),
    pytest.param(
        "pyproject.toml",
        "[tool.poetry.group.ai.dependencies]\r\n"
        '  llama-index-llms-openai = { version = "^0.2", optional = true }\r\n'
        '  numpy = "*"\r\n',
        "[tool.poetry.group.ai.dependencies]\r\n"
        '  llama-index-llms-openai = { version = "^0.2", optional = true }\r\n'
        '  llama-index-llms-openai-like = ">=0.2,<0.3"\r\n'
        '  numpy = "*"\r\n',
        id="poetry-group-inline-table-crlf",
    ),
    pytest.param(
        "setup.cfg",
        "[metadata]\nname = app\n\n[options]\ninstall_requires = llama-index>=0.10\n"
        "python_requires = >=3.9\n",
        "[metadata]\nname = app\n\n[options]\ninstall_requires = llama-index>=0.10\n"
        "    llama-index-llms-openai-like\n    llama-index-embeddings-openai-like\n"
        "python_requires = >=3.9\n",
        id="setup-cfg-value-beside-key",
    ),
    pytest.param(
        "setup.cfg",
        "[options.extras_require]\nllm =\n  llama-index-llms-openai\n  tiktoken\n",
        "[options.extras_require]\nllm =\n  llama-index-llms-openai\n  llama-index-llms-openai-like\n"
        "  tiktoken\n",
        id="setup-cfg-extras",
    ),
]


@pytest.mark.parametrize(("path", "before", "after"), EDITS)
def test_adds_the_openai_like_package(registry, path, before, after):
    new, findings = migrate(registry, path, before)
    assert new == after
    assert findings and all(f.fix is FixClass.REVIEW for f in findings)
    again, findings = migrate(registry, path, new)
    assert (again, findings) == (new, [])


UNCHANGED = [
    pytest.param("requirements.txt", "llama-index==0.9.48\n", "acme", id="meta-before-0.10"),
    pytest.param("requirements.txt", "llama-index<0.10,>=0.9\n", "acme", id="meta-capped"),
    pytest.param("requirements.txt", "llama-index-core\nopenai>=1\n", "acme", id="core-only"),
    pytest.param(
        "requirements.txt",
        "llama-index-llms-openai\nLlama_Index_LLMs_OpenAI_Like==0.3\n",
        "acme",
        id="already-listed",
    ),
    pytest.param(
        "requirements.txt", "llama-index-llms-openai-like\n", "acme", id="like-package-only"
    ),
    pytest.param(
        "constraints.txt", "llama-index-llms-openai==0.3.1\n", "acme", id="constraints-file"
    ),
    pytest.param("requirements.txt", "llama-index-llms-openai\n", "openai", id="target-openai"),
    pytest.param("requirements.txt", "llama-index-llms-openai\n", None, id="no-provider"),
    pytest.param(
        "pyproject.toml",
        '[tool.poetry.dependencies]\nllama-index = "^0.9.40"\n',
        "acme",
        id="poetry-meta-before-0.10",
    ),
    pytest.param(
        "pyproject.toml",
        '[build-system]\nrequires = ["llama-index-llms-openai"]\n',
        "acme",
        id="build-requires-are-not-dependencies",
    ),
]


@pytest.mark.parametrize(("path", "text", "provider"), UNCHANGED)
def test_nothing_to_add(registry, path, text, provider):
    assert migrate(registry, path, text, provider) == (text, [])


def test_finding_fields(registry):
    text = "httpx\nllama-index-llms-openai == 0.3.12  # pinned\n"
    _, [finding] = migrate(registry, "requirements.txt", text)
    assert finding.rule == "ML613"
    assert finding.category == "framework"
    assert finding.severity is Severity.WARNING
    assert finding.fix is FixClass.REVIEW
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 1, 2, 34)
    assert finding.message == (
        "llama-index-llms-openai==0.3.12 is listed, but not llama-index-llms-openai-like, "
        "which migrated code imports (OpenAILike): add llama-index-llms-openai-like>=0.3,<0.5 "
        "(the releases that work with llama-index-core 0.12, which the versions listed here "
        "allow)"
    )
    assert finding.data == {
        "framework": "llamaindex",
        "requirement": "llama-index-llms-openai==0.3.12",
        "missing": ["llama-index-llms-openai-like"],
        "core": "0.12",
        "specs": {"llama-index-llms-openai-like": ">=0.3,<0.5"},
    }


def test_hash_checked_file_is_left_to_a_person(registry):
    text = "llama-index-llms-openai==0.3.12 \\\n    --hash=sha256:0123\n"
    new, [finding] = migrate(registry, "requirements.txt", text)
    assert new == text
    assert finding.edit is None
    assert finding.fix is FixClass.MANUAL
    assert finding.message == (
        "llama-index-llms-openai==0.3.12 is listed, but not llama-index-llms-openai-like, "
        "which migrated code imports (OpenAILike): add llama-index-llms-openai-like>=0.3,<0.5 "
        "(the releases that work with llama-index-core 0.12, which the versions listed here "
        "allow) and regenerate the hash-checked file"
    )


def test_layout_it_cannot_follow_is_reported_without_an_edit(registry):
    # a multi-line string as a list item: no edit is guessed
    text = '[project]\ndependencies = [\n    """llama-index-llms-openai""",\n]\n'
    new, [finding] = migrate(registry, "pyproject.toml", text)
    assert new == text
    assert finding.fix is FixClass.MANUAL
    assert finding.data["missing"] == ["llama-index-llms-openai-like"]


def test_continuation_at_the_end_of_the_file_is_not_extended(registry):
    text = "llama-index-llms-openai \\"
    new, [finding] = migrate(registry, "requirements.txt", text)
    assert (new, finding.fix) == (text, FixClass.MANUAL)
    assert finding.message.endswith("(OpenAILike): add it")


def test_runs_with_the_other_config_rules(registry):
    """With ML504 rewriting the openai pin in the same file, both edits apply."""
    ctx = RuleContext(registry, registry.get("acme"))
    text = "openai==0.28.1\nllama-index-llms-openai==0.1.5\n"
    findings = check_config("requirements.txt", text, ctx)
    assert [f.rule for f in findings] == ["ML504", "ML613"]
    new, _ = apply_edits(text, [f.edit for f in findings if f.edit is not None])
    assert new == (
        "openai>=1\nllama-index-llms-openai==0.1.5\nllama-index-llms-openai-like>=0.1,<0.2\n"
    )


@pytest.mark.parametrize(
    ("name", "examined"),
    [
        ("llama-index>=0.10", True),
        ("Llama_Index==0.9.48", True),
        ("llama-index[all] @ https://example.com/x.whl", True),
        ("llama.index.LLMS_openai==0.3", True),
        ("llama-index-embeddings-openai", True),
        ("llama-index (>=0.10)", True),
        ("llama-index --hash=sha256:0123", True),
        # names the rules do not read (a requirements file passes any name with `openai`)
        ("llama-index-core==0.12", False),
        ("llama_index_readers_file", False),
        ("llama-index-llms-openai-like", False),
        # prose in a package's own metadata
        ("llama-index agent integration", False),
        ("llama_index/", False),
    ],
)
def test_config_worth_examining_names_a_package_a_rule_reads(name, examined):
    filters = prefilters(load_registry().openai, switching=True)
    toml = f'[project]\ndependencies = ["{name}"]\n'
    assert worth_examining(filters, "toml", toml, False) is examined
    if "openai" not in name.lower():
        assert worth_examining(filters, "requirements", f"{name}\n", False) is examined
    # without a provider to move to, no rule reads them
    stay = prefilters(load_registry().openai, switching=False)
    assert not worth_examining(stay, "toml", toml, False)


PINNED_EMBEDDINGS = "llama-index-core==0.10.68\nllama-index-embeddings-openai==0.1.10\n"
EMBEDDING_UPGRADE = (
    "requirements.txt:2:1 ML613 llama-index-embeddings-openai==0.1.10 is listed, but not "
    "llama-index-embeddings-openai-like, which migrated code imports (OpenAILikeEmbedding)"
)


@pytest.mark.parametrize(
    ("code", "reported"),
    [
        pytest.param(None, False, id="no-code"),
        pytest.param('print("no LlamaIndex here")\n', False, id="no-llamaindex-code"),
        # gpt_academic: an import apply leaves as it is needs no new package
        pytest.param(
            "from llama_index.embeddings.openai import OpenAIEmbedding\n\nprint('ready')\n",
            False,
            id="unused-import-left",
        ),
        pytest.param(
            "from llama_index.embeddings.openai import OpenAIEmbedding\n\n"
            'embed = OpenAIEmbedding(model="text-embedding-3-small")\n',
            True,
            id="rewritten-by-apply",
        ),
        pytest.param(
            "from llama_index.embeddings.openai_like import OpenAILikeEmbedding\n\n"
            'embed = OpenAILikeEmbedding(model_name="embedding-3")\n',
            True,
            id="imported-already",
        ),
    ],
)
def test_a_package_is_added_only_for_code_that_imports_its_class(
    tmp_path, monkeypatch, code, reported
):
    """ML613 reports a missing OpenAI-like package only where the run's code has, or apply
    produces, an import of its class; the requirements alone say nothing of that."""
    (tmp_path / "requirements.txt").write_text(PINNED_EMBEDDINGS)
    if code is not None:
        (tmp_path / "app.py").write_text(code)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", ".", "--provider", "zhipu", "--no-cache"])
    assert (EMBEDDING_UPGRADE in result.output) is reported
    if code is None or "OpenAIEmbedding(" not in code:  # ML611 fails the rewritten one
        assert result.exit_code == int(reported)


def test_the_llm_package_follows_the_llm_code_only(registry):
    """Code building LlamaIndex's OpenAI LLM (imported from a llama_index module) needs the
    LLM package; the embedding package, needed by no code, is left out."""
    llm = 'from llama_index.llms.openai import (\n    OpenAI,\n)\n\nllm = OpenAI(model="gpt-4o")\n'
    bits = facts_of("python", llm.encode(), True, False, None)
    assert bits & (NEEDS_LLM_LIKE | NEEDS_EMBEDDING_LIKE) == NEEDS_LLM_LIKE
    client = (
        "from llama_index.core import VectorStoreIndex\nfrom openai import OpenAI\n\nc = OpenAI()\n"
    )
    assert not facts_of("python", client.encode(), True, False, None) & NEEDS_LLM_LIKE
    facts = RunFacts().joined(RunFacts.of_bits(bits))
    ctx = RuleContext(registry, registry.get("acme"), facts=facts)
    found = check_config("requirements.txt", "llama-index>=0.10\n", ctx, rules=RULES)
    assert [f.data["missing"] for f in found] == [["llama-index-llms-openai-like"]]
