"""Run a Python program as `subprocess.run([sys.executable, *args], ...)` would, but faster.

The end-to-end tests run migrated programs with the real openai SDK in a process of their own;
a fresh interpreter spends over a second importing `openai` (pydantic, httpx2, ...) before the
program does anything. `run_python` keeps one warm "zygote" interpreter per test process
(per pytest-xdist worker), started on first use with a clean environment (no OPENAI_*, no
*_PROXY, no PYTHONPATH/PYTHONIOENCODING variable) and with the heavy, side-effect-free modules
already imported (`openai`, `httpx2` or `httpx`, `asyncio`, `json`, ...). For each run the
zygote forks a child that becomes the program a fresh interpreter would have run:

- `os.environ` (and the C environment) is replaced by the requested one; `time.tzset()` re-reads
  TZ; the working directory is the requested one;
- `sys.path` is the one a fresh interpreter builds: the PYTHONPATH entries (made absolute,
  duplicates removed as `site` does), then the interpreter's own entries; the `sitecustomize`
  found on that path is run (`site.execsitecustomize`, where tests/network_guard.py and the
  httpx alias live); only then is `sys.path[0]` inserted: the script's real directory, '' for
  `-c`, the working directory for `-m`;
- fds 0/1/2 are the request's stdin (or /dev/null) and two capture files, wrapped in new text
  streams as CPython makes them (encoding and errors from PYTHONIOENCODING, else the locale's;
  stderr `backslashreplace` and line-buffered);
- `-c CODE`, `-m MODULE` (through `runpy._run_module_as_main`, as CPython does) and `SCRIPT`
  run as `__main__` in a fresh `__main__` namespace, compiled without this module's
  `__future__` flags; `SystemExit` is handled as CPython does (None -> 0, int -> code, other ->
  printed, 1); an uncaught exception goes to `sys.excepthook` with the runner's own frames cut
  from the traceback, so stderr is what a fresh interpreter prints; then non-daemon threads
  are joined, atexit handlers run, stdio is flushed, and the child leaves with `os._exit`.

The child shares the zygote's already imported modules, so the import-time reads of the
environment are those of the zygote. Found in openai (this venv): `import openai` reads
OPENAI_LOG (`_utils/_logs.setup_logging`: `logging.basicConfig` and the "openai" logger's
level), OPENAI_API_TYPE, OPENAI_API_VERSION and AZURE_OPENAI_ENDPOINT (module globals
`openai.api_type`, `.api_version`, `.azure_endpoint`) and DEFER_PYDANTIC_BUILD (model config in
`_models.py`); pydantic reads PYDANTIC_DISABLE_PLUGINS, zoneinfo PYTHONTZPATH, sysconfig and
site HOME/PYTHONUSERBASE. Everything else (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID,
OPENAI_PROJECT_ID, OPENAI_CUSTOM_HEADERS, the AZURE_*/AWS_* client variables, SSL_CERT_FILE)
is read when a client is built, i.e. in the child. Rather than keep a list, the zygote records
every `os.environ` read made while it imports its modules; a request whose environment differs
from the zygote's in any of those variables, in any PYTHON*, LANG/LC_*, PYDANTIC_* or
OPENSSL_* variable (read by the interpreter or by C code at start-up; PYTHONPATH and
PYTHONIOENCODING excepted: they are applied in the child) is run in a real subprocess instead,
so OPENAI_LOG=debug or OPENAI_API_VERSION in a test still behave exactly. So is a request whose
PYTHONPATH or `sys.path[0]` directory holds a module that shadows one the zygote imported.

The zygote has no threads and no event loop when it forks (checked at start-up; otherwise every
run falls back). Known differences: children share the zygote's hash seed; output is captured
in files, so a run ends when the program exits even if a grandchild still holds its stdout
(`subprocess.run` would wait for the pipe to close); and `sys.modules` holds the warm modules.

Anything else falls back to a real `subprocess.run`: other interpreter flags, a script that is
not a plain file (directory, zip, .pyc), a working directory that does not exist, a platform
without `os.fork`, or `MIGRATE_LLM_TEST_FORK=0` in the test process's environment.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

SWITCH = "MIGRATE_LLM_TEST_FORK"

# What the zygote imports before it serves; any that is missing is skipped.
WARM_MODULES = (
    "asyncio",
    "json",
    "ssl",
    "socket",
    "selectors",
    "concurrent.futures",
    "dataclasses",
    "typing",
    "logging",
    "re",
    "tempfile",
    "importlib.util",
    "urllib.parse",
    "urllib.request",
    "http.client",
    "email.message",
    "runpy",
    "httpx2",
    "httpx",
    "httpcore2",
    "anyio",
    "pydantic",
    "openai",
)

_HEADER = struct.Struct("!Q")
_BOOT = (
    "import sys\n"
    "startup = set(sys.modules)\n"
    "import importlib.util as u\n"
    "del sys.path[0]\n"
    "s = u.spec_from_file_location('_program_runner_zygote', sys.argv[2])\n"
    "m = u.module_from_spec(s)\n"
    "sys.modules[s.name] = m\n"
    "s.loader.exec_module(m)\n"
    "m.serve(int(sys.argv[1]), startup)\n"
)
_THIS_FILE = os.path.abspath(__file__)


def fork_enabled() -> bool:
    return hasattr(os, "fork") and os.environ.get(SWITCH, "1") != "0"


def run_python(
    args: Sequence[str | os.PathLike[str]],
    *,
    env: Mapping[str, str],
    cwd: str | os.PathLike[str] | None = None,
    timeout: float | None = 60,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """`subprocess.run([sys.executable, *args], env=env, cwd=cwd, input=input,
    capture_output=True, text=True, timeout=timeout)`, run in a fork of the warm zygote where
    that gives the same result (see the module docstring), else exactly that call."""
    argv = [os.fspath(a) for a in args]
    env = dict(env)
    directory = os.fspath(cwd) if cwd is not None else None
    if fork_enabled():
        zygote = _zygote()
        request = zygote.plan(argv, env, directory) if zygote else None
        if zygote and request:
            try:
                return zygote.run(request, argv, timeout, input)
            except _ZygoteGone:
                _STATE[str(os.getpid())] = None  # the program did not start: run it afresh
    return subprocess.run(
        [sys.executable, *argv],
        env=env,
        cwd=directory,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def pytest_offline(
    directory: str | os.PathLike[str], *args: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """pytest run on `args` in `directory` (one process, no cache) with no OPENAI_* or proxy
    variable set and the network guard on: the result, and the hosts it tried to reach."""
    from . import network_guard

    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "PROXY" not in k.upper()}
    guard = Path(directory) / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(
        ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", *args],
        cwd=directory,
        env=env,
        timeout=120,
    )
    return proc, network_guard.blocked_hosts(guard)


# --- the test process's side ---------------------------------------------------------------


def _text_encoding() -> str:
    """The encoding `subprocess.run(..., text=True)` uses."""
    import locale

    return "utf-8" if sys.flags.utf8_mode else locale.getencoding()


def _decode(data: bytes) -> str:
    return data.decode(_text_encoding()).replace("\r\n", "\n").replace("\r", "\n")


def _startup_variable(name: str) -> bool:
    if name in ("PYTHONPATH", "PYTHONIOENCODING"):
        return False
    return name in ("LANG", "LANGUAGE") or name.startswith(
        ("PYTHON", "LC_", "PYDANTIC_", "OPENSSL_")
    )


def _module_names(directory: str) -> set[str]:
    """Top-level module names importable from `directory`."""
    try:
        entries = os.listdir(directory)
    except OSError:
        return set()
    return {entry.split(".", 1)[0] for entry in entries}


class _ZygoteGone(Exception):
    """The zygote stopped before it forked the program."""


class _Zygote:
    def __init__(self) -> None:
        self.env = {
            k: v
            for k, v in os.environ.items()
            if "OPENAI" not in k.upper()
            and "PROXY" not in k.upper()
            and k not in ("PYTHONPATH", "PYTHONIOENCODING")
        }
        self.sock, theirs = socket.socketpair()
        self.lock = threading.Lock()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT, str(theirs.fileno()), _THIS_FILE],
            env=self.env,
            cwd="/",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=[theirs.fileno()],
        )
        theirs.close()
        self.buffer = b""
        self.sock.settimeout(120)
        ready = self._reply()
        self.sock.settimeout(None)
        if "error" in ready:
            raise RuntimeError(f"zygote refused to serve: {ready['error']}")
        self.reads: set[str] = set(ready["env_reads"])
        self.warm: set[str] = set(ready["warm"])

    def close(self) -> None:
        self.sock.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def _reply(self) -> dict:
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("the zygote went away")
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return json.loads(line)

    def plan(self, argv: list[str], env: dict[str, str], cwd: str | None) -> dict | None:
        """The request for the zygote, or None where only a real subprocess is exact."""
        if not argv:
            return None
        names = self.reads | {k for k in (*env, *self.env) if _startup_variable(k)}
        if any(env.get(k) != self.env.get(k) for k in names):
            return None
        encoding = env.get("PYTHONIOENCODING", "").partition(":")[0]
        if encoding:
            import codecs

            try:
                codecs.lookup(encoding)
            except LookupError:
                return None
        directory = os.path.abspath(cwd) if cwd is not None else os.getcwd()
        if not os.path.isdir(directory):
            return None
        first = argv[0]
        if first == "-c" and len(argv) >= 2:
            request = {"mode": "c", "target": argv[1], "argv": ["-c", *argv[2:]]}
            path0 = ""
        elif first == "-m" and len(argv) >= 2 and argv[1] and not argv[1].startswith("-"):
            request = {"mode": "m", "target": argv[1], "argv": ["-m", *argv[2:]]}
            path0 = directory
        elif not first.startswith("-"):
            script = os.path.join(directory, first)
            if not os.path.isfile(script) or first.endswith((".pyc", ".pyo", ".zip")):
                return None
            request = {"mode": "script", "target": os.path.abspath(script), "argv": argv}
            path0 = os.path.dirname(os.path.realpath(script))
        else:
            return None
        setting = env.get("PYTHONPATH", "")
        pythonpath = [
            os.path.normpath(os.path.join(directory, p)) for p in setting.split(os.pathsep)
        ]
        if not setting:
            pythonpath = []
        for place in [*pythonpath, path0 or directory]:
            if _module_names(place) & self.warm:
                return None
        return {
            **request,
            "env": env,
            "cwd": directory,
            "pythonpath": pythonpath,
            "path0": path0,
        }

    def run(
        self, request: dict, argv: list[str], timeout: float | None, input: str | None
    ) -> subprocess.CompletedProcess[str]:
        body = json.dumps(request).encode()
        with (
            tempfile.TemporaryFile() as out,
            tempfile.TemporaryFile() as err,
            tempfile.TemporaryFile() as stdin,
            self.lock,
        ):
            if input is not None:
                stdin.write(input.encode(_text_encoding()))
                stdin.seek(0)
                source = stdin.fileno()
            else:
                source = os.open(os.devnull, os.O_RDONLY)
            try:
                socket.send_fds(
                    self.sock,
                    [_HEADER.pack(len(body))],
                    [source, out.fileno(), err.fileno()],
                )
                self.sock.sendall(body)
                pid = self._reply()["pid"]
            except (OSError, RuntimeError) as exc:
                raise _ZygoteGone from exc
            finally:
                if input is None:
                    os.close(source)
            self.sock.settimeout(None if timeout is None else max(timeout, 0.001))
            try:
                status = self._reply()["status"]
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                self.sock.settimeout(60)
                self._reply()
                out.seek(0)
                err.seek(0)
                raise subprocess.TimeoutExpired(
                    [sys.executable, *argv], timeout, output=out.read(), stderr=err.read()
                ) from None
            finally:
                self.sock.settimeout(None)
            out.seek(0)
            err.seek(0)
            return subprocess.CompletedProcess(
                [sys.executable, *argv], status, _decode(out.read()), _decode(err.read())
            )


_STATE: dict[str, _Zygote | None] = {}


def _zygote() -> _Zygote | None:
    """This process's zygote, started on first use; None when it cannot be started."""
    pid = str(os.getpid())
    if pid not in _STATE:
        try:
            _STATE[pid] = _Zygote()
        except (OSError, RuntimeError, ValueError):
            _STATE[pid] = None
        else:
            import atexit

            atexit.register(_STATE[pid].close)  # type: ignore[union-attr]
    return _STATE[pid]


# --- the zygote's side ---------------------------------------------------------------------


def _recv_exactly(sock: socket.socket, size: int, start: bytes = b"") -> bytes:
    data = start
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _send(sock: socket.socket, message: dict) -> None:
    sock.sendall(json.dumps(message).encode() + b"\n")


def _warm_up(startup: set[str]) -> tuple[list[str], list[str]]:
    """Import WARM_MODULES; the variables read meanwhile and the top-level modules a fresh
    interpreter would not have (imported since start-up, this module's included)."""
    import importlib

    before = {name.split(".")[0] for name in startup}
    reads: set[str] = set()
    environ = type(os.environ)
    original = environ.__getitem__

    def traced(self, key):
        reads.add(key)
        return original(self, key)

    iterate = environ.__iter__

    def traced_iter(self):
        reads.add("*")  # the whole environment: no run can be forked then
        return iterate(self)

    environ.__getitem__ = traced  # type: ignore[method-assign]
    environ.__iter__ = traced_iter  # type: ignore[method-assign]
    try:
        for name in WARM_MODULES:
            with contextlib.suppress(ImportError):
                importlib.import_module(name)
    finally:
        environ.__getitem__ = original  # type: ignore[method-assign]
        environ.__iter__ = iterate  # type: ignore[method-assign]
    after = {name.split(".")[0] for name in sys.modules}
    return sorted(reads), sorted(after - before - {"_program_runner_zygote"})


def _refusal() -> str | None:
    """Why this process must not fork programs: threads or an event loop."""
    if threading.active_count() != 1:
        return f"{threading.active_count()} threads"
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        tasks = ["?"]
    if len(tasks) != 1:
        return f"{len(tasks)} native threads"
    events = sys.modules.get("asyncio.events")
    if events is not None:
        if events._get_running_loop() is not None:
            return "a running event loop"
        policy = events._event_loop_policy
        if policy is not None and getattr(policy._local, "_loop", None) is not None:
            return "an event loop"
    return None


def serve(fd: int, startup: set[str]) -> None:
    """The zygote: warm up, then fork one child per request until the socket closes."""
    import gc

    sock = socket.socket(fileno=fd)
    reads, warm = _warm_up(startup)
    refusal = "the warm-up read the whole environment" if "*" in reads else _refusal()
    if refusal:
        _send(sock, {"error": refusal})
        return
    _send(sock, {"env_reads": reads, "warm": warm})
    base_path = list(sys.path)
    gc.collect()
    gc.freeze()
    while True:
        try:
            header, fds, _, _ = socket.recv_fds(sock, _HEADER.size, 3)
            if not header:
                return
            header = _recv_exactly(sock, _HEADER.size, header)
            request = json.loads(_recv_exactly(sock, _HEADER.unpack(header)[0]))
        except (EOFError, OSError):
            return
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                sock.close()
                for target, source in enumerate(fds):
                    os.dup2(source, target)
                    os.close(source)
                _child(request, base_path)
            except BaseException:
                import traceback

                os.write(2, traceback.format_exc().encode())
            os._exit(255)
        for source in fds:
            os.close(source)
        _send(sock, {"pid": pid})
        _, status = os.waitpid(pid, 0)
        _send(sock, {"status": os.waitstatus_to_exitcode(status)})


def _stdio(env: dict[str, str]) -> None:
    """New sys.stdin/stdout/stderr on fds 0/1/2, as CPython makes them for that environment."""
    import io

    encoding, errors = sys.stdout.encoding, sys.stdout.errors
    setting = env.get("PYTHONIOENCODING")
    if setting:
        name, _, handler = setting.partition(":")
        if name:
            import codecs

            encoding = codecs.lookup(name).name
            errors = handler or "strict"
        elif handler:
            errors = handler
    unbuffered = bool(env.get("PYTHONUNBUFFERED"))
    streams = []
    for fd, mode, stream_errors in ((0, "r", errors), (1, "w", errors), (2, "w", None)):
        raw = io.FileIO(fd, mode, closefd=False)
        raw.name = f"<{('stdin', 'stdout', 'stderr')[fd]}>"  # type: ignore[misc]
        # unbuffered (PYTHONUNBUFFERED): stdout and stderr write straight to the file
        if unbuffered and mode == "w":
            buffered = raw
        else:
            buffered = (io.BufferedReader if mode == "r" else io.BufferedWriter)(raw)
        text = io.TextIOWrapper(
            buffered,  # type: ignore[arg-type]
            encoding=encoding,
            errors=stream_errors or "backslashreplace",
            newline="\n",
            line_buffering=fd == 2 and not unbuffered,
            write_through=unbuffered and mode == "w",
        )
        text.mode = mode  # type: ignore[misc]
        streams.append(text)
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = streams


def _trim(tb):
    while tb is not None and tb.tb_frame.f_code.co_filename == _THIS_FILE:
        tb = tb.tb_next
    return tb


def _child(request: dict, base_path: list[str]) -> None:
    import builtins
    import importlib
    import importlib.machinery
    import site
    import time

    env = request["env"]
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(env)
    time.tzset()
    sys.argv = list(request["argv"])
    sys.orig_argv = [sys.executable, *sys.argv[:1], request["target"], *sys.argv[1:]]
    if request["mode"] == "script":
        sys.orig_argv = [sys.executable, *request["argv"]]
    path: list[str] = []
    for entry in [*request["pythonpath"], *base_path]:
        if entry not in path:
            path.append(entry)
    sys.path[:] = path
    sys.path_importer_cache.clear()
    importlib.invalidate_caches()
    _stdio(env)
    sys.modules.pop("_program_runner_zygote", None)
    main = sys.modules["__main__"]
    namespace = main.__dict__
    namespace.clear()
    namespace.update(
        __name__="__main__",
        __doc__=None,
        __package__=None,
        __loader__=importlib.machinery.BuiltinImporter,
        __spec__=None,
        __annotations__={},
        __builtins__=builtins,
    )
    site.execsitecustomize()
    if site.ENABLE_USER_SITE:
        site.execusercustomize()
    if not sys.flags.safe_path:
        sys.path.insert(0, request["path0"])
    os._exit(_finish(_run(request, namespace)))


def _run(request: dict, namespace: dict) -> int:
    """Run the program; its exit status as CPython computes it."""
    try:
        mode, target = request["mode"], request["target"]
        if mode == "c":
            exec(compile(target, "<string>", "exec", dont_inherit=True), namespace)
        elif mode == "m":
            import runpy

            runpy._run_module_as_main(target)  # type: ignore[attr-defined]
        else:
            import importlib.machinery

            namespace["__file__"] = target
            namespace["__cached__"] = None
            namespace["__loader__"] = importlib.machinery.SourceFileLoader("__main__", target)
            with open(target, "rb") as f:
                source = f.read()
            exec(compile(source, target, "exec", dont_inherit=True), namespace)
    except SystemExit as exit:
        return _exit_code(exit)
    except BaseException as exc:
        exc.__traceback__ = _trim(exc.__traceback__)
        sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, exc.__traceback__
        try:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        except SystemExit as exit:
            return _exit_code(exit)
        except BaseException as hook_error:
            print("Error in sys.excepthook:", file=sys.stderr)
            sys.__excepthook__(type(hook_error), hook_error, _trim(hook_error.__traceback__))
            print("\nOriginal exception was:", file=sys.stderr)
            sys.__excepthook__(type(exc), exc, exc.__traceback__)
        if isinstance(exc, KeyboardInterrupt):
            _finish(0)
            sys.stdout.flush()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        return 1
    return 0


def _exit_code(exit: SystemExit) -> int:
    code = exit.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        sys.stderr.write(f"{code}\n")
    except Exception:
        os.write(2, f"{code}\n".encode(errors="backslashreplace"))
    return 1


def _finish(code: int) -> int:
    """What Py_FinalizeEx does before the process ends: join threads, atexit, flush stdio."""
    import atexit

    if "threading" in sys.modules:
        threading._shutdown()  # type: ignore[attr-defined]
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except Exception:
            if stream is sys.stdout:
                code = 120
    return code
