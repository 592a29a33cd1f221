"""Where apply's key read runs decides its form (`code_templates.key_expr`): code run when the
module is imported reads `os.environ.get(VAR, "unset")`, so the import never fails; code run
when a function is called, or when the module runs as a program (the body of a top-level
`if __name__ == "__main__":`, which an import never runs), reads `os.environ[VAR]`, which
fails there naming the variable. chat-your-data (t45i) had both in one project: its ingest
script builds `OpenAIEmbeddings` at module level, its query module `ChatOpenAI` in functions.
Exact text after apply (a second apply changes nothing)."""

from __future__ import annotations

from .test_model_labels import migrated

LOOSE = 'os.environ.get("ACME_API_KEY", "unset")'
STRICT = 'os.environ["ACME_API_KEY"]'
URL = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'

BEFORE = """from langchain.embeddings import OpenAIEmbeddings
from openai import OpenAI

store = OpenAIEmbeddings()


def make():
    return OpenAI()


if __name__ == "__main__":
    client = OpenAI()
    if client:
        emb = OpenAIEmbeddings()
else:
    other = OpenAI()
"""


def _client(key: str, indent: str) -> str:
    return f"OpenAI(\n{indent}    api_key={key},\n{indent}    base_url={URL},\n{indent})"


def _embeddings(key: str, indent: str) -> str:
    inner = indent + "    "
    return (
        f"OpenAIEmbeddings(\n{inner}openai_api_key={key},\n{inner}openai_api_base={URL},\n"
        f'{inner}model="acme-embed",\n{inner}tiktoken_model_name="text-embedding-ada-002",\n'
        f"{inner}chunk_size=16,\n{indent})"
    )


def test_the_key_read_follows_where_the_code_runs(registry):
    found, after = migrated(registry, BEFORE)
    assert after == (
        "import os\n\n"
        "from langchain.embeddings import OpenAIEmbeddings\n"
        "from openai import OpenAI\n\n"
        f"store = {_embeddings(LOOSE, '')}\n\n\n"
        "def make():\n"
        f"    return {_client(STRICT, '    ')}\n\n\n"
        'if __name__ == "__main__":\n'
        f"    client = {_client(STRICT, '    ')}\n"
        "    if client:\n"
        f"        emb = {_embeddings(STRICT, '        ')}\n"
        "else:\n"
        f"    other = {_client(LOOSE, '    ')}\n"
    )
    assert {rule for _, _, rule, _, _, _ in found} >= {"ML001", "ML601"}


def test_a_guard_written_the_other_way_round_counts(registry):
    before = "from openai import OpenAI\n\nif '__main__' == __name__:\n    c = OpenAI()\n"
    _, after = migrated(registry, before)
    assert after == (
        "import os\n\nfrom openai import OpenAI\n\n"
        f"if '__main__' == __name__:\n    c = {_client(STRICT, '    ')}\n"
    )


def test_a_guard_inside_a_block_is_not_the_modules(registry):
    """Only the module's own guard: one nested in another statement (or a test of another
    name) leaves the code run at import."""
    before = (
        "import sys\n\nfrom openai import OpenAI\n\n"
        "if sys.argv:\n"
        '    if __name__ == "__main__":\n'
        "        c = OpenAI()\n"
        'if __name__ == "app":\n'
        "    d = OpenAI()\n"
    )
    _, after = migrated(registry, before)
    assert after == (
        "import os\nimport sys\n\nfrom openai import OpenAI\n\n"
        "if sys.argv:\n"
        '    if __name__ == "__main__":\n'
        f"        c = {_client(LOOSE, '        ')}\n"
        'if __name__ == "app":\n'
        f"    d = {_client(LOOSE, '    ')}\n"
    )
