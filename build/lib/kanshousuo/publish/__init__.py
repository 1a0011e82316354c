"""What the toolkit publishes: the schema (one field dictionary), the data package, the report, figures."""
