"""A small LangChain program: one chat answer and two document embeddings, printed as JSON."""

import json

from langchain_openai import ChatOpenAI, OpenAIEmbeddings

chat = ChatOpenAI(model="gpt-4o-mini", temperature=0)


def embedder() -> OpenAIEmbeddings:
    return OpenAIEmbeddings(model="text-embedding-3-small")


def main() -> None:
    answer = chat.invoke("Say hello in one word.")
    vectors = embedder().embed_documents(["first document", "second document"])
    print(json.dumps({"answer": answer.content, "vectors": len(vectors)}))


if __name__ == "__main__":
    main()
