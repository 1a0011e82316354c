"""The explanatory text read as claims: its sections, and the sentence shapes that carry figures."""
