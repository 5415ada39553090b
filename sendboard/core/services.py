from datetime import date

from django.db import transaction

from sendboard.audit.models import AuditEvent
from sendboard.audit.services import audit_record
from sendboard.core.models import NonWorkingDay


@transaction.atomic
def non_working_day_create(*, user, day: date, reason: str) -> NonWorkingDay:
    non_working_day = NonWorkingDay.objects.create(date=day, reason=reason, created_by=user)
    audit_record(kind=AuditEvent.Kind.RECORD_CHANGED, user=user, detail=f"Added non-working day {day.isoformat()}")
    return non_working_day
