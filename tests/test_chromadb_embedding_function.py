"""chromadb's OpenAIEmbeddingFunction by its own keywords (`frameworks.chromadb`, read from its
releases on PyPI): ML401 names `api_base=` and `model_name=` where it said "base_url= or the
keyword it takes", points the function at the provider where its key is the provider's already
(review), and ML114 says that a collection it filled must be re-embedded: babyagi's `chroma/`
made with ada-002 failed on the first query with "Collection expecting embedding with dimension
of 1536, got 1024" (t48c)."""

from __future__ import annotations

from migrate_llm.engine import migrate_text
from migrate_llm.frameworks import chromadb as chroma
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

HEAD = "import os\n\nfrom chromadb.utils import embedding_functions\n\n"
PROVIDER_KEY = HEAD + (
    'ef = embedding_functions.OpenAIEmbeddingFunction(api_key=os.environ["DASHSCOPE_API_KEY"])\n'
)
BASE = 'os.environ.get(\n        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n    )'
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
KEYWORDS = (
    'api_base=os.environ.get("DASHSCOPE_BASE_URL", '
    '"https://dashscope.aliyuncs.com/compatible-mode/v1") and model_name="text-embedding-v4" '
    "(chromadb's keywords)"
)
VECTORS = (
    "vectors from text-embedding-v4 (1024 dimensions by default) are not comparable with those "
    "chromadb's OpenAIEmbeddingFunction stored from text-embedding-ada-002 (1536): re-embed "
    "what its collections hold, as a collection made with them rejects the new width; chromadb "
    "1.0 and later pass dimensions= only to text-embedding-3 models (0.5.15 to 0.6.3 to any)"
)


def found(registry, text, rules=("ML401", "ML114")):
    ctx = RuleContext(registry, registry.get("qwen"))
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in rules]


def test_the_providers_key_without_a_base_url_gets_chromadbs_keywords(registry):
    vectors, key = found(registry, PROVIDER_KEY)
    assert (key.rule, key.severity.value, key.fix.value) == ("ML401", "error", "review")
    assert key.message == (
        "reads DASHSCOPE_API_KEY, which goes to embedding_functions.OpenAIEmbeddingFunction() on "
        "line 5, chromadb's OpenAIEmbeddingFunction, given no base URL: it talks to OpenAI, so "
        f"{QWEN}'s key would go there; apply passes it {KEYWORDS}"
    )
    assert key.data == {
        "variable_from": "DASHSCOPE_API_KEY",
        "keywords_added": [chroma.BASE_URL, chroma.MODEL],
    }
    assert (vectors.rule, vectors.severity.value, vectors.fix.value) == ("ML114", "note", "manual")
    assert vectors.message == VECTORS
    assert vectors.data == {
        "model_to": "text-embedding-v4",
        "dimensions_from": 1536,
        "dimensions_to": 1024,
    }
    after, _ = migrate_text(PROVIDER_KEY, "python", "app.py", [key])
    assert after == HEAD + (
        "ef = embedding_functions.OpenAIEmbeddingFunction(\n"
        '    api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        f"    api_base={BASE},\n"
        '    model_name="text-embedding-v4",\n)\n'
    )
    # pointed at the provider: the key stays, the note on stored vectors too
    [again] = found(registry, after)
    assert (again.rule, again.fix.value, again.data) == (
        "ML114",
        "manual",
        {"model_to": "text-embedding-v4", "dimensions_to": 1024},
    )
    assert again.message == VECTORS.replace(
        "those chromadb's OpenAIEmbeddingFunction stored from text-embedding-ada-002 (1536)",
        "the OpenAI vectors chromadb's OpenAIEmbeddingFunction stored before",
    )


def test_the_providers_model_gets_the_base_url_alone(registry):
    text = PROVIDER_KEY.replace('"])\n', '"],)\n').replace(
        "(api_key=", '(model_name="text-embedding-v4", api_key='
    )
    [key] = found(registry, text, rules=("ML401",))
    assert key.data["keywords_added"] == [chroma.BASE_URL]
    after, _ = migrate_text(text, "python", "app.py", [key])
    assert after == HEAD + (
        "ef = embedding_functions.OpenAIEmbeddingFunction(\n"
        '    model_name="text-embedding-v4",\n'
        '    api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        f"    api_base={BASE},\n)\n"
    )


def test_an_openai_model_given_leaves_it_to_a_person_naming_the_keywords(registry):
    text = PROVIDER_KEY.replace("(api_key=", '(model_name="text-embedding-ada-002", api_key=')
    [key] = found(registry, text, rules=("ML401",))
    assert (key.severity.value, key.fix.value, key.edit) == ("error", "manual", None)
    assert key.message.endswith(
        f"so {QWEN}'s key goes there; pass it {KEYWORDS}, or keep it on OpenAI with OpenAI's "
        "key, by hand"
    )


def test_openais_key_going_there_is_left_naming_the_keywords(registry):
    text = HEAD + (
        'KEY = os.getenv("OPENAI_API_KEY")\n'
        "ef = embedding_functions.OpenAIEmbeddingFunction(api_key=KEY)\n"
    )
    vectors, key = sorted(found(registry, text), key=lambda f: f.rule)
    assert (key.fix.value, key.edit) == ("manual", None)
    assert key.message == (
        "reads OPENAI_API_KEY, which goes to embedding_functions.OpenAIEmbeddingFunction() on "
        "line 6, chromadb's OpenAIEmbeddingFunction, which migrate-llm does not rewrite: it "
        f"talks to OpenAI, where {QWEN}'s key (DASHSCOPE_API_KEY) must not go; point it at "
        f"{QWEN} with {KEYWORDS} and read DASHSCOPE_API_KEY, or keep it on OpenAI, by hand"
    )
    assert vectors.message == VECTORS


def test_a_base_url_of_another_server_gets_no_note(registry):
    text = HEAD + (
        'ef = embedding_functions.OpenAIEmbeddingFunction(api_key="x", '
        'api_base="http://localhost:8000/v1")\n'
    )
    assert found(registry, text, rules=("ML114",)) == []


# DeepSeek's file names no embeddings model: nothing of its own to point the function at (t56g:
# babyagi's advice named "an embeddings model of DeepSeek")
UNSERVED = (
    "DeepSeek serves no embeddings (its provider file names no embeddings model), so there is "
    "nothing of its own to point it at: keep this embedding function on OpenAI with OpenAI's "
    "key where OpenAI can be reached from where the program runs (then mark the line "
    "`# migrate-llm: ignore[ML401]`), point it at another host that serves embeddings "
    "(api_base=, model_name= and that host's key), or use a local embedding function instead "
    "(chromadb's DefaultEmbeddingFunction(), which needs no key), by hand"
)


def on_deepseek(registry, text):
    ctx = RuleContext(registry, registry.get("deepseek"))
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML401"]
    return [(f.line, f.severity.value, f.fix.value, f.edit, f.message) for f in findings]


def test_openais_key_going_there_on_a_provider_without_embeddings(registry):
    text = HEAD + (
        'OPENAI_API_KEY = os.getenv("OPENAI_API_KEY", "")\n'
        "ef = embedding_functions.OpenAIEmbeddingFunction(\n"
        '    api_key=OPENAI_API_KEY, model_name="text-embedding-ada-002"\n)\n'
    )
    assert on_deepseek(registry, text) == [
        (
            5,
            "warning",
            "manual",
            None,
            "reads OPENAI_API_KEY, which goes to embedding_functions.OpenAIEmbeddingFunction() "
            "on line 6, chromadb's OpenAIEmbeddingFunction, which migrate-llm does not rewrite: "
            "it talks to OpenAI, where DeepSeek's key (DEEPSEEK_API_KEY) must not go; " + UNSERVED,
        )
    ]


def test_the_providers_key_going_there_on_a_provider_without_embeddings(registry):
    text = HEAD + (
        'ef = embedding_functions.OpenAIEmbeddingFunction(api_key=os.environ["DEEPSEEK_API_KEY"])\n'
    )
    assert on_deepseek(registry, text) == [
        (
            5,
            "error",
            "manual",
            None,
            "reads DEEPSEEK_API_KEY, which goes to embedding_functions.OpenAIEmbeddingFunction() "
            "on line 5, chromadb's OpenAIEmbeddingFunction, given no base URL: it talks to "
            "OpenAI, so DeepSeek's key goes there; " + UNSERVED,
        )
    ]


def test_openais_key_variable_named_to_it_on_a_provider_without_embeddings(registry):
    text = HEAD + (
        'ef = embedding_functions.OpenAIEmbeddingFunction(api_key_env_var="OPENAI_API_KEY")\n'
    )
    assert on_deepseek(registry, text) == [
        (
            5,
            "warning",
            "manual",
            None,
            "names OPENAI_API_KEY as the variable embedding_functions.OpenAIEmbeddingFunction() "
            "on line 5 reads its key from, chromadb's OpenAIEmbeddingFunction, which migrate-llm "
            "does not rewrite: it talks to OpenAI, where DeepSeek's key (DEEPSEEK_API_KEY) must "
            "not go; " + UNSERVED,
        )
    ]


def test_a_model_chosen_elsewhere_is_named_for_the_providers_embeddings_model(registry):
    text = PROVIDER_KEY.replace("(api_key=", "(model_name=EMBEDDINGS, api_key=")
    [key] = found(registry, text, rules=("ML401",))
    assert key.message.endswith(
        f"so {QWEN}'s key goes there; pass it "
        'api_base=os.environ.get("DASHSCOPE_BASE_URL", '
        '"https://dashscope.aliyuncs.com/compatible-mode/v1") and model_name= naming '
        f"{QWEN}'s embeddings model (text-embedding-v4) (chromadb's keywords), or keep it on "
        "OpenAI with OpenAI's key, by hand"
    )
