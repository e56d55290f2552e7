from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    """An unknown ?format= is a 400 naming the formats there are, not a bare 404."""

    def filter_renderers(self, renderers, format):
        known = [renderer.format for renderer in renderers]
        if format not in known:
            raise ValidationError(
                {"format": [f"“{format}” is not a format given here; choose one of {', '.join(known)}."]}
            )
        return super().filter_renderers(renderers, format)
