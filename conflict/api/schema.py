from drf_spectacular import openapi


class AutoSchema(openapi.AutoSchema):
    """Knows that sync/ lists records too (a page of them under a cursor)."""

    def _is_list_view(self, serializer=None):
        if getattr(self.view, "action", None) == "sync":
            return True
        return super()._is_list_view(serializer)

    def get_paginated_name(self, serializer_name):
        if getattr(self.view, "action", None) == "sync":
            return f"Sync{serializer_name}Page"
        return super().get_paginated_name(serializer_name)
