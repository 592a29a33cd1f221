"""Where code writes the width of the vectors a store holds (ML114).

A vector store is created for one width and rejects vectors of another on the first insert
(qdrant: "could not broadcast (2048,) into (1536,)"). What holds the width is a keyword
argument, a dict entry or a constant whose name says so: qdrant-client 1.14.1's
`VectorParams(size: int, ...)` (http/models/models.py L3077), a project's
`EMBEDDING_DIM = 1536`, a mapping's `"dims": 1536`, or a column type in SQL text the
program runs (`SQL_VECTOR`). A width passed by position (`faiss.IndexFlatL2(1536)`) is not
read.
"""

from __future__ import annotations

import re

# Keyword, dict key and constant names (compared lowercased) that hold a vector width.
SIZE_NAMES = frozenset(
    {
        "size",
        "dim",
        "dims",
        "dimension",
        "dimensions",
        "embed_dim",
        "embed_size",
        "embedding_dim",
        "embedding_dims",
        "embedding_dimension",
        "embedding_dimensions",
        "embedding_size",
        "vector_dim",
        "vector_dims",
        "vector_dimension",
        "vector_dimensions",
        "vector_size",
        "vectors_size",
    }
)

# A vector column's type in SQL text (a string the program executes): pgvector's
# `embedding vector(1536)` and `halfvec(1536)` (github.com/pgvector/pgvector README, "CREATE
# TABLE items (id bigserial PRIMARY KEY, embedding vector(3))"), any case, also with a second
# argument (`VECTOR(1536, FLOAT32)`). Group 1: the type as written; group 2: the width.
SQL_VECTOR = re.compile(r"\b(vector|halfvec)\s*\(\s*(\d+)\s*[,)]", re.IGNORECASE)

# Where code keeps vectors in a file it reads back (ML114): a call of these (by the name the
# module's imports give it) that loads or saves data, in a module that also names a file
# called for embeddings or vectors (`VECTOR_FILE`: generative_agents' `embeddings.json`,
# `vectors.npy`). Vectors kept there were made by the OpenAI model; nothing in the code
# shows they were rebuilt for the provider's.
PERSIST_CALLS = frozenset(
    {
        "json.load",
        "json.dump",
        "pickle.load",
        "pickle.dump",
        "numpy.load",
        "numpy.save",
        "numpy.savez",
        "numpy.loadtxt",
        "numpy.savetxt",
        "torch.load",
        "torch.save",
    }
)
VECTOR_FILE = re.compile(
    r"(?:embed|vector)[\w.-]*\.(?:json|jsonl|npy|npz|pkl|pickle|pt)\b", re.IGNORECASE
)

# LangChain vector stores that keep their vectors on a server (a collection, an index, a
# table), by qualified name: a module handing embeddings to one (ML114) fills or queries vectors
# the OpenAI model made until they are rebuilt, which nothing in the code shows (t65d:
# chat-langchain's Weaviate collection of text-embedding-3-small's 1536-wide vectors).
# langchain-weaviate 0.0.6 langchain_weaviate/vectorstores.py L72 `class WeaviateVectorStore`
# (re-exported by its __init__); langchain-community 0.4.2 vectorstores/__init__.py
# `_module_lookup`: PGVector (pgvector.py), ElasticsearchStore (elasticsearch.py), Redis
# (redis/). In-memory stores (FAISS, InMemoryVectorStore, Chroma without a server) are left out.
STORE_CLASSES = frozenset(
    {
        "langchain_weaviate.WeaviateVectorStore",
        "langchain_weaviate.vectorstores.WeaviateVectorStore",
        "langchain_community.vectorstores.PGVector",
        "langchain_community.vectorstores.pgvector.PGVector",
        "langchain_community.vectorstores.ElasticsearchStore",
        "langchain_community.vectorstores.elasticsearch.ElasticsearchStore",
        "langchain_community.vectorstores.Redis",
        "langchain_community.vectorstores.redis.Redis",
    }
)
