"""What an htmx request asks of a view."""


def wants_fragment(request):
    """htmx swaps in a fragment, except when it restores history and needs the whole page."""
    return request.headers.get("HX-Request") == "true" and "HX-History-Restore-Request" not in request.headers
