"""Error types.

*User errors* are problems with what the user gave us (a file we cannot read, an unknown role,
a taxonomy with a typo). They subclass ``ValueError`` and the CLI prints them as one line on
stderr with exit code 1 and no traceback.

*Internal errors* are bugs in skillgap; they subclass ``RuntimeError`` and keep their traceback.
"""

from __future__ import annotations


class SkillgapError(Exception):
    """Base class of every error raised on purpose by skillgap."""


class UserError(SkillgapError, ValueError):
    """Something the user can fix. ``str(err)`` is a complete one-line message."""


class InputError(UserError):
    """A resume file that cannot be analysed. The message names the file and the cause."""

    def __init__(self, file: str, cause: str, *, kind: str = "unreadable") -> None:
        self.file = file
        self.cause = cause
        self.kind = kind  # short machine-readable cause: missing, unsupported, encrypted, ...
        super().__init__(f"{file}: {cause}")


class UnsupportedFormatError(InputError):
    def __init__(self, file: str, cause: str) -> None:
        super().__init__(file, cause, kind="unsupported")


class TaxonomyError(UserError):
    """A role or ladder file that does not validate. The message carries file, line and reason."""


class RoleNotFoundError(UserError):
    pass


class InternalError(SkillgapError, RuntimeError):
    """A bug in skillgap."""
