"""An order desk on autogen-agentchat (a test app for migrate-llm).

`desk` looks orders up with a tool; `triage`, whose client comes from model_config.json,
hands the customer over to it.
"""

import asyncio
import json

from autogen_agentchat.agents import AssistantAgent
from autogen_ext.models.openai import OpenAIChatCompletionClient
from clients import make


async def order_status(order_id: str) -> str:
    """Look up where an order is."""
    return f"order {order_id} has shipped"


async def main() -> None:
    client = OpenAIChatCompletionClient(model="gpt-4o")
    desk = AssistantAgent("desk", model_client=client, tools=[order_status])
    answer = await desk.run(task="Where is order 42?")
    print(f"desk: {answer.messages[-1].content}")
    with open("model_config.json") as f:
        config = json.load(f)
    triage = AssistantAgent("triage", model_client=make(config), handoffs=["desk"])
    handed = await triage.run(task="I need the order desk.")
    print(f"triage: {handed.messages[-1].to_text()}")


asyncio.run(main())
