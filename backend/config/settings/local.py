"""Development on a laptop: the embedded defaults, debug on."""

from .base import *  # noqa: F403
from .env import env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", True)
# A key for local development only; production refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "local-development-only-not-a-secret-do-not-deploy")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],0.0.0.0")

# No collectstatic in development: WhiteNoise looks files up per request.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
