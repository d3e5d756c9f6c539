"""HTTP for households, members, invitations and the activity log: parse, call one service or
selector, answer. Who may do what is decided by budget.households.access (HouseholdRole)."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .access import HouseholdRole, HouseholdScoped
from .filters import ActivityFilter
from .models import ActivityEntry, Invitation, Membership, Role
from .selectors import activity_list, household_get, household_list, invitation_list, member_list
from .serializers import (
    ActivityEntrySerializer,
    HouseholdDeleteSerializer,
    HouseholdInputSerializer,
    HouseholdSerializer,
    InvitationAcceptSerializer,
    InvitationCreatedSerializer,
    InvitationInputSerializer,
    InvitationSerializer,
    MemberInputSerializer,
    MemberSerializer,
)


def _parse(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class HouseholdListApi(generics.ListAPIView):
    serializer_class = HouseholdSerializer
    queryset = Membership.objects.none()  # for the schema

    def get_queryset(self):
        return household_list(user=self.request.user)

    @extend_schema(request=HouseholdInputSerializer, responses={201: HouseholdSerializer})
    def post(self, request):
        household = services.household_create(owner=request.user, **_parse(HouseholdInputSerializer, request))
        membership = Membership.objects.get(household=household, user=request.user)
        return Response(
            HouseholdSerializer(household_get(membership=membership)).data, status=status.HTTP_201_CREATED
        )


class InHousehold(APIView):
    """/households/{household_id}/...: HouseholdRole checks the membership named by the URL."""

    permission_classes = [IsAuthenticated, HouseholdRole]
    household_url_kwarg = "household_id"


class HouseholdDetailApi(InHousehold):
    write_role = Role.OWNER

    @extend_schema(responses={200: HouseholdSerializer})
    def get(self, request, household_id):
        return Response(HouseholdSerializer(household_get(membership=self.membership)).data)

    @extend_schema(request=HouseholdInputSerializer, responses={200: HouseholdSerializer})
    def patch(self, request, household_id):
        data = _parse(HouseholdInputSerializer, request)
        services.household_update(household_id=household_id, actor=request.user, **data)
        return Response(HouseholdSerializer(household_get(membership=self.membership)).data)

    @extend_schema(request=HouseholdDeleteSerializer, responses={204: None})
    def delete(self, request, household_id):
        data = _parse(HouseholdDeleteSerializer, request)
        services.household_delete(household_id=household_id, actor=request.user, **data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MemberListApi(InHousehold, generics.ListAPIView):
    serializer_class = MemberSerializer
    queryset = Membership.objects.none()  # for the schema

    def get_queryset(self):
        return member_list(household=self.household)

    @extend_schema(responses={200: MemberSerializer(many=True)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MemberDetailApi(InHousehold):
    @property
    def write_role(self):
        """The owner changes and removes members; any member may remove themself (leave)."""
        if self.request.method == "DELETE" and self.kwargs.get("user_id") == self.request.user.pk:
            return Role.VIEWER
        return Role.OWNER

    @extend_schema(request=MemberInputSerializer, responses={200: MemberSerializer})
    def patch(self, request, household_id, user_id):
        role = _parse(MemberInputSerializer, request)["role"]
        membership = services.membership_update(
            household_id=household_id, actor=request.user, user_id=user_id, role=role
        )
        return Response(MemberSerializer(membership).data)

    @extend_schema(responses={204: None})
    def delete(self, request, household_id, user_id):
        services.membership_delete(household_id=household_id, actor=request.user, user_id=user_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationListApi(InHousehold, generics.ListAPIView):
    read_role = write_role = Role.OWNER
    serializer_class = InvitationSerializer
    queryset = Invitation.objects.none()  # for the schema

    def get_queryset(self):
        return invitation_list(household=self.household)

    @extend_schema(responses={200: InvitationSerializer(many=True)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=InvitationInputSerializer, responses={201: InvitationCreatedSerializer})
    def post(self, request, household_id):
        data = _parse(InvitationInputSerializer, request)
        invitation, token = services.invitation_create(household_id=household_id, actor=request.user, **data)
        answer = {
            "id": invitation.pk,
            "email": invitation.email,
            "role": invitation.role,
            "token": token,
            "link": services.invitation_link(token),
            "expires_at": invitation.expires_at,
        }
        return Response(InvitationCreatedSerializer(answer).data, status=status.HTTP_201_CREATED)


class InvitationDetailApi(InHousehold):
    read_role = write_role = Role.OWNER

    @extend_schema(responses={204: None})
    def delete(self, request, household_id, invitation_id):
        services.invitation_revoke(household_id=household_id, actor=request.user, invitation_id=invitation_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationAcceptApi(APIView):
    @extend_schema(
        request=InvitationAcceptSerializer,
        responses={
            200: HouseholdSerializer,
        },
    )
    def post(self, request):
        token = _parse(InvitationAcceptSerializer, request)["token"]
        membership = services.invitation_accept(user=request.user, token=token)
        return Response(HouseholdSerializer(household_get(membership=membership)).data)


class ActivityListApi(HouseholdScoped, generics.ListAPIView):
    """Newest first; members of the household (?household=, else the default) read it."""

    serializer_class = ActivityEntrySerializer
    filterset_class = ActivityFilter
    queryset = ActivityEntry.objects.none()  # for the schema

    def get_queryset(self):
        return activity_list(household=self.household)

    @extend_schema(responses={200: ActivityEntrySerializer(many=True)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
