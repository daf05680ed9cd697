"""Interpretation of a document's blocks as a follow-up report (vocabulary and label schemes as data)."""

from corpus.interpret.interpreter import Interpretation, ReportInterpreter, interpret_document

__all__ = ["Interpretation", "ReportInterpreter", "interpret_document"]
