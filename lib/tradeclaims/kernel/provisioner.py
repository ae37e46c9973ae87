"""The project's kernel provisioner, and the clients that wait for its kernels. The kernel spec
`make env` installs names the provisioner (metadata.kernel_provisioner; its entry point is in
pyproject.toml), so papermill, nbval and Lab all start the kernel through jupyter_client's
public seams. Inside a build (kernels.prepared) it puts each kernel's sockets in a private
folder (IPC: parallel builds never race for a TCP port) and launches the kernel as a fork of
the prepared process, watched through a pidfd; outside one (Lab) it is LocalProvisioner."""

import asyncio
import os
import select
import shutil
import signal
import sys
import tempfile
import time
from queue import Empty

import zmq
from jupyter_client import protocol_version_info
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import AsyncKernelManager, KernelManager
from jupyter_client.provisioning import LocalProvisioner
from jupyter_client.utils import ensure_async, run_sync
from traitlets import Type

KERNEL = "tradeclaims"  # the kernel spec every report runs on (make env installs it)
NAME = "tradeclaims-fork"  # the provisioner's entry point
# A client or manager connects before the kernel has bound its sockets, and zmq tries again
# after RECONNECT_IVL, 100 ms by default: every page waited that long for the kernel's first
# answer (and a short one as long again for its shutdown). Kernels here bind in milliseconds.
RECONNECT_MS = 10
POLL = 0.01  # how often a build's kernel is looked at while it ends (jupyter_client: 0.1 s)
ENDING = 1.0  # how long a build's kernel is given to end after its shutdown request


class ForkProvisioner(LocalProvisioner):
    server = None  # the build's fork server (kernels.ForkServer), while kernels.prepared() lasts
    sockets: str | None = None  # the build's folder of kernel sockets, the same while
    started: list["ForkProvisioner"] = []  # this process's kernels, for Ctrl-C (stop_all)
    folder: str | None = None  # this kernel's, under `sockets`
    pidfd: int | None = None  # a forked kernel's (the fork server's child, not ours)
    signalled = 0

    @property
    def has_process(self) -> bool:
        return self.pidfd is not None or super().has_process

    async def pre_launch(self, **kwargs):
        if self.sockets is not None and self.parent is not None:
            manager = self.parent
            # short names: a socket's whole path must fit in 107 bytes
            self.folder = tempfile.mkdtemp(prefix="k", dir=self.sockets)
            manager.transport, manager.ip = "ipc", os.path.join(self.folder, "kernel")
            manager.connection_file = os.path.join(self.folder, "kernel.json")
            manager.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)  # its control channel
        return await super().pre_launch(**kwargs)

    async def launch_kernel(self, cmd: list[str], **kwargs):
        ForkProvisioner.started.append(self)
        if self.server is None or not self.server.serves(cmd):
            return await super().launch_kernel(cmd, **kwargs)
        self.cwd = kwargs.get("cwd") or os.getcwd()
        self.pid, self.pidfd = self.server.launch(cmd, self.cwd,
                                                  kwargs.get("env") or dict(os.environ))
        self.pgid = self.pid  # each kernel leads a session of its own
        return self.connection_info

    async def poll(self) -> int | None:
        if self.pidfd is None:
            return await super().poll()
        # the fork server reaps it; its exit status is not ours to read
        return (-self.signalled if select.select([self.pidfd], [], [], 0)[0] else None)

    async def wait(self) -> int | None:
        if self.pidfd is None:
            return await super().wait()
        await self._ended(float("inf"))
        code = await self.poll()
        os.close(self.pidfd)
        self.pidfd = None
        return code

    async def send_signal(self, signum: int) -> None:
        # jupyter_client interrupts every kernel before its shutdown request; ours is idle by
        # then, and SIGINT only makes ipykernel print "KeyboardInterrupt caught in kernel"
        if signum == signal.SIGINT and getattr(self.parent, "shutting_down", False):
            return
        if self.pidfd is None:
            return await super().send_signal(signum)
        if await self.poll() is None:  # a pidfd never signals another process given its pid
            signal.pidfd_send_signal(self.pidfd, signum)
            self.signalled = self.signalled or signum

    async def kill(self, restart: bool = False) -> None:
        await (self.send_signal(signal.SIGKILL) if self.pidfd is not None
               else super().kill(restart))

    async def terminate(self, restart: bool = False) -> None:
        await (self.send_signal(signal.SIGTERM) if self.pidfd is not None
               else super().terminate(restart))

    async def shutdown_requested(self, restart: bool = False) -> None:
        # jupyter_client then looks for the kernel's end every 0.1 s (a fixed argument of
        # private methods, no hook), which cost each page 0.1 s: a build's kernel, ending a few
        # milliseconds after the request, is waited for here (tests/test_provisioner.py)
        if self.folder is not None:
            await self._ended(ENDING)

    async def _ended(self, timeout: float):
        deadline = time.monotonic() + timeout
        while await self.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(POLL)

    async def cleanup(self, restart: bool = False) -> None:
        await super().cleanup(restart)
        if not restart:
            if self.pidfd is not None:
                os.close(self.pidfd)
                self.pidfd = None
            if self.folder is not None:
                shutil.rmtree(self.folder, ignore_errors=True)
            if self in ForkProvisioner.started:
                ForkProvisioner.started.remove(self)


def stop_all():
    """Kill the kernels this process started that still run (after Ctrl-C), and wait for
    their end: before their socket folder goes, a live kernel writes into it."""
    for provisioner in ForkProvisioner.started:
        pidfd, process = provisioner.pidfd, provisioner.process
        if pidfd is not None and not select.select([pidfd], [], [], 0)[0]:
            signal.pidfd_send_signal(pidfd, signal.SIGKILL)
            select.select([pidfd], [], [])
        elif process is not None and process.poll() is None:
            process.kill()
            process.wait()


class ReadyClient(AsyncKernelClient):
    """jupyter_client's client, ready as soon as the kernel answers kernel_info and IOPub is
    connected. jupyter_client then also waits until IOPub has been quiet for 0.2 s, to drop
    the status messages of its kernel_info requests; nbclient and nbval skip them anyway (they
    read only messages whose parent is their own request), and the wait cost each page 0.2 s."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)  # for the sockets made after

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await ensure_async(self.shell_channel.get_msg(timeout=1))
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:
                    await ensure_async(self.iopub_channel.get_msg(timeout=0.2))  # connected
                except Empty:
                    pass
                else:  # speak the kernel's version of the protocol, as jupyter_client does
                    major = int(reply["content"]["protocol_version"].split(".")[0])
                    if major != protocol_version_info[0]:
                        self.session.adapt_version = major
                    return
            if not await ensure_async(self.is_alive()):
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")


class BlockingReadyClient(BlockingKernelClient):
    """The same for a caller that drives its kernel synchronously (nbval, in tests/)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)

    wait_for_ready = run_sync(ReadyClient.wait_for_ready)


class ReadyKernelManager(AsyncKernelManager):
    """What papermill and nbclient drive: jupyter_client's, with the client above."""

    client_factory = Type(ReadyClient, config=True)


class BlockingReadyKernelManager(KernelManager):
    """The same for nbval (conftest.py)."""

    client_factory = Type(BlockingReadyClient, config=True)


def install():
    """`ipykernel install --sys-prefix` of the kernel spec, which then names this provisioner
    (`make env`)."""
    import json

    from ipykernel.kernelspec import install as install_spec

    spec = os.path.join(install_spec(kernel_name=KERNEL, display_name="Python (tradeclaims)",
                                     prefix=sys.prefix), "kernel.json")
    with open(spec, encoding="utf-8") as f:
        kernel = json.load(f)
    kernel["metadata"]["kernel_provisioner"] = {"provisioner_name": NAME}
    with open(spec, "w", encoding="utf-8") as f:
        json.dump(kernel, f, indent=1)


if __name__ == "__main__":
    install()
