"""ML111 checks a completions request's parameters as a chat request's: an SDK
`client.completions.create(...)` and the JSON body of a raw request to the provider's
completions endpoint (its base URL, or a spelling of it its file documents such as DeepSeek's
`/beta`, plus `/completions`). t65b: lmql's constraint masking posted `logit_bias` (OpenAI's
token ids), `logprobs` and `echo` to DeepSeek's `/beta/completions`, and `check` was green
while the same `logprobs` in a chat body was reported."""

from __future__ import annotations

from .cli_findings import invoke, write_here

LOGPROBS = (
    "ML111 logprobs= is not supported by DeepSeek; remove it (token log-probabilities are not "
    "returned) (unconfirmed: supported in non-thinking mode only; thinking is the default)"
)
LOGIT_BIAS = (
    "ML111 logit_bias= holds token ids of OpenAI's tokenizer; DeepSeek's models number their "
    "tokens otherwise, so these would bias other tokens: compute them with DeepSeek's "
    "tokenizer, or remove it"
)
RAW = """import os

import aiohttp

BASE = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")


async def complete(prompt, banned):
    body = {{
        "model": "deepseek-flash",
        "prompt": [prompt],
        "logprobs": 5,
        "echo": True,
        "logit_bias": {{str(t): -100 for t in banned}},
    }}
    async with aiohttp.ClientSession() as session:
        async with session.post(BASE + "{path}", json=body) as r:
            return await r.json()
"""


def test_a_raw_body_to_the_beta_completions_endpoint(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"complete.py": RAW.format(path="/beta/completions")})
    code, out = invoke("check", ".", "-p", "deepseek", "--no-cache")
    assert code == 1
    assert out.splitlines() == [
        f"complete.py:12:9 {LOGPROBS}",
        f"complete.py:14:23 {LOGIT_BIAS}",
        "2 findings for deepseek in 1 of 1 file; 0 error, 2 warning, 0 note",
    ]


def test_a_raw_body_to_another_path_is_not_read_as_one(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"complete.py": RAW.format(path="/beta/other")})
    code, out = invoke("check", ".", "-p", "deepseek", "--no-cache")
    assert (code, out.splitlines()) == (0, ["0 findings for deepseek in 0 of 1 file"])


def test_an_sdk_completions_request(tmp_path, monkeypatch):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], '
        'base_url="https://api.deepseek.com/beta")\n'
        'r = client.completions.create(model="deepseek-flash", prompt="x", logprobs=5, '
        'echo=True, logit_bias={"50256": -100})\n'
    )
    write_here(tmp_path, monkeypatch, {"b.py": text})
    code, out = invoke("check", ".", "-p", "deepseek", "--no-cache")
    assert code == 1
    assert out.splitlines() == [
        "b.py:6:5 ML101 completions.create() through an OpenAI client; DeepSeek serves "
        "completions at this base URL (https://api.deepseek.com/beta) only as "
        "fill-in-the-middle: a prompt and an optional suffix, in non-thinking mode; test this "
        "call (see https://api-docs.deepseek.com)",
        f"b.py:6:67 {LOGPROBS}",
        f"b.py:6:101 {LOGIT_BIAS}",
        "3 findings for deepseek in 1 of 1 file; 0 error, 3 warning, 0 note",
    ]
