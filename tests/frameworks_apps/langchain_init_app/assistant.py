"""LangChain's provider-agnostic constructors: one chat answer and two document embeddings."""

import json

from langchain.chat_models import init_chat_model
from langchain.embeddings import init_embeddings


def main() -> None:
    chat = init_chat_model("gpt-4o-mini", temperature=0)  # LangChain infers OpenAI
    answer = chat.invoke("Say hello in one word.")
    embedder = init_embeddings("openai:text-embedding-3-small")
    vectors = embedder.embed_documents(["first document", "second document"])
    print(json.dumps({"answer": answer.content, "vectors": len(vectors)}))


if __name__ == "__main__":
    main()
