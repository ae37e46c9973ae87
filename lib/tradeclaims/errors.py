"""One error type for bad input: it names the file, the row and the field; and how every
command tells the user about the errors they can fix."""

from pathlib import Path

from tradeclaims.paths import relative


class InputError(ValueError):
    """Malformed input. `row` is the 1-based line in the file (the header is line 1)."""

    def __init__(self, file, message, row=None, field=None):
        self.file = relative(Path(file)) if file else None
        self.row = row
        self.field = field
        self.message = message
        where = self.file or "<input>"
        if row is not None:
            where += f", row {row}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")


class InputErrors(InputError):
    """Several problems found in one pass, reported together."""

    def __init__(self, errors):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.file, first.message, first.row, first.field)
        self.args = ("\n".join(str(e) for e in self.errors),)

    def __str__(self):
        return self.args[0]


class SetupError(InputError):
    """An environment that cannot do what was asked (an engine missing, Java too old); the
    message says what to install or set."""

    def __init__(self, message):
        ValueError.__init__(self, message)
        self.file = self.row = self.field = None
        self.message = message


def explain(exc: Exception) -> str | None:
    """What to print for an error the user can fix (bad input, a read-only or full disk), with
    no traceback; None for anything else."""
    if isinstance(exc, InputError):
        return f"error: {exc}"
    if isinstance(exc, OSError):  # the last good outputs are still there: writes are atomic
        where = relative(Path(exc.filename)) if exc.filename else "a file"
        return (f"error: {where}: {exc.strerror or exc} (check that its folder is writable); "
                "the last good outputs are unchanged")
    return None
