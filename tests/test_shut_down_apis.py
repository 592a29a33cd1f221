"""An API OpenAI itself shut down (providers/openai.toml's `[shut_down]`: the Assistants API on
2026-08-26): a client apply leaves on OpenAI for it fails there as well, so ML001, ML101 and
apply's summary say so, with the date and the API to move to read from OpenAI's file and the
target's own API from its `[own_api]`, instead of advising to keep it on OpenAI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from migrate_llm.errors import ProviderError
from migrate_llm.registry import load_registry, parse_provider

from .apply_summary import summary_lines
from .cli_findings import finding_rows, run_json, write_here
from .test_providers import minimal

ASSISTANTS = (
    "from openai import OpenAI\n\nclient = OpenAI()\n"
    'client.beta.assistants.create(model="gpt-4o", name="x")\n'
    "client.beta.threads.create()\n"
)
MODERATION = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef check(text):\n"
    "    return client.moderations.create(input=text)\n"
)
MIXED = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef run(text):\n"
    "    client.moderations.create(input=text)\n"
    "    return client.beta.threads.create()\n"
)
OWN = (
    "https://docs.bigmodel.cn/api-reference/%E5%8A%A9%E7%90%86-api/"
    "%E5%8A%A9%E6%89%8B%E5%AF%B9%E8%AF%9D"
)
GONE = "the assistants API was shut down on OpenAI on 2026-08-26"
TO_RESPONSES = "it needs a manual move to the responses API (on OpenAI)"
THROUGH = "through an OpenAI client; "
HEAD = "OpenAI() talks to OpenAI (key from OPENAI_API_KEY); its only requests are "


def _findings(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    provider: str,
    rules: tuple[str, ...] = ("ML001", "ML101"),
) -> list:
    write_here(tmp_path, monkeypatch, {"app.py": text})
    code, report = run_json("check", ".", "--provider", provider, "--no-cache")
    assert code == 1
    return finding_rows(report, "rule", "line", "severity", "fix", "message", rules=rules)


def test_openai_file_states_the_shutdown_with_its_source() -> None:
    builtin = load_registry()
    openai = builtin.openai
    gone = openai.shut_down["assistants"]
    assert (gone.on, gone.instead) == (dt.date(2026, 8, 26), "responses")
    assert openai.support("assistants") is False and openai.support("responses") is True
    [source] = openai.source_of("shut_down", "assistants")
    assert source.quote.startswith("The Assistants API was officially sunset on August 26, 2026")
    own = builtin.get("zhipu").own_api["assistants"]
    assert (own.name, own.url) == ("assistant API", OWN)
    assert builtin.get("deepseek").own_api == {}


def test_an_assistants_only_client_fails_on_openai_too(tmp_path, monkeypatch) -> None:
    docs = "https://api-docs.deepseek.com"
    left = (
        "DeepSeek has no OpenAI-compatible assistants API; apply leaves its client on OpenAI "
        f"(ML001), but {GONE}, so this call fails there as well: {TO_RESPONSES} (see {docs}); "
        "no catalogued provider offers it"
    )
    assert _findings(tmp_path, monkeypatch, ASSISTANTS, "deepseek") == [
        (
            "ML001",
            3,
            "error",
            "manual",
            f"{HEAD}assistants, which DeepSeek does not serve: apply leaves it (base URL and "
            f"key); {GONE}, so this code fails there as well: {TO_RESPONSES}",
        ),
        ("ML101", 4, "error", "manual", f"beta.assistants.create() {THROUGH}{left}"),
        ("ML101", 5, "error", "manual", f"beta.threads.create() {THROUGH}{left}"),
    ]


def test_openai_as_the_target_says_the_call_fails(tmp_path, monkeypatch) -> None:
    """`--provider openai` (no switch): the call fails on OpenAI, not "after the switch"."""
    fails = (
        f"{THROUGH}{GONE}, so this call fails: {TO_RESPONSES} (see "
        "https://platform.openai.com/docs/api-reference); no catalogued provider offers it"
    )
    assert _findings(tmp_path, monkeypatch, ASSISTANTS, "openai") == [
        ("ML101", 4, "error", "manual", f"beta.assistants.create() {fails}"),
        ("ML101", 5, "error", "manual", f"beta.threads.create() {fails}"),
    ]


def test_the_targets_own_api_is_named(tmp_path, monkeypatch) -> None:
    [ml001, *_] = _findings(tmp_path, monkeypatch, ASSISTANTS, "zhipu")
    assert ml001[4] == (
        f"{HEAD}assistants, which Zhipu AI (GLM) does not serve: apply leaves it (base URL and "
        f"key); {GONE}, so this code fails there as well: {TO_RESPONSES} or to Zhipu AI (GLM)'s "
        f"own assistant API ({OWN})"
    )


def test_the_model_and_base_url_left_with_it_say_the_same(tmp_path, monkeypatch) -> None:
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'client = OpenAI(base_url=os.environ["OPENAI_BASE_URL"])\n'
        'client.beta.assistants.create(model="gpt-4o", name="x")\n'
    )
    assert _findings(tmp_path, monkeypatch, text, "deepseek", ("ML201", "ML401")) == [
        (
            "ML401",
            5,
            "warning",
            "manual",
            "reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAI() on line 5, "
            "whose only requests are assistants, which DeepSeek does not serve: apply leaves "
            f"that client on OpenAI with its key (see its finding); {GONE}, so that client "
            f"fails there as well: {TO_RESPONSES}",
        ),
        (
            "ML201",
            6,
            "warning",
            "manual",
            "model 'gpt-4o' is sent as model= on line 6 through OpenAI() on line 5, which stays "
            "on OpenAI, where the assistants API it calls was shut down on 2026-08-26: apply "
            "leaves the model too; choose it when you move that code (see ML001), by hand",
        ),
    ]


def test_a_raw_request_to_the_api_fails_on_openai_too(tmp_path, monkeypatch) -> None:
    text = (
        "import os\n\nimport requests\n\n\ndef make():\n    return requests.post(\n"
        '        "https://api.openai.com/v1/assistants",\n'
        '        headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]},\n'
        "    )\n"
    )
    [(*_, message)] = _findings(tmp_path, monkeypatch, text, "zhipu", ("ML403",))
    assert message == (
        "raw HTTP request to OpenAI (POST https://api.openai.com/v1/assistants) left unchanged: "
        f"Zhipu AI (GLM) does not serve /assistants (assistants); {GONE}, so this request fails "
        f"there as well: {TO_RESPONSES} or to Zhipu AI (GLM)'s own assistant API ({OWN})"
    )


def test_a_client_also_calling_a_served_api_keeps_that_advice(tmp_path, monkeypatch) -> None:
    [ml001, moderation, threads] = _findings(tmp_path, monkeypatch, MIXED, "deepseek")
    assert ml001[4] == (
        f"{HEAD}moderations and assistants, which DeepSeek does not serve: apply leaves it "
        "(base URL and key); keep it on OpenAI or point it at a provider that serves "
        f"moderations, with that provider's key, by hand; {GONE}, so this code fails there as "
        f"well: {TO_RESPONSES}"
    )
    assert "so this call still goes there" in moderation[4]
    assert f"but {GONE}, so this call fails there as well" in threads[4]


def test_apply_says_the_client_fails_on_openai_too(tmp_path, monkeypatch) -> None:
    out = summary_lines(
        tmp_path, monkeypatch, {"app.py": ASSISTANTS, "moderation.py": MODERATION}, "zhipu"
    )
    assert out[-2:] == [
        "Still on OpenAI: keep OPENAI_API_KEY set to an OpenAI key for the client apply left "
        "there, whose only requests are moderations, which Zhipu AI (GLM) does not serve: "
        "moderation.py:3:10; without it the SDK refuses to build the client.",
        "Fails on OpenAI too: the client apply left on OpenAI, whose only requests are "
        f"assistants, which Zhipu AI (GLM) does not serve: app.py:3:10; {GONE}: move its "
        "requests to the responses API (on OpenAI) or to Zhipu AI (GLM)'s own assistant API "
        f"({OWN}), by hand.",
    ]
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == ASSISTANTS


def test_no_still_on_openai_line_for_an_assistants_only_client(tmp_path, monkeypatch) -> None:
    out = summary_lines(tmp_path, monkeypatch, {"app.py": ASSISTANTS}, "deepseek")
    assert not any(line.startswith("Still on OpenAI") for line in out)
    assert out[-1] == (
        "Fails on OpenAI too: the client apply left on OpenAI, whose only requests are "
        f"assistants, which DeepSeek does not serve: app.py:3:10; {GONE}: move its requests to "
        "the responses API (on OpenAI), by hand."
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        pytest.param(
            {"shut_down": {"chat": {"on": dt.date(2026, 1, 1), "instead": "responses"}}},
            r"^x\.toml: shut_down\.chat: supports\.chat is not false$",
            id="served",
        ),
        pytest.param(
            {"shut_down": {"assistants": {"on": dt.date(2026, 1, 1), "instead": "batches"}}},
            r"^x\.toml: shut_down\.assistants\.instead: supports\.batches is not true$",
            id="instead-not-served",
        ),
        pytest.param(
            {"shut_down": {"assistants": {"on": "2026-01-01", "instead": "responses"}}},
            r"^x\.toml: shut_down\.assistants\.on: expected a date such as 2026-08-26$",
            id="date-as-text",
        ),
        pytest.param(
            {"shut_down": {"assistants": {"on": dt.date(2026, 1, 1)}}},
            r"^x\.toml: shut_down\.assistants\.instead: missing$",
            id="missing",
        ),
        pytest.param(
            {"own_api": {"assistants": {"name": "x", "url": "https://a.example", "why": "y"}}},
            r"^x\.toml: own_api\.assistants\.why: unknown key \(known: name, url\)$",
            id="unknown-key",
        ),
        pytest.param(
            {"own_api": {"chat": {"name": "x", "url": "https://a.example"}}},
            r"^x\.toml: own_api\.chat: supports\.chat is not false$",
            id="own-api-for-a-served-api",
        ),
        pytest.param(
            {"own_api": {"assistants": {"name": "x", "url": "http://a.example"}}},
            r"^x\.toml: own_api\.assistants\.url: expected an https:// URL",
            id="http-url",
        ),
    ],
)
def test_the_tables_are_checked(table: dict, message: str) -> None:
    supports = {"chat": True, "responses": True, "assistants": False, "batches": False}
    with pytest.raises(ProviderError, match=message):
        parse_provider(minimal(supports=supports, **table), "x.toml", expected_id="x")
