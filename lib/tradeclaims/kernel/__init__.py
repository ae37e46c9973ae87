"""The project's Jupyter kernel: the provisioner its kernel spec names (provisioner), and the
process a build forks its kernels from (forks). It knows no report: the runner says what the
fork server imports and reads (report/runner.py)."""
