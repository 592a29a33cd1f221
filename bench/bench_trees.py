"""Generated inputs for bench/bench_scan.py: monorepo-like trees, one large module, the
~300-line file `check` is timed on, and a tree's notebooks written out as Python for semgrep.
Everything is deterministic (a fixed random seed)."""

from __future__ import annotations

import os
import random
from pathlib import Path

OPENAI_FILE = """import os
from openai import OpenAI

MODEL = "gpt-4o-mini"
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])


def ask(question: str) -> str:
    reply = client.chat.completions.create(
        model=MODEL, messages=[{{"role": "user", "content": question}}]
    )
    return reply.choices[0].message.content or ""


def embed(texts: list[str]) -> list[list[float]]:
    data = client.embeddings.create(model="text-embedding-3-small", input=texts).data
    return [d.embedding for d in data]  # module {n}
"""

PLAIN_FILE = (
    '''"""Ordinary module {n}: nothing to migrate here."""

import dataclasses
import json


@dataclasses.dataclass
class Record{n}:
    name: str
    value: int

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self))


def total(records: list[Record{n}]) -> int:
    return sum(r.value for r in records)
'''
    + "\n".join(f"CONSTANT_{{n}}_{i} = {i}" for i in range(60))
    + "\n"
)

# Framework code that never calls OpenAI but mentions it, the way integration packages and
# their docs do: text searches match these files, an import-aware scanner has nothing to report.
LLAMAINDEX_FILE = '''"""Retriever {n} on LlamaIndex; any LLM works (OpenAI, a local one, ...)."""

from typing import Any, List

from llama_index.core import Settings, VectorStoreIndex
from llama_index.core.base.llms.types import ChatMessage, ChatResponse
from llama_index.core.llms import CustomLLM, LLMMetadata
from llama_index.core.schema import NodeWithScore


class LocalLLM{n}(CustomLLM):
    """Answers from a model served on this machine; no openai client involved."""

    model: str = "local-model-{n}"
    context_window: int = 4096

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name=self.model, context_window=self.context_window)

    def complete(self, prompt: str, **kwargs: Any) -> Any:
        raise NotImplementedError("served elsewhere")

    def chat(self, messages: List[ChatMessage], **kwargs: Any) -> ChatResponse:
        raise NotImplementedError("served elsewhere")


def retrieve(index: VectorStoreIndex, query: str, top_k: int = 4) -> List[NodeWithScore]:
    Settings.llm = LocalLLM{n}()
    return index.as_retriever(similarity_top_k=top_k).retrieve(query)
'''

LANGCHAIN_FILE = '''"""Chain {n}: a prompt, a chat model chosen by the caller, a parser.

Pass ChatOpenAI (langchain-openai) or any other chat model; no provider is imported.
"""

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnablePassthrough

PROMPT_{n} = ChatPromptTemplate.from_messages(
    [("system", "You answer in one sentence."), ("human", "{{question}}")]
)


def build_chain(model: BaseChatModel) -> Runnable:
    return {{"question": RunnablePassthrough()}} | PROMPT_{n} | model | StrOutputParser()


def summarize(model: BaseChatModel, texts: list[str]) -> list[str]:
    chain = build_chain(model)
    return [chain.invoke(f"Summarize: {{text}}") for text in texts]
'''

BIG_FILE_BLOCK = """

def ask_{n}(question: str) -> str:
    reply = client.chat.completions.create(
        model="gpt-4o", messages=[{{"role": "user", "content": question}}]
    )
    key = os.environ["OPENAI_API_KEY"]
    return reply.choices[0].message.content or key
"""


def big_file(lines: int, shape: str = "functions") -> str:
    """A module of about `lines` lines calling OpenAI in every function: top-level functions,
    or (`shape` "class") the methods of one class, as generated API clients are written."""
    head = "import os\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
    block = BIG_FILE_BLOCK
    if shape == "class":
        head += '\n\nclass Asker:\n    """Every question, one method each."""\n'
        block = "".join(f"    {line}" if line.strip() else line for line in block.splitlines(True))
        block = block.replace("(question", "(self, question")
    blocks = max(1, (lines - head.count("\n")) // block.count("\n"))
    return head + "".join(block.format(n=n) for n in range(blocks))


# What a Python project keeps out of git, at the root and again in each package of the
# generated monorepo (real ones do: LlamaIndex has 608 .gitignore files, most of one text)
GITIGNORE = """# byte code and builds
__pycache__/
*.py[cod]
*$py.class
*.so
build/
dist/
wheels/
*.egg-info/
.eggs/
# environments and secrets
.env
.env.*
!.env.example
.venv/
venv/
env/
# tools
.mypy_cache/
.pytest_cache/
.ruff_cache/
.tox/
.nox/
.coverage
.coverage.*
htmlcov/
coverage.xml
*.cover
.hypothesis/
.ipynb_checkpoints/
# editors and systems
.idea/
.vscode/
*.swp
.DS_Store
Thumbs.db
# data and logs
*.log
logs/
*.sqlite3
/data/
"""


def make_tree(root: Path, files: int, share: float = 0.1, framework: float = 0.0) -> dict:
    """Write `files` files under `root`: a share `share` use OpenAI, a share `framework` are
    LlamaIndex/LangChain modules that do not, about 5 % are YAML settings, the rest ordinary
    Python; and a .gitignore at the root and in each package. Returns how many of each kind
    were written."""
    rng = random.Random(7)
    kinds = {"openai": 0, "framework": 0, "yaml": 0, "plain": 0}
    root.mkdir(parents=True, exist_ok=True)
    (root / ".gitignore").write_text(GITIGNORE)
    for n in range(files):
        package = root / f"pkg{n % 50:02}" / f"sub{n % 7}"
        if not package.is_dir():
            package.mkdir(parents=True)
            (package.parent / ".gitignore").write_text(GITIGNORE)
        roll = rng.random()
        if roll < share:
            (package / f"llm_{n}.py").write_text(OPENAI_FILE.format(n=n))
            kinds["openai"] += 1
        elif roll < share + framework:
            template = LLAMAINDEX_FILE if n % 2 else LANGCHAIN_FILE
            (package / f"chain_{n}.py").write_text(template.format(n=n))
            kinds["framework"] += 1
        elif roll < share + framework + 0.05:
            (package / f"settings_{n}.yaml").write_text(
                f"service: s{n}\nretries: 3\nport: 80{n % 10}\n"
            )
            kinds["yaml"] += 1
        else:
            (package / f"mod_{n}.py").write_text(PLAIN_FILE.format(n=n))
            kinds["plain"] += 1
    return kinds


def notebook_code(tree: Path, out: Path) -> int:
    """Write the Python module scan makes of each notebook under `tree` (its code cells
    joined, IPython lines hidden, cells that are not Python left out) as a file under `out`
    (`docs/demo.ipynb` -> `out/docs/demo.ipynb.py`): the code semgrep, which reads no
    notebook, would have to be given to look at what scan looks at. A notebook scan cannot
    read is left out. Returns how many were written."""
    from migrate_llm.formats import FormatError
    from migrate_llm.formats.notebook import read_notebook
    from migrate_llm.notebook_code import build

    written = 0
    for folder, dirs, names in os.walk(tree):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            if not name.endswith(".ipynb"):
                continue
            path = Path(folder, name)
            try:
                code = build(read_notebook(path.read_text(encoding="utf-8")))
            except (FormatError, UnicodeDecodeError):
                continue
            target = out / path.relative_to(tree).with_name(name + ".py")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code.text, encoding="utf-8")
            written += 1
    return written
