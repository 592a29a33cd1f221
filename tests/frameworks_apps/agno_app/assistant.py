"""A small agno program: one agent answer and one embedding, printed as JSON."""

import json

from agno.agent import Agent
from agno.knowledge.embedder.openai import OpenAIEmbedder
from agno.models.openai import OpenAIChat

agent = Agent(model=OpenAIChat(id="gpt-4o"), instructions="Answer in one word.", markdown=False)


def embedder() -> OpenAIEmbedder:
    # no model: agno's default OpenAI embedding model
    return OpenAIEmbedder()


def main() -> None:
    answer = agent.run("Say hello.").content
    vector = embedder().get_embedding("release notes")
    print(json.dumps({"answer": answer, "vector": len(vector) > 0}))


if __name__ == "__main__":
    main()
