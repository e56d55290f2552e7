"""The quote check: a quote is the source's own words, white space aside and nothing else aside."""

import re


def find(quote, text):
    """Where `quote` starts and ends in `text`, white space aside; None if it is not there."""
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return (match.start(), match.end()) if match else None
