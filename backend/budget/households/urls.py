from django.urls import path

from . import apis

urlpatterns = [
    path("households/", apis.HouseholdListApi.as_view(), name="household-list"),
    path("households/<uuid:household_id>/", apis.HouseholdDetailApi.as_view(), name="household-detail"),
    path("households/<uuid:household_id>/members/", apis.MemberListApi.as_view(), name="member-list"),
    path(
        "households/<uuid:household_id>/members/<uuid:user_id>/",
        apis.MemberDetailApi.as_view(),
        name="member-detail",
    ),
    path(
        "households/<uuid:household_id>/invitations/",
        apis.InvitationListApi.as_view(),
        name="invitation-list",
    ),
    path(
        "households/<uuid:household_id>/invitations/<uuid:invitation_id>/",
        apis.InvitationDetailApi.as_view(),
        name="invitation-detail",
    ),
    path("invitations/accept/", apis.InvitationAcceptApi.as_view(), name="invitation-accept"),
    path("activity/", apis.ActivityListApi.as_view(), name="activity-list"),
]
