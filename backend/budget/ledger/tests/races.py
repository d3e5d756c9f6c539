"""Real parallel HTTP requests against the live server: the requests start together on a barrier."""

import threading
from concurrent.futures import ThreadPoolExecutor

import requests
from rest_framework_simplejwt.tokens import RefreshToken


class Racer:
    """Sends several requests at the same moment, one thread and one HTTP connection each."""

    def __init__(self, live_server, user):
        self.base = live_server.url
        self.headers = {"Authorization": f"Bearer {RefreshToken.for_user(user).access_token}"}

    def call(self, method: str, path: str, body=None) -> requests.Response:
        return requests.request(method, self.base + path, json=body, headers=self.headers, timeout=60)

    def race(self, *calls: tuple) -> list[requests.Response]:
        """Each call is (method, path[, body]); answers come back in the same order."""
        return Racer.race_as([(self, call) for call in calls])

    @staticmethod
    def race_as(pairs: list[tuple["Racer", tuple]]) -> list[requests.Response]:
        """Like race, each call sent by its own racer (another member, another token)."""
        start = threading.Barrier(len(pairs))

        def send(pair):
            racer, call = pair
            start.wait(timeout=30)
            return racer.call(*call)

        with ThreadPoolExecutor(max_workers=len(pairs)) as pool:
            return list(pool.map(send, pairs))


def server_errors(responses) -> list[str]:
    return [
        f"{r.request.method} {r.url}: {r.status_code} {r.text[:200]}"
        for r in responses
        if r.status_code >= 500
    ]
