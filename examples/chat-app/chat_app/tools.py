"""Functions the assistant may call, and their JSON schemas."""

from __future__ import annotations

from typing import Any

# A stand-in for the orders database.
_ORDERS: dict[str, dict[str, str]] = {
    "42": {"status": "shipped", "carrier": "SF Express", "eta": "2024-07-12"},
    "43": {"status": "processing", "carrier": "", "eta": "2024-07-15"},
}

TOOLS: list[dict[str, Any]] = [
    {
        "type": "function",
        "function": {
            "name": "get_order_status",
            "description": "Look up the shipping status of a customer's order.",
            "parameters": {
                "type": "object",
                "properties": {
                    "order_id": {"type": "string", "description": "The order number, e.g. 42"},
                },
                "required": ["order_id"],
            },
        },
    }
]


def get_order_status(order_id: str) -> dict[str, str]:
    order = _ORDERS.get(order_id.lstrip("#"))
    if order is None:
        return {"order_id": order_id, "status": "unknown"}
    return {"order_id": order_id, **order}


def run_tool(name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    if name == "get_order_status":
        return get_order_status(str(arguments["order_id"]))
    return {"error": f"unknown tool {name!r}"}
