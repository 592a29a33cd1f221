"""A small LlamaIndex program: one chat answer and one embedding, printed as JSON."""

import json

from llama_index.core import Settings
from llama_index.core.llms import ChatMessage
from llama_index.embeddings.openai import OpenAIEmbedding
from llama_index.llms.openai import OpenAI

Settings.llm = OpenAI(model="gpt-4o-mini", temperature=0.1)
Settings.embed_model = OpenAIEmbedding(model="text-embedding-3-small")


def main() -> None:
    reply = Settings.llm.chat([ChatMessage(role="user", content="Say hello in one word.")])
    vector = Settings.embed_model.get_text_embedding("first document")
    print(json.dumps({"answer": reply.message.content, "dimensions": len(vector)}))


if __name__ == "__main__":
    main()
