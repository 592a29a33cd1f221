"""A client class of the project whose subclasses point at other servers (t68e, ragflow).

ragflow's `OpenAIEmbed.__init__(self, key, model_name=..., base_url="https://api.openai.com/v1")`
builds `OpenAI(api_key=key, base_url=base_url)`; eighteen vendor classes derive from it, each
handing `super().__init__` its own URL (or building a client for the user's vLLM) and
inheriting its request. apply used to drop the `base_url` parameter from the client (a vendor
class's key then went to DashScope), write `dimensions=1536` into the inherited request (sent
to every vendor) and map the vendors' own default models.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_server import LoopbackServer
from .provider_run import run_on_provider

BEFORE = """\
from openai import OpenAI


class OpenAIEmbed:
    def __init__(self, key, model_name="text-embedding-3-small", base_url="https://api.openai.com/v1"):
        self.client = OpenAI(api_key=key, base_url=base_url)
        self.model_name = model_name

    def embed(self, texts):
        return self.client.embeddings.create(input=texts, model=self.model_name)


class VendorEmbed(OpenAIEmbed):
    def __init__(self, key, model_name="text-embedding-3-small"):
        super().__init__(key, model_name, base_url="VENDOR_URL")


if __name__ == "__main__":
    OpenAIEmbed(None).embed(["a"])
    VendorEmbed("VENDOR-KEY").embed(["b"])
"""

AFTER = """\
import os

from openai import OpenAI


class OpenAIEmbed:
    def __init__(
        self,
        key,
        model_name="text-embedding-v4",
        base_url=os.environ.get(
            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
        ),
    ):
        self.client = OpenAI(
            api_key=key or os.environ.get("DASHSCOPE_API_KEY", "unset"),
            base_url=base_url,
        )
        self.model_name = model_name

    def embed(self, texts):
        return self.client.embeddings.create(input=texts, model=self.model_name)


class VendorEmbed(OpenAIEmbed):
    def __init__(self, key, model_name="text-embedding-3-small"):
        super().__init__(key, model_name, base_url="VENDOR_URL")


if __name__ == "__main__":
    OpenAIEmbed(None).embed(["a"])
    VendorEmbed("VENDOR-KEY").embed(["b"])
"""

LOCAL_SERVER = """\
from openai import OpenAI


class OpenAIEmbed:
    def __init__(self, key, model_name="text-embedding-3-small", base_url="https://api.openai.com/v1"):
        self.client = OpenAI(api_key=key, base_url=base_url)
        self.model_name = model_name

    def embed(self, texts):
        return self.client.embeddings.create(input=texts, model=self.model_name)


class LocalServerEmbed(OpenAIEmbed):
    def __init__(self, key, model_name, base_url):
        if not base_url:
            raise ValueError("url cannot be None")
        self.client = OpenAI(api_key=key, base_url=base_url)
        self.model_name = model_name
"""


def scanned(tmp_path: Path, text: str) -> list[tuple[str, int, str, str]]:
    (tmp_path / "app.py").write_text(text)
    done = CliRunner().invoke(app, ["scan", ".", "--provider", "qwen", "--format", "json"])
    assert done.exit_code == 0, done.stderr
    found = json.loads(done.stdout)["findings"]
    return [(f["rule"], f["line"], f["fix"], f["message"]) for f in found]


def test_a_subclass_keeps_its_vendor_url_and_key_and_the_provider_gets_neither(
    registry, tmp_path, monkeypatch
):
    vendor = LoopbackServer().start()
    provider = LoopbackServer.for_provider(registry.get("qwen")).start()
    try:
        before = BEFORE.replace("VENDOR_URL", vendor.base)
        (tmp_path / "app.py").write_text(before)
        monkeypatch.chdir(tmp_path)
        done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
        assert done.exit_code == 0, done.stderr
        assert (tmp_path / "app.py").read_text() == AFTER.replace("VENDOR_URL", vendor.base)
        run_on_provider(
            Path("app.py"), tmp_path, registry.get("qwen"), provider, tmp_path.parent / "guard"
        )
        sent = [
            (r.path, r.body, r.headers.get("authorization"))
            for r in (*provider.requests, *vendor.requests)
        ]
        # the vendor's own model and key went to the vendor, no `dimensions` to either
        assert sent == [
            (
                "/embeddings",
                {"input": ["a"], "model": "text-embedding-v4", "encoding_format": "base64"},
                "Bearer test-key",
            ),
            (
                "/embeddings",
                {"input": ["b"], "model": "text-embedding-3-small", "encoding_format": "base64"},
                "Bearer VENDOR-KEY",
            ),
        ]
        again = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--diff"])
        assert (again.exit_code, again.stdout) == (0, "")
    finally:
        vendor.stop()
        provider.stop()


def test_the_findings_say_what_stays_for_the_subclass(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    found = scanned(tmp_path, BEFORE.replace("VENDOR_URL", "https://api.vendor.example/v1"))
    qwen = "Alibaba Qwen (DashScope / Model Studio)"
    assert [f for f in found if f[0] in ("ML001", "ML114", "ML204")] == [
        (
            "ML204",
            5,
            "review",
            f"default of model_name = 'text-embedding-3-small' maps to 'text-embedding-v4' on {qwen}",
        ),
        (
            "ML001",
            6,
            "review",
            f"OpenAI() talks to OpenAI (key from `key`); for {qwen} read the base URL from "
            "DASHSCOPE_BASE_URL (default https://dashscope.aliyuncs.com/compatible-mode/v1) and "
            f"keep the key your code passes (`key`), with DASHSCOPE_API_KEY when it is empty: it "
            f"must be an {qwen} key; it keeps taking `base_url=`, as other servers come through "
            f"it (VendorEmbed): only its OpenAI default becomes {qwen}'s (ML402)",
        ),
        (
            "ML114",
            10,
            "manual",
            "text-embedding-v4 returns vectors 1024 wide, text-embedding-3-small's were 1536 "
            "(1536 -> 1024): rebuild the stored vectors, or pass dimensions=1536; apply adds no "
            "dimensions= here, as OpenAIEmbed.embed() is inherited by VendorEmbed, which sends "
            f"to another server (the size would go there too); pass it only on requests that go "
            f"to {qwen}",
        ),
        (
            "ML114",
            10,
            "manual",
            f"input=texts may hold more than 10 texts; {qwen} embeds at most 10 inputs per "
            "request: send batches of 10",
        ),
        (
            "ML204",
            14,
            "none",
            "default of model_name = 'text-embedding-3-small' is set in VendorEmbed.__init__(), "
            "a subclass pointed at another server: that server's model, which no request sends "
            "to OpenAI; apply leaves it",
        ),
    ]


def test_a_request_a_subclass_for_a_local_server_inherits_gets_no_dimensions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(LOCAL_SERVER)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    head = LOCAL_SERVER.split("    def embed")[0]
    assert (tmp_path / "app.py").read_bytes() == (
        "import os\n\n"
        + LOCAL_SERVER.replace(
            head.split("class OpenAIEmbed:\n")[1],
            AFTER.split("class OpenAIEmbed:\n")[1].split("    def embed")[0],
        )
    ).encode()
