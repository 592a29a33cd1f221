"""A LangChain chat model with a tool, in a loop written by hand: the model asks for the tool,
the program runs it and sends the result back after the model's own turn."""

import json

from langchain_core.messages import HumanMessage, ToolMessage
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI


@tool
def lookup(order_id: str) -> str:
    """The status of an order."""
    return f"order {order_id} has shipped"


llm = ChatOpenAI(model="gpt-4o", temperature=0).bind_tools([lookup])

if __name__ == "__main__":
    messages = [HumanMessage("Where is order 42?")]
    reply = llm.invoke(messages)
    messages.append(reply)
    for call in reply.tool_calls:
        messages.append(ToolMessage(lookup.invoke(call["args"]), tool_call_id=call["id"]))
    final = llm.invoke(messages)
    print(json.dumps({"tool_calls": len(reply.tool_calls), "answer": final.content}))
