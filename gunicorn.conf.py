"""gunicorn settings read from the project root (docker compose, `make bench`)."""

import gc


def post_worker_init(worker):
    # Move everything loaded at start-up (Django, the app, templates' modules) out of the
    # garbage collector's view, so full collections during requests stay short.
    gc.freeze()
