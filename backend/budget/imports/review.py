"""What each read row becomes before review: its import key, whether it is already in the ledger,
and the category, bucket and split proposed for it. A few batched queries for the whole file."""

import datetime
import hashlib
from collections import Counter, defaultdict

from budget.ledger.models import Bucket, Category, Sign, Transaction
from budget.rules.matching import first_match, fold
from budget.rules.selectors import rules_active

from .models import Duplicate, ImportRow
from .reading import Row

CHUNK = 500
NEAR = datetime.timedelta(days=3)


def import_key(row: Row, occurrence: int) -> str:
    """OFX: the bank's FITID. CSV: date, amount, normalised description and the occurrence among
    identical rows of the file (two identical coffees on one day are two rows)."""
    if row.bank_id:
        key = f"ofx:{row.bank_id}"
        return key if len(key) <= 255 else "ofx:" + hashlib.sha256(row.bank_id.encode()).hexdigest()
    text = f"{row.date.isoformat()}|{row.amount}|{fold(row.description)}|{occurrence}"
    return "csv:" + hashlib.sha256(text.encode()).hexdigest()[:40]


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _fits(sign: str, amount) -> bool:
    """Whether a category of this sign can take a row of this direction."""
    return sign == Sign.NEUTRAL or (sign == Sign.POSITIVE) == (amount > 0)


class Proposer:
    """First matching rule, else the last transaction with the same description, else nothing."""

    def __init__(self, household_id, location_id, descriptions: set[str]):
        self.location_id = location_id
        self.rules = rules_active(household=household_id)
        self.categories = {c.pk: c for c in Category.objects.for_household(household_id).active()}
        self.buckets = {b.pk for b in Bucket.objects.for_household(household_id).active()}
        self.last = {}
        for chunk in _chunks(sorted(descriptions)):
            rows = (
                Transaction.objects.for_household(household_id)
                .filter(description__in=chunk, transfer__isnull=True)
                .order_by("date", "created_at")
                .values_list("description", "category_id", "bucket_id", "split_income")
            )
            for description, *proposal in rows:
                self.last[description] = proposal

    def _usable(self, category_id, bucket_id, split, amount):
        category = self.categories.get(category_id)
        if category is None or not _fits(category.sign, amount):
            return None
        split = bool(split) and category.sign == Sign.POSITIVE
        bucket_id = None if split or bucket_id not in self.buckets else bucket_id
        return category.pk, bucket_id, split

    def propose(self, row: ImportRow) -> None:
        rule = first_match(
            self.rules, description=row.description, amount=row.amount, location_id=self.location_id
        )
        proposal = None
        if rule is not None:
            if rule.description:
                row.description = rule.description[:255]
            if rule.category_id:
                proposal = self._usable(rule.category_id, rule.bucket_id, rule.split_income, row.amount)
        if proposal is None and row.description in self.last:
            proposal = self._usable(*self.last[row.description], row.amount)
        if proposal is not None:
            row.category_id, row.bucket_id, row.split_income = proposal
        elif rule is not None and rule.bucket_id in self.buckets and not rule.split_income:
            row.bucket_id = rule.bucket_id


def review_rows(*, household_id, location_id, rows: list[Row], progress=None) -> list[ImportRow]:
    """ImportRows for the read rows, flagged and proposed; `progress(done)` is called now and then."""
    occurrences = Counter()
    result = []
    for row in rows:
        item = ImportRow(line=row.line, date=row.date, description=row.description, amount=row.amount)
        if row.error:
            item.error, item.include = row.error[:255], False
        else:
            identity = (row.bank_id,) if row.bank_id else (row.date, row.amount, fold(row.description))
            occurrences[identity] += 1
            item.import_id = import_key(row, occurrences[identity])
            if row.bank_id and occurrences[identity] > 1:
                item.duplicate = Duplicate.DUPLICATE  # the bank sent the same FITID twice
        result.append(item)
    readable = [item for item in result if not item.error]
    _flag_duplicates(household_id, location_id, readable)
    proposer = Proposer(household_id, location_id, {item.description for item in readable})
    for done, item in enumerate(readable, start=1):
        proposer.propose(item)
        item.include = item.duplicate == Duplicate.NEW
        if progress and done % CHUNK == 0:
            progress(done)
    return result


def _flag_duplicates(household_id, location_id, rows: list[ImportRow]) -> None:
    in_location = Transaction.objects.for_household(household_id).filter(location_id=location_id)
    known = {}
    for chunk in _chunks([row.import_id for row in rows]):
        known.update(in_location.filter(import_id__in=chunk).values_list("import_id", "pk"))
    for row in rows:
        if row.import_id in known:
            row.duplicate, row.duplicate_of_id = Duplicate.DUPLICATE, known[row.import_id]
    open_rows = [row for row in rows if row.duplicate == Duplicate.NEW]
    if not open_rows:
        return
    first, last = min(row.date for row in open_rows), max(row.date for row in open_rows)
    typed = defaultdict(list)  # signed amount -> [(date, id)], rows typed by hand
    hand = in_location.filter(import_id__isnull=True, date__gte=first - NEAR, date__lte=last + NEAR)
    for pk, date, amount in hand.values_list("pk", "date", "signed_amount"):
        typed[amount].append((date, pk))
    for row in open_rows:
        for date, pk in typed.get(row.amount, ()):
            if abs(date - row.date) <= NEAR:
                row.duplicate, row.duplicate_of_id = Duplicate.POSSIBLE, pk
                break
