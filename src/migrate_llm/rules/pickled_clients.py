"""ML691: pickles holding an OpenAI client."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from migrate_llm.formats.document import ConfigDocument
from migrate_llm.formats.pickled import read_pickles
from migrate_llm.frameworks.gateways import gateway_of_host
from migrate_llm.frameworks.modules import openai_client_classes
from migrate_llm.model import Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example, RuleContext


@functools.lru_cache(maxsize=1)
def _class_patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(class name, label, pattern) of each OpenAI client class: its module, then its name a
    few bytes on, as a pickle names a class (`c<module>\\n<name>\\n` in protocols 0-2, two
    short strings in protocol 4 and later), each a whole name (`openai` `OpenAI` is not in
    `langchain.chat_models.openai` `ChatOpenAI`). For bytes the opcodes do not show whole."""
    found = []
    for qualified, cls in sorted(openai_client_classes().items()):
        module, _, name = qualified.rpartition(".")
        pattern = re.compile(
            rf"(?<![._]){re.escape(module)}[^\w.][\s\S]{{0,8}}?(?<![\w.]){re.escape(name)}(?!\w)"
        )
        found.append((name, cls.label, pattern))
    return tuple(found)


def pickled_clients(text: str) -> list[str]:
    """The labels (`langchain OpenAIEmbeddings`) of the OpenAI client classes that the pickle
    `text` (its bytes as latin-1) names, in order of their names."""
    labels = [label for name, label, p in _class_patterns() if name in text and p.search(text)]
    return list(dict.fromkeys(labels))


@dataclass(frozen=True)
class PickledClients:
    """What a pickle holds of OpenAI clients: the labels of those that call OpenAI (or may:
    a class named but not seen built, or built without a base URL that is not OpenAI's),
    sorted, and whether one of them holds its key as text."""

    labels: list[str]
    key_in_file: bool


def calling_openai(rules: RuleContext, text: str) -> PickledClients:
    """The OpenAI clients in the pickle `text` (its bytes as latin-1) that call OpenAI once
    loaded: those whose classes it names, less those whose every instance the file builds is
    given a base URL off OpenAI's hosts and off the gateways in front of them. Where the
    opcodes cannot be read to the end (a file cut at the size limit, not a pickle), the
    classes its bytes name after that count too."""
    in_bytes = pickled_clients(text)
    if not in_bytes:
        return PickledClients([], False)
    classes = openai_client_classes()
    read = read_pickles(text.encode("latin-1"))
    named = [classes[n].label for n in read.names if n in classes]
    if not read.complete:
        named += in_bytes
    elsewhere: set[str] = set()
    calling: set[str] = set()
    key_in_file = False
    for obj in read.objects:
        cls = classes.get(obj.qualified)
        if cls is None:
            continue
        fields = obj.fields()
        urls = [v for k in cls.base_url if isinstance(v := fields.get(k), str) and v]
        if urls and _off_openai(rules, urls[0]):
            elsewhere.add(cls.label)
            continue
        calling.add(cls.label)
        key_in_file |= any(isinstance(v := fields.get(k), str) and v for k in cls.key)
    labels = sorted({label for label in named if label in calling or label not in elsewhere})
    return PickledClients(labels, key_in_file)


def _off_openai(rules: RuleContext, url: str) -> bool:
    """Whether requests to the base URL `url` go elsewhere than OpenAI: its host is known and
    is no OpenAI host (the provider's, a region's, a proxy's, a test server's), nor a
    gateway's that passes requests on to OpenAI."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return False
    if not host:  # no scheme, or none at all: not a URL the client could have used
        return False
    owner = rules.owner_of_host(host)
    return (owner is None or owner.id != rules.openai.id) and gateway_of_host(host) is None


class PickledClient(ConfigRule):
    """A pickle (`.pkl`, `.pickle`) holding an OpenAI client.

    ## What it does
    Looks in the first bytes of a pickle (up to the size limit) for the class of an OpenAI
    client: the SDK's `OpenAI` and the OpenAI classes of LangChain and LlamaIndex (a FAISS
    store pickled with its `OpenAIEmbeddings`). The file is never unpickled: its opcodes are
    read (`pickletools`) to find the base URL each such client was built with (LangChain's
    `openai_api_base`, LlamaIndex's `api_base`). A client given one whose host is not
    OpenAI's (the provider's, a region's, a proxy's, a test server's) nor a gateway's in
    front of OpenAI's does not call OpenAI: a pickle holding only such clients is not
    reported, as a client in code pointed at another host is not (ML003). One built without
    a base URL, with OpenAI's, or not readable in the bytes screened, is. Nothing of the
    file but the class is shown: never its key.

    ## Why
    Loaded (`pickle.load`), the client calls OpenAI with the key and model it was saved
    with, whatever the migrated code says. LangChain's and LlamaIndex's clients keep that
    key in the file as plain text (the message says so where it is seen): whoever can read
    the file has the key.

    ## Fix (manual)
    Rebuild the pickle after the migration: re-run what wrote it. Keep the file out of
    version control: the rebuilt one holds the provider's key the same way (rotate the
    OpenAI key if the old one was committed).

    ## Data
    `classes` (the labels of the clients that call OpenAI); `key_in_file` (true) where one
    of them holds its key as text.
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
        # saved with its key and no base URL of its own (langchain<0.1 stores "")
        Example(
            "ccopy_reg\n_reconstructor\np0\n(clangchain.embeddings.openai\nOpenAIEmbeddings\n"
            "p1\nc__builtin__\nobject\np2\nNtp3\nRp4\n(dp5\nVopenai_api_base\np6\nV\np7\n"
            "sVopenai_api_key\np8\nVsk-saved-key\np9\nsb.",
            path="vectorstore.pkl",
            provider="acme",
            message="vectorstore.pkl is a pickle holding an OpenAI client (langchain "
            "OpenAIEmbeddings): loaded, it calls OpenAI with the key it was saved with, which "
            "the file holds in plain text; rebuild it after the migration (re-run what wrote "
            "it) and keep it out of version control: the rebuilt file holds Acme Cloud's key "
            "the same way (rotate the OpenAI key if this file was committed)",
        ),
        # rebuilt after the migration: its client calls the provider
        Example(
            "ccopy_reg\n_reconstructor\np0\n(clangchain.embeddings.openai\nOpenAIEmbeddings\n"
            "p1\nc__builtin__\nobject\np2\nNtp3\nRp4\n(dp5\nVopenai_api_base\np6\n"
            "Vhttps://api.acme.example/v1\np7\nsVopenai_api_key\np8\nVacme-saved-key\np9\nsb.",
            finds=False,
            path="vectorstore.pkl",
            provider="acme",
        ),
        # the class's name as a value, not a class: nothing to load
        Example("(dp0\nVname\np1\nVOpenAIEmbeddings\np2\ns.", finds=False, path="names.pkl"),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        found = calling_openai(self.ctx, doc.text)
        if not found.labels:
            return
        head = (
            f"{doc.path} is a pickle holding an OpenAI client ({', '.join(found.labels)}): "
            "loaded, it calls OpenAI with the key it was saved with"
        )
        data: dict[str, object] = {"classes": found.labels}
        if not found.key_in_file:
            message = f"{head}; rebuild it after the migration (re-run what wrote it)"
        else:
            provider = self.ctx.provider
            whose = f"{provider.name}'s" if provider is not None else "the provider's"
            message = (
                f"{head}, which the file holds in plain text; rebuild it after the migration "
                "(re-run what wrote it) and keep it out of version control: the rebuilt file "
                f"holds {whose} key the same way (rotate the OpenAI key if this file was "
                "committed)"
            )
            data["key_in_file"] = True
        yield self.finding_at(doc, Span(0, 0), message, data=data)
