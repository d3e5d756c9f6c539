"""The Budget API's households, members, invitations and activity, as methods of the client (`Api`)."""

from typing import Any


def _rows(body: Any) -> list[dict]:
    """A list answer's rows, paginated or not."""
    return body["results"] if isinstance(body, dict) else body


class HouseholdCalls:
    """Mixed into `api.Api`, whose `request` and `_scoped` these use."""

    def households(self) -> list[dict]:
        """Mine: [{id, name, role, members, created_at}]."""
        return _rows(self.request("GET", "households/", params={"page_size": 500}))

    def household_create(self, name: str) -> dict:
        return self.request("POST", "households/", json={"name": name})

    def household_rename(self, household_id: str, name: str) -> dict:
        return self.request("PATCH", f"households/{household_id}/", json={"name": name})

    def household_delete(self, household_id: str, confirm: str) -> None:
        self.request("DELETE", f"households/{household_id}/", json={"confirm": confirm})

    def members(self, household_id: str) -> list[dict]:
        return _rows(self.request("GET", f"households/{household_id}/members/", params={"page_size": 500}))

    def member_update(self, household_id: str, user_id: str, role: str) -> dict:
        return self.request("PATCH", f"households/{household_id}/members/{user_id}/", json={"role": role})

    def member_remove(self, household_id: str, user_id: str) -> None:
        """Removes a member (owner), or leaves the household when it is the signed-in user."""
        self.request("DELETE", f"households/{household_id}/members/{user_id}/")

    def invitations(self, household_id: str) -> list[dict]:
        path = f"households/{household_id}/invitations/"
        return _rows(self.request("GET", path, params={"page_size": 500}))

    def invite(self, household_id: str, email: str, role: str) -> dict:
        """{id, email, role, token, link, expires_at}: the token and link are shown only here."""
        body = {"email": email, "role": role}
        return self.request("POST", f"households/{household_id}/invitations/", json=body)

    def invitation_revoke(self, household_id: str, invitation_id: str) -> None:
        self.request("DELETE", f"households/{household_id}/invitations/{invitation_id}/")

    def invitation_accept(self, token: str) -> dict:
        """The household joined."""
        return self.request("POST", "invitations/accept/", json={"token": token})

    def activity(self, **filters) -> dict:
        """One page of the household's activity, newest first: {count, next, previous, results}."""
        return self.request("GET", "activity/", params=self._scoped(filters))
