"""Model code; built artefacts live in models/artifacts/ (gitignored), each with a meta.json."""
