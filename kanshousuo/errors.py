"""The one error a user sees for bad input: a clear line, exit status 2, nothing written."""


class DisclosureError(Exception):
    """The input cannot be read as a budget disclosure (missing, empty, binary, no table...)."""


class TextVolumeError(DisclosureError):
    """A file that prints the explanatory text of a disclosure and none of its tables: the text
    volume of a disclosure published in two files. `meta` says whose (unit, year, kind), so a
    corpus can find the table volume it belongs with."""

    def __init__(self, message: str, meta: dict):
        super().__init__(message)
        self.meta = meta
