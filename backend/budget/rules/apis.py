"""HTTP for rules: parse, call one service or selector, answer."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from budget.households.access import HouseholdScoped
from budget.households.models import Role
from budget.ledger.apis import parse

from . import services
from .matching import actions_of
from .models import Rule
from .selectors import rule_list, rule_match
from .serializers import RuleInputSerializer, RuleMatchInputSerializer, RuleMatchSerializer, RuleSerializer


class RuleViewSet(
    HouseholdScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Rule.objects.none()  # for the schema; requests use get_queryset
    serializer_class = RuleSerializer

    def get_queryset(self):
        return rule_list(**self.scope()).order_by("priority", "created_at", "id")

    @extend_schema(request=RuleInputSerializer, responses={201: RuleSerializer})
    def create(self, request):
        data = parse(RuleInputSerializer, request, household=self.household)
        rule = services.rule_create(user=request.user, household=self.household, **data)
        return Response(RuleSerializer(rule).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RuleInputSerializer, responses={200: RuleSerializer})
    def partial_update(self, request, pk=None):
        rule = self.get_object()
        data = parse(RuleInputSerializer, request, household=rule.household_id, partial=True)
        return Response(RuleSerializer(services.rule_update(rule=rule, user=request.user, **data)).data)

    def perform_destroy(self, instance):
        services.rule_delete(rule=instance, user=self.request.user)


class RuleMatchApi(HouseholdScoped, APIView):
    read_role = Role.VIEWER
    write_role = Role.VIEWER  # a question, not a write

    @extend_schema(request=RuleMatchInputSerializer, responses={200: RuleMatchSerializer})
    def post(self, request):
        data = parse(RuleMatchInputSerializer, request, household=self.household)
        rule = rule_match(household=self.household, **data)
        if rule is None:
            return Response({"rule": None, "rule_name": None, "actions": None})
        actions = {
            key: str(value) if key in ("category", "bucket") and value else value
            for key, value in actions_of(rule).items()
        }
        return Response({"rule": str(rule.pk), "rule_name": rule.name, "actions": actions})
