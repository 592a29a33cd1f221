"""The `purpose` values a provider's files API takes (`[params] file_purposes`): ML101 reports
another value written in `files.create` (manual, an error `check` fails on); a provider whose
file lists none keeps the plain "supported" note."""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.errors import ProviderError
from migrate_llm.registry import parse_provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .test_providers import minimal

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n"
MOONSHOT_REFUSES = (
    "files.create() through an OpenAI client; Moonshot AI (Kimi) does not accept "
    'purpose="{}" (accepted: file-extract, image, video, batch): this call fails after the '
    "switch; change it by hand (unconfirmed: the file-based Q&A guide says file-extract only; "
    "image and video are in the API reference, batch on the Create Batch page)"
)


def calls(registry, provider: str, text: str) -> list[tuple[str, str, str, str, dict]]:
    """(rule, severity, fix, message, data) of the ML101/ML102 findings."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.rule, f.severity.value, f.fix.value, f.message, dict(f.data))
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in ("ML101", "ML102")
    ]


@pytest.mark.parametrize(
    ("upload", "purpose"),
    [
        pytest.param('client.files.create(file=f, purpose="user_data")\n', "user_data", id="kw"),
        pytest.param(
            'PURPOSE = "fine-tune"\nclient.files.create(file=f, purpose=PURPOSE)\n',
            "fine-tune",
            id="constant",
        ),
        pytest.param(
            'client.files.with_raw_response.create(file=f, purpose="vision")\n',
            "vision",
            id="raw-response",
        ),
    ],
)
def test_a_purpose_moonshot_does_not_take_is_an_error_left_to_a_person(registry, upload, purpose):
    text = CLIENT + upload
    [found] = calls(registry, "moonshot", text)
    call = "files.with_raw_response.create" if "raw" in upload else "files.create"
    message = MOONSHOT_REFUSES.format(purpose).replace("files.create()", f"{call}()")
    assert found == (
        "ML101",
        "error",
        "manual",
        message,
        {"surface": "files", "call": call, "purpose": purpose},
    )
    ctx = RuleContext(registry, registry.get("moonshot"))
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML101"]
    assert [f.edit for f in findings] == [None]
    assert migrate_text(text, "python", "app.py", findings)[0] == text


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param('client.files.create(file=f, purpose="file-extract")\n', id="accepted"),
        pytest.param('client.files.create(file=f, purpose="batch")\n', id="batch-accepted"),
        pytest.param("client.files.create(file=f, purpose=kind)\n", id="run-time-value"),
        pytest.param("client.files.list()\n", id="another-method"),
    ],
)
def test_an_accepted_or_unknown_purpose_stays_a_note(registry, upload):
    [found] = calls(registry, "moonshot", CLIENT + upload)
    assert found[1:3] == ("note", "none")
    assert found[3].endswith("; supported by Moonshot AI (Kimi)")


def test_a_provider_whose_file_lists_no_purposes_is_not_checked(registry):
    assert "file_purposes" not in registry.get("qwen").params
    [found] = calls(registry, "qwen", CLIENT + 'client.files.create(file=f, purpose="fine-tune")\n')
    assert found == (
        "ML101",
        "note",
        "none",
        "files.create() through an OpenAI client; supported by Alibaba Qwen (DashScope / "
        "Model Studio)",
        {"surface": "files", "call": "files.create"},
    )


def test_the_module_level_client_is_checked_too(registry):
    text = 'import openai\n\nopenai.files.create(file=f, purpose="fine-tune")\n'
    [found] = calls(registry, "moonshot", text)
    assert found[:3] == ("ML102", "error", "manual")
    assert found[3] == (
        "openai.files.create() uses the module-level client; its endpoint is whatever "
        "openai.base_url and OPENAI_BASE_URL say; "
        + MOONSHOT_REFUSES.format("fine-tune").split("client; ", 1)[1]
    )
    assert found[4]["purpose"] == "fine-tune"


def test_moonshots_file_lists_its_purposes_with_sources_and_doubt(registry):
    moonshot = registry.get("moonshot")
    assert moonshot.params["file_purposes"] == ["file-extract", "image", "video", "batch"]
    assert moonshot.is_uncertain("params", "file_purposes")
    assert {s.kind for s in moonshot.source_of("params", "file_purposes")} == {"official"}


@pytest.mark.parametrize("value", [[], ["File Extract"], "file-extract", [1]])
def test_a_list_of_purposes_that_is_not_one_is_refused(value):
    with pytest.raises(ProviderError, match=r"^x\.toml: params\.file_purposes: expected a list"):
        parse_provider(minimal(params={"file_purposes": value}), "x.toml")
