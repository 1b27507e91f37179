"""Errors that the command line turns into a one-line message and exit code 2."""


class WirewatchError(Exception):
    """Base class for anticipated failures: bad input, bad configuration, unusable stores."""

    exit_code = 2


class InputError(WirewatchError):
    """The article or file given cannot be read as text."""


class ConfigError(WirewatchError):
    """A setting names something that does not exist (an NLP model, a pipeline component)."""


class StoreError(WirewatchError):
    """The corpus store cannot be opened or is not a wirewatch store."""
