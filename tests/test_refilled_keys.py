"""A key the function refills from a key variable where it is empty (`if not api_key: api_key =
os.environ["OPENAI_API_KEY"]`) gets no second fallback of apply's (t53 D6, LightRAG's
`create_openai_async_client`): ML401 points that read at the provider's variable already."""

from __future__ import annotations

from .framework_rewrites import applied

BEFORE = (
    "import os\n\nfrom openai import AsyncOpenAI\n\n\n"
    "def make(api_key=None):\n"
    "    if not api_key:\n"
    '        api_key = os.environ["OPENAI_API_KEY"]\n'
    "    return AsyncOpenAI(api_key=api_key{url})\n"
)
URL = ', base_url=os.environ.get("OPENAI_API_BASE", "https://api.openai.com/v1")'


def test_a_refilled_key_is_kept_as_it_is(registry):
    after = applied(registry, BEFORE.format(url=URL), "acme")
    assert after == (
        "import os\n\nfrom openai import AsyncOpenAI\n\n\n"
        "def make(api_key=None):\n"
        "    if not api_key:\n"
        '        api_key = os.environ["ACME_API_KEY"]\n'
        "    return AsyncOpenAI(\n"
        "        api_key=api_key,\n"
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    )\n"
    )
    assert '"unset"' not in after


def test_a_key_refilled_only_in_a_branch_of_its_own_keeps_the_fallback(registry):
    text = BEFORE.replace("    if not api_key:\n", "    if not api_key and False:\n")
    after = applied(registry, text.format(url=URL), "acme")
    assert 'api_key=api_key or os.environ.get("ACME_API_KEY", "unset")' in after
