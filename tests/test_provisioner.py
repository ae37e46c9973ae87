"""The project's kernel goes through jupyter_client's public seams: the kernel spec names the
provisioner (kernel/provisioner.py), which forks a build's kernels and waits for their end
itself where jupyter_client has no hook; these tests fail when a jupyter_client release changes
what that relies on."""

import asyncio
import os

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.provisioning import KernelProvisionerFactory

from tradeclaims.kernel import provisioner
from tradeclaims.kernel.provisioner import ForkProvisioner, ReadyKernelManager


def test_the_kernel_spec_names_the_provisioner_and_jupyter_client_finds_it():
    spec = KernelSpecManager().get_kernel_spec(provisioner.KERNEL)
    assert spec.metadata["kernel_provisioner"]["provisioner_name"] == provisioner.NAME
    assert spec.metadata.get("debugger") is True  # as `ipykernel install` writes it
    factory = KernelProvisionerFactory.instance()
    assert factory.is_provisioner_available(spec)
    made = factory.create_provisioner_instance("k", spec, parent=None)
    assert type(made) is ForkProvisioner


async def _start_and_stop(sleeps: list[float]) -> tuple:
    manager = ReadyKernelManager(kernel_name=provisioner.KERNEL)
    await manager.start_kernel()
    client = manager.client()
    assert type(client) is provisioner.ReadyClient  # not jupyter_client's, which waits 0.2 s
    client.start_channels()
    await client.wait_for_ready(timeout=60)
    started = type(manager.provisioner), manager.provisioner.pidfd is not None
    folder = manager.provisioner.folder
    client.stop_channels()
    sleeps.clear()  # from here, jupyter_client's shutdown alone
    await manager.shutdown_kernel()
    assert manager.provisioner is None or manager.provisioner.pidfd is None  # waited for
    return started, folder


def test_a_build_kernel_is_forked_and_its_end_waited_for_without_jupyter_clients_poll(
        monkeypatch, forked_kernels):
    """jupyter_client looks for a stopped kernel's end every 0.1 s, an argument of private
    methods (KernelManager._async_finish_shutdown, _async_wait), no hook; the provisioner waits
    for it in shutdown_requested, which jupyter_client calls before. If a release moves that
    call or polls otherwise, jupyter_client sleeps its interval again and this fails."""
    monkeypatch.setattr(provisioner, "ENDING", 60)  # however slow the host: never timed out
    sleeps, real_sleep = [], asyncio.sleep

    async def sleep(delay, *args, **kwargs):
        sleeps.append(delay)
        return await real_sleep(delay, *args, **kwargs)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    started, folder = asyncio.run(_start_and_stop(sleeps))
    assert started == (ForkProvisioner, True)  # forked from the build's fork server
    assert [s for s in sleeps if s >= 0.05] == [], (
        "jupyter_client waited for the kernel's end at its own interval: the adapter in "
        "ForkProvisioner.shutdown_requested no longer applies to this jupyter_client")
    assert not os.path.exists(folder)  # its sockets' folder went with it


def test_nbvals_manager_gives_the_ready_client_too():
    manager = provisioner.BlockingReadyKernelManager(kernel_name=provisioner.KERNEL)
    assert manager.client_factory is provisioner.BlockingReadyClient


def test_outside_a_build_the_provisioner_is_jupyter_clients_own(monkeypatch):
    """As in Lab: no fork server, no private folder; the kernel is a new Python on TCP."""
    monkeypatch.setattr(ForkProvisioner, "server", None)
    monkeypatch.setattr(ForkProvisioner, "sockets", None)

    async def run():
        manager = ReadyKernelManager(kernel_name=provisioner.KERNEL)
        await manager.start_kernel()
        try:
            made = manager.provisioner
            return manager.transport, made.folder, made.pidfd, made.process is not None
        finally:
            await manager.shutdown_kernel(now=True)

    assert asyncio.run(run()) == ("tcp", None, None, True)
