"""Reading an OFX/QFX statement (1.x SGML or 2.x XML) with ofxtools; the bank's FITID identifies a row."""

import io
import logging
from decimal import Decimal

from ofxtools.Parser import OFXTree

from budget.core.fields import CENT, MAX_AMOUNT

from .reading import MAX_ROWS, FileError, Row, Statement

# ofxtools logs every element it converts at INFO: 20,000 lines for a year of statements.
logging.getLogger("ofxtools").setLevel(logging.WARNING)


def read_ofx(content: bytes) -> Statement:
    if not content.strip():
        raise FileError("The file is empty.")
    tree = OFXTree()
    try:
        tree.parse(io.BytesIO(content))
        ofx = tree.convert()
    except Exception as exc:  # ofxtools raises many kinds; the person needs the reason, not the class
        raise FileError(f"The OFX file cannot be read: {str(exc)[:200] or type(exc).__name__}.") from None
    transactions = [txn for statement in ofx.statements for txn in statement.transactions]
    if len(transactions) > MAX_ROWS:
        raise FileError(
            f"The file has {len(transactions):,} transactions; at most {MAX_ROWS:,} are read at once."
        )
    rows = []
    for number, txn in enumerate(transactions, start=1):
        description = " ".join(" ".join(filter(None, [txn.name, txn.memo])).split())[:255]
        row = Row(line=number, date=txn.dtposted.date(), description=description, bank_id=txn.fitid or "")
        amount = Decimal(txn.trnamt)
        problems = []
        if amount != amount.quantize(CENT) or abs(amount) > MAX_AMOUNT:
            problems.append(f"the amount {amount} is not an amount with at most two decimals")
        else:
            row.amount = amount.quantize(CENT)
        if not description:
            problems.append("no description (NAME or MEMO)")
        if not row.bank_id:
            problems.append("no FITID")
        if problems:
            row.error = f"Transaction {number}: {'; '.join(problems)}."
        rows.append(row)
    return Statement(rows=rows, mapping={})
