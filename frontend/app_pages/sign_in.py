import streamlit as st

from budget_ui import auth
from budget_ui.api import ApiError

st.title("Budget")
st.write("Where your money is, and what it is for. Sign in, or create an account to start.")

sign_in_tab, sign_up_tab = st.tabs(["Sign in", "Sign up"])

with sign_in_tab, st.form("signin_form"):
    email = st.text_input("Email", key="signin_email")
    password = st.text_input("Password", type="password", key="signin_password")
    if st.form_submit_button("Sign in", type="primary"):
        if not email or not password:
            st.error("Enter your email and password.")
        else:
            try:
                auth.sign_in(email, password)
            except ApiError as exc:
                st.error(exc.message)
            else:
                st.rerun()

with sign_up_tab, st.form("signup_form"):
    full_name = st.text_input("Full name", key="signup_full_name")
    new_email = st.text_input("Email", key="signup_email")
    new_password = st.text_input("Password", type="password", key="signup_password")
    confirm = st.text_input("Repeat the password", type="password", key="signup_confirm")
    if st.form_submit_button("Create account", type="primary"):
        if not new_email or not new_password:
            st.error("Enter an email and a password.")
        elif new_password != confirm:
            st.error("The two passwords differ.")
        else:
            try:
                auth.sign_up(new_email, new_password, full_name)
            except ApiError as exc:
                st.error(exc.message)
            else:
                st.rerun()
