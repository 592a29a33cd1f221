"""LangChain's older ChatOpenAI (langchain-community) with a tool, in a loop written by hand:
the model asks for the tool, the program runs it and sends the result back after the model's
own turn."""

import json

from langchain_community.chat_models.openai import ChatOpenAI
from langchain_core.messages import HumanMessage, ToolMessage
from langchain_core.tools import tool
from langchain_core.utils.function_calling import convert_to_openai_tool


@tool
def lookup(order_id: str) -> str:
    """The status of an order."""
    return f"order {order_id} has shipped"


llm = ChatOpenAI(model="gpt-4o-mini", temperature=0, model_kwargs={"top_p": 0.5})
with_tools = llm.bind(tools=[convert_to_openai_tool(lookup)])

if __name__ == "__main__":
    messages = [HumanMessage("Where is order 42?")]
    reply = with_tools.invoke(messages)
    messages.append(reply)
    for call in reply.tool_calls:
        messages.append(ToolMessage(lookup.invoke(call["args"]), tool_call_id=call["id"]))
    final = with_tools.invoke(messages)
    print(json.dumps({"tool_calls": len(reply.tool_calls), "answer": final.content}))
