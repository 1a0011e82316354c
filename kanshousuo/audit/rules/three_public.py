"""The three 三公 items, as their labels name them (the identities are in `identities.csv`)."""

THREE_PUBLIC_ITEMS = r"出国|接待|公务用车"
"""因公出国（境）费, 公务接待费, 公务用车购置及运行费: what a 三公 label names (regex)."""
