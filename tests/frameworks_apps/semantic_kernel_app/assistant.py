"""A small Semantic Kernel program: one chat answer and two embeddings, printed as JSON."""

import asyncio
import json

from semantic_kernel.connectors.ai.open_ai import (
    OpenAIChatCompletion,
    OpenAIChatPromptExecutionSettings,
    OpenAITextEmbedding,
)
from semantic_kernel.contents import ChatHistory


async def main() -> None:
    chat = OpenAIChatCompletion(ai_model_id="gpt-4o-mini", service_id="chat")
    history = ChatHistory()
    history.add_user_message("Say hello in one word.")
    reply = await chat.get_chat_message_content(history, OpenAIChatPromptExecutionSettings())
    embedder = OpenAITextEmbedding(ai_model_id="text-embedding-3-small")
    vectors = await embedder.generate_embeddings(["first text", "second text"])
    print(json.dumps({"answer": str(reply), "vectors": len(vectors)}))


if __name__ == "__main__":
    asyncio.run(main())
