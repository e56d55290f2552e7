"""gunicorn settings for `make serve` (README, "Deployment"); each can be changed from the environment."""

import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("WEB_THREADS", "1"))
# A worker that has not answered in this many seconds is killed and replaced; the database's own
# timeouts (connect 5 s, statement 20 s) fail a stuck request well before that.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so that a slow leak can never grow without bound.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
limit_request_line = 8190
# Access and error logs to standard output and standard error, next to Django's own log.
accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
# Only the proxy on this machine may set X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
wsgi_app = "conflict.wsgi:application"
