"""ML613 beside a pinned LlamaIndex: the OpenAI-like package gets the releases that install with
the pinned llama-index-core line, or is left out (and reported) when no release of it does."""

from __future__ import annotations

import pytest

from migrate_llm.frameworks import llamaindex as li
from migrate_llm.model import FixClass
from migrate_llm.registry import Registry
from migrate_llm.rules.framework_requirements import _core_lines

from .test_framework_requirements import migrate

LLM = "llama-index-llms-openai-like"
EMBEDDING = "llama-index-embeddings-openai-like"


def added(registry: Registry, text: str, path: str = "requirements.txt") -> str:
    """The lines ML613 writes into `text`, checked to be written once."""
    new, findings = migrate(registry, path, text)
    assert findings and all(f.fix is FixClass.REVIEW for f in findings)
    again, later = migrate(registry, path, new)
    assert (again, [f for f in later if f.edit is not None]) == (new, [])
    return "".join(line for line in new.splitlines(keepends=True) if line not in text)


PINNED = [
    pytest.param(
        "llama-index-core==0.10.68\nllama-index-llms-openai==0.1.31\n",
        f"{LLM}>=0.1,<0.2\n",
        id="core-0.10-exact",
    ),
    pytest.param(
        "llama-index-core>=0.10,<0.11\nllama-index-llms-openai\n",
        f"{LLM}>=0.1,<0.2\n",
        id="core-0.10-range",
    ),
    pytest.param(
        "llama-index-core~=0.11.0\nllama-index-llms-openai\n",
        f"{LLM}>=0.2,<0.3\n",
        id="core-0.11-compatible-release",
    ),
    pytest.param(
        "llama-index-core==0.11.*\nllama-index-llms-openai\n",
        f"{LLM}>=0.2,<0.3\n",
        id="core-0.11-wildcard",
    ),
    pytest.param(
        "llama-index-llms-openai==0.3.12\n",
        f"{LLM}>=0.3,<0.5\n",
        id="openai-package-alone-0.3-means-core-0.12",
    ),
    pytest.param(
        "llama-index-llms-openai==0.4.7\n",
        f"{LLM}>=0.3,<0.5\n",
        id="openai-package-alone-0.4-means-core-0.12",
    ),
    pytest.param(
        "llama-index==0.12.1\n",
        f"{LLM}>=0.3,<0.5\n{EMBEDDING}>=0.1,<0.2.1\n",
        id="meta-package-0.12",
    ),
    pytest.param(
        "llama-index-core==0.13.6\nllama-index-embeddings-openai==0.5.2\n",
        f"{EMBEDDING}>=0.2.1,<0.5\n",
        id="core-0.13-embeddings",
    ),
    pytest.param(
        "llama-index-core==0.13.6\nllama-index-llms-openai\n",
        f"{LLM}>=0.5,<0.5.2\n",
        id="core-0.13-llm",
    ),
    pytest.param(
        "llama-index-core==0.14.0\nllama-index-llms-openai\n",
        f"{LLM}>=0.5.1,<0.9\n",
        id="core-0.14-llm",
    ),
    pytest.param(
        "llama-index==0.14.0\n",
        f"{LLM}>=0.5,<0.9\n{EMBEDDING}>=0.2.1,<0.5\n",
        id="meta-0.14.0-takes-core-0.13-too",
    ),
    pytest.param(
        "llama-index-core<0.13\nllama-index\n",
        f"{LLM}>=0.1,<0.5\n{EMBEDDING}>=0.1,<0.2.1\n",
        id="capped-core-several-lines",
    ),
    pytest.param(
        "llama-index-core>=0.12\nllama-index-llms-openai==0.3.1\n",
        f"{LLM}>=0.3,<0.5\n",
        id="open-core-but-pinned-openai-package",
    ),
]


@pytest.mark.parametrize(("text", "lines"), PINNED)
def test_pinned_llamaindex_gets_a_matching_specifier(registry, text, lines):
    assert added(registry, text) == lines


UNPINNED = [
    pytest.param("llama-index>=0.10\n", id="meta-open"),
    pytest.param("llama-index-core>=0.12\nllama-index-llms-openai>=0.3\n", id="floors-only"),
    pytest.param("llama-index-llms-openai\n", id="nothing-pinned"),
    # releases newer than the table: nothing known about them, so nothing is guessed
    pytest.param("llama-index-llms-openai==0.9.0\n", id="openai-package-newer-than-table"),
    pytest.param("llama-index-core==0.15.0\nllama-index-llms-openai\n", id="core-newer"),
    pytest.param("llama-index-core==0.9.48\nllama-index-llms-openai\n", id="core-older"),
]


@pytest.mark.parametrize("text", UNPINNED)
def test_unpinned_llamaindex_gets_the_package_unpinned(registry, text):
    assert set(added(registry, text).splitlines()) <= {LLM, EMBEDDING}
    _, [finding] = migrate(registry, "requirements.txt", text)
    assert finding.message.endswith(("): add it", "): add them"))
    assert set(finding.data) == {"framework", "requirement", "missing"}


def test_no_embeddings_release_for_core_0_10_is_reported_not_added(registry):
    text = "llama-index-core==0.10.68\nllama-index-embeddings-openai==0.1.10\n"
    new, [finding] = migrate(registry, "requirements.txt", text)
    assert new == text
    assert (finding.edit, finding.fix) == (None, FixClass.MANUAL)
    assert finding.message == (
        "llama-index-embeddings-openai==0.1.10 is listed, but not "
        "llama-index-embeddings-openai-like, which migrated code imports (OpenAILikeEmbedding): "
        "no release of it works with llama-index-core 0.10, which the versions listed here "
        "allow; upgrade LlamaIndex to 0.12 or later and add it"
    )
    assert finding.data == {
        "framework": "llamaindex",
        "requirement": "llama-index-embeddings-openai==0.1.10",
        "missing": [EMBEDDING],
        "core": "0.10",
        "specs": {},
        "unavailable": [EMBEDDING],
    }


def test_core_0_11_embeddings_pin_alone_is_reported_too(registry):
    text = "llama-index-embeddings-openai==0.2.5\n"
    new, [finding] = migrate(registry, "requirements.txt", text)
    assert (new, finding.fix, finding.data["core"]) == (text, FixClass.MANUAL, "0.11")


def test_meta_package_0_10_gets_the_llm_package_only(registry):
    text = "llama-index==0.10.43\nrequests\n"
    new, [finding] = migrate(registry, "requirements.txt", text)
    assert new == f"llama-index==0.10.43\n{LLM}>=0.1,<0.2\nrequests\n"
    assert finding.fix is FixClass.REVIEW
    assert finding.message == (
        "llama-index==0.10.43 is listed, but not llama-index-llms-openai-like or "
        "llama-index-embeddings-openai-like, which migrated code imports (OpenAILike, "
        "OpenAILikeEmbedding): add llama-index-llms-openai-like>=0.1,<0.2 (the releases that "
        "work with llama-index-core 0.10, which the versions listed here allow); no release of "
        "llama-index-embeddings-openai-like works with llama-index-core 0.10; upgrade "
        "LlamaIndex to 0.12 or later and add it"
    )
    assert finding.data["specs"] == {LLM: ">=0.1,<0.2"}
    assert finding.data["unavailable"] == [EMBEDDING]
    # the next run still reports the embeddings package, with nothing to edit
    again, [left] = migrate(registry, "requirements.txt", new)
    assert (again, left.fix, left.data["missing"]) == (new, FixClass.MANUAL, [EMBEDDING])


def test_message_names_the_specifier_and_the_line(registry):
    text = "llama-index-core==0.12.5\nllama-index-llms-openai==0.3.12\n"
    _, [finding] = migrate(registry, "requirements.txt", text)
    assert finding.message == (
        "llama-index-llms-openai==0.3.12 is listed, but not llama-index-llms-openai-like, "
        "which migrated code imports (OpenAILike): add llama-index-llms-openai-like>=0.3,<0.5 "
        "(the releases that work with llama-index-core 0.12, which the versions listed here "
        "allow)"
    )
    assert finding.data == {
        "framework": "llamaindex",
        "requirement": "llama-index-llms-openai==0.3.12",
        "missing": [LLM],
        "core": "0.12",
        "specs": {LLM: ">=0.3,<0.5"},
    }


def test_hash_checked_file_with_a_pin(registry):
    text = "llama-index-llms-openai==0.2.16 \\\n    --hash=sha256:abcd\n"
    new, [finding] = migrate(registry, "requirements.txt", text)
    assert (new, finding.fix) == (text, FixClass.MANUAL)
    assert finding.message.endswith(
        "add llama-index-llms-openai-like>=0.2,<0.3 (the releases that work with "
        "llama-index-core 0.11, which the versions listed here allow) and regenerate the "
        "hash-checked file"
    )


FORMATS = [
    pytest.param(
        "pyproject.toml",
        '[project]\ndependencies = [\n    "llama-index-core==0.11.20",\n'
        '    "llama-index-llms-openai",\n]\n',
        '[project]\ndependencies = [\n    "llama-index-core==0.11.20",\n'
        '    "llama-index-llms-openai",\n    "llama-index-llms-openai-like>=0.2,<0.3",\n]\n',
        id="pep621",
    ),
    pytest.param(
        "pyproject.toml",
        '[project]\ndependencies = ["llama-index==0.12.30"]\n',
        '[project]\ndependencies = ["llama-index==0.12.30", '
        '"llama-index-llms-openai-like>=0.3,<0.5", '
        '"llama-index-embeddings-openai-like>=0.1,<0.2.1"]\n',
        id="pep621-inline",
    ),
    pytest.param(
        "pyproject.toml",
        '[tool.poetry.dependencies]\nllama-index-core = "~0.12.10"\n'
        'llama-index-llms-openai = { version = "^0.3", optional = true }\n',
        '[tool.poetry.dependencies]\nllama-index-core = "~0.12.10"\n'
        'llama-index-llms-openai = { version = "^0.3", optional = true }\n'
        'llama-index-llms-openai-like = ">=0.3,<0.5"\n',
        id="poetry",
    ),
    pytest.param(
        "setup.cfg",
        "[options]\ninstall_requires =\n    llama-index-core==0.10.50\n"
        "    llama-index-llms-openai\n    numpy\n",
        "[options]\ninstall_requires =\n    llama-index-core==0.10.50\n"
        "    llama-index-llms-openai\n    llama-index-llms-openai-like>=0.1,<0.2\n    numpy\n",
        id="setup-cfg",
    ),
]


@pytest.mark.parametrize(("path", "before", "after"), FORMATS)
def test_specifier_in_each_format(registry, path, before, after):
    new, findings = migrate(registry, path, before)
    assert new == after
    assert findings and all(f.fix is FixClass.REVIEW for f in findings)
    assert migrate(registry, path, new) == (new, [])


@pytest.mark.parametrize(
    ("name", "spec", "lines"),
    [
        ("llama-index-core", "==0.12.5", {(0, 12)}),
        ("llama-index-core", "^0.11.3", {(0, 11)}),  # Poetry: >=0.11.3,<0.12
        ("llama-index-core", "~0.13", {(0, 13)}),
        ("llama-index-core", ">0.10.68,<0.12", {(0, 10), (0, 11)}),
        ("llama-index-core", "==0.10.*||==0.12.*", {(0, 10), (0, 12)}),
        ("llama-index-core", "<0.15", {(0, 10), (0, 11), (0, 12), (0, 13), (0, 14)}),
        ("llama-index-core", "<0.15.1", None),  # admits 0.15.0, which the table does not know
        ("llama-index-core", "!=0.12.1", None),
        ("llama-index-core", "", None),
        ("llama-index-llms-openai", "==0.5.6", {(0, 13), (0, 14)}),
        ("llama-index-embeddings-openai", "<0.3", {(0, 10), (0, 11)}),
        ("llama-index-embeddings-openai", "==0.3.1", {(0, 12)}),
        ("llama-index-llms-openai-like", "==0.3.1", None),  # not a package that pins the line
    ],
)
def test_core_lines_a_specifier_allows(name, spec, lines):
    found = _core_lines(name, spec)
    assert (set(found) if found is not None else None) == lines


def test_tables_agree():
    lines = set(li.CORE_LINE_RELEASES["llama-index-core"])
    for table in (*li.CORE_LINE_RELEASES.values(), *li.OPENAI_LIKE_RELEASES.values()):
        assert set(table) <= lines
        assert all(first < beyond for first, beyond in table.values())
    assert set(li.OPENAI_LIKE_RELEASES) == {LLM, EMBEDDING}
    assert set(li.CORE_LINE_RELEASES) >= set(li.REQUIREMENTS_NEEDED)


def test_setup_cfg_reads_a_specifier_with_commas_but_not_a_list_on_one_line():
    from migrate_llm.formats.dependencies import _setup_cfg

    text = (
        "[options]\ninstall_requires =\n    llama-index-core>=0.12,<0.13\n"
        "[options.extras_require]\nllm = llama-index-llms-openai, requests\n"
    )
    assert [(r.name, r.spec) for r in _setup_cfg(text)] == [("llama-index-core", ">=0.12,<0.13")]
