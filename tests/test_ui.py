"""The Gradio app through gradio_client against a launched server (loopback only)."""

from __future__ import annotations

import pytest
from gradio_client import Client

from app.service import Service
from app.ui import build_app


@pytest.fixture(scope="module")
def client(service: Service):  # type: ignore[no-untyped-def]
    demo = build_app(service)
    demo.launch(server_name="127.0.0.1", server_port=7871, prevent_thread_lock=True, quiet=True)
    try:
        yield Client("http://127.0.0.1:7871/", verbose=False)
    finally:
        demo.close()


def test_search_endpoint(client: Client) -> None:
    rows, details = client.predict("nya ställen att bada", "alla", "alla", "alla", "", api_name="/search")
    assert any("badplats" in row[1].lower() for row in rows["data"])
    assert "<mark>" in details or "träffar" in details


def test_search_endpoint_rejects_empty_query(client: Client) -> None:
    with pytest.raises(Exception, match="tom"):
        client.predict("  ", "alla", "alla", "alla", "", api_name="/search")


def test_reports_endpoint(client: Client) -> None:
    table = client.predict(api_name="/reports")
    assert len(table["data"]) == 5


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("badplats i Alby", ["badplats"], "<mark>badplats</mark> i Alby"),
        ("<script>x</script> badplats", ["badplats"], "&lt;script&gt;x&lt;/script&gt; <mark>badplats</mark>"),
        ("ny badplats och plats", ["badplats", "plats"], "ny <mark>badplats</mark> och <mark>plats</mark>"),
        ("rad ett\nrad två", [], "rad ett<br>rad två"),
    ],
)
def test_highlight_escapes_and_marks_whole_words(text: str, words: list[str], expected: str) -> None:
    from app.ui import _highlight

    assert _highlight(text, words) == expected
