import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from budget.core.pagination import PageNumberPagination


@pytest.mark.parametrize(("query", "expected"), [("", 50), ("?page_size=10", 10), ("?page_size=100000", 500)])
def test_page_size_defaults_to_50_and_stops_at_500(query, expected):
    request = Request(APIRequestFactory().get(f"/api/anything/{query}"))
    assert PageNumberPagination().get_page_size(request) == expected


def test_pages_answer_count_next_previous_results():
    paginator = PageNumberPagination()
    request = Request(APIRequestFactory().get("/api/anything/?page=2&page_size=2"))
    page = paginator.paginate_queryset(list(range(5)), request)
    body = paginator.get_paginated_response(page).data
    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == 5
    assert body["results"] == [2, 3]
    assert "page=3" in body["next"]
