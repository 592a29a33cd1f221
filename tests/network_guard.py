"""A guard that fails on any network connection to a host other than the loopback interface.

The end-to-end tests run migrated programs against tests/loopback_server.py on 127.0.0.1. A
migrated program that still tries to reach api.openai.com (or any other host) must fail the test,
not quietly time out or, worse, send a key somewhere. The guard replaces the socket functions that
resolve names and open connections; a host other than 127.0.0.1, localhost or ::1 raises
`NetworkBlockedError` naming the host before any packet is sent, and is appended to the file named
by `$NETWORK_GUARD_LOG` when set, so a test sees the attempt even when the program caught the error
(the openai SDK wraps every transport error into its own `APIConnectionError` and retries).

Two ways to use it:
- in-process: `install()` / `uninstall()` (the `no_network` fixture in conftest.py);
- in a subprocess: `subprocess_env(env, directory)` writes a `sitecustomize.py` into `directory`
  that installs the guard at interpreter start-up and puts `directory` first on `PYTHONPATH`.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

ALLOWED_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
LOG_VARIABLE = "NETWORK_GUARD_LOG"

_originals: dict[str, object] = {}


class NetworkBlockedError(RuntimeError):
    """A connection to a host other than the loopback interface was attempted."""

    def __init__(self, host: object, how: str) -> None:
        self.host = host
        super().__init__(f"network guard: {how} to non-loopback host {host!r} blocked")


def _host_name(host: object) -> object:
    if isinstance(host, bytes | bytearray):
        host = bytes(host).decode("ascii", "replace")
    if isinstance(host, str):
        return host.strip("[]").lower()
    return host


def _check(host: object, how: str) -> None:
    name = _host_name(host)
    if name is None or name in ALLOWED_HOSTS:
        return
    log = os.environ.get(LOG_VARIABLE)
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{name}\n")
    raise NetworkBlockedError(name, how)


def _check_address(sock: socket.socket, address: object, how: str) -> None:
    # Unix-domain sockets connect to a path, not a host.
    if getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX:
        return
    host = address[0] if isinstance(address, tuple) and address else address
    _check(host, how)


def _getaddrinfo(host, *args, **kwargs):
    _check(host, "getaddrinfo")
    return _originals["getaddrinfo"](host, *args, **kwargs)


def _gethostbyname(host):
    _check(host, "gethostbyname")
    return _originals["gethostbyname"](host)


def _gethostbyname_ex(host):
    _check(host, "gethostbyname_ex")
    return _originals["gethostbyname_ex"](host)


def _create_connection(address, *args, **kwargs):
    _check(address[0], "create_connection")
    return _originals["create_connection"](address, *args, **kwargs)


def _connect(self, address):
    _check_address(self, address, "connect")
    return _originals["connect"](self, address)


def _connect_ex(self, address):
    _check_address(self, address, "connect_ex")
    return _originals["connect_ex"](self, address)


_MODULE_PATCHES = {
    "getaddrinfo": _getaddrinfo,
    "gethostbyname": _gethostbyname,
    "gethostbyname_ex": _gethostbyname_ex,
    "create_connection": _create_connection,
}
_METHOD_PATCHES = {"connect": _connect, "connect_ex": _connect_ex}


def installed() -> bool:
    return bool(_originals)


def install() -> None:
    """Patch the socket module; calling it twice is a no-op."""
    if _originals:
        return
    for name, patch in _MODULE_PATCHES.items():
        _originals[name] = getattr(socket, name)
        setattr(socket, name, patch)
    for name, patch in _METHOD_PATCHES.items():
        _originals[name] = getattr(socket.socket, name)
        setattr(socket.socket, name, patch)


def uninstall() -> None:
    """Restore what `install` replaced."""
    for name in _MODULE_PATCHES:
        if name in _originals:
            setattr(socket, name, _originals.pop(name))
    for name in _METHOD_PATCHES:
        if name in _originals:
            setattr(socket.socket, name, _originals.pop(name))


_SITECUSTOMIZE = '''\
"""Written by tests/network_guard.py: install the network guard before the program runs."""
import importlib.util as _util
import sys as _sys

_spec = _util.spec_from_file_location("network_guard", {path!r})
_guard = _util.module_from_spec(_spec)
_sys.modules["network_guard"] = _guard
_spec.loader.exec_module(_guard)
_guard.install()
{preamble}
'''


def subprocess_env(env: dict[str, str], directory: Path, preamble: str = "") -> dict[str, str]:
    """`env` with the guard installed at start-up of any Python process that uses it.

    Writes `sitecustomize.py` into `directory` and puts `directory` first on PYTHONPATH; the
    blocked hosts are appended to `directory/blocked-hosts.log` (read it with `blocked_hosts`).
    `preamble` is more start-up code for the program's environment, run after the guard.
    """
    directory.mkdir(parents=True, exist_ok=True)
    source = _SITECUSTOMIZE.format(path=str(Path(__file__).resolve()), preamble=preamble)
    (directory / "sitecustomize.py").write_text(source, encoding="utf-8")
    log = directory / "blocked-hosts.log"
    log.write_text("", encoding="utf-8")
    path = [str(directory)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    return {**env, "PYTHONPATH": os.pathsep.join(path), LOG_VARIABLE: str(log)}


def blocked_hosts(directory: Path) -> list[str]:
    """The hosts the guard blocked in processes started with `subprocess_env(..., directory)`."""
    return (directory / "blocked-hosts.log").read_text(encoding="utf-8").split()
