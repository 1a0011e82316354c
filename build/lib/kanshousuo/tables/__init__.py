"""Canonical tables: header keys -> catalog columns -> rows with roles and codes -> tidy figures."""
