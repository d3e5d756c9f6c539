from .models import Import, ImportRow


def import_list(*, household=None, member=None):
    imports = Import.objects.defer("content")
    if member is not None:
        return imports.for_user(member)
    return imports.for_household(household)


def import_rows(*, statement: Import, status: str | None = None):
    rows = ImportRow.objects.filter(statement=statement).order_by("line")
    if status == "INVALID":
        return rows.exclude(error="")
    if status:
        return rows.filter(error="", duplicate=status)
    return rows
