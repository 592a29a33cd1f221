"""Where code writes the width of the vectors a store holds (ML114).

A vector store is created for one width and rejects vectors of another on the first insert
(qdrant: "could not broadcast (2048,) into (1536,)"). What holds the width is a keyword
argument, a dict entry or a constant whose name says so: qdrant-client 1.14.1's
`VectorParams(size: int, ...)` (http/models/models.py L3077), a project's
`EMBEDDING_DIM = 1536`, a mapping's `"dims": 1536`. A width passed by position
(`faiss.IndexFlatL2(1536)`) is not read.
"""

from __future__ import annotations

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
