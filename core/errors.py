"""Errors that describe a problem with the user's input.

Every message names what is wrong (file, column, row or field) and how to fix it. The CLI
prints it as one ``error:`` line and exits 2; the app shows it with ``st.error``.
"""


class InputError(ValueError):
    """Bad input a user can fix: a file, a column, a row or a scenario field."""


class IngestError(InputError):
    """A file that cannot be read as a table."""


class ScenarioError(InputError):
    """A scenario that does not fit the data or breaks a rule (weights, method, tiers)."""
