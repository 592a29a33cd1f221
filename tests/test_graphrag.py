"""GraphRAG (t45b): the model entries of its settings.yaml that `graphrag init` writes, which
`apply` points at the provider (ML502, review; the models ML503's), the batch its text
embeddings go in (ML502, a warning), and its model entries written in code (ML670, manual)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext

from .cli_findings import cli as invoke
from .conftest import ACME_DIR
from .test_config_edits import migrate

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"

# the shape `graphrag init` (3.1.2) gives a project's settings.yaml, its model entries and
# the embed_text block, in words of our own
SETTINGS = (
    "### LLM settings ###\n"
    "\n"
    "completion_models:\n"
    "  default_completion_model:\n"
    "    model_provider: openai\n"
    "    model: gpt-4.1\n"
    "    auth_method: api_key # or azure_managed_identity\n"
    "    api_key: ${GRAPHRAG_API_KEY} # set in .env\n"
    "    retry:\n"
    "      type: exponential_backoff\n"
    "\n"
    "embedding_models:\n"
    "  default_embedding_model:\n"
    "    model_provider: openai\n"
    "    model: text-embedding-3-large\n"
    "    auth_method: api_key\n"
    "    api_key: ${GRAPHRAG_API_KEY}\n"
    "\n"
    "embed_text:\n"
    "  embedding_model_id: default_embedding_model\n"
)
MIGRATED = (
    "### LLM settings ###\n"
    "\n"
    "completion_models:\n"
    "  default_completion_model:\n"
    "    model_provider: openai\n"
    "    model: qwen4-max\n"
    "    auth_method: api_key # or azure_managed_identity\n"
    f"    api_base: {QWEN_URL}\n"
    "    api_key: ${DASHSCOPE_API_KEY} # set in .env\n"
    "    retry:\n"
    "      type: exponential_backoff\n"
    "\n"
    "embedding_models:\n"
    "  default_embedding_model:\n"
    "    model_provider: openai\n"
    "    model: text-embedding-v4\n"
    "    auth_method: api_key\n"
    f"    api_base: {QWEN_URL}\n"
    "    api_key: ${DASHSCOPE_API_KEY}\n"
    "\n"
    "embed_text:\n"
    "  batch_size: 10\n"
    "  embedding_model_id: default_embedding_model\n"
    "\n"
    "vector_store:\n"
    "  vector_size: 1024\n"
)
ENV = "GRAPHRAG_API_KEY=<API_KEY>\n"
MOVED = (
    "this entry picks OpenAI (model_provider: openai) and names no base URL: it goes to "
    f"api.openai.com; apply adds `api_base: {QWEN_URL}` before line {{line}}, written out "
    "(GraphRAG's ${{VAR}} takes no default: DASHSCOPE_BASE_URL is not read), and the key on "
    "line {line} reads ${{DASHSCOPE_API_KEY}} instead of ${{GRAPHRAG_API_KEY}}: set "
    "DASHSCOPE_API_KEY where GraphRAG runs (its .env)"
)
BATCH = (
    "embed_text.batch_size is not set: GraphRAG sends 16 texts a request to "
    "default_embedding_model, and Alibaba Qwen (DashScope / Model Studio) embeds at most 10 "
    "inputs per request (more fail with 400); apply writes `batch_size: 10` under embed_text:"
)

# ML511: GraphRAG's default vector width is text-embedding-3-large's
VECTOR_SIZE = (
    "GraphRAG's vector_store.vector_size (3072, its default) sizes its vector indexes for "
    "text-embedding-3-large's vectors; apply maps text-embedding-3-large to text-embedding-v4, "
    "which returns vectors 1024 wide: apply writes vector_size: 1024; `graphrag.api.build_index` "
    "and the query API use this setting as it is (only the `graphrag index` command measures the "
    "model), and an index built with OpenAI's embeddings must be rebuilt (`graphrag index`)"
)


def findings(*args: str) -> list[tuple[int, str, str, str, str]]:
    result = invoke("scan", *args, "--format", "json", "--no-cache", "-j", "1")
    assert result.exit_code == 0, result.output
    return [
        (f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
    ]


def test_apply_points_graphrag_init_entries_at_the_provider(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "settings.yaml").write_text(SETTINGS)
    (tmp_path / ".env").write_text(ENV)
    model = "Alibaba Qwen (DashScope / Model Studio)"
    assert findings("--provider", "qwen") == [
        (5, "ML502", "error", "review", MOVED.format(line=8)),
        (
            6,
            "ML503",
            "warning",
            "review",
            f"gpt-4.1 is an OpenAI model; it maps to qwen4-max on {model}",
        ),
        (14, "ML502", "error", "review", MOVED.format(line=17)),
        (
            15,
            "ML503",
            "warning",
            "review",
            f"text-embedding-3-large is an OpenAI model; it maps to text-embedding-v4 on {model}",
        ),
        (15, "ML511", "warning", "review", VECTOR_SIZE),
        (19, "ML502", "warning", "review", BATCH),
    ]
    assert invoke("check", "--provider", "qwen", "-j", "1").exit_code == 1
    applied = invoke("apply", "--provider", "qwen", "--yes", "-j", "1")
    assert applied.exit_code == 0
    assert (tmp_path / "settings.yaml").read_text() == MIGRATED
    assert (tmp_path / ".env").read_text() == ENV  # the user's OpenAI key stays where it is
    # the next step names the entries holding the URL now, not the batch
    assert " settings.yaml:5, settings.yaml:14 now hold Alibaba Qwen" in applied.output
    result = invoke("check", "--provider", "qwen", "-j", "1")
    assert (result.exit_code, result.stdout) == (0, "0 findings for qwen in 0 of 2 files\n")
    # a second apply changes nothing
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    assert (tmp_path / "settings.yaml").read_text() == MIGRATED


def test_line_endings_and_a_key_already_the_providers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = SETTINGS.replace("GRAPHRAG_API_KEY", "DASHSCOPE_API_KEY").replace("\n", "\r\n")
    (tmp_path / "settings.yaml").write_bytes(text.encode())
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    assert (tmp_path / "settings.yaml").read_bytes() == MIGRATED.replace("\n", "\r\n").encode()


def test_the_moved_entry_message_when_the_key_is_the_providers(registry: Registry) -> None:
    text = SETTINGS.replace("GRAPHRAG_API_KEY", "DASHSCOPE_API_KEY")
    after, found = migrate(registry, "settings.yaml", text, provider="qwen")
    assert after == MIGRATED
    assert found[0].message == (
        "this entry picks OpenAI (model_provider: openai) and names no base URL: it goes to "
        f"api.openai.com; apply adds `api_base: {QWEN_URL}` before line 8, written out "
        "(GraphRAG's ${VAR} takes no default: DASHSCOPE_BASE_URL is not read); its key is read "
        "from DASHSCOPE_API_KEY already"
    )
    assert found[0].data == {
        "url_from": "https://api.openai.com/v1",
        "url_key": "api_base",
        "url_to": QWEN_URL,
    }


def test_data_of_a_moved_entry_and_of_the_batch(registry: Registry) -> None:
    _, found = migrate(registry, "settings.yaml", SETTINGS, provider="qwen")
    assert [dict(f.data) for f in found if f.rule == "ML502"] == [
        {
            "url_from": "https://api.openai.com/v1",
            "url_key": "api_base",
            "url_to": QWEN_URL,
            "key_from": "GRAPHRAG_API_KEY",
            "key_to": "DASHSCOPE_API_KEY",
        },
        {
            "url_from": "https://api.openai.com/v1",
            "url_key": "api_base",
            "url_to": QWEN_URL,
            "key_from": "GRAPHRAG_API_KEY",
            "key_to": "DASHSCOPE_API_KEY",
        },
        {"setting": "embed_text.batch_size", "batch_size": 16, "batch_max": 10},
    ]


def _left(found) -> list[tuple[str, int, FixClass]]:
    return [(f.rule, f.line, f.fix) for f in found]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(
            "embed_text:\n",
            "vector_store:\n  api_key: ${GRAPHRAG_API_KEY}\n\nembed_text:\n",
            id="key-variable-read-elsewhere",
        ),
        pytest.param("${GRAPHRAG_API_KEY}", "${OPENAI_API_KEY}", id="openai-variable"),
        pytest.param("api_key: ${GRAPHRAG_API_KEY}", "api_key: sk-test", id="a-literal-key"),
        pytest.param("model: gpt-4.1", "model: ${GRAPHRAG_MODEL}", id="model-from-a-variable"),
        pytest.param("model: gpt-4.1", "model: davinci-002", id="a-model-without-a-mapping"),
        pytest.param(
            "    model: gpt-4.1\n", "    model: gpt-4.1\n    api_base:\n", id="empty-base"
        ),
    ],
)
def test_completion_entries_apply_leaves(registry: Registry, old: str, new: str) -> None:
    text = SETTINGS.replace(old, new, 1)
    after, found = migrate(registry, "settings.yaml", text, provider="qwen")
    moved = [f.line for f in found if f.rule == "ML502" and f.fix is FixClass.REVIEW]
    completion = 5
    assert completion not in moved
    assert next(f for f in found if f.line == completion).fix is FixClass.MANUAL
    lines = after.splitlines()
    assert (
        lines[completion - 1 : completion + 3] == text.splitlines()[completion - 1 : completion + 3]
    )


def test_a_shared_key_variable_leaves_both_entries(registry: Registry) -> None:
    text = SETTINGS.replace(
        "embed_text:\n", "vector_store:\n  api_key: ${GRAPHRAG_API_KEY}\n\nembed_text:\n"
    )
    after, found = migrate(registry, "settings.yaml", text, provider="qwen")
    assert after == text
    assert _left(found) == [
        ("ML502", 5, FixClass.MANUAL),
        ("ML503", 6, FixClass.MANUAL),
        ("ML502", 14, FixClass.MANUAL),
        ("ML503", 15, FixClass.MANUAL),
    ]
    assert found[0].message == (
        "this entry picks OpenAI (model_provider: openai) and names no base URL: it goes to "
        f"api.openai.com; add `api_base: {QWEN_URL}` and put Alibaba Qwen (DashScope / Model "
        "Studio)'s key (from DASHSCOPE_API_KEY) in place of the key on line 8 "
        "(${GRAPHRAG_API_KEY}), together (apply leaves this GraphRAG entry: the file reads "
        "${GRAPHRAG_API_KEY} elsewhere too)"
    )


def test_a_provider_without_embeddings_moves_the_completion_entry_only(registry: Registry) -> None:
    text = SETTINGS.replace("${GRAPHRAG_API_KEY} #", "${CHAT_KEY} #")
    after, found = migrate(registry, "settings.yaml", text, provider="deepseek")
    assert _left(found) == [
        ("ML502", 5, FixClass.REVIEW),
        ("ML503", 6, FixClass.MANUAL),  # community reports' json_schema (graphrag_structured)
        ("ML503", 6, FixClass.REVIEW),
        ("ML502", 14, FixClass.MANUAL),
        ("ML503", 15, FixClass.MANUAL),
    ]
    assert found[3].message == (
        "this entry picks OpenAI (model_provider: openai) and names no base URL: it goes to "
        "api.openai.com; DeepSeek has no embeddings API: keep this entry on OpenAI or point it "
        "at a provider that serves embeddings, with its base URL, key and model, by hand"
    )
    assert after.splitlines()[4:9] == [
        "    model_provider: openai",
        "    model: deepseek-v4-pro",
        "    auth_method: api_key # or azure_managed_identity",
        "    api_base: https://api.deepseek.com",
        "    api_key: ${CHAT_KEY} # set in .env",  # the user's variable: kept
    ]


def test_other_shapes_stay_manual(registry: Registry) -> None:
    # GraphRAG 2's `models:`, flow style, an Azure target: left as before
    text = "models:\n  chat: {model_provider: openai, model: gpt-4o, api_key: '${APP_KEY}'}\n"
    assert migrate(registry, "settings.yaml", text)[0] == text
    assert migrate(registry, "settings.yaml", SETTINGS, provider="azure")[0] == SETTINGS
    json_text = (
        '{"completion_models": {"default_completion_model": {"model_provider": "openai", '
        '"model": "gpt-4o", "api_key": "${APP_KEY}"}}}\n'
    )
    after, found = migrate(registry, "settings.json", json_text)
    assert after == json_text
    assert _left(found) == [("ML502", 1, FixClass.MANUAL), ("ML503", 1, FixClass.MANUAL)]


# a project migrated by hand, its URL read from the provider's variable (t45b's loopback run)
EMBEDDING = (
    "embedding_models:\n"
    "  default_embedding_model:\n"
    "    model_provider: openai\n"
    "    model: text-embedding-v4\n"
    "    api_base: ${DASHSCOPE_BASE_URL}\n"
    "    api_key: ${DASHSCOPE_API_KEY}\n"
    "\n"
    "vector_store:\n"
    "  vector_size: 1024\n"
    "\n"
)


@pytest.mark.parametrize(
    ("embed", "after", "line", "fix", "message"),
    [
        pytest.param(
            "embed_text:\n  embedding_model_id: default_embedding_model\n  batch_size: 16\n",
            "embed_text:\n  embedding_model_id: default_embedding_model\n  batch_size: 10\n",
            13,
            FixClass.REVIEW,
            "embed_text.batch_size is 16: GraphRAG sends 16 texts a request to "
            "default_embedding_model, and Alibaba Qwen (DashScope / Model Studio) embeds at "
            "most 10 inputs per request (more fail with 400); apply writes `batch_size: 10` there",
            id="written-16",
        ),
        pytest.param(
            "embed_text:\n  names: [text_unit_text]\n",
            "embed_text:\n  batch_size: 10\n  names: [text_unit_text]\n",
            11,
            FixClass.REVIEW,
            BATCH,
            id="unset",
        ),
        pytest.param(
            "embed_text:\n  batch_size: ${EMBED_BATCH}\n",
            None,
            12,
            FixClass.MANUAL,
            "embed_text.batch_size is not a number written here: GraphRAG sends that many texts "
            "a request to default_embedding_model, and Alibaba Qwen (DashScope / Model Studio) "
            "embeds at most 10 inputs per request (more fail with 400); set "
            "`embed_text.batch_size` to at most 10, by hand",
            id="a-variable",
        ),
        pytest.param(
            "embed_text: {names: [text_unit_text]}\n",
            None,
            11,
            FixClass.MANUAL,
            "embed_text.batch_size is not set: GraphRAG sends 16 texts a request to "
            "default_embedding_model, and Alibaba Qwen (DashScope / Model Studio) embeds at most "
            "10 inputs per request (more fail with 400); set `embed_text.batch_size` to at most "
            "10, by hand",
            id="flow-style",
        ),
        pytest.param(
            "",
            None,
            3,
            FixClass.MANUAL,
            "embed_text.batch_size is not set: GraphRAG sends 16 texts a request to "
            "default_embedding_model, and Alibaba Qwen (DashScope / Model Studio) embeds at most "
            "10 inputs per request (more fail with 400); set `embed_text.batch_size` to at most "
            "10, by hand",
            id="no-embed-text",
        ),
    ],
)
def test_the_embedding_batch_above_the_providers_most(
    registry: Registry, embed: str, after: str | None, line: int, fix: FixClass, message: str
) -> None:
    text = EMBEDDING + embed
    new, found = migrate(registry, "settings.yaml", text, provider="qwen")
    assert [(f.rule, f.line, f.fix, f.message) for f in found] == [("ML502", line, fix, message)]
    assert new == EMBEDDING + (after if after is not None else embed)
    if after is not None:
        assert migrate(registry, "settings.yaml", new, provider="qwen")[1] == []


@pytest.mark.parametrize(
    ("text", "provider"),
    [
        pytest.param(EMBEDDING + "embed_text:\n  batch_size: 8\n", "qwen", id="within"),
        pytest.param(EMBEDDING, "acme", id="default-within-acme-16"),
        pytest.param(EMBEDDING.replace("DASHSCOPE", "ACME"), "zhipu", id="another-providers"),
        pytest.param(
            EMBEDDING.replace("${DASHSCOPE_BASE_URL}", "http://localhost:11434/v1"),
            "qwen",
            id="a-local-server",
        ),
        pytest.param(
            EMBEDDING.replace("default_embedding_model", "other_model"), "qwen", id="not-used"
        ),
    ],
)
def test_batches_left_alone(registry: Registry, text: str, provider: str) -> None:
    assert [f for f in migrate(registry, "settings.yaml", text, provider=provider)[1]] == []


def test_check_stays_red_on_the_batch_alone(tmp_path, monkeypatch):
    # t45b's variant b16: migrated by hand, `batch_size: 16` written out
    monkeypatch.chdir(tmp_path)
    text = EMBEDDING.replace("${DASHSCOPE_BASE_URL}", QWEN_URL) + "embed_text:\n  batch_size: 16\n"
    (tmp_path / "settings.yaml").write_text(text)
    assert invoke("check", "--provider", "qwen", "-j", "1").exit_code == 1
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    assert (tmp_path / "settings.yaml").read_text() == text.replace("16", "10")
    assert invoke("check", "--provider", "qwen", "-j", "1").exit_code == 0


# migrated by hand, `graphrag init`'s key variable kept (t45 h11): the OpenAI key in .env
# would go to the provider
BY_HAND = (
    (
        "completion_models:\n"
        "  default_completion_model:\n"
        "    model_provider: openai\n"
        "    model: qwen4-max\n"
        f"    api_base: {QWEN_URL}\n"
        "    api_key: ${GRAPHRAG_API_KEY} # set in .env\n"
        "\n"
    )
    + EMBEDDING.replace("DASHSCOPE_API_KEY", "GRAPHRAG_API_KEY")
    + "embed_text:\n  batch_size: 10\n"
)
INIT_KEY = (
    "this entry's `api_base:` points at Alibaba Qwen (DashScope / Model Studio), but its key "
    "reads ${GRAPHRAG_API_KEY}, the variable `graphrag init` has .env set to your OpenAI key: "
    "that key would go to Alibaba Qwen (DashScope / Model Studio); "
)
INIT_KEY_APPLY = INIT_KEY + (
    "apply makes it read ${DASHSCOPE_API_KEY}: set DASHSCOPE_API_KEY where GraphRAG runs (its .env)"
)


def test_an_entry_pointed_at_the_provider_with_graphrags_key_variable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "settings.yaml").write_bytes(BY_HAND.encode())
    (tmp_path / ".env").write_text(ENV)
    assert findings("--provider", "qwen") == [
        (6, "ML502", "warning", "review", INIT_KEY_APPLY),
        (13, "ML502", "warning", "review", INIT_KEY_APPLY),
    ]
    assert invoke("check", "--provider", "qwen", "-j", "1").exit_code == 1
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    after = BY_HAND.replace("${GRAPHRAG_API_KEY}", "${DASHSCOPE_API_KEY}")
    assert (tmp_path / "settings.yaml").read_bytes() == after.encode()
    assert (tmp_path / ".env").read_text() == ENV  # never copied
    result = invoke("check", "--provider", "qwen", "-j", "1")
    assert (result.exit_code, result.stdout) == (0, "0 findings for qwen in 0 of 2 files\n")
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    assert (tmp_path / "settings.yaml").read_bytes() == after.encode()


def test_graphrags_key_variable_read_elsewhere_stays_manual(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = BY_HAND.replace(
        "embed_text:", "vector_store:\n  api_key: ${GRAPHRAG_API_KEY}\n\nembed_text:"
    )
    (tmp_path / "settings.yaml").write_text(text)
    manual = INIT_KEY + (
        "make it read ${DASHSCOPE_API_KEY} and set DASHSCOPE_API_KEY where GraphRAG runs (its "
        ".env), by hand (the file reads ${GRAPHRAG_API_KEY} elsewhere too)"
    )
    assert findings("--provider", "qwen") == [
        (6, "ML502", "warning", "manual", manual),
        (13, "ML502", "warning", "manual", manual),
    ]
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    assert (tmp_path / "settings.yaml").read_text() == text
    assert invoke("check", "--provider", "qwen", "-j", "1").exit_code == 1


def test_a_moved_entry_and_a_pointed_one_rename_graphrags_key_together(registry: Registry):
    # the completion entry as `graphrag init` wrote it, the embedding entry moved by hand
    batch = "embed_text:\n  batch_size: 10\n"
    pointed = EMBEDDING.replace("DASHSCOPE_API_KEY", "GRAPHRAG_API_KEY") + batch
    text = SETTINGS.split("embedding_models:")[0] + pointed
    after, found = migrate(registry, "settings.yaml", text, provider="qwen")
    assert [(f.rule, f.line, f.fix) for f in found] == [
        ("ML502", 5, FixClass.REVIEW),
        ("ML503", 6, FixClass.REVIEW),
        ("ML502", 17, FixClass.REVIEW),
    ]
    assert found[0].message == MOVED.format(line=8)
    assert found[2].message == INIT_KEY_APPLY
    assert found[2].data == {"key_from": "GRAPHRAG_API_KEY", "key_to": "DASHSCOPE_API_KEY"}
    assert after == MIGRATED.split("embedding_models:")[0] + EMBEDDING + batch
    assert migrate(registry, "settings.yaml", after, provider="qwen")[1] == []


def test_a_json_settings_file_pointed_at_the_provider(registry: Registry):
    text = (
        '{"completion_models": {"default_completion_model": {"model_provider": "openai", '
        f'"model": "qwen4-max", "api_base": "{QWEN_URL}", "api_key": "${{GRAPHRAG_API_KEY}}"}}}}}}\n'
    )
    after, found = migrate(registry, "settings.json", text, provider="qwen")
    assert [(f.rule, f.line, f.fix, f.message) for f in found] == [
        ("ML502", 1, FixClass.REVIEW, INIT_KEY_APPLY)
    ]
    assert after == text.replace("GRAPHRAG_API_KEY", "DASHSCOPE_API_KEY")


@pytest.mark.parametrize(
    ("text", "provider"),
    [
        pytest.param(
            BY_HAND.replace("GRAPHRAG_API_KEY", "DASHSCOPE_API_KEY"), "qwen", id="providers-key"
        ),
        pytest.param(BY_HAND.replace("GRAPHRAG_API_KEY", "APP_KEY"), "qwen", id="another-variable"),
        pytest.param(
            BY_HAND.replace(QWEN_URL, "http://localhost:11434/v1").replace(
                "${DASHSCOPE_BASE_URL}", "http://localhost:11434/v1"
            ),
            "qwen",
            id="a-local-server",
        ),
        pytest.param(BY_HAND, "openai", id="not-migrating"),
    ],
)
def test_graphrags_key_variable_left_alone(registry: Registry, text: str, provider: str) -> None:
    found = migrate(registry, "settings.yaml", text, provider=provider)[1]
    assert [f for f in found if f.data.get("key_from") == "GRAPHRAG_API_KEY"] == []


# ---- model entries written in code (ML670) -----------------------------------------------

SEARCH = (
    "import os\n"
    "\n"
    "from graphrag_llm.completion import create_completion\n"
    "from graphrag_llm.config import ModelConfig\n"
    "\n"
    "chat_config = ModelConfig(\n"
    '    type="litellm",\n'
    '    model_provider="openai",\n'
    '    model="gpt-4.1",\n'
    '    api_key=os.environ["GRAPHRAG_API_KEY"],\n'
    ")\n"
    'print(create_completion(chat_config).completion(messages="Who?").content)\n'
)
SEARCH_MESSAGE = (
    'model_provider="openai" with no api_base: GraphRAG sends this model entry through litellm '
    "to api.openai.com (litellm reads OPENAI_BASE_URL and OPENAI_API_BASE for the base URL it "
    "leaves out); for Alibaba Qwen (DashScope / Model Studio) give it api_base=os.environ.get("
    f'"DASHSCOPE_BASE_URL", "{QWEN_URL}") and api_key=os.environ["DASHSCOPE_API_KEY"] in place '
    'of os.environ["GRAPHRAG_API_KEY"]{model}, by hand'
)
SETTINGS_CODE = (
    "import yaml\n"
    "\n"
    "settings = {\n"
    '    "completion_models": {\n'
    '        "default_completion_model": {"model_provider": "openai", "model": "gpt-4.1",\n'
    '                                     "api_key": "${GRAPHRAG_API_KEY}"},\n'
    "    },\n"
    "}\n"
    'open("settings.yaml", "w").write(yaml.dump(settings))\n'
)


def scanned(registry: Registry, text: str, provider: str | None = "qwen"):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    return [(f.line, f.rule, f.fix.value, f.message) for f in found]


def test_a_model_config_without_a_base_url_stays_red_until_it_has_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "search.py").write_text(SEARCH)
    mapped = " and model=\"qwen4-max\" (for 'gpt-4.1')"
    assert findings("--provider", "qwen") == [
        (8, "ML670", "error", "manual", SEARCH_MESSAGE.format(model=mapped))
    ]
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    assert (tmp_path / "search.py").read_text() == SEARCH  # no model-only rewrite
    assert invoke("check", "--provider", "qwen", "-j", "1").exit_code == 1
    # the model changed by hand, as ML206 used to say: still OpenAI's endpoint
    partial = SEARCH.replace("gpt-4.1", "qwen4-max")
    (tmp_path / "search.py").write_text(partial)
    assert findings("--provider", "qwen") == [
        (8, "ML670", "error", "manual", SEARCH_MESSAGE.format(model=""))
    ]
    # as the message says: base URL and key with it
    done = partial.replace(
        '    api_key=os.environ["GRAPHRAG_API_KEY"],\n',
        f'    api_base=os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"),\n'
        '    api_key=os.environ["DASHSCOPE_API_KEY"],\n',
    )
    (tmp_path / "search.py").write_text(done)
    result = invoke("check", "--provider", "qwen", "-j", "1")
    assert (result.exit_code, result.stdout) == (0, "0 findings for qwen in 0 of 1 file\n")


def test_a_settings_dict_is_left_with_its_model(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "make_settings.py").write_text(SETTINGS_CODE)
    assert findings("--provider", "qwen") == [
        (
            5,
            "ML670",
            "error",
            "manual",
            '"model_provider": "openai" with no api_base: GraphRAG sends this model entry '
            "through litellm to api.openai.com (litellm reads OPENAI_BASE_URL and "
            "OPENAI_API_BASE for the base URL it leaves out); for Alibaba Qwen (DashScope / "
            f'Model Studio) give it "api_base": "{QWEN_URL}" (written out: GraphRAG\'s ${{VAR}} '
            'takes no default) and "api_key": "${DASHSCOPE_API_KEY}" in place of '
            '"${GRAPHRAG_API_KEY}" and "model": "qwen4-max" (for \'gpt-4.1\'), by hand',
        )
    ]
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    assert (tmp_path / "make_settings.py").read_text() == SETTINGS_CODE
    assert invoke("check", "--provider", "qwen", "-j", "1").exit_code == 1


def test_an_openai_key_read_in_an_entry_left_is_not_renamed(registry: Registry) -> None:
    text = (
        "import os\n\n"
        'SETTINGS = {"chat": {"model_provider": "openai", "model": "qwen4-max",\n'
        '                     "api_key": os.getenv("OPENAI_API_KEY")}}\n'
    )
    found = scanned(registry, text)
    assert [(line, rule, fix) for line, rule, fix, _ in found] == [
        (3, "ML670", "manual"),
        (4, "ML401", "manual"),
    ]
    assert found[1][3] == (
        "reads OPENAI_API_KEY, the key of the GraphRAG model entry on line 3, which apply leaves "
        "talking to OpenAI (ML670): given Alibaba Qwen (DashScope / Model Studio)'s key "
        "(DASHSCOPE_API_KEY) it would send that key there; point that entry at Alibaba Qwen "
        "(DashScope / Model Studio) (its api_base and model), then read DASHSCOPE_API_KEY, by hand"
    )


def test_an_azure_entry_and_an_embeddings_entry_without_embeddings(registry: Registry) -> None:
    text = (
        "import os\n\nfrom graphrag_llm.config import ModelConfig\n\n"
        'chat = ModelConfig(model_provider="azure", model="gpt-4o", '
        'azure_deployment_name="chat",\n'
        '                   api_base="https://res.openai.azure.com", api_key=os.environ["KEY"])\n'
        'emb = ModelConfig(model_provider="openai", model="text-embedding-3-small", '
        'api_key=os.environ["KEY"])\n'
    )
    found = scanned(registry, text, "deepseek")
    assert [(line, rule) for line, rule, _, _ in found] == [(5, "ML670"), (7, "ML670")]
    assert found[0][3] == (
        'model_provider="azure" sends this GraphRAG model entry to Azure OpenAI, where its model '
        "names a deployment of your resource and its key is Azure's; for DeepSeek give it "
        'model_provider="openai", api_base=os.environ.get("DEEPSEEK_BASE_URL", '
        '"https://api.deepseek.com") and api_key=os.environ["DEEPSEEK_API_KEY"] in place of '
        'os.environ["KEY"] and model="deepseek-v4-pro" (for \'gpt-4o\') (without '
        "azure_deployment_name), by hand"
    )
    assert found[1][3] == (
        'model_provider="openai" with no api_base: GraphRAG sends this model entry through '
        "litellm to api.openai.com (litellm reads OPENAI_BASE_URL and OPENAI_API_BASE for the "
        "base URL it leaves out); DeepSeek has no embeddings API: keep this entry on OpenAI or "
        "give it api_base, api_key and a model of a provider that serves embeddings, by hand"
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "from graphrag_llm.config import LLMProviderType, ModelConfig\n\n"
            'm = ModelConfig(type=LLMProviderType.MockLLM, model_provider="openai", '
            'model="acme-large", mock_responses=["hi"])\n',
            id="mock",
        ),
        pytest.param(
            'cfg = {"model_provider": "openai", "model": "acme-large", '
            '"api_base": "https://api.acme.example/v1"}\n',
            id="with-a-base-url",
        ),
        pytest.param(
            'cfg = {"model_provider": "ollama", "model": "llama3"}\n',
            id="another-provider",
        ),
        pytest.param(
            "from langchain.chat_models import init_chat_model\n\n"
            'llm = init_chat_model("acme-large", model_provider="openai")\n',
            id="langchain-init-chat-model",
        ),
    ],
)
def test_entries_not_reported(registry: Registry, text: str) -> None:
    assert [f for f in scanned(registry, text, "acme") if f[1] == "ML670"] == []


def test_silent_without_switching(registry: Registry) -> None:
    assert scanned(registry, SEARCH, "openai") == []


def test_a_notebook_cell_naming_the_providers_model_is_read(tmp_path, monkeypatch):
    # graphrag's example notebooks, their model changed by hand: nothing else names OpenAI
    monkeypatch.chdir(tmp_path)
    cell = SEARCH.replace("gpt-4.1", "qwen4-max")
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": cell.splitlines(keepends=True),
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "search.ipynb").write_text(json.dumps(notebook, indent=1))
    result = invoke("check", "--provider", "qwen", "--format", "json", "-j", "1")
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["cell"], f["line"], f["rule"]) for f in found] == [(1, 8, "ML670")]


# an OpenAI-shaped key of our own making (not a real one)
OPENAI_ENV = "GRAPHRAG_API_KEY=sk-proj-Qm7vT2xWk9LpR4nZ8bYc3HdF6gJs1aEu\n"
QWEN = "Alibaba Qwen (DashScope / Model Studio)"


def _env_findings() -> list[tuple[int, str, str]]:
    result = invoke("check", "--provider", "qwen", "--format", "json", "-j", "1")
    return [(f["line"], f["rule"], f["message"]) for f in json.loads(result.stdout)["findings"]]


def test_ml505_names_the_variable_graphrag_reads_once_applied(tmp_path, monkeypatch):
    """t53f: apply renames ${GRAPHRAG_API_KEY}; the .env holding the OpenAI key there is told
    to put the provider's key in DASHSCOPE_API_KEY (never copied), and a leftover OpenAI key
    stays reported until the line is gone."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "settings.yaml").write_text(SETTINGS)
    (tmp_path / ".env").write_text(OPENAI_ENV)
    told = (
        "GRAPHRAG_API_KEY holds an OpenAI key (sk-pr…Eu), and GraphRAG's settings.yaml reads "
        "its key from DASHSCOPE_API_KEY, not from it, once applied (ML502): put "
        f"{QWEN}'s key in DASHSCOPE_API_KEY (`DASHSCOPE_API_KEY=...` in this file), and remove "
        "this line"
    )
    assert findings("--provider", "qwen")[0] == (1, "ML505", "error", "manual", told)
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    assert (tmp_path / "settings.yaml").read_text() == MIGRATED
    assert (tmp_path / ".env").read_text() == OPENAI_ENV  # never copied
    assert _env_findings() == [(1, "ML505", told)]
    # done as told, the OpenAI key left behind
    (tmp_path / ".env").write_text(OPENAI_ENV + "DASHSCOPE_API_KEY=sk-test\n")
    result = invoke("check", "--provider", "qwen", "-j", "1")
    assert result.exit_code == 1
    assert _env_findings() == [
        (
            1,
            "ML505",
            "GRAPHRAG_API_KEY holds an OpenAI key (sk-pr…Eu), and GraphRAG's settings.yaml "
            "reads its key from DASHSCOPE_API_KEY, not from it, once applied (DASHSCOPE_API_KEY "
            "set here): remove this line",
        )
    ]
    (tmp_path / ".env").write_text("DASHSCOPE_API_KEY=sk-test\n")
    assert invoke("check", "--provider", "qwen", "-j", "1").exit_code == 0


def test_ml505_where_the_settings_still_read_graphrags_variable(tmp_path, monkeypatch):
    """Read elsewhere too, ${GRAPHRAG_API_KEY} stays (a person renames it): the key goes
    there."""
    monkeypatch.chdir(tmp_path)
    shared = SETTINGS + "vector_store:\n  api_key: ${GRAPHRAG_API_KEY}\n"
    (tmp_path / "settings.yaml").write_text(shared)
    (tmp_path / ".env").write_text(OPENAI_ENV)
    assert findings("--provider", "qwen")[0][4] == (
        "GRAPHRAG_API_KEY holds an OpenAI key (sk-pr…Eu): after the switch, requests that carry "
        f"it go to {QWEN}, which rejects it, and the key leaks there; put {QWEN}'s key there "
        "instead"
    )


# graphrag's own unit-test fixtures (tests/unit/config/fixtures), in words of our own: the
# variable a test sets, and one it leaves unset on purpose
@pytest.mark.parametrize("variable", ["CUSTOM_API_KEY", "SOME_NON_EXISTENT_ENV_VAR"])
def test_a_variable_of_the_users_is_kept(registry: Registry, variable: str) -> None:
    text = (
        "completion_models:\n  default_completion_model:\n"
        f"    api_key: ${{{variable}}}\n    model_provider: openai\n    model: gpt-4.1\n\n"
        "embedding_models:\n  default_embedding_model:\n"
        f"    api_key: ${{{variable}}}\n    model_provider: openai\n"
        "    model: text-embedding-3-large\n"
    )
    after, found = migrate(registry, "settings.yaml", text, provider="qwen")
    assert after == (
        "completion_models:\n  default_completion_model:\n"
        f"    api_base: {QWEN_URL}\n"
        f"    api_key: ${{{variable}}}\n    model_provider: openai\n    model: qwen4-max\n\n"
        "embedding_models:\n  default_embedding_model:\n"
        f"    api_base: {QWEN_URL}\n"
        f"    api_key: ${{{variable}}}\n    model_provider: openai\n"
        "    model: text-embedding-v4\n"
        "\nvector_store:\n  vector_size: 1024\n"
    )
    moved = [f for f in found if f.rule == "ML502" and f.line == 4]
    assert [f.message for f in moved] == [
        "this entry picks OpenAI (model_provider: openai) and names no base URL: it goes to "
        f"api.openai.com; apply adds `api_base: {QWEN_URL}` before line 3, written out "
        "(GraphRAG's ${VAR} takes no default: DASHSCOPE_BASE_URL is not read); its key on line 3 "
        f"stays read from {variable}, a variable of yours: put {QWEN}'s key in it"
    ]
    assert "key_from" not in moved[0].data


def _index_project(tmp_path: Path, settings: str = SETTINGS) -> None:
    (tmp_path / "settings.yaml").write_text(settings)
    (tmp_path / ".env").write_text(ENV)


REBUILD = (
    "GraphRAG's {dirs} beside this file hold an index or cache built with "
    "text-embedding-3-large: once apply maps it to text-embedding-v4, `graphrag query` fails on "
    "the stored vectors' width, and a new index reads the old model's answers and vectors back "
    "from the cache (its key leaves the model out); delete {dirs} and run `graphrag index` again"
)


def test_an_index_built_with_the_old_embedding_model(tmp_path, monkeypatch):
    """t53f: query fails on 3072-d vectors after the switch to text-embedding-v4."""
    monkeypatch.chdir(tmp_path)
    _index_project(tmp_path)
    (tmp_path / "output" / "lancedb" / "entity_description.lance").mkdir(parents=True)
    (tmp_path / "cache" / "extract_graph").mkdir(parents=True)
    (tmp_path / "cache" / "extract_graph" / "chat_0f3a").write_text("{}")
    rebuild = (15, "ML503", "warning", "manual", REBUILD.format(dirs="output/ and cache/"))
    assert rebuild in findings("--provider", "qwen")
    # the directories the settings name
    (tmp_path / "output").rename(tmp_path / "built")
    (tmp_path / "cache").rename(tmp_path / "kept")
    named = SETTINGS + (
        "output_storage:\n  base_dir: built\n"
        "cache:\n  storage:\n    base_dir: 'kept'\n"
        "vector_store:\n  db_uri: built/lancedb\n"
    )
    (tmp_path / "settings.yaml").write_text(named)
    rebuild = (15, "ML503", "warning", "manual", REBUILD.format(dirs="built/ and kept/"))
    assert rebuild in findings("--provider", "qwen")


@pytest.mark.parametrize("made", [(), ("output", "cache"), ("input",)])
def test_no_index_built_no_rebuild(tmp_path, monkeypatch, made: tuple[str, ...]) -> None:
    monkeypatch.chdir(tmp_path)
    _index_project(tmp_path)
    for name in made:  # empty directories: nothing built yet
        (tmp_path / name).mkdir()
    assert not [
        f for f in findings("--provider", "qwen") if f[1] == "ML503" and "graphrag index" in f[4]
    ]
