"""A small support assistant built on the OpenAI Agents SDK (a test app for migrate-llm).

`support` answers with a tool and a chosen model; `greeter` runs on the SDK's default model.
"""

import asyncio
import sys

from agents import Agent, Runner, function_tool


@function_tool
def order_status(order_id: str) -> str:
    """Look up where an order is."""
    return f"order {order_id} has shipped"


support = Agent(
    name="Support",
    instructions="Answer questions about orders; look them up first.",
    model="gpt-4o-mini",
    tools=[order_status],
)
greeter = Agent(name="Greeter", instructions="Greet the customer in one line.")


async def main(question: str) -> None:
    answer = await Runner.run(support, question)
    print(f"support: {answer.final_output}")
    hello = await Runner.run(greeter, "Hello!")
    print(f"greeter: {hello.final_output}")


if __name__ == "__main__":
    asyncio.run(main(" ".join(sys.argv[1:]) or "Where is order 42?"))
