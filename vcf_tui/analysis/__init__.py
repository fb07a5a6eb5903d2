"""What evaluators do with the data afterwards: tallies, merge, coding and agreement (no UI)."""
