"""Errors a user can cause. The CLI prints `str(error)` as one line and exits with `exit_code`."""

# What a Ctrl-C prints (after "briefgen: error: "), exit code 130, wherever it lands.
INTERRUPTED = "interrupted; no partial file was written"


class BriefgenError(Exception):
    """A failure at run time (exit code 1): network, SMTP, disk, rendering."""

    exit_code = 1

    def __str__(self) -> str:
        # One line, always: a file name or a quoted value may carry a line break.
        return super().__str__().replace("\r", "\\r").replace("\n", "\\n")


class InputError(BriefgenError):
    """Bad usage or bad input (exit code 2): unreadable source, invalid facts file, unknown audience."""

    exit_code = 2
