"""The WSGI application. Without DJANGO_SETTINGS_MODULE it runs with production settings
(debug off, secrets required): a server started by hand is a real deployment. `righthelp
serve`, `bin/start`, the demo and the test suite each name their own settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "righthelp.config.settings.production")
application = get_wsgi_application()
