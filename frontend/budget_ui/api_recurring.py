"""The Budget API's recurring items beyond plain CRUD, as methods of the client (`Api`)."""


class RecurringCalls:
    """Mixed into `api.Api`, whose `request` and `_scoped` these use."""

    def recurring_upcoming(self, days: int = 30) -> list[dict]:
        """Open dates of the next `days` days (and overdue ones), each with its projected balance."""
        return self.request("GET", "recurring/upcoming/", params=self._scoped({"days": days}))

    def recurring_post(self, item_id: str, date: str) -> dict:
        return self.request("POST", f"recurring/{item_id}/post/", json={"date": date})

    def recurring_skip(self, item_id: str, date: str) -> dict:
        return self.request("POST", f"recurring/{item_id}/skip/", json={"date": date})
