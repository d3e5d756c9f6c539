"""Two people share one budget through the real pages and the real API: the owner invites, the
invited person signs up from the link and sees the shared ledger (and who entered it); a viewer is
offered no way to write."""

from urllib.parse import parse_qs, urlsplit

import streamlit as st

from budget.households.models import Membership
from budget.ledger.models import Transaction
from tests.e2e.conftest import PASSWORD, Ui

ANA, BOB, CY = "ana@example.com", "bob@example.com", "cy@example.com"


def invite(ui, email: str, role: str, label: str) -> str:
    """Ana invites from the Household page; the token of the link shown to copy."""
    ui.open("household")
    ui.at.text_input(key="household_invite_email").input(email)
    ui.choose("household_invite_role", label, role)
    ui.submit("Invite")
    ui.assert_no_error()
    [link] = [code.value for code in ui.at.code]
    assert "/household?invitation=" in link
    return parse_qs(urlsplit(link).query)["invitation"][0]


def open_link_signed_out(api_url: str, token: str) -> Ui:
    """A new browser opening the link: the sign-in form, under the invitation's address."""
    browser = Ui(api_url)
    browser.at.switch_page("app_pages/household.py")
    browser.at.query_params["invitation"] = token
    browser.run()
    assert browser.at.title[0].value == "Budget"
    assert browser.signed_in_as() is None
    return browser


def test_owner_invites_the_second_signs_up_from_the_link_and_shares_the_ledger(ui, new_session):
    ui.sign_up(ANA, "Ana Popescu")
    shared = ui.household()
    ui.open("setup")
    ui.add_location("Bank")
    ui.add_bucket("Necessities", "100")
    ui.add_category("Rent", "NEGATIVE")
    ui.open("transactions")
    ui.add_transaction("Rent", "900.00", "Flat rent", "Bank", bucket="Necessities")
    editor_token = invite(ui, BOB, "EDITOR", "Editor")
    viewer_token = invite(ui, CY, "VIEWER", "Viewer")

    bob = open_link_signed_out(ui.api_url, editor_token)
    bob.sign_up(BOB, "Bob Ionescu")
    assert "You joined “Personal” as editor." in bob.texts("success")
    assert bob.household() == shared
    bob.open("transactions")
    table = bob.table(
        next(f.key for f in bob.at.dataframe if f.key and f.key.startswith("transactions_editor"))
    )
    assert table["Description"].tolist() == ["Flat rent"]
    assert table["By"].tolist() == [ANA]  # shared now: who entered it
    bob.add_transaction("Rent", "50.00", "Rent top-up", "Bank", bucket="Necessities")
    added = Transaction.objects.get(description="Rent top-up")
    assert (str(added.household_id), added.created_by.email) == (shared, BOB)

    cy = new_session()
    cy.sign_up(CY, "Cy")  # signed up first, then opens the link
    cy.at.query_params["invitation"] = viewer_token
    cy.open("household")
    assert "You joined “Personal” as viewer." in cy.texts("success")
    cy.open("transactions")
    assert "You can view this household; an owner can make you an editor." in cy.texts("info")
    assert not [b for b in cy.at.button if b.label in ("Add transaction", "Transfer")]
    assert not cy.at.data_editor
    assert sorted(cy.tables()[0]["Description"]) == ["Flat rent", "Rent top-up"]

    # Ana's Activity tab lists who did what in the shared household (once her cached read, kept for
    # up to a minute, has expired: dropped here).
    st.cache_data.clear()
    ui.open("household")
    activity = ui.tables()[-1]
    assert {"transaction.created", "member.joined"} <= set(activity["Action"])
    assert BOB in set(activity["Who"])


def test_refused_invitation_link_says_why(ui):
    ui.sign_up(ANA, "Ana Popescu")
    token = invite(ui, BOB, "EDITOR", "Editor")
    other = open_link_signed_out(ui.api_url, token)
    other.at.text_input(key="signup_email").input(CY)  # not the invited address
    other.at.text_input(key="signup_password").input(PASSWORD)
    other.at.text_input(key="signup_confirm").input(PASSWORD)
    other.submit("Create account")
    assert other.signed_in_as() == CY
    [message] = other.texts("error")
    assert message.startswith("This invitation could not be accepted: This invitation was sent to another")
    assert Membership.objects.filter(user__email=CY).count() == 1  # only Cy's own Personal
