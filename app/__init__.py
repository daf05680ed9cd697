"""The CLI and the Gradio UI, both thin over `app.service`."""
