"""Every error the API gives is JSON that names what was wrong, and none is a 500 for bad input."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler

from conflict.api.fields import validation_detail


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record changed after the representation you sent was read."
    default_code = "precondition_failed"


def api_exception_handler(error, context):
    if isinstance(error, (ProtectedError, RestrictedError)):
        kept_by = sorted({f"{record._meta.verbose_name}: {record}" for record in error.protected_objects})
        return Response(
            {"detail": "Other records rest on this one, so it cannot be deleted.", "protected_by": kept_by[:20]},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(error, DjangoValidationError):
        return Response(validation_detail(error), status=status.HTTP_400_BAD_REQUEST)
    return exception_handler(error, context)
