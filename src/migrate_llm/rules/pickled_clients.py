"""ML691: pickles holding an OpenAI client."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from migrate_llm.formats.document import ConfigDocument
from migrate_llm.frameworks.modules import openai_client_classes
from migrate_llm.model import Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example


@functools.lru_cache(maxsize=1)
def _class_patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(class name, label, pattern) of each OpenAI client class: its module, then its name a
    few bytes on, as a pickle names a class (`c<module>\\n<name>\\n` in protocols 0-2, two
    short strings in protocol 4 and later)."""
    found = []
    for qualified, label in sorted(openai_client_classes().items()):
        module, _, name = qualified.rpartition(".")
        pattern = re.compile(rf"{re.escape(module)}[^\w.][\s\S]{{0,8}}?{re.escape(name)}(?!\w)")
        found.append((name, label, pattern))
    return tuple(found)


def pickled_clients(text: str) -> list[str]:
    """The labels (`langchain OpenAIEmbeddings`) of the OpenAI client classes that the pickle
    `text` (its bytes as latin-1) names, in order of their names."""
    labels = [label for name, label, p in _class_patterns() if name in text and p.search(text)]
    return list(dict.fromkeys(labels))


class PickledClient(ConfigRule):
    """A pickle (`.pkl`, `.pickle`) holding an OpenAI client.

    ## What it does
    Looks in the first bytes of a pickle (up to the size limit) for the class of an OpenAI
    client: the SDK's `OpenAI` and the OpenAI classes of LangChain and LlamaIndex (a FAISS
    store pickled with its `OpenAIEmbeddings`). The file is never unpickled, and nothing of
    it but the class is shown.

    ## Why
    Loaded (`pickle.load`), the client calls OpenAI with the key and model it was saved
    with, whatever the migrated code says.

    ## Fix (manual)
    Rebuild the pickle after the migration: re-run what wrote it.
    """

    code = "ML691"
    name = "pickled-client"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    kinds = frozenset({"pickle"})
    reads_settings = False
    examples = (
        Example(
            "ccopy_reg\n_reconstructor\np0\n(clangchain.embeddings.openai\nOpenAIEmbeddings\n"
            "p1\nc__builtin__\nobject\np2\nNtp3\nRp4\n.",
            path="vectorstore.pkl",
            message="vectorstore.pkl is a pickle holding an OpenAI client (langchain "
            "OpenAIEmbeddings): loaded, it calls OpenAI with the key it was saved with; "
            "rebuild it after the migration (re-run what wrote it)",
        ),
        Example(
            "ccopy_reg\n_reconstructor\np0\n(cllama_index.embeddings.openai.base\n"
            "OpenAIEmbedding\np1\nc__builtin__\nobject\np2\nNtp3\nRp4\n.",
            path="index/embedder.pickle",
            provider="acme",
            message="index/embedder.pickle is a pickle holding an OpenAI client (llamaindex "
            "OpenAIEmbedding): loaded, it calls OpenAI with the key it was saved with; "
            "rebuild it after the migration (re-run what wrote it)",
        ),
        # the class's name as a value, not a class: nothing to load
        Example("(dp0\nVname\np1\nVOpenAIEmbeddings\np2\ns.", finds=False, path="names.pkl"),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        labels = pickled_clients(doc.text)
        if labels:
            yield self.finding_at(
                doc,
                Span(0, 0),
                f"{doc.path} is a pickle holding an OpenAI client ({', '.join(labels)}): "
                "loaded, it calls OpenAI with the key it was saved with; rebuild it after "
                "the migration (re-run what wrote it)",
                data={"classes": labels},
            )
