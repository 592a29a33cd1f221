"""The key and the base URL given to one call are one decision (ML401): both renamed, or both
left with a message saying why, and each read's message names the call it feeds.

gpt-researcher's embeddings (memory/embeddings.py): its "custom" branch gives OpenAIEmbeddings
`openai_api_key=os.getenv("OPENAI_API_KEY", "custom")` and `openai_api_base=
os.getenv("OPENAI_BASE_URL", "http://localhost:1234/v1")` beside `**kw`; its "openai" branch sets
`kw["openai_api_base"]` for another OpenAIEmbeddings(**kw). The key named by its keyword is the
one the first call takes (`**kw` cannot give it a second time), so its base URL moves with it;
the second branch's base URL goes to the second call only (the first has returned by then).
Each migration is checked: safe/review findings are exactly its edits, and a second run edits
nothing.
"""

from __future__ import annotations

from .test_base_url_reads import UNSERVED, local_key
from .test_key_reads_left import migrated

EMBEDDINGS = """import os
from langchain_openai import OpenAIEmbeddings


def embeddings(provider, model, **kw):
    if provider == "custom":
        return OpenAIEmbeddings(
            model=model,
            openai_api_key=os.getenv("OPENAI_API_KEY", "custom"),
            openai_api_base=os.getenv("OPENAI_BASE_URL", "http://localhost:1234/v1"),
            **kw,
        )
    if provider == "openai":
        if "openai_api_base" not in kw and os.environ.get("OPENAI_BASE_URL"):
            kw["openai_api_base"] = os.environ["OPENAI_BASE_URL"]
        return OpenAIEmbeddings(model=model, **kw)
"""

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
GUARDED = (
    "reads OPENAI_BASE_URL; not switched: it goes with the read on line 15 (a test of the "
    "variable and a read it guards), which is left (see there): both must name the same "
    "variable, by hand"
)


def kept_with_mapping(provider: str, variable: str) -> str:
    return (
        "reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAIEmbeddings() on line "
        "16, whose key (from `**kw`, else OPENAI_API_KEY) apply leaves OpenAI's: switched, it "
        f"would send that key to {provider}; point both at {provider} (the key from {variable}) "
        "together, by hand"
    )


def ml401(change) -> list[tuple[int, str, str]]:
    return [(f.line, f.fix.value, f.message) for f in change.findings if f.rule == "ML401"]


def test_a_key_and_base_url_given_beside_a_mapping_stay_together(registry, tmp_path):
    """The repro of trial 37 (D): apply renamed the key alone, so DashScope's key went to
    LM Studio or wherever OPENAI_BASE_URL pointed; the message on line 10 said the key was
    left, and the one on line 15 named the call on line 7. Renamed together (G), the key still
    went to LM Studio while DASHSCOPE_BASE_URL was unset: a local server's key and base URL
    stay, both saying why."""
    change = migrated(registry, tmp_path, EMBEDDINGS, "qwen")
    url = 'os.getenv("OPENAI_BASE_URL", "http://localhost:1234/v1")'
    assert ml401(change)[0] == (
        9,
        "manual",
        local_key("OpenAIEmbeddings()", 7, url, QWEN, "DASHSCOPE_BASE_URL"),
    )
    assert [row[:2] for row in ml401(change)] == [
        (9, "manual"), (10, "manual"), (14, "safe"), (15, "safe"),
    ]  # fmt: skip
    # t47a: the second branch's override goes, its `**kw` filled in with qwen's (ML601), so
    # its reads are switched inside that edit
    assert change.after == EMBEDDINGS.replace(
        '        if "openai_api_base" not in kw and os.environ.get("OPENAI_BASE_URL"):\n'
        '            kw["openai_api_base"] = os.environ["OPENAI_BASE_URL"]\n',
        '        if not kw.get("openai_api_base"):\n'
        '            kw["openai_api_base"] = kw.pop("base_url", None) or os.environ.get(\n'
        '                "DASHSCOPE_BASE_URL",\n'
        '                "https://dashscope.aliyuncs.com/compatible-mode/v1",\n'
        "            )\n"
        '        if not kw.get("openai_api_key") and str(kw["openai_api_base"]).rstrip(\n'
        '            "/"\n'
        "        ).lower() in (\n"
        "            os.environ.get(\n"
        '                "DASHSCOPE_BASE_URL",\n'
        '                "https://dashscope.aliyuncs.com/compatible-mode/v1",\n'
        "            )\n"
        '            .rstrip("/")\n'
        "            .lower(),\n"
        '            "https://dashscope.aliyuncs.com/compatible-mode/v1",\n'
        '            "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",\n'
        '            "https://dashscope-us.aliyuncs.com/compatible-mode/v1",\n'
        '            "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",\n'
        "        ):\n"
        '            kw["openai_api_key"] = (\n'
        '                kw.pop("api_key", None) or os.environ["DASHSCOPE_API_KEY"]\n'
        "            )\n"
        '        kw.setdefault("check_embedding_ctx_length", False)\n'
        '        kw.setdefault("chunk_size", 10)\n',
    )


def test_a_key_beside_a_mapping_stays_with_a_base_url_left(registry, tmp_path):
    """DeepSeek has no embeddings: the first call's base URL stays, and so does its key
    (renamed alone, DeepSeek's key went to the local server or to OpenAI)."""
    change = migrated(registry, tmp_path, EMBEDDINGS, "deepseek")
    url = 'os.getenv("OPENAI_BASE_URL", "http://localhost:1234/v1")'
    local = local_key("OpenAIEmbeddings()", 7, url, "DeepSeek", "DEEPSEEK_BASE_URL")
    assert ml401(change) == [
        (9, "manual", local),
        (10, "manual", UNSERVED.format(7)),
        (14, "manual", GUARDED),
        (15, "manual", UNSERVED.format(16)),
    ]
    assert change.after == EMBEDDINGS
