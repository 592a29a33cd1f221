"""tests/program_runner.py: a program run in a fork of the warm zygote gives what a fresh
interpreter gives (`subprocess.run([sys.executable, ...])`): exit status, stdout and stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from . import network_guard, program_runner
from .program_runner import run_python

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the runner forks")

WARM = "import sys; print('openai' in sys.modules)"


def bare_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "PROXY" not in k.upper()}
    env.pop(program_runner.SWITCH, None)
    return {**env, **extra}


def fresh(args, *, env, cwd=None, input=None, timeout=60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)],
        env=env,
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def outcome(proc: subprocess.CompletedProcess[str]) -> tuple[int, str, str]:
    return proc.returncode, proc.stdout, proc.stderr


def same(args, *, env, cwd=None, input=None) -> tuple[int, str, str]:
    """The outcome of a run in the zygote, asserted equal to a fresh interpreter's."""
    assert run_python(["-c", WARM], env=env).stdout == "True\n", "the runner did not fork"
    forked = outcome(run_python(args, env=env, cwd=cwd, input=input))
    assert forked == outcome(fresh(args, env=env, cwd=cwd, input=input))
    return forked


@pytest.fixture(autouse=True)
def forking(monkeypatch):
    monkeypatch.delenv(program_runner.SWITCH, raising=False)


def test_print_and_exit_codes():
    env = bare_env()
    assert same(["-c", "print('hello', 'wörld')"], env=env) == (0, "hello wörld\n", "")
    assert same(["-c", "import sys\nprint('out')\nsys.exit(3)"], env=env) == (3, "out\n", "")
    assert same(["-c", "import sys; sys.exit('bad input')"], env=env) == (1, "", "bad input\n")
    assert same(["-c", "raise SystemExit"], env=env) == (0, "", "")
    assert same(["-c", "import sys; sys.exit(256 + 7)"], env=env) == (7, "", "")


def test_uncaught_exception_prints_what_cpython_prints(tmp_path):
    script = tmp_path / "boom.py"
    script.write_text(
        "import json\n"
        "def parse(text):\n"
        "    return json.loads(text)\n"
        "try:\n"
        "    parse('{')\n"
        "except ValueError as exc:\n"
        "    raise KeyError('missing') from exc\n",
        encoding="utf-8",
    )
    code, out, err = same([str(script)], env=bare_env())
    assert (code, out) == (1, "")
    assert err.startswith("Traceback (most recent call last):\n")
    assert f'File "{script}", line 5, in <module>' in err
    assert "The above exception was the direct cause of the following exception:" in err
    assert err.endswith("KeyError: 'missing'\n")
    assert "program_runner" not in err

    code, _, err = same(["-c", "def f():\n    1/0\nf()"], env=bare_env())
    assert code == 1
    assert err.splitlines()[-1] == "ZeroDivisionError: division by zero"
    _, _, err = same(["-c", "print('x'"], env=bare_env())  # a syntax error has no traceback
    assert err.splitlines()[-1].startswith("SyntaxError:")


def test_the_program_sees_the_requested_environment_only(monkeypatch):
    monkeypatch.setenv("RUNNER_TEST_PARENT_ONLY", "parent")
    program = (
        "import os\n"
        "print(sorted(k for k in os.environ if k.startswith('RUNNER_TEST')))\n"
        "os.environ['RUNNER_TEST_SET_BY_PROGRAM'] = '1'\n"
    )
    env = {k: v for k, v in bare_env(RUNNER_TEST_A="a").items() if k != "RUNNER_TEST_PARENT_ONLY"}
    assert same(["-c", program], env=env) == (0, "['RUNNER_TEST_A']\n", "")
    # the previous run's variable, the zygote's and the test process's are not there
    assert same(["-c", program], env=env) == (0, "['RUNNER_TEST_A']\n", "")
    check = "import os, subprocess, sys; print(os.environ == dict(os.environ)); sys.exit(0)"
    assert same(["-c", check], env=env) == (0, "True\n", "")
    shell = "import subprocess; print(subprocess.run(['sh', '-c', 'echo $RUNNER_TEST_A'],"
    shell += " capture_output=True, text=True).stdout, end='')"
    assert same(["-c", shell], env=env) == (0, "a\n", "")


def test_module_state_does_not_leak_between_runs():
    # what a fresh interpreter prints is plain here; comparing with one costs an openai import
    env = bare_env()
    set_key = "import openai; openai.api_key = 'sk-set-by-a-previous-run'; print(openai.api_key)"
    assert run_python(["-c", WARM], env=env).stdout == "True\n", "the runner did not fork"
    assert outcome(run_python(["-c", set_key], env=env)) == (0, "sk-set-by-a-previous-run\n", "")
    again = run_python(["-c", "import openai; print(openai.api_key)"], env=env)
    assert outcome(again) == (0, "None\n", "")


def test_openai_import_time_variables_get_a_fresh_interpreter():
    """OPENAI_LOG and OPENAI_API_VERSION are read by `import openai`: such a run is not forked
    (the warm interpreter imported openai without them), each on its own."""
    for env in (bare_env(OPENAI_LOG="debug"), bare_env(OPENAI_API_VERSION="2024-01-01")):
        assert run_python(["-c", WARM], env=env).stdout == "False\n"
    assert run_python(["-c", WARM], env=bare_env()).stdout == "True\n"


def test_cwd_and_sys_path_of_c_m_and_script(tmp_path, monkeypatch):
    pkg = tmp_path / "lib" / "greeter"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "__main__.py").write_text(
        "import os, sys\n"
        "print(__name__, __spec__.name, sys.argv)\n"
        "print(os.getcwd())\n"
        "print(sys.path[:3])\n",
        encoding="utf-8",
    )
    work = tmp_path / "work"
    work.mkdir()
    env = bare_env(PYTHONPATH=os.pathsep.join(["../lib", "", str(tmp_path / "lib")]))
    code, out, err = same(["-m", "greeter", "--name", "x"], env=env, cwd=work)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"__main__ greeter.__main__ ['{pkg / '__main__.py'}', '--name', 'x']",
        str(work),
        str([str(work), str(tmp_path / "lib"), str(work)]),
    ]
    where = "import os, sys; print(os.getcwd(), sys.path[0] == '', sys.path[1:2])"
    assert same(["-c", where], env=env, cwd=work) == (
        0,
        f"{work} True {[str(tmp_path / 'lib')]}\n",
        "",
    )
    monkeypatch.chdir(work)  # no cwd: the test process's
    assert same(["-c", where], env=env)[1] == f"{work} True {[str(tmp_path / 'lib')]}\n"
    assert same(["-m", "no_such_module_here"], env=env, cwd=work)[0] == 1
    (pkg / "broken.py").write_text("import sys\nsys.exit(int(sys.argv[1]) // 0)\n")
    code, out, err = same(["-m", "greeter.broken", "5"], env=env, cwd=work)
    assert (code, out) == (1, "")
    # as in CPython, runpy's frames are shown; the runner's are not
    assert err.splitlines()[1].endswith(", in _run_module_as_main")
    assert f'File "{pkg / "broken.py"}", line 2, in <module>' in err
    assert err.endswith("ZeroDivisionError: integer division or modulo by zero\n")


def test_script_with_arguments(tmp_path):
    script = tmp_path / "tool" / "show.py"
    script.parent.mkdir()
    script.write_text(
        "import sys\n"
        "print(__name__, __file__, sys.argv, sys.path[0])\n"
        "print(sorted(k for k in globals() if k.startswith('__')))\n"
        "def later():\n    return 1\n"
        "print(later.__module__, __builtins__.__name__)\n",
        encoding="utf-8",
    )
    code, out, err = same(["tool/show.py", "--flag", "value"], env=bare_env(), cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        f"__main__ {script} ['tool/show.py', '--flag', 'value'] {script.parent}"
    )


def test_stdin_input_and_encoding():
    program = "import sys; data = sys.stdin.read(); print(len(data), data.upper(), end='')"
    assert same(["-c", program], env=bare_env(), input="héllo\r\nworld\n") == (
        0,
        "13 HÉLLO\nWORLD\n",
        "",
    )
    assert same(["-c", program], env=bare_env()) == (0, "0 ", "")
    latin = bare_env(PYTHONIOENCODING="latin-1")
    probe = "import sys; print(sys.stdout.encoding, sys.stdout.errors, sys.stderr.errors)"
    assert same(["-c", probe], env=latin) == (0, "iso8859-1 strict backslashreplace\n", "")
    assert same(["-c", "print('\\u20ac')"], env=latin)[0] == 1
    assert same(["-c", "print('\\u20ac')"], env=bare_env(PYTHONIOENCODING=":replace"))[0] == 0


def test_network_guard_sitecustomize_is_installed(tmp_path):
    program = (
        "import openai, urllib.request\n"
        "try:\n"
        "    openai.OpenAI(api_key='sk-test', max_retries=0).models.list()\n"
        "except Exception:\n"
        "    print('swallowed')\n"
        "urllib.request.urlopen('http://example.com/', timeout=1)\n"
    )
    outcomes = []
    for run in (run_python, fresh):
        guard = tmp_path / run.__name__
        env = network_guard.subprocess_env(bare_env(), guard)
        proc = run(["-c", program], env=env)
        outcomes.append((outcome(proc), network_guard.blocked_hosts(guard)))
    assert outcomes[0] == outcomes[1]
    (code, out, err), hosts = outcomes[0]
    assert (code, out) == (1, "swallowed\n")
    assert err.rstrip().splitlines()[-1] == (
        "network_guard.NetworkBlockedError: network guard: create_connection"
        " to non-loopback host 'example.com' blocked"
    )
    assert hosts == ["api.openai.com", "example.com"]


def test_timeout_kills_the_child():
    program = "import os, time; print(os.getpid(), flush=True); time.sleep(60)"
    with pytest.raises(subprocess.TimeoutExpired) as caught:
        run_python(["-c", program], env=bare_env(), timeout=1)
    assert caught.value.timeout == 1
    pid = int(caught.value.output.decode())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert run_python(["-c", "print('next')"], env=bare_env()).stdout == "next\n"


def test_unsupported_arguments_and_the_switch_use_a_real_subprocess(monkeypatch):
    env = bare_env()
    assert run_python(["-c", WARM], env=env).stdout == "True\n"
    assert run_python(["-I", "-c", WARM], env=env).stdout == "False\n"
    assert run_python(["-c", WARM], env=bare_env(PYTHONHASHSEED="1")).stdout == "False\n"
    monkeypatch.setenv(program_runner.SWITCH, "0")
    assert run_python(["-c", WARM], env=env).stdout == "False\n"
    assert outcome(run_python(["-c", "import sys; sys.exit('x')"], env=env)) == (1, "", "x\n")


def test_a_module_that_shadows_a_warm_one_gets_a_fresh_interpreter(tmp_path):
    (tmp_path / "json.py").write_text("print('my json')\n", encoding="utf-8")
    proc = run_python(["-c", "import json"], env=bare_env(), cwd=tmp_path)
    assert outcome(proc) == (0, "my json\n", "")
    assert outcome(proc) == outcome(fresh(["-c", "import json"], env=bare_env(), cwd=tmp_path))


def test_the_zygote_has_no_threads_and_no_event_loop():
    zygote = program_runner._zygote()
    assert zygote is not None
    probe = (
        "import asyncio, os, threading\n"
        "print(threading.active_count(), len(os.listdir('/proc/self/task')))\n"
        "print(asyncio.events._get_running_loop())\n"
    )
    assert run_python(["-c", probe], env=bare_env()).stdout == "1 1\nNone\n"
    assert Path(program_runner.__file__).name == "program_runner.py"


@pytest.mark.parametrize(
    "program",
    [
        pytest.param("import os; print(sorted(os.listdir('/proc/self/fd')))", id="open-fds"),
        pytest.param("print(sorted((k, repr(v)) for k, v in globals().items()))", id="globals"),
        pytest.param(
            "import sys; print(sys.argv, sys.orig_argv[1:], sys.stdout.name, sys.stdin.name,"
            " sys.stdout.line_buffering, sys.stderr.line_buffering, sys.stdout.write_through)",
            id="stdio",
        ),
        pytest.param(
            "import os, sys; sys.stdout.write('a'); sys.stderr.write('b'); os.write(1, b'c')",
            id="buffering",
        ),
        pytest.param(
            "import atexit, threading, time\n"
            "atexit.register(lambda: print('bye'))\n"
            "threading.Thread(target=lambda: (time.sleep(0.2), print('thread'))).start()\n"
            "raise ValueError('x')",
            id="atexit-and-threads",
        ),
        pytest.param("import warnings; warnings.warn('w')", id="warning"),
        pytest.param("import signal; print(signal.getsignal(signal.SIGINT))", id="signals"),
        pytest.param("import asyncio; print(asyncio.run(asyncio.sleep(0, 'ok')))", id="asyncio"),
        pytest.param("import sys; sys.excepthook = lambda *a: print('hook'); 1/0", id="hook"),
    ],
)
def test_process_details_match(program):
    same(["-c", program], env=bare_env())


def test_a_zygote_that_went_away_is_replaced_by_real_subprocesses():
    zygote = program_runner._zygote()
    assert zygote is not None
    zygote.proc.kill()
    zygote.proc.wait()
    proc = run_python(
        ["-c", "import sys; print('openai' in sys.modules); sys.exit(4)"], env=bare_env()
    )
    assert outcome(proc) == (4, "False\n", "")
    assert program_runner._STATE.pop(str(os.getpid())) is None  # the next run starts a new one
    assert run_python(["-c", WARM], env=bare_env()).stdout == "True\n"
