"""Reads about support services. Nothing here writes."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .models import ServiceHours, SupportService

CHECK_EVERY_MONTHS = 6


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier, or the last day of that month when
    it is shorter (31 August less 6 months is 28 or 29 February)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def check_due_before(today: datetime.date | None = None) -> datetime.date:
    """Services last checked before this date are "not checked for 6 months"."""
    today = today or timezone.localdate()
    return months_before(today, CHECK_EVERY_MONTHS)


def services_to_check(today: datetime.date | None = None) -> QuerySet[SupportService]:
    """Services whose details were last checked more than 6 calendar months ago, oldest
    first. One checked exactly 6 months ago today is not yet due."""
    return SupportService.objects.filter(date_checked__lt=check_due_before(today)).order_by(
        "date_checked", "name"
    )


def staff_support_services() -> list[SupportService]:
    """Published services ticked "offer to staff", by name, each with its hours rows.

    One query (services left-joined to their hours), since this is on every module's last
    lesson. Open or closed is still worked out when the page shows it."""
    service_fields = [field.attname for field in SupportService._meta.concrete_fields]
    hour_fields = [field.attname for field in ServiceHours._meta.concrete_fields]
    rows = (
        SupportService.objects.filter(live=True, staff_support=True)
        .order_by("name", "pk", "opening_hours__weekday")
        .values_list(*service_fields, *(f"opening_hours__{name}" for name in hour_fields))
    )
    service_pk = service_fields.index(SupportService._meta.pk.attname)
    hours_pk = hour_fields.index(ServiceHours._meta.pk.attname)
    services: dict[int, SupportService] = {}
    for row in rows:
        service_values, hour_values = row[: len(service_fields)], row[len(service_fields) :]
        service = services.get(service_values[service_pk])
        if service is None:
            service = SupportService.from_db(rows.db, service_fields, service_values)
            service.set_hours_rows([])
            services[service.pk] = service
        if hour_values[hours_pk] is not None:  # the service has this hours row
            service.hours_rows().append(ServiceHours.from_db(rows.db, hour_fields, hour_values))
    return list(services.values())
