"""A writer on the OpenAI Agents SDK that names its model on the SDK's LiteLLM route (a test
app for migrate-llm): the SDK hands "openai/gpt-4o-mini" to litellm with no key or base URL.
"""

import asyncio

from agents import Agent, Runner, set_tracing_disabled

set_tracing_disabled(True)

writer = Agent(
    name="Writer",
    instructions="Answer in one word.",
    model="litellm/openai/gpt-4o-mini",
)


async def main() -> None:
    result = await Runner.run(writer, "Hello!")
    print(f"writer: {result.final_output}")


if __name__ == "__main__":
    asyncio.run(main())
