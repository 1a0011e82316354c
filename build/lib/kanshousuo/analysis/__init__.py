"""Tested back-ends of the notebooks: cost per detainee, staffing, the explanatory section."""
