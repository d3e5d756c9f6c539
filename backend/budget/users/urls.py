from django.urls import path

from . import apis

urlpatterns = [
    path("auth/register/", apis.RegisterApi.as_view(), name="register"),
    path("auth/logout/", apis.LogoutApi.as_view(), name="logout"),
    path("token/", apis.TokenObtainApi.as_view(), name="token-obtain"),
    path("token/refresh/", apis.TokenRefreshApi.as_view(), name="token-refresh"),
    path("users/me/", apis.MeApi.as_view(), name="me"),
    path("users/me/password/", apis.PasswordChangeApi.as_view(), name="me-password"),
]
