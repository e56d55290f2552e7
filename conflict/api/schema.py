from drf_spectacular import openapi

# Every refusal of bad input (conflict/api/exceptions.py, pagination.py, the FilterSets): JSON whose
# keys name the parameter or field (or `detail`, `non_field_errors`) and whose values say why.
REFUSAL = {
    "description": "Refused: each key names a parameter or field (or is `detail` or `non_field_errors`); "
    "its value says why.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "additionalProperties": {
                    "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}, {"type": "object"}]
                },
            }
        }
    },
}


class AutoSchema(openapi.AutoSchema):
    """Knows that sync/ lists records too (a page of them under a cursor), and that any operation
    may refuse bad input with a 400."""

    def _is_list_view(self, serializer=None):
        if getattr(self.view, "action", None) == "sync":
            return True
        return super()._is_list_view(serializer)

    def get_paginated_name(self, serializer_name):
        if getattr(self.view, "action", None) == "sync":
            return f"Sync{serializer_name}Page"
        return super().get_paginated_name(serializer_name)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.path.startswith("/api/v1/"):
            responses.setdefault("400", REFUSAL)
        return responses
