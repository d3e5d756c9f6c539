import streamlit as st

st.title("Guide")
st.markdown(
    """
Budget answers two questions: **where is my money** and **what is it for**.

### Locations: where money is
A location is a place that holds money: *Cash*, *ING*, *Revolut*. Every
transaction happens in one location, so each location's balance is what you
would count there.

### Buckets: what money is for
A bucket is a purpose: *Necessities*, *Economy*, *Fun*. Each bucket takes a
share of every income (*Necessities 50 %, Economy 20 %, Fun 10 %, …*); the
shares of your buckets add up to **100 %**. The same euro is in one location
and in one bucket at once: the total over locations equals the total over
buckets.

### Categories and their sign
A category says what a transaction is:

| kind | sign | examples | effect |
|---|---|---|---|
| Income | positive | Salary, Interest | adds the amount |
| Expense | negative | Rent, Groceries | takes the amount away |
| Neutral | signed | Transfer, Loan given, Loan repaid | adds or takes as you type it (`-200` or `200`) |

Neutral money moves without being earned or spent. Reports show it in its own
**Neutral** column, apart from income and expenses, and the savings rate leaves
it out; the **Net** does include it (*net = income - expenses + neutral*),
because a loan you received is money you now hold.

### Split income
The add form's **Split an income over all buckets** box is ticked by default:
an income is then shared out by the buckets' percentages (the bucket you chose
is not used); untick it to put an income into one bucket. The worker shares it
out to the cent (any leftover cent goes to one bucket, so the parts always add up
to the income). It needs the buckets to add up to 100 %.

### Money you already have
When you add a location in **Budget setup**, type what it holds today as its
**opening balance** (negative for a card in debt), the day, and the bucket it
belongs to. It is recorded as a neutral transaction, so it counts in the
balances without looking like income.

### Transfers
**Move money** takes an amount out of one location and bucket and puts it
into another (a location, a bucket, or both change). It is recorded as two
neutral transactions, so nothing is earned or spent.

### Households and roles
Everything you record belongs to a **household**: you start with *Personal*,
and can create more or be invited into someone else's. The switcher at the top
of the sidebar chooses which one every page shows. On the **Household** page an
owner invites people by email as:

| role | can |
|---|---|
| Owner | everything, plus members, invitations, renaming and deleting the household |
| Editor | add, edit and delete transactions, and change the setup |
| Viewer | see the lists and reports, change nothing |

The invited person opens the link (from the mail, or the one the owner copies),
signs in or signs up with that email address, and lands in the household. Once
a household is shared, Transactions shows who entered each row, and the
**Activity** tab lists every change, who made it, and the values before and after.

### An example
Your buckets are *Necessities 50 %*, *Economy 30 %*, *Fun 20 %*. On the 1st you
record a salary of **3,000.00** into *ING*, split. The buckets now hold
1,500.00, 900.00 and 600.00. You pay rent of **1,000.00** from *ING* and
*Necessities*, then withdraw **200.00** as cash: a transfer from *ING* to
*Cash* that stays in *Fun*. The Overview shows ING 1,800.00 and Cash 200.00;
Necessities 500.00, Economy 900.00, Fun 600.00; a net balance of 2,000.00. The
Monthly report shows income 3,000.00, expenses 1,000.00 and net 2,000.00.
"""
)
