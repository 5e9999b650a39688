"""Background work for the Safe Places network (run by ``db_worker`` in production)."""

from django_tasks import task

from . import services


@task()
def geocode_venue_task(venue_id: int) -> bool:
    """Find a new venue's map point. On failure the daily run tries again."""
    return services.geocode_venue(venue_id)


@task()
def safe_places_daily() -> dict[str, int]:
    """Annual-check reminders, lapsing and geocoding retries. Queue it once a day."""
    return services.run_daily()
