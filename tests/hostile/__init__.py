"""Hostile inputs for the fuzz tests: builders that write malformed files into a temporary folder."""
