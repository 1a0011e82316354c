"""The layout knowledge of budget disclosures, read from CSV files in `package_data/`.

Nothing here knows a particular document: table titles and their variants, the header labels
that map to canonical columns, classification names and label synonyms are rows of data.
"""
