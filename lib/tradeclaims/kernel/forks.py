"""Kernels forked from one prepared process. A fresh kernel starts a new Python and imports
ipykernel, pandas, matplotlib, seaborn and tradeclaims again: about 1.9 s of the 2.4 s a page
cost on the 2-core machine, where the notebook's own work takes 0.5 s. Here the runner starts
one process per build that imports them once (the fork server; what it imports and reads, the
runner says: report/runner.py), and each report's kernel is a fork of it, ready in
milliseconds. Every kernel is forked from the same untouched process, so
nothing one report's kernel does reaches the next (tests/test_builds.py runs the reports both
ways and compares them byte for byte; docs/internals.md has the figures).

jupyter_client still manages each kernel, through the provisioner the kernel spec names
(kernel/provisioner.py), which asks this server for a fork instead of starting a process."""

import builtins
import contextlib
import ctypes
import gc
import importlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpecManager

from tradeclaims.kernel.provisioner import KERNEL, ForkProvisioner

FRESH_KERNELS = "TRADECLAIMS_FRESH_KERNELS"  # set (to 1) to start every kernel as a new Python
# ipykernel sets this before the notebook imports matplotlib; so must the fork server, which
# imports matplotlib before any kernel exists
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
LAUNCHER = ["-m", "ipykernel_launcher"]  # how a kernel spec starts the kernel


@contextlib.contextmanager
def prepared(cwd: str, preload: tuple[str, ...] = (), warm: str | None = None):
    """A private folder for this run's kernel sockets, and the fork server listening in it
    (none when FRESH_KERNELS is set: then no server of an outer run serves either), both gone
    on every way out. The server imports the modules `preload` names and calls `warm`
    ("module:function"), which reads what every kernel reads. Started before the runner imports
    papermill and nbconvert, so the two import side by side."""
    with tempfile.TemporaryDirectory(prefix="tradeclaims-") as folder:
        before = ForkProvisioner.server, ForkProvisioner.sockets  # an outer run's (in tests)
        server = None if os.environ.get(FRESH_KERNELS) else ForkServer(
            KernelSpecManager().get_kernel_spec(KERNEL).argv, folder, cwd,
            {"preload": list(preload), "warm": warm})
        ForkProvisioner.server, ForkProvisioner.sockets = server, folder
        try:
            yield folder
        finally:
            ForkProvisioner.server, ForkProvisioner.sockets = before
            if server is not None:
                server.stop()


class ForkServer:
    """The prepared process: started with the kernel spec's interpreter and flags, so a forked
    kernel runs the Python a fresh one would. It listens on a socket in `folder` (the runner's
    private kernel folder) and ends when the runner closes its stdin, or is killed."""

    def __init__(self, kernel_argv: list[str], folder: str, cwd: str, prepare: dict):
        launcher = _launcher_index(kernel_argv)
        if launcher is None:
            raise ValueError(f"the kernel spec does not start {' '.join(LAUNCHER)}")
        self.interpreter = kernel_argv[:launcher]
        self.address = os.path.join(folder, "forks")
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind(self.address)
            listener.listen(64)
            self.process = subprocess.Popen(
                [*self.interpreter, "-m", __name__, str(listener.fileno()), json.dumps(prepare)],
                pass_fds=[listener.fileno()], stdin=subprocess.PIPE, cwd=cwd)

    def serves(self, cmd: list[str]) -> bool:
        """Whether a kernel command is one a fork of this server can stand for."""
        launcher = _launcher_index(cmd)
        return launcher is not None and cmd[:launcher] == self.interpreter

    def launch(self, cmd: list[str], cwd: str, env: dict[str, str]) -> tuple[int, int]:
        """Fork a kernel: its pid, and a pidfd to watch and signal it by."""
        request = {"argv": cmd[_launcher_index(cmd) + len(LAUNCHER):], "cwd": str(cwd),
                   "env": env}
        with socket.socket(socket.AF_UNIX) as conn:
            conn.connect(self.address)
            conn.sendall(json.dumps(request).encode())
            conn.shutdown(socket.SHUT_WR)
            message, fds, _, _ = socket.recv_fds(conn, 64, 1)
        if not message or not fds:
            raise RuntimeError("the kernel fork server stopped before forking a kernel")
        return int(message), fds[0]

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.process.stdin.close()


def _launcher_index(argv: list[str]) -> int | None:
    for i in range(len(argv) - 1):
        if argv[i:i + len(LAUNCHER)] == LAUNCHER:
            return i
    return None


def serve(listener_fd: int, prepare: dict):
    """The fork server's life: import once (prepared), then fork a kernel per request until
    the runner closes stdin."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the runner's to handle
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    # some modules read at import whether they run in a Jupyter kernel (pandas sets its
    # display width so): let them find one, as they would in a fresh kernel
    builtins.get_ipython = _KernelShell
    try:
        for module in prepare["preload"]:
            importlib.import_module(module)
    except Exception:  # a broken input (a vocabulary that does not read, say): each
        pass  # kernel then meets it in its notebook's cell and says so, as a fresh one does
    finally:
        del builtins.get_ipython
    if prepare["warm"]:
        module, function = prepare["warm"].split(":")
        with contextlib.suppress(Exception):  # as above: the kernel reads it again, says so
            getattr(importlib.import_module(module), function)()
    # the kernels' garbage collections then leave the server's objects alone, rather than
    # touching (and so copying) every page of memory they share with it
    gc.freeze()
    listener = socket.socket(fileno=listener_fd)
    while True:
        ready, _, _ = select.select([listener, sys.stdin], [], [], 0.5)
        _reap()
        if sys.stdin in ready and not os.read(sys.stdin.fileno(), 1):
            return
        if listener in ready:
            conn, _ = listener.accept()
            with conn:
                _serve_one(conn, listener)


def _serve_one(conn: socket.socket, listener: socket.socket):
    """Fork one kernel for a request and hand back its pid and pidfd. A runner interrupted
    while it waits (Ctrl-C) has gone: the kernel nobody will manage is stopped, and the server
    goes on for the others."""
    try:
        request = json.loads(_read_all(conn))
    except (OSError, ValueError):
        return
    server = os.getpid()
    pid = os.fork()
    if pid == 0:
        _run_kernel(request, [listener, conn], server)
    pidfd = os.pidfd_open(pid)
    try:
        socket.send_fds(conn, [str(pid).encode()], [pidfd])
    except OSError:
        signal.pidfd_send_signal(pidfd, signal.SIGKILL)
    finally:
        os.close(pidfd)


class _KernelShell:
    """What an import-time `get_ipython()` finds in a kernel: a shell with a kernel."""

    kernel = True


def _read_all(conn: socket.socket) -> bytes:
    chunks = []
    while chunk := conn.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _reap():
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with(server: int):
    """Have Linux kill this kernel when the fork server ends. A kernel forked for a runner
    interrupted before it took the kernel over has nobody to stop it, and would live on for a
    second, writing its sockets into the folder the runner is removing."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != server:  # it ended before that
        os._exit(1)


def _run_kernel(request: dict, sockets: list[socket.socket], server: int):
    """In the fork: become what `python -m ipykernel_launcher -f FILE` run by jupyter_client
    would be (a session of its own, its directory, environment and arguments, stdin closed,
    signals as a new Python has them), then run the kernel; never return to the server, nor
    outlive it."""
    code = 1
    try:
        _die_with(server)
        for sock in sockets:
            sock.close()
        os.setsid()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        from ipykernel.kernelapp import IPKernelApp

        # watch the fork server as a fresh kernel watches its launcher: when it is gone, go
        IPKernelApp.launch_instance(
            argv=[*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    serve(int(sys.argv[1]), json.loads(sys.argv[2]))
