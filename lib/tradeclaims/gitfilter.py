"""git's notebook filter as one process per git command, not one per notebook: git's long-running
filter protocol (gitattributes(5), "Long Running Filter Process"; version 2), each notebook
stripped by nbstripout's own command line, run in this process with the arguments `make env`
gives it, and given back unchanged on checkout (smudge, as `cat`: git asks a required
process filter for both). A `git status` or `git add` over the seven notebooks then starts one
Python instead of seven (0.17 s of CPU each). `make env` sets it as filter.nbstripout.process;
filter.nbstripout.clean, which git uses when it cannot run this one, runs the same command.

    python -m tradeclaims.gitfilter ARGS...   (ARGS: nbstripout's, e.g. --keep-id)"""

import contextlib
import io
import sys

from tradeclaims import fastimport  # noqa: F401  (before nbformat)

FLUSH = b"0000"
MAX_DATA = 65516  # the longest payload a pkt-line carries


class _Kept(io.BytesIO):
    """An output nbstripout's text wrapper cannot close when it is dropped."""

    def close(self):
        pass


def _read_packet(stream) -> bytes | None:
    """One pkt-line's payload; None at a flush packet. EOFError when git has gone."""
    size = stream.read(4)
    if len(size) < 4:
        raise EOFError
    if size == FLUSH:
        return None
    return stream.read(int(size, 16) - 4)


def _read_list(stream) -> list[bytes]:
    items = []
    while (packet := _read_packet(stream)) is not None:
        items.append(packet)
    return items


def _write(stream, *payloads: bytes, flush: bool = True):
    for payload in payloads:
        stream.write(b"%04x" % (len(payload) + 4) + payload)
    if flush:
        stream.write(FLUSH)
    stream.flush()


def _write_content(stream, content: bytes):
    for start in range(0, len(content), MAX_DATA):
        _write(stream, content[start:start + MAX_DATA], flush=False)
    _write(stream)


def strip(content: bytes, args: list[str]) -> bytes:
    """The notebook as `nbstripout ARGS` writes it from standard input; SystemExit as it exits
    on a file that is no notebook (it says why on stderr)."""
    from nbstripout._nbstripout import main

    out = _Kept()
    stdin, stdout, argv = sys.stdin, sys.stdout, sys.argv
    sys.stdin = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8")
    sys.argv = ["nbstripout", *args]
    try:
        main()
        sys.stdout.flush()
    finally:
        sys.stdin, sys.stdout, sys.argv = stdin, stdout, argv
    return out.getvalue()


FILTERS = {b"clean": strip, b"smudge": lambda content, args: content}  # smudge: as `cat`


def serve(args: list[str]):
    """Answer git on stdin and stdout until it closes them."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    if _read_list(stdin) != [b"git-filter-client\n", b"version=2\n"]:
        raise SystemExit("tradeclaims.gitfilter: expected git's filter handshake, version 2")
    _write(stdout, b"git-filter-server\n", b"version=2\n")
    if not {b"capability=clean\n", b"capability=smudge\n"} <= set(_read_list(stdin)):
        raise SystemExit("tradeclaims.gitfilter: git offers no clean and smudge filters")
    _write(stdout, b"capability=clean\n", b"capability=smudge\n")
    with contextlib.suppress(EOFError):
        while True:
            request = dict(line.rstrip(b"\n").split(b"=", 1) for line in _read_list(stdin))
            content = b"".join(_read_list(stdin))
            try:
                out = FILTERS[request.get(b"command")](content, args)
            except (KeyError, SystemExit):  # not a notebook: git names the file and stops
                _write(stdout, b"status=error\n")
                continue
            _write(stdout, b"status=success\n")
            _write_content(stdout, out)
            _write(stdout)  # the status stays success


if __name__ == "__main__":
    serve(sys.argv[1:])
