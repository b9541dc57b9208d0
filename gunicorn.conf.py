"""gunicorn settings read from the project root (docker compose, `make bench`)."""

import gc


def post_worker_init(worker):
    # Move everything loaded at start-up (Django, the app, templates' modules) out of the
    # garbage collector's view, so full collections during requests stay short.
    gc.freeze()
    # A request allocates tens of thousands of short-lived objects (querysets, template
    # nodes' contexts, model instances): a larger first generation collects far less often
    # for the same memory, about 7 % of a request's time on the load test's mix.
    gc.set_threshold(50_000, 20, 20)
