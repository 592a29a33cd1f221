"""Health check for the orders service that backs `get_order_status`.

This is our own internal HTTP API, not OpenAI: nothing here talks to a model provider,
so switching from OpenAI to another provider leaves this module unchanged.
Run it with `python -m chat_app.health`.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request

ORDERS_API_URL = os.environ.get("ORDERS_API_URL", "http://127.0.0.1:8081")


def check_orders_service(base_url: str = ORDERS_API_URL, timeout: float = 3.0) -> bool:
    request = urllib.request.Request(f"{base_url}/healthz", headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.load(response)
    except (urllib.error.URLError, TimeoutError, ValueError):
        return False
    return body.get("status") == "ok"


if __name__ == "__main__":
    healthy = check_orders_service()
    print("orders service:", "ok" if healthy else "DOWN")
    sys.exit(0 if healthy else 1)
