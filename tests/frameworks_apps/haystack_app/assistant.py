"""A small Haystack program: one chat answer and two document embeddings, printed as JSON."""

import json

from haystack import Document
from haystack.components.embedders import OpenAIDocumentEmbedder
from haystack.components.generators.chat import OpenAIChatGenerator
from haystack.dataclasses import ChatMessage
from haystack.utils import Secret

# no model: Haystack's default OpenAI model; the generation settings go into each request as
# they are, those given to run() over these
chat = OpenAIChatGenerator(
    generation_kwargs={"max_tokens": 64, "frequency_penalty": 0.5},
    api_key=Secret.from_env_var("OPENAI_API_KEY"),
)


def embedder() -> OpenAIDocumentEmbedder:
    return OpenAIDocumentEmbedder(model="text-embedding-3-small", progress_bar=False)


def main() -> None:
    asked = [ChatMessage.from_user("Say hello in one word.")]
    reply = chat.run(asked, generation_kwargs={"temperature": 1.5})["replies"][0]
    documents = [Document(content="first document"), Document(content="second document")]
    embedded = embedder().run(documents)["documents"]
    vectors = sum(d.embedding is not None for d in embedded)
    print(json.dumps({"answer": reply.text, "vectors": vectors}))


if __name__ == "__main__":
    main()
