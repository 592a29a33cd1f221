"""Model ids that go to the provider with a base URL apply switches, or that a program writes
into a config file: check stays red until they are the provider's (t43a D1, D3; t43b D1)."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .test_config_edits import migrate
from .test_model_labels import migrated

# MetaGPT's software_company.DEFAULT_CONFIG, which `metagpt --init-config` writes
TEMPLATE = (
    'DEFAULT_CONFIG = """llm:\n'
    '  api_type: "openai"\n'
    '  model: "gpt-4-turbo"\n'
    '  base_url: "https://api.openai.com/v1"\n'
    '  api_key: "YOUR_API_KEY"\n'
    '"""\n\n\n'
    "def init(path):\n"
    '    open(path, "w").write(DEFAULT_CONFIG)\n'
)
TEXT_MODEL = (
    "'gpt-4-turbo' (llm.model in the config text of DEFAULT_CONFIG) maps to 'acme-large' on "
    "Acme Cloud; apply leaves text in a string as it is (the program writes or reads it as a "
    "config file): change it there by hand, with the base URL and key beside it"
)


def test_a_model_in_a_config_text_is_reported_and_left(registry):
    found, after = migrated(registry, TEMPLATE)
    assert after == TEMPLATE
    assert found == [
        (3, 10, "ML204", "warning", "manual", TEXT_MODEL),
        (
            4,
            14,
            "ML402",
            "warning",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; replace it with Acme Cloud's base "
            "URL by hand",
        ),
    ]


def test_the_model_keeps_check_red_once_the_url_is_fixed_by_hand(registry):
    fixed = TEMPLATE.replace("https://api.openai.com/v1", "https://api.acme.example/v1")
    found, after = migrated(registry, fixed)
    assert after == fixed
    assert found == [(3, 10, "ML204", "warning", "manual", TEXT_MODEL)]
    done = fixed.replace("gpt-4-turbo", "acme-large")
    assert migrated(registry, done) == ([], done)


def test_a_config_text_with_escapes_is_reported_on_the_string(registry):
    text = "CFG = \"llm:\\n  model: 'gpt-4o'\\n\"\n"
    found, _ = migrated(registry, text)
    assert [(f[0], f[1], f[2], f[4]) for f in found] == [(1, 7, "ML204", "manual")]


def test_docstrings_and_prose_are_not_config_texts(registry):
    text = (
        'def f():\n    """Settings.\n\n    model: gpt-4o\n    """\n\n\n'
        'PROMPT = """Answer briefly.\nThe model: gpt-4o is fast.\n"""\n'
    )
    assert migrated(registry, text) == ([], text)


# MetaGPT's config2.yaml, the Architect's model an Azure deployment's name
AZURE_STYLE = (
    "llm:\n"
    '  api_type: "openai"\n'
    '  base_url: "https://api.openai.com/v1"\n'
    '  api_key: "YOUR_API_KEY"\n'
    '  model: "gpt-35-turbo"\n'
)


def test_an_unknown_model_beside_a_switched_base_url_is_reported(registry):
    after, found = migrate(registry, "config2.yaml", AZURE_STYLE)
    assert after == AZURE_STYLE.replace("api.openai.com", "api.acme.example")
    assert [(f.rule, f.line, f.column, f.fix.value, f.message) for f in found] == [
        (
            "ML502",
            3,
            13,
            "safe",
            "https://api.openai.com/v1 is OpenAI's endpoint; use Acme Cloud's base URL "
            "https://api.acme.example/v1 instead",
        ),
        (
            "ML503",
            5,
            10,
            "manual",
            "gpt-35-turbo is neither an OpenAI model nor one Acme Cloud lists, and goes to Acme "
            "Cloud through the OpenAI base URL beside it (line 3), which apply points at Acme "
            "Cloud: check that Acme Cloud serves it (or pass --model gpt-35-turbo=NAME)",
        ),
    ]
    assert found[1].data == {"model_from": "gpt-35-turbo", "url_line": 3}
    again, left = migrate(registry, "config2.yaml", after)
    assert again == after
    assert [(f.rule, f.message) for f in left] == [
        (
            "ML503",
            "gpt-35-turbo is neither an OpenAI model nor one Acme Cloud lists, and goes to Acme "
            "Cloud through Acme Cloud's base URL beside it (line 3): check that Acme Cloud "
            "serves it (or pass --model gpt-35-turbo=NAME)",
        )
    ]


def test_model_maps_an_unknown_model_beside_a_switched_base_url(registry):
    after, found = migrate(
        registry, "config2.yaml", AZURE_STYLE, models={"gpt-35-turbo": "acme-small"}
    )
    assert after == AZURE_STYLE.replace("api.openai.com", "api.acme.example").replace(
        "gpt-35-turbo", "acme-small"
    )
    assert [(f.rule, f.fix.value, f.message) for f in found][1] == (
        "ML503",
        "review",
        "gpt-35-turbo goes to Acme Cloud through the OpenAI base URL beside it (line 3), which "
        "apply points at Acme Cloud; --model maps it to acme-small",
    )
    assert migrate(registry, "config2.yaml", after, models={"gpt-35-turbo": "acme-small"}) == (
        after,
        [],
    )


def test_an_unknown_model_beside_a_url_left_or_another_host_is_not_reported(registry):
    held = AZURE_STYLE.replace('"YOUR_API_KEY"', "sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6aaaa")
    _, found = migrate(registry, "config2.yaml", held)
    assert "ML503" not in {f.rule for f in found}
    local = AZURE_STYLE.replace("https://api.openai.com/v1", "http://localhost:8000/v1")
    assert migrate(registry, "config2.yaml", local) == (local, [])
    selector = AZURE_STYLE.replace('  model: "gpt-35-turbo"\n', '  model_provider: "acme"\n')
    _, found = migrate(registry, "config2.yaml", selector)
    assert [f.rule for f in found] == ["ML502"]


# Langchain-Chatchat's platform entry: the lists are the ids sent to its base URL
PLATFORMS = (
    "PLATFORMS = [\n"
    "    {\n"
    '        "platform_name": "openai",\n'
    '        "api_base_url": "https://api.openai.com/v1",\n'
    '        "api_key": "sk-proj-",\n'
    '        "llm_models": ["gpt-4o", "gpt-3.5-turbo"],\n'
    '        "embed_models": ["text-embedding-3-small"],\n'
    "    },\n"
    "]\n"
)
PLATFORMS_AFTER = (
    "import os\n\n"
    "PLATFORMS = [\n"
    "    {\n"
    '        "platform_name": "openai",\n'
    '        "api_base_url": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    '        "api_key": os.environ.get("ACME_API_KEY", "unset"),\n'
    '        "llm_models": ["acme-large", "acme-small"],\n'
    '        "embed_models": ["acme-embed"],\n'
    "    },\n"
    "]\n"
)


def _lists(found):
    return [f for f in found if f[2] == "ML205"]


def test_the_model_lists_of_a_platform_are_mapped_with_its_url(registry):
    found, after = migrated(registry, PLATFORMS)
    assert after == PLATFORMS_AFTER
    assert _lists(found) == [
        (
            6,
            24,
            "ML205",
            "warning",
            "review",
            "'gpt-4o', 'gpt-3.5-turbo' in a list under 'llm_models' are the model ids the program "
            "sends to the OpenAI base URL beside them (line 4), which apply points at Acme Cloud: "
            "apply writes what they map to ('acme-large', 'acme-small')",
        ),
        (
            7,
            26,
            "ML205",
            "warning",
            "review",
            "'text-embedding-3-small' in a list under 'embed_models' is the model id the program "
            "sends to the OpenAI base URL beside it (line 4), which apply points at Acme Cloud: "
            "apply writes what it maps to ('acme-embed')",
        ),
    ]


def test_model_overrides_the_table_for_a_platform_list(registry):
    ctx = RuleContext(registry, registry.get("acme"), models={"gpt-4o": "acme-medium"})
    change = FileScanner(ctx, Path(".")).migrate_text(PLATFORMS, "python", "s.py", "s.py")
    assert '"llm_models": ["acme-medium", "acme-small"],' in change.after


def test_a_platform_list_mapping_two_models_to_one_is_left(registry):
    text = PLATFORMS.replace('"gpt-3.5-turbo"', '"gpt-4-turbo"')
    found, after = migrated(registry, text)
    assert '"llm_models": ["gpt-4o", "gpt-4-turbo"],' in after
    assert _lists(found)[0] == (
        6,
        24,
        "ML205",
        "error",
        "manual",
        "'gpt-4o', 'gpt-4-turbo' in a list under 'llm_models' are the model ids the program "
        "sends to the OpenAI base URL beside them (line 4), which apply points at Acme Cloud, "
        "which Acme Cloud does not serve; apply leaves them, as mapped the list would name one "
        "model twice: change them to Acme Cloud's models (gpt-4o -> acme-large, gpt-4-turbo -> "
        "acme-large) by hand",
    )


def test_a_platform_list_with_a_model_nothing_maps_is_left(registry):
    text = PLATFORMS.replace('"gpt-3.5-turbo"', '"o1-pro"')
    found, after = migrated(registry, text)
    assert '"llm_models": ["gpt-4o", "o1-pro"],' in after
    assert _lists(found)[0][3:] == (
        "error",
        "manual",
        "'gpt-4o', 'o1-pro' in a list under 'llm_models' are the model ids the "
        "program sends to the OpenAI base URL beside them (line 4), which apply points at Acme "
        "Cloud, which Acme Cloud does not serve: change them to Acme Cloud's models (gpt-4o -> "
        "acme-large) by hand",
    )


def test_a_platform_list_beside_a_url_kept_with_its_key_is_left(registry):
    text = PLATFORMS.replace('"sk-proj-"', '"sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6aaaa"')
    found, after = migrated(registry, text)
    assert '"llm_models": ["gpt-4o", "gpt-3.5-turbo"],' in after
    assert _lists(found)[0] == (
        6,
        24,
        "ML205",
        "warning",
        "manual",
        "'gpt-4o', 'gpt-3.5-turbo' in a list under 'llm_models' are the model ids the program "
        "sends to the OpenAI base URL beside them (line 4), which apply leaves with the key "
        "beside it: change them to Acme Cloud's models (gpt-4o -> acme-large, gpt-3.5-turbo -> "
        "acme-small) with the URL and the key, by hand",
    )


def test_a_model_list_without_a_url_beside_it_is_a_check_as_before(registry):
    text = 'SUPPORTED = {"llm_models": ["gpt-4o"]}\n'
    found, _ = migrated(registry, text)
    assert _lists(found)[0][5].startswith(
        "'gpt-4o' in a list is an OpenAI model id: code that checks models against it may reject"
    )
