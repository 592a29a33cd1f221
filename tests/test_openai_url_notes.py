"""ML402 notes for OpenAI URLs the program never sends anything to (trial t41c, private-gpt):
a bare host constant only compared with hosts, and a URL in a field's or an option's help
text. Both kept `check` red; the first one's advice (the provider's URL there) would have
sent the provider through OpenAI-only classes."""

from __future__ import annotations

import pytest

from .cli_findings import invoke, write
from .test_project_facts import ACME
from .test_raw_http_endpoints import applied, findings, rows

HOST_CHECK = (
    "from urllib.parse import urlsplit\n\n"
    'OPENAI_API_HOST = "api.openai.com"\n\n\n'
    "def is_openai_api_base(url: str) -> bool:\n"
    "    return urlsplit(url).hostname == OPENAI_API_HOST\n"
)


def _host_note(name: str, lines: str) -> str:
    return (
        f"OpenAI's host api.openai.com in {name}, only compared with a host ({lines}): it "
        "tells OpenAI's server from others, and Acme Cloud's base URL is one of the others; "
        "nothing to replace"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param(HOST_CHECK, 3, _host_note("OPENAI_API_HOST", "line 7"), id="private-gpt"),
        pytest.param(
            'HOST: str = "api.openai.com"\n\n\ndef pick(host, url):\n'
            '    if host in (HOST, "openai.azure.com") or url.endswith(HOST):\n'
            '        return "openai"\n    return "compatible" if host != HOST else "openai"\n',
            1,
            _host_note("HOST", "lines 5, 7"),
            id="in-a-tuple-endswith-and-not-equal",
        ),
    ],
)
def test_a_bare_openai_host_only_compared_is_a_note(registry, text, line, message):
    assert rows(findings(registry, text)) == [(line, "ML402", "note", "none", message)]
    assert applied(registry, text) == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            HOST_CHECK + 'BASE = f"https://{OPENAI_API_HOST}/v1"\n', id="also-builds-a-url"
        ),
        pytest.param('OPENAI_API_HOST = "api.openai.com"\n', id="not-used-here"),
    ],
)
def test_a_bare_host_used_otherwise_is_left_to_a_person(registry, text):
    assert rows(findings(registry, text)) == [
        (
            text.count("\n", 0, text.index('"api.openai.com"')) + 1,
            "ML402",
            "warning",
            "manual",
            "hard-coded OpenAI URL api.openai.com; replace it with Acme Cloud's base URL by hand",
        )
    ]


DOCUMENTED = (
    "from pydantic import BaseModel, Field\n\n\n"
    "class S(BaseModel):\n"
    "    api_base: str = Field(description=\"Base URL. Example: 'https://api.openai.com/v1'.\")\n"
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(DOCUMENTED, 5, id="pydantic-description"),
        pytest.param(
            "import argparse\n\nparser = argparse.ArgumentParser()\n"
            'parser.add_argument("--base", help="defaults to " "https://api.openai.com/v1")\n',
            4,
            id="argparse-help-concatenated",
        ),
        pytest.param(
            'from pydantic import Field\n\nBASE = Field(description="https://api.openai.com/v1")\n',
            3,
            id="a-description-that-is-the-url",
        ),
    ],
)
def test_a_url_in_a_description_or_help_text_is_a_note(registry, text, line):
    assert rows(findings(registry, text)) == [
        (
            line,
            "ML402",
            "note",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; replace it with Acme Cloud's base "
            "URL by hand",
        )
    ]
    assert applied(registry, text) == text


def test_a_default_beside_a_description_is_still_switched(registry):
    text = (
        "from pydantic import Field\n\n"
        'BASE = Field(default="https://api.openai.com/v1", description="The base URL")\n'
    )
    assert rows(findings(registry, text)) == [
        (
            3,
            "ML402",
            "warning",
            "safe",
            "hard-coded OpenAI URL https://api.openai.com/v1; Acme Cloud's base URL replaces it "
            "(read from ACME_BASE_URL)",
        )
    ]


def test_check_passes_private_gpts_host_test_and_field_help(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"util.py": HOST_CHECK, "settings.py": DOCUMENTED})
    assert invoke("check", ".", *ACME)[0] == 0
