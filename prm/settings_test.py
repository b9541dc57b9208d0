"""Test settings: the real settings, with a throwaway secret and synchronous Celery."""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
# Without DATABASE_URL, tests use SQLite (pytest-django makes it an in-memory database).
_var_dir = os.environ.get("PRM_VAR_DIR", str(Path(__file__).resolve().parent.parent / "var"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_var_dir}/db.sqlite3")

from prm.settings import *  # noqa: E402,F403

CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
# The test client and the live server speak plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
REST_FRAMEWORK = {  # noqa: F405
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"token": "10000/minute"},
}

# With Redis, each pytest-xdist worker gets its own Redis database, so one worker clearing its
# cache (every test starts empty) never evicts another worker's sessions mid-test.
if REDIS_URL:  # noqa: F405
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    _base = REDIS_URL.rsplit("/", 1)[0] if REDIS_URL.count("/") > 2 else REDIS_URL  # noqa: F405
    CACHES = {  # noqa: F405
        "default": {
            "BACKEND": "prm.lib.cache.ResilientRedisCache",
            "LOCATION": f"{_base}/{1 + int(_worker or 0) % 15}",
            "OPTIONS": CACHE_REDIS_OPTIONS,  # noqa: F405
        }
    }
