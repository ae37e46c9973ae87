"""One error type for bad input: it names the file, the row and the field."""

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
