"""The Budget API's statement imports and rules, as methods of the client (`Api`)."""

import json
from typing import Any

UPLOAD_TIMEOUT_SECONDS = 60


class ImportCalls:
    """Mixed into `api.Api`, whose `request` and `_scoped` these use."""

    def import_upload(
        self, *, filename: str, content: bytes, location: str, mapping: dict | None = None
    ) -> dict:
        form: dict[str, Any] = {"location": location}
        if mapping:
            form["mapping"] = json.dumps(mapping)
        return self.request(
            "POST",
            "imports/",
            params=self._scoped(),
            data=form,
            files={"file": (filename, content)},
            timeout=UPLOAD_TIMEOUT_SECONDS,
        )

    def imports(self) -> list[dict]:
        return self.request("GET", "imports/", params=self._scoped({"page_size": 50}))["results"]

    def import_get(self, import_id: str) -> dict:
        return self.request("GET", f"imports/{import_id}/")

    def import_rows(self, import_id: str) -> list[dict]:
        rows, number = [], 1
        while True:
            body = self.request(
                "GET", f"imports/{import_id}/rows/", params={"page": number, "page_size": 500}
            )
            rows += body["results"]
            if not body.get("next"):
                return rows
            number += 1

    def import_row_update(self, import_id: str, line: int, body: dict) -> dict:
        return self.request("PATCH", f"imports/{import_id}/rows/{line}/", json=body)

    def import_commit(self, import_id: str) -> dict:
        return self.request("POST", f"imports/{import_id}/commit/", json={})

    def import_delete(self, import_id: str) -> None:
        self.request("DELETE", f"imports/{import_id}/")

    def rule_match(self, *, description: str, amount: str | None = None, location: str | None = None) -> dict:
        body = {"description": description, "amount": amount, "location": location}
        return self.request("POST", "rules/match/", params=self._scoped(), json=body)
