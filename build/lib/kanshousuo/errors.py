"""The one error a user sees for bad input: a clear line, exit status 2, nothing written."""


class DisclosureError(Exception):
    """The input cannot be read as a budget disclosure (missing, empty, binary, no table...)."""
