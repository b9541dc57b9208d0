import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prm.settings")

application = get_wsgi_application()

from prm.lib.no_database import require_database  # noqa: E402 (needs the settings above)

require_database()
