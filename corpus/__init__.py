"""Corpus: raw follow-up reports and the code that parses them into the store."""
