"""Text rules shared by every stage: figures and Chinese numerals, codes, labels, units."""
