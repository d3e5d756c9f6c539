"""Container health check: exit 0 when GET /api/health/ answers 200, 1 otherwise (one line why).

Run as `python -m config.healthcheck`. It asks with a Host header the API accepts (the first of
ALLOWED_HOSTS), so production's host check does not turn the probe into a 400.
"""

import os
import sys
import urllib.error
import urllib.request

URL = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/api/health/")


def probe_host() -> str:
    first = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip()
    return "localhost" if first in ("", "*") else first.lstrip(".")


def main() -> int:
    request = urllib.request.Request(URL, headers={"Host": probe_host()})  # noqa: S310 - a fixed http URL
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            print(response.read().decode()[:200])
            return 0
    except urllib.error.HTTPError as exc:
        print(f"unhealthy: {exc.code} {exc.read().decode()[:200]}")
    except OSError as exc:
        print(f"unreachable: {exc}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
