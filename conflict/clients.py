"""The address a request comes from, seen through the proxies the deployment trusts."""

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies the address that many hops from the right of
    X-Forwarded-For (what the outermost trusted proxy saw); a client cannot forge it."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")
