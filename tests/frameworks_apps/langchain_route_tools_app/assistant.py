"""A configurable LangChain model in a tool loop: the model is named in each run's config."""

import json

from langchain.chat_models import init_chat_model
from langchain_core.messages import HumanMessage, ToolMessage
from langchain_core.tools import tool
from settings import Configuration

configurable_model = init_chat_model(configurable_fields=("model", "max_tokens"))


@tool
def lookup(order_id: str) -> str:
    """The status of an order."""
    return f"order {order_id} has shipped"


if __name__ == "__main__":
    config = {"configurable": {"model": Configuration().research_model}}
    llm = configurable_model.bind_tools([lookup]).with_config(config)
    messages = [HumanMessage("Where is order 42?")]
    reply = llm.invoke(messages)
    messages.append(reply)
    for call in reply.tool_calls:
        messages.append(ToolMessage(lookup.invoke(call["args"]), tool_call_id=call["id"]))
    final = llm.invoke(messages)
    print(json.dumps({"tool_calls": len(reply.tool_calls), "answer": final.content}))
