from django.db.models import Count, QuerySet

from sendboard.accounts.models import Organisation


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.annotate(user_count=Count("users"))
