"""Gold sets, metrics and the evaluation report (evaluation/REPORT.md)."""
